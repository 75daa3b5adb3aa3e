"""Safe by default: no SERVICE call ever leaves the machine, runaway queries stop, limits hold.

Timing is never asserted (the machine is shared); order is: a cheap request
must be answered while a runaway query is still running.
"""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from beleidskg import serve, templates
from beleidskg.limits import Limits

from .test_serve import fetch, get, sparql_url

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Sorting a cross product keeps all of it in memory.
MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d ?c ?f"
CHEAP = "ASK { ?s ?p ?o }"


@pytest.fixture
def listener() -> Iterator[tuple[socket.socket, str]]:
    """A socket listening on a loopback port: a SERVICE call to it would show as a pending connection."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock, f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    sock.close()


def assert_nothing_connected(sock: socket.socket) -> None:
    readable, _, _ = select.select([sock], [], [], 1.0)
    assert readable == [], "the SERVICE address received a connection"


def service_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ ?x ?y ?z .service silent <{url}>{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment\n \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX service: <urn:x#> SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ]


@pytest.fixture(scope="module")
def tight(built_store: Path) -> Iterator[str]:
    """A server with a short query time, few rows and a small worker memory, so the limits show quickly."""
    with serve.running(built_store, Limits(timeout=3, max_rows=50, memory_mib=1024), workers=2) as url:
        yield url


def test_service_is_refused_by_the_endpoint_and_no_connection_is_opened(tight: str, listener) -> None:
    sock, url = listener
    for query in service_queries(url):
        status, body = get(sparql_url(tight, query))
        assert status == 400 and "SERVICE is refused" in body, query
        status, _, body = fetch(tight + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 400 and b"SERVICE is refused" in body
    assert_nothing_connected(sock)


def test_service_is_refused_in_process_and_by_the_cli(db, built_store: Path, listener) -> None:
    sock, url = listener
    for query in service_queries(url):
        with pytest.raises(templates.QueryRefused, match="SERVICE is refused"):
            templates.select(db, query)
        cli = subprocess.run(
            [sys.executable, "-m", "beleidskg.cli", "sparql", query, "--store", str(built_store)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert cli.returncode == 1 and cli.stderr.startswith("error: SERVICE is refused"), cli.stderr
    assert_nothing_connected(sock)


def test_the_word_service_as_data_or_a_name_is_not_refused(db) -> None:
    query = 'PREFIX ex: <urn:x#> SELECT ?service WHERE { BIND("SERVICE" AS ?service) FILTER(?service != ex:SERVICE) }'
    assert templates.select(db, query).rows == [("SERVICE",)]


def test_a_runaway_query_is_stopped_its_worker_replaced_and_others_answered_meanwhile(tight: str) -> None:
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    outcome: dict[str, tuple[int, str]] = {}
    runaway = threading.Thread(target=lambda: outcome.setdefault("runaway", get(sparql_url(tight, RUNAWAY))))
    runaway.start()
    answered, answered_while_running = [], []
    for i in range(5):  # each query its own, so a worker answers it (not the kept answers)
        query = f"ASK {{ ?s ?p ?o FILTER({i} >= 0) }}"
        status, body = get(sparql_url(tight, query), Accept="application/sparql-results+json")
        answered.append(status == 200 and json.loads(body)["boolean"] is True)
        answered_while_running.append(runaway.is_alive())
    runaway.join(120)
    assert all(answered) and answered_while_running[0], "a client was answered while the runaway query ran"
    status, body = outcome["runaway"]
    assert status == 503 and "ran longer than 3 s and was stopped" in body
    after = {p.pid for p in psutil.Process().children(recursive=True)}
    assert len(before - after) == 1 and len(after - before) == 1, "the overrunning worker was killed and replaced"
    assert get(sparql_url(tight, CHEAP))[0] == 200


def test_a_query_outgrowing_the_worker_memory_ends_its_worker_only(built_store: Path) -> None:
    # time enough for the memory cap to be reached first, however busy the machine
    with serve.running(built_store, Limits(timeout=300, memory_mib=1024), workers=1) as url:
        status, body = get(sparql_url(url, MEMORY_HOG))
        assert status == 503 and "memory" in body, body
        assert get(sparql_url(url, CHEAP))[0] == 200


def test_too_many_rows_is_refused_not_cut_off(tight: str, db, built_store: Path) -> None:
    status, body = get(sparql_url(tight, "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 400 and "more than 50 rows" in body
    status, body = get(sparql_url(tight, "SELECT * WHERE { ?s ?p ?o } LIMIT 50"))
    assert status == 200, body
    cli = subprocess.run(
        [sys.executable, "-m", "beleidskg.cli", "query", "documents", "--store", str(built_store), "--max-rows", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 1 and "more than 2 rows" in cli.stderr


def test_the_cli_stops_a_runaway_query(built_store: Path) -> None:
    cli = subprocess.run(
        [sys.executable, "-m", "beleidskg.cli", "sparql", RUNAWAY, "--store", str(built_store), "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 1 and "ran longer than 1 s and was stopped" in cli.stderr


def test_request_and_query_sizes_are_bounded(tight: str) -> None:
    padding = "#" * (serve.MAX_BODY_BYTES + 10)
    status, _, body = fetch(tight + "/sparql", (CHEAP + padding).encode(), {"Content-Type": "application/sparql-query"})
    assert status == 413
    long_query = CHEAP + " #" + "x" * templates.MAX_QUERY_CHARS
    form = urllib.parse.urlencode({"query": long_query}).encode()
    status, _, body = fetch(tight + "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and b"at most" in body
    status, _ = get(tight + "/sparql?query=" + "x" * (serve.MAX_HEAD_BYTES + 10))
    assert status == 400


def test_silent_and_trickling_connections_are_closed(built_store: Path, monkeypatch) -> None:
    monkeypatch.setattr(serve, "HEAD_SECONDS", 1.0)
    with serve.running(built_store, workers=1) as url:
        host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
        silent = socket.create_connection((host, port))
        trickling = socket.create_connection((host, port))
        trickling.sendall(b"GET /sparql?query=ASK")
        for conn in (silent, trickling):
            conn.settimeout(30)
            assert conn.recv(1024) == b"", "the server closed the connection"
            conn.close()
