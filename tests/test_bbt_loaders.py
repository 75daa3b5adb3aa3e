"""The two BBT loaders, each building its document alone, checked against values read from the documents."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from beleidskg import build, store, templates
from beleidskg.loaders import bbt_opmaak, bbt_uitvoering, kind_of
from beleidskg.loaders.numbers import amounts_in
from beleidskg.loaders.source import SourceDocument

from .conftest import corpus_file

TEMPLATES = templates.load_all()


def rows(db: ox.Store, name: str, **params: str) -> list[dict]:
    """The rows of template ``name`` as dicts."""
    return templates.run(db, TEMPLATES[name], params).records()


def alone(prefix: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ox.Store]:
    path = tmp_path_factory.mktemp(f"alone-{prefix}") / "store"
    build.build([corpus_file(prefix)], path)
    with store.opened(path) as db:
        yield db


@pytest.fixture(scope="module")
def opmaak(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ox.Store]:
    yield from alone("000", tmp_path_factory)


@pytest.fixture(scope="module")
def uitvoering(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ox.Store]:
    yield from alone("004", tmp_path_factory)


def amount_table(db: ox.Store, article: str) -> dict[tuple[str, int, str], tuple[Decimal, str]]:
    """(line, year, credit) -> (amount, source lines) of one article's table."""
    found = rows(db, "article-amounts", article=article)
    return {(r["line"], r["year"], r["credit"]): (r["amount"], r["source_lines"]) for r in found}


def test_each_loader_recognises_exactly_its_own_document(corpus_docs: dict[str, SourceDocument]) -> None:
    assert [p for p, d in corpus_docs.items() if bbt_opmaak.recognise(d)] == ["000"]
    assert [p for p, d in corpus_docs.items() if bbt_uitvoering.recognise(d)] == ["004"]
    assert kind_of(corpus_docs["000"]) is bbt_opmaak.KIND


# -- begrotingsopmaak (000) -------------------------------------------------------------------------------------


def test_credit_evolution_of_collectief_maatwerk_has_every_row_and_column(opmaak: ox.Store) -> None:
    table = amount_table(opmaak, "TB0-1THC2UA-WT")
    assert table == {
        ("BA", 2025, "VAK"): (Decimal(598220), "874-874"),
        ("BA", 2025, "VEK"): (Decimal(568220), "874-874"),
        ("Index", 2026, "VAK"): (Decimal(11433), "876-876"),
        ("Index", 2026, "VEK"): (Decimal(11433), "876-876"),
        ("Compensaties", 2026, "VAK"): (Decimal(-1174), "878-878"),
        ("Compensaties", 2026, "VEK"): (Decimal(-1174), "878-878"),
        ("Andere bijstellingen", 2026, "VAK"): (Decimal(-7814), "880-880"),
        ("Andere bijstellingen", 2026, "VEK"): (Decimal(22186), "880-880"),
        ("BO", 2026, "VAK"): (Decimal(600665), "882-882"),
        ("BO", 2026, "VEK"): (Decimal(600665), "882-882"),
    }


def test_compensations_are_read_in_both_directions_with_wrapped_explanations(opmaak: ox.Store) -> None:
    flows = {(r["article"], r["direction"], r["counterpart"], r["credit"]): r for r in rows(opmaak, "compensations")}
    out = flows[("TB0-1THC2UA-WT", "Naar", "TB0-1THC2UF-WT", "VAK")]
    back = flows[("TB0-1THC2UF-WT", "Van", "TB0-1THC2UA-WT", "VAK")]
    assert (out["amount"], back["amount"]) == (Decimal(-1174), Decimal(1174))
    assert back["source_lines"] == "1290-1290"
    # the explanation of this row wraps over four lines of the third column
    wrapped = flows[("TB0-1THC2UF-WT", "Naar", "SJ0-1SMC2GC-WT", "VEK")]
    assert wrapped["amount"] == Decimal(-14300)
    assert wrapped["explanation"] == (
        "Omzetting sectorale subsidies in algemene financiering gemeenten voor lokaal sociale-economiebeleid"
    )


