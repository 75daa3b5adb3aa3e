"""The web server: a SPARQL 1.1 Protocol endpoint and the templates, read-only, safe by default.

``GET|POST /sparql``            SPARQL 1.1 Protocol queries (GET ``query=``, POST form or
                                ``application/sparql-query``), answers by ``Accept``
``GET /query/NAME?k=v``         a template's rows, by ``Accept`` or ``format=json|csv|tsv|md``
``GET /query/NAME/help``        a template's header
``GET /``                       the template list (JSON)

Built on Starlette and uvicorn. Queries run in worker processes
(:mod:`beleidskg.workers`) with a time, row and memory limit; updates and
``SERVICE`` are refused; request bodies, request heads and idle connections
are bounded in size and time, so neither a runaway query nor a slow client
can hold the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from beleidskg import linked, protocol, resources, store, templates, web
from beleidskg.limits import WORKERS, Limits
from beleidskg.loaders.vocab import ID
from beleidskg.workers import Pool, QueryFailed

#: A request's head must arrive within this many seconds of its first byte (or of the connection).
HEAD_SECONDS = 10.0
#: A request's body must arrive within this many seconds, and be at most this large.
BODY_SECONDS = 10.0
MAX_BODY_BYTES = 2 * templates.MAX_QUERY_CHARS
#: uvicorn's limits: idle keep-alive connections, open connections, a request head's size.
KEEP_ALIVE_SECONDS = 5
MAX_CONNECTIONS = 1000
MAX_HEAD_BYTES = 64 * 1024
METHODS = "GET, HEAD, POST, OPTIONS"
#: A path that can be part of an IRI as it stands (nothing that could end or break the IRI in a query).
_IRI_PATH_RE = re.compile(r"/id/[^\s<>\"{}|^`\\]+")
_DOC_SPAN_RE = re.compile(r"^(/id/doc/[0-9a-f]+)/regels/(\d+)-(\d+)$")


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class BoundedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1, but a request head must be complete within :data:`HEAD_SECONDS`.

    uvicorn times out idle keep-alive connections but not a connection that
    sends nothing, or sends its head a byte at a time; without this, such
    clients would hold connections open for ever.
    """

    _head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_deadline()

    def data_received(self, data: bytes) -> None:
        if self._head_deadline is None and self._between_requests():
            self._arm_head_deadline()
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
        super().connection_lost(exc)

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm_head_deadline(self) -> None:
        self._head_deadline = self.loop.call_later(HEAD_SECONDS, self._head_deadline_passed)

    def _head_deadline_passed(self) -> None:
        self._head_deadline = None
        if self._between_requests() and not self.transport.is_closing():
            self.transport.close()


def _documents(snapshot: store.Snapshot) -> dict[str, str]:
    """File name -> document IRI, for linking a row's source lines to the document's text."""
    return {d["file"]: d["graph"] for d in snapshot.manifest["documents"]}


class BuildHeader:
    """ASGI middleware: every answer says which build of the store was current (``X-Beleidskg-Build``)."""

    def __init__(self, app: ASGIApp, pool: Pool) -> None:
        self.app = app
        self.pool = pool

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                with contextlib.suppress(store.StoreError):
                    build = self.pool.snapshot().build.header()
                    message.setdefault("headers", []).append((b"x-beleidskg-build", build.encode("latin-1")))
            await send(message)

        await self.app(scope, receive, with_header)


