"""Whatever part of a BBT is present is read: excerpts, other domains, pdfplumber layouts."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from rdflib import RDF

from beleidskg.loaders import SourceDocument, bbt_opmaak, kind_of, load
from beleidskg.loaders.vocab import BKG

from .conftest import corpus_file
from .layouts import unit_joined_to_header, without_blank_lines

FIXTURES = Path(__file__).parent / "fixtures"


def amounts(dg) -> dict[tuple[str, str, str], Decimal]:
    """(article code, row, credit) -> amount of every credit-evolution amount in a document graph."""
    g = dg.graph
    out = {}
    for node in g.subjects(RDF.type, BKG.Bedrag):
        subject = g.value(node, BKG.betreft)
        if (subject, RDF.type, BKG.Begrotingsartikel) in g and g.value(node, BKG.regelVan) is None:
            out[
                (
                    str(subject).rsplit("/", 1)[-1],
                    str(g.value(node, BKG.rij)),
                    str(g.value(node, BKG.kredietsoort)).rsplit("#", 1)[-1],
                )
            ] = g.value(node, BKG.bedrag).toPython()
    return out


def first_ise_excerpt(text: str) -> str:
    """The first policy field of a BBT from its heading through its first ISE, as an excerpt prints it:
    headings without their chapter and ISE numbers, no totals tables before it, pdfplumber's layout."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^\s*[IVX]+\.\s+BELEIDSVELD\b", line))
    ises = [i for i, line in enumerate(lines) if re.match(r"^\s*\d\.\s+ISE:?\s", line) and i > start]
    part = lines[start : ises[1]]
    part = [re.sub(r"^\s*[IVX]+\.\s+(BELEIDSVELD)", r"\1", re.sub(r"^\s*\d\.\s+ISE:?", "ISE:", line)) for line in part]
    return unit_joined_to_header(without_blank_lines("\n".join(part)))


def test_an_excerpt_without_totals_and_numbered_headings_reads_every_amount_it_holds() -> None:
    text = corpus_file("000").read_text(encoding="utf-8")
    full = load(SourceDocument("full.txt", text))
    excerpt = SourceDocument("excerpt.txt", first_ise_excerpt(text))
    assert not re.search(r"^TOTAAL\s*[-–]\s*[A-Z]", excerpt.text, re.M) and "(duizend euro) VAK VEK" in excerpt.text
    assert kind_of(excerpt) is bbt_opmaak.KIND
    dg = load(excerpt)
    read = amounts(dg)
    codes = {code for code, _, _ in read}
    assert len(codes) >= 3
    expected = {key: value for key, value in amounts(full).items() if key[0] in codes}
    assert read == expected
    # the ISE without its number, under the policy field named without its chapter number
    g = dg.graph
    ises = {
        str(g.value(m, BKG.over))
        for m in g.subjects(RDF.type, BKG.Vermelding)
        if (g.value(m, BKG.over), RDF.type, BKG.InhoudelijkStructuurelement) in g
    }
    assert ises == {"https://w3id.org/beleidskg/id/ise/sociale-economie/activering"}
    assert any(n.part == "totalen" for n in dg.notes)


def test_another_domain_and_its_codes_are_read_from_an_excerpt() -> None:
    doc = SourceDocument.read(FIXTURES / "bbt_excerpt_other_domain.txt")
    dg = load(doc)
    read = amounts(dg)
    assert read[("GB0-1GAA2ZZ-WT", "BA", "VAK")] == Decimal("12345")
    assert read[("GB0-1GAA2ZZ-WT", "Andere bijstellingen", "VEK")] == Decimal("-900")
    assert read[("GB0-1GBB2AB-WT", "BO", "VEK")] == Decimal("4225")
    assert read[("GB0-1GBB2AB-WT", "TOTAAL", "VAK")] == Decimal("250")
    assert len(read) == 24  # five rows and the compensations TOTAAL, two credits, two articles
    g = dg.graph
    plans = set(g.objects(dg.iri, BKG.plan))
    assert {str(p) for p in plans} == {"https://w3id.org/beleidskg/id/plan/welzijn/2024-2029"}
    compensations = list(g.subjects(RDF.type, BKG.Compensatie))
    assert len(compensations) == 2
    links = {
        (str(g.value(k, BKG.doelstelling)).rsplit("/", 2)[-2:][1], str(g.value(k, BKG.artikel)).rsplit("/", 1)[-1])
        for k in g.subjects(RDF.type, BKG.Koppeling)
    }
    assert ("1", "GB0-1GAA2ZZ-WT") in links
