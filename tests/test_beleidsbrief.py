"""The policy-letter loader on the real Beleidsbrief Sociale Economie 2006-2007 (corpus 003) and on small inline texts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from beleidskg.formats import grouped
from beleidskg.loaders import beleidsbrief, kind_of, load
from beleidskg.loaders.model import DocumentGraph, legislature_of, measure_iri, plan_iri
from beleidskg.loaders.source import SourceDocument
from beleidskg.loaders.text import Line
from beleidskg.loaders.vocab import BKG, ID

#: xsd:decimal, taken from a literal: importing rdflib's XSD namespace here makes pytest's collection warn.
DECIMAL = Literal(Decimal("1")).datatype


@pytest.fixture(scope="module")
def doc(corpus_docs: dict[str, SourceDocument]) -> SourceDocument:
    return corpus_docs["003"]


@pytest.fixture(scope="module")
def loaded(doc: SourceDocument) -> DocumentGraph:
    return load(doc)


@pytest.fixture(scope="module")
def graph(loaded: DocumentGraph) -> Graph:
    return loaded.graph


def lines_of(graph: Graph, node: URIRef) -> tuple[int, int]:
    spans = list(graph.objects(node, BKG.bron))
    assert len(spans) == 1, node
    return int(graph.value(spans[0], BKG.eersteRegel)), int(graph.value(spans[0], BKG.laatsteRegel))


def part(graph: Graph, number: str, parent: str | None = None) -> URIRef:
    """The Beleidsonderdeel numbered ``number`` (under the part numbered ``parent`` for lettered ones)."""
    found = [
        n
        for n in graph.subjects(RDF.type, BKG.Beleidsonderdeel)
        if str(graph.value(n, BKG.nummer)) == number
        and (parent is None or str(graph.value(graph.value(n, BKG.onderdeelVan), BKG.nummer)) == parent)
    ]
    assert len(found) == 1, (number, found)
    return found[0]


def texts(graph: Graph, node: URIRef, prop: URIRef) -> list[URIRef]:
    return sorted(graph.objects(node, prop), key=lambda t: lines_of(graph, t))


def amounts(graph: Graph, measure: str, year: int, row: str | None = None) -> list[URIRef]:
    """The budget amounts of a measure (by name) in a year, in document order."""
    found = [
        a
        for a in graph.subjects(BKG.betreft, measure_iri(measure))
        if (a, RDF.type, BKG.Bedrag) in graph
        and graph.value(a, BKG.jaar).toPython() == year
        and (row is None or str(graph.value(a, BKG.rij)) == row)
    ]
    return sorted(found, key=lambda a: (lines_of(graph, a), int(graph.value(graph.value(a, BKG.regelVan), BKG.volgnummer))))


def value(graph: Graph, node: URIRef, prop: URIRef = BKG.bedrag) -> Decimal:
    return graph.value(node, prop).toPython()


def allocations_of(graph: Graph, amount: URIRef) -> set[str]:
    return {str(graph.value(a, SKOS.notation)) for a in graph.objects(amount, BKG.basisallocatie)}


def amount_of(graph: Graph, measure: str, year: int, amount: str) -> URIRef:
    (node,) = [a for a in amounts(graph, measure, year) if value(graph, a) == Decimal(amount)]
    return node


# -- recognition and document context -------------------------------------------------------------------------------


def test_recognised_from_its_content_and_no_other_corpus_file_is(corpus_docs: dict[str, SourceDocument]) -> None:
    assert {key for key, d in corpus_docs.items() if beleidsbrief.recognise(d)} == {"003"}
    assert kind_of(corpus_docs["003"]) is beleidsbrief.KIND


def test_a_renamed_copy_is_still_recognised(doc: SourceDocument) -> None:
    assert beleidsbrief.recognise(SourceDocument("brief.txt", doc.text))


def test_prose_starting_with_a_section_word_is_not_a_heading() -> None:
    assert beleidsbrief.section_heading("Doel was om innovatie van begeleidingsmethodieken te stimuleren.") is None
    assert beleidsbrief.section_heading("Budget % 2023 % %  Overl. ") is None
    assert beleidsbrief.section_heading(" Beleidsopties en initiatieven: september 2006-september 2007 ") == (
        "Beleidsopties",
        "Beleidsopties en initiatieven: september 2006-september 2007",
        "september 2006-september 2007",
    )
    assert beleidsbrief.section_heading("Budget Sociale werkplaatsen/beschutte werkplaatsen – luik Arbeidszorg")[0] == "Budget"


def test_title_budget_year_and_plan(graph: Graph, loaded: DocumentGraph) -> None:
    assert str(graph.value(loaded.iri, DCTERMS.title)) == "Beleidsbrief Sociale Economie 2006-2007"
    assert (loaded.iri, RDF.type, BKG.Beleidsbrief) in graph
    assert lines_of(graph, loaded.iri) == (83, 83)  # the page header 'Stuk 996 (2006-2007) – Nr. 1 4'
    assert graph.value(loaded.iri, BKG.begrotingsjaar).toPython() == 2007
    plan = plan_iri("Sociale Economie", "2004-2009")
    assert graph.value(loaded.iri, BKG.plan) == plan
    assert str(graph.value(plan, BKG.legislatuur)) == "2004-2009"


def test_filing_names_the_paper_and_the_minister(graph: Graph, loaded: DocumentGraph) -> None:
    (filing,) = graph.subjects(RDF.type, BKG.Indiening)
    assert str(graph.value(filing, BKG.stuknummer)) == "996 (2006-2007) – Nr. 1"
    assert str(graph.value(filing, BKG.indiener)) == "Kathleen VAN BREMPT"
    spans = {
        (int(graph.value(s, BKG.eersteRegel)), int(graph.value(s, BKG.laatsteRegel))) for s in graph.objects(filing, BKG.bron)
    }
    assert spans == {(83, 83), (1684, 1687)}


@pytest.mark.parametrize(
    ("year", "legislature"),
    [(1996, "1995-1999"), (1999, "1995-1999"), (2000, "1999-2004"), (2004, "1999-2004"), (2005, "2004-2009"),
     (2007, "2004-2009"), (2009, "2004-2009"), (2014, "2009-2014"), (2019, "2014-2019"), (2020, "2019-2024"),
     (2023, "2019-2024"), (2024, "2019-2024"), (2026, "2024-2029"), (2030, "2029-2034")],
)  # fmt: skip
def test_legislature_of_before_and_after_2019(year: int, legislature: str) -> None:
    assert legislature_of(year) == legislature


def test_no_legislature_before_the_first_flemish_election() -> None:
    with pytest.raises(ValueError, match="before the first Flemish legislature"):
        legislature_of(1994)


# -- parts: policy lines and instruments -----------------------------------------------------------------------------


def test_policy_lines_are_the_chapters_with_realisations_or_options(graph: Graph) -> None:
    lines = {str(graph.value(n, BKG.nummer)) for n in graph.subjects(RDF.type, BKG.Beleidslijn)}
    # the letter's own words: 'In de volgende drie hoofdstukken gaan we in op de speerpunten van het beleid'
    assert {"2", "3", "4"} <= lines
    assert not {"1", "5", "6", "5.1", "Bijlage 1"} & lines
    assert {"3.1", "3.1.2", "3.1.3", "3.2", "3.3", "3.4"} <= lines
    assert str(graph.value(part(graph, "3.4"), DCTERMS.title)) == "Innovatie als hefboom voor de sociale economie"


def test_a_lettered_heading_below_a_numbered_one_is_its_own_part(graph: Graph) -> None:
    """'3.1.2. MVO bij de overheid' is directly followed by 'a. MVO en lokale overheden' (a lower-case start)."""
    assert str(graph.value(part(graph, "3.1.2"), DCTERMS.title)) == "MVO bij de overheid"
    lettered = part(graph, "a", parent="3.1.2")
    assert str(graph.value(lettered, DCTERMS.title)) == "MVO en lokale overheden"
    assert lines_of(graph, lettered) == (232, 232)
    (realisations,) = texts(graph, lettered, BKG.realisaties)
    assert lines_of(graph, realisations) == (234, 253)
    assert str(graph.value(realisations, BKG.periode)) == "september 2005 - 2006"


def test_the_instruments_are_measures_with_the_shared_identity(graph: Graph) -> None:
    measures = set(graph.subjects(RDF.type, BKG.Maatregel))
    names = ["Invoegbedrijven", "Sociale Werkplaatsen", "Beschutte Werkplaatsen", "Arbeidszorg", "Maatwerkbedrijven",
             "Buurt- en Nabijheidsdiensten", "Ondersteuningsinstrumenten", "Actieplannen"]  # fmt: skip
    assert measures >= {measure_iri(n) for n in names}
    # measures the running text names ('de SINE maatregel', line 802) are read by the shared measure reader
    assert measure_iri("Sociale Inschakelingseconomie") in measures
    assert measure_iri("Buurt- en Nabijheidsdiensten") == ID["maatregel/buurt-en-nabijheidsdiensten"]
    # '5.2. Sociale en Beschutte Werkplaatsen' only groups 5.2.1 and 5.2.2: a part, not a measure
    group = part(graph, "5.2")
    assert graph.value(group, BKG.over) is None
    assert graph.value(part(graph, "5.2.1"), BKG.onderdeelVan) == group


def test_measures_carry_the_abbreviation_of_the_documents_own_list(graph: Graph) -> None:
    assert str(graph.value(measure_iri("Sociale Werkplaatsen"), SKOS.notation)) == "SW"
    assert str(graph.value(measure_iri("Beschutte Werkplaatsen"), SKOS.notation)) == "BW"
    assert graph.value(measure_iri("Invoegbedrijven"), SKOS.notation) is None


def test_a_measure_heading_keeps_its_printed_title_on_the_part(graph: Graph) -> None:
    node = part(graph, "5.5")
    assert graph.value(node, BKG.over) == measure_iri("Buurt- en Nabijheidsdiensten")
    assert str(graph.value(node, DCTERMS.title)) == (
        "Buurt- en Nabijheidsdiensten: op weg naar een decreet voor de lokale diensteneconomie"
    )
    assert graph.value(part(graph, "5.6"), BKG.over) == measure_iri("Ondersteuningsinstrumenten")


def test_sections_of_sociale_werkplaatsen_with_their_lines(graph: Graph) -> None:
    node = part(graph, "5.2.1")
    measure = measure_iri("Sociale Werkplaatsen")
    expected = {BKG.doel: (904, 907), BKG.bereik: (910, 914), BKG.realisaties: (917, 948),
                BKG.beleidsopties: (949, 972), BKG.budget: (975, 992)}  # fmt: skip
    for prop, span in expected.items():
        (text,) = texts(graph, node, prop)
        assert lines_of(graph, text) == span, prop
        assert graph.value(text, BKG.over) == measure
        assert (text, RDF.type, BKG.Beleidstekst) in graph
    (goal,) = texts(graph, node, BKG.doel)
    assert str(graph.value(goal, BKG.inhoud)).startswith("Sociale werkplaatsen zorgen voor werk op maat voor personen")
    (reach,) = texts(graph, node, BKG.bereik)
    assert "2324 VTE gesubsidieerde doelgroepwerknemers (2679 personen)" in str(graph.value(reach, BKG.inhoud))
    (options,) = texts(graph, node, BKG.beleidsopties)
    assert str(graph.value(options, DCTERMS.title)) == "Beleidsopties en initiatieven: september 2006-september 2007"
    assert str(graph.value(options, BKG.periode)) == "september 2006-september 2007"


def test_sections_of_other_instruments(graph: Graph) -> None:
    invoeg = part(graph, "5.1")
    (budget,) = texts(graph, invoeg, BKG.budget)
    assert lines_of(graph, budget) == (890, 898)
    (realisations,) = texts(graph, invoeg, BKG.realisaties)
    assert str(graph.value(realisations, DCTERMS.title)) == "Realisaties: september 2005 - september 2006"
    # Maatwerkbedrijven is still being built: no reach and no budget of its own
    maatwerk = part(graph, "5.4")
    assert texts(graph, maatwerk, BKG.bereik) == [] and texts(graph, maatwerk, BKG.budget) == []
    (goal,) = texts(graph, maatwerk, BKG.doel)
    assert lines_of(graph, goal) == (1166, 1180)
    # Arbeidszorg's budget heading carries a title
    (budget,) = texts(graph, part(graph, "5.3"), BKG.budget)
    assert str(graph.value(budget, DCTERMS.title)) == "Budget Sociale werkplaatsen/beschutte werkplaatsen – luik Arbeidszorg"
    assert lines_of(graph, budget) == (1153, 1163)


def test_section_text_leaves_out_footnotes_and_page_headers(graph: Graph) -> None:
    (options,) = texts(graph, part(graph, "5.5"), BKG.beleidsopties)
    assert lines_of(graph, options) == (1340, 1366)
    text = str(graph.value(options, BKG.inhoud))
    assert "opvanggezinnen" not in text  # footnote 1 (lines 1357-1358) stands in the middle of the options
    assert "Procesevaluatie werkwinkels”. In 2007 staat ook de uitvoering van het actieplan kinderopvang" in text
    # chapter 2's options end before the page header 'Stuk 996 (2006-2007) – Nr. 1 4' (line 83)
    (options,) = texts(graph, part(graph, "2"), BKG.beleidsopties)
    assert lines_of(graph, options) == (68, 81)
    assert "Stuk 996" not in str(graph.value(options, BKG.inhoud))


def test_a_wrapped_annex_title_is_joined(graph: Graph) -> None:
    annex = part(graph, "Bijlage 2")
    assert str(graph.value(annex, DCTERMS.title)) == (
        "Overzicht van de wijze waarop gevolg werd gegeven aan de resoluties en moties van het Vlaamse Parlement"
    )
    assert lines_of(graph, annex) == (1823, 1824)


# -- budgets --------------------------------------------------------------------------------------------------------


def test_every_amount_is_in_euro_a_decimal_and_a_default_credit(graph: Graph) -> None:
    nodes = list(graph.subjects(RDF.type, BKG.Bedrag))
    # Invoegbedrijven 5, Sociale Werkplaatsen 14, Beschutte Werkplaatsen 6, Arbeidszorg 4,
    # Buurt- en Nabijheidsdiensten 9, ondersteuningsinstrumenten 2, actieplannen 8
    assert len(nodes) == 48
    for node in nodes:
        assert graph.value(node, BKG.eenheid) == BKG.Euro
        assert graph.value(node, BKG.bedrag).datatype == DECIMAL
        assert graph.value(node, BKG.kredietsoort) == BKG.VAK
        assert str(graph.value(node, BKG.rij)) in beleidsbrief.ROLES
        assert (graph.value(node, BKG.regelVan), RDF.type, BKG.Begrotingspost) in graph
    assert (None, BKG.eenheid, BKG.DuizendEuro) not in graph


def test_invoegbedrijven_budget(graph: Graph) -> None:
    rows = [(str(graph.value(a, BKG.rij)), value(graph, a)) for a in amounts(graph, "Invoegbedrijven", 2006)]
    assert rows == [("krediet", Decimal("15801000")), ("waarvan", Decimal("2295000")),
                    ("aanvulling", Decimal("2400000")), ("totaal", Decimal("18201000"))]  # fmt: skip
    (credit,) = amounts(graph, "Invoegbedrijven", 2007)
    assert value(graph, credit) == Decimal("15615000")
    assert lines_of(graph, credit) == (896, 896)  # its sentence starts on line 896, after the full stop ending 895
    assert allocations_of(graph, credit) == set()  # the section names no basisallocatie


def test_sociale_werkplaatsen_budget_per_basisallocatie(graph: Graph) -> None:
    measure = "Sociale Werkplaatsen"
    # 'Het beschikbare krediet voor 2007 bedraagt 30.349.000,' -- without 'euro'
    credit = amount_of(graph, measure, 2007, "30349000")
    assert str(graph.value(credit, BKG.rij)) == "krediet" and lines_of(graph, credit) == (984, 985)
    assert allocations_of(graph, credit) == {"52.4 33.07"}
    # '1.017.863 euro vanuit het nieuwe VIA-akkoord' is on the allocation 'voor de VIA-kredieten'
    via = amount_of(graph, measure, 2007, "1017863")
    assert allocations_of(graph, via) == {"52.4 33.08"} and str(graph.value(via, BKG.rij)) == "aanvulling"
    total = amount_of(graph, measure, 2007, "39292863")
    assert allocations_of(graph, total) == {"52.4 33.07", "52.4 33.08"} and lines_of(graph, total) == (987, 987)
    post = graph.value(total, BKG.regelVan)
    assert str(graph.value(post, DCTERMS.description)) == "In totaal geeft dit 39.292.863 euro"
    assert graph.value(post, BKG.over) == measure_iri(measure)
    # 28.288.000 euro includes the 1.602.000 euro of the VIA agreement, so it is on both allocations
    assert allocations_of(graph, amount_of(graph, measure, 2006, "28288000")) == {"52.4 33.07", "52.4 33.08"}
    assert allocations_of(graph, amount_of(graph, measure, 2006, "1602000")) == {"52.4 33.08"}


def test_other_measures_budget_amounts(graph: Graph) -> None:
    credit = amount_of(graph, "Beschutte Werkplaatsen", 2006, "180001000")
    assert allocations_of(graph, credit) == {"52.4 34.04"} and lines_of(graph, credit) == (1071, 1071)
    # the allocation number wraps: 'een aparte basisallocatie, 52.4' / '33.07.'
    extra = amount_of(graph, "Arbeidszorg", 2007, "1700000")
    assert str(graph.value(extra, BKG.rij)) == "aanvulling" and lines_of(graph, extra) == (1157, 1158)
    assert allocations_of(graph, extra) == {"52.4 33.07"}
    childcare = amount_of(graph, "Buurt- en Nabijheidsdiensten", 2007, "8135000")
    assert str(graph.value(childcare, BKG.rij)) == "waarvan" and allocations_of(graph, childcare) == {"52.4 43.02"}
    approx = amount_of(graph, "Ondersteuningsinstrumenten", 2006, "6300000")
    assert "ongeveer 6.300.000 euro" in str(graph.value(graph.value(approx, BKG.regelVan), DCTERMS.description))


@pytest.mark.parametrize(
    ("measure", "year"),
    [("Invoegbedrijven", 2006), ("Sociale Werkplaatsen", 2006), ("Sociale Werkplaatsen", 2007),
     ("Beschutte Werkplaatsen", 2006), ("Beschutte Werkplaatsen", 2007),
     ("Buurt- en Nabijheidsdiensten", 2006), ("Buurt- en Nabijheidsdiensten", 2007)],
)  # fmt: skip
def test_credits_and_increases_add_up_to_the_stated_total(graph: Graph, measure: str, year: int) -> None:
    """The roles read from the wording agree with the letter's own arithmetic."""
    rows = amounts(graph, measure, year)
    added = sum(value(graph, a) for a in rows if str(graph.value(a, BKG.rij)) in ("krediet", "aanvulling"))
    totals = [value(graph, a) for a in rows if str(graph.value(a, BKG.rij)) == "totaal"]
    assert totals and added == totals[-1]


