"""The text layer of a PDF, line by line, each line remembering its page.

Researchers get policy documents as PDFs from the Vlaams Parlement. The loaders
read text, so a PDF becomes the text a reader sees: the lines of each page in
reading order, pages one after the other, and a page number per line so that
provenance can cite the page (the documents cite each other by page). PDFium
(pypdfium2, Apache-2.0/BSD) gives the text; what it adds or marks is undone
here, minimally: line ends become ``\\n``, a hyphen it marks as a line-end
hyphen gets back its character and its line break, and a soft hyphen (U+00AD)
is the hyphen a PDF draws for it (a PDF draws every glyph it holds, so an
article code written with soft hyphens reads as the code).
Anything else about the layout (page numbers, running headers, tables on one
line) is left to the layout layer that reads every text alike.

A page without characters is either blank or scanned: a page with images and
no text is a scan, whose words would be lost without a word, so it is an error,
as is a PDF with no text at all.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .source import MIN_TEXT_CHARS, DocumentError, SourceDocument

MAGIC = b"%PDF-"

#: What PDFium puts for a hyphen it takes to end a line (it also drops the line break after it).
LINE_END_HYPHEN = "\ufffe"
SOFT_HYPHEN = "\u00ad"


def is_pdf(path: Path) -> bool:
    """Whether ``path`` starts as a PDF does; an unreadable file is left for the text reader to report."""
    try:
        with path.open("rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def read(path: Path) -> SourceDocument:
    """The text layer of the PDF at ``path`` as a :class:`SourceDocument` with a page per line.

    Raises :class:`DocumentError` (one line, naming the file) for an encrypted,
    damaged or scanned PDF.
    """
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError(path, "is an encrypted PDF (needs a password); decrypt it first") from None
        raise DocumentError(path, f"is not a readable PDF (damaged?): {exc}") from None
    try:
        lines, pages, scanned = _lines_and_pages(pdf)
    finally:
        pdf.close()
    chars = sum(len(line.strip()) for line in lines)
    if chars == 0:
        raise DocumentError(path, "has no text layer (scanned?); run OCR first")
    if scanned:
        which = ", ".join(str(p) for p in scanned)
        raise DocumentError(path, f"has no text layer on page(s) {which} (scanned?); run OCR first")
    if chars < MIN_TEXT_CHARS:
        raise DocumentError(path, f"holds only {chars} characters of text in its text layer (truncated or scanned?)")
    # a final line end, as a text file has: the same text saved as .txt has the same identity
    return SourceDocument(name=path.name, text="\n".join(lines) + "\n", path=path, pages=(*pages, pages[-1]))


def _lines_and_pages(pdf: pdfium.PdfDocument) -> tuple[list[str], list[int], list[int]]:
    """The lines of every page, the page (1-based) of each, and the pages that are images without text."""
    lines: list[str] = []
    pages: list[int] = []
    scanned: list[int] = []
    for number, page in enumerate(pdf, start=1):
        text = page_text(page)
        if not text.strip():
            if any(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))):
                scanned.append(number)
            continue
        page_lines = text.split("\n")
        lines += page_lines
        pages += [number] * len(page_lines)
    return lines, pages, scanned


def page_text(page: pdfium.PdfPage) -> str:
    """The text of one page as a reader sees it, lines separated by ``\\n``."""
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    if LINE_END_HYPHEN in text:
        text = "".join(_hyphen(textpage, i, len(text)) if ch == LINE_END_HYPHEN else ch for i, ch in enumerate(text))
    return text.replace("\r\n", "\n").replace("\r", "\n").replace(SOFT_HYPHEN, "-")


def _hyphen(textpage: pdfium.PdfTextPage, index: int, count: int) -> str:
    """The printed hyphen at ``index``, with the line break PDFium dropped when the next character is lower."""
    if index + 1 >= count:
        return "-"
    _, bottom, _, _ = textpage.get_charbox(index)
    _, _, _, next_top = textpage.get_charbox(index + 1)
    return "-\n" if next_top < bottom else "-"
