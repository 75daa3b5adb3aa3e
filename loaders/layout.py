"""The layout layer: any PDF-to-text layout in, the logical lines the loaders read out.

Extractors lay the same page out differently: with or without blank lines,
table cells aligned with runs of spaces (``pdftotext -layout``), a unit line
joined to the credit header below it, a whole small table on one line (copied
from a viewer), odd spaces (non-breaking, thin), page headers, footers and page
numbers in the middle of a table or a sentence. Loaders should not each cope
with all of that, so every document passes through :func:`normalise` first:

- spaces: every kind of space is one space; runs of spaces inside a line are one;
- page furniture: form feeds, running headers/footers and page-number lines are
  removed (and remembered, with their lines, for the reading report);
- joined lines are split into logical lines: a unit marker ``(duizend euro)``
  stands on a line of its own, a credit header (``VAK VEK``, ``2023 AO TO LO``)
  and a column header (``2023 1e BA 1e BA-JR BU``) too, and a line holding
  several table rows (label, then one amount per column) gives one line per row.

The result is a :class:`SourceDocument` whose lines are the logical lines and
which cites its source: each logical line knows the source lines it came from,
so provenance always points at the document as the user has it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace

from .numbers import AMOUNT_TOKEN_RE, YEAR_TOKEN_RE
from .source import SourceDocument

#: Spaces that are not U+0020: no-break, figure, thin, narrow no-break, en/em spaces, ideographic.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_INNER_RUN = re.compile(r"(?<=\S)[ ]{2,}(?=\S)")

#: A row of a pipe table, as PDF-to-Markdown tools (docling, marker, ...) write tables: '| BA 2025 | 598.220 | 568.220 |'.
_PIPE_ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
#: The rule under a pipe table's header ('|---|:---:|'), or a horizontal rule: drawing, not content.
_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_UNIT_RE = re.compile(r"\((?:in\s+)?(?:duizend|x\s*1\.?000)\s+euro\)|\((?:k)?euro\)", re.IGNORECASE)
_YEAR = r"(?:19|20)\d\d"
_CREDIT_HEADER_RE = re.compile(rf"^\s*((?:{_YEAR}\s+)?(?:(?:VAK|VEK|AO|TO|LO)(?=\s|$)\s*)+)")
_ROUND = rf"(?:1e\s+BA-JR|1e\s+BA|BU|BA\s+{_YEAR}|BO\s+{_YEAR}|evolutie)\b"
_ROUND_HEADER_RE = re.compile(rf"^\s*((?:{_YEAR}\s+)?{_ROUND}(?:\s+{_ROUND})+)\s*")
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:-\s*)?(\d{1,3})(?:\s*-)?\s*$")
_PAGE_LABEL_RE = re.compile(
    r"^\s*(?:pagina|page|p\.)\s*\d{1,4}(?:\s*(?:van|/|of)\s*\d{1,4})?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$", re.I
)
_DIGITS_RE = re.compile(r"\d+")
#: The share of pages a running header or footer stands on at the least (odd or even pages only: a half).
_RUNNING_SHARE = 0.3
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
#: A prose line ends a table region: many words and no amount.
_PROSE_WORDS = 8


@functools.lru_cache(maxsize=1 << 16)
def clean_line(line: str) -> str:
    """One line with its spaces made plain: odd spaces become spaces, inner runs one space.

    Leading whitespace is kept (some loaders read indentation as a page start);
    a pipe table's row ('| Index | 11.433 | 11.433 |') becomes its cells ('Index 11.433 11.433');
    a form feed (a page break in ``pdftotext`` output) and a carriage return are removed.
    Cached: every line is cleaned when looking for page furniture and again when read.
    """
    line = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", line.replace("\f", "").replace("\r", "")))
    if pipes := _PIPE_ROW_RE.match(line):  # a pipe table's row is its cells, as a plain text row is
        line = " ".join(cell.strip() for cell in pipes.group(1).split("|") if cell.strip())
    if line.endswith("\u00ad"):  # a soft hyphen at the end of a line is the hyphen of a wrapped word
        line = line[:-1] + "-"
    return _INNER_RUN.sub(" ", line.replace("\u00ad", ""))


@functools.lru_cache(maxsize=1 << 16)
def _is_amount(token: str) -> bool:
    return bool(AMOUNT_TOKEN_RE.match(token))


def split_rows(text: str, columns: int) -> list[str]:
    """A line holding several table rows, one string per row.

    A row is a label (words, possibly ending in a year: 'BA 2025') followed by
    exactly ``columns`` amounts. Words after the last full row stay together.
    """
    rows: list[str] = []
    current: list[str] = []
    label_words = amounts = 0
    year_seen = False
    for token in text.split():
        if _is_amount(token) and not (YEAR_TOKEN_RE.match(token) and label_words and not amounts and not year_seen):
            amounts += 1
        elif YEAR_TOKEN_RE.match(token) and label_words and not amounts:
            year_seen = True
        else:
            if amounts:  # words after amounts that are not a full row: not a table line
                return [text]
            label_words += 1
        current.append(token)
        if amounts == columns:
            rows.append(" ".join(current))
            current, label_words, amounts, year_seen = [], 0, 0, False
    if current:
        rows.append(" ".join(current))
    # every row after the first opens with its label: amounts alone are one row of more columns
    if any(_is_amount(row.split()[0]) for row in rows[1:]):
        return [text]
    return rows


def _header_split(text: str) -> tuple[list[str], str, int] | None:
    """A credit/column header at the start of ``text``: the header lines, the rest, the table's column count.

    ``'VAK VEK BA 2025 598.220 568.220'`` -> ``(['VAK VEK'], 'BA 2025 598.220 568.220', 2)``;
    ``'VAK VEK 2023 1e BA 1e BA-JR BU 1e BA 1e BA-JR BU Uitgaven ...'`` -> two header lines and 6
    columns. None when the line does not start with a credit header.
    """
    m = _CREDIT_HEADER_RE.match(text)
    if not m:
        return None
    headers = [m.group(1).strip()]
    columns = sum(1 for c in headers[0].split() if not YEAR_TOKEN_RE.match(c))
    rest = text[m.end() :].strip()
    rounds = _ROUND_HEADER_RE.match(rest)
    after = rest[rounds.end() :].split()[:1] if rounds else []
    # a column header is followed by a row label, never directly by an amount ('1e BA 187 0 0' is a row)
    if rounds and not (after and _is_amount(after[0])):
        headers.append(rounds.group(1).strip())
        columns = len(re.findall(_ROUND, headers[-1]))
        rest = rest[rounds.end() :].strip()
    # what follows a header is table rows, each a label and one amount per column; anything else
    # ('AO Algemene Ontvangsten', 'VAK en VEK bedraagt 33.543 keuro') is a sentence, not a header
    if rest and not all(_amount_count(row) == columns for row in split_rows(rest, columns)):
        return None
    return headers, rest, columns


def _amount_count(row: str) -> int:
    """The amounts of a row, not counting the year of its label ('BA 2025 598.220 568.220' has two)."""
    tokens = row.split()
    in_label = [k > 0 and YEAR_TOKEN_RE.match(t) and not _is_amount(tokens[k - 1]) for k, t in enumerate(tokens)]
    return sum(1 for t, label in zip(tokens, in_label, strict=True) if _is_amount(t) and not label)


def _split_unit(text: str) -> list[str]:
    """A unit marker '(duizend euro)' on a line of its own, apart from what stands before or after it."""
    m = _UNIT_RE.search(text)
    if not m or (not text[: m.start()].strip() and not text[m.end() :].strip()):
        return [text]
    before, unit, after = text[: m.start()].rstrip(), m.group(), text[m.end() :].strip()
    return [p for p in (before, unit) if p.strip()] + ([after] if after else [])


def logical_lines(line: str, columns: int | None) -> tuple[list[str], int | None]:
    """The logical lines one physical line holds, and the column count of the table it is in (if any).

    ``columns`` is the column count of the table the previous lines opened;
    a prose line closes it.
    """
    out: list[str] = []
    for piece in _split_unit(line):
        header = _header_split(piece)
        if header is not None:
            headers, rest, columns = header
            out += headers
            out += split_rows(rest, columns) if rest else []
            continue
        if rounds := _ROUND_HEADER_RE.fullmatch(piece.strip()):  # 'BA 2025 evolutie BO 2026 ...' names the columns
            columns = len(re.findall(_ROUND, rounds.group(1)))
            out.append(piece)
            continue
        tokens = piece.split()
        amounts = sum(1 for t in tokens if _is_amount(t))
        if columns and columns >= 2 and amounts >= 2 * columns:  # (a lone 'VEK' opens no table: prose is left alone)
            out += split_rows(piece, columns)
            continue
        if columns and not amounts and len(tokens) >= _PROSE_WORDS:
            columns = None
        out.append(piece)
    return out, columns


# -- page furniture ----------------------------------------------------------------------------------------------


def _furniture(lines: list[str]) -> set[int]:
    """0-based indices of lines that are page furniture: running headers/footers, page numbers and table rules.

    A running header or footer is a line (digits ignored) repeated on at least
    three pages and on a good share of all pages, that stands at page boundaries
    (after a form feed, or within two lines of a page-number line) nearly every time. Page numbers are
    number-only lines counting up page by page (n, n+1, n+2 ... at least ten lines apart),
    or such lines next to a form feed or a running header.
    """
    numbers = {i: int(m.group(1)) for i, line in enumerate(lines) if (m := _PAGE_NUMBER_RE.match(line.replace("\f", "")))}
    chained: set[int] = set()
    by_value: dict[int, list[int]] = defaultdict(list)
    for i, value in numbers.items():
        by_value[value].append(i)
    for i, value in numbers.items():
        nxt = [j for j in by_value.get(value + 1, []) if 10 <= j - i <= 400]
        prev = [j for j in by_value.get(value - 1, []) if 10 <= i - j <= 400]
        if nxt and (prev or any(k for k in by_value.get(value + 2, []) if 10 <= k - nxt[0] <= 400)):
            chained.add(i)
            chained.add(nxt[0])
    breaks = {i for i, line in enumerate(lines) if "\f" in line}
    found = set(chained) | {i for i in range(len(lines)) if _PAGE_LABEL_RE.match(lines[i].replace("\f", ""))}

    def near_boundary(i: int) -> bool:
        if i in breaks or i - 1 in breaks:
            return True
        return any(j in found or j in breaks for j in range(i - 2, i + 3) if j != i)

    shapes: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        shapes[_DIGITS_RE.sub("#", " ".join(clean_line(line).split()))].append(i)
    shapes = {shape: found for shape, found in shapes.items() if len(found) >= 3 and len(_WORD_RE.findall(shape)) >= 2}
    # a running header or footer stands on most pages, and at their boundaries
    pages = len(breaks) + len(chained)
    for occurrences in shapes.values():
        if len(occurrences) >= _RUNNING_SHARE * pages and sum(map(near_boundary, occurrences)) >= 0.8 * len(occurrences):
            found |= set(occurrences)
    # a page number beside a running header, or at a form feed, is furniture even without a chain
    found |= {i for i in numbers if any(j in found or j in breaks for j in (i - 2, i - 1, i + 1, i + 2))}
    # a table's rule lines too (added last: a table header above its rule is no running header)
    return found | {i for i, line in enumerate(lines) if _RULE_RE.match(line)}


def page_breaks(lines: list[str]) -> tuple[int, ...] | None:
    """The page of each line, counted by form feeds; None when the text has none."""
    if not any("\f" in line for line in lines):
        return None
    page, out = 1, []
    for line in lines:
        page += line.count("\f")
        out.append(page)
    return tuple(out)


@functools.lru_cache(maxsize=1 << 16)
def _columns_of_header(line: str) -> int | None:
    """The column count a header line alone announces ('VAK VEK': 2, '2023 1e BA 1e BA-JR BU ...': 6)."""
    if rounds := _ROUND_HEADER_RE.fullmatch(line.strip()):
        return len(re.findall(_ROUND, rounds.group(1)))
    header = _header_split(line)
    return header[2] if header is not None and not header[1] else None


@functools.lru_cache(maxsize=1 << 16)
def _is_label(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 4 and _amount_count(line) == 0 and _columns_of_header(line) is None


def _is_amounts(line: str, columns: int) -> bool:
    tokens = line.split()
    return len(tokens) == columns and all(_is_amount(t) for t in tokens)


def pair_label_columns(lines: list[str], origin: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """A table printed column by column (all its row labels, then all its amount rows) put back in rows.

    Some extractors emit a table's text boxes by column: 'BA 2025', 'Index', ..., 'BO 2026', then
    '598.220 568.220', '11.433 11.433', .... Under a header that gives the column count, a run of
    short labels followed by as many lines of exactly that many amounts is zipped into rows, each
    citing the lines of its label and of its amounts.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    columns: int | None = None
    i = 0
    while i < len(lines):
        columns = _columns_of_header(lines[i]) or columns
        out.append(lines[i])
        spans.append(origin[i])
        i += 1
        if not columns:
            continue
        # the non-blank lines of the next 60, read only as far as the labels and their amounts go
        content = (k for k in range(i, min(len(lines), i + 60)) if lines[k].strip())
        labels: list[int] = []
        after_labels: list[int] = []
        for k in content:
            if not _is_label(lines[k]):
                after_labels.append(k)
                break
            labels.append(k)
        if len(labels) < 2:
            continue
        values = []
        for k in itertools.islice(itertools.chain(after_labels, content), len(labels)):
            if not _is_amounts(lines[k], columns):
                break
            values.append(k)
        if len(values) != len(labels):
            continue
        for label, value in zip(labels, values, strict=True):
            out.append(f"{lines[label].strip()} {lines[value].strip()}")
            spans.append((min(origin[label][0], origin[value][0]), max(origin[label][1], origin[value][1])))
        i = values[-1] + 1
    return out, spans


