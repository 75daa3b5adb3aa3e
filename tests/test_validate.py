"""Validation: each consistency rule on a small graph that breaks exactly it (and on the correct case),
the structural shapes on a broken graph, errors injected into copies of the real documents, and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Literal

from beleidskg import build, store, templates, validate
from beleidskg.cli import main
from beleidskg.loaders import claims, reading
from beleidskg.loaders.model import DocumentGraph, plan_iri
from beleidskg.loaders.records import ArticleRef
from beleidskg.loaders.source import SourceDocument
from beleidskg.loaders.vocab import BKG
from beleidskg.loaders.writer import Writer, write_record

from .conftest import corpus_file

D = Decimal
PLAN = plan_iri("Sociale Economie", "2024-2029")


def document(name: str, kind=BKG.BBTBegrotingsopmaak) -> DocumentGraph:
    """A constructed document of 60 numbered lines, so facts can cite lines."""
    text = "\n".join(f"regel {n} van {name}" for n in range(1, 61))
    dg = DocumentGraph(SourceDocument(name=name, text=text), kind, f"test {name}", (1, 1))
    dg.plan("Sociale Economie", "2024-2029")
    return dg


def validated(tmp_path: Path, rule: str, docs: list[DocumentGraph]) -> list[validate.Finding]:
    """Store ``docs`` (with the ontology) and validate with ``rule`` only."""
    path = tmp_path / "store"
    store.write(path, [build.ontology_part(), *(build.document_part(d) for d in docs)], {"documents": []})
    with store.opened(path) as db:
        return validate.run(db, {rule})[0]


def rows(dg: DocumentGraph, table: str, subject, credit: str, values: list[tuple[str, int | None, int]], first: int):
    """Amount rows on consecutive lines from ``first``."""
    for n, (row, year, value) in enumerate(values, start=first):
        dg.amount(table, subject, row, year, credit, D(value), (n, n))


# -- one builder per rule; broken=True breaks exactly that rule; returns the docs and where the finding points ------


def kredietevolutie_som(broken: bool):
    dg = document("a.txt")
    art = dg.article("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK", (10, 10))
    bo = 111 if broken else 110
    rows(dg, "kredietevolutie", art, "VAK",
         [("BA", 2025, 100), ("Index", 2026, 5), ("Compensaties", 2026, -3), ("Andere bijstellingen", 2026, 8), ("BO", 2026, bo)],
         20)  # fmt: skip
    return [dg], [("a.txt", "24-24")], "BO is 111"


def compensatie_spiegel(broken: bool):
    dg = document("a.txt")
    a = dg.article("TB0-1THC2UA-WT", "A", (10, 10))
    b = dg.article("TB0-1THC2UF-WT", "B", (30, 30))
    out = dg.line_item("compensatie", a, 1, "Naar TB0-1THC2UF-WT", (12, 12), counterpart=b, direction="naar")
    dg.amount("compensaties", a, "Compensatie", 2026, "VAK", D(-1174), (12, 12), line_item=out)
    back = dg.line_item("compensatie", b, 1, "Van TB0-1THC2UA-WT", (32, 32), counterpart=a, direction="van")
    dg.amount("compensaties", b, "Compensatie", 2026, "VAK", D(1147 if broken else 1174), (32, 32), line_item=back)
    return [dg], [("a.txt", "12-12"), ("a.txt", "32-32")], "-1174"  # each row misses its mirror


def compensaties_totaal(broken: bool):
    dg = document("a.txt")
    a = dg.article("TB0-1THC2UA-WT", "A", (10, 10))
    for n, value in enumerate((-1000, -174), start=1):
        item = dg.line_item("compensatie", a, n, f"Naar X{n}", (11 + n, 11 + n))
        dg.amount("compensaties", a, "Compensatie", 2026, "VAK", D(value), (11 + n, 11 + n), line_item=item)
    dg.amount("compensaties", a, "TOTAAL", 2026, "VAK", D(-1175 if broken else -1174), (14, 14))
    dg.amount("kredietevolutie", a, "Compensaties", 2026, "VAK", D(-1174), (20, 20))
    return [dg], [("a.txt", "14-14")], "-1175"


def bijstellingen_totaal(broken: bool):
    dg = document("a.txt")
    a = dg.article("TB0-1THC2UA-WT", "A", (10, 10))
    for n, value in enumerate((-7000, -814), start=1):
        item = dg.line_item("bijstelling", a, n, f"Besparing {n}", (11 + n, 11 + n))
        dg.amount("andere-bijstellingen", a, "Andere bijstelling", 2026, "VAK", D(value), (11 + n, 11 + n), line_item=item)
    dg.amount("andere-bijstellingen", a, "TOTAAL", 2026, "VAK", D(-7814), (14, 14))
    dg.amount("kredietevolutie", a, "Andere bijstellingen", 2026, "VAK", D(-7841 if broken else -7814), (20, 20))
    return [dg], [("a.txt", "14-14")], "-7841"


def ise_totaal(broken: bool):
    dg = document("a.txt")
    ise = dg.ise("Sociale economie", "Activering", (5, 5))
    for n, (code, value) in enumerate((("TB0-1THC2UA-WT", 600), ("TB0-1THC2UF-WT", 400)), start=10):
        art = dg.article(code, code, (n, n), ise=ise)
        dg.amount("kredietevolutie", art, "BO", 2026, "VAK", D(value), (n + 10, n + 10))
    dg.amount("totalen", ise, "BO", 2026, "VAK", D(1001 if broken else 1000), (6, 6), part="Totaal")
    return [dg], [("a.txt", "6-6")], "1001"


def programma_totaal(broken: bool):
    dg = document("a.txt")
    prog = dg.programme("TH", "Sociale Economie", (5, 5))
    for n, (code, value) in enumerate((("TB0-1THC2UA-WT", 600), ("TB0-9THCATA-OW", 131)), start=10):
        art = dg.article(code, code, (n, n), programme=prog)
        dg.amount("kredietevolutie", art, "BO", 2026, "VAK", D(value), (n + 10, n + 10))
    dg.amount("totalen", prog, "BO", 2026, "VAK", D(730 if broken else 731), (6, 6))
    return [dg], [("a.txt", "6-6")], "730"


def _linked_pair(dg: DocumentGraph):
    od = dg.goal(PLAN, "OD", 1, "We optimaliseren de maatregel collectief maatwerk", (5, 5))
    art = dg.article("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK", (20, 20))
    return od, art


def koppeling_wederzijds(broken: bool):
    dg = document("a.txt")
    od, art = _linked_pair(dg)
    dg.link(od, art, "od", (7, 8))
    if not broken:
        dg.link(od, art, "article", (22, 23))
    return [dg], [("a.txt", "7-8")], "not at the article"


def od_zonder_artikel(broken: bool):
    dg = document("a.txt")
    od, art = _linked_pair(dg)
    dg.goal(PLAN, "OD", 2, "We voorzien een groeipad", (9, 9))
    dg.link(od, art, "od", (7, 8))
    dg.link(od, art, "article", (22, 23))
    if not broken:
        dg.link(dg.goal(PLAN, "OD", 2, "We voorzien een groeipad", (9, 9)), art, "article", (24, 24))
    return [dg], [("a.txt", "9-9")], "OD 2"


def artikel_zonder_od(broken: bool):
    dg = document("a.txt")
    od, art = _linked_pair(dg)
    other = dg.article("TB0-1THC2UF-WT", "INDIVIDUEEL MAATWERK", (40, 40))
    dg.link(od, art, "od", (7, 8))
    dg.link(od, art, "article", (22, 23))
    if not broken:
        dg.link(od, other, "article", (42, 42))
    return [dg], [("a.txt", "40-40")], "TB0-1THC2UF-WT"


def geciteerde_titel(broken: bool):
    dg = document("a.txt")
    od, art = _linked_pair(dg)
    link = dg.link(od, art, "article", (22, 23))
    quoted = f"We optimaliseren de maatregel {'individueel' if broken else 'collectief'} maatwerk"
    dg.add(link, BKG.geciteerdeTitel, quoted)
    return [dg], [("a.txt", "22-23")], "individueel"


def titel_tussen_documenten(broken: bool):
    nota, bbt = document("a.txt", BKG.Beleidsnota), document("b.txt")
    nota.goal(PLAN, "OD", 2, "We voorzien een groeipad van minstens 1.000 extra plaatsen", (5, 5))
    title = "We voorzien een groeipad van minstens 1.000 extra plaatsen" + (" deze legislatuur" if broken else "")
    bbt.goal(PLAN, "OD", 2, title, (8, 9))
    return [nota, bbt], [("a.txt", "5-5")], "deze legislatuur"


def _indicator(dg: DocumentGraph, line: int, general: int, group: int, gap: str) -> None:
    ind = dg.indicator(PLAN, "De kloof in werkzaamheidsgraad", (line, line))
    dg.indicator_value(ind, "Algemene bevolking", 2016, D(general), "procent", (line + 1, line + 1))
    dg.indicator_value(ind, "Personen met arbeidshandicap", 2016, D(group), "procent", (line + 2, line + 2))
    dg.indicator_value(ind, "Kloof", 2016, D(gap), "procentpunt", (line + 3, line + 3))


def indicator_kloof(broken: bool):
    dg = document("a.txt")
    _indicator(dg, 10, 72, 41, "13" if broken else "31")
    return [dg], [("a.txt", "13-13")], "13"


def indicator_zelfde_waarde(broken: bool):
    a, b = document("a.txt"), document("b.txt")
    _indicator(a, 10, 72, 41, "31")
    _indicator(b, 20, 72, 41, "30" if broken else "31")
    return [a, b], [("a.txt", "13-13"), ("b.txt", "23-23")], "30"  # the two documents disagree: both places


def bedrag_zelfde(broken: bool):
    a, b = document("a.txt"), document("b.txt", BKG.BBTBegrotingsuitvoering)
    for dg, value in ((a, 598220), (b, 598202 if broken else 598220)):
        art = dg.article("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK", (10, 10))
        dg.amount("kredietevolutie", art, "BA", 2025, "VAK", D(value), (12, 12))
    return [a, b], [("a.txt", "12-12"), ("b.txt", "12-12")], "598202"


def uitvoeringsgraad(broken: bool):
    dg = document("a.txt", BKG.BBTBegrotingsuitvoering)
    art = dg.article("JB0-1JDB2CB-WT", "VOP", (10, 10))
    rows(dg, "begrotingsuitvoering", art, "VAK", [("1e BA", 2023, 100000), ("1e BA-JR", 2023, 106803), ("BU", 2023, 112710)], 12)
    rate = dg.statement("uitvoeringsgraad/JB0-1JDB2CB-WT/1", BKG.Uitvoeringsgraad, art, (20, 21))
    dg.add(rate, BKG.percentage, D("105.35") if broken else D("105.53"))
    dg.add(rate, BKG.bedrag, D(112710))
    dg.add(rate, BKG.kredietsoort, BKG.VAK)
    return [dg], [("a.txt", "20-21")], "105.35%"


def ise_van_artikelcode(broken: bool):
    dg = document("a.txt", BKG.BBTBegrotingsuitvoering)
    activering = dg.ise("Werk", "Activering", (5, 5))
    loopbanen = dg.ise("Werk", "Loopbanen", (30, 30))
    for n, code in enumerate(("JB0-1JDB2CA-WT", "JB0-1JDB2CB-WT", "JB0-1JDB2CE-WT"), start=10):
        dg.article(code, code, (n, n), ise=activering)
    dg.article("JB0-1JDB2EA-WT", "E", (31, 31), ise=loopbanen)
    # a 'C' article of programme JDB placed under Loopbanen, where the document's other 'C' articles are under Activering
    dg.article("JB0-1JDB2CG-WT", "C", (32, 32), ise=loopbanen if broken else activering)
    return [dg], [("a.txt", "32-32")], "JB0-1JDB2CG-WT sits under ISE loopbanen"


def reading_gap(kind: str) -> Callable:
    """A document whose reading report has one gap of ``kind`` (broken) or none."""

    def build_case(broken: bool):
        dg = document("a.txt")
        gaps = [reading.Gap(kind, "something seen and not read", (20, 22))] if broken else []
        reading.write(dg, reading.Report(gaps=gaps))
        return [dg], [("a.txt", "20-22")], "something seen and not read"

    return build_case


def claim_rule(kind: str, stated, computed, in_message: str) -> Callable:
    """A document with one claim of ``kind``: contradicted by its table (broken) or matched."""

    def build_case(broken: bool):
        dg = document("a.txt")
        art = dg.article("TB0-1THC2TA-WT", "A", (10, 10))
        rows(dg, "kredietevolutie", art, "VEK", [("BA", 2025, 15697), ("BO", 2026, 3156)], 12)
        claim = claims.Claim(
            1, kind, "de tekst", (20, 21), stated, claims.CONTRADICTED if broken else claims.MATCHED,
            subject=ArticleRef("TB0-1THC2TA-WT"), computed=computed, computation="BO 3.156 − BA 15.697 (VEK)",
            table_spans=((12, 12), (13, 13)),
        )  # fmt: skip
        write_record(claim, Writer(dg, None))
        return [dg], [("a.txt", "20-21")], in_message

    return build_case


def bewering_artikelcode(broken: bool):
    dg = document("a.txt", BKG.BBTBegrotingsuitvoering)
    dg.article("JB0-1JDB2CH-WT", "AANWERVINGSINCENTIVES", (10, 10))
    claim = claims.Claim(1, "artikelcode", "JB0-1JFB2CH-WT", (20, 20), "JB0-1JFB2CH-WT", claims.CONTRADICTED)
    write_record(claim, Writer(dg, None))
    other = document("b.txt", BKG.BBTBegrotingsuitvoering)
    if not broken:  # another document of the graph has the article: it exists
        other.article("JB0-1JFB2CH-WT", "B", (10, 10))
    return [dg, other], [("a.txt", "20-20")], "JB0-1JFB2CH-WT"


def compensatie_richting(broken: bool):
    dg = document("a.txt")
    a = dg.article("TB0-1THC2TA-WT", "A", (10, 10))
    b = dg.article_code("SG0-1SKC2TG-PR")
    row = dg.line_item("compensatie", a, 1, "Van SG0-1SKC2TG-PR", (12, 13), counterpart=b, direction="van")
    dg.amount("compensaties", a, "Compensatie", 2026, "VEK", D(-9089 if broken else 9089), (12, 13), line_item=row)
    return [dg], [("a.txt", "12-13")], "-9089"


RULES: dict[str, Callable] = {
    "artikel-zonder-tabel": reading_gap("artikel-zonder-tabel"),
    "ongelezen-bedragen": reading_gap("ongelezen-bedragen"),
    "ongelezen-onderdeel": reading_gap("OD-koppen"),
    "ise-van-artikelcode": ise_van_artikelcode,
    "uitvoeringsgraad": uitvoeringsgraad,
    "kredietevolutie-som": kredietevolutie_som,
    "compensatie-spiegel": compensatie_spiegel,
    "compensaties-totaal": compensaties_totaal,
    "bijstellingen-totaal": bijstellingen_totaal,
    "ise-totaal": ise_totaal,
    "programma-totaal": programma_totaal,
    "koppeling-wederzijds": koppeling_wederzijds,
    "od-zonder-artikel": od_zonder_artikel,
    "artikel-zonder-od": artikel_zonder_od,
    "geciteerde-titel": geciteerde_titel,
    "titel-tussen-documenten": titel_tussen_documenten,
    "indicator-kloof": indicator_kloof,
    "indicator-zelfde-waarde": indicator_zelfde_waarde,
    "bedrag-zelfde": bedrag_zelfde,
    "bewering-wijziging": claim_rule("wijziging", D(-9089), D(-12541), "-12541"),
    "bewering-bedrag": claim_rule("bedrag", D(15679), D(15697), "15697"),
    "bewering-percentage": claim_rule("percentage", D(102), D("101.49"), "101.49"),
    "bewering-aantal": claim_rule("aantal", D(14), D(12), "(14)"),
    "bewering-jaar": claim_rule("jaar", D(2025), D(2026), "2026"),
    "bewering-kredietsoort": claim_rule("kredietsoort", "VEK/VEK", "VAK/VEK", "VEK/VEK"),
    "bewering-som": claim_rule("som", D(8971), D(8917), "8917"),
    "bewering-artikelcode": bewering_artikelcode,
    "bewering-datum": claim_rule("datum", "26 juli 2016", "26 mei 2016", "26 mei 2016"),
    "bewering-verloop": claim_rule("verloop", D(15901), D(16208), "16208"),
    "compensatie-richting": compensatie_richting,
}


def test_every_sparql_rule_has_a_test() -> None:
    shapes = validate.shapes_graph()
    from rdflib import SH

    sparql_rules = {str(s).removeprefix(validate.RULES) for s in shapes.subjects(SH.sparql, None)}
    assert sparql_rules == set(RULES)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_finds_exactly_the_broken_fact(rule: str, tmp_path: Path) -> None:
    docs, places, in_message = RULES[rule](broken=True)
    found = validated(tmp_path, rule, docs)
    assert [(f.rule, f.source_document, f.source_lines) for f in found] == [(rule, *place) for place in places], found
    assert any(in_message in f.message for f in found)
    assert found[0].message_nl and found[0].message_nl != found[0].message
    assert found[0].severity in ("warning", "info")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_is_silent_on_the_correct_case(rule: str, tmp_path: Path) -> None:
    docs, _, _ = RULES[rule](broken=False)
    assert validated(tmp_path, rule, docs) == []


def test_wages_provisions_and_financial_transactions_need_no_goal(tmp_path: Path) -> None:
    """An apparatus article (LO), a provision (PR), a loan (LE) or a participation (PA) linked to no OD is no gap;
    a grant article (WT) beside them is."""
    dg = document("a.txt")
    od, art = _linked_pair(dg)
    dg.link(od, art, "od", (7, 8))
    dg.link(od, art, "article", (22, 23))
    dg.article("JB0-1JAB2ZZ-LO", "LONEN", (40, 40))
    dg.article("JB0-1JBB2AC-PR", "COMPETITIVITEITSPROVISIE", (50, 50))
    # 000:2082
    dg.article("TB0-1THC2TB-PA", "HET VERSTREKKEN VAN LENINGEN IN HET KADER VAN DE SOCIALE ECONOMIE", (55, 55))
    dg.article("TB0-1THC2TC-LE", "LENINGEN", (57, 57))
    dg.article("TB0-1THC2UF-WT", "INDIVIDUEEL MAATWERK", (60, 60))
    found = validated(tmp_path, "artikel-zonder-od", [dg])
    assert [(f.source_lines, f.message) for f in found] == [
        ("60-60", "Expenditure article TB0-1THC2UF-WT is linked to no operational goal in this document.")
    ]


def test_a_difference_in_wording_is_reported_word_by_word(tmp_path: Path) -> None:
    docs, _, _ = titel_tussen_documenten(broken=True)
    (found,) = validated(tmp_path, "titel-tussen-documenten", docs)
    assert found.difference == "+deze +legislatuur"


def test_a_quoted_title_differing_only_in_thousands_separators_or_cut_short_in_a_cross_reference_is_no_finding(
    tmp_path: Path,
) -> None:
    dg = document("a.txt")
    od = dg.goal(PLAN, "OD", 2, "We voorzien een groeipad van minstens 1000 extra plaatsen in de sociale economie", (5, 6))
    art = dg.article("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK", (20, 20))
    link = dg.link(od, art, "article", (22, 23))
    dg.add(link, BKG.geciteerdeTitel, "We voorzien een groeipad van minstens 1.000 extra plaatsen in de sociale economie")
    # 004 line 3700: '30 Zie ook OD 10 Het werkgelegenheidsbeleid onderbouwen met data en wetenschappelijke inzichten,'
    dg.goal_reference(art, od, "We voorzien een groeipad van minstens 1.000 extra plaatsen", (30, 30))
    cut_link = dg.link(od, art, "od", (40, 40))  # a link's quote cut short is still a mismatch
    dg.add(cut_link, BKG.geciteerdeTitel, "We voorzien een groeipad")
    found = validated(tmp_path, "geciteerde-titel", [dg])
    assert [f.source_lines for f in found] == ["40-40"]


# -- structure --------------------------------------------------------------------------------------------------


def test_a_broken_graph_violates_the_structural_shapes(tmp_path: Path) -> None:
    dg = document("a.txt")
    art = dg.article("TB0-1THC2UA-WT", "A", (10, 10))
    amount = dg.amount("kredietevolutie", art, "BO", 2026, "VAK", D(5), (12, 12))
    dg.add(amount, BKG.bedrag, Literal(5.0, datatype=XSD.double))  # a float beside the exact decimal
    dg.article_code("TB0-1THC2U")  # a truncated code
    path = tmp_path / "store"
    store.write(path, [build.ontology_part(), build.document_part(dg)], {"documents": []})
    with store.opened(path) as db:
        found = validate.run(db)[0]
    violations = {(f.rule, f.source_lines) for f in found if f.severity == "violation"}
    assert ("bedrag", "12-12") in violations
    assert any(rule == "begrotingsartikel" for rule, _ in violations)
    assert validate.exit_code(found) == 1


@pytest.fixture(scope="module")
def validated_store(corpus_build: tuple[Path, build.BuildResult]) -> tuple[Path, list[validate.Finding]]:
    """The corpus store and the findings its build's validation (all rules) stored with it."""
    path, result = corpus_build
    return path, result.findings


