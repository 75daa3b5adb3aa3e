"""Build: documents in, one store out, all or nothing."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral

from beleidskg import lineage, resources, store, views
from beleidskg import validate as validation
from beleidskg.loaders import DocumentError, DocumentGraph, SourceDocument, kind_of, load, logical
from beleidskg.loaders.reading import Report
from beleidskg.loaders.source import MAX_BYTES
from beleidskg.progress import Progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Input:
    """A file to read; ``explicit`` when the user named it rather than its folder."""

    path: Path
    explicit: bool


@dataclass
class LoadedDocument:
    """A document loaded in a worker process: what a build stores and reports of it, without its rdflib graph.

    Sending a graph from one process to another costs more than writing it
    out, and a build of hundreds of documents cannot hold all their graphs:
    the worker writes the document's N-Triples and flat amounts, and
    :attr:`graph` parses them back only when something asks for the graph.
    """

    doc: SourceDocument
    iri: URIRef
    kind: URIRef
    report: Report
    triples: int
    ntriples: bytes
    view: bytes
    evidence: lineage.Evidence

    @functools.cached_property
    def graph(self) -> Graph:
        return Graph().parse(data=self.ntriples, format="nt")


#: A loaded document, as loaded in this process or in a worker.
Loaded = DocumentGraph | LoadedDocument


@dataclass
class BuildResult:
    documents: list[Loaded] = field(default_factory=list)
    skipped: list[DocumentError] = field(default_factory=list)
    findings: list[validation.Finding] = field(default_factory=list)
    #: False when ``build --validate`` found violations and kept the old store.
    stored: bool = True


class GraphRejected(Exception):
    """Raised before the switch to drop a new graph that violates the structural shapes."""


#: The files of a folder that are documents: PDFs and text extracted from them.
DOCUMENT_SUFFIXES = (".txt", ".pdf")


def inputs(paths: Iterable[Path]) -> list[Input]:
    """The files to read: named files, and the ``.txt`` and ``.pdf`` files of named folders, in name order.

    In a folder, other files (a README, a package marker) are not documents.
    Which reader a file needs is decided from its content, not this suffix.
    """
    found: list[Input] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += [
                Input(p, False)
                for p in sorted(path.iterdir())
                if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file() and not p.name.startswith(".")
            ]
        else:
            found.append(Input(path, True))
    return found


def default_corpus() -> Path:
    """The bundled corpus of Flemish policy and budget documents."""
    return resources.folder("corpus")


#: From this many documents on, a build reads them in worker processes (one per CPU) when there are several
#: CPUs: starting a worker (its imports) costs about what reading one document does.
PARALLEL_DOCUMENTS = 8


def cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_documents(paths: Iterable[Path], max_bytes: int = MAX_BYTES, workers: int | None = None) -> BuildResult:
    """Read and load every document; raise :class:`DocumentError` at the first bad one.

    A file found in a folder that no loader recognises is skipped (and
    logged); named explicitly, it is an error. Empty, binary, over-size and
    truncated files are errors either way: they are broken, not merely unknown.
    With ``workers`` > 1 (by default: one per CPU for :data:`PARALLEL_DOCUMENTS`
    or more documents) the documents are read in that many processes, in
    order, with the same outcome: :class:`LoadedDocument` in place of
    :class:`DocumentGraph`.
    """
    result = BuildResult()
    seen: dict[str, Path] = {}
    found = inputs(paths)
    if workers is None:
        workers = cpus() if len(found) >= PARALLEL_DOCUMENTS else 1
    progress = Progress(len(found))
    try:
        for item, (sha, outcome) in zip(found, _read_all(found, max_bytes, min(workers, len(found))), strict=True):
            if isinstance(outcome, DocumentError):
                raise outcome
            if sha in seen:
                raise DocumentError(item.path, f"has the same content as {seen[sha]}; give each document once")
            seen[sha] = item.path
            if outcome is None:
                result.skipped.append(DocumentError(item.path, "skipped: no loader recognises this kind of document"))
                log.warning("skipped %s: no loader recognises this kind of document", item.path)
                progress.read(0)
                continue
            result.documents.append(outcome)
            progress.read(triple_count(outcome))
    finally:
        progress.done()  # ends the line on a terminal, also before an error
    return result


#: What reading one input gives: its content's SHA-256 (None if unread) and the document, None (skipped) or the error.
Outcome = tuple[str | None, "Loaded | DocumentError | None"]


def _read_all(found: list[Input], max_bytes: int, workers: int) -> Iterator[Outcome]:
    """Each input read and loaded, in order: here, or in ``workers`` processes."""
    if workers <= 1:
        for item in found:
            yield _read(item, max_bytes)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")  # never fork: the caller may have threads (a server, a test runner)
    with ctx.Pool(workers) as pool:
        yield from pool.imap(functools.partial(_read_in_worker, max_bytes=max_bytes), found)


def _read(item: Input, max_bytes: int) -> Outcome:
    """One input: its document loaded, None when a folder's file is of no kind a loader reads, or the error."""
    try:
        doc = logical(SourceDocument.read(item.path, max_bytes))  # the layout layer once, for recognising and loading
    except DocumentError as exc:
        return None, exc
    if not item.explicit and kind_of(doc) is None:
        return doc.sha256, None
    try:
        return doc.sha256, load(doc)
    except DocumentError as exc:
        return doc.sha256, exc
    except Exception as exc:  # a loader bug must still name the file and keep the store intact
        log.debug("loading %s failed", item.path, exc_info=True)
        return doc.sha256, doc.error(f"could not be loaded ({type(exc).__name__}: {exc})")


