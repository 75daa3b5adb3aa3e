"""The flat amount view agrees with the observations it is derived from: on the corpus, and after ``build --add``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from beleidskg import build, store, views

from .conftest import corpus_file
from .test_build_add import _corpus_copy
from .test_cli import run
from .test_ontology import undefined_terms

PREFIXES = """PREFIX bkg: <https://w3id.org/beleidskg/def#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
#: Every amount as the observations state it: the observation, table, row, year, credit, amount, unit, file, lines, text
#: (the OPTIONAL last: Oxigraph joins what follows an OPTIONAL after it, 80 s here instead of 0.1 s).
OBSERVED = PREFIXES + """SELECT ?obs ?table ?line ?year ?credit ?amount ?unit ?file ?first ?last ?text WHERE {
  ?obs a bkg:Bedrag ; qb:dataSet/dcterms:type ?table ; bkg:rij ?line ; bkg:kredietsoort/skos:notation ?credit ;
       bkg:bedrag ?amount ; bkg:eenheid ?unit ; bkg:bron ?span .
  ?span bkg:document/bkg:bestandsnaam ?file ; bkg:eersteRegel ?first ; bkg:laatsteRegel ?last ; bkg:tekst ?text .
  OPTIONAL { ?obs bkg:jaar ?year }
}"""
#: The same, read from the view.
FLAT = PREFIXES + f"""SELECT ?obs ?table ?line ?year ?credit ?amount ?unit ?file ?first ?last ?text WHERE {{
  GRAPH <{views.AMOUNTS_GRAPH}> {{
    ?flat a bkg:PlatBedrag ; prov:wasDerivedFrom ?obs ; bkg:platTabelsoort ?table ; bkg:platRij ?line ;
          bkg:platKrediet ?credit ; bkg:platWaarde ?amount ; bkg:platEenheid ?unit ; bkg:platBestand ?file ;
          bkg:platEersteRegel ?first ; bkg:platLaatsteRegel ?last ; bkg:platTekst ?text .
    OPTIONAL {{ ?flat bkg:platJaar ?year }}
  }}
}}"""


def rows(db: ox.Store, query: str) -> list[str]:
    return sorted(" | ".join(str(v) if v is not None else "-" for v in row) for row in db.query(query))


def assert_view_agrees(db: ox.Store) -> int:
    """Same amounts, same values, one flat node per observation; returns how many."""
    observed, flat = rows(db, OBSERVED), rows(db, FLAT)
    assert flat == observed
    nodes = rows(db, f"SELECT ?s WHERE {{ GRAPH <{views.AMOUNTS_GRAPH}> {{ ?s a <{views.BKG.PlatBedrag}> }} }}")
    assert len(nodes) == len(rows(db, PREFIXES + "SELECT ?o WHERE { ?o a bkg:Bedrag }"))
    return len(observed)


def test_the_view_holds_every_amount_of_the_corpus_with_its_values(db: ox.Store) -> None:
    assert assert_view_agrees(db) == 956  # 78 credit-evolution, 426 execution, 48 budget, 44 compensation/other, 360 totals
    (example,) = db.query(
        PREFIXES + f"""SELECT ?title ?amount WHERE {{ GRAPH <{views.AMOUNTS_GRAPH}> {{
          ?f bkg:platArtikel "JB0-1JDB2CA-WT" ; bkg:platRij "BU" ; bkg:platJaar 2023 ; bkg:platKrediet "VAK" ;
             bkg:platTitel ?title ; bkg:platWaarde ?amount }} }}"""
    )
    assert example[0].value == "DOELGROEPVERMINDERINGEN SOCIALE ZEKERHEID"
    assert example[1] == ox.Literal("292136", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))


def test_the_view_is_outside_the_default_graph(db: ox.Store) -> None:
    """Only the templates written for the view see it."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert not list(db.quads_for_pattern(None, rdf_type, ox.NamedNode(str(views.BKG.PlatBedrag)), ox.DefaultGraph()))


def test_the_view_uses_only_terms_the_ontology_defines(corpus_build: tuple[Path, build.BuildResult]) -> None:
    credits = views.credit_codes(build.ontology_graph())
    for document in corpus_build[1].documents:
        assert undefined_terms(views.amounts(document.graph, document.iri, credits)) == set()


def test_add_keeps_the_view_consistent(tmp_path: Path) -> None:
    """Added: the new document's amounts join the view; replaced: the old version's leave it."""
    path = tmp_path / "store"
    assert run("build", str(_corpus_copy(tmp_path, without="000")), "--store", str(path))[0] == 0
    with store.opened(path) as db:
        before = assert_view_agrees(db)
    assert run("build", "--add", str(corpus_file("000")), "--store", str(path))[0] == 0
    with store.opened(path) as db:
        added = assert_view_agrees(db)
    assert added > before
    changed = tmp_path / corpus_file("000").name  # a corrected version: same file name, other content
    changed.write_text(corpus_file("000").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run("build", "--add", str(changed), "--store", str(path))[0] == 0
    with store.opened(path) as db:
        assert assert_view_agrees(db) == added  # the same amounts, now of the new version only
