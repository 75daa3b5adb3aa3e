"""The SPARQL 1.1 Protocol's answers: content negotiation and result serialisation.

Everything here runs where the query runs (a worker process of the server):
a query's answer is read at most ``max_rows`` rows far and turned into the
bytes of the media type the client accepts, so only finished bytes cross to
the web process. SELECT and ASK answer as SPARQL results in JSON, XML, CSV or
TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from beleidskg import formats, templates
from beleidskg.loaders.prefixes import IRIS

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
#: SELECT / ASK answers, by media type; the first is what a client accepting anything gets.
RESULT_TYPES = {
    RESULTS_JSON: "json",
    RESULTS_XML: "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
#: CONSTRUCT / DESCRIBE answers, by media type.
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
#: The ``format=`` (or ``output=``) values clients such as SPARQLWrapper send, as the media types they mean.
FORMAT_HINTS = {
    "json": f"{RESULTS_JSON}, application/ld+json",
    "xml": f"{RESULTS_XML}, application/rdf+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}
#: A template's table: the legacy JSON rows first (what ``curl`` without Accept always got), then SPARQL results.
TABLE_TYPES = ("application/json", RESULTS_JSON, RESULTS_XML, "text/csv", "text/tab-separated-values")


class NotAcceptable(Exception):
    """No media type the client accepts can carry this answer."""


@dataclass(frozen=True)
class Answer:
    media_type: str
    body: bytes


def parse_accept(header: str) -> list[tuple[str, float]]:
    """An Accept header as (media range, q) pairs; an empty header accepts anything."""
    ranges = []
    for item in (header or "*/*").split(","):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for p in params:
            key, _, value = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def choose(accept: str, offered: tuple[str, ...] | list[str]) -> str | None:
    """The offered media type the client prefers (RFC 9110: the most specific matching range sets its q)."""
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for media in offered:
        kind = media.split("/")[0]
        matches = [(3, q) for r, q in ranges if r == media] or [(2, q) for r, q in ranges if r == f"{kind}/*"]
        matches = matches or [(1, q) for r, q in ranges if r == "*/*"]
        q = max(matches)[1] if matches else 0.0
        if q > best_q:
            best, best_q = media, q
    return best


def accept_with_hint(accept: str, hint: str | None) -> str:
    """A client's ``format=`` hint (SPARQLWrapper sends one) outranks its Accept header when we know it."""
    return FORMAT_HINTS.get((hint or "").lower(), accept)


def answer(
    db: ox.Store,
    query: str,
    accept: str = "",
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
    max_rows: int = templates.MAX_ROWS,
    columns: tuple[str, ...] | None = None,
    offered: tuple[str, ...] | None = None,
) -> Answer:
    """Run ``query`` and serialise its answer in the media type ``accept`` prefers.

    ``columns``, when given, are the variables the query must return (a
    template's header); ``offered`` narrows the media types on offer.
    """
    result = templates.run_query(db, query, default_graph=default_graph, named_graphs=named_graphs)
    if isinstance(result, ox.QueryTriples):
        media = choose(accept, offered or tuple(GRAPH_TYPES))
        if media is None:
            raise NotAcceptable(f"a graph answers as one of: {', '.join(GRAPH_TYPES)}")
        triples = templates.bounded(result, max_rows)
        prefixes = dict(IRIS)
        data = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=prefixes) or b""
        return Answer(media, compact_jsonld(data) if GRAPH_TYPES[media] == ox.RdfFormat.JSON_LD else data)
    media = choose(accept, offered or tuple(RESULT_TYPES))
    if media is None:
        raise NotAcceptable(f"a table answers as one of: {', '.join(RESULT_TYPES)}")
    if isinstance(result, ox.QueryBoolean):
        return Answer(media, _boolean(bool(result), RESULT_TYPES.get(media, "json")))
    variables = tuple(v.value for v in result.variables)
    if columns is not None and variables != columns:
        raise templates.TemplateError(f"the query returns {variables}, its header promises {columns}")
    rows = templates.bounded(result, max_rows)
    if media == "application/json" and offered is not None:  # a template's legacy rows
        table = templates.Result(variables, [tuple(templates.python_value(s[c]) for c in variables) for s in rows])
        return Answer(media, formats.render(table, "json").encode("utf-8"))
    return Answer(media, SERIALISERS[RESULT_TYPES[media]](variables, rows))


