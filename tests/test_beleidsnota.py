"""The Beleidsnota loader on the real Beleidsnota Sociale Economie 2024-2029 (corpus 001) and on awkward layouts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import DCTERMS, RDF, SKOS, Graph, URIRef

from beleidskg.loaders import beleidsnota, kind_of, load
from beleidskg.loaders.model import goal_iri, indicator_iri, ise_iri, plan_iri
from beleidskg.loaders.source import DocumentError, SourceDocument
from beleidskg.loaders.text import strip_markup
from beleidskg.loaders.vocab import BKG

PLAN = plan_iri("Sociale Economie", "2024-2029")
ACTIVERING = ise_iri("Sociale economie", "Activering")
DUURZAAM = ise_iri("Sociale economie", "Duurzame arbeidsmarkt")
OD_TITLES = {
    1: "We optimaliseren de maatregel collectief maatwerk",
    2: "We voorzien een groeipad van minstens 1.000 extra plaatsen in de sociale economie, "
    "in het bijzonder in collectief maatwerk",
    3: "We stimuleren doorstroom via een dynamisch kader",
    4: "We zetten volop in op tewerkstellingskansen van personen met een arbeidsbeperking in reguliere bedrijven "
    "en als zelfstandige via individueel maatwerk",
    5: "Samen met de minister van Werk versnellen we het proces van indicering voor personen met een arbeidsbeperking",
    6: "We versterken de werk- en zorgtrajecten",
    7: "We zetten in op een sterkere wisselwerking tussen de reguliere en de sociale economie",
    8: "We bouwen een complementair aanbod uit voor de ondersteuning van sociale economie en maatschappelijk "
    "verantwoord ondernemen",
    9: "We ondersteunen de lokale besturen en de provincies bij een slagkrachtig lokaal sociaal-economisch beleid",
}
INDICATOR = "De kloof in werkzaamheidsgraad tussen de algemene bevolking en personen met een arbeidshandicap"


@pytest.fixture(scope="module")
def doc(corpus_docs: dict[str, SourceDocument]) -> SourceDocument:
    return corpus_docs["001"]


@pytest.fixture(scope="module")
def graph(doc: SourceDocument) -> Graph:
    return load(doc).graph


def lines_of(graph: Graph, node: URIRef) -> tuple[int, int]:
    (span,) = graph.objects(node, BKG.bron)
    return int(graph.value(span, BKG.eersteRegel)), int(graph.value(span, BKG.laatsteRegel))


def goals(graph: Graph, level: str) -> dict[int, dict]:
    """Each goal of ``level`` as this document states it: title, ISE, parent SD, source lines."""
    cls = {"SD": BKG.StrategischeDoelstelling, "OD": BKG.OperationeleDoelstelling}[level]
    out = {}
    for goal in graph.subjects(RDF.type, cls):
        (mention,) = graph.subjects(BKG.over, goal)
        out[int(graph.value(goal, BKG.nummer))] = {
            "iri": goal,
            "title": str(graph.value(mention, DCTERMS.title)),
            "ise": graph.value(mention, BKG.ise),
            "parent": graph.value(mention, BKG.strategischeDoelstelling),
            "lines": lines_of(graph, mention),
        }
    return out


def toc_last_line(doc: SourceDocument) -> int:
    """The last line of the table of contents: the last line with a dot leader before the introduction."""
    return max(n for n, line in enumerate(doc.lines, 1) if "....." in line)


# -- the real Beleidsnota ------------------------------------------------------------------------------------------


def test_recognised_only_as_beleidsnota(corpus_docs: dict[str, SourceDocument]) -> None:
    assert beleidsnota.recognise(corpus_docs["001"])
    for key in ("000", "002", "003", "004"):
        assert not beleidsnota.recognise(corpus_docs[key]), key
    assert kind_of(corpus_docs["001"]) is beleidsnota.KIND


def test_document_title_and_plan(graph: Graph, doc: SourceDocument) -> None:
    iri = URIRef(f"https://w3id.org/beleidskg/id/doc/{doc.id}")
    assert (iri, RDF.type, BKG.Beleidsnota) in graph
    assert str(graph.value(iri, DCTERMS.title)) == "Beleidsnota 2024-2029 Sociale Economie"
    assert graph.value(iri, BKG.plan) == PLAN
    assert str(graph.value(PLAN, BKG.beleidsdomein)) == "Sociale Economie"
    assert str(graph.value(PLAN, BKG.legislatuur)) == "2024-2029"
    assert graph.value(iri, BKG.begrotingsjaar) is None
    first, last = lines_of(graph, iri)
    assert "Beleidsnota 2024-2029" in doc.text_of(first, last) and "Sociale Economie" in doc.text_of(first, last)


def test_filing_on_the_cover(graph: Graph) -> None:
    (node,) = graph.subjects(RDF.type, BKG.Indiening)
    assert str(graph.value(node, BKG.indiener)) == "Hilde Crevits"
    assert str(graph.value(node, BKG.stuknummer)) == "133 (2024-2025) – Nr. 1"
    assert str(graph.value(node, BKG.datumIndiening)) == "2024-11-15"


def test_policy_field_and_ises(graph: Graph) -> None:
    field = URIRef("https://w3id.org/beleidskg/id/beleidsveld/sociale-economie")
    assert (field, RDF.type, BKG.Beleidsveld) in graph
    for ise, heading in ((ACTIVERING, "1. ISE ACTIVERING"), (DUURZAAM, "2. ISE DUURZAME ARBEIDSMARKT")):
        assert (ise, RDF.type, BKG.InhoudelijkStructuurelement) in graph
        assert graph.value(ise, BKG.beleidsveld) == field
        (mention,) = graph.subjects(BKG.over, ise)
        assert str(graph.value(mention, DCTERMS.title)) == heading
    # The BBT's 'ISE: Activering (Sociale economie)' names the same ISE.
    assert ise_iri("SOCIALE ECONOMIE", "ACTIVERING") == ACTIVERING


def test_strategic_goals(graph: Graph) -> None:
    sds = goals(graph, "SD")
    assert sorted(sds) == [1, 2]
    assert sds[1]["title"] == "We versterken de tewerkstellingskansen voor personen met een arbeidsbeperking"
    # printed with a final full stop, which is not part of the title
    assert sds[2]["title"] == "We zorgen voor een betere wisselwerking tussen sociale en reguliere economie"
    assert sds[1]["ise"] == ACTIVERING and sds[2]["ise"] == DUURZAAM
    assert sds[1]["iri"] == goal_iri(PLAN, "SD", 1)


def test_operational_goals_exact_titles_from_the_body(graph: Graph, doc: SourceDocument) -> None:
    ods = goals(graph, "OD")
    assert {n: od["title"] for n, od in ods.items()} == OD_TITLES
    toc_end = toc_last_line(doc)
    assert toc_end < 60
    for n, od in ods.items():
        first, last = od["lines"]
        assert first > toc_end, f"OD {n} read from the table of contents"
        assert od["title"] in strip_markup(doc.text_of(first, last))
        assert "....." not in doc.text_of(first, last)
    assert ods[5]["lines"] == (250, 250)  # the '#### OD 5: ...' heading


def test_operational_goals_ise_and_parent(graph: Graph) -> None:
    ods = goals(graph, "OD")
    sd1, sd2 = goal_iri(PLAN, "SD", 1), goal_iri(PLAN, "SD", 2)
    for n in range(1, 7):
        assert (ods[n]["ise"], ods[n]["parent"]) == (ACTIVERING, sd1), n
    for n in (7, 8, 9):
        assert (ods[n]["ise"], ods[n]["parent"]) == (DUURZAAM, sd2), n


def test_indicator_metadata(graph: Graph, doc: SourceDocument) -> None:
    ind = indicator_iri(PLAN, INDICATOR)
    assert (ind, RDF.type, BKG.Indicator) in graph
    descriptions = list(graph.subjects(BKG.over, ind))
    assert len(descriptions) == 1, "the two table halves repeating 'Benaming' are one indicator"
    (node,) = descriptions
    assert len(list(graph.subjects(RDF.type, BKG.IndicatorBeschrijving))) == 1

    def value(prop: str) -> str:
        return str(graph.value(node, BKG[prop]))

    assert value("benaming") == INDICATOR
    assert value("ise") == str(ACTIVERING)
    assert value("doelstelling") == str(goal_iri(PLAN, "SD", 1))
    assert value("soortIndicator") == "Effectindicator"
    assert value("opmerking").startswith("Met deze beleidsindicator overkoepelen we de ISE.")
    assert value("opmerking").endswith("https://opendata.wse.vlaanderen.be/pages/jr-socialeconomie/")
    assert value("kop") == "Werkzaamheidskloof algemene bevolking en personen met een arbeidshandicap van 29,5 ppt in 2023."
    assert value("laatsteWaarde").startswith("In 2023 bedroeg de werkzaamheidskloof 29,5 ppt.")
    assert value("definitie").startswith("De kloof in werkzaamheidsgraad wordt uitgedrukt in procentpunten")
    assert value("streefwaarde").startswith("Deze legislatuur wensen we de kloof zo klein mogelijk te houden")
    assert value("beleidsrelevantie").startswith("Het is een effectindicator")
    assert value("budgettaireRelevantie").endswith("dus budgettair relevant.")
    assert value("gegevensbron").startswith("DWSE op basis van Statbel (Algemene Directie Statistiek")
    assert "<p>" not in value("gegevensbron") and "<a " not in value("kwaliteitsbeoordeling")
    assert value("meetfrequentie").startswith("De EAK-survey wordt jaarlijks uitgevoerd en geanalyseerd.")
    assert value("kwaliteitsbeoordeling").endswith("https://ec.europa.eu/eurostat.")
    assert value("gebruiktInAndereDocumenten").startswith("De indicator wordt jaarlijks gemonitord via de EAK")
    # the row that continues on a tab-led line after a line break inside the cell
    assert "naar de positie en participatie van personen met een erkende handicap" in value("berekeningswijze")
    assert value("berekeningswijze").endswith("die via deze enquête wordt bevraagd.")
    assert value("toelichting").startswith("Grafiek 3 toont de kloof in werkzaamheidsgraad")
    assert lines_of(graph, node) == (355, 383)


def test_indicator_latest_value(graph: Graph, doc: SourceDocument) -> None:
    ind = indicator_iri(PLAN, INDICATOR)
    (obs,) = graph.subjects(BKG.indicator, ind)
    assert str(graph.value(obs, BKG.reeks)) == "Kloof"
    assert int(graph.value(obs, BKG.jaar)) == 2023
    assert graph.value(obs, BKG.waarde).toPython() == Decimal("29.5")
    assert graph.value(obs, BKG.eenheid) == BKG.Procentpunt
    first, last = lines_of(graph, obs)
    text = doc.text_of(first, last)
    assert text.startswith("Laatste gekende waarde") and "29,5 ppt" in text and "2023" in text


def test_no_indicator_for_the_ise_under_study(graph: Graph) -> None:
    """The second ISE's annex describes an indicator that is being studied, without naming it."""
    described = [s for s in graph.subjects(BKG.ise, DUURZAAM) if (s, RDF.type, BKG.IndicatorBeschrijving) in graph]
    assert described == []
    assert len(list(graph.subjects(RDF.type, BKG.Indicator))) == 1