@pytest.fixture(scope="module")
def corpus_findings(validated_store: tuple[Path, list[validate.Finding]]) -> list[validate.Finding]:
    return validated_store[1]


def test_the_consistency_template_lists_the_stored_findings(validated_store: tuple[Path, list[validate.Finding]]) -> None:
    path, found = validated_store
    with store.opened(path) as db:
        listed = templates.run(db, templates.load_all()["consistency"], {"rule": "geciteerde-titel", "lang": "nl"}).records()
    expected = [f for f in found if f.rule == "geciteerde-titel"]
    assert len(listed) == len(expected) > 0
    first = listed[0]
    assert (first["source_document"], first["source_lines"]) == (expected[0].source_document, expected[0].source_lines)
    assert first["message"] == expected[0].message_nl
    assert "‘Versterken van \nde werk- en zorgtrajecten’" in first["source_text"]


def test_the_corpus_has_no_structural_violations(corpus_findings: list[validate.Finding]) -> None:
    assert [f for f in corpus_findings if f.severity == "violation"] == []
    assert validate.exit_code(corpus_findings) == 0


def test_the_corpus_findings_are_the_documents_own(corpus_findings: list[validate.Finding]) -> None:
    by_rule = {(f.rule, f.source_document, f.source_lines): f for f in corpus_findings}
    # 004 line 1013: OD 2's footnote names JB0-1JDB2IC-WT, whose section (4136-4139) names OD 8 and OD 9 only
    assert ("koppeling-wederzijds", "004_487494d7f3174438.txt", "1013-1013") in by_rule
    # 004: OD 11 is headed 'met Europese fondsen' but quoted 'met ESF-middelen'
    quoted = by_rule[("geciteerde-titel", "004_487494d7f3174438.txt", "5112-5113")]
    assert quoted.difference == "-ESF-middelen +Europese +fondsen"
    # a page number in the middle of a quoted title (line 2410, '46') is not part of the quote
    assert ("geciteerde-titel", "004_487494d7f3174438.txt", "2407-2415") not in by_rule
    # the credit evolution, compensation and total arithmetic of the real documents holds
    arithmetic = {"kredietevolutie-som", "compensaties-totaal", "ise-totaal", "programma-totaal"}
    assert not {f.rule for f in corpus_findings} & arithmetic


