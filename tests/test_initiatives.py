"""The one reader of the annex 'Overzicht beleids- en regelgevingsinitiatieven', on each layout the corpus prints it in."""

from __future__ import annotations

import pytest

from beleidskg.loaders import initiatives, logical
from beleidskg.loaders.source import SourceDocument


@pytest.fixture(scope="module")
def docs(corpus_docs: dict[str, SourceDocument]) -> dict[str, SourceDocument]:
    return {key: logical(doc) for key, doc in corpus_docs.items()}


def read(doc: SourceDocument) -> list:
    annex = initiatives.annex(doc)
    assert annex is not None
    return initiatives.read(doc, *annex)


def test_the_draft_budget_prints_a_table_whose_cells_run_together(docs: dict[str, SourceDocument]) -> None:
    rows = read(docs["000"])
    # numbered as printed (the document skips 5); the title is what the first line of the row holds
    assert [(row.number, row.title) for row in rows] == [
        ("1", "Financiering lokale besturen Decreet"),
        ("2", "Decreet van 22 maart 2024"),
        ("3", "Besluit tot wijziging van"),
        ("4", "Optimalisatie collectief"),
        ("6", "Versterking werk- en"),
    ]
    assert [dict(row.fields).get("datumInwerkingtreding") for row in rows] == [
        "01/01/2026",
        "01/01/2026",
        "01/01/2026",
        "01/04/2028",
        None,
    ]
    fields = dict(rows[0].fields)
    assert fields["inhoud"].startswith("1. Financiering lokale besturen Decreet (programma")


def test_the_policy_plan_prints_a_tab_table_under_its_entity(docs: dict[str, SourceDocument]) -> None:
    rows = read(docs["001"])
    assert [(row.number, row.title) for row in rows] == [
        ("1", "Diverse uitvoeringsbepalingen bij het Ondersteuningsdecreet SE"),
        ("2", "Optimalisatie CMW"),
    ]
    fields = dict(rows[0].fields)
    assert fields["entiteit"] == "Departement Werk en Sociale Economie"
    assert fields["aard"] == "BVR"
    assert fields["planning"] == "nog te bepalen"


def test_the_execution_report_prints_a_list_of_titles_by_kind(docs: dict[str, SourceDocument]) -> None:
    rows = read(docs["004"])
    assert len(rows) == 45
    assert rows[0].title.startswith("Decreet van 17 februari 2023 over de sectorconvenants en de intersecto")
    assert rows[0].span[1] == rows[0].span[0] + 1, "a title wrapped over two lines"
    assert dict(rows[0].fields) == {"aard": "Decreten"}
    assert dict(rows[-1].fields) == {"aard": "Besluiten Vlaamse Regering"}


def test_documents_without_the_annex(docs: dict[str, SourceDocument]) -> None:
    assert initiatives.annex(docs["002"]) is None
    assert initiatives.annex(docs["003"]) is None
