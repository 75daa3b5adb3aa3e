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
