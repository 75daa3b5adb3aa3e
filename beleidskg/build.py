"""Build: documents in, one store out, all or nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph

from beleidskg import lineage, resources, store, views
from beleidskg import validate as validation
from beleidskg.loaders import DocumentError, DocumentGraph, SourceDocument, kind_of, load, logical
from beleidskg.loaders.source import MAX_BYTES
from beleidskg.progress import Progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Input:
    """A file to read; ``explicit`` when the user named it rather than its folder."""

    path: Path
    explicit: bool


@dataclass
class BuildResult:
    documents: list[DocumentGraph] = field(default_factory=list)
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


def load_documents(paths: Iterable[Path], max_bytes: int = MAX_BYTES) -> BuildResult:
    """Read and load every document; raise :class:`DocumentError` at the first bad one.

    A file found in a folder that no loader recognises is skipped (and
    logged); named explicitly, it is an error. Empty, binary, over-size and
    truncated files are errors either way: they are broken, not merely unknown.
    """
    result = BuildResult()
    seen: dict[str, Path] = {}
    found = inputs(paths)
    progress = Progress(len(found))
    try:
        for item in found:
            doc = logical(SourceDocument.read(item.path, max_bytes))  # the layout layer once, for recognising and loading
            if doc.sha256 in seen:
                raise doc.error(f"has the same content as {seen[doc.sha256]}; give each document once")
            seen[doc.sha256] = item.path
            if not item.explicit and kind_of(doc) is None:
                skipped = doc.error("skipped: no loader recognises this kind of document")
                result.skipped.append(skipped)
                log.warning("skipped %s: no loader recognises this kind of document", item.path)
                progress.read(0)
                continue
            try:
                result.documents.append(load(doc))
            except DocumentError:
                raise
            except Exception as exc:  # a loader bug must still name the file and keep the store intact
                raise doc.error(f"could not be loaded ({type(exc).__name__}: {exc})") from exc
            progress.read(len(result.documents[-1].graph))
    finally:
        progress.done()  # ends the line on a terminal, also before an error
    return result


def ontology_graph() -> Graph:
    g = Graph()
    for ttl in sorted(resources.folder("ontology").glob("*.ttl")):
        g.parse(ttl, format="turtle")
    return g


def _nt(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


def document_part(document: DocumentGraph, graph_iri: str | None = None) -> store.GraphPart:
    """One document's triples for its named graph (``graph_iri`` renames the document, for benchmarks)."""
    nt = _nt(document.graph)
    if graph_iri is not None:
        nt = nt.replace(str(document.iri).encode(), graph_iri.encode())
    return store.GraphPart(graph_iri or str(document.iri), nt)


def view_part(document: DocumentGraph, credits: dict, graph_iri: str | None = None) -> store.GraphPart:
    """One document's flat amounts for the view graph (``graph_iri`` renames the document as :func:`document_part` does)."""
    nt = _nt(views.amounts(document.graph, document.iri, credits))
    if graph_iri is not None:
        nt = nt.replace(str(document.iri).encode(), graph_iri.encode())
    return store.GraphPart(views.AMOUNTS_GRAPH, nt, union=False)


def ontology_part() -> store.GraphPart:
    return store.GraphPart(resources.ONTOLOGY_GRAPH, _nt(ontology_graph()))


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
    credits = views.credit_codes(ontology_graph())
    amounts = [view_part(d, credits) for d in result.documents]
    inferred = lineage.link(lineage.Evidence.of(d.records) for d in result.documents)
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
        parts.append(view_part(new, views.credit_codes(ontology_graph())))
        evidence = [lineage.Evidence.from_json(e["lineage"]) for e in kept] + [lineage.Evidence.of(new.records)]
        parts.append(store.GraphPart(lineage.LINEAGE_GRAPH, _nt(lineage.link(evidence))))
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


def _entry(d: DocumentGraph) -> dict:
    """A document's line in the manifest, with the evidence ``build --add`` needs to recompute the lineage."""
    return {
        "file": d.doc.name,
        "sha256": d.doc.sha256,
        "graph": str(d.iri),
        "kind": str(d.graph.value(d.iri, RDF.type)),
        "triples": len(d.graph),
        "lineage": lineage.Evidence.of(d.records).to_json(),
    }


def _findings(result: BuildResult, accept_violations: bool) -> Callable[[ox.Store], list[store.GraphPart]]:
    """The ``finish`` step of ``--validate``: the new graph's findings, or :class:`GraphRejected` on a violation."""

    def findings(db: ox.Store) -> list[store.GraphPart]:
        result.findings = validation.run(db)[0]
        if validation.exit_code(result.findings) and not accept_violations:
            raise GraphRejected
        return [store.GraphPart(validation.FINDINGS_GRAPH, _nt(validation.findings_graph(result.findings)))]

    return findings
