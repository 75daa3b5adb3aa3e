"""What one query may use, and how many processes serve queries: the defaults of the CLI's options.

Apart from :mod:`beleidskg.workers`, which enforces them, so the CLI can show
them in its options without importing the worker pool (a query has no use for it).
"""

from __future__ import annotations

from dataclasses import dataclass

from beleidskg.templates import MAX_ROWS

#: Query processes by default: one runaway query (until its timeout) still leaves two to answer everyone else.
WORKERS = 3


@dataclass(frozen=True)
class Limits:
    """What one query may use: wall time, rows, and the address space it may add to its worker (MiB; 0: no cap)."""

    timeout: float = 30.0
    max_rows: int = MAX_ROWS
    memory_mib: int = 2048
