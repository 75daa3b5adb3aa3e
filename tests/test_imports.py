"""A command imports only what it needs, so a query starts quickly (issue 12 part 4: a CLI query at 1x in < 300 ms wall).

Not a timed test (``benchmarks/bench.py`` prints the wall times): it names the
modules the reading commands (query, sparql, stats, --help) must not load, which
is what made them slow: the loaders and rdflib, pyshacl, networkx, the web server
and the worker pool with its protocol layer, and the standard modules only those
need. Each command runs in a fresh interpreter, which lists what it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from beleidskg import templates
from beleidskg.loaders.prefixes import IRIS
from beleidskg.loaders.vocab import PREFIXES

#: Packages a reading command has no use for: the readers' and validator's RDF stack, graphs, pictures, the web server,
#: PDFs; and standard modules only a build, the server or an export needs (OpenSSL's hashes, thread pools,
#: importlib.resources with its tempfile and zipfile).
HEAVY = (
    "rdflib",
    "pyshacl",
    "networkx",
    "matplotlib",
    "starlette",
    "uvicorn",
    "asyncio",
    "pypdfium2",
    "hashlib",
    "concurrent",
    "multiprocessing",
    "secrets",
    "tempfile",
    "zipfile",
)
#: Modules of this package a reading command does not import: the loaders (all of them, with the readers' registry),
#: building, validation, the worker pool and its HTTP protocol layer, the server, the SPARQL client, lineage, views.
OWN = (
    "beleidskg.loaders",
    "beleidskg.build",
    "beleidskg.validate",
    "beleidskg.workers",
    "beleidskg.protocol",
    "beleidskg.serve",
    "beleidskg.web",
    "beleidskg.linked",
    "beleidskg.remote",
    "beleidskg.lineage",
    "beleidskg.views",
    "importlib.resources",
)

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
    """The modules of ``modules`` a reading command should not have imported."""
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or any(m == own or m.startswith(own + ".") for own in OWN))


def test_a_template_query_imports_no_loader_rdflib_shacl_networkx_or_server(built_store: Path) -> None:
    out, modules = modules_of(
        "query", "article-amounts", "--store", str(built_store), "--param", "article=TB0-1THC2UA-WT", "--format", "csv"
    )
    assert "TB0-1THC2UA-WT,COLLECTIEF MAATWERK,BA,2025,VAK,598220," in out  # it did run the query
    assert {"beleidskg.templates", "beleidskg.store", "pyoxigraph"} <= modules
    assert heavy(modules) == []


@pytest.mark.parametrize("name", ["budget-totals", "claims", "goal-trace"])
def test_other_templates_import_none_of_them_either(built_store: Path, name: str) -> None:
    """A whole-graph aggregate, a listing with the documents' text, a template with required parameters."""
    template = templates.load(name)
    params = [arg for key, value in template.examples(required_only=True).items() for arg in ("--param", f"{key}={value}")]
    out, modules = modules_of("query", name, "--store", str(built_store), "--format", "csv", *params)
    assert out.splitlines()[0] == ",".join(template.columns)
    assert len(out.splitlines()) > 1
    assert heavy(modules) == []


def test_listing_sparql_stats_and_help_import_none_of_them_either(built_store: Path) -> None:
    out, modules = modules_of("query", "--list")
    assert out.startswith("article-amounts ")
    assert heavy(modules) == []
    out, modules = modules_of("sparql", "ASK { ?s ?p ?o }", "--store", str(built_store))
    assert "true" in out
    assert heavy(modules) == []
    out, modules = modules_of("stats", "--store", str(built_store))
    assert "000_6c00ca9f9d739731.txt" in out and "bkg:Bedrag" in out
    assert heavy(modules) == []
    out, modules = modules_of("--help")
    assert "Commands:" in out and "query" in out
    assert heavy(modules) == []


def test_a_query_reads_only_its_templates_header() -> None:
    """``templates.load`` reads one file: the template of that name, as ``load_all`` has it; any other name is refused."""
    assert templates.load("goal-trace") == templates.load_all()["goal-trace"]
    for name in ("no-such-template", "../queries/goal-trace", ""):
        with pytest.raises(templates.TemplateError, match="no template named"):
            templates.load(name)


def test_an_error_is_still_one_line(built_store: Path, tmp_path: Path) -> None:
    """The CLI imports the loaders' error class only to report one: a document error is still a one-line error."""
    missing = tmp_path / "missing.rq"
    done = subprocess.run(
        [sys.executable, "-m", "beleidskg.cli", "sparql", "ASK { ?s ?p ?o }", "--store", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "no beleidskg store here" in done.stderr
    build = [sys.executable, "-m", "beleidskg.cli", "build", str(missing), "--store", str(tmp_path / "s")]
    done = subprocess.run(build, capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr == f"error: {missing}: no such file\n"


def test_a_build_does_import_the_readers() -> None:
    """The check above would pass vacuously if the module names were wrong: a build's imports do contain them."""
    code = "import sys, beleidskg.loaders as l; l.registered_kinds(); import json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert set(heavy(set(json.loads(done.stdout)))) >= {"rdflib", "beleidskg.loaders.bbt_opmaak", "beleidskg.loaders.beleidsnota"}


def test_the_plain_prefixes_are_the_vocabularys_namespaces() -> None:
    assert {name: str(ns) for name, ns in PREFIXES.items()} == IRIS
