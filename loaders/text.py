"""Layout helpers shared by the loaders: the PDF-extraction noise they all meet.

Lines wrap mid-title and mid-number, page numbers stand alone between table
rows, and footnote markers are glued to the last word of a heading.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .records import Abbreviation
from .source import SourceDocument

#: A budget article code such as ``TB0-1THC2UA-WT`` or ``JB0-9JDBACI-OW``.
ARTICLE_CODE = r"[A-Z]{2}0-[19][A-Z]{3}[A-Z0-9]{3}-[A-Z]{2}"
ARTICLE_CODE_RE = re.compile(rf"\b{ARTICLE_CODE}\b")
#: The same, allowing the line break after a hyphen that extraction leaves in running text.
WRAPPED_ARTICLE_CODE_RE = re.compile(r"\b([A-Z]{2}0-\s*[19][A-Z]{3}[A-Z0-9]{3}-\s*[A-Z]{2})\b")

#: A chapter heading numbered in roman numerals ('IX. BIJLAGE ...', 'VI. BELEIDSVELD ...'): where a chapter ends.
ROMAN_HEADING_RE = re.compile(r"^\s*([IVX]+)\.\s+[A-Z]")

_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")

#: The months as Dutch writes them, in order (the index + 1 is the month's number).
MONTHS = (
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
)
#: The months as a regular-expression alternation.
MONTHS_PATTERN = "|".join(MONTHS)


def is_blank(line: str) -> bool:
    return not line.strip()


def is_page_number(line: str) -> bool:
    """A line holding nothing but a page number (1 to 3 digits)."""
    return bool(_PAGE_NUMBER_RE.match(line))


def is_noise(line: str) -> bool:
    """Blank lines and stray page numbers: never content."""
    return is_blank(line) or is_page_number(line)


def normalise_space(text: str) -> str:
    """``text`` with every run of whitespace one space, none at either end (``str.split`` splits where ``\\s+`` does)."""
    return " ".join(text.split())


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


def wrapped_heading(
    doc: SourceDocument,
    line: int,
    first_part: str,
    skip: Callable[[str], bool] = is_noise,
    stop: Callable[[str], bool] | None = None,
) -> tuple[str, int]:
    """A heading (or caption) on ``line`` joined with its continuation lines, and its last line.

    A continuation follows directly (lines ``skip`` calls layout may stand between: blank lines
    are the extraction's, not the author's) and starts in lower case or '(', while the part
    before it does not end a sentence. ``stop`` names lines that head something of their own
    even so (a lettered heading 'a. MVO en lokale overheden' right below a heading).
    """
    parts, last, n = [first_part], line, line + 1
    while n <= len(doc.lines):
        text = doc.line(n)
        if skip(text):
            n += 1
            continue
        stripped = text.strip()
        if (stop is not None and stop(text)) or not _CONTINUES_RE.match(stripped) or parts[-1].rstrip().endswith("."):
            break
        parts.append(stripped)
        last = n
        n += 1
    return join_wrapped(parts), last


_CONTINUES_RE = re.compile(r"^[a-zà-ÿ(]")
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


# -- markdown-like extractions and shared heading rules -------------------------------------------------------------

_SUP_RE = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|br|div|li|ul|ol|td|th|tr|table)\b[^<>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_HEADING_MARK_RE = re.compile(r"^\s*#{1,6}\s+")
_ESCAPE_RE = re.compile(r"\\([*_#\\\[\]])")


@functools.lru_cache(maxsize=1 << 16)
def strip_markup(text: str) -> str:
    """The plain text of a line of a markdown-like extraction.

    Some extractions keep markdown ('## **Beleidsnota**') and HTML cell markup
    (<b>, <p>, <i>, <a href>) that is layout, not content. Footnote references in
    <sup> are dropped (they are markers, not words); link texts are kept.
    Tabs become spaces: split table rows with :func:`tab_cells` first.
    """
    import html  # local: this block is appended to a shared module whose header is not ours to change

    text = _SUP_RE.sub("", text)
    text = _TAG_RE.sub("", _BLOCK_TAG_RE.sub(" ", text))
    text = _HEADING_MARK_RE.sub("", text)
    text = text.replace("**", "").replace("__", "")
    text = _ESCAPE_RE.sub(r"\1", text)
    text = html.unescape(text).strip()
    if len(text) > 2 and text.startswith("*") and text.endswith("*"):
        text = text[1:-1]
    return normalise_space(text)


def tab_cells(line: str) -> list[str]:
    """The cells of a tab-separated table row, each as plain text ('' for an empty cell)."""
    return [strip_markup(cell) for cell in line.split("\t")]


_TOC_ENTRY_RE = re.compile(r"^(?P<text>\S.*?)\s*\.{3,}\s*(?P<page>\d{1,3})$")


def toc_entry(plain: str) -> tuple[str, int] | None:
    """``('OD 1: We optimaliseren ...', 10)`` for a table-of-contents line with dot leaders, else None.

    Loaders skip these lines so that a goal listed in the table of contents is
    not read as the goal's heading.
    """
    m = _TOC_ENTRY_RE.match(plain.strip())
    return (m.group("text").rstrip(" ."), int(m.group("page"))) if m else None


_ISE_FIELD_SUFFIX_RE = re.compile(r"\s*\((?P<field>[^()]+)\)\s*(?:,.*)?$")
_ISE_WITHIN_FIELD_RE = re.compile(r"\s+binnen het beleidsveld\s+(?P<field>.+)$", re.IGNORECASE)
_ISE_PREFIX_RE = re.compile(r"^(?:\d+\.\s*)?ISE\b\s*:?\s*", re.IGNORECASE)


def ise_heading(text: str) -> tuple[str, str | None]:
    """The ISE name and, when the heading states it, its policy field.

    'ISE: Activering (Sociale economie), MVG excl. DAB' -> ('Activering', 'Sociale economie');
    'ISE Activering binnen het beleidsveld sociale economie' -> ('Activering', 'sociale economie');
    '1. ISE ACTIVERING' -> ('ACTIVERING', None). The name is kept as printed:
    IRIs slug it, so 'ACTIVERING' and 'Activering' are the same ISE.
    """
    name = _ISE_PREFIX_RE.sub("", text.strip())
    field: str | None = None
    for pattern in (_ISE_WITHIN_FIELD_RE, _ISE_FIELD_SUFFIX_RE):
        m = pattern.search(name)
        if m:
            field = m.group("field").strip()
            name = name[: m.start()]
            break
    return normalise_space(name).strip(" ,:"), field


def heading_title(parts: list[str]) -> tuple[str, int | None]:
    """A goal title from its (possibly wrapped) heading lines, and its footnote number.

    Wrapped pieces are joined, a glued footnote marker is removed, and a single
    trailing full stop is dropped: documents print the same goal's heading with
    and without it, and the title is the same.
    """
    title, footnote = strip_footnote_marker(join_wrapped(parts))
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title, footnote


# -- running text joined from numbered lines -------------------------------------------------------------------------


@dataclass(frozen=True)
class JoinedText:
    """Running text joined from wrapped lines that can still say which lines a stretch of it came from.

    Values in running text (an amount, an article code) wrap over line breaks;
    matching them on the joined text finds them, and :meth:`lines_of` gives the
    span of lines to cite.
    """

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """The first and last line numbers of ``text[start:end]``."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        return self.numbers[max(first, 0)], self.numbers[max(last, 0)]