def test_goal_article_links_are_stated_both_ways_with_their_lines(opmaak: ox.Store) -> None:
    links = {(r["od"], r["article"], r["stated_by"]): r["source_lines"] for r in rows(opmaak, "goal-articles")}
    assert len(links) == 24
    # the OD's footnote and the article's list of ODs (a list item that wraps over two lines)
    assert links[("OD 1", "TB0-1THC2UA-WT", "od")] == "357-359"
    assert links[("OD 2", "TB0-1THC2UA-WT", "article")] == "854-857"
    assert {od for od, _, _ in links} == {f"OD {n}" for n in range(1, 10)}


def test_goals_have_joined_titles_without_footnote_markers(opmaak: ox.Store) -> None:
    goals = {(r["level"], r["number"]): r for r in rows(opmaak, "goals")}
    assert sorted(goals) == [("OD", n) for n in range(1, 10)] + [("SD", 1), ("SD", 2)]
    for goal in goals.values():
        assert not goal["title"][-1].isdigit(), goal


def test_totals_of_the_document_and_programme(opmaak: ox.Store) -> None:
    totals = {(r["level"], r["line"], r["credit"]): r["amount"] for r in rows(opmaak, "budget-totals")}
    assert totals[("document", "BO", "VAK")] == Decimal(764871)
    assert totals[("document", "BO", "VEK")] == Decimal(765000)
    assert totals[("programme", "BA", "VAK")] == Decimal(721831)


def test_receipt_articles_have_receipt_credit_types(opmaak: ox.Store) -> None:
    receipts = [r for r in rows(opmaak, "article-amounts") if r["article"].split("-")[1].startswith("9")]
    assert receipts
    assert {r["credit"] for r in receipts} <= {"AO", "TO", "LO"}


# -- begrotingsuitvoering (004) ---------------------------------------------------------------------------------


def test_execution_table_of_an_expenditure_article(uitvoering: ox.Store) -> None:
    table = amount_table(uitvoering, "JB0-1JDB2CA-WT")
    assert table == {
        (line, 2023, credit): (Decimal(value), "1863-1863")
        for line, value in (("1e BA", 356797), ("1e BA-JR", 356799), ("BU", 292136))
        for credit in ("VAK", "VEK")
    }


def test_execution_table_of_a_receipt_article(uitvoering: ox.Store) -> None:
    table = amount_table(uitvoering, "JB0-9JDBACI-OW")
    assert table[("1e BA", 2023, "AO")] == (Decimal(187), "1786-1786")
    assert table[("BU", 2023, "AO")] == (Decimal(144), "1787-1787")
    assert table[("BU", 2023, "LO")] == (Decimal(0), "1787-1787")


def test_all_eighteen_ods_and_three_sds_with_wrapped_titles(uitvoering: ox.Store) -> None:
    goals = {(r["level"], r["number"]): r for r in rows(uitvoering, "goals")}
    assert sorted(goals) == [("OD", n) for n in range(1, 19)] + [("SD", n) for n in range(1, 4)]
    assert goals[("SD", 3)]["title"] == "Veerkrachtige ondernemingen in een toekomstbestendige arbeidsmarkt"
    assert goals[("SD", 3)]["source_lines"] == "419-420"
    assert goals[("OD", 10)]["title"] == (
        "Het werkgelegenheidsbeleid onderbouwen met data en wetenschappelijke inzichten en de uitvoering van de digibanken"
    )
    assert goals[("OD", 17)]["ise"] == "ACTIVERING"


def test_links_stated_in_article_texts(uitvoering: ox.Store) -> None:
    links = {(r["od"], r["article"], r["stated_by"]) for r in rows(uitvoering, "goal-articles")}
    assert ("OD 1", "JB0-1JDB2CA-WT", "article") in links
    assert ("OD 5", "JB0-9JDBACI-OW", "article") in links


