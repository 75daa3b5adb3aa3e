"""Goals and OD-article links in every wording the documents use, read from the real corpus.

The counts below are a hand reading of the 2026 BBT (000), the Beleidsnota 2024-2029 (001) and the 2023
execution BBT (004): every SD/OD heading, every footnote and sentence stating an OD-article link, and every
footnote under a goal that cites another goal. The specific statements asserted are the ones the loaders
missed before they read these wordings.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import RDF, SKOS, Graph, URIRef

from beleidskg import build, store, templates
from beleidskg.loaders import load, parse, records
from beleidskg.loaders.goals import od_heading, parent_sd, sd_heading
from beleidskg.loaders.model import goal_iri, plan_iri
from beleidskg.loaders.source import SourceDocument
from beleidskg.loaders.vocab import BKG

SE_2024 = plan_iri("Sociale Economie", "2024-2029")
WSE_2019 = plan_iri("Werk en Sociale Economie", "2019-2024")


@pytest.fixture(scope="module")
def graphs(corpus_docs: dict[str, SourceDocument]) -> dict[str, Graph]:
    return {prefix: load(corpus_docs[prefix]).graph for prefix in ("000", "001", "004")}


def lines(g: Graph, node: URIRef) -> tuple[int, int]:
    span = g.value(node, BKG.bron)
    return int(g.value(span, BKG.eersteRegel)), int(g.value(span, BKG.laatsteRegel))


def links(g: Graph) -> dict[tuple[str, str, str, tuple[int, int]], str | None]:
    """(OD, article code, stated by, lines) -> the quoted title, for every link statement."""
    found = {}
    for node in g.subjects(RDF.type, BKG.Koppeling):
        od = str(g.value(g.value(node, BKG.doelstelling), SKOS.notation))
        code = str(g.value(g.value(node, BKG.artikel), BKG.code))
        by = "od" if g.value(node, BKG.gesteldBij) == BKG.GesteldBijDoelstelling else "article"
        title = g.value(node, BKG.geciteerdeTitel)
        found[(od, code, by, lines(g, node))] = str(title) if title is not None else None
    return found


def references(g: Graph) -> dict[tuple[URIRef, URIRef, tuple[int, int]], str | None]:
    """(goal whose text holds it, goal cited, lines) -> the cited title, for every cross-reference."""
    found = {}
    for node in g.subjects(RDF.type, BKG.Verwijzing):
        title = g.value(node, BKG.geciteerdeTitel)
        key = (g.value(node, BKG.over), g.value(node, BKG.doelstelling), lines(g, node))
        found[key] = str(title) if title is not None else None
    return found


def goals(g: Graph) -> set[str]:
    return {str(g.value(goal, SKOS.notation)) for goal in g.subjects(BKG.nummer, None) if (goal, BKG.plan, None) in g}


# -- the hand reading: counts --------------------------------------------------------------------------------------


def test_every_goal_heading_of_the_three_documents_is_read(graphs: dict[str, Graph]) -> None:
    assert len(goals(graphs["000"])) == 11  # SD 1-2, OD 1-9
    assert len(goals(graphs["001"])) == 11
    assert goals(graphs["004"]) == {"SD 1", "SD 2", "SD 3"} | {f"OD {n}" for n in range(1, 19)}


def test_every_link_statement_of_the_two_bbts_is_read_and_no_other(graphs: dict[str, Graph]) -> None:
    for prefix, under_od, in_article in (("000", 12, 12), ("004", 34, 42)):
        stated = links(graphs[prefix])
        assert sum(1 for (_, _, by, _) in stated if by == "od") == under_od, prefix
        assert sum(1 for (_, _, by, _) in stated if by == "article") == in_article, prefix


def test_every_goal_cross_reference_in_a_footnote_under_a_goal_is_read(graphs: dict[str, Graph]) -> None:
    assert len(references(graphs["000"])) == 2
    assert len(references(graphs["004"])) == 13
    assert references(graphs["001"]) == {}


# -- the statements missed before ----------------------------------------------------------------------------------


def test_a_footnote_citing_another_od_and_then_an_article_states_both(graphs: dict[str, Graph]) -> None:
    """004:3700-3704, footnotes 30 and 32 under OD 8: 'Zie ook OD 10 <title>, / Zie ook begroting: onder CODE'."""
    g = graphs["004"]
    stated = links(g)
    assert ("OD 8", "JB0-1JDB2AA-WT", "od", (3700, 3701)) in stated
    assert ("OD 8", "JB0-1JDB2AD-WT", "od", (3703, 3704)) in stated
    od8, od10, od11 = (goal_iri(WSE_2019, "OD", n) for n in (8, 10, 11))
    refs = references(g)
    assert refs[(od8, od10, (3700, 3701))] == "Het werkgelegenheidsbeleid onderbouwen met data en wetenschappelijke inzichten"
    assert refs[(od8, od11, (3702, 3702))] == "Het werkgelegenheidsbeleid versterken met Europese fondsen"
    assert refs[(od8, od11, (3703, 3704))] == "Het werkgelegenheidsbeleid versterken met Europese fondsen"


def test_operationele_doelstelling_in_full_with_te_realiseren_and_a_wrapped_number(graphs: dict[str, Graph]) -> None:
    """004:3994-3995 'operationele doelstelling' / '8 te realiseren: ‘...’'; 004:6247 '... 15 te realiseren: ‘...’'."""
    stated = links(graphs["004"])
    assert stated[("OD 8", "JB0-1JDB2IB-WT", "article", (3994, 3995))] == (
        "Transities en transformaties op de arbeidsmarkt ondersteunen"
    )
    assert stated[("OD 15", "JB0-1JFB2FC-WT", "article", (6247, 6248))] == (
        "Levenslang leren stimuleren en nieuwe leerwegen verkennen"
    )


def test_a_paragraph_preamble_links_every_article_of_its_paragraph(graphs: dict[str, Graph]) -> None:
    """004:3058-3060 'De ontvangstenartikelen in deze paragraaf ... kaderen bijgevolg binnen operationele doelstelling 6'."""
    stated = links(graphs["004"])
    in_preamble = {code for (od, code, by, span) in stated if span == (3059, 3060)}
    assert in_preamble == {"JB0-9JDBAEA-OP", "JB0-9JDBAEA-OW", "JB0-9JDBAEA-WT"}
    assert all(od == "OD 6" and by == "article" for (od, _, by, span) in stated if span == (3059, 3060))


def test_a_footnote_in_an_article_section_citing_an_od_is_a_link_stated_by_the_article(graphs: dict[str, Graph]) -> None:
    """004:6283 '(zie hoger53)' in JB0-1JFB2FC-WT's section, footnote 53 'OD 15: <title> – Luik ...' (6302)."""
    stated = links(graphs["004"])
    assert stated[("OD 15", "JB0-1JFB2FC-WT", "article", (6302, 6302))] == (
        "Levenslang leren stimuleren en nieuwe leerwegen verkennen"
    )


