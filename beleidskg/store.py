"""The persistent graph: generations of an Oxigraph store in one directory, switched atomically.

Oxigraph answers the templates' joins and aggregates tens of times faster than
rdflib's memory store and persists between commands; SHACL validation runs on
an in-memory rdflib copy instead (see the README's architecture section).
Each document's triples live in a named graph named by the document's IRI;
the default graph holds the union of all of them, written once at build time,
because Oxigraph joins over a stored default graph about ten times faster than
over ``use_default_graph_as_union`` (which must merge the graphs per lookup).

A store directory (format 2) holds::

    beleidskg-store.json  the marker: format name and version; a directory without it is never changed
    current               the name of the generation readers open, switched with os.replace
    writer.lock           flock'ed by the one build writing this store
    g-<time>-<random>/    a generation: manifest.json + oxigraph/ + documents/, never changed once named in current

A build writes a new generation, syncs it to disk and only then switches
``current`` to it, so a crash at any point leaves the old or the new graph.
Readers hold a shared flock on the generation they opened; a build removes an
old generation only when it can take that lock, so no reader loses its graph.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import os
import shutil
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

FORMAT = "beleidskg-store"
VERSION = 2
MARKER = "beleidskg-store.json"
POINTER = "current"
WRITER_LOCK = "writer.lock"
GENERATION = "g-"
TRASH = ".trash-"
MANIFEST = "manifest.json"
DATA = "oxigraph"
#: The documents' full texts, one file per SHA-256, so the web can show a fact's lines in their context.
TEXTS = "documents"
#: Format 1 (before the marker) was these two at the top of the store directory.
LEGACY = frozenset({MANIFEST, DATA})
FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}

log = logging.getLogger(__name__)


class StoreError(Exception):
    """A store directory that is missing, not a beleidskg store, damaged or cannot be written."""


@dataclass(frozen=True)
class GraphPart:
    """Triples in N-Triples syntax destined for one named graph, and unless ``union`` is False also for the default graph.

    A view (:mod:`beleidskg.views`) is kept out of the union, so no template but those written for it sees it.
    """

    graph: str
    ntriples: bytes
    union: bool = True


def _step(root: Path, name: str) -> None:
    """A named step of writing a store: logged with --debug, and where tests inject crashes."""
    log.debug("%s: %s", root, name)


# -- writing -----------------------------------------------------------------------------------------------------


def write(
    path: Path,
    parts: Iterable[GraphPart],
    manifest: dict,
    finish: Callable[[ox.Store], Iterable[GraphPart]] | None = None,
    texts: dict[str, str] | None = None,
) -> None:
    """Write a new generation of the store at ``path`` and make it the current one, or change nothing.

    ``finish`` may read the new graph before the switch and return more parts
    for it (the validation findings of ``build --validate``); an exception it
    raises drops the new graph. A symlinked ``path`` is followed, so the link
    keeps pointing where it pointed. A second build on the same store waits
    for the first (see the README's store guarantees). ``texts`` are the
    documents' full texts by SHA-256, kept beside the graph (:meth:`Snapshot.document_text`).
    """
    _write(path, lambda _: (parts, manifest, texts or {}), finish, from_current=False)


#: What a new generation holds: its parts, its manifest and the documents' texts by SHA-256.
Contents = tuple[Iterable[GraphPart], dict, dict[str, str]]


def amend(
    path: Path,
    contents: Callable[[Snapshot | None], Contents],
    finish: Callable[[ox.Store], Iterable[GraphPart]] | None = None,
) -> None:
    """Like :func:`write`, with the new generation made from the current one (None before the first build).

    ``contents`` is called while the writer lock is held, so no other build
    switches the store between reading the current graph and replacing it:
    ``build --add`` keeps the other documents' graphs of exactly the graph it replaces.
    """
    _write(path, contents, finish, from_current=True)


def _write(
    path: Path,
    contents: Callable[[Snapshot | None], Contents],
    finish: Callable[[ox.Store], Iterable[GraphPart]] | None,
    from_current: bool,
) -> None:
    shown = Path(path)
    root = _resolved(shown)
    _prepare(root, shown)
    with _writer_lock(root, shown):
        _step(root, "locked")
        _collect_garbage(root)
        _step(root, "cleaned")
        current = _open_current(root, shown) if from_current and _pointer(root) else None
        try:
            parts, manifest, texts = contents(current)
            _publish(root, shown, parts, manifest, finish, texts)
        finally:
            if current is not None:
                current.close()  # before the old generations are removed, ours among them
        _step(root, "switched")
        try:
            _collect_garbage(root)
        except OSError as exc:  # the new graph is in place; what is left is removed by the next build
            log.warning("%s: old generations not removed yet (%s)", shown, exc)
        _step(root, "retired")


def _publish(
    root: Path,
    shown: Path,
    parts: Iterable[GraphPart],
    manifest: dict,
    finish: Callable[[ox.Store], Iterable[GraphPart]] | None,
    texts: dict[str, str],
) -> None:
    """Stage, fill and sync a new generation, then switch ``current`` to it; the caller holds the writer lock."""
    staging = root / f"{GENERATION}{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{os.urandom(4).hex()}"
    try:
        staging.mkdir()
    except OSError as exc:
        raise _write_error(shown, exc) from exc
    try:
        _step(root, "staging")
        _fill(staging, parts, finish)
        (staging / TEXTS).mkdir()
        for sha, text in texts.items():
            (staging / TEXTS / f"{sha}.txt").write_text(text, encoding="utf-8")
        _step(root, "loaded")
        _write_synced(staging / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        _sync_tree(staging)
        _step(root, "written")
        _switch(root, staging.name)
    except BaseException as exc:
        if _pointer(root) != staging.name:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _write_error(shown, exc) from exc
        raise


def _write_error(shown: Path, exc: OSError) -> StoreError:
    return StoreError(f"{shown}: cannot write the new graph ({exc.strerror or exc}); the store is unchanged")


def _resolved(path: Path) -> Path:
    """The real store directory: through a symlinked ``--store``, so the link itself is never replaced."""
    return Path(os.path.realpath(path))


def _prepare(root: Path, shown: Path) -> None:
    """Make ``root`` a store directory, or refuse: only an empty directory or a store of ours is written to."""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StoreError(f"{shown}: is a file, not a store directory") from None
    except OSError as exc:
        raise StoreError(f"{shown}: cannot create the store directory ({exc.strerror})") from None
    if (root / MARKER).exists():
        _check_marker(root, shown)
        return
    try:
        entries = {p.name for p in root.iterdir()}
    except OSError as exc:
        raise StoreError(f"{shown}: cannot read the store directory ({exc.strerror})") from None
    if entries and not _is_legacy(root, entries):
        raise StoreError(
            f"{shown}: is not empty and holds no beleidskg store ({MARKER} missing); "
            "refusing to write into it, choose a new or empty directory"
        )
    try:
        _write_synced(root / MARKER, json.dumps({"format": FORMAT, "version": VERSION}) + "\n")
    except OSError as exc:
        raise StoreError(f"{shown}: cannot write into the store directory ({exc.strerror})") from None


def _is_legacy(root: Path, entries: set[str]) -> bool:
    """A format-1 store: exactly manifest.json and oxigraph/, as beleidskg wrote them before the marker."""
    return entries == LEGACY and (root / DATA / "CURRENT").is_file()


@contextmanager
def _writer_lock(root: Path, shown: Path) -> Iterator[None]:
    """Hold the store's writer lock, waiting (with a message) while another build holds it.

    An flock is released by the kernel when its process dies, so a killed
    build never leaves the store locked.
    """
    try:
        fd = os.open(root / WRITER_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StoreError(f"{shown}: cannot write into the store directory ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            log.warning("%s: another build (process %s) is writing this store; waiting for it to finish", shown, holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _fill(staging: Path, parts: Iterable[GraphPart], finish: Callable[[ox.Store], Iterable[GraphPart]] | None) -> None:
    db = ox.Store(str(staging / DATA))
    _load(db, parts)
    if finish is not None:
        _load(db, list(finish(db)))
    db.optimize()
    db.flush()
    del db


#: Parts are bulk-loaded in batches of about this many bytes: each bulk load has a fixed cost
#: (a third of the CPU time of loading the corpus part by part), and one batch of a 100x graph would not fit in memory.
BATCH_BYTES = 64 * 2**20


def _load(store: ox.Store, parts: Iterable[GraphPart]) -> None:
    """Each part into its named graph and, unless it is a view, into the default graph (the union the templates query).

    Loaded leniently (Oxigraph skips re-validating each IRI: a third of the load's time): every part is
    N-Triples this package wrote, whose IRIs are built from slugs, codes and numbers (``loaders.model``).
    """
    batch: list[bytes] = []
    size = 0
    for part in parts:
        # N-Triples lines end in " .\n" (a newline inside a literal is escaped), so naming the graph makes them N-Quads
        batch.append(part.ntriples.replace(b" .\n", f" <{part.graph}> .\n".encode()))
        if part.union:
            batch.append(part.ntriples)
        size += (1 + part.union) * len(part.ntriples)
        if size >= BATCH_BYTES:
            store.bulk_load(b"".join(batch), ox.RdfFormat.N_QUADS, lenient=True)
            batch, size = [], 0
    if batch:
        store.bulk_load(b"".join(batch), ox.RdfFormat.N_QUADS, lenient=True)


def _write_synced(path: Path, text: str) -> None:
    """Write ``path`` atomically and durably: a temporary file, fsync, rename, fsync of the folder."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _sync_dir(path.parent)


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_tree(path: Path) -> None:
    """Every file and folder of a new generation on disk before ``current`` may name it."""
    for folder, _, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _sync_dir(Path(folder))


def _switch(root: Path, generation: str) -> None:
    """Point readers at ``generation``: one atomic rename of the pointer file."""
    _write_synced(root / POINTER, generation + "\n")


def _collect_garbage(root: Path) -> None:
    """Remove what neither a reader nor a build can be using.

    Called only by the holder of the writer lock, so no other build is
    running: a generation other than the current one is left over from a
    killed build or was replaced; it is removed unless a reader still holds
    its lock. Temporary files of a killed build and the files of a format-1
    store go too, the latter once a format-2 graph is current.
    """
    current = _pointer(root)
    for entry in root.iterdir():
        name = entry.name
        if name.startswith(GENERATION) and name != current:
            _retire(root, entry)
        elif name.startswith(TRASH):
            shutil.rmtree(entry, ignore_errors=True)
        elif name.startswith(f".{POINTER}."):
            entry.unlink(missing_ok=True)
        elif current and name in LEGACY:
            log.info("%s: removing the format-1 store's %s", root, name)
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _retire(root: Path, generation: Path) -> None:
    """Remove ``generation`` unless a reader holds it; renamed first, so a reader never opens a half-deleted one."""
    fd = os.open(generation, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.debug("%s: %s still has readers; kept", root, generation.name)
            return
        trash = root / f"{TRASH}{generation.name}"
        os.rename(generation, trash)
    finally:
        os.close(fd)
    log.debug("%s: removed %s", root, generation.name)
    shutil.rmtree(trash, ignore_errors=True)


# -- reading -----------------------------------------------------------------------------------------------------


def _pointer(root: Path) -> str | None:
    """The name of the current generation, or None before the first build finished."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{root / POINTER}: unreadable ({exc}); the store is damaged, rebuild it") from None
    if not name.startswith(GENERATION) or "/" in name:
        raise StoreError(f"{root / POINTER}: does not name a generation; the store is damaged, rebuild it")
    return name


def _check_marker(root: Path, shown: Path) -> None:
    """Refuse a marker that is not ours or names another format version."""
    try:
        marker = json.loads((root / MARKER).read_text(encoding="utf-8"))
        fmt, version = marker["format"], marker["version"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{shown / MARKER}: not a beleidskg store marker ({exc})") from None
    if fmt != FORMAT or not isinstance(version, int):
        raise StoreError(f"{shown / MARKER}: not a beleidskg store marker (format {fmt!r}, version {version!r})")
    if version > VERSION:
        raise StoreError(
            f"{shown}: store format {version} was written by a newer beleidskg (this one knows format {VERSION}); "
            "upgrade beleidskg"
        )
    if version < VERSION:
        raise StoreError(f"{shown}: store format {version} is older than this beleidskg's; rebuild it with beleidskg build")


def _check_store(root: Path, shown: Path) -> None:
    """Refuse, in one line, anything but a store of this format."""
    if (root / MARKER).exists():
        _check_marker(root, shown)
        return
    if root.is_dir() and _is_legacy(root, {p.name for p in root.iterdir()}):
        raise StoreError(
            f"{shown}: a store in format 1 (from an older beleidskg); rebuild it: beleidskg build --store {shown}"
        )
    raise StoreError(f"{shown}: no beleidskg store here (run 'beleidskg build --store {shown}' first)")


@dataclass(frozen=True)
class Build:
    """Which build a reader sees: its id (the generation's name), when it was made, and its manifest's hash."""

    id: str
    built: str
    manifest_sha256: str

    def header(self) -> str:
        """One line for an HTTP header: id, build time, manifest hash (equal inputs, equal hash)."""
        return f"{self.id}; built={self.built}; manifest-sha256={self.manifest_sha256[:16]}"


class Snapshot:
    """One generation opened read-only; it stays on disk as long as this object lives.

    The shared lock on the generation's directory is released when the
    snapshot is closed or garbage collected, so a server thread still
    answering from an older snapshot keeps it until it is done.
    """

    def __init__(self, root: Path, shown: Path, name: str, fd: int) -> None:
        self._release = weakref.finalize(self, os.close, fd)
        try:
            data = (root / name / MANIFEST).read_bytes()
            manifest = json.loads(data)
            if not isinstance(manifest, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            self.close()
            raise StoreError(f"{shown / name / MANIFEST}: not a readable build manifest ({exc}); rebuild the store") from None
        try:
            self.db = ox.Store.read_only(str(root / name / DATA))
        except (OSError, RuntimeError) as exc:
            self.close()
            reason = " ".join(str(exc).split())
            raise StoreError(f"{shown / name / DATA}: cannot open the graph ({reason}); rebuild the store") from None
        self.name = name
        self.path = root / name
        self.manifest: dict = manifest
        self._manifest_bytes = data

    @functools.cached_property
    def build(self) -> Build:
        """Which build this is: worked out when asked (the server asks; a CLI query does not, nor loads hashlib)."""
        from hashlib import sha256

        built = datetime.fromisoformat(self.name[len(GENERATION) :][:16])  # 20261202T112020Z
        return Build(self.name[len(GENERATION) :], built.isoformat(), sha256(self._manifest_bytes).hexdigest())

    def document_text(self, sha: str) -> str | None:
        """The full text of the document with this SHA-256 as the build read it (None if not kept)."""
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            return None
        file = self.path / TEXTS / f"{sha}.txt"
        return file.read_text(encoding="utf-8") if file.is_file() else None

    def close(self) -> None:
        """Release the generation (a build may then remove it once it is no longer current)."""
        self.__dict__.pop("db", None)
        self._release()


def _open_current(root: Path, shown: Path) -> Snapshot:
    """The current generation, locked against removal.

    Between reading ``current`` and locking the generation a build may
    switch and retire it; then the name no longer leads to the locked
    directory and the pointer is read again.
    """
    _check_store(root, shown)
    missing = None
    for _ in range(1000):
        name = _pointer(root)
        if name is None:
            raise StoreError(f"{shown}: holds no graph yet (its first build did not finish); run beleidskg build")
        try:
            fd = os.open(root / name, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except FileNotFoundError:
            if name == missing:
                raise StoreError(f"{shown}: its current graph {name} is missing; rebuild the store") from None
            missing = name
            continue
        fcntl.flock(fd, fcntl.LOCK_SH)
        with contextlib.suppress(FileNotFoundError):
            if os.stat(root / name).st_ino == os.fstat(fd).st_ino:
                return Snapshot(root, shown, name, fd)
        os.close(fd)
    raise StoreError(f"{shown}: the store changed under every attempt to open it")


@contextmanager
def opened(path: Path) -> Iterator[ox.Store]:
    """The current graph of the store at ``path``, read-only: queries can never change it."""
    snapshot = _open_current(_resolved(Path(path)), Path(path))
    try:
        yield snapshot.db
    finally:
        snapshot.close()


class Reader:
    """The current graph of a store, for a process that keeps reading it (the HTTP endpoint).

    Call :meth:`current` per request: it reads the small pointer file and
    reopens the store only when a build switched it, so a running server
    answers from the new graph from its next request on, and the snapshot's
    :attr:`Snapshot.build` says which build answered. Safe to share between threads.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._root = _resolved(self.path)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def current(self) -> Snapshot:
        with self._lock:
            if self._snapshot is None or _pointer(self._root) != self._snapshot.name:
                self._snapshot = _open_current(self._root, self.path)
            return self._snapshot


# -- content -----------------------------------------------------------------------------------------------------


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
    if fmt == "jsonld":  # the graphs, with the prefixes as @context
        from beleidskg import protocol  # here, as the prefixes below: a query opens a store and needs neither

        return protocol.compact_jsonld(ox.serialize(named_quads(store), format=FORMATS[fmt]))
    if fmt == "trig":
        return ox.serialize(named_quads(store), format=FORMATS[fmt])
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if fmt == "nt":
        return ("".join(sorted(f"{t} .\n" for t in triples))).encode("utf-8")
    from beleidskg.loaders.prefixes import IRIS

    return ox.serialize(sorted(triples, key=str), format=FORMATS[fmt], prefixes=dict(IRIS))