def test_basisallocaties_and_their_history(graph: Graph) -> None:
    current = ID["basisallocatie/52-4-33-07"]
    assert (current, RDF.type, BKG.Basisallocatie) in graph
    assert str(graph.value(current, BKG.code)) == "52.4 33.07"
    mentions = {
        (str(graph.value(m, DCTERMS.title)), str(graph.value(m, BKG.geldigheid)), graph.value(m, BKG.maatregel))
        for m in graph.subjects(RDF.type, BKG.Vermelding)
        if (graph.value(m, BKG.over), RDF.type, BKG.Basisallocatie) in graph
    }
    sw, bw = measure_iri("Sociale Werkplaatsen"), measure_iri("Beschutte Werkplaatsen")
    assert ("41.07", "Tot en met 31 maart 2006", sw) in mentions
    assert ("52.4 33.07", "Vanaf 1 april 2006", sw) in mentions
    assert ("41.5 41.11", "Tot en met 31 maart 2006", bw) in mentions  # 'Pr 41.5 basisallocatie 41.11'
    assert ("52.4 33.07", "Vanaf 1 april 2006", measure_iri("Arbeidszorg")) in mentions
    (via,) = [m for m in graph.subjects(BKG.over, ID["basisallocatie/52-4-33-08"])]
    assert str(graph.value(via, BKG.kredietomschrijving)) == "VIA-kredieten"
    assert lines_of(graph, via) == (991, 991)


