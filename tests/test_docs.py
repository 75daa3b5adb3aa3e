"""queries/README.md is generated from the templates; this fails when someone forgot to regenerate it."""

from __future__ import annotations

import pyoxigraph as ox

from beleidskg import docs, resources, templates


def test_queries_readme_is_up_to_date_and_documents_every_template_with_an_example_call(db: ox.Store) -> None:
    text = docs.render(db)  # runs every template: once for both checks
    committed = (resources.folder("queries") / "README.md").read_text(encoding="utf-8")
    assert committed == text, "queries/README.md is stale: run `beleidskg query-docs --store STORE`"
    for name, template in templates.load_all().items():
        assert f"\n## {name}\n" in text
        assert docs.example_call(template) in text
