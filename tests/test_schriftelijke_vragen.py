"""The written-answers loader on the real 'Schriftelijke antwoorden' on the BBT Werk en Sociale Economie 2021
(corpus 002) and on small inline layouts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import DCTERMS, PROV, RDF, Graph, URIRef

from beleidskg.loaders import kind_of, load, schriftelijke_vragen
from beleidskg.loaders.model import DocumentGraph, article_iri, plan_iri
from beleidskg.loaders.source import DocumentError, SourceDocument
from beleidskg.loaders.text import Line, join_lines, join_wrapped, normalise_space
from beleidskg.loaders.vocab import BKG, ID

from .layouts import pdftotext_layout, without_blank_lines
from .test_layout import facts

#: Counted by reading the document: 26 question header lines (5, 38, 77, 97, 105, 135, 183, 256,
#: 357, 359, 720, 766, 788, 808, 855, 878, 900, 947, 1037, 1062, 1084, 1207, 1417, 1641, 1804, 1900);
#: 357 'N-VA (Tine van der Vloet)' and 359 'CD&V (Robrecht Bothuyne)' stand one under the other
#: with no text between them and ask one joint question, so 25 questions.
QUESTIONS = 25
#: 23 answers to printed questions (77, 97 and 105 share one) and 12 answers headed by their own
#: title whose question is not printed ('IBO (Individuele beroepsopleiding)', 'Taal en talenplan', ...).
ANSWERS = 35


@pytest.fixture(scope="module")
def doc(corpus_docs: dict[str, SourceDocument]) -> SourceDocument:
    return corpus_docs["002"]


@pytest.fixture(scope="module")
def loaded(doc: SourceDocument) -> DocumentGraph:
    return load(doc)


@pytest.fixture(scope="module")
def graph(loaded: DocumentGraph) -> Graph:
    return loaded.graph


def lines_of(graph: Graph, node: URIRef) -> tuple[int, int]:
    (span,) = graph.objects(node, BKG.bron)
    return int(graph.value(span, BKG.eersteRegel)), int(graph.value(span, BKG.laatsteRegel))


def span_text(graph: Graph, node: URIRef) -> str:
    (span,) = graph.objects(node, BKG.bron)
    return str(graph.value(span, BKG.tekst))


def node_at(graph: Graph, cls: URIRef, first_line: int) -> URIRef:
    (node,) = [n for n in graph.subjects(RDF.type, cls) if lines_of(graph, n)[0] == first_line]
    return node


def names(graph: Graph, node: URIRef, prop: URIRef) -> set[str]:
    return {str(graph.value(agent, BKG.naam)) for agent in graph.objects(node, prop)}


def topic_of(graph: Graph, node: URIRef) -> str | None:
    topic = graph.value(node, BKG.onderwerp)
    return None if topic is None else str(graph.value(topic, DCTERMS.title))


def answers_to(graph: Graph, question: URIRef) -> list[URIRef]:
    return list(graph.subjects(BKG.antwoordOp, question))


def amount_nodes(graph: Graph, node: URIRef) -> dict[str, URIRef]:
    return {str(graph.value(a, BKG.tekst)): a for a in graph.subjects(BKG["in"], node)}


# -- recognition and document context -------------------------------------------------------------------------------


def test_recognised_from_its_content(doc: SourceDocument) -> None:
    assert schriftelijke_vragen.recognise(doc)
    assert kind_of(doc) is schriftelijke_vragen.KIND


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_not_recognised_in_the_other_corpus_documents(corpus_docs: dict[str, SourceDocument], prefix: str) -> None:
    assert not schriftelijke_vragen.recognise(corpus_docs[prefix])


def test_document_title_plan_and_budget_year(loaded: DocumentGraph, graph: Graph) -> None:
    assert (loaded.iri, RDF.type, BKG.SchriftelijkeVragen) in graph
    assert str(graph.value(loaded.iri, DCTERMS.title)) == (
        "Bijlage 1: Schriftelijke antwoorden – Specifieke vragen BBT Werk en Sociale Economie 2021"
    )
    assert lines_of(graph, loaded.iri) == (1, 3)
    # no legislature is stated: 2021 belongs to 2019-2024
    assert graph.value(loaded.iri, BKG.plan) == plan_iri("Werk en Sociale Economie", "2019-2024")
    assert int(graph.value(loaded.iri, BKG.begrotingsjaar)) == 2021


# -- questions ---------------------------------------------------------------------------------------------------------


def test_number_of_questions_and_answers(graph: Graph) -> None:
    assert len(set(graph.subjects(RDF.type, BKG.Vraag))) == QUESTIONS
    assert len(set(graph.subjects(RDF.type, BKG.Antwoord))) == ANSWERS


def test_question_with_party_and_member(graph: Graph) -> None:
    q = node_at(graph, BKG.Vraag, 38)
    assert lines_of(graph, q) == (38, 41)
    assert names(graph, q, BKG.fractie) == {"N-VA"}
    assert names(graph, q, BKG.gesteldDoor) == {"Axel Ronse"}
    assert str(graph.value(q, BKG.vraagsteller)) == "N-VA (Axel Ronse)"
    assert topic_of(graph, q) == "GESCO’s/DAC’ers"
    assert str(graph.value(q, BKG.vraagtekst)) == (
        "Kan de minister een overzicht geven van de verdere te verwachten daling van de uitdovende GESCO en DAC middelen?"
    )


def test_members_and_parties_are_agents(graph: Graph) -> None:
    ronse, nva = ID["persoon/axel-ronse"], ID["fractie/n-va"]
    assert {BKG.Parlementslid, PROV.Agent} <= set(graph.objects(ronse, RDF.type))
    assert {BKG.Fractie, PROV.Agent} <= set(graph.objects(nva, RDF.type))
    assert (ronse, BKG.lidVan, nva) in graph
    assert str(graph.value(ID["persoon/tine-van-der-vloet"], BKG.naam)) == "Tine van der Vloet"
    parties = {str(graph.value(p, BKG.naam)) for p in graph.subjects(RDF.type, BKG.Fractie)}
    assert parties == {"Vlaams Belang", "N-VA", "Open VLD", "SP.A", "CD&V"}


def test_party_only_questions_have_no_member(graph: Graph) -> None:
    first = node_at(graph, BKG.Vraag, 5)  # 'Vlaams Belang' directly above the question, before any topic
    assert names(graph, first, BKG.fractie) == {"Vlaams Belang"}
    assert list(graph.objects(first, BKG.gesteldDoor)) == []
    assert str(graph.value(first, BKG.vraagsteller)) == "Vlaams Belang"
    assert topic_of(graph, first) is None
    written = node_at(graph, BKG.Vraag, 105)  # 'SP.A (schriftelijk)': a note, not a member
    assert names(graph, written, BKG.fractie) == {"SP.A"}
    assert list(graph.objects(written, BKG.gesteldDoor)) == []
    assert str(graph.value(written, BKG.vraagsteller)) == "SP.A (schriftelijk)"
    assert topic_of(graph, written) == "VOP (Vlaamse Ondersteuningspremie)"


def test_joint_question_of_two_members_of_two_parties(graph: Graph) -> None:
    q = node_at(graph, BKG.Vraag, 357)
    assert lines_of(graph, q) == (357, 386)  # the text runs across a page break (line 370)
    assert names(graph, q, BKG.gesteldDoor) == {"Tine van der Vloet", "Robrecht Bothuyne"}
    assert names(graph, q, BKG.fractie) == {"N-VA", "CD&V"}
    assert (ID["persoon/robrecht-bothuyne"], BKG.lidVan, ID["fractie/cd-v"]) in graph
    assert {str(v) for v in graph.objects(q, BKG.vraagsteller)} == {"N-VA (Tine van der Vloet)", "CD&V (Robrecht Bothuyne)"}
    assert "Over welke andere statuten gaat het hier?" in str(graph.value(q, BKG.vraagtekst))
    # after a titled answer ('Taal en talenplan') no heading says which topic the question falls under
    assert topic_of(graph, q) is None


def test_topics_carry_over_to_the_following_questions(graph: Graph) -> None:
    # 'VOP (Vlaamse Ondersteuningspremie)' opens a page (line 74) and heads five questions
    for line in (77, 97, 105, 135, 183):
        assert topic_of(graph, node_at(graph, BKG.Vraag, line)) == "VOP (Vlaamse Ondersteuningspremie)"
    # a bulleted section heading is a topic too, without its bullet
    assert topic_of(graph, node_at(graph, BKG.Vraag, 1084)) == "Specifieke vragen Begroting - Competenties"
    topic = graph.value(node_at(graph, BKG.Vraag, 1084), BKG.onderwerp)
    assert (topic, RDF.type, BKG.Onderwerp) in graph
    assert lines_of(graph, topic) == (1059, 1059)


# -- answers -----------------------------------------------------------------------------------------------------------


def test_every_question_has_one_answer(graph: Graph) -> None:
    for q in graph.subjects(RDF.type, BKG.Vraag):
        assert len(answers_to(graph, q)) == 1, lines_of(graph, q)


def test_answer_follows_the_question_after_the_gap(graph: Graph) -> None:
    (a,) = answers_to(graph, node_at(graph, BKG.Vraag, 5))
    assert lines_of(graph, a) == (20, 30)
    assert str(graph.value(a, BKG.antwoordtekst)).startswith(
        "Er wordt een vraag gesteld bij de uitgaven van de doelgroepvermindering. Het beschikbare krediet voor de "
        "RSZ-doelgroepverminderingen daalt"
    )


def test_one_answer_to_several_questions(graph: Graph) -> None:
    a = node_at(graph, BKG.Antwoord, 115)
    asked = {lines_of(graph, q)[0] for q in graph.objects(a, BKG.antwoordOp)}
    assert asked == {77, 97, 105}


def test_question_ending_at_a_page_foot_is_answered_overleaf(graph: Graph) -> None:
    q = node_at(graph, BKG.Vraag, 900)
    assert lines_of(graph, q) == (900, 912)
    (a,) = answers_to(graph, q)
    assert lines_of(graph, a) == (913, 943)


def test_answer_with_its_own_title_keeps_it(graph: Graph) -> None:
    (a,) = answers_to(graph, node_at(graph, BKG.Vraag, 1641))
    assert lines_of(graph, a) == (1657, 1796)
    assert str(graph.value(a, BKG.antwoordtekst)).startswith("Info over het begeleidingsproject StartSOON - ")


def test_titled_answer_without_printed_question(graph: Graph) -> None:
    a = node_at(graph, BKG.Antwoord, 970)
    assert list(graph.objects(a, BKG.antwoordOp)) == []
    assert topic_of(graph, a) == "Telewerken"
    assert str(graph.value(a, BKG.antwoordtekst)).startswith("Het aanbod om telewerk te ondersteunen")
    untitled = [a for a in graph.subjects(RDF.type, BKG.Antwoord) if graph.value(a, BKG.antwoordOp) is None]
    assert len(untitled) == ANSWERS - 23


def test_headings_printed_alike_are_read_alike(graph: Graph) -> None:
    # 'Maatwerkbedrijven inclusief arbeidszorg' (1128) and 'Lokale diensteneconomie' (1164) both follow a
    # finished sentence and precede a new one; only a whitespace line, which other layouts lose, told them apart
    for line, title, first in (
        (1130, "Maatwerkbedrijven inclusief arbeidszorg", "Het wegvallen"),
        (1166, "Lokale diensteneconomie", "De impact"),
    ):
        a = node_at(graph, BKG.Antwoord, line)
        assert topic_of(graph, a) == title
        assert str(graph.value(a, BKG.antwoordtekst)).startswith(first)


def test_link_targets_at_page_foot_are_not_answer_text(graph: Graph) -> None:
    a = node_at(graph, BKG.Antwoord, 646)
    text = str(graph.value(a, BKG.antwoordtekst))
    assert "(grensmatch.be)" in text
    assert "http://grensmatch.be/" not in text
    assert "Eures-adviseur, de opdracht heeft om Vlaamse werkzoekenden die buiten België" in text


# -- articles and amounts ----------------------------------------------------------------------------------------------


def test_article_codes_named_in_questions(graph: Graph) -> None:
    vop = article_iri("JB0-1JDB2CB-WT")
    assert (node_at(graph, BKG.Vraag, 135), BKG.vermeldtArtikel, vop) in graph
    assert (vop, RDF.type, BKG.Begrotingsartikel) in graph
    assert str(graph.value(vop, BKG.code)) == "JB0-1JDB2CB-WT"
    assert (node_at(graph, BKG.Vraag, 900), BKG.vermeldtArtikel, article_iri("JB0-9JDBAEA-OW")) in graph
    assert (node_at(graph, BKG.Vraag, 1037), BKG.vermeldtArtikel, article_iri("JB0-1JDB2CY-IS")) in graph
    assert len(set(graph.objects(None, BKG.vermeldtArtikel))) == 3


def test_amount_with_a_space_after_the_decimal_comma(graph: Graph) -> None:
    q = node_at(graph, BKG.Vraag, 5)
    amounts = amount_nodes(graph, q)
    slip = amounts["22, 4 miljoen euro"]  # printed '22, 4': read as 22,4
    assert graph.value(slip, BKG.bedrag).toPython() == Decimal("22.4")
    assert graph.value(slip, BKG.eenheid) == BKG.MiljoenEuro
    assert (slip, RDF.type, BKG.GeciteerdBedrag) in graph
    assert lines_of(graph, slip) == (8, 8)
    # '88 ' ends line 6, 'miljoen euro.' starts line 8: cited with both lines
    wrapped = amounts["88 miljoen euro"]
    assert graph.value(wrapped, BKG.bedrag).toPython() == Decimal("88")
    assert lines_of(graph, wrapped) == (6, 8)
    assert set(amounts) == {"88 miljoen euro", "22, 4 miljoen euro", "22,4 miljoen euro"}


def test_amounts_in_thousand_euro_and_euro(graph: Graph) -> None:
    answer = amount_nodes(graph, node_at(graph, BKG.Antwoord, 276))
    total = answer["22.422 keuro"]  # the number ends line 315, the unit is on line 317
    assert graph.value(total, BKG.bedrag).toPython() == Decimal("22422")
    assert graph.value(total, BKG.eenheid) == BKG.DuizendEuro
    assert lines_of(graph, total) == (315, 317)
    assert graph.value(answer["+10.459 keuro"], BKG.bedrag).toPython() == Decimal("10459")
    regie = amount_nodes(graph, node_at(graph, BKG.Antwoord, 536))["2.225.000 euro"]
    assert graph.value(regie, BKG.bedrag).toPython() == Decimal("2225000")
    assert graph.value(regie, BKG.eenheid) == BKG.Euro
    mio = amount_nodes(graph, node_at(graph, BKG.Vraag, 256))["33 mio euro"]
    assert graph.value(mio, BKG.eenheid) == BKG.MiljoenEuro
    assert len(set(graph.subjects(RDF.type, BKG.GeciteerdBedrag))) == 49


def test_every_statement_is_sourced_and_its_span_holds_its_value(graph: Graph) -> None:
    for cls in (BKG.Vraag, BKG.Antwoord, BKG.Onderwerp, BKG.GeciteerdBedrag):
        for node in graph.subjects(RDF.type, cls):
            assert len(list(graph.objects(node, BKG.bron))) == 1
    for node in graph.subjects(RDF.type, BKG.GeciteerdBedrag):
        assert str(graph.value(node, BKG.tekst)) in normalise_space(span_text(graph, node))
    for node in graph.subjects(RDF.type, BKG.Onderwerp):
        assert str(graph.value(node, DCTERMS.title)) in span_text(graph, node)


# -- inline layouts ----------------------------------------------------------------------------------------------------

INLINE = "\n".join(
    [
        "Bijlage 1: Schriftelijke antwoorden – Specifieke vragen ",
        "",
        "BBT Werk en Sociale Economie 2022 ",
        "",
        " ",
        "",
        "Collectief maatwerk ",
        "",
        " ",
        "",
        "Groen (Jan Peeters en Els Janssens) ",
        "",
        "Hoeveel bedraagt het krediet voor collectief maatwerk (JB0-1JEB2HA- ",
        "",
        "WT) in 2022? ",
        "",
        " ",
        "",
        "Het krediet stijgt met -1.174 keuro. ",
        "",
        " ",
        "",
        "Vooruit ",
        "",
        "Waarom daalt het krediet? ",
        "",
        " ",
        "",
        "Het daalt door de index. ",
        "",
        " ",
        "",
        "Werkbaar werk ",
        "",
        "De werkbaarheidscheques blijven. ",
        "",
    ]
)


@pytest.fixture(scope="module")
def inline() -> Graph:
    return load(SourceDocument(name="x.txt", text=INLINE)).graph


def test_inline_recognised() -> None:
    assert schriftelijke_vragen.recognise(SourceDocument(name="x.txt", text=INLINE))


def test_inline_topic_heading_and_multi_member_header(inline: Graph) -> None:
    q = node_at(inline, BKG.Vraag, 11)
    assert topic_of(inline, q) == "Collectief maatwerk"
    assert names(inline, q, BKG.gesteldDoor) == {"Jan Peeters", "Els Janssens"}
    assert names(inline, q, BKG.fractie) == {"Groen"}
    assert (ID["persoon/els-janssens"], BKG.lidVan, ID["fractie/groen"]) in inline
    # the code wraps after its hyphen
    assert (q, BKG.vermeldtArtikel, article_iri("JB0-1JEB2HA-WT")) in inline
    (a,) = answers_to(inline, q)
    (amount,) = amount_nodes(inline, a).values()
    assert inline.value(amount, BKG.bedrag).toPython() == Decimal("-1174")
    assert inline.value(amount, BKG.eenheid) == BKG.DuizendEuro


def test_inline_party_only_header_keeps_its_topic(inline: Graph) -> None:
    q = node_at(inline, BKG.Vraag, 23)
    assert names(inline, q, BKG.fractie) == {"Vooruit"}
    assert list(inline.objects(q, BKG.gesteldDoor)) == []
    assert topic_of(inline, q) == "Collectief maatwerk"
    (a,) = answers_to(inline, q)
    assert str(inline.value(a, BKG.antwoordtekst)) == "Het daalt door de index."


def test_inline_heading_followed_by_text_heads_an_answer_without_question(inline: Graph) -> None:
    a = node_at(inline, BKG.Antwoord, 35)
    assert topic_of(inline, a) == "Werkbaar werk"
    assert list(inline.objects(a, BKG.antwoordOp)) == []
    assert inline.value(node_at(inline, BKG.Onderwerp, 33), DCTERMS.title).toPython() == "Werkbaar werk"


def test_inline_plan_from_the_budget_year() -> None:
    g = load(SourceDocument(name="x.txt", text=INLINE))
    assert g.graph.value(g.iri, BKG.plan) == plan_iri("Werk en Sociale Economie", "2019-2024")


def test_without_the_bbt_line_the_document_is_refused() -> None:
    text = INLINE.replace("BBT Werk en Sociale Economie 2022 ", "Werk ")
    with pytest.raises(DocumentError, match="BBT"):
        schriftelijke_vragen.read(SourceDocument(name="x.txt", text=text))


@pytest.mark.parametrize("layout", [without_blank_lines, pdftotext_layout])
def test_inline_in_other_layouts_gives_the_same_facts(layout) -> None:
    expected = facts(load(SourceDocument(name="x.txt", text=INLINE)))
    assert facts(load(SourceDocument(name="x.txt", text=layout(INLINE)))) == expected


#: Questions without blank lines: where each ends is read from what it says.
ASKED = "\n".join(
    [
        "Bijlage 1: Schriftelijke antwoorden – Specifieke vragen",
        "BBT Werk en Sociale Economie 2022",
        "Groen (Jan Peeters)",
        "Wat wordt bedoeld met volgende passage: “Het krediet stijgt met 5 keuro.",
        "Het daalt nadien.”",
        "Het gaat om een verschuiving tussen twee jaren.",
        "Vooruit",
        "De minister verhoogt het budget.",
        "- Waarom gebeurt dat nu?",
        "- Voor wie is het",
        "VDAB-budget bedoeld?",
        "• Het budget stijgt met 5 keuro;",
        "• de index volgt later.",
        "Vooruit (Els Janssens)",
        "Hoeveel kost dit? (ESR 31.32)",
        "Dit kost 5 keuro.",
        "Groen",
        "Welke plannen zijn er? Hoe wordt",
        "dit georganiseerd?",
        "+ belang van afstemming",
        "Wat de afstemming betreft, die volgt.",
    ]
)


@pytest.mark.parametrize(
    ("header", "question_ends", "answer_starts"),
    [
        (3, "Het daalt nadien.”", "Het gaat om een verschuiving"),  # a question word, closed by a quotation
        (7, "Voor wie is het VDAB-budget bedoeld?", "• Het budget stijgt"),  # points that ask; one that does not
        (14, "Hoeveel kost dit? (ESR 31.32)", "Dit kost 5 keuro."),  # a reference after the question mark
        (17, "+ belang van afstemming", "Wat de afstemming betreft"),  # a '+' point after the question
    ],
)
def test_a_question_ends_once_it_has_asked(header: int, question_ends: str, answer_starts: str) -> None:
    graph = load(SourceDocument(name="x.txt", text=ASKED)).graph
    q = node_at(graph, BKG.Vraag, header)
    assert str(graph.value(q, BKG.vraagtekst)).endswith(question_ends)
    (a,) = answers_to(graph, q)
    assert str(graph.value(a, BKG.antwoordtekst)).startswith(answer_starts)


def test_link_targets_are_addresses_printed_above() -> None:
    lines = [
        "Via de app (grensmatch.be) zoekt de werkgever.",
        "http://grensmatch.be/",  # target: printed above without its scheme
        "https://www.example.be/nieuws/nieuwe-call-",  # a wrapped address is text
        "circulair-werkt",
        "https://www.example.be/nieuws/nieuwe-call-circulair-werkt",  # target, and its repetition
        "https://www.example.be/nieuws/nieuwe-call-circulair-werkt",
        "https://www.example.be/databank",  # text: not printed above
        "Meer info op die pagina.",
        "https://www.example.be/databank",  # target of the line printed above
        "http://grensmatch.be/",  # text: its last target was already given
    ]
    kept = [ln.number for ln in schriftelijke_vragen.text_lines(SourceDocument(name="x.txt", text="\n".join(lines)))]
    assert kept == [1, 3, 4, 7, 8, 10]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Lokale diensteneconomie", True),
        ("De daling van 7,9 miljoen euro op het begrotingsartikel van de", False),  # runs on
        ("Het aanbod houdt de volgende acties in.", False),
        ("• https://www.socialeeconomie.be/alle-oproepen", False),
    ],
)
def test_heading_like(line: str, heading: bool) -> None:
    assert schriftelijke_vragen._heading_like(line) is heading


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("N-VA (Axel Ronse)  ", [("N-VA", ("Axel Ronse",))]),
        ("Vlaams Belang  ", [("Vlaams Belang", ())]),
        ("SP.A (schriftelijk) ", [("SP.A", ())]),
        ("Open VLD (Maurits Vande Reyde) ", [("Open VLD", ("Maurits Vande Reyde",))]),
        ("CD&V (Robrecht Bothuyne), Groen (Els Janssens)", [("CD&V", ("Robrecht Bothuyne",)), ("Groen", ("Els Janssens",))]),
        ("VDAB ", None),
        ("VOP (Vlaamse Ondersteuningspremie) ", None),
        ("Groentjes in de sociale economie", None),
        ("N-VA stelt voor om het krediet te verhogen.", None),
    ],
)
def test_parse_header(line: str, expected: list[tuple[str, tuple[str, ...]]] | None) -> None:
    askers = schriftelijke_vragen.parse_header(line)
    assert (None if askers is None else [(a.party, a.members) for a in askers]) == expected


def test_join_lines_joins_as_join_wrapped_and_finds_the_lines() -> None:
    lines = [Line(6, "dalen met 88 "), Line(8, "miljoen euro. Het RSZ-"), Line(10, "krediet daalt.")]
    joined = join_lines(lines)
    assert joined.text == join_wrapped([ln.text for ln in lines]) == "dalen met 88 miljoen euro. Het RSZ-krediet daalt."
    start = joined.text.index("88")
    assert joined.lines_of(start, start + len("88 miljoen euro")) == (6, 8)
    assert joined.lines_of(joined.text.index("krediet"), len(joined.text)) == (10, 10)
