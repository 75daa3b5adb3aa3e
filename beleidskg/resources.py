"""Where the declarative files live once installed: ontology, shapes, queries, corpus."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def folder(name: str) -> Path:
    """The folder ``name`` ('ontology', 'shapes', 'queries', 'corpus', 'static') of the installed package."""
    if name == "static":  # the web interface's files live inside the beleidskg package itself
        return Path(str(files("beleidskg"))) / "static"
    return Path(str(files(f"beleidskg.{name}")))


ONTOLOGY_GRAPH = "https://w3id.org/beleidskg/def"