def jsonld_context() -> dict:
    """The JSON-LD ``@context``: the graph's prefixes."""
    return dict(IRIS)


def compact_jsonld(data: bytes) -> bytes:
    """Expanded JSON-LD (as Oxigraph writes it) with the prefixes as ``@context`` and IRIs written with them.

    Only property names and ``@id`` / ``@type`` values are shortened, to
    ``prefix:rest`` forms the context expands back to the same IRIs, so the
    document means exactly what the expanded one did.
    """
    prefixes = sorted(jsonld_context().items(), key=lambda kv: -len(kv[1]))

    def short(iri: str) -> str:
        for name, ns in prefixes:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("/"):
                return f"{name}:{iri[len(ns):]}"
        return iri

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key in ("@id", "@type") and isinstance(value, str):
                out[key] = short(value)
            elif key == "@type" and isinstance(value, list):
                out[key] = [short(v) for v in value]
            else:
                out[key if key.startswith("@") else short(key)] = walk(value)
        return out

    expanded = json.loads(data or b"[]")
    graph = expanded if isinstance(expanded, list) else [expanded]
    return json.dumps({"@context": jsonld_context(), "@graph": walk(graph)}, ensure_ascii=False, indent=1).encode("utf-8")


def template_answer(
    db: ox.Store, name: str, values: dict[str, str], accept: str = "", fmt: str | None = None, max_rows: int = templates.MAX_ROWS
) -> Answer:
    """A template's rows: in a ``formats`` format when ``fmt`` names one, else by content negotiation."""
    template = templates.load_all()[name]
    if fmt is not None:
        if fmt not in formats.FORMATS:
            raise templates.TemplateError(f"unknown format {fmt!r}; choose from {', '.join(formats.FORMATS)}")
        media = {"json": "application/json", "csv": "text/csv", "tsv": "text/tab-separated-values", "md": "text/markdown"}
        body = formats.render(templates.run(db, template, values, max_rows), fmt)
        return Answer(media.get(fmt, "text/plain"), body.encode("utf-8"))
    query = template.bind(values)
    return answer(db, query, accept, max_rows=max_rows, columns=template.columns, offered=TABLE_TYPES)


def _boolean(value: bool, kind: str) -> bytes:
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if kind == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    return b"true\n" if value else b"false\n"


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
    }


def _json(variables: tuple[str, ...], rows: list[ox.QuerySolution]) -> bytes:
    bindings = [{v: _json_term(s[v]) for v in variables if s[v] is not None} for s in rows]
    return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False).encode("utf-8")


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    from xml.sax.saxutils import escape, quoteattr  # here: it imports urllib.request, which a CLI query need not load

    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(variables: tuple[str, ...], rows: list[ox.QuerySolution]) -> bytes:
    from xml.sax.saxutils import quoteattr

    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n<results>")
    for s in rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(s[v])}</binding>" for v in variables if s[v] is not None
        )
        out.append(f"<result>{cells}</result>")
    out.append("</results>\n</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _csv(variables: tuple[str, ...], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 CSV: plain values (IRIs bare, blank nodes as _:id), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for s in rows:
        writer.writerow(
            "" if s[v] is None else f"_:{s[v].value}" if isinstance(s[v], ox.BlankNode) else s[v].value
            for v in variables
        )
    return out.getvalue().encode("utf-8")


def _tsv(variables: tuple[str, ...], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 TSV: terms in Turtle syntax, tabs and line ends inside them escaped."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    for s in rows:
        cells = ("" if s[v] is None else str(s[v]).replace("\t", "\\t").replace("\n", "\\n") for v in variables)
        lines.append("\t".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


SERIALISERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
