"""The bounds a user can change, with their defaults: a document's size, a query's rows, time and memory, the server's workers.

A leaf module (it imports nothing of this package), so the CLI can show the
defaults in its options without importing what enforces them: the loaders,
the templates, the worker pool. A CLI query starts faster for it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The default size limit of one document: the largest bundled one is 0.4 MB.
MAX_BYTES = 20 * 1024 * 1024
#: The rows (or triples) of one answer: more is refused, never cut off.
MAX_ROWS = 100_000
#: Query processes by default: one runaway query (until its timeout) still leaves two to answer everyone else.
WORKERS = 3


@dataclass(frozen=True)
class Limits:
    """What one query may use: wall time, rows, and the address space it may add to its worker (MiB; 0: no cap)."""

    timeout: float = 30.0
    max_rows: int = MAX_ROWS
    memory_mib: int = 2048