def test_amounts_stand_in_their_source_text(graph: Graph, doc: SourceDocument) -> None:
    for node in graph.subjects(RDF.type, BKG.Bedrag):
        first, last = lines_of(graph, node)
        assert grouped(value(graph, node)) in doc.text_of(first, last), node


# -- indicators -----------------------------------------------------------------------------------------------------


def indicator_values(graph: Graph, caption_start: str) -> dict[tuple[str, int], URIRef]:
    (indicator,) = [
        i for i in graph.subjects(RDF.type, BKG.Indicator)
        if any(str(graph.value(d, BKG.benaming)).startswith(caption_start) for d in graph.subjects(BKG.over, i))
    ]  # fmt: skip
    return {
        (str(graph.value(v, BKG.reeks)), graph.value(v, BKG.jaar).toPython()): v for v in graph.subjects(BKG.indicator, indicator)
    }


def test_employment_rate_table(graph: Graph) -> None:
    values = indicator_values(graph, "Evolutie van de werkzaamheidsgraad in de periode 2001-2005")
    flanders = values[("Vlaanderen", 2005)]
    assert value(graph, flanders, BKG.waarde) == Decimal("64.9") and graph.value(flanders, BKG.eenheid) == BKG.Procent
    assert lines_of(graph, flanders) == (1897, 1897)
    assert value(graph, values[("Vlaanderen - vrouwen", 2001)], BKG.waarde) == Decimal("54.5")
    assert value(graph, values[("EU-25", 2003)], BKG.waarde) == Decimal("62.9")
    assert len(values) == 30


