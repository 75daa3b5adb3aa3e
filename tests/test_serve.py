"""The HTTP endpoint speaks the SPARQL 1.1 Protocol: real clients, content negotiation, datasets, errors.

Every answer is compared with the same query run in-process on the store, so
the tests fail if the endpoint loses or changes a value on the way.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from beleidskg import build, serve, templates

from .conftest import corpus_file

PREFIXES = """PREFIX bkg: <https://w3id.org/beleidskg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
#: IRIs, an integer, plain literals and language-tagged ones: what SPARQL results must keep apart.
MENTIONS = (
    PREFIXES
    + """SELECT ?mention ?title ?first WHERE {
  ?mention bkg:over <https://w3id.org/beleidskg/id/artikel/TB0-1THC2UA-WT> ; dcterms:title ?title ;
           bkg:bron/bkg:eersteRegel ?first } ORDER BY ?mention"""
)
LABELS = PREFIXES + "SELECT ?label WHERE { bkg:VAK rdfs:label ?label } ORDER BY ?label"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def base_url(built_store: Path) -> Iterator[str]:
    with serve.running(built_store) as url:
        yield url


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(url: str, **headers: str) -> tuple[int, str]:
    status, _, body = fetch(url, headers=headers)
    return status, body.decode("utf-8")


def sparql_url(base_url: str, query: str, **params: str) -> str:
    return f"{base_url}/sparql?" + urllib.parse.urlencode({"query": query, **params})


def expected(db, query: str) -> list[dict[str, object]]:
    """The rows the store itself gives, as rdflib terms keyed by variable."""
    rows = db.query(query)
    names = [v.value for v in rows.variables]
    return [{n: _rdflib(s[n]) for n in names} for s in rows]


def _rdflib(term) -> rdflib.term.Identifier:
    if hasattr(term, "datatype"):
        lang = term.language or None
        plain = lang or term.datatype.value == str(rdflib.XSD.string)
        return rdflib.Literal(term.value, lang=lang, datatype=None if plain else rdflib.URIRef(term.datatype.value))
    return rdflib.URIRef(term.value)


def from_json_binding(b: dict) -> rdflib.term.Identifier:
    if b["type"] == "uri":
        return rdflib.URIRef(b["value"])
    return rdflib.Literal(b["value"], lang=b.get("xml:lang"), datatype=b.get("datatype"))