def create_app(
    store_path: Path,
    limits: Limits | None = None,
    workers: int = WORKERS,
    licence: str = linked.DEFAULT_LICENCE,
    pool: Pool | None = None,
) -> Starlette:
    """The ASGI application answering from the store at ``store_path`` with ``workers`` query processes.

    ``licence`` is the IRI of the licence the dataset description states;
    ``pool``, when given, answers instead of the store (``remote.RemotePool``: a SPARQL server).
    """
    pool = pool or Pool(store_path, workers, limits)
    available = templates.load_all()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    async def index(request: Request) -> Response:
        if _wants_html(request):
            return HTMLResponse(web.index_page(available))
        listing = [{"name": t.name, "summary": t.summary, "url": f"/query/{t.name}"} for t in available.values()]
        return JSONResponse(listing)

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": METHODS})
        query, default_graph, named_graphs = await _protocol_request(request)
        if query is None and request.method in ("GET", "HEAD"):
            if _wants_html(request):
                return HTMLResponse(web.editor_page())
            media = _rdf_media(request)
            return _answer(linked.service_description(_base(request), pool.snapshot().manifest, media))
        if query is None:
            raise HttpError(400, "no query: send query=... (GET or POST form) or POST application/sparql-query")
        if not query.strip():
            raise HttpError(400, "the query is empty")
        templates.check_query(query)
        params = request.query_params
        accept = protocol.accept_with_hint(request.headers.get("accept", ""), params.get("format") or params.get("output"))
        answer = await pool.run(
            protocol.answer,
            query=query,
            accept=accept,
            default_graph=default_graph,
            named_graphs=named_graphs,
            max_rows=pool.limits.max_rows,
        )
        return _answer(answer)

    async def template(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in available:
            raise HttpError(404, f"no template named {name!r}; GET / lists them")
        t = available[name]
        if request.path_params.get("rest") == "help":
            return PlainTextResponse(t.help() + "\n")
        fmt = request.query_params.get("format")
        # an empty form field is a parameter not given
        values = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
        if fmt is None and _wants_html(request):
            return await template_page(request, t, values)
        t.bind(values)  # refuse unknown or ill-typed parameters before a worker is taken
        answer = await pool.run(
            protocol.template_answer,
            name=name,
            values=values,
            accept=request.headers.get("accept", ""),
            fmt=fmt,
            max_rows=pool.limits.max_rows,
        )
        return _answer(answer)

    async def template_page(request: Request, t: templates.Template, values: dict[str, str]) -> Response:
        kinds = sorted({p.choices for p in t.params if p.choices in web.CHOICES})
        choices = await pool.run(web.choice_lists, kinds=kinds)
        result, error, status = None, None, 200
        if request.query_params or not t.params:  # the form was sent (or there is nothing to fill in)
            try:
                t.bind(values)
                result = await pool.run(web.rows, name=t.name, values=values, max_rows=pool.limits.max_rows)
            except templates.TemplateError as exc:
                error, status = str(exc), 400
            except QueryFailed as exc:
                error, status = exc.message, exc.status
        documents = _documents(pool.snapshot())
        return HTMLResponse(web.template_page(t, values, choices, result, error, documents), status_code=status)

    async def findings(request: Request) -> Response:
        result = await pool.run(web.rows, name="consistency", values={"lang": "nl"}, max_rows=pool.limits.max_rows)
        return HTMLResponse(web.findings_page(result, _documents(pool.snapshot())))

    async def network(request: Request) -> Response:
        legislature = request.query_params.get("legislature") or None
        choices = await pool.run(web.choice_lists, kinds=["legislature"])
        return HTMLResponse(web.network_page(legislature, choices["legislature"]))

    async def network_svg(request: Request) -> Response:
        legislature = request.query_params.get("legislature")
        values = {"legislature": legislature} if legislature else {}
        answer = await pool.run(web.network_svg, values=values)
        return _answer(answer)

    async def entity(request: Request) -> Response:
        """An IRI of the graph: a source span's lines, or the entity's description (HTML or RDF)."""
        path = "/id/" + request.path_params["path"]
        if not _IRI_PATH_RE.fullmatch(path):
            raise HttpError(404, f"no such resource: {path}")
        iri = str(ID) + path[len("/id/") :]
        html = _wants_html(request) and request.query_params.get("format") is None
        span = _DOC_SPAN_RE.match(path)
        by_path = {web.local_path(d["graph"]): d for d in pool.snapshot().manifest["documents"]}
        doc = by_path.get(span.group(1)) if html and span else None
        text = pool.snapshot().document_text(doc["sha256"]) if doc else None
        if doc and text is not None:  # a SPARQL server keeps no texts: the span's description shows its lines
            first, last = int(span.group(2)), int(span.group(3))
            if not 1 <= first <= last <= text.count("\n") + 1:
                raise HttpError(404, f"no lines {first}-{last} in {doc['file']}")
            return HTMLResponse(web.document_page(doc["file"], text, first, last, doc["graph"]))
        if html:
            described = await pool.run(linked.describe, iri=iri, max_rows=pool.limits.max_rows)
            if described is None:
                raise HttpError(404, f"the graph says nothing of {iri}")
            return HTMLResponse(web.describe_page(described, _documents(pool.snapshot())))
        answer = await pool.run(linked.entity_rdf, iri=iri, media=_rdf_media(request), max_rows=pool.limits.max_rows)
        if answer is None:
            raise HttpError(404, f"the graph says nothing of {iri}")
        return _answer(answer)

    async def dataset(request: Request) -> Response:
        """The VoID + DCAT description of the dataset (HTML shows its Turtle)."""
        html = _wants_html(request) and request.query_params.get("format") is None
        media = "text/turtle" if html else _rdf_media(request)
        manifest = pool.snapshot().manifest
        answer = await pool.run(linked.void, base=_base(request), manifest=manifest, licence=licence, media=media)
        return HTMLResponse(web.dataset_page(answer.body.decode("utf-8"))) if html else _answer(answer)

    async def ontology(request: Request) -> Response:
        return FileResponse(resources.folder("ontology") / "beleidskg.ttl", media_type="text/turtle")

    async def errors(request: Request, exc: Exception) -> Response:
        status, message = {
            HttpError: lambda e: (e.status, e.message),
            QueryFailed: lambda e: (e.status, e.message),
            store.StoreError: lambda e: (503, str(e)),
        }.get(type(exc), lambda e: (400, str(e)))(exc)
        return PlainTextResponse(message + "\n", status_code=status)

    routes = [
        Route("/", index),
        Route("/sparql", sparql, methods=["GET", "POST", "OPTIONS"]),
        Route("/query/{name}", template),
        Route("/query/{name}/{rest:path}", _help_only(template)),
        Route("/bevindingen", findings),
        Route("/netwerk", network),
        Route("/netwerk.svg", network_svg),
        Route("/id/{path:path}", entity),
        Route("/dataset", dataset),
        Route("/.well-known/void", dataset),
        Route("/def", ontology),
        Mount("/static", StaticFiles(directory=resources.folder("static"))),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HttpError: errors, QueryFailed: errors, templates.TemplateError: errors, store.StoreError: errors},
        middleware=[
            Middleware(
                CORSMiddleware, allow_origins=["*"], allow_methods=METHODS.split(", "), allow_headers=["*"], max_age=86400
            ),
            Middleware(BuildHeader, pool=pool),
        ],
    )


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _rdf_media(request: Request) -> str:
    """The RDF media type the client prefers (``format=ttl|jsonld|nt`` as a hint); 406 if none."""
    accept = protocol.accept_with_hint(request.headers.get("accept", ""), request.query_params.get("format"))
    media = protocol.choose(accept, linked.RDF_TYPES)
    if media is None:
        raise HttpError(406, f"this resource answers as one of: {', '.join(linked.RDF_TYPES)}")
    return media


