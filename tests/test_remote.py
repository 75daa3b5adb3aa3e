"""beleidskg against a real SPARQL server: ``oxigraph serve``, started here, published to, then queried.

Every answer from the server is compared with the same call on the local
store, so a value lost or changed on the way (publishing, the protocol, the
parsing of results) fails a test. The slow ones run every template both ways.
"""

from __future__ import annotations

import json
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidskg import protocol, remote, serve, store, templates
from beleidskg.cli import main
from beleidskg.limits import Limits

ARTICLE = "TB0-1THC2UA-WT"
DOCS = "https://w3id.org/beleidskg/id/doc/"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, built_store: Path) -> Iterator[str]:
    """An Oxigraph server holding the session's corpus store, published; its base URL."""
    with remote.oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        published = remote.publish(built_store, f"{url}/store", f"{url}/query")
        assert published.checked and not published.mismatches and not published.foreign
        yield url


def publish(built_store: Path, url: str) -> tuple[str, ...]:
    """The publish command for the store and the Oxigraph server at ``url``, with the check afterwards."""
    return ("publish", "--store", str(built_store), "--endpoint", f"{url}/store", "--query-endpoint", f"{url}/query")


def sorted_rows(result: templates.Result) -> list[tuple]:
    """The rows in a fixed order: two engines may order rows an ORDER BY ties differently."""
    return sorted(result.rows, key=repr)


def count(url: str, graph: str) -> int:
    rows = list(remote.RemoteStore(f"{url}/query").query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))
    return int(rows[0]["n"].value)


def test_publish_writes_every_document_graph_the_ontology_lineage_findings_and_the_union(
    server: str, built_store: Path, db
) -> None:
    code, out, err = run(*publish(built_store, server))
    assert code == 0, err
    lines = dict(line.removeprefix("put ").rsplit(": ", 1) for line in out.splitlines() if line.startswith("put "))
    documents = {d["graph"]: d["triples"] for d in store.Reader(built_store).current().manifest["documents"]}
    assert len(documents) == 5
    for graph, triples in documents.items():
        assert lines[graph] == f"{triples} triples"
        assert count(server, graph) == triples
    for graph in ("https://w3id.org/beleidskg/def", "https://w3id.org/beleidskg/id/lineage", "https://w3id.org/beleidskg/id/bevindingen"):
        assert int(lines[graph].split()[0]) > 0
    assert int(lines["https://w3id.org/beleidskg/id/view/bedragen"].split()[0]) > 0  # the flat amount view
    union = len(list(db.quads_for_pattern(None, None, None, store.ox.DefaultGraph())))
    assert lines["(default graph: the union)"] == f"{union} triples"
    assert out.rstrip().endswith("published 10 graphs; the server's counts match")


def test_republishing_replaces_a_changed_document_graph_and_names_graphs_the_store_does_not_hold(
    server: str, built_store: Path, db
) -> None:
    graph = min(q.graph_name.value for q in store.named_quads(db) if q.graph_name.value.startswith(DOCS))
    before = count(server, graph)
    extra = b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"
    gsp = remote.Endpoint(f"{server}/store")
    gsp.request("POST", gsp.with_params(graph=graph), extra, {"Content-Type": "application/n-triples"})  # add, not replace
    stale = f"{DOCS}0000000000000000"
    remote.GraphStore(f"{server}/store").put(stale, extra)
    assert count(server, graph) == before + 1
    code, _, err = run(*publish(built_store, server))
    assert code == 0, err
    assert count(server, graph) == before  # PUT replaced the graph: the added triple is gone
    assert f"{stale}: on the server but not in" in err and "--prune" in err
    code, out, err = run(*publish(built_store, server), "--prune")
    assert code == 0, err
    assert f"deleted {stale}" in out and count(server, stale) == 0
    again = remote.publish(built_store, f"{server}/store", f"{server}/query")
    assert not again.mismatches and not again.foreign
    assert [(p.graph, p.triples) for p in again.graphs] == [
        (p.graph, p.triples) for p in remote.publish(built_store, f"{server}/store").graphs
    ]


def test_query_sparql_stats_and_validate_with_endpoint_answer_as_the_local_store(server: str, built_store: Path) -> None:
    endpoint = f"{server}/query"
    calls = [
        ("query", "article-amounts", "--param", f"article={ARTICLE}", "--param", "credit=VAK", "--format", "csv"),
        ("query", "documents", "--format", "json"),
        ("stats",),
        ("sparql", f"CONSTRUCT WHERE {{ <https://w3id.org/beleidskg/id/artikel/{ARTICLE}> ?p ?o }}"),
        ("sparql", "ASK { ?d <https://w3id.org/beleidskg/def#bestandsnaam> ?f }"),
    ]
    answers = []
    for call in calls:
        local = run(*call, "--store", str(built_store))
        there = run(*call, "--endpoint", endpoint)
        assert local[0] == there[0] == 0, (call, there[2])
        assert there[1] == local[1], call
        answers.append(there[1])
    assert ",BA,2025,VAK,598220,000_6c00ca9f9d739731.txt,874-874," in answers[0]  # as printed on line 874 of the BBT
    local = run("validate", "--store", str(built_store), "--format", "json")
    there = run("validate", "--endpoint", endpoint, "--format", "json")
    assert there[0] == local[0] == 0
    # the corpus's findings: the contradicted claims and a compensation row among them
    assert json.loads(there[1]) == json.loads(local[1]) and len(json.loads(there[1])) == 88
    assert "structural shapes (22 rules) not run against an endpoint" in there[2]


