"""The ``beleidskg`` command: build, query, export and stats over one store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from beleidskg import build as building
from beleidskg import docs, formats, graphs, resources, serve, store, templates, validate
from beleidskg.loaders import DocumentError

STORE_OPTION = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default="store",
    envvar="BELEIDSKG_STORE",
    show_default=True,
    help="Directory of the graph store.",
)
USER_ERRORS = (DocumentError, store.StoreError, templates.TemplateError)


def user_errors(func: Callable) -> Callable:
    """Report a user's error in one line naming what is wrong, exit 1, no traceback."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def parse_params(params: tuple[str, ...]) -> dict[str, str]:
    """``('od=OD 4', ...)`` as a dict; a pair without '=' is an error."""
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise templates.TemplateError(f"--param {item!r} is not KEY=VALUE")
        values[key.strip()] = value
    return values


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="beleidskg")
def main() -> None:
    """A knowledge graph of Flemish policy and budget documents, every fact traceable to its lines."""


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--validate", "run_validation", is_flag=True, help="Validate the new graph and store the findings with it.")
@click.option("--strict", is_flag=True, help="Fail (exit 1, store untouched) when a document was not read completely.")
@user_errors
def build_command(paths: tuple[Path, ...], store_path: Path, run_validation: bool, strict: bool) -> None:
    """Build a fresh graph from PATHS (files or folders; default: the bundled corpus).

    The store is replaced only when every document loaded. In a folder, a
    document of a kind no loader reads is reported and skipped; named
    explicitly, it is an error. With --validate, the validation summary is
    printed and the exit code is 1 when the graph violates a structural shape.
    """
    sources = list(paths) or [building.default_corpus()]

    def skipped(err: DocumentError) -> None:
        click.echo(f"skipped {err.path}: no loader recognises this kind of document", err=True)

    result = building.build(sources, store_path, on_skip=skipped, validate=run_validation, strict=strict)
    for d in result.documents:
        click.echo(f"loaded {d.doc.name}: {len(d.graph)} triples; read {d.report.summary()}")
        for gap in d.report.gaps:
            first, last, _ = d.doc.cite(*gap.span)
            click.echo(f"  gap, lines {first}-{last}: {gap.message} ({gap.kind})")
    total = sum(len(d.graph) for d in result.documents)
    click.echo(f"built {store_path}: {len(result.documents)} documents, {total} triples")
    if run_validation:
        click.echo("validated: " + validate.render_text(result.findings).rstrip("\n").rsplit("\n", 1)[-1])
        click.echo(f"(details: beleidskg validate --store {store_path}, or the 'consistency' template)")
        sys.exit(validate.exit_code(result.findings))


@main.command("validate")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "ttl"]), default="text", show_default=True)
@click.option("--rules", default="", metavar="ID,...", help="Run only these rules (ids as in shapes/*.ttl).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings (the documents' own inconsistencies) too.")
@user_errors
def validate_command(store_path: Path, fmt: str, rules: str, output: Path | None, strict: bool) -> None:
    """Validate the graph with the SHACL shapes: structure, and the documents' own consistency.

    Exit code 0 without violations, 1 with violations (with --strict: or
    warnings), 2 for usage errors such as an unknown rule id.
    """
    wanted = {r.strip() for r in rules.split(",") if r.strip()}
    try:
        with store.opened(store_path) as db:
            found, report = validate.run(db, wanted or None)
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
@click.pass_context
@user_errors
def query_command(
    ctx: click.Context,
    name: str | None,
    store_path: Path,
    params: tuple[str, ...],
    fmt: str,
    list_templates: bool,
    show_help: bool,
) -> None:
    """Run the SPARQL template NAME (see --list) against the store."""
    available = templates.load_all()
    if show_help and not name:
        click.echo(ctx.get_help())
        return
    if list_templates or not name:
        width = max(len(n) for n in available)
        for t in available.values():
            click.echo(f"{t.name.ljust(width)}  {t.summary}")
        return
    if name not in available:
        raise templates.TemplateError(f"no template named {name!r}; 'beleidskg query --list' shows them")
    template = available[name]
    if show_help:
        click.echo(template.help())
        return
    with store.opened(store_path) as db:
        result = templates.run(db, template, parse_params(params))
    click.echo(formats.render(result, fmt), nl=False)


@main.command("sparql")
@click.argument("query")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(formats.FORMATS), default="table", show_default=True)
@user_errors
def sparql_command(query: str, store_path: Path, fmt: str) -> None:
    """Run your own SELECT, ASK, CONSTRUCT or DESCRIBE (QUERY is a file or the query text).

    The default graph is the union of all documents' graphs; the store is
    opened read-only, so updates are refused. CONSTRUCT and DESCRIBE print N-Triples.
    """
    text = Path(query).read_text(encoding="utf-8") if Path(query).is_file() else query
    with store.opened(store_path) as db:
        answer = templates.ask(db, text)
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
@user_errors
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
@user_errors
def query_docs_command(store_path: Path, output: Path | None) -> None:
    """Write the templates' documentation, with example output from the store (a build of the bundled corpus)."""
    with store.opened(store_path) as db:
        text = docs.render(db)
    target = output or resources.folder("queries") / "README.md"
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}")


@main.command("serve")
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@user_errors
def serve_command(store_path: Path, host: str, port: int) -> None:
    """Serve the templates read-only over HTTP (GET /query/NAME?param=value&format=csv)."""
    with store.opened(store_path) as db:
        httpd = serve.server(db, host, port)
        click.echo(f"serving {store_path} read-only on http://{host}:{httpd.server_port}/ (Ctrl-C stops)")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            httpd.server_close()


@main.command("export")
@STORE_OPTION
@click.option("--format", "-f", "fmt", type=click.Choice(sorted(store.FORMATS)), default="nq", show_default=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@user_errors
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
@user_errors
def stats_command(store_path: Path, fmt: str) -> None:
    """Counts per class and per document (the 'classes' and 'documents' templates)."""
    available = templates.load_all()
    with store.opened(store_path) as db:
        for name in ("documents", "classes"):
            click.echo(formats.render(templates.run(db, available[name], {}), fmt))


if __name__ == "__main__":
    main()
