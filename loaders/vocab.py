"""Namespaces and the IRIs of the beleidskg ontology's own terms.

The terms are defined (labels in Dutch and English, definitions) in
``ontology/beleidskg.ttl``; a test checks that every term a loader emits is
defined there.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef

from .prefixes import IRIS


class _Namespace(Namespace):
    """A namespace whose terms (``BKG.bedrag``) are made once: rdflib makes and checks a new IRI at every
    ``BKG.bedrag``, and loading a document asks for its terms some ten thousand times. Only names written as
    attributes are kept (a bounded set, the code's own); ``ID[path]`` makes its IRI each time."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found as an attribute from now on, without __getattr__
        return term


BKG = _Namespace(IRIS["bkg"])
ID = _Namespace(IRIS["id"])
QB = _Namespace(IRIS["qb"])

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
