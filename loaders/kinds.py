"""The registry of document kinds beleidskg can read.

A kind is one module that registers a :class:`DocumentKind`: how to recognise
a document of the kind from its content (never its file name), how to read it
into typed records (:mod:`.records`), and what the reading report looks for in
it, and which per-document build stages run on its records. Adding a kind is
one module and one import in :mod:`beleidskg.loaders`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from re import Pattern

from rdflib import URIRef

from . import maatregelen
from .records import DocumentRecords
from .source import SourceDocument

#: A per-document build stage: what it finds in a document's records, as more records.
Stage = Callable[[DocumentRecords], list[object]]
#: The stages a kind runs unless it declares others: the measures its text names (``maatregelen``).
STAGES: tuple[Stage, ...] = (maatregelen.read,)


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its class in the ontology, its recogniser and its reader.

    ``parts`` are the kinds of part the reading report counts as seen and read
    (``reading.DETECTORS``); ``closing_parts`` name the parts that close a
    complete document of the kind, so a cut-off copy says where it ends.
    ``stages`` run on the parsed records, in order, before they are written.
    """

    name: str
    cls: URIRef
    recognise: Callable[[SourceDocument], bool]
    read: Callable[[SourceDocument], DocumentRecords]
    parts: tuple[str, ...] = ()
    closing_parts: Mapping[str, Pattern[str]] = field(default_factory=dict)
    stages: tuple[Stage, ...] = STAGES


KINDS: list[DocumentKind] = []


def register(kind: DocumentKind) -> DocumentKind:
    """Add ``kind`` to the registry (a module does this once, at import)."""
    if any(k.name == kind.name for k in KINDS):
        raise ValueError(f"document kind {kind.name!r} is registered twice")
    KINDS.append(kind)
    return kind
