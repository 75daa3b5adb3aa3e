"""Benchmarks: build time and size of the full corpus graph, validation and template latency as the graph grows.

Run: ``.venv/bin/python benchmarks/bench.py [--repeat N] [--scales 1,10,100]``.
Prints figures; asserts nothing about time (timings belong here, not in tests).

The build is timed on the corpus (wall and CPU time) and, with ``--build-copies N``
(default 100, 0 to skip), end to end through ``build.build`` on N copies of
each corpus document, written to a folder under names of their own, each copy
made distinct (so the build does not refuse it as a duplicate) by trailing
newlines, which the loaders ignore: a real build of that many documents, with
its worker processes, progress lines, lineage, view and store (issue 12: 100
copies, 500 documents, under 2 minutes).

Validation (all SHACL shapes) is timed on the corpus and on 2, 4 and 8 copies
of it, with the ratio to 1x: it should grow linearly with the number of documents.

Templates are timed on graphs ``--scales`` times the corpus, each with its
documented example parameters and, when it takes no required parameter, also
as a whole-graph listing (``NAME (all)``), with the growth from one scale to
the next. A graph N times the corpus loads each document's triples N times
under N different document identities (its IRI gets a copy suffix), while the
things documents share (plans, goals, articles, ISEs) stay shared, as they
would in a corpus of many years of the same kinds of document; the lineage and
the findings of the corpus are loaded once. The copies say the same things, so
most templates return the same rows at every scale (their DISTINCT folds the
copies together) while reading N times the observations.

The command line is timed as a user runs it (the installed ``beleidskg``, a new
process each time, imports included) on the corpus store: every template with
its example parameters, ``sparql``, ``stats`` and ``--help``, the median of
``--cli-repeat`` runs each (issue 12: each under 300 ms).

Remote store: at the ``--remote-scales`` (default 1 and 10), the scaled store is
also published to an Oxigraph server started here (``oxigraph serve``, the dev
dependency), with the publish time, and every template is timed against it over
the SPARQL 1.1 Protocol (``NxR ms``, beside the local ``Nx ms``): the cost of
HTTP, result serialisation and parsing on top of the same engine.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from beleidskg import build, lineage, remote, store, templates, validate, views
from beleidskg.build import BuildResult


def _nt(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


def timed(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def cpu_seconds() -> float:
    """CPU time of this process (all its threads: the store's bulk load uses several) and its ended children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def print_build(corpus: Path, tmp: Path, repeat: int) -> BuildResult:
    """The corpus build's median wall and CPU time (issue 12: under 1.5 s CPU), and what it built."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        before, start = cpu_seconds(), time.perf_counter()
        result = build.build([corpus], tmp / "store")
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - before)
    triples = sum(build.triple_count(d) for d in result.documents)
    print(
        f"build  full corpus: {len(result.documents)} documents, {triples} triples, "
        f"{statistics.median(walls):.3f} s wall, {statistics.median(cpus):.3f} s CPU (median of {repeat})"
    )
    return result


def print_build_copies(corpus: Path, copies: int, tmp: Path, per_copy: int) -> None:
    """A build of ``copies`` copies of every corpus document, end to end, wall and CPU time (issue 12: 100x under 2 min).

    ``per_copy`` is the corpus's triple count: every copy must give the same
    triples (its identity aside), so the figure is for the whole graph.
    """
    folder = tmp / f"copies-{copies}"
    folder.mkdir()
    sources = [i.path for i in build.inputs([corpus])]
    for source in sources:
        text = source.read_bytes()
        for n in range(copies):  # n + 1 trailing newlines: another content, the same document
            (folder / f"{source.stem}-kopie-{n:03d}{source.suffix}").write_bytes(text + b"\n" * (n + 1))
    workers = build.cpus() if len(sources) * copies >= build.PARALLEL_DOCUMENTS else 1
    before, start = cpu_seconds(), time.perf_counter()
    result = build.build([folder], tmp / f"store-copies-{copies}")
    wall, cpu = time.perf_counter() - start, cpu_seconds() - before
    triples = sum(build.triple_count(d) for d in result.documents)
    check = "each copy the corpus's triples" if triples == copies * per_copy else f"NOT {copies} x {per_copy} triples"
    print(
        f"build  {copies}x corpus: {len(result.documents)} documents, {triples} triples ({check}), "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU ({workers} loading processes)",
        flush=True,
    )
    shutil.rmtree(folder)
    shutil.rmtree(tmp / f"store-copies-{copies}")


def calls(only: set[str] | None = None) -> dict[str, tuple[templates.Template, dict[str, str]]]:
    """Each template with its example parameters, and the listings: templates with no required parameter, unbound.

    ``only`` keeps the templates of those names (both calls of each), for timing a few while working on them.
    """
    found = {}
    for name, template in templates.load_all().items():
        if only and name not in only:
            continue
        found[name] = (template, template.examples())
        if template.params and not any(p.required for p in template.params):
            found[f"{name} (all)"] = (template, {})
    return found


def template_latencies(
    db: ox.Store | remote.RemoteStore, repeat: int, only: set[str] | None = None
) -> dict[str, tuple[float, int]]:
    """Median seconds and row count of every call (of the templates named in ``only``, if given)."""
    found = {}
    for label, (template, values) in calls(only).items():
        seconds, res = timed(lambda t=template, v=values: templates.run(db, t, v), repeat)
        found[label] = (seconds, len(res.rows))
    return found


#: Issue 12 part 4: every reading command at 1x in under this many seconds of wall time (median).
CLI_TARGET = 0.3


def cli_seconds(args: list[str], repeat: int) -> float:
    """Median wall time of ``beleidskg ARGS`` as a user runs it: the installed command in a new process, imports included."""
    script = Path(sys.executable).with_name("beleidskg")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "beleidskg.cli"]
    return timed(lambda: subprocess.run([*command, *args], check=True, stdout=subprocess.DEVNULL), repeat)[0]


def print_cli(path: Path, repeat: int) -> None:
    """The wall time of each reading command from the command line at 1x: every template with its example parameters,
    ``sparql``, ``stats``, ``--help`` (issue 12: each under 0.3 s), and of importing the CLI alone."""
    commands = {"--help": ["--help"], "stats": ["stats", "--store", str(path)]}
    commands["sparql (ASK)"] = ["sparql", "ASK { ?s ?p ?o }", "--store", str(path)]
    for name, template in templates.load_all().items():
        params = [arg for key, value in template.examples(required_only=True).items() for arg in ("--param", f"{key}={value}")]
        commands[f"query {name}"] = ["query", name, "--store", str(path), *params]
    imports = timed(lambda: subprocess.run([sys.executable, "-c", "import beleidskg.cli"], check=True), repeat)[0]
    print(f"cli    importing beleidskg.cli: {imports * 1000:.0f} ms wall (median of {repeat})")
    seconds = {label: cli_seconds(args, repeat) for label, args in commands.items()}
    target = f"{CLI_TARGET * 1000:.0f} ms"
    for label, s in seconds.items():
        over = "" if s < CLI_TARGET else f"  (over {target})"
        print(f"cli    beleidskg {label}: {s * 1000:.0f} ms wall (median of {repeat}){over}")
    slowest = max(seconds, key=seconds.__getitem__)
    slow = sum(s >= CLI_TARGET for s in seconds.values())
    print(f"cli    slowest: beleidskg {slowest}, {seconds[slowest] * 1000:.0f} ms; {slow} of {len(seconds)} at {target} or more")


def scaled_parts(result: BuildResult, copies: int, shared: list[store.GraphPart]) -> list[store.GraphPart]:
    """The corpus graph ``copies`` times, each copy of a document under its own document IRI; ``shared`` once.

    The flat amount view is built for every copy, as a build of that many documents would.
    """
    parts = [build.ontology_part(), *shared]
    credits = views.credit_codes(build.ontology_graph())
    for d in result.documents:
        parts += [build.document_part(d, f"{d.iri}-kopie-{n}") for n in range(copies)]
        parts += [build.view_part(d, credits, f"{d.iri}-kopie-{n}") for n in range(copies)]
    return parts


def print_latencies(
    by_scale: dict[int, dict[str, tuple[float, int]]], remote_by_scale: dict[int, dict[str, tuple[float, int]]] | None = None
) -> None:
    """One line per call: rows, ms per scale (local, then remote ``NxR`` where timed), and the growth between scales."""
    scales = sorted(by_scale)
    remote_by_scale = remote_by_scale or {}
    remote_scales = sorted(remote_by_scale)
    header = f"{'template':<26} {'rows':>6} " + " ".join(f"{f'{s}x ms':>9}" for s in scales)
    header += "".join(f" {f'{s}xR ms':>9}" for s in remote_scales)
    header += " " + " ".join(f"{f'{b}x/{a}x':>9}" for a, b in itertools.pairwise(scales))
    print(header)
    for label in by_scale[scales[0]]:
        times = [by_scale[s][label][0] for s in scales]
        line = f"{label:<26} {by_scale[scales[0]][label][1]:>6} " + " ".join(f"{t * 1000:9.1f}" for t in times)
        line += "".join(f" {remote_by_scale[s][label][0] * 1000:9.1f}" for s in remote_scales)
        line += " " + " ".join(f"{b / a:9.1f}" for a, b in itertools.pairwise(times))
        print(line)


def remote_latencies(
    path: Path, copies: int, server_dir: Path, repeat: int, only: set[str] | None = None
) -> dict[str, tuple[float, int]]:
    """Publish the store at ``path`` to a fresh Oxigraph server and time every call against it."""
    with remote.oxigraph_server(server_dir) as url:
        seconds, published = timed(lambda: remote.publish(path, f"{url}/store", f"{url}/query", timeout=3600), 1)
        triples = sum(p.triples for p in published.graphs)
        state = "counts match" if published.checked and not published.mismatches else f"MISMATCH {published.mismatches}"
        print(f"remote {copies}x corpus: published {len(published.graphs)} graphs, {triples} triples, {seconds:.1f} s ({state})")
        found = template_latencies(remote.RemoteStore(f"{url}/query", 3600), repeat, only)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--build-copies", type=int, default=100, help="copies of each corpus document for a timed real build (0: none)"
    )
    parser.add_argument("--scales", default="1,10,100", help="comma-separated copies of the corpus for template latency")
    parser.add_argument(
        "--remote-scales", default="1,10", help="of those scales, the ones also timed on an Oxigraph server ('' for none)"
    )
    parser.add_argument("--cli-repeat", type=int, default=10, help="runs of each CLI command; the median is printed")
    parser.add_argument("--only", default="", help="comma-separated template names: time only these (default: all)")
    args = parser.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    if only and only - set(templates.load_all()):
        parser.error(f"--only: no template named {', '.join(sorted(only - set(templates.load_all())))}")
    remote_scales = {int(s) for s in args.remote_scales.split(",") if s.strip()}
    corpus = build.default_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        result = print_build(corpus, Path(tmp), args.repeat)
        if args.build_copies:
            print_build_copies(corpus, args.build_copies, Path(tmp), sum(build.triple_count(d) for d in result.documents))
        print_cli(path, args.cli_repeat)
        seconds, inferred = timed(lambda: lineage.link(build.evidence(d) for d in result.documents), args.repeat)
        print(f"build  lineage inference: {seconds:.3f} s")
        shared = [store.GraphPart(lineage.LINEAGE_GRAPH, _nt(inferred))]
        base = None
        for copies in (1, 2, 4, 8):
            path_n = Path(tmp) / f"validate-{copies}"
            store.write(path_n, scaled_parts(result, copies, []), {"documents": []})
            with store.opened(path_n) as db:
                before = cpu_seconds()
                seconds, (found, _) = timed(lambda db=db: validate.run(db), 1)
                cpu = cpu_seconds() - before
                base = base or (seconds, cpu)
                print(
                    f"validate {copies}x corpus: {len(db) // 2:>7} triples, {len(found):>4} findings, "
                    f"{seconds:6.1f} s wall ({seconds / base[0]:4.1f}x the time of 1x), "
                    f"{cpu:6.1f} s CPU ({cpu / base[1]:4.1f}x; target at 8x: 8.5x or less)"
                )
                if copies == 1:
                    shared.append(store.GraphPart(validate.FINDINGS_GRAPH, _nt(validate.findings_graph(found))))
        by_scale, remote_by_scale = {}, {}
        for copies in sorted(int(s) for s in args.scales.split(",")):
            path_n = Path(tmp) / f"scale-{copies}"
            seconds, _ = timed(lambda c=copies, p=path_n: store.write(p, scaled_parts(result, c, shared), {"documents": []}), 1)
            with store.opened(path_n) as db:
                print(f"store  {copies}x corpus: {len(db)} quads, bulk load {seconds:.1f} s", flush=True)
                by_scale[copies] = template_latencies(db, args.repeat, only)
            if copies in remote_scales:
                remote_by_scale[copies] = remote_latencies(path_n, copies, Path(tmp) / f"oxigraph-{copies}", args.repeat, only)
        print_latencies(by_scale, remote_by_scale)


if __name__ == "__main__":
    main()