def test_cross_references_keep_their_wrapped_title_and_never_take_in_body_text(graphs: dict[str, Graph]) -> None:
    refs = references(graphs["000"])
    # 000:437-439 'Zie ook OD5 ... voor personen met' / (blank) / 'een arbeidsbeperking', marker in OD 2 (371)
    od2, od5 = goal_iri(SE_2024, "OD", 2), goal_iri(SE_2024, "OD", 5)
    assert refs[(od2, od5, (437, 439))] == (
        "Samen met de minister van Werk versnellen we het proces van indicering voor personen met een arbeidsbeperking"
    )
    refs = references(graphs["004"])
    # 004:5812 footnote 49 '... - luik ‘...’', followed by the body's bullet ' - VDAB heeft ...'
    assert refs[(goal_iri(WSE_2019, "OD", 14), goal_iri(WSE_2019, "OD", 7), (5812, 5812))] == (
        "Loopbaantransities faciliteren en omkaderen"
    )
    # 004:7598-7599 footnote 61 'OD 2 <title>' / '– De samenwerking ...': the part is not the title
    assert refs[(goal_iri(WSE_2019, "OD", 18), goal_iri(WSE_2019, "OD", 2), (7598, 7599))] == (
        "Alle arbeidspotentieel benutten met een focus op kwetsbare groepen en niet-beroepsactieven"
    )
    # 004:6670 footnote 55 'SD 1 Meer mensen aan het werk', marker in OD 16's text (6629)
    assert refs[(goal_iri(WSE_2019, "OD", 16), goal_iri(WSE_2019, "SD", 1), (6670, 6670))] == "Meer mensen aan het werk"


