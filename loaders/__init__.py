"""Loaders turn one policy or budget document into RDF triples.

Every document is first put in logical lines by :mod:`.layout`. The registry
of document kinds (:mod:`.kinds`) says which reader recognises it; the reader
parses it into typed records (:mod:`.records`), the per-document stages add
what they find in those records (the measures the text names), and one writer
(:mod:`.writer`) turns the records into the document's graph. Finally
:mod:`.reading` reports what was seen but not read. This package knows nothing
of stores, SHACL or HTTP.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .source import DocumentError, SourceDocument

if TYPE_CHECKING:
    from .kinds import DocumentKind
    from .model import DocumentGraph
    from .records import DocumentRecords


def registered_kinds() -> list[DocumentKind]:
    """The registry of document kinds, its readers imported (so registered) on first use.

    Not at the package's import: the readers (and rdflib) take a tenth of a
    second, which a program that needs only `source`, `prefixes` or `pdf`
    (the CLI's query path) should not pay.
    """
    from . import bbt_opmaak, bbt_uitvoering, beleidsbrief, beleidsnota, schriftelijke_vragen  # noqa: F401 (they register their kinds)
    from .kinds import KINDS

    return KINDS


def __getattr__(name: str) -> Any:
    """The registry and the model's classes, imported on first use (PEP 562)."""
    if name == "KINDS":
        return registered_kinds()
    lazy = {"DocumentKind": "kinds", "DocumentGraph": "model", "DocumentRecords": "records"}
    if name in lazy:
        return getattr(importlib.import_module(f".{lazy[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def logical(doc: SourceDocument) -> SourceDocument:
    """``doc`` in the logical lines every loader reads (see :mod:`.layout`); already-logical documents pass through."""
    from . import layout

    return doc if doc.origin is not None else layout.normalise(doc)


#: The last document recognised and its kind: a build asks for the kind of a folder's file and then loads it.
_last_recognised: tuple[SourceDocument, DocumentKind | None] | None = None


def kind_of(doc: SourceDocument) -> DocumentKind | None:
    """The kind of document ``doc`` is, or None when no registered kind recognises it."""
    global _last_recognised
    doc = logical(doc)
    if _last_recognised is not None and _last_recognised[0] is doc:
        return _last_recognised[1]
    matches = [kind for kind in registered_kinds() if kind.recognise(doc)]
    if len(matches) > 1:
        raise doc.error(f"is recognised as several kinds ({', '.join(k.name for k in matches)}); cannot tell its kind")
    kind = matches[0] if matches else None
    _last_recognised = (doc, kind)
    return kind


def parse(doc: SourceDocument) -> tuple[DocumentKind, DocumentRecords]:
    """Read ``doc`` into records with the reader of its kind; a :class:`DocumentError` if there is none."""
    doc = logical(doc)
    kind = kind_of(doc)
    if kind is None:
        raise doc.error("is not a document kind beleidskg can read (no loader recognises its content)")
    return kind, kind.read(doc)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Reading a document makes some hundred thousand small objects and no garbage cycles (measured: a
    collection after each corpus document finds none); the cycle collector, run again and again over
    them and the graphs already loaded, cost a build a tenth of its time. It runs again once the document is read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(doc: SourceDocument) -> DocumentGraph:
    """The graph of ``doc``: parsed, its kind's stages run on the records (measures), written, and its
    reading report attached."""
    with _without_cycle_collection():
        return _load(doc)


def _load(doc: SourceDocument) -> DocumentGraph:
    from . import reading, writer

    doc = logical(doc)
    kind, parsed = parse(doc)
    for stage in kind.stages:
        parsed.records += stage(parsed)
    dg = writer.write(parsed)
    other_tables = reading.read_other_tables(doc, dg)
    dg.report = reading.report(doc, dg, kind.parts, other_tables, kind.closing_parts)
    reading.write(dg, dg.report)
    return dg


__all__ = [
    "KINDS",
    "DocumentError",
    "DocumentGraph",
    "DocumentKind",
    "SourceDocument",
    "kind_of",
    "load",
    "logical",
    "parse",
    "registered_kinds",
]
