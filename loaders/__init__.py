"""Loaders turn one policy or budget document into RDF triples.

Each loader module exposes ``KIND`` (its ``bkg:Document`` subclass),
``recognise(doc) -> bool`` (decided from the content, never the file name),
``load(doc) -> DocumentGraph``, ``PARTS`` (the kinds of part the reading report
looks for, see :mod:`.reading`) and ``CLOSING_PARTS`` (the parts that close a
complete document of the kind). Every document is first put in logical lines by
:mod:`.layout`, and after loading, :mod:`.reading` reports what was not read. This package knows nothing of stores, SHACL or HTTP.
"""

from __future__ import annotations

from types import ModuleType

from . import bbt_opmaak, bbt_uitvoering, beleidsbrief, beleidsnota, layout, reading, schriftelijke_vragen
from .model import DocumentGraph
from .source import DocumentError, SourceDocument

LOADERS: tuple[ModuleType, ...] = (bbt_opmaak, bbt_uitvoering, beleidsbrief, beleidsnota, schriftelijke_vragen)


def logical(doc: SourceDocument) -> SourceDocument:
    """``doc`` in the logical lines every loader reads (see :mod:`.layout`); already-logical documents pass through."""
    return doc if doc.origin is not None else layout.normalise(doc)


def loader_for(doc: SourceDocument) -> ModuleType | None:
    """The loader that recognises ``doc``, or None when no loader knows its kind."""
    doc = logical(doc)
    matches = [loader for loader in LOADERS if loader.recognise(doc)]
    if len(matches) > 1:
        names = ", ".join(m.__name__.rsplit(".", 1)[-1] for m in matches)
        raise doc.error(f"is recognised by several loaders ({names}); cannot tell its kind")
    return matches[0] if matches else None


def load(doc: SourceDocument) -> DocumentGraph:
    """Load ``doc`` with the loader of its kind; a :class:`DocumentError` if there is none."""
    doc = logical(doc)
    loader = loader_for(doc)
    if loader is None:
        raise doc.error("is not a document kind beleidskg can read (no loader recognises its content)")
    dg = loader.load(doc)
    other_tables = reading.read_other_tables(doc, dg)
    dg.report = reading.report(doc, dg, loader.PARTS, other_tables, loader.CLOSING_PARTS)
    reading.write(dg, dg.report)
    return dg


__all__ = ["LOADERS", "DocumentError", "DocumentGraph", "SourceDocument", "load", "loader_for", "logical"]
