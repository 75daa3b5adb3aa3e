"""The ontology defines, in Dutch and English, every term the graph uses."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from beleidskg import build
from beleidskg.loaders.vocab import BKG

ONTOLOGY = build.ontology_graph()


def undefined_terms(graph: Graph) -> set[URIRef]:
    """bkg: terms used as predicate, class or object that the ontology does not define."""
    used = {p for p in graph.predicates() if str(p).startswith(str(BKG))}
    used |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(BKG))}
    return {t for t in used if (t, RDF.type, None) not in ONTOLOGY}


def test_every_class_and_property_has_dutch_and_english_labels_and_definitions() -> None:
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept):
        terms |= {t for t in ONTOLOGY.subjects(RDF.type, kind) if str(t).startswith(str(BKG))}
    assert len(terms) > 100
    for term in terms:
        labels = {label.language for label in ONTOLOGY.objects(term, RDFS.label)}
        definitions = {d.language for d in ONTOLOGY.objects(term, SKOS.definition)}
        assert labels >= {"nl", "en"}, term
        assert definitions >= {"nl", "en"}, term


def test_the_corpus_graph_uses_no_undefined_term(corpus_docs) -> None:
    from beleidskg.loaders import kind_of, load

    for doc in corpus_docs.values():
        if kind_of(doc) is not None:
            assert undefined_terms(load(doc).graph) == set(), doc.name


def test_an_undefined_term_is_reported() -> None:
    g = Graph()
    g.add((URIRef("urn:x"), BKG.bestaatNiet, URIRef("urn:y")))
    g.add((URIRef("urn:x"), BKG.code, URIRef("urn:y")))
    assert undefined_terms(g) == {BKG.bestaatNiet}
