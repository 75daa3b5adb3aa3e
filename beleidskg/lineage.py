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
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import permutations

from rdflib import DCTERMS, RDF, Graph, Literal, URIRef

from beleidskg.loaders import records
from beleidskg.loaders.model import article_iri, measure_iri, span_iri
from beleidskg.loaders.records import DocumentRecords
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


def cited(parsed: DocumentRecords, span: tuple[int, int]) -> URIRef:
    """The span node a document's graph cites for a record's (logical) lines."""
    first, last, _ = parsed.doc.cite(*span)
    return span_iri(parsed.doc, (first, last))


def headings(documents: Iterable[DocumentRecords]) -> list[ArticleHeading]:
    """Every article heading of the documents that have a budget year, from their records."""
    found = [
        ArticleHeading(
            article_iri(a.code),
            a.code,
            a.title,
            parsed.budget_year,
            f"{slug(a.ise.field)}/{slug(a.ise.name)}" if a.ise else None,
            cited(parsed, a.span),
        )
        for parsed in documents
        if parsed.budget_year is not None
        for a in parsed.of(records.Article)
    ]
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
    never links two different things. ``found`` is in :func:`headings` order.

    What two headings share depends on their article, code, title, year and
    ISE only, so headings alike in those (one article headed alike by many
    documents) are compared once, by the last of them: the pairs are compared
    per kind of heading, not per heading, which keeps a build of hundreds of
    documents linear. Of the pairs supporting one succession, the cited one is
    the last in ``found``'s order, as comparing every pair in turn would keep.
    """
    order = {h: n for n, h in enumerate(found)}
    alike: dict[tuple, ArticleHeading] = {}
    for h in found:  # the last heading of each kind stands for it
        alike[(h.article, h.code, h.title, h.year, h.ise)] = h
    by_esr: dict[str, list[ArticleHeading]] = {}
    for h in alike.values():
        by_esr.setdefault(h.esr, []).append(h)
    best: dict[URIRef, list[tuple[Decimal, ArticleHeading, ArticleHeading, tuple[str, ...]]]] = {}
    for group in by_esr.values():
        for old, new in permutations(group, 2):
            if old.year >= new.year or old.code == new.code:
                continue
            matched = evidence(old, new)
            confidence = CONFIDENCE.get(matched)
            if confidence is None:
                continue
            best.setdefault(old.article, []).append((confidence, old, new, matched))
    pairs = []
    for candidates in best.values():
        top = max(c[0] for c in candidates)
        winners: dict[URIRef, tuple[Decimal, ArticleHeading, ArticleHeading, tuple[str, ...]]] = {}
        for c in sorted((c for c in candidates if c[0] == top), key=lambda c: (order[c[1]], order[c[2]])):
            winners[c[2].article] = c
        pairs += [(old, new, matched) for _, old, new, matched in winners.values()]
    return sorted(pairs, key=lambda p: (p[0].code, p[1].code))


@dataclass(frozen=True)
class Transition:
    """A measure that a document says went up in another (``records.MeasureTransition``), with its cited span."""

    source: str
    target: str
    relation: str
    span: URIRef


@dataclass(frozen=True)
class Evidence:
    """What one document contributes to the lineage: its article headings and stated measure transitions.

    Kept per document in the store's manifest (:meth:`to_json`), so ``build
    --add`` recomputes the lineage of all documents without reading the others again.
    """

    headings: tuple[ArticleHeading, ...]
    transitions: tuple[Transition, ...]

    @classmethod
    def of(cls, parsed: DocumentRecords) -> Evidence:
        found = [Transition(t.source, t.target, t.relation, cited(parsed, t.span)) for t in parsed.of(records.MeasureTransition)]
        return cls(tuple(headings([parsed])), tuple(found))

    def to_json(self) -> dict:
        return {
            "headings": [[str(h.article), h.code, h.title, h.year, h.ise, str(h.span)] for h in self.headings],
            "transitions": [[t.source, t.target, t.relation, str(t.span)] for t in self.transitions],
        }

    @classmethod
    def from_json(cls, data: dict) -> Evidence:
        found = (ArticleHeading(URIRef(a), c, t, y, i, URIRef(s)) for a, c, t, y, i, s in data["headings"])
        stated = (Transition(a, b, r, URIRef(s)) for a, b, r, s in data["transitions"])
        return cls(tuple(found), tuple(stated))


def infer(documents: Iterable[DocumentRecords]) -> Graph:
    """The lineage links the documents' records support, as a graph of their own (a build stage)."""
    return link(Evidence.of(d) for d in documents)


def link(evidence: Iterable[Evidence]) -> Graph:
    """The lineage links of the documents' evidence (the same whatever order the documents come in)."""
    evidence = list(evidence)
    found = sorted((h for e in evidence for h in e.headings), key=lambda h: (h.year, h.code, str(h.span)))
    out = Graph()
    for old, new, matched in article_successions(found):
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
    transitions = sorted(
        {(t.source, t.target, t.relation, t.span) for e in evidence for t in e.transitions},
        key=lambda t: (slug(t[0]), slug(t[1]), str(t[3]), t[2]),
    )
    for source, target, relation, span in transitions:
        node = ID[f"lineage/maatregel/{slug(source)}/{slug(target)}"]
        out.add((node, RDF.type, BKG.Opvolging))
        out.add((node, BKG.van, measure_iri(source)))
        out.add((node, BKG.naar, measure_iri(target)))
        out.add((node, BKG.verband, BKG.OpgegaanIn))
        out.add((node, BKG.bron, span))
        out.add((node, BKG.bewijsSoort, Literal("stated in text")))
        out.add((node, DCTERMS.description, Literal(relation)))
        out.add((node, BKG.zekerheid, Literal(STATED_CONFIDENCE)))
    return out
