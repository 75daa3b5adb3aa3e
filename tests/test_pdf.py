"""PDF input: PDFs written in the test from corpus text give the same facts, each with the page it was printed on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from PIL import Image
from rdflib import RDF
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from beleidskg import build, store, templates
from beleidskg.cli import main
from beleidskg.loaders import DocumentError, SourceDocument, kind_of, load
from beleidskg.loaders.vocab import BKG

from .conftest import CORPUS, corpus_file
from .test_ontology import undefined_terms

TEMPLATES = templates.load_all()
SOURCE_COLUMNS = {"source_document", "source_lines", "source_pages", "source_text"}
#: Lines per page of the test PDFs; the foot of each page holds its page number, as real documents have.
PER_PAGE = 50
PAGE_SIZE = landscape(A4)


AMOUNT = re.compile(r"-?\d[\d.]*(,\d+)?")


def print_line(pdf: canvas.Canvas, y: float, line: str) -> None:
    """Print one line as a word processor does: a table row's amounts right-aligned in columns, each a text object."""
    words = line.expandtabs().split(" ")  # a tab is white space on paper
    amounts = 0
    while amounts < len(words) - 1 and AMOUNT.fullmatch(words[-1 - amounts]):
        amounts += 1
    if amounts < 2:
        pdf.drawString(30, y, line.expandtabs())
        return
    pdf.drawString(30, y, " ".join(words[:-amounts]))
    for column, amount in enumerate(words[-amounts:]):
        pdf.drawRightString(330 + 60 * column, y, amount)


def write_pdf(
    path: Path,
    lines: Sequence[str],
    per_page: int = PER_PAGE,
    blank_after: Sequence[int] = (),
    image_after: Sequence[int] = (),
    password: str | None = None,
) -> list[int]:
    """Print ``lines`` into a PDF at ``path``, ``per_page`` lines a page; the page each line is on.

    ``blank_after`` / ``image_after``: after these pages of text, insert a blank
    page / a page holding only an image (a scan). Helvetica's WinAnsi encoding,
    which every PDF reader has, covers the corpus's ‘ ’ “ ” – € é ë … .
    """
    width, height = PAGE_SIZE
    pdf = canvas.Canvas(str(path), pagesize=PAGE_SIZE, encrypt=StandardEncryption(password) if password else None)
    page, pages = 0, []
    for start in range(0, len(lines), per_page):
        page += 1
        pdf.setFont("Helvetica", 7)
        for i, line in enumerate(lines[start : start + per_page]):
            print_line(pdf, height - 30 - 10 * i, line)
            pages.append(page)
        pdf.drawCentredString(width / 2, 15, str(page))
        pdf.showPage()
        if page in blank_after:
            page += 1
            pdf.showPage()
        if page in image_after:
            page += 1
            pdf.drawInlineImage(Image.new("L", (60, 80), 128), 30, 30, 300, 400)
            pdf.showPage()
    pdf.save()
    return pages


def rows(db: ox.Store, name: str, **params: str) -> list[dict]:
    return templates.run(db, TEMPLATES[name], params).records()


def facts(db: ox.Store, name: str) -> Counter[tuple]:
    """The rows of template ``name`` without their source columns: what was read, line numbers aside."""
    return Counter(tuple((k, v) for k, v in row.items() if k not in SOURCE_COLUMNS) for row in rows(db, name))


def span(text: str) -> tuple[int, int]:
    first, last = text.split("-")
    return int(first), int(last)


@dataclass
class Built:
    db: ox.Store
    findings: set[tuple[str, str, str]]  # rule, severity, message of each validation finding


def built(paths: list[Path], path: Path) -> Iterator[Built]:
    """A validated store of ``paths``."""
    result = build.build(paths, path, validate=True)
    with store.opened(path) as db:
        yield Built(db, {(f.rule, f.severity, f.message) for f in result.findings})


