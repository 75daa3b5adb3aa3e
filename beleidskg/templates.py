"""SPARQL templates: plain ``.rq`` files with a small metadata header.

The header is YAML in ``#+`` comment lines (as grlc does): ``summary``,
``group`` (the researcher's question it helps answer, which the web
interface groups by), ``description``, ``params`` and ``columns``; a
parameter's ``choices`` names the list of values the web interface offers
for it from the graph (``article``, ``goal``, ``document``, ``measure`` ...). A parameter ``x`` is the variable
``?_x`` (grlc's convention, so parameters never collide with output columns);
its value is bound as a typed RDF term in a ``VALUES`` block placed at the
start of the outermost ``WHERE`` group, ``UNDEF`` when not given, so a
template tests it with ``FILTER(!BOUND(?_x) || ...)``. User text is serialised
as an escaped RDF literal and can never change the query's structure.

Every query, a template's or a user's, passes :func:`check_query` first: it is
bounded in size and may not call out with ``SERVICE`` (Oxigraph would send an
HTTP request to any address a query names). Results are bounded in rows.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
import yaml

from beleidskg import resources
from beleidskg.limits import MAX_ROWS

T = TypeVar("T")

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = ("string", "integer", "decimal", "iri")
_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)

#: The bound on a query's text (that on its answer's rows, ``MAX_ROWS``, is one of the user's limits).
MAX_QUERY_CHARS = 100_000
#: SPARQL applies \\u and \\U escapes to the whole query text before parsing (SPARQL 1.1, 19.2).
_CODEPOINT_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: What cannot hold a keyword: strings (long and short), IRIs and comments.
_NOT_KEYWORDS_RE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
    re.DOTALL,
)
_SERVICE_RE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


class TemplateError(Exception):
    """A template file that is malformed, or a call that does not fit it."""


class QueryRefused(TemplateError):
    """A query this tool will not run: too long, calling out with SERVICE, or with too large an answer."""


def check_query(query: str) -> None:
    """Refuse a query that is too long or holds a ``SERVICE`` clause, before anything runs it.

    The keyword is looked for outside strings, IRIs and comments, after the
    codepoint escapes SPARQL applies first; anything that merely looks like it
    (a variable ``?service``, a prefixed name ``ex:service``) is not refused,
    but an unparsable text that might hide one is: refusing is the safe side.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query has {len(query)} characters; at most {MAX_QUERY_CHARS} are accepted")
    text = _CODEPOINT_RE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    if _SERVICE_RE.search(_NOT_KEYWORDS_RE.sub(" ", text)):
        raise QueryRefused("SERVICE is refused: this endpoint queries its own graph only and never calls other hosts")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str = "string"
    required: bool = False
    default: str | None = None
    example: str | None = None
    description: str = ""
    choices: str | None = None

    def term(self, raw: str) -> ox.Literal | ox.NamedNode:
        """``raw`` as the RDF term this parameter's type asks for."""
        try:
            if self.type == "integer":
                return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
            if self.type == "decimal":
                return ox.Literal(format(Decimal(raw.replace(",", ".")), "f"), datatype=ox.NamedNode(XSD + "decimal"))
            if self.type == "iri":
                if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+", raw):
                    raise ValueError
                return ox.NamedNode(raw)
        except (ValueError, InvalidOperation):
            raise TemplateError(f"parameter {self.name!r} must be of type {self.type}, got {raw!r}") from None
        return ox.Literal(raw)

    def describe(self) -> str:
        need = "required" if self.required else f"optional, default {self.default!r}" if self.default else "optional"
        example = f", e.g. {self.example}" if self.example else ""
        return f"{self.name} ({self.type}, {need}{example}){': ' + self.description if self.description else ''}"


