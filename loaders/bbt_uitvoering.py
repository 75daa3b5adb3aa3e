"""Loader for a BBT begrotingsuitvoering: the explanation of a budget's execution.

Recognised by its execution tables with the rows or columns '1e BA', '1e BA-JR'
and 'BU'. It reads the overarching SDs and the ISEs their 'Leeswijzer' names,
the policy fields, ISEs and ODs, the OD-article links stated in footnotes and
in article sections, every article's execution table, the ISE, programme and
overall totals, the abbreviations and the regulatory initiatives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import bbt, claims, initiatives
from . import records as r
from .goals import parent_sd, sd_heading
from .kinds import STAGES, DocumentKind, register
from .model import credit_type, legislature_of
from .numbers import parse_amount, parse_percentage
from .source import SourceDocument
from .text import ABBREVIATIONS_HEADING_RE, Line, is_noise, join_lines, join_wrapped, normalise_space, wrapped_heading
from .vocab import BKG
from .writer import Writer, write_record

#: The parts the reading report looks for in a document of this kind (``reading.DETECTORS``).
PARTS = (
    "SD-koppen",
    "OD-koppen",
    "artikelkoppen",
    "kredieten-uitvoeringstabellen",
    "voetnoten-met-artikelcode",
    "geciteerde-doelstellingen",
)
#: The part that closes a complete BBT: without it, the text was cut off (or is an excerpt).
CLOSING_PARTS = {"the list of abbreviations": ABBREVIATIONS_HEADING_RE}

#: An execution rate with the amount it is the rate of: '112.710 keuro VAK/VEK of 105,53%', '3.758 keuro in
#: VAK en VEK of 122%'. A rate without its amount ('een realisatiegraad van 86%') is not read: it may be
#: the rate of a part of the article, and only the amount tells.
_EXECUTION_RATE_RE = re.compile(
    r"(?<![\d.,])(?P<amount>\d{1,3}(?:\.\d{3})*)\s+keuro(?P<credits>(?:\s+(?:in\s+)?(?:VAK|VEK)(?:\s*(?:/|en)\s*(?:VAK|VEK))?)?)"
    r"\s+of\s+(?P<pct>\d{1,3}(?:[,.]\d+)?)\s*%"
)
_EXECUTION_HEADER_RE = re.compile(r"^\s*((?:19|20)\d\d)\s+1e BA\s+1e BA-JR\s+BU\b")
_CREDIT_HEADER_RE = re.compile(r"^\s*((?:19|20)\d\d)\s+((?:(?:AO|TO|LO|VAK|VEK)\s*)+)$")
_CREDITS_RE = re.compile(r"^\s*((?:(?:VAK|VEK)\s*)+)$")
_LEESWIJZER_RE = re.compile(r"^\s*Leeswijzer:")
_LEESWIJZER_ISE_RE = re.compile(r"[‘'](?P<ise>[^’']+)[’']\s*\((?:in het\s+)?beleidsveld\s+(?P<field>[^)]+)\)")
_STOP_RE = re.compile(r"^\s*(?:Inhoudelijke|Toelichting|\(duizend)")
_ROUND_ROW_RE = re.compile(r"^\s*(?:1e\s+(?:aanpassing\s+)?BA(?:-JR)?|BU)\b")


def recognise(doc: SourceDocument) -> bool:
    """An execution BBT prints tables with the rounds '1e BA', '1e BA-JR' and 'BU'."""
    headers = sum(1 for line in doc.lines if _EXECUTION_HEADER_RE.match(line))
    return headers >= 2


@dataclass(frozen=True)
class ReadingGuide:
    """An overarching SD's 'Leeswijzer': the ISEs under which its ODs are set out."""

    sd: str
    ises: tuple[r.IseRef, ...]
    span: r.Span


@dataclass(frozen=True)
class ExecutionRate:
    """An execution rate an article's text states with the amount it is the rate of, for checking against its table."""

    article: str
    index: int
    percentage: Decimal
    amount: Decimal
    credits: tuple[str, ...]
    span: r.Span


