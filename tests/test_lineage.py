"""Lineage rules on small constructed documents: what links, what must not."""

from __future__ import annotations

from decimal import Decimal

from beleidskg import lineage
from beleidskg.loaders.records import Article, DocumentRecords, IseRef, MeasureTransition
from beleidskg.loaders.source import SourceDocument
from beleidskg.loaders.vocab import BKG


def heading_doc(name: str, year: int, articles: list[tuple[str, str, str]]) -> DocumentRecords:
    """A parsed document whose lines are article headings 'CODE - TITLE', under the ISE each names."""
    text = "\n".join(f"{code} - {title}" for code, title, _ in articles) + "\n"
    parsed = DocumentRecords(SourceDocument(name=name, text=text), BKG.BBTBegrotingsopmaak, name, (1, 1), budget_year=year)
    for n, (code, title, ise) in enumerate(articles, start=1):
        parsed.add(Article(code, title, (n, n), IseRef("Sociale Economie", ise)))
    return parsed


def links(*documents: DocumentRecords) -> dict[tuple[str, str], tuple[Decimal, set[str]]]:
    out = lineage.infer(documents)
    found = {}
    for node in out.subjects(predicate=BKG.zekerheid):
        src = str(out.value(node, BKG.van)).rsplit("/", 1)[-1]
        dst = str(out.value(node, BKG.naar)).rsplit("/", 1)[-1]
        found[(src, dst)] = (
            out.value(node, BKG.zekerheid).toPython(),
            {str(e) for e in out.objects(node, BKG.bewijsSoort)},
        )
        assert len(list(out.objects(node, BKG.bron))) == 2  # both headings are cited
    return found


def test_same_title_same_ise_same_letter_is_a_confident_succession() -> None:
    old = heading_doc("2023.txt", 2023, [("JB0-1JEB2HA-WT", "COLLECTIEF MAATWERK", "Activering")])
    new = heading_doc("2026.txt", 2026, [("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK", "Activering")])
    found = links(old, new)
    assert found == {
        ("JB0-1JEB2HA-WT", "TB0-1THC2UA-WT"): (Decimal("0.95"), {"same title", "same ISE", "same article letter"})
    }


def test_an_abbreviation_in_brackets_does_not_separate_titles() -> None:
    old = heading_doc(
        "a.txt", 2023, [("JB0-1JEB2HC-WT", "ARBEIDSMATIGE ACTIVITEITEN IN DE SOCIALE ECONOMIE", "Activering")]
    )
    new = heading_doc(
        "b.txt", 2026, [("TB0-1THC2UC-WT", "ARBEIDSMATIGE ACTIVITEITEN IN DE SOCIALE ECONOMIE (AMA SE)", "Activering")]
    )
    assert ("JB0-1JEB2HC-WT", "TB0-1THC2UC-WT") in links(old, new)


def test_a_longer_title_under_the_same_ise_is_a_weaker_succession() -> None:
    old = heading_doc("a.txt", 2023, [("JB0-1JEB2HF-WT", "INDIVIDUEEL MAATWERK", "Activering")])
    new = heading_doc(
        "b.txt",
        2026,
        [("TB0-1THC2UF-WT", "INDIVIDUEEL MAATWERK – BEGELEIDINGSPREMIE EN OVERGANGSMAATREGELEN", "Activering")],
    )
    confidence, evidence = links(old, new)[("JB0-1JEB2HF-WT", "TB0-1THC2UF-WT")]
    assert confidence == Decimal("0.75") and "title extends the other" in evidence


def test_two_articles_sharing_a_title_are_not_linked_on_the_title_alone() -> None:
    # same title, but another ISE, another ESR aggregate or another article letter: different things
    old = heading_doc(
        "a.txt",
        2023,
        [
            ("JB0-1JDB2AD-IS", "EUROPEES SOCIAAL FONDS (ESF)", "Thema-overschrijdend"),
            ("JB0-1JDB2EA-WT", "DIENSTENCHEQUES", "Loopbanen"),
        ],
    )
    new = heading_doc(
        "b.txt",
        2026,
        [
            ("TB0-1TDC2AD-WT", "EUROPEES SOCIAAL FONDS (ESF)", "Thema-overschrijdend"),
            ("TB0-1TDC2LB-WT", "DIENSTENCHEQUES", "Activering"),
        ],
    )
    assert links(old, new) == {}


def test_articles_of_the_same_year_never_succeed_each_other() -> None:
    same = heading_doc("a.txt", 2023, [("JB0-1JDB2AD-WT", "ESF", "X"), ("JB0-1JDB4AD-WT", "ESF", "X")])
    assert links(same) == {}


def test_of_several_candidates_only_the_best_supported_is_kept() -> None:
    old = heading_doc("a.txt", 2023, [("JB0-1JEB2HA-WT", "COLLECTIEF MAATWERK", "Activering")])
    new = heading_doc(
        "b.txt",
        2026,
        [
            ("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK", "Activering"),
            ("TB0-1THC2UB-WT", "COLLECTIEF MAATWERK", "Activering"),
        ],
    )
    assert set(links(old, new)) == {("JB0-1JEB2HA-WT", "TB0-1THC2UA-WT")}


def test_a_stated_measure_transition_becomes_lineage_with_its_sentence() -> None:
    text = "Met de invoering werden VOP en SINE ondergebracht in individueel maatwerk.\n" * 3
    parsed = DocumentRecords(SourceDocument(name="t.txt", text=text), BKG.BBTBegrotingsuitvoering, "t", (1, 1))
    parsed.add(MeasureTransition("VOP", "individueel maatwerk", "ondergebracht in", (1, 1)))
    out = lineage.infer([parsed])
    (link,) = out.subjects(predicate=BKG.zekerheid)
    assert out.value(link, BKG.verband) == BKG.OpgegaanIn
    assert str(out.value(link, BKG.bron)).endswith("/regels/1-1")
    assert {str(e) for e in out.objects(link, BKG.bewijsSoort)} == {"stated in text"}
