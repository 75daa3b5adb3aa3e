"""queries/README.md is generated from the templates; this fails when someone forgot to regenerate it."""

from __future__ import annotations

import pyoxigraph as ox

from beleidskg import docs, resources, templates


def test_queries_readme_is_up_to_date(db: ox.Store) -> None:
    committed = (resources.folder("queries") / "README.md").read_text(encoding="utf-8")
    assert committed == docs.render(db), "queries/README.md is stale: run `beleidskg query-docs --store STORE`"


def test_every_template_is_documented_with_an_example_call(db: ox.Store) -> None:
    text = docs.render(db)
    for name, template in templates.load_all().items():
        assert f"\n## {name}\n" in text
        assert docs.example_call(template) in text
