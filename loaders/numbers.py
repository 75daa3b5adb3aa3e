"""Dutch number notation to exact decimals.

'600.665' is six hundred thousand six hundred sixty-five, '49,8%' is 49.8 and
'-1.174' is negative. Amounts never pass through float.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: One amount as printed in a table cell: optional sign, thousands dots, optional decimal comma.
AMOUNT = r"[-–−]?\s?\d{1,3}(?:\.\d{3})*(?:,\d+)?|[-–−]?\s?\d+(?:,\d+)?"
AMOUNT_RE = re.compile(rf"(?<![\w.,])(?:{AMOUNT})(?![\w])")
_FULL_AMOUNT_RE = re.compile(rf"^(?:{AMOUNT})$")
#: A table cell that is one amount, and one that is a year (a year is also an amount: callers tell them apart).
AMOUNT_TOKEN_RE = _FULL_AMOUNT_RE
YEAR_TOKEN_RE = re.compile(r"^(?:19|20)\d\d$")


def parse_amount(text: str) -> Decimal:
    """Parse one Dutch-notation number: ``'-1.174'`` -> ``Decimal('-1174')``.

    Also accepts a decimal point where the document uses one in a series
    (``'42.7'`` in a percentage row is ambiguous; callers of percentage rows use
    :func:`parse_percentage`).
    """
    cleaned = text.strip().replace("–", "-").replace("−", "-").replace(" ", "")
    if not _FULL_AMOUNT_RE.match(cleaned):
        raise ValueError(f"not an amount: {text!r}")
    return Decimal(cleaned.replace(".", "").replace(",", "."))


def parse_percentage(text: str) -> Decimal:
    """Parse ``'49,8%'``, ``'49.8%'`` or ``'29.3'`` as the decimal 49.8 / 29.3."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", cleaned):
        raise ValueError(f"not a percentage: {text!r}")
    return Decimal(cleaned)


def amounts_in(text: str) -> list[Decimal]:
    """Every amount in a table row's cells, in order."""
    return [parse_amount(m.group()) for m in AMOUNT_RE.finditer(text)]


_QUANTITY_RE = re.compile(
    r"(?<![\w.,])(?P<value>-?\d+(?:,\d+)?)\s*(?P<unit>procentpunten|procentpunt|ppt|procent|%)(?!\w)", re.IGNORECASE
)
_YEAR_RE = re.compile(r"(?<![\w.,])(?:19|20)\d{2}(?![\w.,]\d)")
_QUANTITY_UNITS = {"procentpunten": "procentpunt", "procentpunt": "procentpunt", "ppt": "procentpunt"}


def percentages_by_year(text: str) -> list[tuple[int, Decimal, str]]:
    """``(year, value, unit)`` for each percentage or percentage-point figure dated in its sentence.

    'In 2023 bedroeg de werkzaamheidskloof 29,5 ppt.' -> ``[(2023, Decimal('29.5'), 'procentpunt')]``.
    A figure is dated only when its sentence names exactly one year, so an
    undated or ambiguous figure is left out rather than given a guessed year.
    Units are the keys of ``model.UNITS`` ('procent', 'procentpunt').
    """
    out: list[tuple[int, Decimal, str]] = []
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        years = {int(m.group()) for m in _YEAR_RE.finditer(sentence)}
        if len(years) != 1:
            continue
        (year,) = years
        for m in _QUANTITY_RE.finditer(sentence):
            unit = _QUANTITY_UNITS.get(m.group("unit").lower(), "procent")
            out.append((year, parse_percentage(m.group("value")), unit))
    return out


def format_amount(value: Decimal) -> str:
    """An amount as the documents print it: '-12.541', '101,49' (in the words of a finding, the reader's notation)."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of a figure's last significant digit: what rounding it to that digit may have moved it
    ('7.800' a rounded hundred: 50; '1.447': 0,5)."""
    digits = str(abs(int(value))) if value == int(value) else ""
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Decimal(10) ** zeros / 2