# -- errors injected into copies of the real documents ----------------------------------------------------------


def _altered(tmp_path: Path, prefix: str, line: int, old: str, new: str) -> Path:
    source = corpus_file(prefix)
    lines = source.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    target = tmp_path / source.name
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def _findings_of(tmp_path: Path, doc: Path, rules: set[str]) -> set[tuple[str, str]]:
    path = tmp_path / "store"
    build.build([doc], path)
    with store.opened(path) as db:
        return {(f.rule, f.source_lines) for f in validate.run(db, rules)[0]}


def test_a_changed_amount_is_found_at_its_line(tmp_path: Path) -> None:
    # BO of collectief maatwerk (line 882) 600.665 -> 600.656
    doc = _altered(tmp_path, "000", 882, "600.665", "600.656")
    assert ("kredietevolutie-som", "882-882") in _findings_of(tmp_path, doc, {"kredietevolutie-som"})


def test_a_changed_compensation_is_found_at_its_line(tmp_path: Path) -> None:
    # 'Van TB0-1THC2UA-WT 1.174 1.174' (line 1290) no longer mirrors the -1.174 at line 996
    doc = _altered(tmp_path, "000", 1290, "1.174 1.174", "1.147 1.174")
    found = _findings_of(tmp_path, doc, {"compensatie-spiegel", "compensaties-totaal"})
    # both rows of the pair (the outgoing row at 996 and the changed incoming row at 1290) and the table's TOTAAL
    expected = {("compensatie-spiegel", "996-999"), ("compensatie-spiegel", "1290-1293"), ("compensaties-totaal", "1303-1303")}
    assert found == expected