def test_groups_table_with_evolutions_in_percentage_points(graph: Graph) -> None:
    values = indicator_values(graph, "Evolutie werkzaamheidsgraad voor een aantal groepen")
    assert value(graph, values[("Allochtonen", 2005)], BKG.waarde) == Decimal("41.9")  # 'Allochtonen**' footnote marker
    change = values[("Allochtonen (Evolutie 2004-2005)", 2005)]
    assert value(graph, change, BKG.waarde) == Decimal("3.4") and graph.value(change, BKG.eenheid) == BKG.Procentpunt
    assert value(graph, values[("15-24 jaar - Mannen (Evolutie 2002-2005)", 2005)], BKG.waarde) == Decimal("-3.2")
    # 'Arbeidsgehandicapten 45,7% n.b. n.b. n.b. - -': one known value
    assert [y for (s, y) in values if s == "Arbeidsgehandicapten"] == [2002]
    # a published evolution is the difference of the two years it spans (the columns are not shifted)
    for (series, _year), node in values.items():
        if series.endswith("(Evolutie 2004-2005)"):
            base = series.removesuffix(" (Evolutie 2004-2005)")
            expected = value(graph, values[(base, 2005)], BKG.waarde) - value(graph, values[(base, 2004)], BKG.waarde)
            assert value(graph, node, BKG.waarde) == expected, series


