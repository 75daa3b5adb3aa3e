"""The text layer of a PDF, line by line, each line remembering its page.

Researchers get policy documents as PDFs from the Vlaams Parlement. The loaders
read text, so a PDF becomes the text a reader sees: the lines of each page in
reading order, pages one after the other, and a page number per line so that
provenance can cite the page (the documents cite each other by page). PDFium
(pypdfium2, Apache-2.0/BSD) gives the text; what it adds or marks is undone
here, minimally: line ends become ``\\n``, a hyphen it marks as a line-end
hyphen gets back its character and its line break, and a soft hyphen (U+00AD)
is the hyphen a PDF draws for it (a PDF draws every glyph it holds, so an
article code written with soft hyphens reads as the code). A text layer has no
empty lines; the white space a reader sees between paragraphs, rows or answers
becomes a blank line, as in text other tools extract, since loaders rely on it
and nothing after extraction could tell it again. Anything else about the layout (page numbers, running headers, tables on one
line) is left to the layout layer that reads every text alike.

A page without characters is either blank or scanned: a page with images and
no text is a scan, whose words would be lost without a word, so it is an error,
as is a PDF with no text at all.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .source import MIN_TEXT_CHARS, DocumentError, SourceDocument

#: What PDFium puts for a hyphen it takes to end a line (it also drops the line break after it).
LINE_END_HYPHEN = "\ufffe"
SOFT_HYPHEN = "\u00ad"
_BREAK = re.compile("\r\n|\r|\n|" + LINE_END_HYPHEN)
#: A drop of the baseline by more than this many times the usual line pitch is white space a reader sees.
GAP = 1.5


def read(path: Path, data: bytes) -> SourceDocument:
    """The text layer of the PDF ``data`` (read from ``path``) as a :class:`SourceDocument` with a page per line.

    Raises :class:`DocumentError` (one line, naming the file) for an encrypted,
    damaged or scanned PDF.
    """
    try:
        pdf = pdfium.PdfDocument(data)
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


@dataclass(frozen=True)
class _Line:
    """A line of a page and the height of its baseline on the page (None for a line of spaces)."""

    text: str
    baseline: float | None


def _lines_and_pages(pdf: pdfium.PdfDocument) -> tuple[list[str], list[int], list[int]]:
    """The lines of every page, the page (1-based) of each, and the pages that are images without text.

    A text layer has no empty lines, but a reader sees the white space between
    paragraphs, table rows or answers: where the baseline drops by more than
    :data:`GAP` times the document's line pitch, a blank line is put.
    """
    by_page: list[list[_Line]] = []
    scanned: list[int] = []
    for number, page in enumerate(pdf, start=1):
        page_lines = _page_lines(page)
        if not any(line.text.strip() for line in page_lines):
            if any(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))):
                scanned.append(number)
            page_lines = []
        by_page.append(page_lines)
    steps = [step for page_lines in by_page for step in _steps(page_lines) if step > 0]
    # the pitch of the tightest body text: tables or answers printed double-spaced do not make it wider
    pitch = statistics.quantiles(steps, n=4)[0] if len(steps) > 1 else sum(steps)
    lines: list[str] = []
    pages: list[int] = []
    for number, page_lines in enumerate(by_page, start=1):
        for line, step in zip(page_lines, _steps(page_lines), strict=True):
            if step > GAP * pitch > 0:
                lines.append("")
                pages.append(number)
            lines.append(line.text)
            pages.append(number)
    return lines, pages, scanned


def _steps(page_lines: list[_Line]) -> list[float]:
    """How far each line's baseline lies below the last baseline above it (0 for the first line and lines of spaces)."""
    out: list[float] = []
    last: float | None = None
    for line in page_lines:
        out.append(last - line.baseline if last is not None and line.baseline is not None else 0.0)
        if line.baseline is not None:
            last = line.baseline
    return out


def _page_lines(page: pdfium.PdfPage) -> list[_Line]:
    """The lines of one page in PDFium's reading order, each with its baseline."""
    textpage = page.get_textpage()
    # one character per character of the text page (PDFium's generated spaces and line ends too),
    # so an index into this text is an index for the text page's character boxes
    text = textpage.get_text_range()
    lines: list[_Line] = []
    start = 0
    for found in _BREAK.finditer(text):
        suffix = ""
        if found.group() == LINE_END_HYPHEN:
            if not _wraps(textpage, found.start(), len(text)):
                continue
            suffix = "-"
        lines.append(_line(textpage, text, start, found.start(), suffix))
        start = found.end()
    lines.append(_line(textpage, text, start, len(text), ""))
    while lines and not lines[-1].text:
        lines.pop()
    return lines


def _line(textpage: pdfium.PdfTextPage, text: str, start: int, end: int, suffix: str) -> _Line:
    """Characters ``start``..``end`` of the page as a line: hyphens as printed, and the baseline of its first character."""
    chars = text[start:end]
    first = next((start + i for i, ch in enumerate(chars) if not ch.isspace()), None)
    printed = chars.replace(LINE_END_HYPHEN, "-").replace(SOFT_HYPHEN, "-") + suffix
    return _Line(printed, None if first is None else _baseline(textpage, first))


def _baseline(textpage: pdfium.PdfTextPage, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return y.value


def _wraps(textpage: pdfium.PdfTextPage, index: int, count: int) -> bool:
    """Whether the character after the hyphen at ``index`` stands on a lower line (PDFium dropped the line break)."""
    if index + 1 >= count:
        return False
    _, bottom, _, _ = textpage.get_charbox(index)
    _, _, _, next_top = textpage.get_charbox(index + 1)
    return next_top < bottom
