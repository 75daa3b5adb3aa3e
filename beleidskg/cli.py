"""The ``beleidskg`` command: build, query, export and stats over one store."""

from __future__ import annotations

import gc
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

# Only what every command needs is imported here; a command imports the rest itself
# (the build its loaders, validate pyshacl, serve starlette), so a query starts quickly.
from beleidskg import formats, graphs, store, templates
from beleidskg.limits import MAX_BYTES, WORKERS, Limits

STORE_OPTION = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default="store",
    envvar="BELEIDSKG_STORE",
    show_default=True,
    help="Directory of the graph store.",
)
TIMEOUT_OPTION = click.option(
    "--timeout",
    default=Limits.timeout,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Stop a query after this many seconds.",
)
MAX_ROWS_OPTION = click.option(
    "--max-rows",
    default=Limits.max_rows,
    show_default=True,
    type=click.IntRange(1),
    help="Refuse an answer of more rows (or triples) than this.",
)
ENDPOINT_OPTION = click.option(
    "--endpoint",
    metavar="URL",
    envvar="BELEIDSKG_ENDPOINT",
    help="Query this SPARQL 1.1 endpoint (a server 'beleidskg publish' wrote to) instead of --store.",
)

log = logging.getLogger("beleidskg")


class UserError(Exception):
    """A problem with what the user asked for (an option's value, the environment), reported in one line."""


def one_line(exc: BaseException) -> str:
    """What went wrong, on one line: a user's error as it is, anything else with its type and how to see more."""
    from beleidskg.loaders.source import DocumentError  # here: a query need not import the loaders

    if isinstance(exc, (DocumentError, store.StoreError, templates.TemplateError, UserError)):
        text = str(exc)
    elif isinstance(exc, OSError):
        text = f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else exc.strerror or str(exc)
    else:
        text = f"unexpected {type(exc).__name__}: {exc} (beleidskg --debug ... shows the traceback)"
    return re.sub(r"\s*\n\s*", " ", text.strip())


class Main(click.Group):
    """The command group: every error a command raises becomes one line on stderr and exit code 1."""

    def __call__(self, *args: object, **kwargs: object) -> object:
        """Run as the program (the ``beleidskg`` script, ``python -m beleidskg.cli``; tests call :meth:`main`).

        The process ends with the command, so the objects of the modules imported by now stay until then:
        frozen, the garbage collector leaves them alone, also in the interpreter's last collections,
        which otherwise take a tenth of a query's time at exit.
        """
        gc.freeze()
        return super().__call__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if ctx.meta.get("beleidskg.debug"):
                raise
            click.echo(f"error: {one_line(exc)}", err=True)
            ctx.exit(1)


class EchoHandler(logging.Handler):
    """Diagnostics to the current stderr (click's, so tests capture them), prefixed with their level."""

    def emit(self, record: logging.LogRecord) -> None:
        prefix = "" if record.levelno == logging.INFO else record.levelname.lower() + ": "
        click.echo(prefix + record.getMessage(), err=True)


def configure_logging(debug: bool) -> None:
    if not any(isinstance(h, EchoHandler) for h in log.handlers):
        log.addHandler(EchoHandler())
        log.propagate = False
    log.setLevel(logging.DEBUG if debug else logging.INFO)