#: One cell of a credit or column header: a year, a credit type or a budget round.
_HEADER_CELL_RE = re.compile(rf"^\s*(?:{_YEAR}|VAK|VEK|AO|TO|LO|{_ROUND})\s*$")


_ROUND_CELL_RE = re.compile(rf"^\s*{_ROUND}\s*$")


def _content_after(lines: list[str], i: int, reach: int = 40) -> Iterator[int]:
    """The non-blank lines after line ``i`` (0-based), as far as ``reach``."""
    return (k for k in range(i + 1, min(len(lines), i + 1 + reach)) if lines[k].strip())


def join_cells(lines: list[str], origin: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """A table printed cell by cell put back in rows: each header cell and each amount on a line of its own.

    Extractors that emit each text box of a table on a line (pdfminer's layout analysis) give 'VAK',
    'VEK', 'BA 2025', '598.220', '568.220', 'Index', .... Header cells in a row are joined into the
    longest header they make (its column count says how many amounts a row has); under it, a short
    label followed by exactly that many lines of one amount each is one row. Each joined line cites
    the source lines of its cells; a prose line ends the table.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    columns: int | None = None
    i = 0
    while i < len(lines):
        # a header's cells start with its credit types (or the year before them): a run of round names alone
        # ('1e BA', '1e BA-JR', 'BU') is a table's row labels printed before their amounts
        run = [i] if _HEADER_CELL_RE.match(lines[i]) and not _ROUND_CELL_RE.match(lines[i]) else []
        for k in _content_after(lines, i) if run else ():
            if not _HEADER_CELL_RE.match(lines[k]):
                break
            run.append(k)
        header = next(
            (n for n in range(len(run), 1, -1) if _columns_of_header(" ".join(lines[k].strip() for k in run[:n]))), None
        )
        joined: list[int] | None = run[:header] if header else None
        if joined is None and columns and _is_label(lines[i]):
            cells = list(itertools.islice(_content_after(lines, i), columns + 1))
            label = [i]
            if cells and lines[i].split()[-1] in ("BA", "BO") and YEAR_TOKEN_RE.match(lines[cells[0]].strip()):
                label, cells = [i, cells[0]], cells[1:]  # the label's year wrapped: 'Bijstellingen BO' / '2026'
            cells = cells[:columns]
            if len(cells) == columns and all(_is_amounts(lines[k], 1) for k in cells):
                joined = [*label, *cells]
        if joined is None:
            if len(lines[i].split()) >= _PROSE_WORDS and not any(_is_amount(t) for t in lines[i].split()):
                columns = None
            columns = _columns_of_header(lines[i]) or columns
            out.append(lines[i])
            spans.append(origin[i])
            i += 1
            continue
        out.append(" ".join(lines[k].strip() for k in joined))
        spans.append((origin[joined[0]][0], origin[joined[-1]][1]))
        columns = _columns_of_header(out[-1]) or columns
        i = joined[-1] + 1
    return out, spans


def normalise(doc: SourceDocument) -> SourceDocument:
    """The logical lines of ``doc``, each citing the source lines it came from.

    Idempotent on a document already in logical form except for its spaces; the
    result's identity (``sha256``) is the source's.
    """
    furniture = _furniture(list(doc.lines))
    kept = [i for i in range(len(doc.lines)) if i not in furniture]
    # cells on lines of their own joined first, so that a lone 'VEK' is not taken for a one-column header
    lines, spans = join_cells([clean_line(doc.lines[i]) for i in kept], [(i + 1, i + 1) for i in kept])
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    columns: int | None = None
    for line, span in zip(lines, spans, strict=True):
        pieces, columns = logical_lines(line, columns) if line.strip() else ([line], columns)
        out += pieces
        origin += [span] * len(pieces)
    out, origin = pair_label_columns(out, origin)
    if doc.pages is None and (pages := page_breaks(list(doc.lines))) is not None:
        doc = replace(doc, pages=pages)
    return SourceDocument(
        name=doc.name,
        text="\n".join(out),
        path=doc.path,
        origin=tuple(origin),
        source=doc,
        furniture=tuple(sorted(i + 1 for i in furniture)),
    )


def furniture_summary(doc: SourceDocument) -> Counter[str]:
    """How many lines of each kind of page furniture the layout layer removed (for the reading report)."""
    source = doc.source or doc
    kinds: Counter[str] = Counter()
    for n in doc.furniture:
        line = source.line(n).replace("\f", "")
        kind = "paginanummer" if _PAGE_NUMBER_RE.match(line) else "tabelrand" if _RULE_RE.match(line) else "kop- of voettekst"
        kinds[kind] += 1
    return kinds
