"""Layout helpers shared by the loaders: the PDF-extraction noise they all meet.

Lines wrap mid-title and mid-number, page numbers stand alone between table
rows, and footnote markers are glued to the last word of a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .source import SourceDocument

#: A budget article code such as ``TB0-1THC2UA-WT`` or ``JB0-9JDBACI-OW``.
ARTICLE_CODE = r"[A-Z]{2}0-[19][A-Z]{3}[A-Z0-9]{3}-[A-Z]{2}"
ARTICLE_CODE_RE = re.compile(rf"\b{ARTICLE_CODE}\b")
#: The same, allowing the line break after a hyphen that extraction leaves in running text.
WRAPPED_ARTICLE_CODE_RE = re.compile(r"\b([A-Z]{2}0-\s*[19][A-Z]{3}[A-Z0-9]{3}-\s*[A-Z]{2})\b")

_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")


def is_blank(line: str) -> bool:
    return not line.strip()


def is_page_number(line: str) -> bool:
    """A line holding nothing but a page number (1 to 3 digits)."""
    return bool(_PAGE_NUMBER_RE.match(line))


def is_noise(line: str) -> bool:
    """Blank lines and stray page numbers: never content."""
    return is_blank(line) or is_page_number(line)


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def join_wrapped(parts: list[str]) -> str:
    """Join the pieces of a title wrapped over several lines.

    A piece ending in a hyphen that continues a word ('sociale-' + 'economie')
    keeps the hyphen, as the document's word does; pieces are otherwise joined by one space.
    """
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith("-") and not out.endswith(" -"):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return normalise_space(out)


_FOOTNOTE_MARKER_RE = re.compile(r"(?<=[A-Za-zÀ-ÿ.)’'])(\d{1,3})\s*$")


def strip_footnote_marker(title: str) -> tuple[str, int | None]:
    """Split a trailing footnote number glued to the last word: ``'maatwerk1'`` -> ``('maatwerk', 1)``."""
    m = _FOOTNOTE_MARKER_RE.search(title.rstrip())
    if not m:
        return title.strip(), None
    return title.rstrip()[: m.start()].rstrip(), int(m.group(1))


def normalise_code(code: str) -> str:
    """An article code with the whitespace of a line wrap removed."""
    return re.sub(r"\s+", "", code)


@dataclass(frozen=True)
class Line:
    """One numbered line of a document."""

    number: int
    text: str


def numbered(doc: SourceDocument, first: int = 1, last: int | None = None) -> Iterator[Line]:
    """Lines ``first``..``last`` of ``doc`` with their 1-based numbers."""
    last = len(doc.lines) if last is None else last
    for n in range(first, last + 1):
        yield Line(n, doc.lines[n - 1])


def content_lines(doc: SourceDocument, first: int = 1, last: int | None = None) -> Iterator[Line]:
    """Like :func:`numbered`, without blank lines and page-number lines."""
    return (ln for ln in numbered(doc, first, last) if not is_noise(ln.text))
