"""Load test of ``beleidskg serve``: many concurrent clients, mixed requests, on loopback only.

Run: ``.venv/bin/python benchmarks/load.py [--clients 200] [--requests 1000] [--store DIR]``.
Starts the server as a subprocess on a free loopback port (building the
corpus store first when no ``--store`` is given), sends a bounded number of
requests from ``--clients`` threads at once (templates, SPARQL queries,
requests that must fail with a 4xx, the index; answers the server keeps and
queries new each time) plus one runaway query, and
prints errors, p50/p99 latency per kind and the peak memory of the server's
process tree. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

import psutil

from beleidskg import build
from beleidskg.workers import WORKERS

#: (kind, path, expected status). 'error' requests must be refused with the status given.
TITLES = "SELECT ?t WHERE { ?m <http://purl.org/dc/terms/title> ?t } LIMIT 100"
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
REQUESTS = [
    ("template", "/query/goals?legislature=2024-2029&level=OD", 200),
    ("template", "/query/article-amounts?article=TB0-1THC2UA-WT&format=csv", 200),
    ("template", "/query/goal-trace?plan=2024-2029&goal=OD%204", 200),
    ("template", "/query/goal-articles?od=OD%204", 200),
    ("template", "/query/documents", 200),
    ("sparql", "/sparql?" + urllib.parse.urlencode({"query": TITLES}), 200),
    ("sparql", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}), 200),
    # a different query each time ({i} is the request's number): never a kept answer, always a worker's run
    ("sparql-new", "/sparql?" + urllib.parse.urlencode({"query": TITLES + " OFFSET {i}"}).replace("%7Bi%7D", "{i}"), 200),
    ("error", "/query/article-amounts?colour=red", 400),
    ("error", "/sparql?" + urllib.parse.urlencode({"query": SERVICE}), 400),
    ("error", "/query/goals/anything", 404),
    ("index", "/", 200),
]
RUNAWAY = "/sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, path: str, timeout: float = 120) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/sparql-results+json, application/json, */*"})
        response = conn.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    except OSError:
        return -1, time.perf_counter() - start
    finally:
        conn.close()


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_path = args.store or Path(tmp) / "store"
        if args.store is None:
            build.build([build.default_corpus()], store_path)
        port = free_port()
        command = [sys.executable, "-m", "beleidskg.cli", "serve", "--store", str(store_path), "--port", str(port)]
        server = subprocess.Popen([*command, "--workers", str(args.workers), "--timeout", "10"], stdout=subprocess.PIPE)
        try:
            server.stdout.readline()  # 'serving ...' once the socket listens
            while request(port, "/")[0] != 200:
                time.sleep(0.2)
            run(port, psutil.Process(server.pid), args)
        finally:
            server.terminate()
            server.wait(30)


def run(port: int, proc: psutil.Process, args: argparse.Namespace) -> None:
    idle_rss = tree_rss(proc)
    peak = [idle_rss]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc))
            time.sleep(0.05)

    rng = random.Random(7)
    chosen = [rng.choice(REQUESTS) for _ in range(args.requests)]
    plan = [(kind, path.replace("{i}", str(i)), want) for i, (kind, path, want) in enumerate(chosen)]
    results: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(args.clients)

    def client(i: int) -> None:
        barrier.wait()  # all clients start at once
        for kind, path, want in plan[i :: args.clients]:
            status, seconds = request(port, path)
            with lock:
                results[kind].append(seconds)
                if status != want:
                    errors.append(f"{status} for {path} (expected {want})")

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    runaway: dict[str, tuple[int, float]] = {}
    runaway_thread = threading.Thread(target=lambda: runaway.setdefault("r", request(port, RUNAWAY)))
    runaway_thread.start()
    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    runaway_thread.join()
    done.set()
    sampler.join()
    after_rss = tree_rss(proc)

    every = sorted(s for v in results.values() for s in v)
    print(f"load   {args.requests} requests from {args.clients} concurrent clients, {args.workers} query workers, {wall:.1f} s")
    print(f"errors {len(errors)}" + "".join(f"\n       {e}" for e in errors[:10]))
    for kind in sorted(results):
        times = sorted(results[kind])
        print(f"{kind:<9} {len(times):>5} requests  p50 {pct(times, 50) * 1000:8.1f} ms  p99 {pct(times, 99) * 1000:8.1f} ms")
    print(f"all       {len(every):>5} requests  p50 {pct(every, 50) * 1000:8.1f} ms  p99 {pct(every, 99) * 1000:8.1f} ms")
    status, seconds = runaway["r"]
    print(f"runaway query alongside: status {status} after {seconds:.1f} s (stopped at the 10 s limit)")
    mib = 2**20
    print(
        f"memory server + workers: idle {idle_rss / mib:.0f} MiB, peak {peak[0] / mib:.0f} MiB, "
        f"after {after_rss / mib:.0f} MiB"
    )


def pct(sorted_values: list[float], p: int) -> float:
    if not sorted_values:
        return 0.0
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[p - 1] if p < 100 else sorted_values[-1]


if __name__ == "__main__":
    main()
