"""What a reader parsed from one document, as typed records, before any RDF is made.

A reader (one per document kind, see :mod:`.kinds`) turns a document's logical
lines into :class:`DocumentRecords`: headings, articles, table amounts, links,
footnote references, each record with the span of logical lines it was read
from. One writer (:mod:`.writer`) turns records into triples through
:class:`~.model.DocumentGraph`, so every kind models the same thing the same way;
later build stages (measures, lineage, claims, the reading report) work on the
records, never on RDF read back.

Records refer to shared things by their identity (an article by its code, a goal
by level and number within the document's plan, an ISE by policy field and name),
not by IRI: IRIs are the writer's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeAlias

from rdflib import URIRef

from .source import SourceDocument

Span: TypeAlias = tuple[int, int]


# -- references to shared things -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleRef:
    """A budget article, known by its code ('SE0-1SFB2AA-WT')."""

    code: str


@dataclass(frozen=True)
class GoalRef:
    """An SD or OD of the document's plan: level 'SD' or 'OD', number '4' or '1.1'."""

    level: str
    number: str


@dataclass(frozen=True)
class IseRef:
    """An ISE: its policy field and its name."""

    field: str
    name: str


@dataclass(frozen=True)
class ProgrammeRef:
    """A policy programme, known by its two-letter code."""

    code: str


@dataclass(frozen=True)
class MeasureRef:
    """A measure, known by its full name as the document writes it."""

    name: str


@dataclass(frozen=True)
class DocumentRef:
    """The document itself (the subject of its overall totals)."""


@dataclass(frozen=True)
class LineItemRef:
    """A row of an article's compensations ('compensatie') or other adjustments ('bijstelling') table."""

    kind: str
    article: str
    index: int


Subject: TypeAlias = ArticleRef | GoalRef | IseRef | ProgrammeRef | MeasureRef | DocumentRef | LineItemRef


# -- the document's structure ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """The policy plan a document belongs to: one per policy domain and legislature."""

    domain: str
    legislature: str


@dataclass(frozen=True)
class PolicyField:
    """A beleidsveld heading ('BELEIDSVELD I: WELZIJN')."""

    name: str
    span: Span


@dataclass(frozen=True)
class Programme:
    """A programme named in a table or implied by an article code; ``name`` when the document prints one."""

    code: str
    name: str | None
    span: Span


@dataclass(frozen=True)
class Ise:
    """An ISE heading: ``name`` as identity, ``title`` as printed."""

    field: str
    name: str
    span: Span
    title: str | None = None

    @property
    def ref(self) -> IseRef:
        return IseRef(self.field, self.name)


@dataclass(frozen=True)
class Goal:
    """An SD or OD heading, with the ISE it stands under and its parent SD."""

    level: str
    number: str
    title: str
    span: Span
    ise: IseRef | None = None
    parent: GoalRef | None = None

    @property
    def ref(self) -> GoalRef:
        return GoalRef(self.level, self.number)


@dataclass(frozen=True)
class Article:
    """A budget article section headed 'CODE - TITLE', with its ISE, programme and short summary."""

    code: str
    title: str
    span: Span
    ise: IseRef | None = None
    programme: str | None = None
    summary: str | None = None

    @property
    def ref(self) -> ArticleRef:
        return ArticleRef(self.code)


# -- links and references ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalLink:
    """One statement that OD ``od`` and an article are linked; ``stated_by`` 'od' or 'article'."""

    od: str
    article: str
    stated_by: str
    span: Span
    quoted_title: str | None = None


@dataclass(frozen=True)
class GoalReference:
    """In the text of ``source`` (a goal or an article), a reference to another goal ('Zie ook OD 10 ...')."""

    source: GoalRef | ArticleRef
    goal: GoalRef
    quoted_title: str | None
    span: Span


# -- amounts ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """One amount of a table: what it is of, row label without year, year, credit type, value, unit.

    ``part`` divides a table (an ESR group), ``line_item`` ties the amount to a
    compensation or adjustment row; a table has one or the other, not both.
    """

    table: str
    subject: Subject
    row: str
    year: int | None
    credit: str
    value: Decimal
    span: Span
    unit: str = "duizend euro"
    part: str | None = None
    line_item: LineItemRef | None = None


@dataclass(frozen=True)
class LineItem:
    """A row of an article's compensations or other adjustments table (amounts are :class:`Amount`)."""

    kind: str
    article: str
    index: int
    label: str
    span: Span
    counterpart: str | None = None
    direction: str | None = None
    explanation: str | None = None

    @property
    def ref(self) -> LineItemRef:
        return LineItemRef(self.kind, self.article, self.index)


# -- indicators, initiatives, abbreviations, measures ----------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """An indicator and what the document says of it (``metadata``: ontology property name → value)."""

    name: str
    span: Span
    metadata: tuple[tuple[str, str | IseRef | GoalRef], ...] = ()


@dataclass(frozen=True)
class IndicatorValue:
    """One yearly value of an indicator's series."""

    indicator: str
    series: str
    year: int
    value: Decimal
    unit: str
    span: Span


@dataclass(frozen=True)
class Initiative:
    """A row of an annex of policy and regulatory initiatives (``fields``: aard, inhoud, planning, ...)."""

    number: str
    title: str
    span: Span
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Abbreviation:
    """An entry of the list of abbreviations, numbered in list order."""

    abbr: str
    meaning: str
    index: int
    span: Span


@dataclass(frozen=True)
class Measure:
    """A measure the running text names (``facts``: article, doelstelling, ... on the mention)."""

    name: str
    span: Span
    abbreviation: str | None = None
    facts: tuple[tuple[str, Subject | str | int], ...] = ()


@dataclass(frozen=True)
class MeasureTransition:
    """A transition between measures the text states ('... werden ondergebracht in ...'), from one source."""

    source: str
    target: str
    relation: str
    span: Span


@dataclass(frozen=True)
class Note:
    """A reader's remark on what it could not read: the part, why, and where (logical lines)."""

    part: str
    message: str
    span: Span | None = None


@dataclass(frozen=True)
class QuotedAmount:
    """An amount running text quotes with its unit as written ('88 miljoen euro': unit 'miljoen euro'),
    not an amount of a table: ``value`` in that unit, ``text`` as printed."""

    value: Decimal
    unit: str
    text: str
    span: Span


@dataclass(frozen=True)
class Filing:
    """How the document was filed in parliament (``bkg:Indiening``): ``facts`` are its properties
    (indiener, stuknummer, datumIndiening) and ``spans`` the places they were read, the first one the
    statement's own."""

    facts: tuple[tuple[str, str | date], ...]
    spans: tuple[Span, ...]


# -- one document --------------------------------------------------------------------------------------------------


@dataclass
class DocumentRecords:
    """Everything a reader parsed from one document, in reading order.

    ``kind`` is the document's ``bkg:Document`` subclass; ``facts`` are
    properties of the document itself (ontology property name → value).
    """

    doc: SourceDocument
    kind: URIRef
    title: str
    span: Span
    budget_year: int | None = None
    plan: Plan | None = None
    facts: dict[str, str | int] = field(default_factory=dict)
    records: list[object] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(self, record: object) -> object:
        """Keep ``record`` (in reading order) and give it back, so a reader can refer to it."""
        self.records.append(record)
        return record

    def note(self, part: str, message: str, span: Span | None = None) -> None:
        """Something of ``part`` the reader could not read, for the reading report (never silently dropped)."""
        self.notes.append(Note(part, message, span))

    def of(self, cls: type) -> list:
        """The records of one type, in reading order."""
        return [r for r in self.records if isinstance(r, cls)]
