"""Progress of long work on stderr: documents read and triples loaded, so a 500-document build is not silent.

On a terminal one line is rewritten in place; otherwise (a log file, CI) a
line is printed at every tenth of the work, and only when there is enough
work to be worth reporting. stdout stays the command's output.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Without a terminal, fewer documents than this are not reported (the build's own lines say enough).
LONG_WORK = 50


class Progress:
    """Counts documents read and triples loaded out of a known number of documents."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.shown = total > 1 and (self.tty or total >= LONG_WORK)
        self.documents = 0
        self.triples = 0
        self.start = time.monotonic()
        self._next = 0

    def read(self, triples: int) -> None:
        """One more document read, with its triples."""
        self.documents += 1
        self.triples += triples
        if not self.shown:
            return
        if self.tty:
            self._line("\r", "")
        elif self.documents >= self._next or self.documents == self.total:
            self._line("", "\n")
            self._next = self.documents + max(1, self.total // 10)

    def done(self) -> None:
        """End the line rewritten in place."""
        if self.shown and self.tty:
            self.stream.write("\n")
            self.stream.flush()

    def _line(self, before: str, after: str) -> None:
        width = 30
        filled = width * self.documents // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        seconds = time.monotonic() - self.start
        counts = f"documents read {self.documents}/{self.total}, triples loaded {self.triples:,}"
        self.stream.write(f"{before}[{bar}] {counts} ({seconds:.0f} s){after}")
        self.stream.flush()
