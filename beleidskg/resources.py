"""Where the declarative files live once installed: ontology, shapes, queries, corpus."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def folder(name: str) -> Path:
    """The folder ``name`` ('ontology', 'shapes', 'queries', 'corpus') of the installed package."""
    return Path(str(files(f"beleidskg.{name}")))


ONTOLOGY_GRAPH = "https://w3id.org/beleidskg/def"
