"""One graph across documents and years: the whole corpus built together."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from beleidskg import templates

TEMPLATES = templates.load_all()


def records(db: ox.Store, name: str, **params: str) -> list[dict]:
    return templates.run(db, TEMPLATES[name], params).records()


@pytest.mark.parametrize("od", range(1, 10))
def test_goal_trace_reaches_the_articles_and_amounts_of_every_od_of_the_plan(db: ox.Store, od: int) -> None:
    rows = records(db, "goal-trace", plan="2024-2029", goal=f"OD {od}")
    kinds = {r["kind"] for r in rows}
    assert {"goal", "sd", "article", "amount"} <= kinds
    amounts = [r for r in rows if r["kind"] == "amount"]
    assert all(isinstance(r["amount"], Decimal) and r["source_document"] and r["source_lines"] for r in amounts)


def test_od_4_reaches_collectief_and_individueel_maatwerk_with_their_bo(db: ox.Store) -> None:
    rows = records(db, "goal-trace", plan="2024-2029", goal="OD 4")
    bo = {(r["item"], r["credit"]): r["amount"] for r in rows if r["kind"] == "amount" and r["line"] == "BO"}
    assert {code for code, _ in bo} >= {"TB0-1THC2UF-WT", "TB0-1THC2UG-WT"}


def test_a_goal_is_one_node_with_each_documents_wording(db: ox.Store) -> None:
    goals = [r for r in records(db, "goals", legislature="2024-2029", level="OD") if r["number"] == 2]
    titles = {r["source_document"][:3]: r["title"] for r in goals}
    assert titles["001"].endswith("in het bijzonder in collectief maatwerk")
    assert titles["000"].endswith("in het bijzonder in collectief maatwerk deze legislatuur")
    nodes = templates.select(
        db,
        """PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX bkg: <https://w3id.org/beleidskg/def#>
           SELECT DISTINCT ?g WHERE { ?g skos:notation "OD 2" ; bkg:plan/bkg:legislatuur "2024-2029" }""",
    ).rows
    assert len(nodes) == 1


def test_an_article_code_is_one_node_across_documents(db: ox.Store) -> None:
    # JB0-1JDB2CB-WT (the VOP) is named in a written question (002) and has a section in the 2023 execution report (004)
    rows = templates.select(
        db,
        """PREFIX bkg: <https://w3id.org/beleidskg/def#>
           SELECT DISTINCT ?art ?file WHERE {
             ?art bkg:code "JB0-1JDB2CB-WT" .
             { ?q bkg:vermeldtArtikel ?art ; bkg:bron/bkg:document/bkg:bestandsnaam ?file }
             UNION { ?m bkg:over ?art ; bkg:bron/bkg:document/bkg:bestandsnaam ?file } }""",
    ).rows
    assert len({art for art, _ in rows}) == 1
    assert {file[:3] for _, file in rows} == {"002", "004"}


def test_every_question_is_listed_with_its_party(db: ox.Store) -> None:
    rows = records(db, "questions")
    assert len({(r["source_document"], r["source_lines"]) for r in rows}) == 25
    assert all(r["party"] for r in rows)
    assert {(r["party"], r["member"]) for r in rows if r["source_lines"] == "38-41"} == {("N-VA", "Axel Ronse")}
    assert {(r["party"], r["member"]) for r in rows if r["source_lines"] == "105-111"} == {("SP.A", None)}


def test_the_collectief_maatwerk_article_of_2023_is_succeeded_by_that_of_2026(db: ox.Store) -> None:
    rows = records(db, "lineage", code="TB0-1THC2UA-WT")
    link = next(r for r in rows if r["from"] == "JB0-1JEB2HA-WT")
    assert (link["from_year"], link["to"], link["to_year"]) == (2023, "TB0-1THC2UA-WT", 2026)
    assert "same title" in link["evidence"] and "004_487494d7f3174438.txt" in link["evidence"]
    assert link["confidence"] == Decimal("0.95")
