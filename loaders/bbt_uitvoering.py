"""Loader stub: replaced by the real loader."""

from __future__ import annotations

from .model import DocumentGraph
from .source import SourceDocument
from .vocab import BKG

KIND = BKG.Document


def recognise(doc: SourceDocument) -> bool:
    return False


def load(doc: SourceDocument) -> DocumentGraph:
    raise doc.error("loader not implemented")