def test_abbreviations(graph: Graph, doc: SourceDocument) -> None:
    entries = {
        str(graph.value(n, SKOS.notation)): (str(graph.value(n, SKOS.prefLabel)), lines_of(graph, n))
        for n in graph.subjects(RDF.type, BKG.Afkorting)
    }
    assert len(entries) == 14
    assert entries["AMA WSE"][0] == "arbeidsmatige activiteiten in de sociale economie"
    assert entries["(D)WSE"][0] == "(Departement) Werk en Sociale Economie"
    assert entries["VOP"][0] == "Vlaamse Ondersteuningspremie"
    assert entries["SEC"][0] == "sociaal-economisch circuit"
    first, last = entries["(D)WSE"][1]
    assert doc.text_of(first, last) == "(D)WSE: (Departement) Werk en Sociale Economie"


def test_regulatory_initiatives(graph: Graph, doc: SourceDocument) -> None:
    rows = {str(graph.value(n, BKG.nummer)): n for n in graph.subjects(RDF.type, BKG.Regelgevingsinitiatief)}
    assert sorted(rows) == ["1", "2"]

    def cols(n: URIRef) -> dict[str, str | None]:
        props = ("aard", "inhoud", "planning", "datumInwerkingtreding", "entiteit")
        out = {p: (str(v) if (v := graph.value(n, BKG[p])) is not None else None) for p in props}
        out["title"] = str(graph.value(n, DCTERMS.title))
        return out

    assert cols(rows["1"]) == {
        "title": "Diverse uitvoeringsbepalingen bij het Ondersteuningsdecreet SE",
        "aard": "BVR",
        "inhoud": "Kader voor de taken, de regels voor de organisatie, de samenstelling en de werking van de "
        "Commissie SE Update van het subsidiekader voor managementadvies",
        "planning": "nog te bepalen",
        "datumInwerkingtreding": None,
        "entiteit": "Departement Werk en Sociale Economie",
    }
    assert cols(rows["2"]) == {
        "title": "Optimalisatie CMW",
        "aard": "Afhankelijk van aanbevelingen",
        "inhoud": "Optimalisatie maatregel o.b.v. evaluatie over de toeleiding, begeleidingsvoorwaarden de "
        "periodieke evaluatie in het kader van collectief maatwerk",
        "planning": "nog te bepalen",
        "datumInwerkingtreding": None,
        "entiteit": "Departement Werk en Sociale Economie",
    }
    first, last = lines_of(graph, rows["2"])
    assert doc.text_of(first, last).startswith("2.\tOptimalisatie CMW\t")


