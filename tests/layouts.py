"""Layout transformations: the corpus documents rewritten as other PDF-to-text tools lay them out.

Each function takes a document's text and returns the same document as another
extractor would give it. The facts read from the result must be the facts read
from the original (line numbers aside): that is what the layout layer promises.
The transformations are written against the *kind* of layout (a unit line, a
credit header, a table row is a label and amounts), never against one document.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_UNIT = re.compile(r"^\s*\((?:in )?(?:duizend )?euro\)\s*$", re.IGNORECASE)
_CREDITS = re.compile(r"^\s*(?:(?:19|20)\d\d\s+)?(?:(?:VAK|VEK|AO|TO|LO)\s*)+$")
_ROUND = re.compile(r"1e BA-JR|1e BA|BU|BA (?:19|20)\d\d|BO (?:19|20)\d\d|evolutie")
_ROUNDS = re.compile(r"^\s*(?:(?:19|20)\d\d\s+)?(?:(?:1e BA-JR|1e BA|BU|BA (?:19|20)\d\d|BO (?:19|20)\d\d|evolutie)\s*){2,}$")
_AMOUNT = re.compile(r"^[-–−]?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")


def _is_amount(token: str) -> bool:
    return bool(_AMOUNT.match(token))


def without_blank_lines(text: str) -> str:
    """pdfplumber and many viewers give no blank lines between rows or paragraphs."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def crlf(text: str) -> str:
    """A file saved on Windows."""
    return text.replace("\n", "\r\n")


def odd_spaces(text: str) -> str:
    """Non-breaking spaces between amounts and labels, thin and narrow spaces in running text."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if any(_is_amount(t) for t in line.split()):
            line = line.replace(" ", "\u00a0")
        elif i % 3 == 0:
            line = line.replace(" ", "\u2009", 2)
        elif i % 3 == 1:
            line = line.replace(" ", "\u202f", 1)
        out.append(line)
    return "\n".join(out)


def _next_content(lines: list[str], i: int) -> int | None:
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j if j < len(lines) else None


def unit_joined_to_header(text: str) -> str:
    """``(duizend euro)`` and the credit header below it on one line, as pdfplumber prints them."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = _next_content(lines, i) if _UNIT.match(lines[i]) else None
        if j is not None and _CREDITS.match(lines[j]):
            out.append(f"{lines[i].strip()} {lines[j].strip()}")
            i = j + 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _row_tokens(line: str) -> tuple[int, int]:
    """(words, amounts) of a line."""
    tokens = line.split()
    amounts = sum(1 for t in tokens if _is_amount(t))
    return len(tokens) - amounts, amounts


def credit_tables_on_one_line(text: str) -> str:
    """Each credit table, from its unit line through its last row, on one line (copied from a PDF viewer).

    A table starts at a unit line followed by a credit header (``VAK VEK``,
    ``2023 AO TO LO VAK VEK``) and perhaps a column header (``2023 1e BA 1e BA-JR BU ...``);
    its rows are lines of a short label and amounts, and label lines of a few words
    that precede their amounts.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = _next_content(lines, i) if _UNIT.match(lines[i]) else None
        if j is None or not _CREDITS.match(lines[j]):
            out.append(lines[i])
            i += 1
            continue
        columns = len(lines[j].split()) - (1 if re.match(r"^\s*(?:19|20)\d\d\b", lines[j]) else 0)
        parts = [lines[i].strip(), lines[j].strip()]
        h = _next_content(lines, j)
        if h is not None and _ROUNDS.match(lines[h]):  # a column header under the credit types
            columns = len(_ROUND.findall(lines[h]))
            parts.append(lines[h].strip())
            j = h
        k, pending, end = j + 1, [], j
        while k < len(lines):
            line = lines[k].strip()
            if not line:
                k += 1
                continue
            words, amounts = _row_tokens(line)
            if amounts >= columns and words <= 4:
                parts += [*pending, line]
                pending, end = [], k
            elif amounts == 0 and words <= 3 and len(pending) < 3:
                pending.append(line)
            else:
                break
            k += 1
        out.append(" ".join(parts))
        i = end + 1
    return "\n".join(out)


def labels_then_amounts(text: str) -> str:
    """Each credit table's row labels first, then its rows of amounts (an extractor reading by column)."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        if not _CREDITS.match(lines[i]):
            i += 1
            continue
        columns = len(lines[i].split()) - (1 if re.match(r"^\s*(?:19|20)\d\d\b", lines[i]) else 0)
        rows, k = [], i + 1
        while k < len(lines):
            if not lines[k].strip():
                k += 1
                continue
            tokens = lines[k].split()
            if len(tokens) > columns and all(_is_amount(t) for t in tokens[-columns:]) and not _is_amount(tokens[0]):
                rows.append((" ".join(tokens[:-columns]), " ".join(tokens[-columns:])))
                k += 1
            else:
                break
        if len(rows) >= 2:
            out += [label for label, _ in rows] + [amounts for _, amounts in rows]
            i = k
        else:
            i += 1
    return "\n".join(out)


