"""The persistent graph: an Oxigraph store in a directory, replaced atomically.

Oxigraph answers the templates' joins and aggregates tens of times faster than
rdflib's memory store and persists between commands; SHACL validation runs on
an in-memory rdflib copy instead (see the README's architecture section).
Each document's triples live in a named graph named by the document's IRI;
the default graph holds the union of all of them, written once at build time,
because Oxigraph joins over a stored default graph about ten times faster than
over ``use_default_graph_as_union`` (which must merge the graphs per lookup).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from beleidskg.loaders.vocab import PREFIXES

MANIFEST = "manifest.json"
DATA = "oxigraph"
FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class StoreError(Exception):
    """A store directory that is missing, not a beleidskg store, or in use."""


@dataclass(frozen=True)
class GraphPart:
    """Triples in N-Triples syntax destined for one named graph."""

    graph: str
    ntriples: bytes


def write(
    path: Path, parts: Iterable[GraphPart], manifest: dict, finish: Callable[[ox.Store], Iterable[GraphPart]] | None = None
) -> None:
    """Write a new store at ``path``, replacing an existing one only on success.

    The new store is built in a sibling directory and swapped in by renames,
    so a failed build leaves the old store exactly as it was. ``finish`` may
    read the new store before the swap and return more parts for it (the
    validation findings of ``build --validate``).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not (path / MANIFEST).exists() and any(path.iterdir()):
        raise StoreError(f"{path}: exists and is not a beleidskg store; refusing to replace it")
    staging = path.with_name(f".{path.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        store = ox.Store(str(staging / DATA))
        _load(store, parts)
        if finish is not None:
            _load(store, list(finish(store)))
        store.optimize()
        del store
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        if path.exists():
            path.rename(old)
        staging.rename(path)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _load(store: ox.Store, parts: Iterable[GraphPart]) -> None:
    """Each part into its named graph and into the default graph (the union the templates query)."""
    for part in parts:
        store.bulk_load(part.ntriples, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(part.graph))
        store.bulk_load(part.ntriples, ox.RdfFormat.N_TRIPLES)


def read_manifest(path: Path) -> dict:
    """The build manifest of the store at ``path``."""
    manifest = Path(path) / MANIFEST
    if not manifest.exists():
        raise StoreError(f"{path}: no beleidskg store here (run 'beleidskg build --store {path}' first)")
    return json.loads(manifest.read_text(encoding="utf-8"))


@contextmanager
def opened(path: Path) -> Iterator[ox.Store]:
    """The store at ``path``, opened read-only: queries can never change it."""
    read_manifest(path)
    try:
        store = ox.Store.read_only(str(Path(path) / DATA))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from None
    try:
        yield store
    finally:
        del store


def named_quads(store: ox.Store) -> list[ox.Quad]:
    """The quads of the named graphs: the store's content without its derived default graph."""
    return [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)]


def quads_sorted(store: ox.Store) -> list[str]:
    """Every quad as an N-Quads line, sorted: the canonical form for comparing builds."""
    return sorted(f"{q} ." for q in named_quads(store))


def export(store: ox.Store, fmt: str) -> bytes:
    """The whole store in ``fmt``; triple formats (nt, ttl) give the union of all graphs.

    N-Triples and N-Quads are sorted, so two builds of one corpus export byte for byte alike.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "nq":
        return ("\n".join(quads_sorted(store)) + "\n").encode("utf-8")
    if fmt in ("trig", "jsonld"):
        return ox.serialize(named_quads(store), format=FORMATS[fmt])
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if fmt == "nt":
        return ("".join(sorted(f"{t} .\n" for t in triples))).encode("utf-8")
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    return ox.serialize(sorted(triples, key=str), format=FORMATS[fmt], prefixes=prefixes)