def test_activation_table_counts_persons_and_joins_wrapped_labels(graph: Graph) -> None:
    values = indicator_values(graph, "Raming van het activeringspercentage")
    label = (
        "Aantal langdurig werklozen dat in de loop van het jaar geactiveerd werd door een opleiding of werk(ervaring) (raming)"
    )
    activated = values[(label, 2005)]
    assert value(graph, activated, BKG.waarde) == Decimal("35598") and graph.value(activated, BKG.eenheid) == BKG.Personen
    assert lines_of(graph, activated) == (2092, 2096)
    assert value(graph, values[("Sociale economie - beschutte werkplaatsen", 2004)], BKG.waarde) == Decimal("758")
    assert value(graph, values[("Sociale economie - loonkostsubsidies voor arbeidsgehandicapten (VIP en CAO26)", 2005)],
                 BKG.waarde) == Decimal("577")  # fmt: skip
    rate = values[("Activeringspercentage", 2005)]
    assert value(graph, rate, BKG.waarde) == Decimal("19.5") and graph.value(rate, BKG.eenheid) == BKG.Procent
    assert not any(s.startswith("waarvan") for s, _ in values)


def test_target_group_table_with_one_value_per_line_and_split_footnote_markers(graph: Graph) -> None:
    values = indicator_values(graph, "Raming van de potentiële doelgroep voor invoegbedrijven en -afdelingen")
    # '102.674**' / '*' / '103.750**' / '*': the '***' marker wraps
    assert value(graph, values[("Totale doelgroep", 2006)], BKG.waarde) == Decimal("103750")
    assert value(graph, values[("Totale doelgroep - ouder dan 50 jaar", 2005)], BKG.waarde) == Decimal("29308")
    group1 = values[("Groep 1: Kort- en middengeschoolde <50 jaar en minstens 1 jaar werkzoekend", 2005)]
    assert value(graph, group1, BKG.waarde) == Decimal("66667") and lines_of(graph, group1) == (2225, 2236)
    # 'minstens 6' / 'maanden werkzoekend': a bare 6 at a line end is part of the label
    assert value(graph, values[("50 jaar of ouder en minstens 6 maanden werkzoekend", 2006)], BKG.waarde) == Decimal("34979")