def test_a_cross_reference_citing_a_shortened_title_is_no_finding(db: ox.Store) -> None:
    """The rule geciteerde-titel checks cross-references as it checks links, but footnote 30 ('Zie ook OD 10 Het
    werkgelegenheidsbeleid onderbouwen met data en wetenschappelijke inzichten,') only cuts OD 10's title short."""
    rows = templates.run(db, templates.load_all()["consistency"], {"rule": "geciteerde-titel"}).records()
    assert not any(r["source_lines"] == "3700-3701" and "OD 10" in r["message"] for r in rows)
    assert any(r["source_lines"] == "5112-5113" for r in rows)  # a quote that differs still is one


# -- wordings of headings ------------------------------------------------------------------------------------------


def test_heading_wordings() -> None:
    assert od_heading("OD 4: We zetten volop in") == od_heading("OD 4. We zetten volop in")
    assert od_heading("OD 4 - We zetten volop in") == od_heading("Operationele doelstelling 4: We zetten volop in")
    assert od_heading("1.1. OD Het activeringsbeleid versterken").number == "1.1"
    assert parent_sd(od_heading("2.3 OD Sociaal ondernemerschap ondersteunen").number) == "2"
    assert sd_heading("1. SD Meer mensen aan het werk").number == "1"
    # a section number before a numbered heading is the section's, not the goal's
    assert od_heading("1.2. OD 4: We zetten volop in").number == "4"
    assert sd_heading("2. SD 3: Veerkrachtige ondernemingen").number == "3"
    assert sd_heading("2. Strategische doelstelling: Sterkere loopbanen").number == "2"
    # running text, a citation, a section heading and a footnote are not headings
    for line in (
        "OD 17 erop gericht is",
        "OD 5 'Talent van buiten Vlaanderen’",
        "1.2 Operationele doelstellingen",
        "12 OD 1: Het activeringsbeleid",
        "1 SD 1 Meer mensen aan het werk",
        "OD 1.000 plaatsen",
    ):
        assert od_heading(line) is None and sd_heading(line) is None, line


def reworded(doc: SourceDocument, rewrite) -> SourceDocument:
    """The document with each 'OD n: title' heading line rewritten by ``rewrite(indent, n, title, sd)``."""
    out, sd = [], None
    for line in doc.lines:
        if m := re.match(r"^\s*(\d)\.1\.\s+Strategische doelstelling", line):
            sd, count = m.group(1), 0
        if m := re.match(r"^(\s*)OD (\d+): (.*)$", line):
            count += 1
            line = rewrite(m.group(1), int(m.group(2)), m.group(3), f"{sd}.{count}")
        out.append(line)
    return SourceDocument(doc.name, "\n".join(out))


def test_od_headings_worded_with_a_full_stop_a_dash_or_in_full_give_the_same_goals_and_links(
    corpus_docs: dict[str, SourceDocument], graphs: dict[str, Graph]
) -> None:
    styles = ("OD {n}. {t}", "OD {n} - {t}", "OD {n} – {t}", "Operationele doelstelling {n}: {t}")
    doc = reworded(corpus_docs["000"], lambda i, n, t, _: i + styles[n % len(styles)].format(n=n, t=t))
    g = load(doc).graph
    assert goals(g) == goals(graphs["000"])
    assert links(g) == links(graphs["000"])


def test_older_numbering_under_the_sd_reads_od_1_1(corpus_docs: dict[str, SourceDocument]) -> None:
    """'1.1. OD <title>' (and '2.1 OD <title>'): OD 1 of SD 1, cited as 'OD 1.1', under that SD."""
    doc = reworded(corpus_docs["000"], lambda i, n, t, number: f"{i}{number}{'.' if n % 2 else ''} OD {t}")
    g = load(doc).graph
    assert {s for s in goals(g) if s.startswith("OD")} == {f"OD 1.{k}" for k in range(1, 7)} | {"OD 2.1", "OD 2.2", "OD 2.3"}
    od = goal_iri(SE_2024, "OD", "2.1")
    assert (od, BKG.nummer, None) in g and int(g.value(od, BKG.nummer)) == 1
    mention = next(g.subjects(BKG.over, od))
    assert g.value(mention, BKG.strategischeDoelstelling) == goal_iri(SE_2024, "SD", 2)
    # the footnote under the first OD still names its article
    assert ("OD 1.1", "TB0-1THC2UA-WT", "od", (357, 359)) in links(g)