# libyaml's safe loader when PyYAML was built with it: a query reads every header at start,
# and the pure-Python parser takes a tenth of a second for them.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    summary: str
    description: str
    params: tuple[Parameter, ...]
    columns: tuple[str, ...]
    body: str
    group: str = ""

    @classmethod
    def from_file(cls, path: Path) -> Template:
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line[2:].removeprefix(" ") for line in text.splitlines() if line.startswith("#+"))
        try:
            meta = yaml.load(header, Loader=_YAML_LOADER) or {}
        except yaml.YAMLError as exc:
            raise TemplateError(f"{path}: header is not valid YAML ({exc})") from None
        for key in ("summary", "columns"):
            if key not in meta:
                raise TemplateError(f"{path}: header lacks '{key}'")
        params = tuple(Parameter(**p) for p in meta.get("params") or ())
        for p in params:
            if p.type not in TYPES:
                raise TemplateError(f"{path}: parameter {p.name!r} has unknown type {p.type!r}")
        if params and not _WHERE_RE.search(text):
            raise TemplateError(f"{path}: a template with parameters needs a WHERE {{ ... }} group")
        return cls(
            name=path.stem,
            path=path,
            summary=str(meta["summary"]).strip(),
            description=str(meta.get("description", "")).strip(),
            params=params,
            columns=tuple(meta["columns"]),
            body=text,
            group=str(meta.get("group", "")).strip(),
        )

    def bind(self, values: dict[str, str]) -> str:
        """The query with ``values`` bound; unknown, missing or ill-typed values are refused."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise TemplateError(f"{self.name}: unknown parameter(s) {', '.join(unknown)}; {self.accepts()}")
        terms: list[str] = []
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None and p.required:
                raise TemplateError(f"{self.name}: parameter {p.name!r} is required; {self.accepts()}")
            terms.append("UNDEF" if raw is None else str(p.term(str(raw))))
        if not self.params:
            return self.body
        names = " ".join(f"?_{p.name}" for p in self.params)
        block = f" VALUES ({names}) {{ ({' '.join(terms)}) }} "
        m = _WHERE_RE.search(self.body)
        return self.body[: m.end()] + block + self.body[m.end() :]

    def examples(self, required_only: bool = False) -> dict[str, str]:
        """The header's example value of each parameter that has one (or of each required one)."""
        return {
            p.name: str(p.example) for p in self.params if p.example is not None and (p.required or not required_only)
        }

    def accepts(self) -> str:
        if not self.params:
            return "this template takes no parameters"
        return "it accepts: " + "; ".join(p.describe() for p in self.params)

    def help(self) -> str:
        """The header as a researcher reads it: what it answers, parameters, columns."""
        lines = [f"{self.name}: {self.summary}"]
        if self.description:
            lines += ["", self.description]
        lines += (
            ["", "Parameters:"] + [f"  {p.describe()}" for p in self.params]
            if self.params
            else ["", "Parameters: none"]
        )
        lines += ["", "Columns: " + ", ".join(self.columns)]
        return "\n".join(lines)


def load_all(folder: Path | None = None) -> dict[str, Template]:
    """Every template in ``folder`` (default: the installed ``queries/``), by name."""
    folder = folder or resources.folder("queries")
    return {t.name: t for t in (Template.from_file(p) for p in sorted(folder.glob("*.rq")))}


def load(name: str, folder: Path | None = None) -> Template:
    """The template ``name`` alone: a command that runs one template need not read every header."""
    paths = {p.stem: p for p in (folder or resources.folder("queries")).glob("*.rq")}  # the names load_all gives
    if name not in paths:
        raise TemplateError(f"no template named {name!r}; 'beleidskg query --list' shows them")
    return Template.from_file(paths[name])


def python_value(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | int | Decimal | None:
    """A result cell as Python: exact Decimal for decimals, int for integers, else text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype == XSD + "integer":
            return int(term.value)
    return term.value


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: list[tuple]

    def records(self) -> list[dict[str, str | int | Decimal | None]]:
        """Each row as a dict keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def run_query(store: ox.Store, query: str, **dataset: list) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a checked read query; ``dataset`` may name ``default_graph`` and ``named_graphs`` (lists of IRIs)."""
    check_query(query)
    try:
        return store.query(query, **{k: [ox.NamedNode(g) for g in v] for k, v in dataset.items() if v})
    except SyntaxError as exc:
        raise TemplateError(f"SPARQL syntax error: {exc}") from None
    except OSError as exc:
        raise TemplateError(f"query failed: {exc}") from None


def bounded(items: Iterator[T], max_rows: int = MAX_ROWS) -> list[T]:
    """At most ``max_rows`` items; more is refused rather than cut off, so no answer is silently partial."""
    out = list(itertools.islice(items, max_rows + 1))
    if len(out) > max_rows:
        raise QueryRefused(f"the answer has more than {max_rows} rows; narrow the query or page it with LIMIT and OFFSET")
    return out


def ask(store: ox.Store, query: str, max_rows: int = MAX_ROWS) -> Result | str:
    """Any read query: a :class:`Result` for SELECT, 'true'/'false' for ASK, N-Triples otherwise."""
    answer = run_query(store, query)
    if isinstance(answer, ox.QuerySolutions):
        return _result(answer, max_rows)
    if isinstance(answer, ox.QueryBoolean):
        return "true\n" if bool(answer) else "false\n"
    return "".join(sorted(f"{t} .\n" for t in bounded(answer, max_rows)))


def select(store: ox.Store, query: str, max_rows: int = MAX_ROWS) -> Result:
    """Run a SELECT over the union of all document graphs."""
    solutions = run_query(store, query)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TemplateError("templates must be SELECT queries")
    return _result(solutions, max_rows)


def _result(solutions: ox.QuerySolutions, max_rows: int) -> Result:
    columns = tuple(v.value for v in solutions.variables)
    rows = [tuple(python_value(s[c]) for c in columns) for s in bounded(solutions, max_rows)]
    return Result(columns, rows)


def run(store: ox.Store, template: Template, values: dict[str, str], max_rows: int = MAX_ROWS) -> Result:
    """Bind ``values`` into ``template`` and run it; the columns must be those its header promises."""
    result = select(store, template.bind(values), max_rows)
    if result.columns != template.columns:
        raise TemplateError(f"{template.path}: query returns {result.columns}, header promises {template.columns}")
    return result
