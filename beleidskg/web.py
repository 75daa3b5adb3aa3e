"""The researchers' web interface: plain server-rendered HTML in Dutch, a little JavaScript, no build step.

The pages are views of what the rest of the package already answers: the
templates (grouped by the question they help answer, a form from each
header), their rows with every source span linked to the document's text,
the validation findings, the funding network, and a SPARQL editor (YASGUI,
shipped in ``static/``). Functions taking ``db`` run in a query worker.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from decimal import Decimal
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from beleidskg import graphs, protocol, templates
from beleidskg.formats import plain
from beleidskg.loaders.vocab import ID, PREFIXES

#: Lists of values offered for a parameter, by the ``choices`` its header names: (value, label) rows.
CHOICES = {
    "article": "SELECT DISTINCT ?value (MIN(?t) AS ?label) WHERE { ?a bkg:code ?value . "
    "OPTIONAL { ?m bkg:over ?a ; a bkg:Vermelding ; dcterms:title ?t } } GROUP BY ?value ORDER BY ?value",
    "goal": "SELECT DISTINCT ?value (MIN(?t) AS ?label) WHERE { ?g bkg:plan ?p ; skos:notation ?value . "
    "OPTIONAL { ?m bkg:over ?g ; a bkg:Vermelding ; dcterms:title ?t } } GROUP BY ?value ORDER BY ?value",
    "od": "SELECT DISTINCT ?value (MIN(?t) AS ?label) WHERE { ?g a bkg:OperationeleDoelstelling ; "
    "skos:notation ?value . OPTIONAL { ?m bkg:over ?g ; a bkg:Vermelding ; dcterms:title ?t } } GROUP BY ?value ORDER BY ?value",
    "document": "SELECT ?value ?label WHERE { ?d bkg:bestandsnaam ?value ; dcterms:title ?label } ORDER BY ?value",
    "measure": "SELECT DISTINCT ?value (MIN(?n) AS ?label) WHERE { ?m a bkg:Maatregel . "
    "?v bkg:over ?m ; a bkg:Vermelding ; dcterms:title ?t . BIND(LCASE(?t) AS ?value) "
    "OPTIONAL { ?m skos:notation ?n } } GROUP BY ?value ORDER BY ?value",
    "legislature": "SELECT DISTINCT ?value (MIN(?d) AS ?label) WHERE { ?p bkg:legislatuur ?value ; "
    "bkg:beleidsdomein ?d } GROUP BY ?value ORDER BY ?value",
    "credit": "SELECT ?value ?label WHERE { ?c skos:inScheme bkg:Kredietsoorten ; skos:notation ?value ; rdfs:label ?label "
    'FILTER(LANG(?label) = "nl") } ORDER BY ?value',
    "line": "SELECT DISTINCT ?value ('' AS ?label) WHERE { ?b a bkg:Bedrag ; bkg:rij ?value } ORDER BY ?value",
    "rule": "SELECT DISTINCT ?value ('' AS ?label) WHERE { ?f a bkg:Bevinding ; bkg:regel ?value } ORDER BY ?value",
    "party": "SELECT DISTINCT ?value ('' AS ?label) WHERE { ?f a bkg:Fractie ; bkg:naam ?value } ORDER BY ?value",
}
_PROLOGUE = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in PREFIXES.items())
_SPAN_RE = re.compile(r"^(\d+)-(\d+)$")
#: The example queries offered in the SPARQL editor, as (tab name, query).
EXAMPLES = (
    ("Documenten", "SELECT ?document ?titel ?bestand WHERE {\n  ?document bkg:bestandsnaam ?bestand ; dcterms:title ?titel .\n}"),
    (
        "Bedragen per artikel",
        "# kies een artikel: vervang UNDEF door zijn code, bv. \"XX0-1XXX2XX-WT\"\n"
        "SELECT ?code ?rij ?jaar ?krediet ?bedrag ?regels WHERE {\n"
        "  VALUES ?code { UNDEF }\n"
        "  ?artikel a bkg:Begrotingsartikel ; bkg:code ?code .\n"
        "  ?b bkg:betreft ?artikel ; bkg:rij ?rij ; bkg:jaar ?jaar ;\n"
        "     bkg:kredietsoort/skos:notation ?krediet ; bkg:bedrag ?bedrag ; bkg:bron ?bron .\n"
        "  ?bron bkg:eersteRegel ?eerste ; bkg:laatsteRegel ?laatste .\n"
        '  BIND(CONCAT(STR(?eerste), "-", STR(?laatste)) AS ?regels)\n} ORDER BY ?code ?jaar ?rij ?krediet LIMIT 200',
    ),
    (
        "Operationele doelstellingen",
        "SELECT ?od ?titel WHERE {\n  ?v a bkg:Vermelding ; bkg:over ?doel ; dcterms:title ?titel .\n"
        "  ?doel a bkg:OperationeleDoelstelling ; skos:notation ?od .\n} ORDER BY ?od",
    ),
)


# -- queries run in a worker ---------------------------------------------------------------------------------------


def rows(db: ox.Store, name: str, values: dict[str, str], max_rows: int) -> templates.Result:
    return templates.run(db, templates.load_all()[name], values, max_rows)


def choice_lists(db: ox.Store, kinds: list[str]) -> dict[str, list[tuple[str, str]]]:
    """The values to offer for each kind of parameter, with a label (a title as a document prints it)."""
    out = {}
    for kind in kinds:
        result = templates.select(db, _PROLOGUE + CHOICES[kind])
        out[kind] = [(str(v), "" if label is None else str(label)) for v, label in result.rows]
    return out


def network_svg(db: ox.Store, values: dict[str, str]) -> protocol.Answer:
    """The funding network (SD -> OD -> article, goal -> indicator) as an SVG picture."""
    g = graphs.funding(db, values)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "netwerk.svg"
        graphs.write(g, out)
        return protocol.Answer("image/svg+xml", out.read_bytes())


# -- pages ------------------------------------------------------------------------------------------------------------

NAV = (
    ("/", "Vragen"),
    ("/bevindingen", "Bevindingen"),
    ("/netwerk", "Financieringsnetwerk"),
    ("/sparql", "SPARQL"),
    ("/dataset", "Dataset"),
)


def page(title: str, body: str, head: str = "") -> str:
    nav = "".join(f'<a href="{href}">{escape(text)}</a>' for href, text in NAV)
    return (
        '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} · beleidskg</title><link rel="stylesheet" href="/static/web.css">{head}</head>'
        f'<body><header><a class="brand" href="/">beleidskg</a><nav>{nav}</nav></header>'
        f'<main><h1>{escape(title)}</h1>{body}</main><script src="/static/web.js"></script></body></html>\n'
    )


def local_path(iri: str) -> str | None:
    """The path under which this server answers an entity IRI of the graph (``/id/...``), if it is one."""
    return "/id/" + iri[len(str(ID)) :] if iri.startswith(str(ID)) else None


def index_page(available: dict[str, templates.Template]) -> str:
    groups: dict[str, list[templates.Template]] = defaultdict(list)
    for t in available.values():
        groups[t.group or "Overige"].append(t)
    body = [
        "<p>Vragen aan de kennisgraaf van Vlaamse beleids- en begrotingsdocumenten. Elke vraag is een sjabloon; "
        "elk antwoord verwijst naar de regels van het document waar het staat.</p>"
    ]
    for group, members in groups.items():
        items = "".join(
            f'<li><a href="/query/{escape(t.name)}">{escape(t.name)}</a> <span>{escape(t.summary)}</span></li>' for t in members
        )
        body.append(f'<section class="group"><h2>{escape(group)}</h2><ul class="templates">{items}</ul></section>')
    return page("Vragen", "".join(body))


def _field(p: templates.Parameter, value: str | None, choices: list[tuple[str, str]] | None) -> str:
    kind = {"integer": 'type="number" step="1"', "decimal": 'type="number" step="any"'}.get(p.type, 'type="text"')
    attrs = [kind, f'name="{escape(p.name)}"', f'id="p-{escape(p.name)}"']
    if value is not None:
        attrs.append(f'value="{escape(value)}"')
    if p.required:
        attrs.append("required")
    if p.example is not None:
        attrs.append(f'placeholder="bv. {escape(str(p.example))}"')
    datalist = ""
    if choices:
        attrs.append(f'list="c-{escape(p.name)}"')
        options = "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in choices)
        datalist = f'<datalist id="c-{escape(p.name)}">{options}</datalist>'
    need = " <em>(verplicht)</em>" if p.required else ""
    return (
        f'<label for="p-{escape(p.name)}">{escape(p.name)}{need}<small>{escape(p.description)}</small></label>'
        f"<input {' '.join(attrs)}>{datalist}"
    )


def template_page(
    t: templates.Template,
    values: dict[str, str],
    choices: dict[str, list[tuple[str, str]]],
    result: templates.Result | None,
    error: str | None,
    documents: dict[str, str],
) -> str:
    """A template's form and, when it ran, its rows; ``documents`` maps file names to document IRIs."""
    fields = "".join(_field(p, values.get(p.name), choices.get(p.choices or "")) for p in t.params)
    example = urlencode(t.examples())
    form = (
        f'<p class="summary">{escape(t.summary)}</p>'
        + (f'<details><summary>Meer uitleg</summary><p>{escape(t.description)}</p></details>' if t.description else "")
        + f'<form method="get" action="/query/{escape(t.name)}" class="params">{fields}'
        '<div class="buttons"><button type="submit">Uitvoeren</button>'
        + (f' <a href="/query/{escape(t.name)}?{escape(example)}">voorbeeld invullen</a>' if t.params else "")
        + "</div></form>"
    )
    out = [form]
    if error:
        out.append(f'<p class="error" role="alert">{escape(error)}</p>')
    if result is not None:
        query = urlencode(values)
        base = f"/query/{escape(t.name)}?{escape(query)}"
        sep = "&amp;" if query else ""
        out.append(
            f'<p class="downloads"><strong>{len(result.rows)} rijen</strong> · '
            f'<a href="{base}{sep}format=csv" download="{escape(t.name)}.csv">CSV</a> · '
            f'<a href="{base}{sep}format=json" download="{escape(t.name)}.json">JSON</a> · '
            f'<a href="{base}" class="permalink">permalink</a></p>'
        )
        out.append(table(result, documents))
    return page(t.name, "".join(out))