def test_refusals_and_an_unreachable_server_are_one_line_exit_1(server: str, built_store: Path) -> None:
    endpoint = f"{server}/query"
    code, _, err = run("sparql", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "--endpoint", endpoint)
    assert code == 1 and err.startswith("error: SERVICE is refused: ") and err.count("\n") == 1
    code, _, err = run("sparql", "INSERT DATA { <http://a> <http://b> <http://c> }", "--endpoint", endpoint)
    assert code == 1 and err.startswith(f"error: {endpoint} refused the query: ") and err.count("\n") == 1
    assert not remote.RemoteStore(endpoint).query("ASK { <http://a> ?p ?o }")  # nothing was written
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for args in (
        ("query", "documents", "--endpoint", f"{closed}/query"),
        ("stats", "--endpoint", f"{closed}/query"),
        ("validate", "--endpoint", f"{closed}/query"),
        ("publish", "--store", str(built_store), "--endpoint", f"{closed}/store"),
    ):
        code, _, err = run(*args)
        assert code == 1 and err == f"error: {args[-1]}: cannot reach the SPARQL server (Connection refused)\n"
    code, _, err = run("validate", "--endpoint", endpoint, "--rules", "bedrag")
    assert code == 2
    code, _, err = run("query", "documents", "--endpoint", "ftp://example.org/sparql")
    assert code == 1 and err == "error: --endpoint 'ftp://example.org/sparql': not an http(s) URL\n"


def test_serve_with_endpoint_answers_as_over_the_local_store(server: str, db) -> None:
    pool = remote.RemotePool(f"{server}/query", 2, Limits())
    with serve.running(Path("unused"), pool=pool) as url:
        path = f"/query/article-amounts?article={ARTICLE}&format=csv"
        with urllib.request.urlopen(url + path, timeout=60) as response:
            body = response.read()
            assert response.headers["X-Beleidskg-Build"].startswith(f"endpoint {server}/query;")
        local = protocol.template_answer(db, "article-amounts", {"article": ARTICLE}, fmt="csv")
        assert body == local.body
        request = urllib.request.Request(url + "/sparql", data=b"update=CLEAR+ALL", method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 403
        # a source span: the server keeps no document texts, so its description shows the verbatim line
        rows = templates.run(db, templates.load_all()["article-amounts"], {"article": ARTICLE, "credit": "VAK"}).records()
        first = next(r for r in rows if r["line"] == "BA")
        doc = next(d for d in pool.snapshot().manifest["documents"] if d["file"] == first["source_document"])
        span = f"{url}/id/doc/{doc['graph'].rsplit('/', 1)[1]}/regels/{first['source_lines']}"
        with urllib.request.urlopen(urllib.request.Request(span, headers={"Accept": "text/html"}), timeout=60) as response:
            assert first["source_text"].strip() in response.read().decode("utf-8")


def template_calls() -> list[tuple[str, dict[str, str]]]:
    """Every template with its example parameters, and with only the required ones (a listing)."""
    out = []
    for name, t in templates.load_all().items():
        out.append((name, t.examples()))
        if t.examples(required_only=True) != t.examples():
            out.append((name, t.examples(required_only=True)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("name", "values"), template_calls(), ids=lambda v: v if isinstance(v, str) else ",".join(v) or "-")
def test_every_template_gives_the_same_rows_from_the_server(server: str, db, name: str, values: dict[str, str]) -> None:
    template = templates.load_all()[name]
    local = templates.run(db, template, values)
    there = templates.run(remote.RemoteStore(f"{server}/query", 600), template, values)  # no timed tests: as long as it takes
    assert there.columns == local.columns
    assert sorted_rows(there) == sorted_rows(local)


@pytest.mark.slow
def test_a_union_default_graph_server_is_caught_and_served_with_no_default_graph(
    tmp_path: Path, built_store: Path, db
) -> None:
    with remote.oxigraph_server(tmp_path / "oxigraph", union_default_graph=True) as url:
        args = ("publish", "--store", str(built_store), "--endpoint", f"{url}/store", "--query-endpoint", f"{url}/query")
        code, _, err = run(*args)
        assert code == 1 and "(default graph)" in err and "--no-default-graph" in err.splitlines()[-1]
        code, out, err = run(*args, "--no-default-graph")
        assert code == 0, err
        assert "emptied the default graph (the server's union of the named graphs: " in out
        assert "published 10 graphs; the server's counts match" in out
        there = remote.RemoteStore(f"{url}/query", 300)  # a union computed per lookup: goal-references takes 20 s here
        for name, values in template_calls():
            template = templates.load_all()[name]
            assert sorted_rows(templates.run(there, template, values)) == sorted_rows(templates.run(db, template, values)), name
