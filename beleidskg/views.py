"""Views materialised at build time, for query shapes the observation graph cannot answer fast at scale.

An amount (``bkg:Bedrag``) is spread over the observation, its data set, its
subject, its credit type, its source span and the document: listing every
amount joins seven patterns per amount, which at a hundred times the corpus
takes minutes. The flat amount view (graph ``id/view/bedragen``) holds one
``bkg:PlatBedrag`` per amount with all of that as direct properties, so the
budget templates read one node per row. It is derived from the documents'
graphs only (never typed in), by the build, and recomputed for a document
whenever ``build --add`` replaces it; ``prov:wasDerivedFrom`` links each node
to its observation.

The view lives in its own named graph and not in the default graph (the
union the other templates query), so no other template sees its nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import DCTERMS, PROV, RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import QB

from beleidskg.loaders.model import Facts
from beleidskg.loaders.vocab import BKG, ID

#: The named graph of the flat amount view.
AMOUNTS_GRAPH = str(ID["view/bedragen"])
#: The suffix of a flat amount's IRI after its observation's IRI: deterministic, and a document's copy keeps it.
SUFFIX = "/plat"


def credit_codes(ontology: Graph) -> dict[URIRef, Literal]:
    """The notation (VAK, VEK, ...) of every credit type of the ontology's code list."""
    return {c: n for c in ontology.subjects(SKOS.inScheme, BKG.Kredietsoorten) for n in ontology.objects(c, SKOS.notation)}


def amounts(graph: Graph, document: URIRef, credits: dict[URIRef, Literal]) -> Graph:
    """The flat amounts of one document's graph: one node per ``bkg:Bedrag``, its facts copied onto it.

    Every value is copied as the document's graph states it (all values
    where there are several, e.g. two headings of one article), so a query on
    the view gives the rows the same query gives on the observations.
    """
    view = Graph()
    view.addN((s, p, o, view) for s, p, o in amount_triples(Facts(graph), document, credits))
    return view


def amount_triples(facts: Facts, document: URIRef, credits: dict[URIRef, Literal]) -> Iterator[tuple]:
    """The triples of :func:`amounts` from a document's indexed triples, without building a graph of them
    (the build writes them out directly); a triple may come more than once."""
    name = facts.value(document, BKG.bestandsnaam)
    for obs in sorted(set(facts.subjects(RDF.type, BKG.Bedrag))):
        node = URIRef(str(obs) + SUFFIX)
        of = facts.of(obs)
        found: list[tuple[URIRef, Iterable]] = [
            (RDF.type, [BKG.PlatBedrag]),
            (PROV.wasDerivedFrom, [obs]),
            (BKG.platDocument, [document]),
            (BKG.platBestand, [name] if name is not None else []),
            (BKG.platRij, of(BKG.rij)),
            (BKG.platJaar, of(BKG.jaar)),
            (BKG.platKrediet, [credits[c] for c in of(BKG.kredietsoort) if c in credits]),
            (BKG.platWaarde, of(BKG.bedrag)),
            (BKG.platEenheid, of(BKG.eenheid)),
            (BKG.platOnderdeel, of(BKG.onderdeel)),
        ]
        for dataset in of(QB.dataSet):
            found += [(BKG.platTabel, [dataset]), (BKG.platTabelsoort, facts.of(dataset)(DCTERMS.type))]
        for subject in of(BKG.betreft):
            found += [
                (BKG.platOnderwerp, [subject]),
                (BKG.platArtikel, facts.of(subject)(BKG.code)),
                (BKG.platTitel, _titles(facts, subject)),
            ]
        for span in of(BKG.bron):
            of_span = facts.of(span)
            found += [
                (BKG.platEersteRegel, of_span(BKG.eersteRegel)),
                (BKG.platLaatsteRegel, of_span(BKG.laatsteRegel)),
                (BKG.platEerstePagina, of_span(BKG.pagina)),
                (BKG.platLaatstePagina, of_span(BKG.laatstePagina)),
                (BKG.platTekst, of_span(BKG.tekst)),
            ]
        for prop, values in found:
            for value in values:
                yield node, prop, value


def _titles(facts: Facts, subject: URIRef) -> Iterator[Literal]:
    """The subject's titles as this document's headings print them (``bkg:Vermelding`` with ``dcterms:title``)."""
    for heading in facts.subjects(BKG.over, subject):
        if BKG.Vermelding in facts.of(heading)(RDF.type):
            yield from facts.of(heading)(DCTERMS.title)


def kept(db: ox.Store, documents: set[str]) -> bytes:
    """The view's triples in ``db`` (N-Triples) of the flat amounts of ``documents``: what ``build --add`` keeps."""
    graph = ox.NamedNode(AMOUNTS_GRAPH)
    nodes = {
        q.subject
        for q in db.quads_for_pattern(None, ox.NamedNode(str(BKG.platDocument)), None, graph)
        if q.object.value in documents
    }
    lines = [f"{q.triple} .\n" for q in db.quads_for_pattern(None, None, None, graph) if q.subject in nodes]
    return "".join(lines).encode("utf-8")


def present(db: ox.Store) -> bool:
    """Whether ``db`` holds the view (a store built before it existed does not, and must be rebuilt)."""
    return next(iter(db.quads_for_pattern(None, None, None, ox.NamedNode(AMOUNTS_GRAPH))), None) is not None