def _read_in_worker(item: Input, max_bytes: int) -> Outcome:
    """:func:`_read` in a worker process: the document's parts made here, its graph left here."""
    sha, outcome = _read(item, max_bytes)
    if isinstance(outcome, DocumentGraph):
        outcome = LoadedDocument(
            doc=outcome.doc,
            iri=outcome.iri,
            kind=_kind(outcome),
            report=outcome.report,
            triples=len(outcome.triples),
            ntriples=document_part(outcome).ntriples,
            view=view_part(outcome, _credits()).ntriples,
            evidence=evidence(outcome),
        )
    elif isinstance(outcome, DocumentError):
        outcome = DocumentError(outcome.path, outcome.problem)  # sent back plainly, without its cause
    return sha, outcome


@functools.cache
def _ontology() -> Graph:
    """The ontology, parsed once per process for what a build derives from it (not to be changed: it is shared)."""
    return ontology_graph()


@functools.cache
def _credits() -> dict:
    """The credit types' notations, read from the ontology once per process."""
    return views.credit_codes(_ontology())


def triple_count(d: Loaded) -> int:
    """How many triples a loaded document's graph holds."""
    return d.triples if isinstance(d, LoadedDocument) else len(d.triples)


def evidence(d: Loaded) -> lineage.Evidence:
    """What a loaded document contributes to the lineage."""
    return d.evidence if isinstance(d, LoadedDocument) else lineage.Evidence.of(d.records)


def _kind(d: Loaded) -> URIRef:
    return d.kind if isinstance(d, LoadedDocument) else d.facts.value(d.iri, RDF.type)


def ontology_graph() -> Graph:
    g = Graph()
    for ttl in sorted(resources.folder("ontology").glob("*.ttl")):
        g.parse(ttl, format="turtle")
    return g


def _nt(graph: Graph | Iterable[tuple]) -> bytes:
    """``graph`` (or triples) in N-Triples, as rdflib's serializer writes them, but each distinct term written once.

    A document's triples repeat a few terms (its IRI, the predicates, its
    spans) tens of thousands of times; rdflib writes every occurrence anew.
    """
    written: dict[object, str] = {}

    def term(t: object) -> str:
        text = written.get(t)
        if text is None:
            text = written[t] = _quoteLiteral(t) if isinstance(t, Literal) else t.n3()
        return text

    return "".join([f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in graph]).encode("utf-8")


def document_part(document: Loaded, graph_iri: str | None = None) -> store.GraphPart:
    """One document's triples for its named graph (``graph_iri`` renames the document, for benchmarks)."""
    nt = document.ntriples if isinstance(document, LoadedDocument) else _nt(document.triples)
    if graph_iri is not None:
        nt = nt.replace(str(document.iri).encode(), graph_iri.encode())
    return store.GraphPart(graph_iri or str(document.iri), nt)


def view_part(document: Loaded, credits: dict, graph_iri: str | None = None) -> store.GraphPart:
    """One document's flat amounts for the view graph (``graph_iri`` renames the document as :func:`document_part` does)."""
    loaded = isinstance(document, LoadedDocument)
    nt = document.view if loaded else _nt(dict.fromkeys(views.amount_triples(document.facts, document.iri, credits)))
    if graph_iri is not None:
        nt = nt.replace(str(document.iri).encode(), graph_iri.encode())
    return store.GraphPart(views.AMOUNTS_GRAPH, nt, union=False)


@functools.cache
def _ontology_nt() -> bytes:
    """The ontology's triples, read once per process (a build needs them twice: for the store and the view)."""
    return _nt(_ontology())


def ontology_part() -> store.GraphPart:
    return store.GraphPart(resources.ONTOLOGY_GRAPH, _ontology_nt())