@pytest.mark.parametrize("fixture", ["opmaak", "uitvoering"])
def test_every_amount_is_printed_on_its_source_lines(fixture: str, request: pytest.FixtureRequest) -> None:
    db = request.getfixturevalue(fixture)
    found = rows(db, "article-amounts")
    assert len(found) > 70
    for row in found:
        assert row["amount"] in amounts_in(row["source_text"]), row


def test_each_document_alone_builds_the_same_graph_twice(tmp_path: Path, opmaak: ox.Store, uitvoering: ox.Store) -> None:
    """Each build of a document alone (the module's stores are the first) gives the same quads."""
    for prefix, first in (("000", opmaak), ("004", uitvoering)):
        path = tmp_path / prefix
        build.build([corpus_file(prefix)], path)
        with store.opened(path) as db:
            assert store.quads_sorted(db) == store.quads_sorted(first)


def test_a_part_label_split_around_its_amounts_is_rejoined(uitvoering: ox.Store) -> None:
    # 'ESR-' / 'uit-' / amounts / 'gaven' / 'WT, LO,' / 'PR' / 'Toe-' / 'lagen' / 'IS' / amounts (lines 3006-3017)
    totals = [r for r in rows(uitvoering, "budget-totals", level="ISE") if r["subject"].startswith("LOOPBANEN")]
    parts = {(r["part"], r["line"], r["credit"]): (r["amount"], r["source_lines"]) for r in totals}
    assert parts[("ESR-uitgaven", "1e BA", "VAK")] == (Decimal(1686628), "3006-3009")
    assert parts[("ESR-uitgaven", "BU", "VEK")][0] == Decimal(1658521)
    assert parts[("Toelagen", "1e BA", "VAK")][0] == Decimal(0)
    assert parts[("Overige", "BU", "VAK")][0] == Decimal(274683)
    assert {p for p, _, _ in parts} == {"ESR-uitgaven", "Toelagen", "Overige", "Totaal"}


def test_links_stated_with_a_misspelling_an_unclosed_quote_or_no_quotes(uitvoering: ox.Store) -> None:
    links = {(r["od"], r["article"], r["stated_by"]): r["source_lines"] for r in rows(uitvoering, "goal-articles")}
    # 'operatonele doelstelling 17 ‘Collectief Maatwerk versterken’' (line 6881)
    assert links[("OD 17", "JB0-1JEB2HA-WT", "article")] == "6881-6881"
    # '... operationele doelstelling 8 ‘Transities en transformaties op de arbeidsmarkt / ondersteunen.' (no closing quote)
    assert links[("OD 8", "JB0-1JDB2AY-IS", "article")] == "5413-5414"
    # 'bijdraagt tot OD 1: het activeringsbeleid versterken en ... bieden.' (unquoted)
    assert links[("OD 1", "JB0-1JDB2CF-WT", "article")] == "2154-2155"


def test_execution_rates_are_read_with_the_amount_they_are_the_rate_of(uitvoering: ox.Store) -> None:
    found = templates.select(
        uitvoering,
        """PREFIX bkg: <https://w3id.org/beleidskg/def#>
           SELECT ?pct ?amount ?first ?last WHERE {
             ?r a bkg:Uitvoeringsgraad ; bkg:over/bkg:code "JB0-1JDB2CB-WT" ; bkg:percentage ?pct ; bkg:bedrag ?amount ;
                bkg:bron ?span . ?span bkg:eersteRegel ?first ; bkg:laatsteRegel ?last }""",
    ).rows
    # '... bedroeg in 2023 uiteindelijk 112.710 keuro / VAK/VEK of 105,53% van het beschikbare krediet' (wraps)
    assert found == [(Decimal("105.53"), Decimal(112710), 2004, 2005)]
