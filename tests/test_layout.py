"""The layout layer: every PDF-to-text layout of a document gives the same facts, line numbers aside."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache

import pytest
from rdflib import DCTERMS, RDF, URIRef
from rdflib.namespace import QB

from beleidskg.loaders import DocumentGraph, SourceDocument, layout, load
from beleidskg.loaders.vocab import BKG

from .conftest import corpus_file
from .layouts import (
    LAYOUTS,
    cells_on_own_lines,
    credit_tables_on_one_line,
    page_furniture,
    unit_joined_to_header,
    without_blank_lines,
)

#: What depends on the text's bytes or line numbers rather than on what the document says.
_PROVENANCE = {BKG.bron, BKG.tabelbron, BKG.bestandsnaam, BKG.sha256, BKG.aantalRegels}
#: The reading report says what the layout layer removed (page furniture): compared on its own.
_REPORT = {BKG.Leesverslag, BKG.Leesonderdeel, BKG.Leesopmerking, BKG.Leeslacune}


def facts(dg: DocumentGraph) -> Counter:
    """The document's statements without their provenance, as a multiset.

    Statement nodes are named by the document (and some by a line), so each is
    replaced by what it says: its properties, with other statement nodes
    replaced by their types.
    """
    g, doc = dg.graph, str(dg.iri)
    spans = set(g.subjects(RDF.type, BKG.Bronfragment)) | {s for c in _REPORT for s in g.subjects(RDF.type, c)}

    def local(term) -> bool:
        return isinstance(term, URIRef) and str(term).startswith(doc)

    def norm(term) -> object:
        return ("statement", tuple(sorted(map(str, g.objects(term, RDF.type))))) if local(term) else str(term)

    out: Counter = Counter()
    for s in set(g.subjects()) - spans:
        said = tuple(sorted((str(p), repr(norm(o))) for p, o in g.predicate_objects(s) if p not in _PROVENANCE))
        out[(norm(s), said) if local(s) else (str(s), said)] += 1
    return out


@cache
def original(prefix: str) -> tuple[str, Counter]:
    text = corpus_file(prefix).read_text(encoding="utf-8")
    return text, facts(load(SourceDocument(corpus_file(prefix).name, text)))


#: Each document in each layout that changes it (the beleidsnota, the written answers and the beleidsbrief
#: have no credit tables to rearrange). The execution BBT (004) reads for seconds in each layout: those
#: cases run with ``-m slow`` (as CI does); the draft BBT (000) has the same kinds of table in every layout.
CASES = [
    pytest.param(prefix, name, marks=[pytest.mark.slow] if prefix == "004" else [])
    for prefix in ("000", "004", "001", "002", "003")
    for name, rewrite in sorted(LAYOUTS.items())
    if rewrite(text := corpus_file(prefix).read_text(encoding="utf-8")) != text
]


@pytest.mark.parametrize(("prefix", "name"), CASES)
def test_every_layout_gives_the_same_facts(prefix: str, name: str) -> None:
    text, expected = original(prefix)
    transformed = LAYOUTS[name](text)
    doc = SourceDocument(corpus_file(prefix).name, transformed)
    dg = load(doc)
    got = facts(dg)
    assert dg.report.gaps == [] and all(p.seen == p.read for p in dg.report.parts.values())
    assert sum(expected.values()) > 50
    assert got - expected == Counter(), f"{name}: read facts the original does not give"
    assert expected - got == Counter(), f"{name}: lost facts of the original"


def test_a_credit_table_on_one_line_cites_that_line() -> None:
    text = credit_tables_on_one_line(corpus_file("000").read_text(encoding="utf-8"))
    doc = SourceDocument("one-line.txt", text)
    dg = load(doc)
    row = next(n for n, line in enumerate(doc.lines, 1) if "BA 2025 598.220 568.220 Index 11.433" in line)
    amounts = {
        (str(dg.graph.value(node, BKG.rij)), dg.graph.value(node, BKG.bedrag).toPython())
        for node in dg.graph.subjects(RDF.type, BKG.Bedrag)
        if int(dg.graph.value(dg.graph.value(node, BKG.bron), BKG.eersteRegel)) == row
    }
    assert {
        ("BA", Decimal("598220")),
        ("Index", Decimal("11433")),
        ("Compensaties", Decimal("-1174")),
        ("Andere bijstellingen", Decimal("-7814")),
        ("BO", Decimal("600665")),
    } <= amounts


def test_unit_joined_to_its_header_is_two_logical_lines() -> None:
    text = unit_joined_to_header(without_blank_lines(corpus_file("000").read_text(encoding="utf-8")))
    assert "(duizend euro) VAK VEK" in text
    logical = layout.normalise(SourceDocument("x.txt", text))
    at = logical.lines.index("(duizend euro)")
    assert logical.lines[at + 1].strip() in ("VAK VEK", "AO TO LO VAK VEK")
    assert logical.origin[at] == logical.origin[at + 1]


def test_every_layout_applies_to_the_budget_explanations() -> None:
    assert {name for prefix, name in (case.values for case in CASES) if prefix == "000"} == set(LAYOUTS)
    assert {name for prefix, name in (case.values for case in CASES) if prefix == "004"} == set(LAYOUTS)


def test_a_table_printed_column_by_column_is_read_in_rows() -> None:
    text = "(duizend euro)\nVAK VEK\nBA 2025\nIndex\nBO 2026\n598.220 568.220\n11.433 11.433\n609.653 579.653\n"
    doc = layout.normalise(SourceDocument("x.txt", text))
    assert doc.lines[2:5] == ("BA 2025 598.220 568.220", "Index 11.433 11.433", "BO 2026 609.653 579.653")
    assert doc.cite(3, 3)[:2] == (3, 6)  # the label's line through its amounts' line


def test_a_table_printed_cell_by_cell_is_read_in_rows() -> None:
    """pdfminer's text boxes: each header cell and each amount on a line of its own, blank lines between."""
    text = "(duizend euro)\nVAK\n\nVEK\nBA 2025\n598.220\n568.220\nIndex\n11.433\n11.433\nBO 2026\n609.653\n579.653\n"
    doc = layout.normalise(SourceDocument("x.txt", text))
    assert doc.lines[1:5] == ("VAK VEK", "BA 2025 598.220 568.220", "Index 11.433 11.433", "BO 2026 609.653 579.653")
    assert doc.cite(2, 2)[:2] == (2, 4) and doc.cite(3, 3)[:2] == (5, 7)
    # an execution header's cells make its two header lines, and six amounts a row
    cells = ["VAK", "VEK", "2023", "1e BA", "1e BA-JR", "BU", "1e BA", "1e BA-JR", "BU", "Uitgaven", "1", "2", "3", "4", "5", "6"]
    doc = layout.normalise(SourceDocument("x.txt", "\n".join(cells)))
    assert doc.lines == ("VAK VEK", "2023 1e BA 1e BA-JR BU 1e BA 1e BA-JR BU", "Uitgaven 1 2 3 4 5 6")
    # a lone credit type in prose opens no table: a sentence with two years after it stays one line
    doc = layout.normalise(SourceDocument("x.txt", "VEK\nBij BO/BA 2023 werden de ontvangsten voor 2023 geraamd op 187 keuro."))
    assert len(doc.lines) == 2


