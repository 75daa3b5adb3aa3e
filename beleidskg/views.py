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
    name = graph.value(document, BKG.bestandsnaam)
    for obs in sorted(set(graph.subjects(RDF.type, BKG.Bedrag))):
        node = URIRef(str(obs) + SUFFIX)
        facts: list[tuple[URIRef, Iterable]] = [
            (RDF.type, [BKG.PlatBedrag]),
            (PROV.wasDerivedFrom, [obs]),
            (BKG.platDocument, [document]),
            (BKG.platBestand, [name] if name is not None else []),
            (BKG.platRij, graph.objects(obs, BKG.rij)),
            (BKG.platJaar, graph.objects(obs, BKG.jaar)),
            (BKG.platKrediet, [credits[c] for c in graph.objects(obs, BKG.kredietsoort) if c in credits]),
            (BKG.platWaarde, graph.objects(obs, BKG.bedrag)),
            (BKG.platEenheid, graph.objects(obs, BKG.eenheid)),
            (BKG.platOnderdeel, graph.objects(obs, BKG.onderdeel)),
        ]
        for dataset in graph.objects(obs, QB.dataSet):
            facts += [(BKG.platTabel, [dataset]), (BKG.platTabelsoort, graph.objects(dataset, DCTERMS.type))]
        for subject in graph.objects(obs, BKG.betreft):
            facts += [
                (BKG.platOnderwerp, [subject]),
                (BKG.platArtikel, graph.objects(subject, BKG.code)),
                (BKG.platTitel, _titles(graph, subject)),
            ]
        for span in graph.objects(obs, BKG.bron):
            facts += [
                (BKG.platEersteRegel, graph.objects(span, BKG.eersteRegel)),
                (BKG.platLaatsteRegel, graph.objects(span, BKG.laatsteRegel)),
                (BKG.platEerstePagina, graph.objects(span, BKG.pagina)),
                (BKG.platLaatstePagina, graph.objects(span, BKG.laatstePagina)),
                (BKG.platTekst, graph.objects(span, BKG.tekst)),
            ]
        for prop, values in facts:
            for value in values:
                view.add((node, prop, value))
    return view


def _titles(graph: Graph, subject: URIRef) -> Iterator[Literal]:
    """The subject's titles as this document's headings print them (``bkg:Vermelding`` with ``dcterms:title``)."""
    for heading in graph.subjects(BKG.over, subject):
        if (heading, RDF.type, BKG.Vermelding) in graph:
            yield from graph.objects(heading, DCTERMS.title)


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
