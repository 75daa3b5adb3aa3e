"""The graph's prefixes as plain IRI strings, without rdflib.

What a query's prologue, a serialisation or a JSON-LD ``@context`` needs.
The CLI's query path and the server use these, so they need not import rdflib;
:mod:`.vocab` builds its namespaces from the same strings.
"""

from __future__ import annotations

IRIS: dict[str, str] = {
    "bkg": "https://w3id.org/beleidskg/def#",
    "id": "https://w3id.org/beleidskg/id/",
    "qb": "http://purl.org/linked-data/cube#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