# -- real clients -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [MENTIONS, LABELS])
@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json_keeps_iris_literals_and_languages_apart(base_url: str, db, query: str, method: str) -> None:
    client = SPARQLWrapper(base_url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    client.setMethod(method)
    results = client.query().convert()
    rows = [{k: from_json_binding(v) for k, v in b.items()} for b in results["results"]["bindings"]]
    assert rows == expected(db, query) and rows


def test_sparqlwrapper_xml_select_and_turtle_construct(base_url: str, db) -> None:
    client = SPARQLWrapper(base_url + "/sparql")
    client.setQuery(LABELS)
    client.setReturnFormat(XML)
    document = client.query().convert()
    literals = [(n.firstChild.data, n.getAttribute("xml:lang")) for n in document.getElementsByTagName("literal")]
    assert literals == [(str(r["label"]), r["label"].language) for r in expected(db, LABELS)]

    client.setQuery(PREFIXES + "CONSTRUCT { bkg:VAK rdfs:label ?l } WHERE { bkg:VAK rdfs:label ?l }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert set(graph.objects(None, rdflib.RDFS.label)) == {r["label"] for r in expected(db, LABELS)}


def test_rdflib_sparqlstore_reads_the_endpoint(base_url: str, db) -> None:
    graph = rdflib.Graph(store=SPARQLStore(base_url + "/sparql"))
    rows = [dict(r.asdict()) for r in graph.query(MENTIONS)]
    assert rows == expected(db, MENTIONS)
    assert graph.query(PREFIXES + "ASK { bkg:VAK rdfs:label ?l }").askAnswer is True


# -- content negotiation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "accept",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_select_answers_in_each_results_format(base_url: str, db, accept: str) -> None:
    status, headers, body = fetch(sparql_url(base_url, MENTIONS), headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept)
    want = expected(db, MENTIONS)
    text = body.decode("utf-8")
    if accept.endswith("json"):
        titles = [b["title"]["value"] for b in json.loads(text)["results"]["bindings"]]
    elif accept.endswith("xml"):
        root = ET.fromstring(body)
        bindings = root.iter(f"{SPARQL_RESULTS}binding")
        titles = [e.findtext(f"{SPARQL_RESULTS}literal") for e in bindings if e.get("name") == "title"]
    elif accept == "text/csv":
        titles = [r["title"] for r in csv.DictReader(io.StringIO(text))]
    else:
        lines = text.splitlines()
        assert lines[0] == "?mention\t?title\t?first"
        titles = [rdflib.util.from_n3(line.split("\t")[1]).toPython() for line in lines[1:]]
    assert titles == [str(r["title"]) for r in want]


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_answers_in_each_graph_format(base_url: str, db, accept: str, rdf_format: str) -> None:
    query = PREFIXES + "CONSTRUCT WHERE { ?m bkg:over <https://w3id.org/beleidskg/id/artikel/TB0-1THC2UA-WT> ; dcterms:title ?t }"
    status, headers, body = fetch(sparql_url(base_url, query), headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=body, format=rdf_format)
    assert len(graph) == len(list(db.query(query))) > 0


def test_ask_and_the_format_hint_of_sparqlwrapper(base_url: str) -> None:
    status, headers, body = fetch(sparql_url(base_url, "ASK { ?s ?p ?o }", format="xml"), headers={"Accept": "*/*"})
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+xml")
    assert ET.fromstring(body).findtext(f"{SPARQL_RESULTS}boolean") == "true"
    status, body = get(sparql_url(base_url, "ASK { <urn:no> ?p ?o }"), Accept="application/sparql-results+json")
    assert json.loads(body) == {"head": {}, "boolean": False}


def test_an_unservable_media_type_is_406(base_url: str) -> None:
    status, body = get(sparql_url(base_url, "ASK { ?s ?p ?o }"), Accept="image/png")
    assert status == 406 and "application/sparql-results+json" in body


def test_post_forms_and_direct_posts_give_the_get_answer(base_url: str) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    _, via_get = get(sparql_url(base_url, MENTIONS), **accept)
    form = urllib.parse.urlencode({"query": MENTIONS}).encode()
    status, _, via_form = fetch(base_url + "/sparql", form, accept | {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200
    status, _, direct = fetch(base_url + "/sparql", MENTIONS.encode(), accept | {"Content-Type": "application/sparql-query"})
    assert status == 200
    assert json.loads(via_form) == json.loads(direct) == json.loads(via_get)


# -- datasets ---------------------------------------------------------------------------------------------------


def test_default_and_named_graph_uris_choose_the_dataset(base_url: str, db) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = sorted(
        r["g"] for r in expected(db, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a ?k } } ORDER BY ?g")
    )
    one = str(graphs[0])
    in_one = int(expected(db, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{one}> {{ ?s ?p ?o }} }}")[0]["n"])
    in_union = int(expected(db, count)[0]["n"])
    accept = "application/sparql-results+json"

    def n(url: str) -> int:
        status, body = get(url, Accept=accept)
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    assert n(sparql_url(base_url, count)) == in_union
    assert n(sparql_url(base_url, count, **{"default-graph-uri": one})) == in_one < in_union
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert n(sparql_url(base_url, named, **{"named-graph-uri": one})) == 1


# -- errors, methods, routes ------------------------------------------------------------------------------------


def test_a_malformed_query_is_a_400_with_the_parsers_message(base_url: str) -> None:
    status, body = get(sparql_url(base_url, "SELECT ?x WHERE { ?x ?y }"))
    assert status == 400 and "SPARQL syntax error" in body and "1:" in body


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"update=CLEAR%20ALL", "application/x-www-form-urlencoded"),
        (b"DROP ALL", "application/sparql-update"),
    ],
)
def test_updates_are_refused_and_change_nothing(base_url: str, db, data: bytes, content_type: str) -> None:
    before = expected(db, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    status, _, body = fetch(base_url + "/sparql", data, {"Content-Type": content_type})
    assert status == 403 and b"read-only" in body
    status, _ = get(sparql_url(base_url, "CLEAR ALL"))
    assert status == 400
    assert expected(db, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_head_options_and_cors(base_url: str) -> None:
    status, headers, body = fetch(sparql_url(base_url, "ASK { ?s ?p ?o }"), method="HEAD")
    assert status == 200 and body == b"" and headers["content-type"].startswith("application/sparql-results+json")
    status, headers, _ = fetch(base_url + "/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["allow"]
    preflight = {
        "Origin": "https://example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    status, headers, _ = fetch(base_url + "/sparql", headers=preflight, method="OPTIONS")
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, headers, _ = fetch(sparql_url(base_url, "ASK { ?s ?p ?o }"), headers={"Origin": "https://example.org"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"


def test_empty_and_missing_queries_are_400(base_url: str) -> None:
    assert get(base_url + "/sparql?query=")[0] == 400
    status, _, _ = fetch(base_url + "/sparql", b"", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400


def test_the_index_lists_every_template(base_url: str) -> None:
    status, body = get(base_url + "/", Accept="application/json")
    assert status == 200
    assert {t["name"] for t in json.loads(body)} == set(templates.load_all())


def test_a_template_result_downloads_as_csv_with_bound_parameters(base_url: str) -> None:
    status, body = get(base_url + "/query/article-amounts?article=TB0-1THC2UA-WT&line=BO&format=csv")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {(r["credit"], r["amount"]) for r in rows} == {("VAK", "600665"), ("VEK", "600665")}


def test_template_routes_negotiate_like_the_endpoint(base_url: str, db) -> None:
    template = templates.load_all()["article-amounts"]
    values = {"article": "TB0-1THC2UA-WT", "line": "BO"}
    query = urllib.parse.urlencode(values)
    status, body = get(f"{base_url}/query/article-amounts?{query}", Accept="application/sparql-results+json")
    assert status == 200
    results = json.loads(body)
    assert tuple(results["head"]["vars"]) == template.columns
    amounts = {(b["credit"]["value"], b["amount"]["value"], b["amount"]["datatype"]) for b in results["results"]["bindings"]}
    direct = templates.run(db, template, values).records()
    assert amounts == {(r["credit"], str(r["amount"]), str(rdflib.XSD.decimal)) for r in direct}
    status, body = get(f"{base_url}/query/article-amounts?{query}", Accept="text/tab-separated-values")
    assert status == 200 and body.splitlines()[0] == "\t".join(f"?{c}" for c in template.columns)
    # without Accept, the JSON rows the endpoint always gave
    status, body = get(f"{base_url}/query/article-amounts?{query}")
    assert status == 200 and [r["amount"] for r in json.loads(body)] == [r["amount"] for r in direct]


def test_a_bad_parameter_is_a_400_naming_what_is_accepted(base_url: str) -> None:
    status, body = get(base_url + "/query/article-amounts?colour=red")
    assert status == 400 and "unknown parameter(s) colour" in body


def test_only_help_lives_below_a_template(base_url: str) -> None:
    status, body = get(base_url + "/query/goals/help")
    assert status == 200 and body.startswith("goals: ")
    assert get(base_url + "/query/goals/anything")[0] == 404
    assert get(base_url + "/query/goals/help/more")[0] == 404
    assert get(base_url + "/query/no-such-template")[0] == 404


def test_a_rebuilt_store_is_served_without_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "store"
    build.build([corpus_file("001")], path)
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d <https://w3id.org/beleidskg/def#bestandsnaam> ?f }"
    accept = {"Accept": "application/sparql-results+json"}

    def documents(url: str) -> int:
        status, body = get(sparql_url(url, count), **accept)
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    with serve.running(path, workers=1) as url:
        assert documents(url) == 1
        build.build([corpus_file("001"), corpus_file("002")], path)
        assert documents(url) == 2  # the same query: its kept answer was dropped with the old store
        status, body = get(url + "/query/documents?format=csv")
        assert status == 200 and sorted(r["document"] for r in csv.DictReader(io.StringIO(body))) == sorted(
            [corpus_file("001").name, corpus_file("002").name]
        )