def test_a_changed_execution_rate_is_found_at_its_line(tmp_path: Path) -> None:
    # '112.710 keuro VAK/VEK of 105,53%' (lines 2004-2005) against BU 112.710 / 1e BA-JR 106.803
    doc = _altered(tmp_path, "004", 2005, "105,53%", "105,35%")
    # and not 5169 ('samen goed voor 6.861 keuro VAK …, waarvan 6.792 keuro of 99%'): a rate of another base the
    # sentence gives, which the claim of the same words matched
    expected = {("uitvoeringsgraad", "2004-2005")}
    assert _findings_of(tmp_path, doc, {"uitvoeringsgraad"}) == expected


def test_a_removed_footnote_link_is_found_at_the_article(tmp_path: Path) -> None:
    # OD 6's footnote (line 618) names TB0-1THC2UC-WT; without it, the article's statement (1062-1063) is one-sided
    doc = _altered(tmp_path, "000", 618, "TB0-1THC2UC-WT", "zie hoger")
    assert ("koppeling-wederzijds", "1062-1063") in _findings_of(tmp_path, doc, {"koppeling-wederzijds"})


# -- command line -----------------------------------------------------------------------------------------------


def test_validate_command_formats_and_exit_codes(built_store: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["validate", "--store", str(built_store), "--rules", "od-zonder-artikel"])
    assert text.exit_code == 0, text.output
    assert "od-zonder-artikel [warning] in 004_487494d7f3174438.txt" in text.output
    assert text.output.rstrip().endswith("3 findings: 0 violations, 3 warnings, 0 infos")
    as_json = runner.invoke(main, ["validate", "--store", str(built_store), "-f", "json", "--rules", "od-zonder-artikel"])
    records = json.loads(as_json.output)
    assert {"rule", "severity", "focus", "message", "source_document", "source_lines"} <= set(records[0])
    assert [r["source_lines"] for r in records] == ["1389-1390", "1416-1417", "2894-2894"]
    strict = runner.invoke(main, ["validate", "--store", str(built_store), "--strict", "--rules", "od-zonder-artikel"])
    assert strict.exit_code == 1
    ttl = runner.invoke(main, ["validate", "--store", str(built_store), "-f", "ttl", "--rules", "od-zonder-artikel"])
    assert "sh:ValidationReport" in ttl.output
    unknown = runner.invoke(main, ["validate", "--store", str(built_store), "--rules", "no-such-rule"])
    assert unknown.exit_code == 2
    assert "no-such-rule" in unknown.output


def test_validate_without_a_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "no beleidskg store here" in result.output and "Traceback" not in result.output
