"""A command imports only what it needs, so a query starts quickly (issue 12 part 4).

Not a timed test: it names the modules a query must not load (the loaders,
rdflib, pyshacl, networkx, the web server), which is what made it slow.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from beleidskg.loaders.prefixes import IRIS
from beleidskg.loaders.vocab import PREFIXES

#: Packages a query has no use for, and the readers (the loaders' registry).
HEAVY = ("rdflib", "pyshacl", "networkx", "matplotlib", "starlette", "uvicorn", "asyncio", "pypdfium2")
READERS = ("bbt_opmaak", "bbt_uitvoering", "beleidsbrief", "beleidsnota", "schriftelijke_vragen", "kinds", "writer")

RUN_AND_LIST_MODULES = """
import json, sys
from beleidskg.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_of(*args: str) -> tuple[str, set[str]]:
    """The output of ``beleidskg ARGS`` run in a fresh interpreter, and every module it imported."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST_MODULES, *args], capture_output=True, text=True, check=True)
    return done.stdout, set(json.loads(done.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(
        m for m in modules if m.split(".")[0] in HEAVY or m in {f"beleidskg.loaders.{name}" for name in READERS}
    )


def test_a_template_query_imports_no_loader_rdflib_shacl_networkx_or_server(built_store: Path) -> None:
    out, modules = modules_of(
        "query", "article-amounts", "--store", str(built_store), "--param", "article=TB0-1THC2UA-WT", "--format", "csv"
    )
    assert "TB0-1THC2UA-WT,COLLECTIEF MAATWERK,BA,2025,VAK,598220," in out  # it did run the query
    assert "beleidskg.templates" in modules
    assert heavy(modules) == []


def test_listing_and_sparql_import_none_of_them_either(built_store: Path) -> None:
    out, modules = modules_of("query", "--list")
    assert out.startswith("article-amounts ")
    assert heavy(modules) == []
    out, modules = modules_of("sparql", "ASK { ?s ?p ?o }", "--store", str(built_store))
    assert "true" in out
    assert heavy(modules) == []


def test_a_build_does_import_the_readers() -> None:
    """The check above would pass vacuously if the module names were wrong: a build's imports do contain them."""
    code = "import sys, beleidskg.loaders as l; l.registered_kinds(); import json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert set(heavy(set(json.loads(done.stdout)))) >= {"rdflib", "beleidskg.loaders.bbt_opmaak", "beleidskg.loaders.beleidsnota"}


def test_the_plain_prefixes_are_the_vocabularys_namespaces() -> None:
    assert {name: str(ns) for name, ns in PREFIXES.items()} == IRIS