@pytest.fixture(scope="module")
def bbt_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """The bundled 2026 BBT printed into a PDF; the page of each of its lines."""
    text = corpus_file("000").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("pdf") / "bbt-2026.pdf"
    return path, write_pdf(path, text.split("\n"))


@pytest.fixture(scope="module")
def from_text(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from built([corpus_file("000")], tmp_path_factory.mktemp("text") / "store")


@pytest.fixture(scope="module")
def from_pdf(bbt_pdf: tuple[Path, list[int]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from built([bbt_pdf[0]], tmp_path_factory.mktemp("frompdf") / "store")


@pytest.mark.parametrize("template", ["article-amounts", "goals", "goal-articles", "budget-totals", "compensations"])
def test_the_pdf_gives_the_facts_of_the_text(from_text: Built, from_pdf: Built, template: str) -> None:
    expected = facts(from_text.db, template)
    assert expected, template
    assert facts(from_pdf.db, template) == expected


def test_the_pdf_is_read_as_completely_as_the_text(bbt_pdf: tuple[Path, list[int]], from_text: Built, from_pdf: Built) -> None:
    """The same reading report, and a note that the page numbers at the feet of the pages were removed."""
    text_report, pdf_report = facts(from_text.db, "reading-report"), facts(from_pdf.db, "reading-report")
    (furniture,) = [dict(row) for row in pdf_report - text_report]
    assert pdf_report - text_report == Counter([tuple(furniture.items())]) and not text_report - pdf_report
    removed = re.fullmatch(r"(\d+) lines of page furniture removed \(paginanummer\)", furniture["message"])
    assert furniture["kind"] == "note" and removed and int(removed.group(1)) >= bbt_pdf[1][-1]


def test_the_pdf_validates_as_the_text_does(from_text: Built, from_pdf: Built) -> None:
    assert not any(severity == "violation" for _, severity, _ in from_pdf.findings)
    assert from_pdf.findings == from_text.findings


def test_every_amount_cites_the_page_it_was_printed_on(
    bbt_pdf: tuple[Path, list[int]], from_text: Built, from_pdf: Built
) -> None:
    pdf, page_of_line = bbt_pdf
    expected = set()
    for row in rows(from_text.db, "article-amounts"):
        first, last = span(row["source_lines"])
        pages = f"{page_of_line[first - 1]}-{page_of_line[last - 1]}"
        expected.add((row["article"], row["line"], row["year"], row["credit"], row["amount"], pages))
    found = rows(from_pdf.db, "article-amounts")
    assert {(r["article"], r["line"], r["year"], r["credit"], r["amount"], r["source_pages"]) for r in found} == expected
    # the amounts are spread over the document, and their text is on the lines cited
    assert len({r["source_pages"] for r in found}) > 1
    assert all(r["source_document"] == pdf.name for r in found)
    doc = SourceDocument.read(pdf)
    assert all(doc.text_of(*span(r["source_lines"])) == r["source_text"] for r in found)


def amount_pages(doc: SourceDocument) -> dict[str, tuple[int, int]]:
    """Each amount of ``doc`` (by its IRI within the document) and the pages of its source lines."""
    graph = load(doc).graph
    out = {}
    for node in graph.subjects(RDF.type, BKG.Bedrag):
        span = graph.value(node, BKG.bron)
        key = str(node).split("/bedrag/", 1)[1].replace(doc.id, "")  # the document's own totals name it
        out[key] = (graph.value(span, BKG.pagina).toPython(), graph.value(span, BKG.laatstePagina).toPython())
    return out


def test_text_with_form_feeds_cites_the_pages_the_pdf_cites(bbt_pdf: tuple[Path, list[int]]) -> None:
    """pdftotext ends each page with a form feed: that text and the PDF give each amount the same page."""
    path, page_of_line = bbt_pdf
    lines = corpus_file("000").read_text(encoding="utf-8").split("\n")
    text = "".join(
        ("\f" if i and page_of_line[i - 1] != page else "") + line + "\n"
        for i, (line, page) in enumerate(zip(lines, page_of_line, strict=True))
    )
    from_pdf = amount_pages(SourceDocument.read(path))
    assert len(from_pdf) > 200
    assert amount_pages(SourceDocument(name="bbt.txt", text=text)) == from_pdf


def test_a_text_document_has_no_pages(from_text: Built) -> None:
    assert {r["source_pages"] for r in rows(from_text.db, "article-amounts")} == {None}


def test_pages_are_defined_terms(bbt_pdf: tuple[Path, list[int]]) -> None:
    graph = load(SourceDocument.read(bbt_pdf[0])).graph
    assert undefined_terms(graph) == set()
    assert len(set(graph.subjects(BKG.pagina, None))) == len(set(graph.subjects(BKG.laatstePagina, None))) > 100


def words(line: str) -> str:
    """A line with its runs of spaces as one (PDFium gives one space where the text had several)."""
    return " ".join(line.split())


def test_each_line_has_its_page_also_after_a_blank_page(tmp_path: Path) -> None:
    lines = corpus_file("001").read_text(encoding="utf-8").split("\n")[:120]
    path = tmp_path / "nota.pdf"
    pages = write_pdf(path, lines, per_page=40, blank_after=[1])
    assert pages[39:41] == [1, 3]  # the page after the blank one is page 3
    doc = SourceDocument.read(path)
    assert doc.pages is not None
    read = [(words(line), page) for line, page in zip(doc.lines, doc.pages, strict=True) if line.strip()]
    printed = [(words(line), page) for line, page in zip(lines, pages, strict=True) if line.strip()]
    # every line in order on its page, and the page number at the foot of each page as a line of its own
    assert [item for item in read if item[0] != str(item[1])] == printed
    assert [item for item in read if item[0] == str(item[1])] == [("1", 1), ("3", 3), ("4", 4)]
    assert doc.pages_of(1, len(doc.lines)) == (1, 4)
    # the identity is the text: the same text from a file is the same document
    assert doc.id == SourceDocument(name="nota.txt", text=doc.text).id


def page_texts(lines: Sequence[str], pages: Sequence[int]) -> dict[int, list[str]]:
    """The lines of each page without its page number, runs of spaces and of blank lines as one, none at the ends."""
    out: dict[int, list[str]] = {}
    for line, page in zip(lines, pages, strict=True):
        text = words(line)
        kept = out.setdefault(page, [])
        if text != str(page) and (text or (kept and kept[-1])):
            kept.append(text)
    return {page: kept[:-1] if kept and not kept[-1] else kept for page, kept in out.items()}


def test_the_text_layer_reads_as_printed_with_its_white_space(bbt_pdf: tuple[Path, list[int]]) -> None:
    """Each page's lines in order, and a blank line where the printed text leaves one (a text layer has none)."""
    path, page_of_line = bbt_pdf
    doc = SourceDocument.read(path)
    assert doc.pages is not None and "" in doc.lines
    printed = page_texts(corpus_file("000").read_text(encoding="utf-8").split("\n"), page_of_line)
    assert page_texts(doc.lines, doc.pages) == printed


def test_a_pdf_is_told_by_its_content_not_its_name(bbt_pdf: tuple[Path, list[int]], tmp_path: Path) -> None:
    named_txt = tmp_path / "bbt.txt"
    named_txt.write_bytes(bbt_pdf[0].read_bytes())
    doc = SourceDocument.read(named_txt)
    assert doc.pages is not None and kind_of(doc) is not None
    named_pdf = tmp_path / "text.pdf"
    named_pdf.write_text(corpus_file("000").read_text(encoding="utf-8"), encoding="utf-8")
    assert SourceDocument.read(named_pdf).pages is None


def test_line_end_hyphens_and_soft_hyphens_read_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "hyphens.pdf"
    text = corpus_file("000").read_text(encoding="utf-8").split("\n")
    wrapped = next(i for i, line in enumerate(text) if line.rstrip().endswith("sociale-") and text[i + 1][:1].islower())
    code = "TB0-1THC2UA-WT"
    lines = [*text[wrapped - 3 : wrapped + 2], f"artikel {code.replace('-', chr(0xAD))} en meer", *text[:5]]
    write_pdf(path, lines)
    doc = SourceDocument.read(path)
    assert text[wrapped].strip() in [line.strip() for line in doc.lines]
    assert text[wrapped + 1].strip() in [line.strip() for line in doc.lines]
    assert f"artikel {code} en meer" in doc.lines


def test_a_pdf_of_another_kind_of_text_is_an_unknown_kind(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_pdf(folder / "readme.pdf", (CORPUS / "README.md").read_text(encoding="utf-8").split("\n"))
    result = build.load_documents([folder])
    assert (result.documents, [e.path.name for e in result.skipped]) == ([], ["readme.pdf"])
    with pytest.raises(DocumentError, match=r"readme\.pdf: is not a document kind beleidskg can read"):
        build.load_documents([folder / "readme.pdf"])


def test_a_folder_reads_its_pdfs_beside_its_texts(bbt_pdf: tuple[Path, list[int]], tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(bbt_pdf[0].read_bytes())
    (tmp_path / "b.txt").write_text(corpus_file("001").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a document", encoding="utf-8")
    assert [(i.path.name, i.explicit) for i in build.inputs([tmp_path])] == [("a.pdf", False), ("b.txt", False)]


def refused(path: Path, **layout) -> DocumentError:
    write_pdf(path, corpus_file("000").read_text(encoding="utf-8").split("\n")[:100], **layout)
    with pytest.raises(DocumentError) as caught:
        SourceDocument.read(path)
    return caught.value


def test_a_scanned_page_is_a_one_line_error_naming_file_and_page(tmp_path: Path) -> None:
    err = refused(tmp_path / "part-scan.pdf", image_after=[1])
    assert str(err) == f"{tmp_path / 'part-scan.pdf'}: has no text layer on page(s) 2 (scanned?); run OCR first"


def test_a_pdf_without_any_text_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=PAGE_SIZE)
    for _ in range(2):
        pdf.drawInlineImage(Image.new("L", (60, 80), 128), 30, 30, 300, 400)
        pdf.showPage()
    pdf.save()
    with pytest.raises(DocumentError) as caught:
        SourceDocument.read(path)
    assert str(caught.value) == f"{path}: has no text layer (scanned?); run OCR first"


def test_an_encrypted_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    err = refused(tmp_path / "locked.pdf", password="geheim")
    assert str(err) == f"{tmp_path / 'locked.pdf'}: is an encrypted PDF (needs a password); decrypt it first"


def test_a_damaged_pdf_is_a_one_line_error(bbt_pdf: tuple[Path, list[int]], tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(bbt_pdf[0].read_bytes()[:2000])
    with pytest.raises(DocumentError) as caught:
        SourceDocument.read(path)
    assert str(caught.value).startswith(f"{path}: is not a readable PDF") and "\n" not in str(caught.value)


def test_build_command_reads_a_folder_of_pdfs_and_refuses_a_scan(tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    write_pdf(folder / "nota.pdf", corpus_file("001").read_text(encoding="utf-8").split("\n"))
    write_pdf(folder / "readme.pdf", (CORPUS / "README.md").read_text(encoding="utf-8").split("\n"))
    store_path = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(store_path)])
    assert result.exit_code == 0, result.stderr
    assert f"skipped {folder / 'readme.pdf'}" in result.stderr and "loaded nota.pdf" in result.stdout
    current = (store_path / store.POINTER).read_text(encoding="utf-8")
    refused(tmp_path / "scan.pdf", image_after=[1])
    result = CliRunner().invoke(main, ["build", str(tmp_path / "scan.pdf"), "--store", str(store_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'scan.pdf'}: has no text layer on page(s) 2 (scanned?); run OCR first"
    ]
    assert (store_path / store.POINTER).read_text(encoding="utf-8") == current  # the store is untouched