def build(
    paths: Iterable[Path],
    store_path: Path,
    validate: bool = False,
    strict: bool = False,
    accept_violations: bool = False,
    max_bytes: int = MAX_BYTES,
) -> BuildResult:
    """Load the documents and replace the store at ``store_path`` with their graph.

    Nothing is written unless every document loaded; the manifest records
    what went in (no timestamps, so equal inputs give equal stores). With
    ``validate``, the new graph is validated before it replaces the old one and
    the findings are stored with it (graph ``id/bevindingen``), so the
    ``consistency`` template and the web list them. A graph that violates a
    structural shape leaves the old store in place (``result.stored`` is
    False) unless ``accept_violations``.
    """
    paths = list(paths)
    result = _loaded(paths, strict, max_bytes)
    documents = [document_part(d) for d in result.documents]
    amounts = [view_part(d, _credits()) for d in result.documents]
    inferred = lineage.link(evidence(d) for d in result.documents)
    parts = [ontology_part(), *documents, *amounts, store.GraphPart(lineage.LINEAGE_GRAPH, _nt(inferred))]
    manifest = {
        "documents": [_entry(d) for d in result.documents],
        "skipped": [{"file": e.path.name, "reason": e.problem} for e in result.skipped],
    }
    texts = {d.doc.sha256: d.doc.original.text for d in result.documents}  # the file as the user has it
    try:
        store.write(store_path, parts, manifest, finish=_findings(result, accept_violations) if validate else None, texts=texts)
    except GraphRejected:
        result.stored = False
    return result


def add(
    path: Path,
    store_path: Path,
    validate: bool = False,
    strict: bool = False,
    accept_violations: bool = False,
    max_bytes: int = MAX_BYTES,
) -> BuildResult:
    """Add one document to the store's graph, or replace the document of the same file name or content.

    The other documents' graphs are copied from the current generation as
    they are, not read again; lineage is recomputed from every document's
    evidence (kept in the manifest) and, with ``validate``, the findings from
    the whole new graph. The result is the graph a full build of the same
    documents gives, published atomically like a build; a bad document
    leaves the store as it was.
    """
    result = _loaded([path], strict, max_bytes)
    (new,) = result.documents

    def contents(current: store.Snapshot | None) -> store.Contents:
        before = current.manifest if current is not None else {"documents": [], "skipped": []}
        kept = [e for e in before["documents"] if e["file"] != new.doc.name and e["sha256"] != new.doc.sha256]
        if any("lineage" not in e for e in kept) or (kept and not views.present(current.db)):
            raise store.StoreError(f"{store_path}: was built by an older beleidskg; rebuild it with beleidskg build")
        if kept:
            log.info("keeping %d documents; %s", len(kept), "replacing" if len(kept) < len(before["documents"]) else "adding")
        parts = [ontology_part()]
        for e in kept:  # as stored: a document's graph depends on that document only
            triples = current.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(e["graph"]))
            parts.append(store.GraphPart(e["graph"], triples))
        parts.append(document_part(new))
        # the view: the kept documents' flat amounts as stored, the new document's computed; the replaced one's dropped
        if kept:
            parts.append(store.GraphPart(views.AMOUNTS_GRAPH, views.kept(current.db, {e["graph"] for e in kept}), union=False))
        parts.append(view_part(new, _credits()))
        stated = [lineage.Evidence.from_json(e["lineage"]) for e in kept] + [evidence(new)]
        parts.append(store.GraphPart(lineage.LINEAGE_GRAPH, _nt(lineage.link(stated))))
        manifest = {"documents": [*kept, _entry(new)], "skipped": before.get("skipped", [])}
        texts = {e["sha256"]: current.document_text(e["sha256"]) or "" for e in kept}
        texts[new.doc.sha256] = new.doc.original.text
        return parts, manifest, texts

    try:
        store.amend(store_path, contents, finish=_findings(result, accept_violations) if validate else None)
    except GraphRejected:
        result.stored = False
    return result


def _loaded(paths: list[Path], strict: bool, max_bytes: int) -> BuildResult:
    """The documents of ``paths``, loaded; with ``strict``, refused at the first with a gap in its reading."""
    result = load_documents(paths, max_bytes)
    if not result.documents:
        raise DocumentError(", ".join(str(p) for p in paths) or ".", "holds no document beleidskg can read")
    if strict:
        for d in result.documents:
            if d.report.gaps:
                first, last, _ = d.doc.cite(*d.report.gaps[0].span)
                raise d.doc.error(
                    f"was not read completely ({len(d.report.gaps)} gaps; the first, lines {first}-{last}: "
                    f"{d.report.gaps[0].message}); --strict keeps the store as it was"
                )
    return result


def _entry(d: Loaded) -> dict:
    """A document's line in the manifest, with the evidence ``build --add`` needs to recompute the lineage."""
    return {
        "file": d.doc.name,
        "sha256": d.doc.sha256,
        "graph": str(d.iri),
        "kind": str(_kind(d)),
        "triples": triple_count(d),
        "lineage": evidence(d).to_json(),
    }


def _findings(result: BuildResult, accept_violations: bool) -> Callable[[ox.Store], list[store.GraphPart]]:
    """The ``finish`` step of ``--validate``: the new graph's findings, or :class:`GraphRejected` on a violation."""

    def findings(db: ox.Store) -> list[store.GraphPart]:
        result.findings = validation.run(db)[0]
        if validation.exit_code(result.findings) and not accept_violations:
            raise GraphRejected
        return [store.GraphPart(validation.FINDINGS_GRAPH, _nt(validation.findings_graph(result.findings)))]

    return findings
