"""Lineage across years: which budget article continues which, and why we think so.

Codes change with every reorganisation ('JB0-1JEB2HA-WT' in 2023,
'TB0-1THC2UA-WT' in 2026) while titles, the ISE and the article's last code
letter tend to persist. This module compares the articles the documents head
and writes an explicit, explained link for each likely succession: which
evidence it rests on (the heading lines of both articles), what matched, and
how certain it is. Nothing here names a particular article or measure.

Measure transitions the documents state in words ('... werden ondergebracht
in ...') are extracted by the loaders as ``bkg:MaatregelOvergang`` statements;
they are turned into lineage links here as well, with the sentence as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import pyoxigraph as ox
from rdflib import DCTERMS, RDF, Graph, Literal, URIRef

from beleidskg.loaders.vocab import BKG, ID, slug

LINEAGE_GRAPH = str(ID["lineage"])

#: Confidence for each combination of matching evidence; title alone is never enough.
CONFIDENCE = {
    ("same title", "same ISE", "same article letter"): Decimal("0.95"),
    ("same title", "same ISE"): Decimal("0.85"),
    ("same title", "same article letter"): Decimal("0.7"),
    ("title extends the other", "same ISE", "same article letter"): Decimal("0.75"),
    ("title extends the other", "same ISE"): Decimal("0.6"),
}
STATED_CONFIDENCE = Decimal("0.9")


@dataclass(frozen=True)
class ArticleHeading:
    """An article as one document heads it."""

    article: URIRef
    code: str
    title: str
    year: int
    ise: str | None
    span: URIRef

    @property
    def esr(self) -> str:
        return self.code.rsplit("-", 1)[1]

    @property
    def article_letter(self) -> str:
        """The last letter of the middle block: 'A' in 'TB0-1THC2UA-WT'."""
        return self.code.split("-")[1][-1]


def normalised_title(title: str) -> str:
    """Case, dashes, quotes and a parenthesised abbreviation do not distinguish titles."""
    text = re.sub(r"\([^)]*\)\s*$", "", title.lower())
    text = re.sub(r"[‐-―–—-]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


Source = Graph | ox.Store


def _term(value: ox.NamedNode | ox.Literal | None) -> URIRef | Literal | None:
    if value is None or isinstance(value, URIRef | Literal):
        return value
    if isinstance(value, ox.NamedNode):
        return URIRef(value.value)
    return Literal(value.value, datatype=URIRef(value.datatype.value) if not value.language else None, lang=value.language)


def select(source: Source, query: str) -> list[dict[str, URIRef | Literal | None]]:
    """The rows of a SELECT on an rdflib graph or an Oxigraph store, as rdflib terms by variable name.

    The build asks an in-memory Oxigraph store (milliseconds where rdflib's engine takes
    half a second over the merged documents); tests may pass a small rdflib graph.
    """
    if isinstance(source, Graph):
        result = source.query(query)
        return [{str(v): row[v] for v in result.vars} for row in result]
    result = source.query(query)
    names = [v.value for v in result.variables]
    return [{name: _term(solution[name]) for name in names} for solution in result]


def headings(graph: Source) -> list[ArticleHeading]:
    """Every article heading with its document's budget year, from the documents' graphs."""
    found = []
    query = """
        PREFIX bkg: <https://w3id.org/beleidskg/def#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?article ?code ?title ?year ?ise ?span WHERE {
          ?m a bkg:Vermelding ; bkg:over ?article ; dcterms:title ?title ; bkg:bron ?span .
          ?article a bkg:Begrotingsartikel ; bkg:code ?code .
          ?span bkg:document/bkg:begrotingsjaar ?year .
          OPTIONAL { ?m bkg:ise ?ise }
        }"""
    for row in select(graph, query):
        ise = str(row["ise"]).rsplit("/", 2)[-2:] if row["ise"] is not None else None
        found.append(
            ArticleHeading(
                row["article"], str(row["code"]), str(row["title"]), int(row["year"]), "/".join(ise) if ise else None, row["span"]
            )
        )
    return sorted(found, key=lambda h: (h.year, h.code, str(h.span)))


def evidence(old: ArticleHeading, new: ArticleHeading) -> tuple[str, ...]:
    """What the two headings share, in the order the CONFIDENCE table names it."""
    a, b = normalised_title(old.title), normalised_title(new.title)
    found: list[str] = []
    if a == b:
        found.append("same title")
    elif a and b and (b.startswith(a + " ") or a.startswith(b + " ")):
        found.append("title extends the other")
    if old.ise and old.ise == new.ise:
        found.append("same ISE")
    if old.article_letter == new.article_letter:
        found.append("same article letter")
    return tuple(found)


def article_successions(found: list[ArticleHeading]) -> list[tuple[ArticleHeading, ArticleHeading, tuple[str, ...]]]:
    """Pairs (older, newer) of different codes in different years that are likely one article.

    Both must have the same ESR aggregate; among several candidates for one
    older article only the best-supported ones are kept, so a shared title alone
    never links two different things.
    """
    best: dict[URIRef, list[tuple[Decimal, ArticleHeading, ArticleHeading, tuple[str, ...]]]] = {}
    for old, new in combinations(found, 2):
        if old.year >= new.year or old.code == new.code or old.esr != new.esr:
            continue
        matched = evidence(old, new)
        confidence = CONFIDENCE.get(matched)
        if confidence is None:
            continue
        best.setdefault(old.article, []).append((confidence, old, new, matched))
    pairs = []
    for candidates in best.values():
        top = max(c[0] for c in candidates)
        winners = {c[2].article: c for c in candidates if c[0] == top}
        pairs += [(old, new, matched) for _, old, new, matched in winners.values()]
    return sorted(pairs, key=lambda p: (p[0].code, p[1].code))


def infer(graph: Source) -> Graph:
    """The lineage links the documents' graphs support, as a graph of their own."""
    out = Graph()
    for old, new, matched in article_successions(headings(graph)):
        node = ID[f"lineage/artikel/{old.code}/{new.code}"]
        out.add((node, RDF.type, BKG.Opvolging))
        out.add((node, BKG.van, old.article))
        out.add((node, BKG.naar, new.article))
        out.add((node, BKG.verband, BKG.OpgevolgdDoor))
        out.add((node, BKG.bron, old.span))
        out.add((node, BKG.bron, new.span))
        for item in matched:
            out.add((node, BKG.bewijsSoort, Literal(item)))
        out.add((node, BKG.zekerheid, Literal(CONFIDENCE[matched])))
        out.add(
            (
                node,
                DCTERMS.description,
                Literal(
                    f"{old.code} '{old.title}' ({old.year}) and {new.code} '{new.title}' ({new.year}): "
                    + ", ".join(matched)
                ),
            )
        )
    transitions = select(
        graph,
        """PREFIX bkg: <https://w3id.org/beleidskg/def#>
           SELECT ?statement ?from ?to ?relation ?span WHERE {
             ?statement a bkg:MaatregelOvergang ; bkg:van ?from ; bkg:naar ?to ; bkg:bron ?span .
             OPTIONAL { ?statement bkg:relatie ?relation } }""",
    )
    for row in sorted(transitions, key=lambda r: (str(r["statement"]), str(r["span"]))):
        node = ID[
            f"lineage/maatregel/{slug(str(row['from']).rsplit('/', 1)[-1])}/{slug(str(row['to']).rsplit('/', 1)[-1])}"
        ]
        out.add((node, RDF.type, BKG.Opvolging))
        out.add((node, BKG.van, row["from"]))
        out.add((node, BKG.naar, row["to"]))
        out.add((node, BKG.verband, BKG.OpgegaanIn))
        out.add((node, BKG.bron, row["span"]))
        out.add((node, BKG.bewijsSoort, Literal("stated in text")))
        if row["relation"] is not None:
            out.add((node, DCTERMS.description, Literal(str(row["relation"]))))
        out.add((node, BKG.zekerheid, Literal(STATED_CONFIDENCE)))
    return out