def _amounts(dg: DocumentGraph, tables: set[str] | None = None) -> Counter:
    """The document's amounts (table kind, subject, row, year, credit type, value), without their lines."""
    f = dg.facts
    out: Counter = Counter()
    for node in f.subjects(RDF.type, BKG.Bedrag):
        table = str(f.value(f.value(node, QB.dataSet), DCTERMS.type))
        if tables is None or table.rsplit("-", 1)[-1] in tables:
            of = f.of(node)
            props = (BKG.betreft, BKG.rij, BKG.jaar, BKG.kredietsoort, BKG.bedrag)
            said = (str(v).replace(str(dg.iri), "") for p in props for v in of(p))
            out[(table, *said)] += 1
    return out


def test_budget_tables_printed_cell_by_cell_give_their_amounts() -> None:
    """The draft BBT's credit evolutions and totals from a cell-per-line text: every amount, and the compensation
    and adjustment tables (a header among words, amounts cell by cell) named as gaps, never dropped silently."""
    text = corpus_file("000").read_text(encoding="utf-8")
    original = load(SourceDocument("a.txt", text))
    dg = load(SourceDocument("a.txt", cells_on_own_lines(text)))
    kept = {"kredietevolutie", "totalen"}
    assert _amounts(dg, kept) == _amounts(original, kept) and sum(_amounts(original, kept).values()) > 100
    assert {gap.kind for gap in dg.report.gaps} == {"compensatie-bijstellingstabellen"}
    assert len(dg.report.gaps) == 5


