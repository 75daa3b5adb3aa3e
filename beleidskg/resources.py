"""Where the declarative files live once installed: ontology, shapes, queries, corpus."""

from __future__ import annotations

import importlib
from pathlib import Path


def folder(name: str) -> Path:
    """The folder ``name`` ('ontology', 'shapes', 'queries', 'corpus', 'static') of the installed package.

    Found from the package's ``__file__`` rather than with ``importlib.resources``, whose import
    (tempfile, zipfile, ...) took ~10 ms of every CLI query's start; the package is installed as
    plain folders, so the two agree.
    """
    if name == "static":  # the web interface's files live inside the beleidskg package itself
        return Path(__file__).parent / "static"
    return Path(importlib.import_module(f"beleidskg.{name}").__file__).parent


ONTOLOGY_GRAPH = "https://w3id.org/beleidskg/def"