def test_indicator_captions_and_sources(graph: Graph) -> None:
    descriptions = {str(graph.value(d, BKG.benaming)): d for d in graph.subjects(RDF.type, BKG.IndicatorBeschrijving)}
    caption = "Raming van de potentiële doelgroep voor invoegbedrijven en -afdelingen, 2005-2006 (toestand telkens op 30 juni)"
    assert caption in descriptions  # the caption wraps onto '(toestand telkens op 30 juni)'
    assert len(descriptions) == 4
    source = graph.value(descriptions["Raming van het activeringspercentage, Vlaanderen, 2004-2005"], BKG.gegevensbron)
    assert str(source) == (
        "VDAB, Vlaams Subsidieagentschap voor Werk en Sociale Economie (VSAWSE) (Bewerking Departement Werk en Sociale Economie)"
    )


# -- abbreviations, provenance, determinism -------------------------------------------------------------------------


def test_abbreviations_of_several_words(graph: Graph) -> None:
    entries = {
        str(graph.value(a, SKOS.notation)): str(graph.value(a, SKOS.prefLabel)) for a in graph.subjects(RDF.type, BKG.Afkorting)
    }
    assert len(entries) == 41  # lines 1692-1771 of the list, one entry per line
    assert entries["DKC MVO"] == "Digitaal Kenniscentrum Maatschappelijk Verantwoord Ondernemen"
    assert entries["Steunpunt WAV"] == "Het Steunpunt, Werkgelegenheid, Arbeid en Vorming"
    assert entries["VSA WSE"] == "Vlaams Subsidieagentschap voor Werk en Sociale Economie"
    assert entries["VOSEC"] == "Vlaams Overlegplatform Sociale Economie & Meerwaardeneconomie"
    assert entries["MeMo"] == "Mens- en Milieuvriendelijk Ondernemen"
    assert entries["SW"] == "Sociale Werkplaatsen"


