"""Benchmarks: build time and size of the full corpus graph, and template latency.

Run: ``.venv/bin/python benchmarks/bench.py [--repeat N] [--scale N]``. Prints
figures; asserts nothing about time (timings belong here, not in tests).

Validation (all SHACL shapes) is timed on the corpus and on 2, 4 and 8
copies of it, to show how it grows with the number of documents.

``--scale N`` also measures every template on a graph N times the corpus:
each document's triples are loaded N times under N different document
identities (its IRI gets a copy suffix), while the things documents share
(plans, goals, articles, ISEs) stay shared, as they would in a corpus of many
years of the same kinds of document.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from beleidskg import build, lineage, store, templates, validate
from beleidskg.build import BuildResult


def timed(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def template_latencies(db: ox.Store, repeat: int, label: str) -> None:
    for name, template in templates.load_all().items():
        seconds, res = timed(lambda t=template: templates.run(db, t, t.examples(required_only=True)), repeat)
        print(f"query  {label:<6} {name:<20} {len(res.rows):>8} rows  {seconds * 1000:9.1f} ms")


def scaled_parts(result: BuildResult, copies: int) -> list[store.GraphPart]:
    """The corpus graph ``copies`` times, each copy of a document under its own document IRI."""
    parts = [build.ontology_part()]
    for d in result.documents:
        parts += [build.document_part(d, f"{d.iri}-kopie-{n}") for n in range(copies)]
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=100, help="copies of the corpus for the large graph (0: skip)")
    args = parser.parse_args()
    corpus = build.default_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        seconds, result = timed(lambda: build.build([corpus], path), args.repeat)
        triples = sum(len(d.graph) for d in result.documents)
        docs = len(result.documents)
        print(f"build  full corpus: {docs} documents, {triples} triples, {seconds:.3f} s (median of {args.repeat})")
        union = build.in_memory([build.document_part(d) for d in result.documents])
        seconds, _ = timed(lambda: lineage.infer(union), args.repeat)
        print(f"build  lineage inference: {seconds:.3f} s")
        with store.opened(path) as db:
            print(f"store  quads incl. ontology: {len(db)}")
            template_latencies(db, args.repeat, "1x")
        base = None
        for copies in (1, 2, 4, 8):
            path_n = Path(tmp) / f"validate-{copies}"
            store.write(path_n, scaled_parts(result, copies), {"documents": []})
            with store.opened(path_n) as db:
                seconds, (found, _) = timed(lambda db=db: validate.run(db), 1)
                base = base or seconds
                print(
                    f"validate {copies}x corpus: {len(db) // 2:>7} triples, {len(found):>4} findings, "
                    f"{seconds:6.1f} s ({seconds / base:4.1f}x the time of 1x)"
                )
        if args.scale:
            big = Path(tmp) / "big"
            parts = scaled_parts(result, args.scale)
            seconds, _ = timed(lambda: store.write(big, parts, {"documents": []}), 1)
            with store.opened(big) as db:
                print(f"store  {args.scale}x corpus: {len(db)} quads, bulk load {seconds:.1f} s")
                template_latencies(db, 1, f"{args.scale}x")


if __name__ == "__main__":
    main()