def test_every_span_holds_its_text(graph: Graph, doc: SourceDocument) -> None:
    """Provenance: each sourced title is found, markup aside, on its own lines."""
    for node, title in graph.subject_objects(DCTERMS.title):
        if (node, BKG.bron, None) not in graph:
            continue
        first, last = lines_of(graph, node)
        assert str(title) in strip_markup(doc.text_of(first, last)) or node == URIRef(
            f"https://w3id.org/beleidskg/id/doc/{doc.id}"
        ), (node, title)


# -- awkward layouts ------------------------------------------------------------------------------------------------

COVER = """## **Beleidsnota 2024-2029**

# **Sociale Economie**

Dit is een korte beleidsnota om de lay-out te testen. Ze heeft een inhoudstafel, een beleidsveld, een ISE,
een strategische doelstelling en operationele doelstellingen.
"""


def small(body: str, toc: str = "") -> SourceDocument:
    return SourceDocument(name="x.txt", text=COVER + toc + body)


def test_markdown_decorated_and_footnoted_od_headings() -> None:
    doc = small(
        """
## **VI. BELEIDSVELD SOCIALE ECONOMIE**

### **1. ISE: Activering (Sociale economie)**

1.1 Strategische doelstelling: We versterken de tewerkstellingskansen.

#### **OD 1: We optimaliseren de maatregel collectief maatwerk1**

Tekst.

**OD 2: We voorzien extra plaatsen<sup>2</sup>**

<sup>2</sup> Een voetnoot.

OD 3: We ondersteunen de lokale besturen bij een slagkrachtig
lokaal sociaal-economisch beleid.

Tekst.
"""
    )
    assert beleidsnota.recognise(doc)
    graph = load(doc).graph
    ods = goals(graph, "OD")
    assert {n: od["title"] for n, od in ods.items()} == {
        1: "We optimaliseren de maatregel collectief maatwerk",
        2: "We voorzien extra plaatsen",
        3: "We ondersteunen de lokale besturen bij een slagkrachtig lokaal sociaal-economisch beleid",
    }
    assert ods[3]["lines"][1] == ods[3]["lines"][0] + 1, "a wrapped heading spans both lines"
    # '(Sociale economie)' is the policy field, not part of the ISE's name
    assert all(od["ise"] == ACTIVERING for od in ods.values())
    assert goals(graph, "SD")[1]["title"] == "We versterken de tewerkstellingskansen"


