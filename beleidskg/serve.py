"""A read-only HTTP endpoint: every template result addressable and downloadable.

``GET /``                       the templates, as JSON
``GET /query/NAME?k=v&format=`` a template's result (json, csv, tsv, md; default json)
``GET /query/NAME/help``        a template's header
``GET /sparql?query=...``       an ad-hoc read query (SELECT, ASK, CONSTRUCT)

Only GET and HEAD are answered; the store is opened read-only, so nothing a
request carries can change the graph. Each request reads the store's current
build (:class:`beleidskg.store.Reader`), so a rebuilt store is served from the
next request on, and the ``X-Beleidskg-Build`` header says which build answered.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from beleidskg import formats, store, templates

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "md": "text/markdown",
    "table": "text/plain",
}


def make_handler(reader: store.Reader) -> type[BaseHTTPRequestHandler]:
    """A request handler answering from the current build of ``reader``'s store."""
    available = templates.load_all()

    class Handler(BaseHTTPRequestHandler):
        server_version = "beleidskg"

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            fmt = query.pop("format", "json")
            parts = [p for p in url.path.split("/") if p]
            try:
                snapshot = reader.current()
            except store.StoreError as exc:
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, f"{exc}\n", "table")
                return
            db, self.build = snapshot.db, snapshot.build
            try:
                if not parts:
                    listing = [
                        {"name": t.name, "summary": t.summary, "url": f"/query/{t.name}"} for t in available.values()
                    ]
                    self._send(HTTPStatus.OK, json.dumps(listing, indent=2), "json")
                elif parts[0] == "query" and len(parts) in (2, 3) and parts[1] in available:
                    template = available[parts[1]]
                    if len(parts) == 3 and parts[2] == "help":
                        self._send(HTTPStatus.OK, template.help() + "\n", "table")
                    else:
                        self._send(HTTPStatus.OK, formats.render(templates.run(db, template, query), fmt), fmt)
                elif parts == ["sparql"] and "query" in query:
                    answer = templates.ask(db, query["query"])
                    if isinstance(answer, templates.Result):
                        self._send(HTTPStatus.OK, formats.render(answer, fmt), fmt)
                    else:
                        self._send(HTTPStatus.OK, answer, "table")
                else:
                    self._send(HTTPStatus.NOT_FOUND, f"no such resource: {url.path}\n", "table")
            except (templates.TemplateError, ValueError) as exc:
                self._send(HTTPStatus.BAD_REQUEST, f"{exc}\n", "table")

        def do_POST(self) -> None:
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, "this endpoint is read-only\n", "table")

        do_PUT = do_DELETE = do_PATCH = do_POST

        def _send(self, status: HTTPStatus, body: str, fmt: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", CONTENT_TYPES.get(fmt, "text/plain") + "; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Access-Control-Allow-Origin", "*")
            if build := getattr(self, "build", None):
                self.send_header("X-Beleidskg-Build", build.header())
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet by default; the CLI prints where it listens."""

    return Handler


def server(reader: store.Reader, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
    return ThreadingHTTPServer((host, port), make_handler(reader))
