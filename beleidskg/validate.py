"""Validation: the SHACL shapes of ``shapes/`` run over the graph, and findings a researcher can open.

The shapes are declarative files: ``structure.ttl`` says what the graph must
look like, ``consistency.ttl`` what the documents must agree with (their own
arithmetic and cross-references). Each node shape's IRI is its stable rule id.

Two engines share the work, each where it is fast. Core constraints
(cardinalities, datatypes, patterns) run in pyshacl over an in-memory rdflib
copy. SPARQL-based constraints run here on the Oxigraph store, as SHACL-SPARQL
defines them but for all focus nodes at once: ``$this`` is pre-bound to every
focus node through one VALUES block, so each rule is one query whose cost grows
with the number of documents, where pyshacl's one rdflib query per focus node
grew with its square. Both produce standard ``sh:ValidationResult`` nodes in one
report; this module then turns the report into findings that name the document
and lines of the fact that is wrong.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef

from beleidskg import formats, resources, templates
from beleidskg.loaders.vocab import BKG, ID

RULES = "https://w3id.org/beleidskg/shapes#"
FINDINGS_GRAPH = str(ID["bevindingen"])
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


class ValidationError(Exception):
    """A validation call that cannot run (unknown rule ids, a malformed shape)."""


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    focus: str
    message: str
    message_nl: str
    source_document: str
    source_lines: str
    value: str = ""
    difference: str = ""
    source_span: str = ""


def rule_ids(shapes: Graph) -> list[str]:
    return sorted(str(s).removeprefix(RULES) for s in shapes.subjects(RDF.type, SH.NodeShape) if str(s).startswith(RULES))


def shapes_graph(rules: set[str] | None = None) -> Graph:
    """All shapes; with ``rules``, those not named lose their targets and so check nothing."""
    graph = Graph()
    for path in sorted(resources.folder("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    if rules:
        unknown = sorted(rules - set(rule_ids(graph)))
        if unknown:
            raise ValidationError(f"unknown rule id(s) {', '.join(unknown)}; known: {', '.join(rule_ids(graph))}")
        for shape in list(graph.subjects(RDF.type, SH.NodeShape)):
            if str(shape).removeprefix(RULES) not in rules:
                for target in _TARGETS:
                    graph.remove((shape, target, None))
    return graph


def data_graph(db: ox.Store) -> Graph:
    """The union of the store's graphs (its default graph) as an rdflib graph, for pyshacl."""
    graph = Graph()
    graph.parse(data=db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    return graph


# -- SPARQL-based constraints on Oxigraph --------------------------------------------------------------------


def _prefixes(shapes: Graph, node: URIRef | BNode) -> str:
    lines = []
    for declared in shapes.objects(node, SH.prefixes):
        for decl in shapes.objects(declared, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _focus_nodes(db: ox.Store, shapes: Graph, shape: URIRef) -> list[ox.NamedNode]:
    """The focus nodes of ``shape``: its class, subjects-of and SPARQL targets."""
    queries = [
        f"SELECT DISTINCT ?this WHERE {{ ?this a/<{RDFS.subClassOf}>* <{c}> }}" for c in shapes.objects(shape, SH.targetClass)
    ]
    queries += [f"SELECT DISTINCT ?this WHERE {{ ?this <{p}> ?o }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    for target in shapes.objects(shape, SH.target):
        queries.append(_prefixes(shapes, target) + str(shapes.value(target, SH.select)))
    found = {s["this"] for q in queries for s in db.query(q)}
    return sorted((n for n in found if isinstance(n, ox.NamedNode)), key=lambda n: n.value)


def _with_focus(select: str, focus: list[ox.NamedNode]) -> str:
    """``select`` with ``$this`` pre-bound to every focus node (a VALUES block opening its WHERE)."""
    values = "VALUES ?this { " + " ".join(str(n) for n in focus) + " }"
    m = re.search(r"WHERE\s*\{", select, re.IGNORECASE)
    if m is None:
        raise ValidationError("a SPARQL constraint needs a WHERE clause")
    return select[: m.end()] + " " + values + " " + select[m.end() :]


def _substitute(template: Literal, solution: ox.QuerySolution) -> Literal:
    """A message with its {?var} and {$var} placeholders filled from one solution."""

    def value(m: re.Match[str]) -> str:
        try:
            term = solution[m.group(1)]
        except KeyError:
            return m.group(0)
        return "" if term is None else formats.plain(templates.python_value(term))

    return Literal(re.sub(r"\{[?$](\w+)\}", value, str(template)), lang=template.language)


def _to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> URIRef | Literal | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value))


def sparql_results(db: ox.Store, shapes: Graph, out: Graph) -> None:
    """Evaluate every SPARQL-based constraint and add its results to the report ``out``."""
    for shape in sorted(shapes.subjects(SH.sparql, None), key=str):
        focus = _focus_nodes(db, shapes, shape)
        if not focus:
            continue
        severity = shapes.value(shape, SH.severity) or SH.Violation
        for constraint in shapes.objects(shape, SH.sparql):
            query = _prefixes(shapes, constraint) + str(shapes.value(constraint, SH.select))
            messages = list(shapes.objects(constraint, SH.message)) or list(shapes.objects(shape, SH.message))
            for solution in db.query(_with_focus(query, focus)):
                result = BNode()
                out.add((out.value(None, RDF.type, SH.ValidationReport), SH.result, result))
                out.add((result, RDF.type, SH.ValidationResult))
                out.add((result, SH.focusNode, _to_rdflib(solution["this"])))
                out.add((result, SH.sourceShape, shape))
                out.add((result, SH.sourceConstraint, constraint))
                out.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
                out.add((result, SH.resultSeverity, severity))
                if _has(solution, "value"):
                    out.add((result, SH.value, _to_rdflib(solution["value"])))
                    difference = _wording_difference(solution)
                    if difference:
                        out.add((result, RDFS.comment, Literal(difference)))
                for message in messages:
                    out.add((result, SH.resultMessage, _substitute(message, solution)))


def _wording_difference(solution: ox.QuerySolution) -> str:
    """For a rule comparing two wordings (text ``?value`` against text ``?other``): the words they do not share."""
    if not _has(solution, "other"):
        return ""
    a, b = solution["value"], solution["other"]
    texts = all(isinstance(t, ox.Literal) and t.datatype.value == str(XSD.string) for t in (a, b))
    return word_difference(a.value, b.value) if texts else ""


def _has(solution: ox.QuerySolution, name: str) -> bool:
    try:
        return solution[name] is not None
    except KeyError:
        return False


def structural_rule_ids(shapes: Graph) -> list[str]:
    """The rules checked by core SHACL (pyshacl on a copy of the whole graph), not by a SPARQL query."""
    sparql = set(shapes.subjects(SH.sparql, None))
    return [r for r in rule_ids(shapes) if URIRef(RULES + r) not in sparql]


def report(db: ox.Store, shapes: Graph, structure: bool = True) -> Graph:
    """The SHACL validation report: core shapes by pyshacl, SPARQL-based ones on the store.

    Without ``structure`` only the SPARQL-based shapes run: against a SPARQL
    server, where the core shapes would need the whole graph copied here.
    """
    if structure:
        core = Graph()
        core += shapes
        for shape in set(shapes.subjects(SH.sparql, None)):
            for target in _TARGETS:
                core.remove((shape, target, None))
        _, out, _ = shacl_validate(data_graph(db), shacl_graph=core, allow_warnings=True)
        if not isinstance(out, Graph):
            raise ValidationError(f"pyshacl could not validate: {out}")
    else:
        out = Graph()
        out.add((BNode(), RDF.type, SH.ValidationReport))
    sparql_results(db, shapes, out)
    report_node = out.value(None, RDF.type, SH.ValidationReport)
    violations = any(out.triples((None, SH.resultSeverity, SH.Violation)))
    out.set((report_node, SH.conforms, Literal(not violations, datatype=XSD.boolean)))
    return out


# -- findings ---------------------------------------------------------------------------------------------------


def rule_id(shapes: Graph, shape: URIRef) -> str:
    """The rule id of a result's source shape: a property shape answers to the node shape holding it."""
    parent = shapes.value(None, SH.property, shape)
    if not str(shape).startswith(RULES) and parent is not None:
        shape = parent
    return str(shape).removeprefix(RULES)


def _lines(db: ox.Store, node: str) -> tuple[str, str, str]:
    """File, first-last lines and span IRI of ``node``'s earliest source span (a span is its own source)."""
    if not node.startswith(("http://", "https://")):
        return "", "", ""
    query = """PREFIX bkg: <https://w3id.org/beleidskg/def#>
        SELECT ?span ?file ?first ?last WHERE {
          { BIND(?node AS ?span) ?span a bkg:Bronfragment } UNION { ?node bkg:bron ?span }
          ?span bkg:document/bkg:bestandsnaam ?file ; bkg:eersteRegel ?first ; bkg:laatsteRegel ?last .
        } ORDER BY ?file ?first ?last LIMIT 1"""
    rows = list(db.query(query.replace("?node", f"<{node}>")))
    if not rows:
        return "", "", ""
    row = rows[0]
    return row["file"].value, f"{row['first'].value}-{row['last'].value}", row["span"].value


def _message(report_graph: Graph, result: BNode, lang: str) -> str:
    messages = list(report_graph.objects(result, SH.resultMessage))
    chosen = [m for m in messages if isinstance(m, Literal) and m.language == lang] or messages
    return str(chosen[0]) if chosen else ""


def findings(db: ox.Store, report_graph: Graph, shapes: Graph) -> list[Finding]:
    """The report's results as findings, sorted by rule, document and line."""
    out = set()
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = str(report_graph.value(result, SH.focusNode))
        value = report_graph.value(result, SH.value)
        file, lines, span = _lines(db, focus)
        out.add(
            Finding(
                rule=rule_id(shapes, report_graph.value(result, SH.sourceShape)),
                severity=SEVERITIES.get(report_graph.value(result, SH.resultSeverity), "violation"),
                focus=focus,
                message=_message(report_graph, result, "en"),
                message_nl=_message(report_graph, result, "nl"),
                source_document=file,
                source_lines=lines,
                value="" if value is None else str(value),
                difference=str(report_graph.value(result, RDFS.comment) or ""),
                source_span=span,
            )
        )
    return sorted(out, key=lambda f: (f.rule, f.source_document, _first_line(f.source_lines), f.focus, f.message))


def _first_line(lines: str) -> int:
    return int(lines.split("-")[0]) if lines else 0


def word_difference(a: str, b: str) -> str:
    """The words two wordings do not share: '-word' only in the first, '+word' only in the second."""
    key = [re.sub(r"[^\w]", "", w.lower()) for w in a.split()], [re.sub(r"[^\w]", "", w.lower()) for w in b.split()]
    words = a.split(), b.split()
    out = []  # compared without case and punctuation ('1000' and '1.000' are one word), listed as printed
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, *key, autojunk=False).get_opcodes():
        if tag != "equal":
            out += ["-" + w for w in words[0][i1:i2]] + ["+" + w for w in words[1][j1:j2]]
    return " ".join(out)