@write_record.register
def _(rec: ReadingGuide, w: Writer) -> None:
    node = w.dg.statement(f"leeswijzer/sd-{rec.sd}", BKG.Leeswijzer, None, rec.span)
    w.dg.add(node, BKG.doelstelling, w.iri(r.GoalRef("SD", rec.sd)))
    for ise in rec.ises:
        w.dg.add(node, BKG.ise, w.iri(ise))


@write_record.register
def _(rec: ExecutionRate, w: Writer) -> None:
    article = w.iri(r.ArticleRef(rec.article))
    node = w.dg.statement(f"uitvoeringsgraad/{rec.article}/{rec.index}", BKG.Uitvoeringsgraad, article, rec.span)
    w.dg.add(node, BKG.percentage, rec.percentage)
    w.dg.add(node, BKG.bedrag, rec.amount)
    w.dg.add(node, BKG.eenheid, BKG.DuizendEuro)
    for credit in rec.credits:
        w.dg.add(node, BKG.kredietsoort, credit_type(credit))


def read(doc: SourceDocument) -> r.DocumentRecords:
    years = [int(m.group(1)) for line in doc.lines if (m := _EXECUTION_HEADER_RE.match(line))]
    year = max(set(years), key=years.count)
    domain = bbt.document_domain(doc)
    stated = re.search(r"beleidsnota\s*\((\d{4}-\d{4})\)", doc.text)
    out = r.DocumentRecords(
        doc,
        BKG.BBTBegrotingsuitvoering,
        f"BBT {domain.name} begrotingsuitvoering {year}",
        (domain.line, domain.line),
        budget_year=year,
        plan=r.Plan(domain.name, stated.group(1) if stated else legislature_of(year)),
    )
    if domain.excluded is None:
        out.note("totalen", f"no 'TOTAAL - <domain>' table (an excerpt?): the domain is read from its {domain.named_by}")
    _Reader(doc, out, year).read()
    return out