def join_lines(lines: list[Line]) -> JoinedText:
    """Join lines as :func:`join_wrapped` does, remembering where each line's piece starts."""
    pieces: list[str] = []  # joined once at the end: appending to one string copies it each time
    size, tail = 0, ""  # the joined length so far, and its last two characters
    starts: list[int] = []
    numbers: list[int] = []
    for ln in lines:
        piece = normalise_space(ln.text)
        if not piece:
            continue
        if pieces and not (tail.endswith("-") and tail != " -"):
            pieces.append(" ")
            size, tail = size + 1, tail[-1:] + " "
        starts.append(size)
        numbers.append(ln.number)
        pieces.append(piece)
        size, tail = size + len(piece), (tail + piece)[-2:]
    return JoinedText("".join(pieces), tuple(starts), tuple(numbers))


# -- the list of abbreviations -----------------------------------------------------------------------------------------

#: The heading of a list of abbreviations, which ends a document's body: 'VII. LIJST MET AFKORTINGEN',
#: 'Lijst van de afkortingen:', or 'Afkortingen' on a line of its own; not its line in a table of contents
#: (dot leaders). The one pattern every loader and the measure reader use.
ABBREVIATIONS_HEADING_RE = re.compile(
    r"^\s*(?:[IVX]+\.\s+)?(?:Lijst\s+(?:met|van)\s+(?:de\s+)?afkortingen\b(?!.*\.{3,})|afkortingen\s*:?\s*$)",
    re.IGNORECASE,
)
_COLON_ENTRY_RE = re.compile(r"^(?P<abbr>[^\s:][^:\t]{0,39}?)\s*:\s+(?P<meaning>\S.*)$")


def abbreviations(lines: list[Line]) -> list[Abbreviation]:
    """The entries of a list of abbreviations, numbered in list order, in each form documents print them.

    'ABBR<tab>meaning' (a table's two cells); 'ABBR: meaning' (where most entries
    have the colon, a line without one continues the meaning above, and the
    abbreviation may be several words: 'FOD SZ: ...'); else
    'ABBR meaning', the abbreviation being the first word and the capitals-only
    words after it ('VSA WSE Vlaams ...'), and a line starting in lower case
    continuing the meaning above. Quotes around a meaning are not part of it.
    """
    content = [ln for ln in lines if not is_noise(ln.text)]
    with_colon = sum(1 for ln in content if _COLON_ENTRY_RE.match(ln.text.strip())) > len(content) / 2
    entries: list[list] = []
    for ln in content:
        text = ln.text.strip()
        cells = [c.strip() for c in text.split("\t") if c.strip()]
        tokens = text.split()
        colon = _COLON_ENTRY_RE.match(text) if with_colon or tokens[0].endswith(":") else None
        if len(cells) == 2 and "\t" in text:
            entries.append([cells[0], [cells[1]], ln.number, ln.number])
        elif colon:
            entries.append([colon["abbr"], [colon["meaning"]], ln.number, ln.number])
        elif entries and (with_colon or (tokens[0][0].islower() and not re.match(r"^[a-z]+\.$", tokens[0]))):
            entries[-1][1].append(text)
            entries[-1][3] = ln.number
        elif not with_colon and len(tokens) >= 2:
            cut = 1
            while cut < len(tokens) - 1 and not re.search(r"[a-zà-ÿ]", tokens[cut]):
                cut += 1
            entries.append([" ".join(tokens[:cut]), [" ".join(tokens[cut:])], ln.number, ln.number])
    return [
        Abbreviation(abbr, join_wrapped(meaning).strip("'‘’\"“” "), index, (first, last))
        for index, (abbr, meaning, first, last) in enumerate(entries, start=1)
    ]
