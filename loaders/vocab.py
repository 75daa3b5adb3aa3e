"""Namespaces and the IRIs of the beleidskg ontology's own terms.

The terms are defined (labels in Dutch and English, definitions) in
``ontology/beleidskg.ttl``; a test checks that every term a loader emits is
defined there.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Namespace

from .prefixes import IRIS

BKG = Namespace(IRIS["bkg"])
ID = Namespace(IRIS["id"])
QB = Namespace(IRIS["qb"])

PREFIXES = {
    "bkg": BKG,
    "id": ID,
    "qb": QB,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "rdfs": RDFS,
    "rdf": RDF,
    "xsd": XSD,
}


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A readable, stable IRI segment: lower case ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