@pytest.mark.slow
def test_execution_tables_printed_cell_by_cell_give_every_amount() -> None:
    text = corpus_file("004").read_text(encoding="utf-8")
    original = load(SourceDocument("a.txt", text))
    dg = load(SourceDocument("a.txt", cells_on_own_lines(text)))
    assert _amounts(dg) == _amounts(original) and sum(_amounts(original).values()) > 400


def test_rows_of_one_line_split_by_the_column_count() -> None:
    assert layout.split_rows("BA 2025 598.220 568.220 Index 11.433 11.433 BO 2026 600.665 600.665", 2) == [
        "BA 2025 598.220 568.220",
        "Index 11.433 11.433",
        "BO 2026 600.665 600.665",
    ]
    # a label wrapped with its year, negative amounts, and five columns
    assert layout.split_rows("Bijstelling BO 2026 0 0 0 43.040 -63.951 BO 2026 131 0 0 764.871 765.000", 5) == [
        "Bijstelling BO 2026 0 0 0 43.040 -63.951",
        "BO 2026 131 0 0 764.871 765.000",
    ]
    # words after amounts that do not make a row: a sentence, left alone
    sentence = "het krediet van 600.665 keuro stijgt met 2.445 keuro"
    assert layout.split_rows(sentence, 2) == [sentence]


def test_an_abbreviation_that_is_a_credit_type_is_not_a_header() -> None:
    doc = layout.normalise(SourceDocument("x.txt", "AO Algemene Ontvangsten\nVAK VEK BA 2025 1 2 BO 2026 3 4\n"))
    assert doc.lines[:4] == ("AO Algemene Ontvangsten", "VAK VEK", "BA 2025 1 2", "BO 2026 3 4")


def test_odd_spaces_and_aligned_columns_become_single_spaces() -> None:
    assert layout.clean_line("BA\u00a02025    598.220\u2009568.220") == "BA 2025 598.220 568.220"
    assert layout.clean_line("sociale\u00ad") == "sociale-"


def test_page_furniture_is_removed_and_counted_and_pages_come_from_form_feeds() -> None:
    text = page_furniture(corpus_file("000").read_text(encoding="utf-8"), every=40)
    doc = layout.normalise(SourceDocument("x.txt", text))
    assert not any("Vlaams Parlement – 1234" in line for line in doc.lines)
    kinds = layout.furniture_summary(doc)
    pages = text.count("\f") + 1
    assert kinds["kop- of voettekst"] == pages - 1 and kinds["paginanummer"] == pages - 1
    # the page of a line is the number of form feeds before it, plus one
    source = doc.original
    row = next(n for n, line in enumerate(source.lines, 1) if line.startswith("BO 2026 600.665"))
    assert source.pages[row - 1] == "\n".join(source.lines[:row]).count("\f") + 1 > 1


def test_real_page_numbers_in_the_corpus_are_not_taken_for_content_nor_lost() -> None:
    doc = layout.normalise(SourceDocument.read(corpus_file("004")))
    # the corpus has no running headers: nothing that repeats at page boundaries is removed
    assert layout.furniture_summary(doc)["kop- of voettekst"] == 0


def test_a_heading_repeated_a_few_times_is_not_a_running_header() -> None:
    # with a page every 30 lines, most of the beleidsbrief's three 'Realisaties: september 2005 - september 2006'
    # headings fall within two lines of a page break; they are on 3 of 77 pages, so they are not page furniture
    text = page_furniture(corpus_file("003").read_text(encoding="utf-8"), every=30)
    doc = layout.normalise(SourceDocument("x.txt", text))
    heading = "Realisaties: september 2005 - september 2006"
    assert sum(1 for line in doc.source.lines if line.strip() == heading) == 3
    assert sum(1 for line in doc.lines if line.strip() == heading) == 3
    assert layout.furniture_summary(doc)["kop- of voettekst"] == text.count("\f")
