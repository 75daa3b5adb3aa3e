"""The reading report: nothing a document holds is dropped without a word."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from beleidskg import build, store, templates
from beleidskg.loaders import DocumentError, SourceDocument, load
from beleidskg.loaders.vocab import BKG, QB

from .conftest import corpus_file


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_the_bundled_corpus_is_read_completely(prefix: str) -> None:
    report = load(SourceDocument.read(corpus_file(prefix))).report
    assert report.gaps == []
    assert all(part.seen == part.read for part in report.parts.values())


def test_the_execution_report_counts_what_it_holds() -> None:
    report = load(SourceDocument.read(corpus_file("004"))).report
    assert report.parts["artikelkoppen"].seen == 59  # the corpus README: 'about 59 budget article sections'
    assert report.parts["OD-koppen"].seen == 18  # OD 1 to OD 18
    assert report.parts["SD-koppen"].seen == 3
    assert report.parts["voetnoten-met-artikelcode"].seen == 22  # footnotes 30 and 32 wrap their code
    # the breakdown tables of article explanations are kept row by row, not lost
    assert report.parts["andere-tabellen"].seen >= 1


def unreadable_credit_tables(text: str) -> str:
    """The 2026 BBT with its credit headers printed in a way no reader knows ('VAK | VEK', 'AO | TO | LO')."""
    return re.sub(r"(?m)^\s*((?:(?:VAK|VEK|AO|TO|LO)\s*)+)$", lambda m: " | ".join(m.group(1).split()), text)


def test_credit_tables_that_cannot_be_read_are_named_with_their_lines() -> None:
    text = unreadable_credit_tables(corpus_file("000").read_text(encoding="utf-8"))
    dg = load(SourceDocument("x.txt", text))
    gaps = [g for g in dg.report.gaps if g.kind == "artikel-zonder-tabel"]
    original = load(SourceDocument.read(corpus_file("000"))).graph
    evolution = URIRef(f"{load(SourceDocument.read(corpus_file('000'))).iri}/dataset/kredietevolutie")
    with_tables = {original.value(b, BKG.betreft) for b in original.subjects(QB.dataSet, evolution)}
    assert {g.message.split()[1] for g in gaps} == {str(a).rsplit("/", 1)[-1] for a in with_tables}
    assert len(with_tables) >= 5
    _, _, cited = dg.doc.cite(*gaps[0].span)
    assert re.match(r"^TB0-1TH\w+-\w\w - ", cited)
    # the numbers themselves are not lost: kept as other tables
    assert dg.report.parts["andere-tabellen"].seen >= len(with_tables)


def test_build_names_the_gaps_and_strict_refuses(tmp_path: Path) -> None:
    doc = tmp_path / "bbt.txt"
    doc.write_text(unreadable_credit_tables(corpus_file("000").read_text(encoding="utf-8")), encoding="utf-8")
    cli = [sys.executable, "-m", "beleidskg.cli", "build", str(doc), "--store", str(tmp_path / "s")]
    ok = subprocess.run(cli, capture_output=True, text=True)
    assert ok.returncode == 0
    assert re.search(r"; \d{2} gaps", ok.stdout) and "gap, lines" in ok.stdout
    with store.opened(tmp_path / "s") as db:
        rows = templates.run(db, templates.load_all()["reading-report"], {}).records()
        assert sum(1 for r in rows if r["kind"] == "gap" and r["part"] == "artikel-zonder-tabel") >= 5
    strict = subprocess.run([*cli[:-1], str(tmp_path / "t"), "--strict"], capture_output=True, text=True)
    assert strict.returncode == 1 and "was not read completely (" in strict.stderr
    assert not (tmp_path / "t").exists()


def test_validate_reports_unread_tables_with_their_rule(tmp_path: Path) -> None:
    doc = tmp_path / "bbt.txt"
    doc.write_text(unreadable_credit_tables(corpus_file("000").read_text(encoding="utf-8")), encoding="utf-8")
    result = build.build([doc], tmp_path / "s", validate=True)
    rules = {f.rule for f in result.findings}
    assert "artikel-zonder-tabel" in rules
    finding = next(f for f in result.findings if f.rule == "artikel-zonder-tabel")
    assert finding.source_lines and "Not read" in finding.message


def test_a_document_cut_off_says_where_it_ends() -> None:
    lines = corpus_file("004").read_text(encoding="utf-8").split("\n")
    cut = "\n".join(lines[: len(lines) * 2 // 5])
    dg = load(SourceDocument("cut.txt", cut))
    notes = [n for n in dg.report.notes if n[0] == "einde"]
    assert len(notes) == 1 and "list of abbreviations" in notes[0][1]
    assert dg.doc.cite(*notes[0][2])[0] == max(n for n, line in enumerate(cut.split("\n"), 1) if line.strip())


def test_a_text_no_reader_knows_still_errs() -> None:
    with pytest.raises(DocumentError):
        load(SourceDocument("x.txt", "Een tekst over iets anders.\n" * 20))


def test_a_repeated_line_on_a_few_pages_is_content_not_a_running_header() -> None:
    """Only a line on a good share of the pages, at their edges, is page furniture; a title repeated
    three times near page numbers by chance is kept (and with it the links below it)."""
    from .layouts import labels_then_amounts, page_furniture, without_blank_lines

    # in this layout a wrapped article title lands three times within two lines of a page number
    text = page_furniture(without_blank_lines(labels_then_amounts(corpus_file("000").read_text(encoding="utf-8"))))
    dg = load(SourceDocument("x.txt", text))
    removed = {dg.doc.original.line(n).strip() for n in dg.doc.furniture}
    assert all(line.isdigit() or line.startswith("Vlaams Parlement") for line in removed)
    original = load(SourceDocument.read(corpus_file("000")))
    assert len(list(dg.graph.subjects(RDF.type, BKG.Koppeling))) == len(list(original.graph.subjects(RDF.type, BKG.Koppeling)))