def source_link(document: str | None, lines: str | None, documents: dict[str, str]) -> str | None:
    """The page showing ``lines`` ('12-14') of the document with file name ``document``, highlighted."""
    m = _SPAN_RE.match(lines or "")
    iri = documents.get(document or "")
    path = local_path(iri) if iri else None
    return f"{path}/regels/{m.group(1)}-{m.group(2)}" if m and path else None


def table(result: templates.Result, documents: dict[str, str]) -> str:
    """A sortable table; ``source_lines`` cells link to the lines, entity IRIs to their description."""
    cols = result.columns
    head = "".join(f'<th scope="col" data-col="{i}">{escape(c)}</th>' for i, c in enumerate(cols))
    body = []
    for row in result.rows:
        record = dict(zip(cols, row, strict=True))
        cells = []
        for c, v in zip(cols, row, strict=True):
            text = escape(plain(v))
            link = source_link(record.get("source_document"), v, documents) if c == "source_lines" else None
            link = link or (local_path(v) if isinstance(v, str) else None)
            number = ' class="num"' if isinstance(v, (int, Decimal)) else ""
            content = f'<a href="{escape(link)}" class="source">{text}</a>' if link else text
            cells.append(f"<td{number}>{content}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="results sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def document_page(file: str, text: str, first: int, last: int, iri: str) -> str:
    """The document's text, every line numbered, lines ``first``..``last`` highlighted and scrolled to."""
    lines = text.split("\n")
    out = [
        f'<p class="doc-meta">{escape(file)} · regels {first}–{last} van {len(lines)} · '
        f'<a href="{escape(local_path(iri) or "")}">over dit document</a></p><ol class="document">'
    ]
    for n, line in enumerate(lines, 1):
        mark = ' class="hl"' if first <= n <= last else ""
        out.append(f'<li id="r{n}"{mark} value="{n}">{escape(line) or "&nbsp;"}</li>')
    out.append("</ol>")
    return page(file, "".join(out))


def findings_page(result: templates.Result, documents: dict[str, str]) -> str:
    """The validation findings, grouped by rule and then by document, each with the lines to open."""
    by_rule: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in result.records():
        by_rule[r["rule"]][r["source_document"] or "(geen document)"].append(r)
    if not by_rule:
        return page("Bevindingen", "<p>Geen bevindingen: bouw de graaf met <code>beleidskg build --validate</code>.</p>")
    out = [f"<p>{len(result.rows)} bevindingen van <code>beleidskg build --validate</code>, per regel en per document.</p>"]
    for rule, docs in sorted(by_rule.items()):
        n = sum(len(v) for v in docs.values())
        out.append(f'<section class="rule"><h2 id="{escape(rule)}">{escape(rule)} <small>({n})</small></h2>')
        for doc, items in sorted(docs.items()):
            out.append(f"<h3>{escape(doc)}</h3><ul class='findings'>")
            for r in items:
                link = source_link(r["source_document"], r["source_lines"], documents)
                where = f' <a class="source" href="{escape(link)}">regels {escape(r["source_lines"])}</a>' if link else ""
                words = f' <span class="words">{escape(r["words"])}</span>' if r["words"] else ""
                out.append(f'<li class="{escape(r["severity"])}">{escape(r["message"])}{words}{where}</li>')
            out.append("</ul>")
        out.append("</section>")
    return page("Bevindingen", "".join(out))


def network_page(legislature: str | None, legislatures: list[tuple[str, str]]) -> str:
    options = "".join(
        f'<option value="{escape(v)}"{" selected" if v == legislature else ""}>{escape(v)} {escape(label)}</option>'
        for v, label in legislatures
    )
    query = urlencode({"legislature": legislature} if legislature else {})
    return page(
        "Financieringsnetwerk",
        '<p>Strategische doelstellingen → operationele doelstellingen → begrotingsartikelen, en doelstellingen → '
        "indicatoren (het sjabloon <a href=\"/query/network-funding\">network-funding</a>).</p>"
        f'<form method="get" class="params"><label for="leg">legislatuur</label><select id="leg" name="legislature">'
        f'<option value="">alle</option>{options}</select><div class="buttons"><button type="submit">Tonen</button></div></form>'
        f'<img class="network" alt="financieringsnetwerk" src="/netwerk.svg?{escape(query)}">',
    )


def editor_page() -> str:
    """YASGUI wired to this endpoint, with the graph's prefixes and a few example queries."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    config = json.dumps({"prefixes": prefixes, "examples": [{"name": n, "query": q} for n, q in EXAMPLES]})
    head = '<link rel="stylesheet" href="/static/yasgui/yasgui.min.css"><script src="/static/yasgui/yasgui.min.js"></script>'
    body = (
        "<p>Stel je eigen SPARQL-vraag aan de graaf (alleen lezen; SERVICE is niet toegestaan). "
        "Andere programma's gebruiken hetzelfde adres: <code id=\"endpoint\"></code>.</p>"
        f'<div id="yasgui"></div><script id="editor-config" type="application/json">{escape(config, quote=False)}</script>'
        '<script src="/static/editor.js"></script>'
    )
    return page("SPARQL", body, head)


def describe_page(d: dict, documents: dict[str, str]) -> str:
    """An entity: its own properties, then what each document states about it, with the lines to open."""
    iri = d["iri"]
    rows = []
    for prop, label, value, resource in d["own"].rows:
        shown = escape(plain(value))
        link = local_path(value) if resource == "true" else None
        cell = f'<a href="{escape(link)}">{shown}</a>' if link else f"<code>{shown}</code>" if resource == "true" else shown
        rows.append(f"<tr><th>{escape(label or prop)}</th><td>{cell}</td></tr>")
    own = f'<table class="results"><tbody>{"".join(rows)}</tbody></table>'
    about = table(d["about"], documents) if d["about"].rows else "<p>Geen uitspraken.</p>"
    formats = " · ".join(
        f'<a href="{escape(local_path(iri) or "")}?format={f}">{n}</a>' for f, n in (("ttl", "Turtle"), ("jsonld", "JSON-LD"))
    )
    body = (
        f"<p><code>{escape(iri)}</code> · {formats}</p><h2>Eigenschappen</h2>{own}"
        f"<h2>Wat de documenten erover zeggen</h2>{about}"
    )
    return page(_title(d), body)


def _title(d: dict) -> str:
    for prop, _, value, _ in d["own"].rows:
        if prop.endswith(("#code", "/title", "#notation", "#bestandsnaam")):
            return str(value)
    return d["iri"].rsplit("/", 1)[-1]


def dataset_page(turtle: str) -> str:
    """The dataset description as a researcher reads it: the Turtle, with the ways to get it."""
    body = (
        "<p>De beschrijving van deze dataset (VoID en DCAT): documenten, aantallen, licentie en SPARQL-eindpunt. "
        'Als <a href="/dataset?format=ttl">Turtle</a> of <a href="/dataset?format=jsonld">JSON-LD</a>; '
        'de SPARQL-servicebeschrijving staat op <a href="/sparql?format=ttl">/sparql</a>.</p>'
        f'<pre class="turtle">{escape(turtle)}</pre>'
    )
    return page("Dataset", body)