def run(db: ox.Store, rules: set[str] | None = None, structure: bool = True) -> tuple[list[Finding], Graph]:
    """Validate the store's graph: the findings and the SHACL report (``structure``: with the core shapes)."""
    shapes = shapes_graph(rules)
    report_graph = report(db, shapes, structure)
    return findings(db, report_graph, shapes), report_graph


# -- output -----------------------------------------------------------------------------------------------------


def findings_graph(found: list[Finding]) -> Graph:
    """Findings as triples (``bkg:Bevinding``), stored with the graph so templates and the web list them."""
    graph = Graph()
    for n, f in enumerate(found, 1):
        node = ID[f"bevinding/{n}"]
        graph.add((node, RDF.type, BKG.Bevinding))
        graph.add((node, BKG.regel, Literal(f.rule)))
        graph.add((node, BKG.ernst, Literal(f.severity)))
        graph.add((node, BKG.focus, URIRef(f.focus)))
        graph.add((node, BKG.melding, Literal(f.message, lang="en")))
        if f.message_nl:
            graph.add((node, BKG.melding, Literal(f.message_nl, lang="nl")))
        if f.source_span:
            graph.add((node, BKG.bron, URIRef(f.source_span)))
        if f.difference:
            graph.add((node, BKG.woordverschil, Literal(f.difference)))
    return graph


def render_text(found: list[Finding]) -> str:
    """Findings grouped by rule and document, each with its lines, and a summary line."""
    out: list[str] = []
    current: tuple[str, str] | None = None
    for f in found:
        if (f.rule, f.source_document) != current:
            current = (f.rule, f.source_document)
            out += ["", f"{f.rule} [{f.severity}] in {f.source_document or '(no document)'}"]
        out.append(f"  lines {f.source_lines or '?'}: {f.message}")
        if f.difference:
            out.append(f"    words: {f.difference}")
    counts = {s: sum(1 for f in found if f.severity == s) for s in ("violation", "warning", "info")}
    summary = ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in counts.items())
    out += ["", f"{len(found)} findings: {summary}"]
    return "\n".join(out).lstrip("\n") + "\n"


def exit_code(found: list[Finding], strict: bool = False) -> int:
    """1 when there is a violation (or, ``strict``, a warning), else 0."""
    failing = {"violation", "warning"} if strict else {"violation"}
    return 1 if any(f.severity in failing for f in found) else 0


def render_json(found: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in found], indent=2, ensure_ascii=False) + "\n"
