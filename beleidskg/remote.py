"""An existing SPARQL server as the store: queries over the SPARQL 1.1 Protocol, publishing over the Graph Store Protocol.

When one machine is not enough, the graph lives in a SPARQL server (Oxigraph
server, Fuseki, GraphDB, QLever) and beleidskg talks to it over HTTP:

* :class:`RemoteStore` is a SPARQL 1.1 Protocol endpoint with the one method of
  ``pyoxigraph.Store`` the rest of beleidskg calls, :meth:`RemoteStore.query`,
  answering with pyoxigraph's own result objects (parsed from
  ``application/sparql-results+json``; a graph answer is loaded into a small
  in-memory store and read back), so templates, validation and the web server
  run unchanged against it. Queries are POSTed (``application/sparql-query``), so
  the VALUES blocks of templates and validation never meet a URL length limit.
* :func:`publish` writes a built store to a server through the SPARQL 1.1 Graph
  Store HTTP Protocol: one ``PUT`` per named graph (each document, the ontology,
  the lineage, the findings), which replaces that graph as a whole, then the
  union into the default graph, the graph the templates query (as the local
  store holds it), and checks the counts afterwards when it knows the query
  endpoint.

Only the Python standard library speaks HTTP here (``urllib``); an answer is
read within the time limit and up to :data:`MAX_ANSWER_BYTES`, never cut off.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import hashlib
import json
import logging
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from beleidskg import protocol, store, templates
from beleidskg.limits import Limits
from beleidskg.workers import QueryFailed

#: The largest answer read from a server (bytes); a larger one is refused, as too many rows are.
MAX_ANSWER_BYTES = 512 * 2**20
#: What a query asks for: SPARQL results in JSON for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE.
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_CHUNK = 1 << 16

log = logging.getLogger(__name__)


class RemoteError(store.StoreError):
    """A server that cannot be reached, refuses a request or answers what is not SPARQL; one line, naming the URL."""


@dataclass(frozen=True)
class Endpoint:
    """A URL on a SPARQL server and how to talk to it; credentials in the URL (``user:pass@``) become Basic auth."""

    url: str
    timeout: float = 30.0
    shown: str = field(init=False)
    _auth: str | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"--endpoint {self.url!r}: not an http(s) URL")
        auth = None
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        if parts.username is not None:
            user = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
            auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        bare = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        object.__setattr__(self, "url", bare)
        object.__setattr__(self, "shown", bare)  # never the credentials, in messages or logs
        object.__setattr__(self, "_auth", auth)

    def with_params(self, **params: str) -> str:
        """The URL with ``params`` added to its query string."""
        sep = "&" if urllib.parse.urlsplit(self.url).query else "?"
        return self.url + (sep + urllib.parse.urlencode(params) if params else "")

    def request(
        self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> tuple[int, str, bytes]:
        """Send one request; (status, media type, body) of a 2xx answer, else :class:`RemoteError` or TemplateError.

        The answer must arrive within :attr:`timeout` seconds as a whole (not
        merely between two reads) and be at most ``max_bytes`` long.
        """
        headers = dict(headers or {})
        if self._auth:
            headers["Authorization"] = self._auth
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        deadline = time.monotonic() + self.timeout
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                data = _read(response, deadline, max_bytes, self)
                media = response.headers.get_content_type()
                return response.status, media, data
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())[:300]
            if exc.code == 400:  # the server's word on the query (syntax, an unsupported feature)
                raise templates.TemplateError(f"{self.shown} refused the query: {detail or exc.reason}") from None
            said = f": {detail}" if detail else ""
            raise RemoteError(f"{self.shown}: {method} answered {exc.code} {exc.reason}{said}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RemoteError(f"{self.shown}: no answer within {self.timeout:g} s (raise --timeout)") from None
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise RemoteError(f"{self.shown}: cannot reach the SPARQL server ({reason})") from None
        except TimeoutError:
            raise RemoteError(f"{self.shown}: no answer within {self.timeout:g} s (raise --timeout)") from None
        except OSError as exc:
            raise RemoteError(f"{self.shown}: the connection failed ({exc.strerror or exc})") from None


def _read(response, deadline: float, max_bytes: int, endpoint: Endpoint) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise templates.QueryRefused(f"{endpoint.shown}: the answer is larger than {max_bytes} bytes; narrow the query")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


class RemoteStore:
    """A SPARQL 1.1 Protocol query endpoint, queried as if it were a read-only ``pyoxigraph.Store``."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.endpoint = Endpoint(url, timeout)

    @property
    def url(self) -> str:
        return self.endpoint.shown

    def query(
        self,
        query: str,
        default_graph: list[ox.NamedNode] | None = None,
        named_graphs: list[ox.NamedNode] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a read query on the server; the answer as the pyoxigraph object a local store gives.

        ``SERVICE`` is refused before anything is sent, as locally; an update
        is not a query and the server refuses it (the request is a query request).
        """
        templates.check_query(query)
        params = [("default-graph-uri", g.value) for g in default_graph or ()]
        params += [("named-graph-uri", g.value) for g in named_graphs or ()]
        url = self.endpoint.url + (("&" if "?" in self.endpoint.url else "?") + urllib.parse.urlencode(params) if params else "")
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": ACCEPT}
        _, media, body = self.endpoint.request("POST", url, query.encode("utf-8"), headers)
        if media in _RESULTS:
            try:
                return ox.parse_query_results(body, _RESULTS[media])
            except SyntaxError as exc:
                raise RemoteError(f"{self.url}: answered results that do not parse ({exc})") from None
        rdf = ox.RdfFormat.from_media_type(media)
        if rdf is None:
            raise RemoteError(f"{self.url}: answered {media}, not SPARQL results or RDF; is this a SPARQL endpoint?")
        graph = ox.Store()
        try:
            graph.load(body, rdf)
        except SyntaxError as exc:
            raise RemoteError(f"{self.url}: answered RDF that does not parse ({exc})") from None
        return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")


@contextmanager
def opened(store_path: Path, endpoint: str | None, timeout: float = 30.0) -> Iterator[ox.Store | RemoteStore]:
    """The graph to query: the server at ``endpoint`` when one is given, else the local store at ``store_path``."""
    if endpoint:
        yield RemoteStore(endpoint, timeout)
    else:
        with store.opened(store_path) as db:
            yield db


# -- publishing ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """One graph written to the server: its IRI (None: the default graph) and its triple count here.

    ``by_server``: the default graph is the server's union of the named graphs,
    not written but emptied of any earlier copy; it is checked by its distinct triples.
    """

    graph: str | None
    triples: int
    by_server: bool = False


@dataclass
class PublishResult:
    graphs: list[Published] = field(default_factory=list)
    #: (graph, triples here, triples there) where the server's count differs after publishing.
    mismatches: list[tuple[str, int, int]] = field(default_factory=list)
    #: Named graphs on the server this store does not hold (left from other builds), and those deleted.
    foreign: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    checked: bool = False


class GraphStore:
    """A SPARQL 1.1 Graph Store HTTP Protocol endpoint (indirect identification: ``?graph=IRI`` / ``?default``)."""

    def __init__(self, url: str, timeout: float = 300.0) -> None:
        self.endpoint = Endpoint(url, timeout)

    def put(self, graph: str | None, ntriples: bytes) -> None:
        """Replace ``graph`` (None: the default graph) with ``ntriples``, in one request."""
        url = self.endpoint.with_params(graph=graph) if graph else self.endpoint.with_params(default="")
        self.endpoint.request("PUT", url, ntriples, {"Content-Type": "application/n-triples"})

    def delete(self, graph: str) -> None:
        self.endpoint.request("DELETE", self.endpoint.with_params(graph=graph))


def _count(db: ox.Store | RemoteStore, graph: str | None, distinct: bool = False, named: bool = False) -> int:
    """Triples in ``graph`` (None: the default graph; with ``named``, the union of all named graphs)."""
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }" if named else "?s ?p ?o"
    if distinct:  # a union some servers repeat a triple in (one per graph stating it)
        where = f"SELECT DISTINCT ?s ?p ?o WHERE {{ {where} }}"
    rows = list(db.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0]["n"].value) if rows else 0


def publish(
    store_path: Path,
    graph_store: str,
    query_endpoint: str | None = None,
    default_graph: bool = True,
    prune: bool = False,
    timeout: float = 300.0,
    progress: Callable[[Published], None] | None = None,
) -> PublishResult:
    """Write the current graph of the store at ``store_path`` to the server, one graph per request.

    Every named graph (documents, ontology, lineage, findings) is PUT, which
    replaces it whole; then, with ``default_graph``, the union into the server's
    default graph, as the local store holds it (without it, the server must make
    its default graph the union of its named graphs; an earlier copy in it is
    emptied). With ``query_endpoint``,
    each graph's triple count on the server is compared with this store's
    afterwards, and named graphs the server holds that this store does not (a
    document built before and since removed or changed) are listed, and with
    ``prune`` deleted: nothing differs silently.
    """
    gsp = GraphStore(graph_store, timeout)
    result = PublishResult()
    with store.opened(store_path) as db:
        names = sorted({q.graph_name.value for q in store.named_quads(db)})
        for name in names:
            data = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
            gsp.put(name, data)
            result.graphs.append(Published(name, _count(db, name)))
            if progress:
                progress(result.graphs[-1])
        if default_graph:
            gsp.put(None, db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
            result.graphs.append(Published(None, _count(db, None)))
        else:  # the server's union of every named graph, views included; an earlier copy would otherwise stay in it
            gsp.put(None, b"")
            result.graphs.append(Published(None, _count(db, None, distinct=True, named=True), by_server=True))
        if progress:
            progress(result.graphs[-1])
    if query_endpoint:
        remote = RemoteStore(query_endpoint, timeout)
        for published in result.graphs:
            there = _count(remote, published.graph, distinct=published.by_server)
            if there != published.triples:
                result.mismatches.append((published.graph or "(default graph)", published.triples, there))
        served = {s["g"].value for s in remote.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
        result.foreign = sorted(served - set(names))
        if prune:
            for name in result.foreign:
                gsp.delete(name)
                result.deleted.append(name)
        result.checked = True
    return result


# -- serving ------------------------------------------------------------------------------------------------------

#: How long the served list of documents is kept before it is asked of the server again (it may be republished).
SNAPSHOT_SECONDS = 30.0
_DOCUMENTS = """PREFIX bkg: <https://w3id.org/beleidskg/def#>
SELECT ?graph ?file ?sha256 ?triples WHERE {
  { SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph }
  ?graph bkg:bestandsnaam ?file ; bkg:sha256 ?sha256 .
} ORDER BY ?file"""


class RemoteSnapshot:
    """What the web server needs of a store besides queries, read from the server: its documents.

    A server keeps no document texts, so a source span is shown by its
    description (its verbatim lines) rather than in the document's full text.
    """

    def __init__(self, db: RemoteStore) -> None:
        documents = [
            {"graph": s["graph"].value, "file": s["file"].value, "sha256": s["sha256"].value, "triples": int(s["triples"].value)}
            for s in db.query(_DOCUMENTS)
        ]
        self.manifest: dict = {"documents": documents, "skipped": []}
        data = json.dumps(self.manifest, sort_keys=True).encode("utf-8")
        self.fetched = time.monotonic()
        built = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.build = store.Build(f"endpoint {db.url}", built, hashlib.sha256(data).hexdigest())
        self.name = self.build.id

    def document_text(self, sha: str) -> str | None:
        return None


class RemotePool:
    """The server's query pool (:class:`beleidskg.workers.Pool`'s interface) over a SPARQL endpoint.

    Jobs run in threads against :class:`RemoteStore`: the SPARQL server does the
    work, so there is no process to kill; a query is bounded by the request's
    time limit (the server should have its own, e.g. ``oxigraph serve
    --timeout-s``), and answers are not kept, because the server's graph may be
    republished at any time.
    """

    def __init__(self, url: str, size: int, limits: Limits) -> None:
        self.limits = limits
        self.size = size
        self._db = RemoteStore(url, limits.timeout)
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="remote")
        self._snapshot = RemoteSnapshot(self._db)  # also: is the server there at all (else one line at start)

    @property
    def url(self) -> str:
        return self._db.url

    async def start(self) -> None:
        return None

    def snapshot(self) -> RemoteSnapshot:
        return self._snapshot

    async def run(self, job: Callable, **kwargs: object) -> object:
        """``job(RemoteStore, **kwargs)`` in a thread; a failure as :class:`QueryFailed`, as the local pool reports it."""
        loop = asyncio.get_running_loop()
        if time.monotonic() - self._snapshot.fetched > SNAPSHOT_SECONDS:
            with contextlib.suppress(RemoteError):
                self._snapshot = await loop.run_in_executor(self._threads, RemoteSnapshot, self._db)
        try:
            return await loop.run_in_executor(self._threads, functools.partial(job, self._db, **kwargs))
        except protocol.NotAcceptable as exc:
            raise QueryFailed(406, str(exc)) from None
        except RemoteError as exc:
            raise QueryFailed(502, str(exc)) from None

    async def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


# -- a local Oxigraph server, for trying publish, the tests and the benchmarks ----------------------------------


@contextmanager
def oxigraph_server(location: Path, union_default_graph: bool = False, startup: float = 30.0) -> Iterator[str]:
    """``oxigraph serve`` (the ``oxigraph`` package, a dev dependency) on a free loopback port; yields its base URL.

    Its query endpoint is ``URL/query``, its Graph Store endpoint ``URL/store``.
    The server is stopped (its process only) when the block ends.
    """
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).is_file():
        raise RemoteError("oxigraph: not installed (pip install oxigraph, or pip install -e '.[dev]')")
    with socket.socket() as probe:  # a free port; oxigraph binds it right after
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            if process.poll() is not None:
                raise RemoteError(f"oxigraph serve ended at start: {process.stderr.read().decode(errors='replace')[:300]}")
            try:
                RemoteStore(f"{url}/query", 5.0).query("ASK {}")
                break
            except RemoteError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