class _Reader:
    def __init__(self, doc: SourceDocument, out: r.DocumentRecords, year: int) -> None:
        self.doc, self.out, self.year = doc, out, year
        self.field: str | None = None
        self.ise: r.IseRef | None = None
        self.sd_of_ise: dict[tuple[str, str], r.GoalRef] = {}
        #: The goal and article headings read, whose texts own the footnote markers in them.
        self.owners: list[bbt.Owner] = []
        self.sds: set[str] = set()
        #: The links the current paragraph's preamble states for each of its articles.
        self.paragraph: list[bbt.StatedLink] = []

    def read(self) -> None:
        doc = self.doc
        body_end = bbt.heading_line(doc, ABBREVIATIONS_HEADING_RE) or len(doc.lines)
        n = 1
        in_articles = False
        while n < body_end:
            line = doc.line(n)
            if m := bbt.FIELD_RE.match(line):
                self.field = bbt.domain_name(m.group(1))
                self.out.add(r.PolicyField(self.field, (n, n)))
                self.ise = None
                in_articles = False
            elif re.match(r"^\s*[IVX]+\.\s+\S", line):
                self.field, self.ise, in_articles = None, None, False
            elif (m := bbt.ISE_HEADING_RE.match(line)) and self.field:
                name = normalise_space(m.group(2)).capitalize()
                self.ise = self.out.add(r.Ise(self.field, name, (n, n), title=normalise_space(m.group(2)))).ref
                in_articles = False
            elif (sd := sd_heading(line)) and not in_articles and sd.number not in self.sds:
                n = self.strategic_goal(n, sd.number, sd.title)
            elif (heading := bbt.od_heading_at(doc, n)) and self.ise is not None and not in_articles:
                parent = self.sd_of_ise.get((self.ise.field.lower(), self.ise.name.lower()))
                if sd_number := parent_sd(heading.number):
                    parent = r.GoalRef("SD", sd_number)
                od = self.out.add(r.Goal("OD", heading.number, heading.title, (heading.first, heading.last), self.ise, parent))
                self.owners.append(bbt.Owner(heading.first, od.ref))
                n = heading.last
            elif m := bbt.TOTAL_RE.match(line):
                self.out.facts["totaalUitsluiting"] = m.group(2)
                n = self.credit_table(n, r.DocumentRef(), "totalen")
            elif m := bbt.PROGRAMME_RE.match(line):
                programme = self.out.add(r.Programme(m.group(1), bbt.domain_name(m.group(2)), (n, n)))
                n = self.credit_table(n, r.ProgrammeRef(programme.code), "totalen")
            elif _EXECUTION_HEADER_RE.match(line) and self.ise is not None and not in_articles:
                n = self.execution_table(n, self.ise, "totalen", part_labels=True)
            elif m := bbt.ARTICLE_HEADING_RE.match(line):
                in_articles = True
                n = self.article(n, m.group(1), m.group(2)) - 1
            elif bbt.NUMBERED_HEADING_RE.match(line):
                self.paragraph = bbt.paragraph_links(doc, n)
            n += 1
        self.out.records += bbt.read_footnotes(doc, self.owners, body_end)
        bbt.mend_quoted_titles(self.out)
        self.out.records += bbt.read_abbreviations(doc)
        if annex := initiatives.annex(doc):
            self.out.records += initiatives.read(doc, *annex)

    # -- goals ------------------------------------------------------------------

    def strategic_goal(self, n: int, number: str, title: str) -> int:
        """An overarching SD and, further on, its 'Leeswijzer' naming the ISEs of its ODs."""
        doc = self.doc
        joined, last = wrapped_heading(doc, n, title)
        sd = self.out.add(r.Goal("SD", number, joined, (n, last))).ref
        self.sds.add(number)
        guide = next((k for k in range(last + 1, min(len(doc.lines), last + 80)) if _LEESWIJZER_RE.match(doc.line(k))), None)
        if guide is None:
            return last
        end = guide
        while end < len(doc.lines) and not doc.line(end).rstrip().endswith("."):
            end += 1
        text = join_wrapped([doc.line(k) for k in range(guide, end + 1)])
        ises = []
        for m in _LEESWIJZER_ISE_RE.finditer(text):
            field, name = bbt.domain_name(m.group("field")), m.group("ise").strip().capitalize()
            ises.append(r.IseRef(field, name))
            self.sd_of_ise[(field.lower(), name.lower())] = sd
        self.out.add(ReadingGuide(number, tuple(ises), (guide, end)))
        return end

    # -- tables -------------------------------------------------------------------

    def credit_table(self, n: int, subject: r.Subject, table: str) -> int:
        """A table headed '<year> AO TO LO [VAK VEK]' with round rows '1e BA', '1e BA-JR', 'BU'."""
        doc = self.doc
        header = next((k for k in range(n + 1, n + 8) if _CREDIT_HEADER_RE.match(doc.line(k))), None)
        if header is None:
            return n
        m = _CREDIT_HEADER_RE.match(doc.line(header))
        year, credits = int(m.group(1)), m.group(2).split()
        rows, end = bbt.credit_rows(doc, header + 1, len(credits), re.compile(r"^\s*(?:Inhoudelijke|PROGRAMMA|TOTAAL|\(duizend)"))
        for row in rows:
            label = round_label(row.label)
            if label is None:
                continue
            for credit, value in zip(credits, row.amounts, strict=True):
                self.out.add(r.Amount(table, subject, label, year, credit, value, (row.first, row.last)))
        return end - 1

    def execution_table(self, header: int, subject: r.Subject, table: str, part_labels: bool) -> int:
        """A table headed '<year> 1e BA 1e BA-JR BU 1e BA 1e BA-JR BU' under a 'VAK VEK' line."""
        doc = self.doc
        year = int(_EXECUTION_HEADER_RE.match(doc.line(header)).group(1))
        rounds = re.findall(r"1e BA-JR|1e BA|BU", doc.line(header))
        credits_line = next((k for k in range(header - 1, header - 6, -1) if _CREDITS_RE.match(doc.line(k))), None)
        credits = doc.line(credits_line).split() if credits_line else ["VAK", "VEK"]
        per_credit = len(rounds) // len(credits)
        rows, end = bbt.credit_rows(doc, header + 1, len(rounds), _STOP_RE, max_label_words=16)
        for row in rows:
            part = bbt.dehyphenate(row.label.split()[0]) if part_labels and row.label else None
            for i, value in enumerate(row.amounts):
                span = (row.first, row.last)
                self.out.add(r.Amount(table, subject, rounds[i], year, credits[i // per_credit], value, span, part=part))
        return end - 1

    # -- articles -------------------------------------------------------------------

    def article(self, n: int, code: str, first_title: str) -> int:
        doc = self.doc
        end = next(
            (
                k
                for k in range(n + 1, len(doc.lines) + 1)
                if bbt.ARTICLE_HEADING_RE.match(doc.line(k))
                or bbt.ROMAN_HEADING_RE.match(doc.line(k))
                or bbt.ISE_HEADING_RE.match(doc.line(k))
                or re.match(r"^\s*\d\.\d(?:\.\d)*\.?\s+[A-Z]", doc.line(k))
            ),
            len(doc.lines) + 1,
        )
        summary_at = next((k for k in range(n + 1, end) if doc.line(k).strip().startswith("Korte inhoud")), None)
        table_at = next((k for k in range(n + 1, end) if doc.line(k).strip().startswith("Begrotingsuitvoering")), None)
        title_parts, title_last = [first_title], n
        for k in range(n + 1, min(end, n + 4)):
            text = doc.line(k).strip()
            if is_noise(text):
                continue
            if text.upper() != text or k in (summary_at, table_at):
                break
            title_parts.append(text)
            title_last = k
        body_end = table_at or end
        summary = join_wrapped([doc.line(k) for k in range(summary_at + 1, body_end)]) if summary_at else None
        programme = self.out.add(r.Programme(code[5:7], None, (n, title_last))).code
        art = self.out.add(
            r.Article(code, join_wrapped(title_parts), (n, title_last), self.ise, programme, summary=summary or None)
        ).ref
        self.owners.append(bbt.Owner(n, art))
        stated = bbt.stated_links(doc, summary_at, body_end - 1) if summary_at else []
        for link in self.paragraph + stated:
            self.out.add(r.GoalLink(link.od, code, "article", (link.first, link.last), link.quoted_title))
        start = table_at or n
        for k in range(start, min(end, start + 12)):
            if _EXECUTION_HEADER_RE.match(doc.line(k)):
                self.execution_table(k, art, "begrotingsuitvoering", part_labels=False)
                break
            if _CREDIT_HEADER_RE.match(doc.line(k)):
                self.credit_table(k - 1, art, "begrotingsuitvoering")
                break
        self.execution_rates(code, n, end)
        return end

    def execution_rates(self, code: str, first: int, end: int) -> None:
        """The execution rates the article's text states with their amount, for checking against its table."""
        joined = join_lines([Line(k, self.doc.line(k)) for k in range(first, end) if not is_noise(self.doc.line(k))])
        for index, m in enumerate(_EXECUTION_RATE_RE.finditer(joined.text), start=1):
            credits = tuple(sorted(set(re.findall(r"VAK|VEK", m["credits"])) or {"VAK", "VEK"}))
            span = joined.lines_of(*m.span())
            self.out.add(ExecutionRate(code, index, parse_percentage(m["pct"]), parse_amount(m["amount"]), credits, span))


def round_label(label: str) -> str | None:
    """'1e aanpassing BA-JR' -> '1e BA-JR': the rounds of an execution table, as its headers name them."""
    text = normalise_space(label.replace("aanpassing", ""))
    return text if text in ("1e BA", "1e BA-JR", "BU") else None


KIND = register(
    DocumentKind(
        "bbt-begrotingsuitvoering",
        BKG.BBTBegrotingsuitvoering,
        recognise,
        read,
        PARTS,
        CLOSING_PARTS,
        stages=(*STAGES, claims.read),
    )
)
