"""Measures and their transitions read from running text: the real documents, small texts for the rules, the built corpus."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from beleidskg import templates
from beleidskg.loaders import KINDS, load, maatregelen, writer
from beleidskg.loaders.model import article_iri, goal_iri, measure_iri, plan_iri
from beleidskg.loaders.records import Abbreviation, Amount, Article, DocumentRecords, MeasureRef
from beleidskg.loaders.source import SourceDocument
from beleidskg.loaders.vocab import BKG, slug

TEMPLATES = templates.load_all()

CMW, IMW = measure_iri("collectief maatwerk"), measure_iri("individueel maatwerk")
LDE, SINE = measure_iri("lokale diensteneconomie"), measure_iri("sociale inschakelingseconomie")
MWA, VOP = measure_iri("maatwerkafdelingen"), measure_iri("vlaamse ondersteuningspremie")
AMA = measure_iri("arbeidsmatige activiteiten in de sociale economie")


@pytest.fixture(scope="module")
def graphs(corpus_docs: dict[str, SourceDocument]) -> dict[str, Graph]:
    """The graphs of the draft budget (000), the policy plan (001) and the execution report (004)."""
    return {prefix: load(corpus_docs[prefix]).graph for prefix in ("000", "001", "004")}


def mentions(g: Graph, measure: URIRef) -> dict[int, dict]:
    """First line -> (last line, title, article, goal) of every mention of ``measure``."""
    found = {}
    for m in g.subjects(BKG.over, measure):
        if (m, RDF.type, BKG.Vermelding) not in g:
            continue
        span = g.value(m, BKG.bron)
        found[int(g.value(span, BKG.eersteRegel))] = {
            "last": int(g.value(span, BKG.laatsteRegel)),
            "title": str(g.value(m, DCTERMS.title)),
            "artikel": g.value(m, BKG.artikel),
            "doelstelling": g.value(m, BKG.doelstelling),
        }
    return found


def measures(g: Graph) -> set[str]:
    return {str(m).rsplit("/", 1)[-1] for m in g.subjects(RDF.type, BKG.Maatregel)}


def transitions(g: Graph) -> set[tuple[str, str, str, int, int]]:
    """(from, to, relation, first line, last line) of every stated transition."""
    found = set()
    for t in g.subjects(RDF.type, BKG.MaatregelOvergang):
        span = g.value(t, BKG.bron)
        found.add(
            (
                str(g.value(t, BKG.van)).rsplit("/", 1)[-1],
                str(g.value(t, BKG.naar)).rsplit("/", 1)[-1],
                str(g.value(t, BKG.relatie)),
                int(g.value(span, BKG.eersteRegel)),
                int(g.value(span, BKG.laatsteRegel)),
            )
        )
    return found


def span_text(g: Graph, statement: URIRef) -> str:
    return str(g.value(g.value(statement, BKG.bron), BKG.tekst))


# -- the real documents -----------------------------------------------------------------------------------------------


def test_the_draft_budget_names_its_measures_where_a_cue_calls_them_measures(graphs: dict[str, Graph]) -> None:
    g = graphs["000"]
    # exactly these: 'maatregel BA 2025' (a budget round), organisations and the policy field are not measures
    assert measures(g) == {
        "collectief-maatwerk",
        "individueel-maatwerk",
        "lokale-diensteneconomie",
        "sociale-inschakelingseconomie",
        "maatwerkafdelingen",
        "vlaamse-ondersteuningspremie",
        "arbeidsmatige-activiteiten-in-de-sociale-economie",
    }
    plan = plan_iri("Sociale Economie", "2024-2029")
    cmw = mentions(g, CMW)
    # the OD 1 heading 'We optimaliseren de maatregel collectief maatwerk1' (footnote marker glued on)
    assert cmw[327]["title"] == "collectief maatwerk" and cmw[327]["doelstelling"] == goal_iri(plan, "OD", 1)
    # the article named after it, and its summary "De tewerkstellingsmaatregel 'Collectief Maatwerk'"
    assert cmw[823]["artikel"] == article_iri("TB0-1THC2UA-WT")
    assert cmw[828]["artikel"] == article_iri("TB0-1THC2UA-WT") and cmw[828]["title"] == "Collectief Maatwerk"
    # 'De tewerkstellingsmaatregel CMW' (ISE text): the abbreviation resolved to the list's full name
    assert cmw[742]["title"] == "Collectief Maatwerk" and cmw[742]["artikel"] is None
    assert set(g.objects(CMW, SKOS.notation)) == {Literal("CMW")}
    # an abbreviation the text defines, not the list: 'Arbeidsmatige Activiteiten in de Sociale Economie (AMA SE)'
    ama = mentions(g, AMA)
    assert ama[1057]["artikel"] == article_iri("TB0-1THC2UC-WT")
    assert ama[773]["title"] == "Arbeidsmatige Activiteiten in de Sociale Economie"  # written 'De maatregel AMA SE'
    assert set(g.objects(AMA, SKOS.notation)) == {Literal("AMA SE")}


def test_the_draft_budget_links_the_article_to_the_measures_its_section_says_it_holds(graphs: dict[str, Graph]) -> None:
    g = graphs["000"]
    article = article_iri("TB0-1THC2UF-WT")
    # "Dit begrotingsartikel omvat ... overgangsmaatregelen voor de oude maatregel Lokale Diensteneconomie (LDE) en
    # Maatwerkafdelingen (MWA)" (lines 1204-1208): the sentence speaks of this article
    assert mentions(g, LDE)[1206] == {"last": 1207, "title": "Lokale Diensteneconomie", "artikel": article, "doelstelling": None}
    assert mentions(g, MWA)[1207]["artikel"] == article
    # the article is named after individueel maatwerk ('INDIVIDUEEL MAATWERK – BEGELEIDINGSPREMIE EN ...', wrapped)
    assert mentions(g, IMW)[1160]["last"] == 1162 and mentions(g, IMW)[1160]["artikel"] == article
    # in the collectief maatwerk article, 'de maatregel Individueel Maatwerk (IMW)' is named but not the article's subject
    assert mentions(g, IMW)[840]["artikel"] is None


def test_the_execution_report_names_its_measures(graphs: dict[str, Graph]) -> None:
    g = graphs["004"]
    plan = plan_iri("Werk en Sociale Economie", "2019-2024")
    assert measures(g) >= {
        "collectief-maatwerk",
        "individueel-maatwerk",
        "lokale-diensteneconomie",
        "sociale-inschakelingseconomie",
        "maatwerkafdelingen",
        "vlaamse-ondersteuningspremie",
        "werkhervattingstoeslag",  # 'De bestaande maatregel WHT', defined as 'werkhervattingstoeslag (WHT)'
        "aanwervingsincentives-voor-langdurig-werkzoekenden",  # "de maatregel ‘Aanwervingsincentives voor ...’ (AWI)"
        "kwalificerend-werkplekleren",
    }
    # organisations, funds and rounds that the text names near the word 'maatregelen' are not measures
    assert not measures(g) & {
        "vlaamse-dienst-voor-arbeidsbemiddeling-en-beroepsopleiding",  # 'In 2023 nam VDAB maatregelen'
        "recovery-assistance-for-cohesion-and-the-territories-of-europe",  # 'REACT-EU maatregelen'
        "rijksdienst-voor-arbeidsvoorziening",  # 'SINE maatregel (RVA: 18.235 keuro ...'
        "bijzondere-tewerkstellingsondersteunende-maatregelen",  # the cue word inside a name, '(BTOM)'
    }
    # 'werden vier maatregelen (VOP, SINE, LDE en MWA) ondergebracht' (line 6655), in the text of OD 16
    for measure in (VOP, SINE, LDE, MWA):
        assert mentions(g, measure)[6655]["doelstelling"] == goal_iri(plan, "OD", 16)
    lde = mentions(g, LDE)[6655]
    assert lde["title"] == "Lokale Diensteneconomie"  # written 'LDE', resolved through the list of abbreviations
    assert set(g.objects(LDE, SKOS.notation)) == {Literal("LDE")}
    # 'maatwerkafdelingen (MWA)': defined in the text only (the list has no MWA)
    assert set(g.objects(MWA, SKOS.notation)) == {Literal("MWA")}
    vop = mentions(g, VOP)
    assert vop[1952]["artikel"] == article_iri("JB0-1JDB2CB-WT")  # the article 'VOP'
    assert vop[1965]["artikel"] == article_iri("JB0-1JDB2CB-WT")  # 'binnen de VOP-maatregel'


def test_the_policy_plan_names_its_measures(graphs: dict[str, Graph]) -> None:
    g = graphs["001"]
    plan = plan_iri("Sociale Economie", "2024-2029")
    assert measures(g) == {"collectief-maatwerk", "individueel-maatwerk", "vlaamse-ondersteuningspremie"}
    assert mentions(g, CMW)[136]["title"] == "collectief maatwerk"  # 'De maatregel collectief maatwerk (CMW)'
    assert mentions(g, CMW)[220]["doelstelling"] == goal_iri(plan, "OD", 1)
    assert mentions(g, VOP)[158]["title"] == "Vlaamse Ondersteuningspremie"


def test_the_execution_report_states_that_four_measures_went_up_in_individueel_maatwerk(graphs: dict[str, Graph]) -> None:
    g = graphs["004"]
    found = transitions(g)
    to_imw = {(f, r, a, b) for f, t, r, a, b in found if t == "individueel-maatwerk"}
    four = {"vlaamse-ondersteuningspremie", "sociale-inschakelingseconomie", "lokale-diensteneconomie", "maatwerkafdelingen"}
    # 'Met de invoering van het Individueel Maatwerk werden vier maatregelen (VOP, SINE, LDE en MWA) ondergebracht
    # in de nieuwe maatregel.' -- 'de nieuwe maatregel' is the one other measure the sentence names
    assert {f for f, r, a, b in to_imw if (r, a, b) == ("ondergebracht in", 6653, 6655)} == four
    # 'De maatregelen LDE, SINE en MWA werden geïntegreerd in dit begrotingsartikel rond maatregel ‘individueel maatwerk’'
    three = four - {"vlaamse-ondersteuningspremie"}
    assert {f for f, r, a, b in to_imw if (r, a, b) == ("geïntegreerd in", 7092, 7095)} == three
    # '... de 4 maatregelen die inkantelen in deze nieuwe maatregel m.n. Lokale Diensteneconomie (LDE), ...':
    # in the article 'INDIVIDUEEL MAATWERK' the new measure is the one the article is named after
    assert {f for f, r, a, b in to_imw if (r, a, b) == ("inkantelen in", 7082, 7085)} == three
    # in the VOP article: '... het nieuwe beleidskader Individueel Maatwerk (IMW) waarin deze maatregel werd ingekanteld'
    assert ("vlaamse-ondersteuningspremie", "ingekanteld in", 1966, 1968) in to_imw
    # nothing else: 'verdeeld tussen de bestaande maatregel VOP en de nieuwe maatregel IMW-loonpremie' links nothing,
    # nor do '25 maatwerkers ingekanteld in het structurele contingent van Collectief Maatwerk' (not a measure)
    assert {(f, t) for f, t, *_ in found} == {(f, "individueel-maatwerk") for f in four} | {
        ("mentorkortingen", "kwalificerend-werkplekleren")  # 'deze maatregel stopgezet en geheroriënteerd naar ...'
    }
    node = next(t for t in g.subjects(BKG.relatie, Literal("ondergebracht in")))
    assert "(VOP, SINE, LDE en MWA) ondergebracht in de nieuwe maatregel" in span_text(g, node)


def test_the_draft_budget_and_the_policy_plan_state_the_same_transitions_in_their_words(graphs: dict[str, Graph]) -> None:
    assert transitions(graphs["000"]) == {
        # '... de aflopende maatregelen SINE (reeds uitgedoofd), LDE en Maatwerkafdelingen (MWA) die in het IMW inkantelen.'
        ("sociale-inschakelingseconomie", "individueel-maatwerk", "inkantelen in", 765, 768),
        ("lokale-diensteneconomie", "individueel-maatwerk", "inkantelen in", 765, 768),
        ("maatwerkafdelingen", "individueel-maatwerk", "inkantelen in", 765, 768),
        # '... drie maatregelen die inkantelen in deze nieuwe maatregel met name LDE, Sociale Inschakelingseconomie
        # (SINE) en MWA die ervoor gekozen hebben om over te stappen van Collectief maatwerk naar Individueel Maatwerk.'
        # (organisations switching: no collectief maatwerk -> individueel maatwerk)
        ("lokale-diensteneconomie", "individueel-maatwerk", "inkantelen in", 1212, 1217),
        ("sociale-inschakelingseconomie", "individueel-maatwerk", "inkantelen in", 1212, 1217),
        ("maatwerkafdelingen", "individueel-maatwerk", "inkantelen in", 1212, 1217),
        # '... vanuit de uitdovende maatregel Vlaamse Ondersteuningspremie (VOP), toegekend aan de rechtsopvolger IMW.'
        ("vlaamse-ondersteuningspremie", "individueel-maatwerk", "rechtsopvolger", 1448, 1451),
    }
    # 'Ook de Vlaamse Ondersteuningspremie (VOP) werd geïntegreerd in het nieuwe individueel maatwerk.'
    assert transitions(graphs["001"]) == {("vlaamse-ondersteuningspremie", "individueel-maatwerk", "geïntegreerd in", 158, 158)}


def test_one_measure_node_across_documents_whatever_the_spelling(graphs: dict[str, Graph]) -> None:
    # 'LDE' (004), 'Lokale Diensteneconomie (LDE)' (000): one node; 'Sociale InschakelingsEconomie' and
    # 'Sociale Inschakelingseconomie' too
    for prefix in ("000", "004"):
        assert mentions(graphs[prefix], LDE) and mentions(graphs[prefix], SINE)
    assert LDE == measure_iri("Lokale Diensteneconomie") == measure_iri("LOKALE DIENSTENECONOMIE")


# -- the rules, on small texts ------------------------------------------------------------------------------------------


def read(text: str, abbreviations: dict[str, str] | None = None, articles: dict[int, tuple[str, str]] | None = None) -> Graph:
    """``text`` as a document with a list of abbreviations and article headings (line -> code, title), read."""
    parsed = DocumentRecords(SourceDocument(name="t.txt", text=text), BKG.BBTBegrotingsopmaak, "t", (1, 1))
    for index, (abbr, meaning) in enumerate((abbreviations or {}).items(), start=1):
        parsed.add(Abbreviation(abbr, meaning, index, (1, 1)))
    for line, (code, title) in (articles or {}).items():
        parsed.add(Article(code, title, (line, line)))
    parsed.records += maatregelen.read(parsed)
    return writer.write(parsed).graph


LIST = {"LDE": "Lokale Diensteneconomie", "SINE": "Sociale Inschakelingseconomie", "MWA": "Maatwerkafdelingen"}


def test_a_list_of_abbreviations_integrated_in_a_quoted_measure() -> None:
    g = read("De maatregelen LDE, SINE en MWA werden geïntegreerd in de maatregel ‘individueel maatwerk’.\n", LIST)
    assert transitions(g) == {(slug(n), "individueel-maatwerk", "geïntegreerd in", 1, 1) for n in LIST.values()}
    assert set(g.objects(LDE, SKOS.notation)) == {Literal("LDE")}


def test_two_measures_in_one_sentence_without_a_transition_verb_are_not_linked() -> None:
    g = read("Dit budget werd verdeeld tussen de maatregel LDE en de maatregel ‘individueel maatwerk’.\n", LIST)
    assert measures(g) == {"lokale-diensteneconomie", "individueel-maatwerk"}
    assert transitions(g) == set()


def test_a_subject_that_is_not_a_measure_links_nothing() -> None:
    g = read("Vanuit de maatregel MWA werden 25 maatwerkers ingekanteld in de maatregel ‘collectief maatwerk’.\n", LIST)
    assert measures(g) == {"maatwerkafdelingen", "collectief-maatwerk"}
    assert transitions(g) == set()


def test_the_new_measure_is_the_one_other_measure_the_sentence_names() -> None:
    text = (
        "Met de invoering van de maatregel ‘individueel maatwerk’ werden de maatregelen LDE en SINE "
        "ondergebracht in de nieuwe maatregel.\n"
    )
    assert {(f, t) for f, t, *_ in transitions(read(text, LIST))} == {
        ("lokale-diensteneconomie", "individueel-maatwerk"),
        ("sociale-inschakelingseconomie", "individueel-maatwerk"),
    }
    # two candidates for 'de nieuwe maatregel': none is chosen
    text = (
        "Na de maatregel MWA en de maatregel ‘collectief maatwerk’ werden de maatregelen LDE en SINE "
        "ondergebracht in de nieuwe maatregel.\n"
    )
    assert transitions(read(text, LIST)) == set()


def test_in_an_article_section_the_new_measure_is_the_one_the_article_is_named_after() -> None:
    text = (
        "TB0-1THC2UF-WT - INDIVIDUEEL MAATWERK\n"
        "Korte inhoud begrotingsartikel:\n"
        "Deze maatregel is nieuw. De middelen komen van drie maatregelen die inkantelen in deze nieuwe maatregel\n"
        "met name LDE, SINE en MWA.\n"
        "Het artikel volgt de maatregel ‘individueel maatwerk’ op.\n"
    )
    g = read(text, LIST, {1: ("TB0-1THC2UF-WT", "INDIVIDUEEL MAATWERK")})
    assert transitions(g) == {(slug(n), "individueel-maatwerk", "inkantelen in", 3, 4) for n in LIST.values()}
    assert mentions(g, IMW)[1]["artikel"] == article_iri("TB0-1THC2UF-WT")  # the heading names the measure


def test_a_relative_clause_with_the_verb_last() -> None:
    text = (
        "Er zijn overgangsmaatregelen voor de aflopende maatregelen SINE (reeds uitgedoofd), LDE en MWA "
        "die in het IMW inkantelen.\n"
    )
    g = read(text, LIST | {"IMW": "Individueel Maatwerk"})
    assert {(f, t, r) for f, t, r, *_ in transitions(g)} == {
        (slug(n), "individueel-maatwerk", "inkantelen in") for n in LIST.values()
    }


def test_a_name_defined_in_the_text_is_resolved_wherever_its_abbreviation_stands() -> None:
    text = (
        "De maatregel Lokale Diensteneconomie (LDE) loopt af.\n"
        "Zo werd de maatregel LDE vervangen door de maatregel ‘individueel maatwerk’.\n"
    )
    g = read(text)
    assert {m["title"] for m in mentions(g, LDE).values()} == {"Lokale Diensteneconomie"}
    assert set(g.objects(LDE, SKOS.notation)) == {Literal("LDE")}
    assert transitions(g) == {("lokale-diensteneconomie", "individueel-maatwerk", "vervangen door", 2, 2)}


@pytest.mark.parametrize(
    "text",
    [
        "De maatregel ressorteert onder OD 17.\n",  # an unquoted word after the cue is not a name
        "Terugdraaien eenmalige maatregel BA 2025 (+30.000 keuro VEK).\n",  # a budget round
        "In 2023 nam VDAB maatregelen om de dienstverlening te verbeteren.\n",  # an organisation taking measures
        "Zij bieden Bijzondere Tewerkstellingsondersteunende Maatregelen (BTOM) aan.\n",  # the cue inside a name
        "De ondersteuningsmaatregelen SE en MVO lopen verder.\n",  # a compound is not the cue
    ],
)
def test_no_measure_without_a_cue_and_a_name(text: str) -> None:
    names = {"VDAB": "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding", "BA": "Begrotingsaanpassing"}
    names |= {"SE": "Sociale economie", "MVO": "Maatschappelijk verantwoord ondernemen", "BTOM": "Bijzondere maatregelen"}
    assert measures(read(text, names)) == set()


def test_abbreviations_are_spelled_out_by_their_long_form() -> None:
    assert maatregelen.best_long_form("LDE", "de oude maatregel Lokale Diensteneconomie") == "Lokale Diensteneconomie"
    assert maatregelen.best_long_form("SINE", "de Sociale Inschakelingseconomie") == "Sociale Inschakelingseconomie"
    assert maatregelen.best_long_form("MWA", "en maatwerkafdelingen") == "maatwerkafdelingen"
    assert maatregelen.best_long_form("AMA WSE", "Arbeidsmatige activiteiten in de sociale economie") is None
    assert dict(maatregelen.definitions("de opvolger van de Vlaamse Ondersteuningspremie (VOP), toegekend")) == {
        "VOP": "Vlaamse Ondersteuningspremie"
    }


# -- the built corpus ---------------------------------------------------------------------------------------------------


def history(db: ox.Store, measure: str) -> list[dict]:
    return templates.run(db, TEMPLATES["measure-history"], {"measure": measure}).records()


def test_measure_history_of_collectief_maatwerk_reaches_the_2023_execution_report(db: ox.Store) -> None:
    rows = history(db, "collectief maatwerk")
    assert {r["measure"] for r in rows} == {"Collectief Maatwerk"}
    by_doc = {r["source_document"][:3] for r in rows}
    assert {"000", "001", "004"} <= by_doc
    amounts = {
        (r["source_document"][:3], r["article"], r["line"], r["credit"]): (r["amount"], r["unit"])
        for r in rows
        if r["kind"] == "amount"
    }
    assert amounts[("004", "JB0-1JEB2HA-WT", "BU", "VAK")] == (Decimal("526727"), "keuro")
    assert amounts[("000", "TB0-1THC2UA-WT", "BO", "VAK")] == (Decimal("600665"), "keuro")
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)  # oldest first
    heading = next(r for r in rows if r["kind"] == "article" and r["article"] == "JB0-1JEB2HA-WT")
    assert (heading["article_title"], heading["year"], heading["source_lines"]) == ("COLLECTIEF MAATWERK", 2023, "6875-6875")


def test_measure_history_of_individueel_maatwerk_follows_the_measures_that_went_up_in_it(db: ox.Store) -> None:
    rows = history(db, "individueel maatwerk")
    assert {r["via"] for r in rows} == {
        "Individueel Maatwerk",
        "Vlaamse Ondersteuningspremie",
        "Lokale Diensteneconomie",
        "Sociale Inschakelingseconomie",
        "Maatwerkafdelingen",
    }
    amounts = {(r["via"], r["article"], r["line"], r["credit"]): r["amount"] for r in rows if r["kind"] == "amount"}
    # the VOP article of the 2023 execution report, via the VOP
    assert amounts[("Vlaamse Ondersteuningspremie", "JB0-1JDB2CB-WT", "BU", "VAK")] == Decimal("112710")
    # its own articles in 2023 and 2026, listed via the measure itself, not again via a predecessor
    assert amounts[("Individueel Maatwerk", "JB0-1JEB2HF-WT", "1e BA-JR", "VAK")] == Decimal("61164")
    assert amounts[("Individueel Maatwerk", "TB0-1THC2UF-WT", "BO", "VAK")] == Decimal("33543")
    assert not [k for k in amounts if k[0] != "Individueel Maatwerk" and k[1] in ("JB0-1JEB2HF-WT", "TB0-1THC2UF-WT")]
    assert {r["source_document"][:3] for r in rows if r["via"] == "Vlaamse Ondersteuningspremie"} >= {"000", "001", "004"}


def test_measure_history_by_abbreviation(db: ox.Store) -> None:
    rows = history(db, "lde")
    assert {r["measure"] for r in rows} == {"Lokale Diensteneconomie"}
    assert ("JB0-1JEB2HF-WT", "BU", "VAK", Decimal("55838")) in {
        (r["article"], r["line"], r["credit"], r["amount"]) for r in rows if r["kind"] == "amount"
    }


def named_in(db: ox.Store, prefix: str) -> dict[str, set[str]]:
    """Measure -> the source lines of its mentions in the document whose file name starts with ``prefix``."""
    query = """PREFIX bkg: <https://w3id.org/beleidskg/def#>
        SELECT ?m ?first ?last ?file WHERE {
          ?mention a bkg:Vermelding ; bkg:over ?m ; bkg:bron ?span . ?m a bkg:Maatregel .
          ?span bkg:eersteRegel ?first ; bkg:laatsteRegel ?last ; bkg:document/bkg:bestandsnaam ?file }"""
    found: dict[str, set[str]] = {}
    for m, first, last, file in templates.select(db, query).rows:
        if file.startswith(prefix):
            found.setdefault(m, set()).add(f"{first}-{last}")
    return found


def predecessors(db: ox.Store, measure: URIRef) -> set[str]:
    """The measures that went up in ``measure``, transitively, as the lineage graph says."""
    query = f"""PREFIX bkg: <https://w3id.org/beleidskg/def#>
        SELECT DISTINCT ?p WHERE {{ <{measure}> (^bkg:naar/bkg:van)+ ?p . ?p a bkg:Maatregel }}"""
    return {row[0] for row in templates.select(db, query).rows}


def test_measure_history_and_the_2006_policy_letter(db: ox.Store) -> None:
    """The policy letter (003) has its own loader; its measures carry euro amounts on basisallocaties.

    A history reaches the letter exactly where the letter names the measure or one that went up in it.
    """
    if not any(kind.name == "beleidsbrief" for kind in KINDS):
        pytest.skip("no loader for the 2006-2007 beleidsbrief (003) is registered")
    rows = history(db, "sociale werkplaatsen")
    letter = [r for r in rows if r["source_document"].startswith("003")]
    assert letter and {r["year"] for r in letter} == {2007}
    assert {r["unit"] for r in letter if r["kind"] == "amount"} == {"euro"}
    assert "52.4 33.07" in {r["article"] for r in letter if r["kind"] == "amount"}
    in_letter = named_in(db, "003")
    for name, node in (("collectief maatwerk", CMW), ("individueel maatwerk", IMW)):
        expected = {lines for m in {str(node)} | predecessors(db, node) for lines in in_letter.get(m, set())}
        reached = {
            r["source_lines"] for r in history(db, name) if r["source_document"].startswith("003") and r["kind"] == "mention"
        }
        # No document states in words that sociale werkplaatsen or maatwerkbedrijven went up in collectief maatwerk;
        # individueel maatwerk reaches the letter only if the letter names one of its predecessors (e.g. SINE).
        assert reached == expected


def test_measure_history_follows_a_predecessor_back_to_an_older_document() -> None:
    """Two small documents: 2007 names SINE with an amount in euro; 2023 says SINE went up in individueel maatwerk."""
    from beleidskg import lineage

    old_text = "De evaluatie van de SINE maatregel loopt.\nIn 2007 is er een krediet van 1.500.000 euro.\n"
    old = DocumentRecords(SourceDocument(name="2007.txt", text=old_text), BKG.BBTBegrotingsopmaak, "brief 2007", (1, 1), 2007)
    new_text = "De maatregelen SINE en LDE werden geïntegreerd in de maatregel ‘individueel maatwerk’.\n"
    new = DocumentRecords(SourceDocument(name="2023.txt", text=new_text), BKG.BBTBegrotingsuitvoering, "bbt 2023", (1, 1), 2023)
    for parsed, abbreviations in ((old, {"SINE": "Sociale Inschakelingseconomie"}), (new, LIST)):
        for index, (abbr, meaning) in enumerate(abbreviations.items(), start=1):
            parsed.add(Abbreviation(abbr, meaning, index, (1, 1)))
        parsed.records += maatregelen.read(parsed)
    sine = MeasureRef("Sociale Inschakelingseconomie")
    old.add(Amount("budget", sine, "krediet", 2007, "VAK", Decimal("1500000"), (2, 2), unit="euro"))
    merged = writer.write(old).graph + writer.write(new).graph
    db = ox.Store()
    for g in (merged, lineage.infer([old, new]), build_ontology()):
        db.load(g.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    rows = history(db, "Individueel Maatwerk")
    assert [(r["year"], r["via"], r["kind"], r["amount"], r["unit"]) for r in rows if r["source_document"] == "2007.txt"] == [
        (2007, "Sociale Inschakelingseconomie", "mention", None, None),
        (2007, "Sociale Inschakelingseconomie", "amount", Decimal("1500000"), "euro"),
    ]
    assert [r["year"] for r in rows] == sorted(r["year"] for r in rows)
    assert {r["via"] for r in rows} == {"individueel maatwerk", "Sociale Inschakelingseconomie", "Lokale Diensteneconomie"}
    # the other way round there is no history: SINE did not go up in anything older
    assert {r["via"] for r in history(db, "sine")} == {"Sociale Inschakelingseconomie"}


def build_ontology() -> Graph:
    from beleidskg import build

    return build.ontology_graph()


def test_stated_transitions_become_lineage_links(db: ox.Store) -> None:
    rows = templates.run(db, TEMPLATES["lineage"], {"code": "LDE"}).records()
    assert {(r["from"], r["to"], r["relation"]) for r in rows} == {("LDE", "IMW", "went up in")}
    assert "stated in text" in rows[0]["evidence"] and "004_487494d7f3174438.txt:6653-6655" in rows[0]["evidence"]


def test_goal_trace_lists_the_measures_of_the_goal_and_its_articles(db: ox.Store) -> None:
    rows = templates.run(db, TEMPLATES["goal-trace"], {"plan": "2024-2029", "goal": "OD 4"}).records()
    found = {(r["item"], r["via"], r["source_lines"]) for r in rows if r["kind"] == "measure"}
    assert ("IMW", None, "410-410") in found  # 'De maatregel ‘individueel maatwerk’ bestaat nu twee jaar.'
    assert ("IMW", "TB0-1THC2UF-WT", "1160-1162") in found
    assert ("LDE", "TB0-1THC2UF-WT", "1206-1207") in found
    assert all(r["via"] is None for r in rows if r["kind"] != "measure")
