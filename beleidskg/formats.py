"""Result tables as text: an aligned terminal table, CSV, TSV, JSON and Markdown.

Machine formats keep amounts as plain exact decimals ('600665', '-1174');
only the terminal table groups thousands, as the documents print them.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from beleidskg.templates import Result

FORMATS = ("table", "csv", "tsv", "json", "md")
MAX_CELL = 60


def plain(value: object) -> str:
    """A cell as plain text: decimals without exponent or trailing zeros, None as ''."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def grouped(value: Decimal) -> str:
    """'600665' -> '600.665', '-1174' -> '-1.174', '49.8' -> '49,8': the documents' notation."""
    text = plain(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return sign + groups + ("," + frac if frac else "")


def render(result: Result, fmt: str) -> str:
    if fmt == "csv":
        return _delimited(result, ",")
    if fmt == "tsv":
        return _delimited(result, "\t")
    if fmt == "json":
        return _json(result)
    if fmt == "md":
        return _markdown(result)
    if fmt == "table":
        return _table(result)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _delimited(result: Result, sep: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([plain(v) for v in row] for row in result.rows)
    return out.getvalue()


def _json_value(value: object) -> str:
    if isinstance(value, Decimal):
        return plain(value)  # an exact JSON number, never through float
    return json.dumps(value, ensure_ascii=False)


def _json(result: Result) -> str:
    rows = [
        "  {" + ", ".join(f"{json.dumps(c)}: {_json_value(v)}" for c, v in zip(result.columns, row, strict=True)) + "}"
        for row in result.rows
    ]
    return "[\n" + ",\n".join(rows) + ("\n" if rows else "") + "]\n"


def _one_line(value: object, limit: int | None) -> str:
    text = " ⏎ ".join(part.strip() for part in plain(value).splitlines()) if isinstance(value, str) else plain(value)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _markdown(result: Result) -> str:
    def cell(v: object) -> str:
        return _one_line(v, None).replace("|", "\\|")

    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: Result) -> str:
    cells = [[grouped(v) if isinstance(v, Decimal) else _one_line(v, MAX_CELL) for v in row] for row in result.rows]
    numeric = [
        all(isinstance(row[i], (Decimal, int)) or row[i] is None for row in result.rows)
        for i in range(len(result.columns))
    ]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [line(list(result.columns)), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out) + "\n"
