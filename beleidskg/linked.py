"""Linked data: entity descriptions, the VoID + DCAT dataset description, the SPARQL service description.

The graph's IRIs (``https://w3id.org/beleidskg/id/...``) resolve on the
server under ``/id/...``: HTML for a browser, RDF by content negotiation. The
dataset and service descriptions are built from the store itself (its
documents, triple and entity counts), so they cannot drift from what is served.
Functions taking ``db`` run in a query worker.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import DCAT, DCTERMS, RDF, VOID, XSD, Graph, Literal, Namespace, URIRef

from beleidskg import protocol, templates
from beleidskg.loaders.vocab import BKG, ID, PREFIXES

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
#: The licence stated in the dataset description unless ``serve --licence`` gives another.
DEFAULT_LICENCE = "https://interoperable-europe.ec.europa.eu/licence/european-union-public-licence-version-12-eupl"
#: Media types an RDF answer can take, the first for clients that accept anything.
RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
_RESULT_FORMATS = {
    protocol.RESULTS_JSON: "SPARQL_Results_JSON",
    protocol.RESULTS_XML: "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


def serialise(graph: Graph, media: str) -> protocol.Answer:
    """An rdflib graph in ``media``; JSON-LD with the prefixes as its context."""
    for name, ns in PREFIXES.items():
        graph.bind(name, ns)
    if media == "application/ld+json":
        data = graph.serialize(format="json-ld", context=protocol.jsonld_context(), auto_compact=True)
    else:
        data = graph.serialize(format=_RDFLIB_FORMATS[media])
    return protocol.Answer(media, data.encode("utf-8") if isinstance(data, str) else data)


def entity_rdf(db: ox.Store, iri: str, media: str, max_rows: int = templates.MAX_ROWS) -> protocol.Answer | None:
    """What the graph says of ``iri`` (its own triples and those pointing at it), or None if nothing.

    ``iri`` must be a checked IRI (no characters that could end it): the server only passes its own.
    """
    if not _exists(db, iri):
        return None
    node = f"<{iri}>"
    query = f"CONSTRUCT {{ {node} ?p ?o . ?s ?q {node} }} WHERE {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }}"
    return protocol.answer(db, query, media, max_rows=max_rows)


def _exists(db: ox.Store, iri: str) -> bool:
    return bool(db.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}"))


def describe(db: ox.Store, iri: str, max_rows: int = templates.MAX_ROWS) -> dict | None:
    """The describe view: the entity's properties, and the statements about it with their source lines."""
    if not _exists(db, iri):
        return None
    prologue = "".join(f"PREFIX {n}: <{ns}>\n" for n, ns in PREFIXES.items())
    own = templates.select(
        db,
        prologue
        + f"""SELECT ?property ?label ?value ?resource WHERE {{ <{iri}> ?property ?value .
          OPTIONAL {{ ?property rdfs:label ?label FILTER(LANG(?label) = "nl") }}
          BIND(isIRI(?value) AS ?resource) }} ORDER BY ?property ?value""",
        max_rows,
    )
    about = templates.select(
        db,
        prologue
        + f"""SELECT ?statement ?kind ?property ?source_document ?source_lines WHERE {{
          ?statement ?p <{iri}> . OPTIONAL {{ ?p rdfs:label ?property FILTER(LANG(?property) = "nl") }}
          OPTIONAL {{ ?statement a ?c . ?c rdfs:label ?kind FILTER(LANG(?kind) = "nl") }}
          OPTIONAL {{ ?statement bkg:bron ?span . ?span bkg:document/bkg:bestandsnaam ?source_document ;
                     bkg:eersteRegel ?first ; bkg:laatsteRegel ?last .
                     BIND(CONCAT(STR(?first), "-", STR(?last)) AS ?source_lines) }}
        }} ORDER BY ?source_document ?first ?statement""",
        max_rows,
    )
    return {"iri": iri, "own": own, "about": about}


def void(db: ox.Store, base: str, manifest: dict, licence: str, media: str) -> protocol.Answer:
    """A VoID + DCAT description of the served dataset: documents, counts, licence, endpoint."""
    g = Graph()
    ds = URIRef(f"{base}/dataset")
    endpoint = URIRef(f"{base}/sparql")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("beleidskg: beleids- en begrotingsdocumenten van de Vlaamse overheid", lang="nl")))
    g.add((ds, DCTERMS.title, Literal("beleidskg: policy and budget documents of the Flemish government", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal("Kennisgraaf met herkomst (document, regels, letterlijke tekst) bij elk feit.", lang="nl"),
        )
    )
    g.add((ds, DCTERMS.license, URIRef(licence)))
    g.add((ds, VOID.sparqlEndpoint, endpoint))
    g.add((ds, VOID.uriSpace, Literal(str(ID))))
    for ns in (BKG, "http://purl.org/linked-data/cube#", "http://www.w3.org/ns/prov#", str(DCTERMS), "http://www.w3.org/2004/02/skos/core#"):
        g.add((ds, VOID.vocabulary, URIRef(str(ns))))
    count = "SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s_n) WHERE { ?s ?p ?o }"
    triples, subjects = next(iter(templates.select(db, count).rows))
    g.add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(subjects, datatype=XSD.integer)))
    distribution = URIRef(f"{base}/dataset#sparql")
    g.add((ds, DCAT.distribution, distribution))
    g.add((distribution, RDF.type, DCAT.Distribution))
    g.add((distribution, DCAT.accessURL, endpoint))
    g.add((distribution, DCTERMS.title, Literal("SPARQL 1.1-eindpunt", lang="nl")))
    classes = templates.select(db, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")
    for cls, n in classes.rows:
        part = URIRef(f"{base}/dataset#klasse-{_fragment(cls)}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for doc in manifest["documents"]:
        subset = URIRef(f"{base}/dataset#document-{doc['sha256'][:16]}")
        g.add((ds, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, DCTERMS.source, URIRef(doc["graph"])))
        g.add((subset, DCTERMS.title, Literal(doc["file"])))
        g.add((subset, VOID.triples, Literal(doc["triples"], datatype=XSD.integer)))
    return serialise(g, media)


def _fragment(iri: str) -> str:
    """A readable, unique fragment for a class: 'bkg-Bedrag', 'prov-Entity'."""
    for name, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return f"{name}-{iri[len(str(ns)):]}"
    return "".join(c if c.isalnum() else "-" for c in iri)


def service_description(base: str, manifest: dict, media: str) -> protocol.Answer:
    """The SPARQL 1.1 service description of the endpoint: what it speaks, and its dataset."""
    g = Graph()
    g.bind("sd", SD)
    service = URIRef(f"{base}/sparql")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for media_type in protocol.RESULT_TYPES | protocol.GRAPH_TYPES:
        if media_type in _RESULT_FORMATS:
            g.add((service, SD.resultFormat, FORMATS[_RESULT_FORMATS[media_type]]))
    dataset = URIRef(f"{base}/sparql#dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, DCTERMS.description, Literal("De standaardgraaf is de unie van alle documentgrafen.", lang="nl")))
    g.add((dataset, VOID.sparqlEndpoint, service))
    g.add((dataset, DCTERMS.source, URIRef(f"{base}/dataset")))
    default = URIRef(f"{base}/sparql#standaardgraaf")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for doc in manifest["documents"]:
        named = URIRef(f"{base}/sparql#graaf-{doc['sha256'][:16]}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(doc["graph"])))
        g.add((named, VOID.triples, Literal(doc["triples"], datatype=XSD.integer)))
    return serialise(g, media)
