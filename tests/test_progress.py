"""The progress of long work: reported on stderr for many documents, silent for a few (not a terminal)."""

from __future__ import annotations

import io

from beleidskg.progress import LONG_WORK, Progress


def test_long_work_reports_every_tenth_and_the_end() -> None:
    out = io.StringIO()
    progress = Progress(LONG_WORK * 2, out)
    for _ in range(LONG_WORK * 2):
        progress.read(1000)
    progress.done()
    lines = out.getvalue().splitlines()
    assert len(lines) == 11  # the first, one per tenth after it, and the last
    assert "documents read 1/100, triples loaded 1,000" in lines[0]
    assert "documents read 100/100, triples loaded 100,000" in lines[-1]


def test_a_few_documents_are_not_reported_without_a_terminal() -> None:
    out = io.StringIO()
    progress = Progress(5, out)
    for _ in range(5):
        progress.read(10)
    progress.done()
    assert out.getvalue() == ""
    assert (progress.documents, progress.triples) == (5, 50)