def pdftotext_layout(text: str) -> str:
    """``pdftotext -layout``: indented lines, table cells aligned with runs of spaces, justified prose."""
    out = []
    for line in text.split("\n"):
        tokens = line.split(" ")
        tokens = [t for t in tokens if t]
        if "\t" in line:  # a markdown-like extraction's tab-separated cells: only the spacing changes
            out.append("    " + "  ".join(tokens))
            continue
        if not tokens:
            out.append("")
            continue
        first_amount = next((k for k, t in enumerate(tokens) if _is_amount(t) and k > 0), None)
        if first_amount is not None and all(_is_amount(t) for t in tokens[first_amount:]):
            label = " ".join(tokens[:first_amount])
            cells = "".join(t.rjust(14) for t in tokens[first_amount:])
            out.append(f"    {label.ljust(36)}{cells}")
        else:
            out.append("      " + "  ".join(tokens) if len(tokens) > 6 else "      " + " ".join(tokens))
    return "\n".join(out)


def markdown_tables(text: str) -> str:
    """Tables as pipe tables (PDF-to-Markdown tools: docling, marker): a header row over a rule, a row per line.

    A credit or column header becomes ``| | VAK | VEK |`` over ``|---|---:|---:|``; a row of a short label and
    amounts becomes ``| BA 2025 | 598.220 | 568.220 |``.
    """
    out = []
    for line in text.split("\n"):
        if (cells := _header_cells(line)) is not None:
            out += ["| | " + " | ".join(cells) + " |", "|---" + "|---:" * len(cells) + "|"]
        elif (row := _table_row(line)) is not None:
            out.append(f"| {row[0]} | " + " | ".join(row[1]) + " |")
        else:
            out.append(line)
    return "\n".join(out)


def _header_cells(line: str) -> list[str] | None:
    """The cells of a credit or column header line ('2023', '1e BA', '1e BA-JR', ...), None for any other line."""
    if not (_CREDITS.match(line) or _ROUNDS.match(line)):
        return None
    year = re.match(r"^\s*((?:19|20)\d\d)\s", line)
    rounds = _ROUND.findall(line[year.end() if year else 0 :]) if _ROUNDS.match(line) else None
    return ([year.group(1)] if year else []) + rounds if rounds else line.split()


def _table_row(line: str) -> tuple[str, list[str]] | None:
    """A table row's label and amounts ('BA 2025', ['598.220', '568.220']), None for any other line."""
    tokens = line.split()
    first_amount = next((k for k, t in enumerate(tokens) if _is_amount(t) and k > 0), None)
    words, amounts = _row_tokens(line)
    if first_amount is None or amounts < 2 or words > 4 or not all(_is_amount(t) for t in tokens[first_amount:]):
        return None
    return " ".join(tokens[:first_amount]), tokens[first_amount:]


def cells_on_own_lines(text: str) -> str:
    """Each cell of a table's headers and rows on a line of its own (pdfminer emits a table's text boxes so)."""
    out = []
    for line in text.split("\n"):
        if (cells := _header_cells(line)) is not None:
            out += cells
        elif (row := _table_row(line)) is not None:
            out += [row[0], *row[1]]
        else:
            out.append(line)
    return "\n".join(out)


def page_furniture(text: str, every: int = 47) -> str:
    """A running header and a page number on every page, with a form feed at each page break.

    What ``pdftotext`` gives for a document whose pages carry the parliament's
    header; the page numbers land in the middle of tables, titles and sentences.
    """
    lines = text.split("\n")
    out: list[str] = []
    page = 1
    for start in range(0, len(lines), every):
        if start:
            out += ["", str(page), "\f" + "Vlaams Parlement – 1234 (2025-2026) – Nr. 1"]
            page += 1
        out += lines[start : start + every]
    return "\n".join(out)


LAYOUTS: dict[str, Callable[[str], str]] = {
    "without-blank-lines": without_blank_lines,
    "crlf": crlf,
    "odd-spaces": odd_spaces,
    "unit-joined-to-header": lambda t: unit_joined_to_header(without_blank_lines(t)),
    "credit-tables-on-one-line": credit_tables_on_one_line,
    "pdftotext-layout": pdftotext_layout,
    "labels-then-amounts": labels_then_amounts,
    "page-furniture": page_furniture,
    "markdown-tables": markdown_tables,
}
# cells_on_own_lines is not among them: its compensation tables (a header among words) and untyped breakdowns
# are not read back; tests/test_layout.py checks what it does read, and that the rest is named as gaps.