BELEIDSNOTA_2014 = """Beleidsnota 2014-2019
Werk

I. BELEIDSVELD WERK

ISE: Activering

1. SD Meer mensen aan het werk

We willen dat meer mensen aan de slag gaan.

1.1. OD Het activeringsbeleid versterken en elke werkzoekende een aanbod op maat bieden

Iedere werkzoekende krijgt binnen de vier weken een aanbod.

1.2 OD Talent van buiten Vlaanderen aantrekken

We maken het eenvoudiger om hier te komen werken.

ISE: Loopbanen

2. Strategische doelstelling: Sterkere loopbanen binnen een stimulerend leerklimaat

2.1. OD Loopbaantransities faciliteren en omkaderen

Loopbaanbegeleiding blijft toegankelijk voor iedereen.
"""


def test_a_beleidsnota_numbering_ods_under_their_sd() -> None:
    g = load(SourceDocument("beleidsnota-werk-2014.txt", BELEIDSNOTA_2014)).graph
    plan = plan_iri("Werk", "2014-2019")
    assert goals(g) == {"SD 1", "SD 2", "OD 1.1", "OD 1.2", "OD 2.1"}
    titles = {
        str(g.value(m, BKG.over)): str(g.value(m, URIRef("http://purl.org/dc/terms/title")))
        for m in g.subjects(RDF.type, BKG.Vermelding)
    }
    assert titles[str(goal_iri(plan, "OD", "1.2"))] == "Talent van buiten Vlaanderen aantrekken"
    assert titles[str(goal_iri(plan, "SD", 2))] == "Sterkere loopbanen binnen een stimulerend leerklimaat"
    parent = {g.value(m, BKG.over): g.value(m, BKG.strategischeDoelstelling) for m in g.subjects(RDF.type, BKG.Vermelding)}
    assert parent[goal_iri(plan, "OD", "2.1")] == goal_iri(plan, "SD", 2)
    assert parent[goal_iri(plan, "OD", "1.1")] == goal_iri(plan, "SD", 1)


def test_the_goals_template_shows_the_printed_number(tmp_path) -> None:
    """Two ODs numbered 1 under different SDs are 'OD 1.1' and 'OD 2.1', not two rows numbered 1."""
    path = tmp_path / "beleidsnota-werk-2014.txt"
    path.write_text(BELEIDSNOTA_2014, encoding="utf-8")
    build.build([path], tmp_path / "store")
    with store.opened(tmp_path / "store") as db:
        rows = templates.run(db, templates.load_all()["goals"], {"level": "OD"}).records()
        assert [str(r["number"]) for r in rows] == ["1.1", "1.2", "2.1"]
        rows = templates.run(db, templates.load_all()["goals"], {"level": "OD", "number": "1"}).records()
        assert [str(r["number"]) for r in rows] == ["1.1", "2.1"]


def _quoted_links(text: str) -> dict[tuple[str, tuple[int, int]], str | None]:
    """(OD, lines) -> the quoted title of each link an article section states, in a parsed copy of a document."""
    _, parsed = parse(SourceDocument(name="004.txt", text=text))
    return {(g.od, g.span): g.quoted_title for g in parsed.of(records.GoalLink) if g.stated_by == "article"}


def test_a_quote_closed_a_word_early_quotes_the_whole_title_when_the_words_after_it_complete_the_heading(
    corpus_docs: dict[str, SourceDocument],
) -> None:
    # 004:1773-1774 "onder OD 5 'Talent van / buiten Vlaanderen’ aantrekken.": OD 5 is headed 'Talent van buiten
    # Vlaanderen aantrekken' (1476); the closing mark stands one word early, the title is the heading's
    text = corpus_docs["004"].text
    assert _quoted_links(text)[("5", (1773, 1774))] == "Talent van buiten Vlaanderen aantrekken"
    # words after the quote that do not complete the heading stay outside it (a verb at the end of the clause)
    lines = text.split("\n")
    assert lines[1773].startswith("buiten Vlaanderen’ aantrekken.")
    lines[1773] = lines[1773].replace("aantrekken.", "ingezet.")
    assert _quoted_links("\n".join(lines))[("5", (1773, 1774))] == "Talent van buiten Vlaanderen"