def test_every_span_quotes_its_lines(graph: Graph, doc: SourceDocument) -> None:
    for span in graph.subjects(RDF.type, BKG.Bronfragment):
        first, last = int(graph.value(span, BKG.eersteRegel)), int(graph.value(span, BKG.laatsteRegel))
        assert str(graph.value(span, BKG.tekst)) == doc.text_of(first, last)


def test_loading_twice_gives_the_same_triples(doc: SourceDocument, graph: Graph) -> None:
    again = load(SourceDocument(doc.name, doc.text)).graph
    assert sorted(again.serialize(format="nt").splitlines()) == sorted(graph.serialize(format="nt").splitlines())


# -- small inline texts: the rules, not this one document ------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [("SW", ("Sociale Werkplaatsen", "SW")), ("Sociale werkplaatsen", ("Sociale werkplaatsen", "SW")),
     ("Lokale diensteneconomie (LDE)", ("Lokale diensteneconomie", "LDE")),
     ("De ondersteuningsinstrumenten", ("Ondersteuningsinstrumenten", None)),
     ("Buurt- en Nabijheidsdiensten: op weg naar een decreet", ("Buurt- en Nabijheidsdiensten", None))],
)  # fmt: skip
def test_measure_names_resolve_abbreviations(title: str, expected: tuple[str, str | None]) -> None:
    assert beleidsbrief.measure_name(title, {"SW": "Sociale Werkplaatsen", "BW": "Beschutte Werkplaatsen"}) == expected


