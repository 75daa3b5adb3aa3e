"""Linked data: IRIs resolve, the dataset and the service describe themselves, the cube is well-formed.

The RDF Data Cube integrity constraints are the ASK queries of the W3C
recommendation (tests/datacube/ic-*.rq), run on the export after the
recommendation's normalisation (tests/datacube/normalise.ru): an ASK that
answers true is a violation.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import DCTERMS, RDF, VOID, XSD, Literal, URIRef

from beleidskg import serve, store
from beleidskg.linked import SD
from beleidskg.loaders.vocab import BKG, ID

from .test_serve import fetch

DATACUBE = Path(__file__).resolve().parent / "datacube"
PROLOGUE = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
ARTICLE = ID["artikel/TB0-1THC2UA-WT"]


@pytest.fixture(scope="module")
def base_url(built_store: Path) -> Iterator[str]:
    with serve.running(built_store) as url:
        yield url


def rdf(base_url: str, path: str, accept: str, rdf_format: str) -> rdflib.Graph:
    status, headers, body = fetch(base_url + path, headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept), body[:300]
    return rdflib.Graph().parse(data=body, format=rdf_format)


# -- entity IRIs ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")],
)
def test_an_entity_iri_resolves_to_what_the_graph_says_of_it(base_url: str, db, accept: str, rdf_format: str) -> None:
    graph = rdf(base_url, "/id/artikel/TB0-1THC2UA-WT", accept, rdf_format)
    own = {(str(r[0].value), r[1].value) for r in db.query(f"SELECT ?p ?o WHERE {{ <{ARTICLE}> ?p ?o }}")}
    about = len(list(db.query(f"SELECT ?s ?p WHERE {{ ?s ?p <{ARTICLE}> }}")))
    assert {(str(p), str(o)) for p, o in graph.predicate_objects(URIRef(str(ARTICLE)))} == own
    assert len(list(graph.subject_predicates(URIRef(str(ARTICLE))))) == about > 0


def test_jsonld_answers_carry_the_prefixes_as_context(base_url: str) -> None:
    status, _, body = fetch(base_url + "/id/artikel/TB0-1THC2UA-WT?format=jsonld")
    document = json.loads(body)
    assert status == 200 and document["@context"]["bkg"] == str(BKG)
    assert any(node.get("bkg:code") for node in document["@graph"])


def test_a_browser_gets_the_describe_view_with_sources(base_url: str, db) -> None:
    status, _, body = fetch(base_url + "/id/artikel/TB0-1THC2UA-WT", headers={"Accept": "text/html"})
    html = body.decode("utf-8")
    assert status == 200 and "<h1>TB0-1THC2UA-WT" in html
    first_mention = next(iter(db.query(f"""SELECT ?first ?last WHERE {{ ?m <{BKG.over}> <{ARTICLE}> ; <{BKG.bron}> ?s .
        ?s <{BKG.eersteRegel}> ?first ; <{BKG.laatsteRegel}> ?last }} ORDER BY ?first LIMIT 1""")))
    assert f"/regels/{first_mention[0].value}-{first_mention[1].value}" in html


def test_a_source_span_iri_shows_its_lines_highlighted_and_its_triples(base_url: str, db) -> None:
    span, text = next(iter(db.query(f"SELECT ?s ?t WHERE {{ ?s a <{BKG.Bronfragment}> ; <{BKG.tekst}> ?t }} LIMIT 1")))
    path = "/id/" + span.value.removeprefix(str(ID))
    status, _, body = fetch(base_url + path, headers={"Accept": "text/html"})
    assert status == 200
    marked = [part.split(">", 1)[1].split("</li>")[0] for part in body.decode().split('class="hl"')[1:]]
    assert "\n".join(m.replace("&nbsp;", "") for m in marked) == escape(text.value)
    graph = rdf(base_url, path, "text/turtle", "turtle")
    assert str(graph.value(URIRef(span.value), URIRef(str(BKG.tekst)))) == text.value


def test_unknown_and_malformed_iris_are_404(base_url: str) -> None:
    assert fetch(base_url + "/id/artikel/NO-SUCH-ARTICLE")[0] == 404
    assert fetch(base_url + "/id/artikel/" + urllib.parse.quote("x> ?p ?o } #"))[0] == 404


# -- dataset and service descriptions --------------------------------------------------------------------------


def test_the_void_and_dcat_description_counts_what_is_served(base_url: str, db, built_store: Path) -> None:
    graph = rdf(base_url, "/dataset", "text/turtle", "turtle")
    dataset = URIRef(base_url + "/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in graph and (dataset, RDF.type, rdflib.DCAT.Dataset) in graph
    triples = int(next(iter(db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)
    assert graph.value(dataset, VOID.triples) == Literal(triples, datatype=XSD.integer)
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(base_url + "/sparql")
    assert graph.value(dataset, DCTERMS.license) is not None
    manifest = store.Reader(built_store).current().manifest
    parts = graph.objects(dataset, VOID.subset)
    subsets = {str(graph.value(s, DCTERMS.source)): int(graph.value(s, VOID.triples)) for s in parts}
    assert subsets == {d["graph"]: d["triples"] for d in manifest["documents"]}
    assert rdf(base_url, "/.well-known/void", "application/ld+json", "json-ld").isomorphic(graph)


def test_the_endpoint_describes_its_service(base_url: str, built_store: Path) -> None:
    graph = rdf(base_url, "/sparql", "text/turtle", "turtle")
    service = URIRef(base_url + "/sparql")
    assert graph.value(service, SD.endpoint) == service
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in set(graph.objects(service, SD.resultFormat))
    names = {str(graph.value(g, SD.name)) for g in graph.objects(None, SD.namedGraph)}
    assert names == {d["graph"] for d in store.Reader(built_store).current().manifest["documents"]}


@pytest.mark.slow  # rdflib reads the whole corpus as JSON-LD: seconds
def test_the_jsonld_export_has_a_context_and_every_quad(db) -> None:
    exported = store.export(db, "jsonld")
    assert json.loads(exported)["@context"]["qb"] == "http://purl.org/linked-data/cube#"
    from_jsonld = rdflib.Dataset().parse(data=exported, format="json-ld")
    from_nquads = rdflib.Dataset().parse(data=store.export(db, "nq"), format="nquads")
    assert set(from_jsonld.quads()) == set(from_nquads.quads())


# -- RDF Data Cube ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def normalised(db) -> ox.Store:
    """The export (union of the graphs, ontology included) after the Data Cube normalisation algorithm."""
    cube = ox.Store()
    cube.load(store.export(db, "nt"), ox.RdfFormat.N_TRIPLES)
    cube.update(PROLOGUE + (DATACUBE / "normalise.ru").read_text(encoding="utf-8"))
    return cube


#: IC-12 (no two observations of one series alike) compares every pair of observations: seconds, so `-m slow`.
@pytest.mark.parametrize(
    "path",
    [pytest.param(p, marks=[pytest.mark.slow] if p.stem == "ic-12" else []) for p in sorted(DATACUBE.glob("ic-*.rq"))],
    ids=lambda p: p.stem,
)
def test_the_data_cube_integrity_constraints_hold(normalised: ox.Store, path: Path) -> None:
    query = path.read_text(encoding="utf-8")
    if "$p" in query:  # IC-20, IC-21: one instance per parent-child property of a hierarchical code list
        properties = [r[0].value for r in normalised.query(PROLOGUE + "SELECT DISTINCT ?p { ?h qb:parentChildProperty ?p }")]
        queries = [query.replace("$p", p) for p in properties]
    else:
        queries = [query]
    assert not any(bool(normalised.query(PROLOGUE + q)) for q in queries), f"{path.stem} is violated"


def test_the_export_is_a_data_cube_of_its_amounts_and_indicator_values(normalised: ox.Store) -> None:
    counts = dict(
        (r[0].value, int(r[1].value))
        for r in normalised.query(
            PROLOGUE + "SELECT ?dsd (COUNT(?o) AS ?n) WHERE { ?o qb:dataSet/qb:structure ?dsd } GROUP BY ?dsd"
        )
    )
    amounts = int(next(iter(normalised.query(f"SELECT (COUNT(?b) AS ?n) WHERE {{ ?b a <{BKG.Bedrag}> }}")))[0].value)
    values = int(next(iter(normalised.query(f"SELECT (COUNT(?b) AS ?n) WHERE {{ ?b a <{BKG.IndicatorWaarde}> }}")))[0].value)
    assert counts[str(BKG.IndicatorStructuur)] == values > 0
    assert sum(n for dsd, n in counts.items() if dsd != str(BKG.IndicatorStructuur)) == amounts > 0


def test_declared_domains_and_ranges_hold_for_the_data(db) -> None:
    prologue = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    domains = db.query(
        prologue + "SELECT DISTINCT ?p WHERE { ?p rdfs:domain ?d . ?s ?p ?o FILTER NOT EXISTS { ?s a/rdfs:subClassOf* ?d } }"
    )
    ranges = db.query(
        prologue
        + """SELECT DISTINCT ?p WHERE { ?p rdfs:range ?r . ?s ?p ?o .
          FILTER(IF(STRSTARTS(STR(?r), STR(xsd:)) || ?r = rdf:langString,
                    !isLiteral(?o) || DATATYPE(?o) != ?r,
                    NOT EXISTS { ?o a/rdfs:subClassOf* ?r })) }""".replace(
            "rdf:langString", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"
        )
    )
    broken = {r[0].value for r in domains} | {r[0].value for r in ranges}
    assert not broken, sorted(broken)