def test_table_of_contents_is_not_read_as_goals() -> None:
    toc = """
## INHOUD

<b>VI. BELEIDSVELD SOCIALE ECONOMIE .....</b>\t<b>10</b>
OD 1: Titel in de inhoudstafel.....\t10
OD 2: Een doelstelling die verder ontbreekt .....\t11
"""
    body = """
## **VI. BELEIDSVELD SOCIALE ECONOMIE**

### **1. ISE ACTIVERING**

1.1 Strategische doelstelling: We versterken de kansen

OD 1: Titel in de tekst
"""
    with pytest.raises(DocumentError, match="lists OD 2 but no body heading"):
        load(small(body, toc))
    graph = load(small(body + "\nOD 2: Een doelstelling die verder ontbreekt\n", toc)).graph
    assert goals(graph, "OD")[1]["title"] == "Titel in de tekst"


def test_one_line_title_and_tab_separated_abbreviations() -> None:
    doc = SourceDocument(
        name="x.txt",
        text="""Beleidsnota Werk en Sociale Economie 2019-2024

I. BELEIDSVELD WERK

1. ISE Activering (Werk)

Strategische doelstelling 1: Meer mensen aan het werk

OD 1: We activeren

II. LIJST MET AFKORTINGEN

VDAB\tVlaamse Dienst voor Arbeidsbemiddeling
en Beroepsopleiding
OD: Operationele doelstelling
""",
    )
    graph = load(doc).graph
    plan = plan_iri("Werk en Sociale Economie", "2019-2024")
    assert (plan, RDF.type, BKG.Beleidsplan) in graph
    assert goals(graph, "OD")[1]["ise"] == ise_iri("Werk", "Activering")
    labels = {
        str(graph.value(n, SKOS.notation)): str(graph.value(n, SKOS.prefLabel)) for n in graph.subjects(RDF.type, BKG.Afkorting)
    }
    assert labels == {
        "VDAB": "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding",
        "OD": "Operationele doelstelling",
    }