def budget_section(*texts: str, first: int = 10) -> beleidsbrief.Section:
    lines = [Line(first + i, t) for i, t in enumerate(texts)]
    return beleidsbrief.Section("Budget", "Budget", None, first - 1, lines[-1].number, lines)


def test_next_years_wording_is_read_by_the_same_rules() -> None:
    section = budget_section(
        "Voor 2008 is er een krediet voorzien van 1.234.000 euro, aangevuld met 100.000 euro vanuit het",
        "Limburgplan en 50.000 euro vanuit het VIA-akkoord. Dit geeft in totaal 1.384.000 euro.",
        "Vanaf 1 januari 2008 staan deze kredieten op basisallocatie 52.4 33.07 voor de gewone kredieten en",
        "52.4 33.08 voor de VIA-kredieten.",
    )
    stated = beleidsbrief.allocations(section)
    assert [(a.code, a.qualifier, a.current) for a in stated] == [
        ("52.4 33.07", "gewone kredieten", True),
        ("52.4 33.08", "VIA-kredieten", True),
    ]
    items = beleidsbrief.budget_items(section, stated)
    assert [(i.value, i.year, i.role, [a.code for a in i.allocations]) for i in items] == [
        (Decimal("1234000"), 2008, "krediet", ["52.4 33.07"]),
        (Decimal("100000"), 2008, "aanvulling", ["52.4 33.07"]),
        (Decimal("50000"), 2008, "aanvulling", ["52.4 33.08"]),
        (Decimal("1384000"), 2008, "totaal", ["52.4 33.07", "52.4 33.08"]),
    ]
    assert (items[0].first, items[0].last) == (10, 11)


def test_years_in_dates_and_million_amounts_are_not_budget_amounts() -> None:
    section = budget_section(
        "Sinds 1 april 2007 geldt een nieuw besluit. Het beschikbare krediet voor 2008 bedraagt 2.000.000",
        "euro; de meerkost werd op 1,7 miljoen euro geraamd.",
    )
    items = beleidsbrief.budget_items(section, [])
    assert [(i.value, i.year, i.role) for i in items] == [(Decimal("2000000"), 2008, "krediet")]


def test_an_unrelated_text_is_not_a_policy_letter() -> None:
    text = "Doel\nEen recept.\nBudget\nTien euro.\nRealisaties\nTaart.\n" * 5
    assert not beleidsbrief.recognise(SourceDocument("taart.txt", text))


def test_the_graph_uses_literal_decimals_for_amounts(graph: Graph) -> None:
    total = amount_of(graph, "Sociale Werkplaatsen", 2006, "35690864")
    assert graph.value(total, BKG.bedrag) == Literal(Decimal("35690864"), datatype=DECIMAL)
