"""The one writer: typed records (:mod:`.records`) in, one document's graph out.

Each record type has one function here that says how it looks in RDF, through
the typed helpers of :class:`~.model.DocumentGraph` (which attach the source
lines to every fact). A document kind with record types of its own registers
their writers with :func:`write_record.register` in its module, next to the types.
"""

from __future__ import annotations

from functools import singledispatch

from rdflib import URIRef

from . import records as r
from .model import DocumentGraph, article_iri, goal_iri, indicator_iri, ise_iri, measure_iri, plan_iri, programme_iri
from .vocab import BKG, slug


def write(parsed: r.DocumentRecords) -> DocumentGraph:
    """The graph of one parsed document: its identity, its facts, then every record in reading order."""
    dg = DocumentGraph(parsed.doc, parsed.kind, parsed.title, parsed.span)
    if parsed.budget_year is not None:
        dg.set_budget_year(parsed.budget_year)
    if parsed.plan is not None:
        dg.plan(parsed.plan.domain, parsed.plan.legislature)
    for prop, value in parsed.facts.items():
        dg.add(dg.iri, BKG[prop], value)
    writer = Writer(dg, parsed.plan)
    for record in parsed.records:
        write_record(record, writer)
    dg.notes.extend(parsed.notes)
    dg.records = parsed
    return dg


class Writer:
    """A document's graph being written, and how records' references become IRIs in it."""

    def __init__(self, dg: DocumentGraph, plan: r.Plan | None) -> None:
        self.dg = dg
        self.plan = plan_iri(plan.domain, plan.legislature) if plan is not None else None

    def iri(self, ref: r.Subject | None) -> URIRef | None:
        """The IRI of a referenced thing (``None`` stays ``None``)."""
        match ref:
            case None:
                return None
            case r.ArticleRef(code):
                return article_iri(code)
            case r.GoalRef(level, number):
                if self.plan is None:
                    raise ValueError(f"{level} {number} is referred to in a document without a plan")
                return goal_iri(self.plan, level, number)
            case r.IseRef(field, name):
                return ise_iri(field, name)
            case r.ProgrammeRef(code):
                return programme_iri(code)
            case r.MeasureRef(name):
                return measure_iri(name)
            case r.DocumentRef():
                return self.dg.iri
            case r.LineItemRef(kind, article, index):
                return self.dg.local(f"{kind}/{article}/{index}")
        raise TypeError(f"not a reference: {ref!r}")

    def value(self, value: object) -> object:
        """A fact's value: references become IRIs, anything else stays as it is."""
        return self.iri(value) if isinstance(value, r.Subject) else value


@singledispatch
def write_record(record: object, w: Writer) -> None:
    raise TypeError(f"no writer for {type(record).__name__} records")


@write_record.register
def _(rec: r.PolicyField, w: Writer) -> None:
    w.dg.policy_field(rec.name, rec.span)


@write_record.register
def _(rec: r.Programme, w: Writer) -> None:
    w.dg.programme(rec.code, rec.name, rec.span)


@write_record.register
def _(rec: r.Ise, w: Writer) -> None:
    w.dg.ise(rec.field, rec.name, rec.span, title=rec.title)


@write_record.register
def _(rec: r.Goal, w: Writer) -> None:
    w.dg.goal(w.plan, rec.level, rec.number, rec.title, rec.span, w.iri(rec.ise), w.iri(rec.parent))


@write_record.register
def _(rec: r.Article, w: Writer) -> None:
    programme = programme_iri(rec.programme) if rec.programme else None
    w.dg.article(rec.code, rec.title, rec.span, ise=w.iri(rec.ise), programme=programme, summary=rec.summary)


@write_record.register
def _(rec: r.GoalLink, w: Writer) -> None:
    node = w.dg.link(w.iri(r.GoalRef("OD", rec.od)), w.dg.article_code(rec.article), rec.stated_by, rec.span)
    w.dg.add(node, BKG.geciteerdeTitel, rec.quoted_title)


@write_record.register
def _(rec: r.GoalReference, w: Writer) -> None:
    w.dg.goal_reference(w.iri(rec.source), w.iri(rec.goal), rec.quoted_title, rec.span)


@write_record.register
def _(rec: r.Amount, w: Writer) -> None:
    w.dg.amount(
        rec.table,
        w.iri(rec.subject),
        rec.row,
        rec.year,
        rec.credit,
        rec.value,
        rec.span,
        unit=rec.unit,
        part=rec.part,
        line_item=w.iri(rec.line_item),
    )


@write_record.register
def _(rec: r.LineItem, w: Writer) -> None:
    counterpart = article_iri(rec.counterpart) if rec.counterpart else None
    w.dg.line_item(
        rec.kind,
        article_iri(rec.article),
        rec.index,
        rec.label,
        rec.span,
        counterpart=counterpart,
        direction=rec.direction,
        explanation=rec.explanation,
    )


@write_record.register
def _(rec: r.Indicator, w: Writer) -> None:
    w.dg.indicator(w.plan, rec.name, rec.span, **{prop: w.value(v) for prop, v in rec.metadata})


@write_record.register
def _(rec: r.IndicatorValue, w: Writer) -> None:
    w.dg.indicator_value(indicator_iri(w.plan, rec.indicator), rec.series, rec.year, rec.value, rec.unit, rec.span)


@write_record.register
def _(rec: r.Initiative, w: Writer) -> None:
    w.dg.initiative(rec.number, rec.title, rec.span, **dict(rec.fields))


@write_record.register
def _(rec: r.Abbreviation, w: Writer) -> None:
    w.dg.abbreviation(rec.abbr, rec.meaning, rec.index, rec.span)


@write_record.register
def _(rec: r.Measure, w: Writer) -> None:
    w.dg.measure(rec.name, rec.span, rec.abbreviation, **{prop: w.value(v) for prop, v in rec.facts})


@write_record.register
def _(rec: r.MeasureTransition, w: Writer) -> None:
    path = f"maatregelovergang/{slug(rec.source)}/{slug(rec.target)}/{w.dg.doc.source_line(rec.span[0])}"
    node = w.dg.statement(path, BKG.MaatregelOvergang, None, rec.span)
    w.dg.add(node, BKG.van, measure_iri(rec.source))
    w.dg.add(node, BKG.naar, measure_iri(rec.target))
    w.dg.add(node, BKG.relatie, rec.relation)


@write_record.register
def _(rec: r.Filing, w: Writer) -> None:
    node = w.dg.statement("indiening", BKG.Indiening, w.dg.iri, rec.spans[0])
    for span in rec.spans[1:]:
        w.dg.source(node, span)
    for prop, value in rec.facts:
        w.dg.add(node, BKG[prop], value)