@contextmanager
def graph_of(store_path: Path, endpoint: str | None, timeout: float = Limits.timeout) -> Iterator:
    """The graph a reading command queries: the SPARQL server at ``endpoint`` if given, else the local store."""
    if endpoint:
        from beleidskg import remote  # only when asked for

        yield remote.RemoteStore(endpoint, timeout)
    else:
        with store.opened(store_path) as db:
            yield db


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """End the process when the query inside runs past ``seconds``.

    Oxigraph cannot cancel a running query, but it lets go of Python's lock while
    it works, so a timer thread can still end the process, which frees all the
    query's memory (the server stops its worker processes the same way).
    """

    def expire() -> None:
        click.echo(f"error: the query ran longer than {seconds:g} s and was stopped (narrow it, or raise --timeout)", err=True)
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def parse_params(params: tuple[str, ...]) -> dict[str, str]:
    """``('od=OD 4', ...)`` as a dict; a pair without '=' is an error."""
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise templates.TemplateError(f"--param {item!r} is not KEY=VALUE")
        values[key.strip()] = value
    return values


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="beleidskg")
@click.option("--debug", is_flag=True, envvar="BELEIDSKG_DEBUG", help="Show debug messages and an error's traceback.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """A knowledge graph of Flemish policy and budget documents, every fact traceable to its lines.

    Exit codes: 0 success, 1 an error (one line on stderr; --debug shows the
    traceback) or a graph that violates a structural shape, 2 a usage error.
    """
    ctx.meta["beleidskg.debug"] = debug
    configure_logging(debug)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--validate", "run_validation", is_flag=True, help="Validate the new graph and store the findings with it.")
@click.option("--strict", is_flag=True, help="Fail (exit 1, store untouched) when a document was not read completely.")
@click.option(
    "--accept-violations",
    is_flag=True,
    help="With --validate: replace the store even when the new graph violates a structural shape.",
)
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=MAX_BYTES / 2**20,
    envvar="BELEIDSKG_MAX_FILE_MB",
    show_default=True,
    help="Refuse a document larger than this many megabytes.",
)
@click.option(
    "--add",
    "added",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Add this one document to the store's graph (or replace the one of the same file name), keeping the others.",
)
def build_command(
    paths: tuple[Path, ...],
    store_path: Path,
    run_validation: bool,
    strict: bool,
    accept_violations: bool,
    max_file_mb: float,
    added: Path | None,
) -> None:
    """Build a fresh graph from PATHS (files or folders; default: the bundled corpus).

    The store is replaced only when every document loaded. In a folder, a
    document of a kind no loader reads is reported and skipped; named
    explicitly, it is an error. With --validate, the validation summary is
    printed; a graph that violates a structural shape leaves the old store in
    place and exits 1 (with --accept-violations it replaces the store, still exit 1).
    A second build of the same store waits until the first has finished.
    With --add FILE, the other documents' graphs are kept as they are.
    """
    from beleidskg import build as building
    from beleidskg import validate

    if added is not None and paths:
        raise click.UsageError("--add takes one document; give no other PATHS with it")
    options = {"validate": run_validation, "strict": strict, "accept_violations": accept_violations}
    if added is not None:
        result = building.add(added, store_path, max_bytes=int(max_file_mb * 2**20), **options)
    else:
        sources = list(paths) or [building.default_corpus()]
        result = building.build(sources, store_path, max_bytes=int(max_file_mb * 2**20), **options)
    for d in result.documents:
        click.echo(f"loaded {d.doc.name}: {building.triple_count(d)} triples; read {d.report.summary()}")
        for gap in d.report.gaps:
            first, last, _ = d.doc.cite(*gap.span)
            click.echo(f"  gap, lines {first}-{last}: {gap.message} ({gap.kind})")
        for part, message, span in d.report.notes:
            where = "lines {}-{}: ".format(*d.doc.cite(*span)[:2]) if span else ""
            click.echo(f"  note, {where}{message} ({part})")
    total = sum(building.triple_count(d) for d in result.documents)
    if result.stored and added is not None:
        click.echo(f"added {added.name} to {store_path}: {total} triples; the other documents kept")
    elif result.stored:
        click.echo(f"built {store_path}: {len(result.documents)} documents, {total} triples")
    if run_validation:
        click.echo("validated: " + validate.render_text(result.findings).rstrip("\n").rsplit("\n", 1)[-1])
        click.echo(f"(details: beleidskg validate --store {store_path}, or the 'consistency' template)")
        if not result.stored:
            log.error("%s: kept; the new graph violates structural shapes (--accept-violations stores it)", store_path)
        sys.exit(validate.exit_code(result.findings))


@main.command("validate")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "ttl"]), default="text", show_default=True)
@click.option("--rules", default="", metavar="ID,...", help="Run only these rules (ids as in shapes/*.ttl).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings (the documents' own inconsistencies) too.")
@ENDPOINT_OPTION
@TIMEOUT_OPTION
def validate_command(
    store_path: Path, fmt: str, rules: str, output: Path | None, strict: bool, endpoint: str | None, timeout: float
) -> None:
    """Validate the graph with the SHACL shapes: structure, and the documents' own consistency.

    With --endpoint, the SPARQL-based rules (the consistency rules) run on the
    server; the structural shapes are not run there (they need the whole graph
    in this process: 'build --validate' checks them before 'publish').
    Exit code 0 without violations, 1 with violations (with --strict: or
    warnings), 2 for usage errors such as an unknown rule id.
    """
    from beleidskg import validate

    wanted = {r.strip() for r in rules.split(",") if r.strip()}
    try:
        if endpoint:
            structural = validate.structural_rule_ids(validate.shapes_graph())
            if wanted & set(structural):
                raise validate.ValidationError(
                    f"{', '.join(sorted(wanted & set(structural)))}: structural rules are not run against an endpoint "
                    "(build --validate checks them before publish)"
                )
        with graph_of(store_path, endpoint, timeout) as db:
            found, report = validate.run(db, wanted or None, structure=not endpoint)
        if endpoint:
            log.info("structural shapes (%d rules) not run against an endpoint; build --validate checks them", len(structural))
    except validate.ValidationError as exc:
        raise click.UsageError(str(exc)) from None
    text = {"text": validate.render_text, "json": validate.render_json}.get(fmt)
    out = text(found) if text else report.serialize(format="turtle")
    if output:
        output.write_text(out, encoding="utf-8")
    else:
        click.echo(out, nl=False)
    sys.exit(validate.exit_code(found, strict))


@main.command("query", add_help_option=False)
@click.argument("name", required=False)
@STORE_OPTION
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A template parameter (repeatable).")
@click.option("--format", "-f", "fmt", type=click.Choice(formats.FORMATS), default="table", show_default=True)
@click.option("--list", "list_templates", is_flag=True, help="List the templates with a one-line summary.")
@click.option("--help", "-h", "show_help", is_flag=True, help="Show this help, or a template's header with NAME.")
@TIMEOUT_OPTION
@MAX_ROWS_OPTION
@ENDPOINT_OPTION
@click.pass_context
def query_command(
    ctx: click.Context,
    name: str | None,
    store_path: Path,
    endpoint: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_templates: bool,
    show_help: bool,
    timeout: float,
    max_rows: int,
) -> None:
    """Run the SPARQL template NAME (see --list) against the store."""
    if show_help and not name:
        click.echo(ctx.get_help())
        return
    if list_templates or not name:
        available = templates.load_all()
        width = max(len(n) for n in available)
        for t in available.values():
            click.echo(f"{t.name.ljust(width)}  {t.summary}")
        return
    template = templates.load(name)
    if show_help:
        click.echo(template.help())
        return
    values = parse_params(params)
    with graph_of(store_path, endpoint, timeout) as db, deadline(timeout):
        result = templates.run(db, template, values, max_rows)
    click.echo(formats.render(result, fmt), nl=False)


@main.command("sparql")
@click.argument("query")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(formats.FORMATS), default="table", show_default=True)
@TIMEOUT_OPTION
@MAX_ROWS_OPTION
@ENDPOINT_OPTION
def sparql_command(query: str, store_path: Path, fmt: str, timeout: float, max_rows: int, endpoint: str | None) -> None:
    """Run your own SELECT, ASK, CONSTRUCT or DESCRIBE (QUERY is a file or the query text).

    The default graph is the union of all documents' graphs; the store is
    opened read-only, so updates are refused, and so is SERVICE (no query calls
    another host). CONSTRUCT and DESCRIBE print N-Triples.
    """
    if Path(query).is_file():
        from beleidskg.loaders.source import read_text  # read as a document is (size, encoding), and only then imported

        text = read_text(Path(query))
    else:
        text = query
    templates.check_query(text)
    with graph_of(store_path, endpoint, timeout) as db, deadline(timeout):
        answer = templates.ask(db, text, max_rows)
    if isinstance(answer, templates.Result):
        click.echo(formats.render(answer, fmt), nl=False)
    else:
        click.echo(answer, nl=False)


@main.command("graph")
@click.argument("kind", type=click.Choice(graphs.KINDS))
@STORE_OPTION
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A template parameter (repeatable).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="A .graphml file, or an .svg/.png picture.",
)
def graph_command(kind: str, store_path: Path, params: tuple[str, ...], output: Path) -> None:
    """Export the funding network or the compensation flows between articles, and check reachability."""
    with store.opened(store_path) as db:
        g = getattr(graphs, kind)(db, parse_params(params))
    graphs.write(g, output)
    for line in graphs.checks(g):
        click.echo(line)
    click.echo(f"wrote {output}")


@main.command("query-docs")
@STORE_OPTION
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Default: queries/README.md.")
def query_docs_command(store_path: Path, output: Path | None) -> None:
    """Write the templates' documentation, with example output from the store (a build of the bundled corpus)."""
    from beleidskg import docs, resources

    with store.opened(store_path) as db:
        text = docs.render(db)
    target = output or resources.folder("queries") / "README.md"
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}")


