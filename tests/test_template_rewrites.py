"""The templates are written for speed (each observation set read once, starting from the bound
subject); the straightforward formulations they replaced, kept in ``fixtures/reference-queries``,
are the specification: both must give exactly the same rows on the corpus.

A template whose meaning changes gets its reference query changed with it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from beleidskg import templates

ALL = templates.load_all()
REFERENCE = Path(__file__).parent / "fixtures" / "reference-queries"


#: Calls beyond the examples, for what a rewrite could get wrong: another kind of subject, other case.
EXTRA: dict[str, list[dict[str, str]]] = {
    "measure-history": [{"measure": m} for m in ("IMW", "individueel maatwerk", "LDE", "Kwalificerend werkplekleren", "VOP")],
    "goal-trace": [{"plan": "2024-2029", "goal": g} for g in ("od 1", "OD 2", "SD 1", "OD 7")],
    "biggest-changes": [{"credit": "vek"}, {"from": "BO", "to": "1e BA-JR", "credit": "VAK"}],
    "claims": [{"document": "004_487494d7f3174438.txt", "status": "onopgelost"}, {"article": "TB0-1THC2UA-WT"}],
    "goal-funding": [{"od": "od 1"}, {"od": "OD 7", "legislature": "2024-2029"}],
    "article-goals": [{"article": "TB0-1THC2UA-WT"}, {"article": "TB0-1THC2UF-WT"}],
    "goal-indicators": [{"goal": "od 4", "legislature": "2024-2029"}, {"goal": "SD 2"}],
    "search": [{"text": "Lokale Diensteneconomie"}, {"text": "sociale economie"}],
    "questions": [{"party": "Vooruit"}, {"article": "JB0-1JDB2AA-WT"}],
    "budget-totals": [{"line": "BA"}, {"level": "programme", "credit": "vek"}],
    "goals": [{"level": "sd"}, {"legislature": "2024-2029", "number": "1"}],
    "goal-articles": [{"od": "od 1", "legislature": "2024-2029"}, {"article": "TB0-1THC2UA-WT"}],
    "execution-rate": [{"credit": "vek"}, {"article": "JB0-1JDB2AA-WT"}],
    "describe": [{"subject": "od 4", "legislature": "2024-2029"}, {"subject": "OD 4"}, {"subject": "tb0-1thc2ua-wt"}],
}


def calls(template: templates.Template) -> list[dict[str, str]]:
    """No parameter (a listing), the required ones, every example parameter one at a time and all at once, the extras."""
    required = template.examples(required_only=True)
    found = [required, template.examples(), *EXTRA.get(template.name, [])]
    found += [required | {name: value} for name, value in template.examples().items()]
    if any(p.required for p in template.params):
        found = [c for c in found if set(required) <= set(c)]
    unique: list[dict[str, str]] = []
    for call in found:
        if call not in unique:
            unique.append(call)
    return unique


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ALL))
def test_a_template_gives_the_rows_of_its_reference_query(db, name: str) -> None:
    template = ALL[name]
    reference = dataclasses.replace(template, body=(REFERENCE / f"{name}.rq").read_text(encoding="utf-8"))
    compared = 0
    for call in calls(template):
        fast = templates.run(db, template, call).rows
        expected = templates.run(db, reference, call).rows
        assert sorted(map(repr, fast)) == sorted(map(repr, expected)), f"{name} {call}"
        compared += len(expected)
    assert compared, f"{name}: no call returns rows on the corpus, so nothing was compared"