def test_two_indicators_with_different_names_are_two() -> None:
    doc = small(
        """
## **VI. BELEIDSVELD SOCIALE ECONOMIE**

### **1. ISE ACTIVERING**

1.1 Strategische doelstelling: We versterken de kansen

OD 1: We doen iets

## IX. BIJLAGE 'ISE indicatoren'

### ISE Activering binnen het beleidsveld sociale economie

Benaming\tEerste indicator
Laatste gekende waarde\tIn 2022 bedroeg de graad 47,3%.
Benaming\tTweede indicator
Soort indicator\tOutputindicator
"""
    )
    graph = load(doc).graph
    names = {str(graph.value(n, BKG.benaming)) for n in graph.subjects(RDF.type, BKG.IndicatorBeschrijving)}
    assert names == {"Eerste indicator", "Tweede indicator"}
    (obs,) = graph.subjects(BKG.indicator, indicator_iri(PLAN, "Eerste indicator"))
    assert graph.value(obs, BKG.waarde).toPython() == Decimal("47.3")
    assert graph.value(obs, BKG.eenheid) == BKG.Procent
    assert str(graph.value(obs, BKG.reeks)) == "Waarde"


def test_not_a_beleidsnota() -> None:
    doc = SourceDocument(name="x.txt", text="In mijn beleidsnota 2019-2024 stond het al.\n\nOD 1: Iets\n" * 10)
    assert not beleidsnota.recognise(doc)
    with pytest.raises(DocumentError, match="no cover title"):
        beleidsnota.read(doc)


def test_wrapped_initiative_row_and_headline_only_indicator() -> None:
    doc = small(
        """
## **VI. BELEIDSVELD SOCIALE ECONOMIE**

### **2. ISE DUURZAME ARBEIDSMARKT**

2.1 Strategische doelstelling: We zorgen voor wisselwerking.

OD 7: We zetten in op wisselwerking

## VIII. BIJLAGE 'OVERZICHT BELEIDS- EN REGELGEVINGSINITIATIEVEN'

### 1. Departement Werk en Sociale Economie

<b>Nr.</b>\t<b>NAAM INITIATIEF</b>\t<b>AARD</b>\t<b>INHOUD</b>\t<b>PLANNING</b>\t<b>DATUM INWERKING TREDING</b>
1.\tWijziging van het\tDecreet\tNieuw kader\t2025\t1 januari 2026
\tmaatwerkdecreet\t\tvoor maatwerk\t\t

## IX. BIJLAGE 'ISE indicatoren'

## **ISE Duurzame arbeidsmarkt binnen het beleidsveld sociale economie**

**Indicator: Samenwerking tussen sociale en reguliere economie van 12,5% in 2024.**
"""
    )
    graph = load(doc).graph
    (row,) = graph.subjects(RDF.type, BKG.Regelgevingsinitiatief)
    assert str(graph.value(row, DCTERMS.title)) == "Wijziging van het maatwerkdecreet"
    assert str(graph.value(row, BKG.inhoud)) == "Nieuw kader voor maatwerk"
    assert str(graph.value(row, BKG.datumInwerkingtreding)) == "1 januari 2026"
    assert lines_of(graph, row)[1] == lines_of(graph, row)[0] + 1
    name = "Samenwerking tussen sociale en reguliere economie van 12,5% in 2024."
    (description,) = graph.subjects(RDF.type, BKG.IndicatorBeschrijving)
    assert graph.value(description, BKG.ise) == DUURZAAM
    assert graph.value(description, BKG.doelstelling) == goal_iri(PLAN, "SD", 1)
    (obs,) = graph.subjects(BKG.indicator, indicator_iri(PLAN, name))
    assert (int(graph.value(obs, BKG.jaar)), graph.value(obs, BKG.waarde).toPython()) == (2024, Decimal("12.5"))