@main.command("serve")
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--workers", default=WORKERS, show_default=True, type=click.IntRange(1, 32), help="Query worker processes.")
@TIMEOUT_OPTION
@MAX_ROWS_OPTION
@click.option(
    "--worker-memory",
    default=Limits.memory_mib,
    show_default=True,
    type=click.IntRange(0),
    help="Address space a query may add to its worker, beyond the open store (MiB; 0: no cap).",
)
@click.option(
    "--licence", show_default="EUPL-1.2", help="IRI of the licence the dataset description states."
)
@ENDPOINT_OPTION
def serve_command(
    store_path: Path,
    host: str,
    port: int,
    workers: int,
    timeout: float,
    max_rows: int,
    worker_memory: int,
    licence: str | None,
    endpoint: str | None,
) -> None:
    """Serve the SPARQL endpoint (/sparql), the templates (/query/NAME) and the web interface (/), read-only.

    A build into the served store is picked up from the next request on. With
    --endpoint, the same interface answers from that SPARQL server instead
    (--workers threads send it the queries; it does the work).
    """
    from beleidskg import linked, serve

    limits = Limits(timeout=timeout, max_rows=max_rows, memory_mib=worker_memory)
    if endpoint:
        from beleidskg import remote  # only when asked for

        pool = remote.RemotePool(endpoint, workers, limits)
        build, source = pool.snapshot().build, pool.url
    else:
        pool, build, source = None, store.Reader(store_path).current().build, str(store_path)
    try:
        sock = serve.listen(host, port)
    except OSError as exc:
        raise UserError(f"--host {host} --port {port}: cannot listen there ({exc.strerror})") from None
    server = serve.server(store_path, limits, workers, licence or linked.DEFAULT_LICENCE, pool=pool)
    url = f"http://{host}:{sock.getsockname()[1]}"
    click.echo(f"serving {source} (build {build.id}) read-only on {url}/ (SPARQL endpoint {url}/sparql; Ctrl-C stops)")
    server.run(sockets=[sock])