def _answer(answer: protocol.Answer) -> Response:
    return Response(answer.body, media_type=answer.media_type)


def _wants_html(request: Request) -> bool:
    """A browser: it prefers HTML to JSON (clients without an Accept header get JSON, as they always did)."""
    return protocol.choose(request.headers.get("accept", ""), ("application/json", "text/html")) == "text/html"


def _help_only(endpoint):
    """``/query/NAME/help`` is a template's header; any other path below a template is not a resource."""

    async def wrapped(request: Request) -> Response:
        if request.path_params["rest"] != "help":
            raise HttpError(404, f"no such resource: {request.url.path}")
        return await endpoint(request)

    return wrapped


async def _protocol_request(request: Request) -> tuple[str | None, list[str], list[str]]:
    """The query and dataset of a SPARQL Protocol request (query operation only: updates are refused)."""
    params = request.query_params
    fields: dict[str, list[str]] = {k: params.getlist(k) for k in params}
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _body(request)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, "the request body is not UTF-8") from None
        if media == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                fields.setdefault(k, []).extend(v)
        elif media == "application/sparql-query":
            if "query" in fields:
                raise HttpError(400, "a POST of application/sparql-query carries the query in its body, not in query=")
            fields["query"] = [text]
        elif media == "application/sparql-update":
            raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
        else:
            raise HttpError(415, "POST application/x-www-form-urlencoded or application/sparql-query")
    if "update" in fields:
        raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused")
    queries = fields.get("query", [])
    if len(queries) > 1:
        raise HttpError(400, "give one query= parameter")
    return (queries[0] if queries else None), fields.get("default-graph-uri", []), fields.get("named-graph-uri", [])


async def _body(request: Request) -> bytes:
    """The request body, at most :data:`MAX_BODY_BYTES`, arriving within :data:`BODY_SECONDS`."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise HttpError(413, f"the request body may be at most {MAX_BODY_BYTES} bytes")

    async def read() -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise HttpError(413, f"the request body may be at most {MAX_BODY_BYTES} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(read(), BODY_SECONDS)
    except TimeoutError:
        raise HttpError(408, f"the request body did not arrive within {BODY_SECONDS:g} s") from None


def listen(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free port); the caller learns the port before serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(2048)
    return sock


def server(
    store_path: Path,
    limits: Limits | None = None,
    workers: int = WORKERS,
    licence: str = linked.DEFAULT_LICENCE,
    pool: Pool | None = None,
) -> uvicorn.Server:
    """A uvicorn server for the store (or ``pool``), with the connection limits above; run it with ``.run(sockets=[...])``."""
    config = uvicorn.Config(
        create_app(store_path, limits, workers, licence, pool),
        http=BoundedH11Protocol,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        limit_concurrency=MAX_CONNECTIONS,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        backlog=2048,
        lifespan="on",
        log_level="warning",
        access_log=False,
    )
    return uvicorn.Server(config)



@contextmanager
def running(
    store_path: Path, limits: Limits | None = None, workers: int = 2, host: str = "127.0.0.1", pool: Pool | None = None
) -> Iterator[str]:
    """A server on a free loopback port in a thread, for tests; yields its base URL (two workers: enough there)."""
    sock = listen(host, 0)
    srv = server(store_path, limits, workers, pool=pool)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not srv.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        srv.should_exit = True
        thread.join(30)
        sock.close()
