"""Benchmarks: build time and size of the full corpus graph, and template latency.

Run: ``.venv/bin/python benchmarks/bench.py [--repeat N]``. Prints figures;
asserts nothing about time (timings belong here, not in tests).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from beleidskg import build, store, templates


def timed(func, repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = build.default_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        seconds, result = timed(lambda: build.build([corpus], path), args.repeat)
        triples = sum(len(d.graph) for d in result.documents)
        docs = len(result.documents)
        print(f"build  full corpus: {docs} documents, {triples} triples, {seconds:.3f} s (median of {args.repeat})")
        with store.opened(path) as db:
            print(f"store  quads incl. ontology: {len(db)}")
            for name, template in templates.load_all().items():
                seconds, res = timed(lambda t=template: templates.run(db, t, {}), args.repeat)
                print(f"query  {name:<20} {len(res.rows):>6} rows  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