@main.command("publish")
@STORE_OPTION
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    envvar="BELEIDSKG_GRAPH_STORE",
    help="The server's SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://HOST:7878/store).",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    envvar="BELEIDSKG_ENDPOINT",
    help="The server's query endpoint, to check the counts afterwards (Oxigraph: http://HOST:7878/query).",
)
@click.option(
    "--default-graph/--no-default-graph",
    default=True,
    show_default=True,
    help="Also write the union into the default graph (off: the server makes its default graph the union itself).",
)
@click.option("--prune", is_flag=True, help="Delete named graphs the server holds and this store does not.")
@click.option(
    "--timeout", default=300.0, show_default=True, type=click.FloatRange(min=0, min_open=True), help="Seconds per request."
)
def publish_command(
    store_path: Path, endpoint: str, query_endpoint: str | None, default_graph: bool, prune: bool, timeout: float
) -> None:
    """Write the store's graph to a SPARQL server, one graph per request (Graph Store Protocol PUT).

    Each document's named graph, the ontology, the lineage and the findings are
    replaced whole (PUT), then the union is written into the default graph,
    which the templates query. With --query-endpoint, every graph's triple count
    on the server is compared with the store's (exit 1 when one differs) and
    graphs the server holds that the store does not are named (--prune deletes them).
    """
    from beleidskg import remote  # only when asked for

    def progress(p: remote.Published) -> None:
        if p.by_server:
            click.echo(f"emptied the default graph (the server's union of the named graphs: {p.triples} triples)")
        else:
            click.echo(f"put {p.graph or '(default graph: the union)'}: {p.triples} triples")

    result = remote.publish(store_path, endpoint, query_endpoint, default_graph, prune, timeout, progress)
    for name in result.foreign:
        if name in result.deleted:
            click.echo(f"deleted {name}: not in {store_path}")
        else:
            log.warning("%s: on the server but not in %s (built before?); --prune deletes it", name, store_path)
    if not result.checked:
        click.echo(f"published {len(result.graphs)} graphs (not checked: give --query-endpoint to compare counts)")
        return
    for graph, here, there in result.mismatches:
        log.error("%s: %d triples in %s, %d on the server", graph, here, store_path, there)
    if result.mismatches:
        hint = (
            "; the server's default graph is not what was written: does the server add its named graphs to it "
            "(Oxigraph --union-default-graph, Fuseki unionDefaultGraph)? then publish with --no-default-graph"
            if any(g == "(default graph)" for g, _, _ in result.mismatches)
            else "; was the server written to meanwhile? publish again"
        )
        raise UserError(f"{query_endpoint}: {len(result.mismatches)} graph(s) differ after publishing{hint}")
    click.echo(f"published {len(result.graphs)} graphs; the server's counts match")


@main.command("export")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(sorted(store.FORMATS)), default="nq", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
def export_command(store_path: Path, fmt: str, output: Path | None) -> None:
    """Export the whole graph (nt and nq sorted, for comparing builds)."""
    with store.opened(store_path) as db:
        data = store.export(db, fmt)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.command("stats")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(formats.FORMATS), default="table", show_default=True)
@ENDPOINT_OPTION
def stats_command(store_path: Path, fmt: str, endpoint: str | None) -> None:
    """Counts per class and per document (the 'classes' and 'documents' templates)."""
    with graph_of(store_path, endpoint) as db:
        for name in ("documents", "classes"):
            click.echo(formats.render(templates.run(db, templates.load(name), {}), fmt))


if __name__ == "__main__":
    main()
