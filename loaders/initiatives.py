"""The annex 'Overzicht beleids- en regelgevingsinitiatieven': one reader for every way it is printed.

BBTs and policy plans close with this annex of planned or realised policy and
regulatory initiatives. It comes in three layouts, told apart by what the annex
itself holds:

- a table with tab-separated cells (a markdown-like extraction of a policy plan):
  its header row names the columns (Nr., Naam initiatief, Aard, Inhoud, Planning,
  Datum inwerkingtreding), a numbered sub-heading above the rows names the
  responsible entity, and a row whose first cell is empty continues the row above;
- the same table with its cells run together (a BBT begrotingsopmaak): under the
  column header, a row starts with its number ('1. Financiering lokale besturen
  Decreet ...') and runs to the next; its title is the rest of its first line, its
  text the whole row, its date of entry into force the last date it prints;
- a list without a header (a BBT begrotingsuitvoering): numbered sub-headings give
  the entity and the kind ('1. Decreten'), and each item starts with the name of an
  instrument ('Decreet', 'Besluit', 'Ministerieel besluit', ...) and wraps over lines;
  items are numbered in list order.
"""

from __future__ import annotations

import re

from . import records as r
from .source import SourceDocument
from .text import ROMAN_HEADING_RE, is_noise, join_wrapped, strip_markup

#: The annex's heading ('VIII. BIJLAGE ‘OVERZICHT BELEIDS- EN REGELGEVINGSINITIATIEVEN’'), markup stripped;
#: not its line in a table of contents (dot leaders).
INITIATIVES_HEADING_RE = re.compile(
    r"^\s*(?:[IVX]+\.\s+)?BIJLAGE\s+.OVERZICHT BELEIDS- EN REGELGEVINGSINITIATIEVEN(?!.*\.{3,})", re.IGNORECASE
)
#: Column headings of the table (upper case keyword -> field), in the order printed.
COLUMNS = (
    ("NR", "nummer"),
    ("NAAM", "titel"),
    ("AARD", "aard"),
    ("INHOUD", "inhoud"),
    ("PLANNING", "planning"),
    ("DATUM", "datumInwerkingtreding"),
)
#: The column header of a table whose cells run together: 'Nr. NAAM INITIATIEF AARD INHOUD'.
_RUN_TOGETHER_HEADER_RE = re.compile(r"^\s*Nr\.?\s.*\bNAAM\b", re.IGNORECASE)
_NUMBERED_ROW_RE = re.compile(r"^\s*(\d{1,2})\.\s+(.*?)\s*$")
_INSTRUMENT_RE = re.compile(r"^(?:Decreet|Besluit|Ministerieel|Programmadecreet|Protocol|Samenwerkingsakkoord)\b")
_DATE_RE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")


def annex(doc: SourceDocument) -> tuple[int, int] | None:
    """The annex's heading line and the line after its last (the next chapter, or one past the end)."""
    start = next(
        (n for n, line in enumerate(doc.lines, 1) if INITIATIVES_HEADING_RE.match(strip_markup(line))),
        None,
    )
    if start is None:
        return None
    end = next((n for n in range(start + 1, len(doc.lines) + 1) if ROMAN_HEADING_RE.match(doc.line(n))), len(doc.lines) + 1)
    return start, end


def read(doc: SourceDocument, heading: int, end: int) -> list[r.Initiative]:
    """The initiatives of the annex headed on line ``heading`` and ending before line ``end``, in any layout."""
    lines = range(heading + 1, end)
    if any("\t" in doc.line(n) for n in lines):
        return _table(doc, lines)
    if any(_RUN_TOGETHER_HEADER_RE.match(strip_markup(doc.line(n))) for n in lines):
        return _run_together_rows(doc, heading, end)
    return _titles(doc, lines)


def _table(doc: SourceDocument, lines: range) -> list[r.Initiative]:
    """Rows of a tab-separated table; a numbered sub-heading names the responsible entity."""
    columns = [name for _, name in COLUMNS]
    entity: str | None = None
    rows: list[tuple[list[list[str]], int, int, str | None]] = []
    for n in lines:
        raw = doc.line(n)
        text = strip_markup(raw)
        if is_noise(text):
            continue
        if "\t" not in raw:
            if m := re.match(r"^\d+\.\s+(?P<name>\S.*)$", text):
                entity = m["name"]
            continue
        cells = [strip_markup(c) for c in raw.split("\t")]
        if header := _header(cells):
            columns = header
        elif re.fullmatch(r"\d+\.?", cells[0]):
            rows.append(([[c] for c in cells], n, n, entity))
        elif not cells[0] and rows and rows[-1][2] == n - 1:
            pieces, first, _, row_entity = rows[-1]
            for i, cell in enumerate(cells[: len(pieces)]):
                pieces[i].append(cell)
            rows[-1] = (pieces, first, n, row_entity)
    out = []
    for pieces, first, last, row_entity in rows:
        row = dict(zip(columns, (join_wrapped(p) for p in pieces), strict=False))
        number = row.pop("nummer").rstrip(".")
        title = row.pop("titel", "") or number
        fields = {"entiteit": row_entity, **{k: v or None for k, v in row.items() if k}}
        out.append(r.Initiative(number, title, (first, last), tuple(fields.items())))
    return out


def _header(cells: list[str]) -> list[str] | None:
    """The header row's column order, when ``cells`` is the header row."""
    names = []
    for cell in cells:
        upper = cell.upper()
        match = next((name for key, name in COLUMNS if upper.startswith(key) or key in upper), None)
        if match is None and cell:
            return None
        names.append(match or "")
    return names if "titel" in names and "nummer" in names else None


def _run_together_rows(doc: SourceDocument, heading: int, end: int) -> list[r.Initiative]:
    """Rows whose cells run together: each from its number to the next row, kept whole as its text."""
    rows = [n for n in range(heading + 1, end) if re.match(r"^\s*\d{1,2}\.\s+\S", doc.line(n))]
    out = []
    for i, first in enumerate(rows):
        last = (rows[i + 1] if i + 1 < len(rows) else end) - 1
        while is_noise(doc.line(last)):
            last -= 1
        number, title = _NUMBERED_ROW_RE.match(doc.line(first)).groups()
        text = join_wrapped([doc.line(k) for k in range(first, last + 1)])
        dates = _DATE_RE.findall(text)
        fields = [("inhoud", text)] + ([("datumInwerkingtreding", dates[-1])] if dates else [])
        out.append(r.Initiative(number, title, (first, last), tuple(fields)))
    return out


def _titles(doc: SourceDocument, lines: range) -> list[r.Initiative]:
    """A list of titles under numbered sub-headings naming their kind ('1. Decreten'), numbered in order."""
    kind = None
    items: list[list] = []
    for k in lines:
        text = doc.line(k).strip()
        if is_noise(text):
            continue
        if m := re.match(r"^\d\.\s+(.+)$", text):
            kind = m.group(1)
            continue
        if _INSTRUMENT_RE.match(text):
            items.append([kind, [text], k, k])
        elif items:
            items[-1][1].append(text)
            items[-1][3] = k
    return [
        r.Initiative(str(index), join_wrapped(parts), (first, last), (("aard", aard),) if aard else ())
        for index, (aard, parts, first, last) in enumerate(items, start=1)
    ]
