"""Claims: every quantitative statement in a BBT's running text, resolved against the document's own tables.

The consistency rules check the tables against each other; what researchers and
auditors quote is the prose around them ('een daling van het beschikbaar
VEK-krediet met 9.089 keuro t.o.v. BA 2025'). This build stage reads that prose
from the parsed records of a BBT (the lines no table was read from), finds each
statement of an amount, a change, a percentage, a count, a year, an article code
or a sum, works out from where it stands and what it names which table it is
about (the article whose section it is in, an ISE it names or stands under, the
programme), and resolves it:

* ``overeenkomend`` (matched): the table value or computation it agrees with;
* ``tegengesproken`` (contradicted): the claim is surely about that table and the
  table says otherwise (the stated and the computed value, the table's lines);
* ``onopgelost`` (unresolved): the claim could not be tied to a table. Kept and
  listed, never dropped: when unsure which table a claim is about, it is this.

Tolerance follows the stated precision: a percentage printed with *d* decimals
agrees with an exact ratio that rounds or is cut off to it; amounts are exact.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise

from rdflib import RDF

from . import records as r
from .act_approvals import approval_dates
from .act_dates import ActDate, act_dates, named_periods
from .claim_lists import listed_totals
from .claim_movements import reconcile
from .claim_totals import totals
from .event_dates import causes_after_adoption, event_dates, prose
from .model import credit_type
from .numbers import format_amount as _fmt
from .numbers import half_unit as _half_unit
from .numbers import parse_amount, parse_percentage
from .text import ABBREVIATIONS_HEADING_RE, WRAPPED_ARTICLE_CODE_RE, JoinedText, Line, is_noise, join_lines, normalise_code
from .vocab import BKG
from .writer import Writer, write_record

MATCHED, CONTRADICTED, UNRESOLVED = "overeenkomend", "tegengesproken", "onopgelost"
#: The derived row of an execution's own table that an underspend ('onderbenutting van 627 keuro') is of.
UNDERSPEND = "1e BA-JR − BU"

#: The kinds of claim, as ``bkg:soort`` of a ``bkg:Bewering`` (one consistency rule each).
KINDS = ("bedrag", "wijziging", "percentage", "aantal", "jaar", "artikelcode", "som", "kredietsoort", "datum", "verloop")

#: The document kinds whose prose is read for claims.
BBT_KINDS = (BKG.BBTBegrotingsopmaak, BKG.BBTBegrotingsuitvoering)


@dataclass(frozen=True)
class Claim:
    """One quantitative statement of the running text and how it was resolved.

    ``stated`` is the value as the text gives it (a signed amount for a change,
    the percentage, the count, the year, the code); ``computed`` the value the
    tables give for it (``None`` when unresolved), ``computation`` how, in words,
    and ``table_spans`` the lines of the table rows it was resolved against.
    """

    index: int
    kind: str
    text: str
    span: r.Span
    stated: Decimal | str
    status: str
    subject: r.Subject | None = None
    credit: str | None = None
    unit: str | None = None
    computed: Decimal | str | None = None
    computation: str | None = None
    table_spans: tuple[r.Span, ...] = ()


@write_record.register
def _(rec: Claim, w: Writer) -> None:
    dg = w.dg
    node = dg.local(f"bewering/{rec.index}")
    dg.add(node, BKG.bron, dg.span(*rec.span))  # prose, not a table read: not in spans_read
    dg.add(node, BKG.over, w.iri(rec.subject))
    dg.add(node, RDF.type, BKG.Bewering)
    dg.add(node, BKG.soort, rec.kind)
    dg.add(node, BKG.beweringTekst, rec.text)
    dg.add(node, BKG.gesteldeWaarde, rec.stated)
    dg.add(node, BKG.berekendeWaarde, rec.computed)
    dg.add(node, BKG.berekening, rec.computation)
    dg.add(node, BKG.beweringStatus, BKG[_STATUS_TERMS[rec.status]])
    if rec.credit in ("VAK", "VEK"):
        dg.add(node, BKG.kredietsoort, credit_type(rec.credit))
    if rec.unit:
        dg.add(node, BKG.eenheid, BKG.DuizendEuro if rec.unit == "duizend euro" else BKG.Euro)
    for span in rec.table_spans:
        dg.add(node, BKG.tabelbron, dg.span(*span))


_STATUS_TERMS = {MATCHED: "Overeenkomend", CONTRADICTED: "Tegengesproken", UNRESOLVED: "Onopgelost"}


# -- reading the prose ---------------------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_AMOUNT_RE = re.compile(rf"(?<![\w.,/])(?P<sign>[-+–]\s?)?(?P<value>{_NUMBER})\s*(?P<unit>keuro|k euro|duizend euro|euro)\b")
_CREDIT_AFTER_RE = re.compile(
    r"^\s*(?:\(\s*)?(?:in\s+|aan\s+)?(?:(?P<pair>VAK\s*(?:/|en|als)\s*VEK|VEK\s*(?:/|en)\s*VAK|zowel\s+VAK\s+als\s+VEK)"
    r"|(?P<bad>VAK\s*/\s*VAK|VEK\s*/\s*VEK)|(?P<one>VAK|VEK)(?![/\w])"
    r"|aan\s+de\s+zijde\s+van\s+de\s+(?P<side>vastleggings|vereffenings)kredieten)"
)
_PERCENT_RE = re.compile(r"(?<![\w.,])(?P<value>\d{1,3}(?:[.,]\d+)?)\s*(?:%|procent\b)(?!\s*punt)")
_CHANGE_RE = re.compile(
    r"\b(?P<word>stijging|daling|toename|afname|verhoging|stijgt|daalt|gestegen|gedaald|toegenomen|afgenomen"
    r"|steeg|stegen|daalde|daalden|verhoogd|verlaagd|verminderd|(?:neemt|nam|namen)\b(?:\s+\S+){0,6}?\s+(?P<dir>toe|af)\b)",
    re.IGNORECASE,
)
#: Words of a change that as often name one movement of several: a change they state is matched, never contradicted.
_PART_WORDS = ("verhoogd", "verlaagd", "verminderd")
_NEGATIVE_WORDS = ("daling", "afname", "daalt", "daalde", "gedaald", "afgenomen", "verlaagd", "verminderd")
_COUNT_WORDS = {
    w: i
    for i, w in enumerate(
        (
            *("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
            *("elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"),
        )
    )
}
_COUNT_RE = re.compile(
    r"\b(?P<n>" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r"|\d{1,2})\s+"
    r"(?P<what>(?:uitgaven|ontvangsten|begrotings)?artikel(?:en|s))\b",
    re.IGNORECASE,
)
#: An article code with its ESR suffix run on ('JB0-1JAB4ZZLO'): the stem and the two letters.
_DASHLESS_CODE_RE = re.compile(r"\b(?P<stem>[A-Z]{2}0-\s*[19][A-Z]{3}[A-Z0-9]{3})(?P<suffix>[A-Z]{2})\b")
#: The articles of one ESR kind an ISE's table sums in a row ('de IS-artikels', 'de WT-artikelen'): the row's label.
_ESR_PART_RE = re.compile(r"\b(WT|IS)-artikel(?:s|en)\b")
_ESR_PARTS = {"WT": "ESR-uitgaven", "IS": "Toelagen"}
_ABBREVIATION_END_RE = re.compile(
    r"(?:\b\w\.(?:\w\.)+|\b(?:cfr|nl|bv|bvb|incl|excl|resp|ca|nr|art|vb|o\.a|m\.a\.w|zgn|p)\.)$", re.IGNORECASE
)
#: A sentence that goes on about the amount the one before it ended with: 'Dit is 82% …', 'Dat is 33% van …'.
_CONTINUES_RE = re.compile(r"\s*(?:Dit|Dat)\s+(?:is|komt\s+neer\s+op)\b|\s*Daarmee\b")
_ROW_LABEL_WORDS = 6
#: A bullet that opens a line: a dash or bullet and a space or a word ('- 65 keuro …', '-Overgangsbepaling LDE');
#: '-200 keuro' opening a line is a sign.
_BULLET_RE = re.compile(r"[-–•](?:\s|(?=[A-Za-z]))")
_CELL_RE = re.compile(r"[-–]?\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|[-–]?\d+(?:,\d+)?%?")
_TABLE_ROW_RE = re.compile(r"^\D*?(?:(?<!\S)[-–]?\s?\d[\d.,]*%?\s*){2,}$")
#: What an underspend amount follows: 'onderbenutting van 627 keuro', 'De VAK- en VEK-onderbenutting (8.963 keuro VAK',
#: 'VAK-onderbenutting van afgerond 12.000 keuro'; not 'De onderbenutting op het Vlaams Zorgkrediet bedraagt' (a part).
_UNDERSPEND_BEFORE_RE = re.compile(
    r"\bonderbenut\w*\s*(?:van|met|bedraagt|bedroeg|\()\s*(?:afgerond|ongeveer|circa|ca\.|ruim|bijna)?\s*$", re.IGNORECASE
)
#: Words that say an amount is rounded: it agrees with the value rounded to its trailing zeros ('afgerond 12.000').
_APPROXIMATE_RE = re.compile(r"\b(?:afgerond|ongeveer|circa|ca\.|ruim|bijna|nagenoeg)\s*$", re.IGNORECASE)
_RATE_WORDS_RE = re.compile(r"uitvoering|benut|besteed|besteding|realisatie|van het beschikba|van het budget", re.IGNORECASE)


@dataclass
class _Context:
    """Where a stretch of prose stands: the article whose section it is in, the ISE and programme above it."""

    article: str | None = None
    ise: r.IseRef | None = None
    programme: str | None = None


@dataclass
class _Sentence:
    text: str
    start: int
    joined: JoinedText
    ctx: _Context

    def span(self, start: int, end: int) -> r.Span:
        return self.joined.lines_of(self.start + start, self.start + end)

    def item_starts(self) -> list[int]:
        """Where the bullet items of the sentence begin: a dash, en dash or bullet opening a line and followed by a
        space or a word ('- 65 keuro voor …', '-Overgangsbepaling'). A list whose items end in ';' is one sentence; its
        items are separate statements."""
        starts = self.joined.starts
        lines = starts[bisect.bisect_left(starts, self.start) : bisect.bisect_left(starts, self.start + len(self.text))]
        return [k - self.start for k in lines if _BULLET_RE.match(self.text, k - self.start)]

    def item_of(self, offset: int) -> int | None:
        """The start of the bullet item ``offset`` stands in, ``None`` outside a list."""
        items = self.item_starts()
        k = bisect.bisect_right(items, offset) - 1
        return items[k] if k >= 0 else None


@dataclass
class _Tables:
    """The document's table values, indexed for resolving claims."""

    parsed: r.DocumentRecords
    #: (subject, row, credit) -> (value, span): the rows of an article's own table, an ISE's 'Totaal', a programme's total
    rows: dict[tuple[object, str, str], tuple[Decimal, r.Span]] = field(default_factory=dict)
    #: subject -> every (value, credit, span) the document's tables give for it, line items included
    values: dict[object, list[tuple[Decimal, str, r.Span]]] = field(default_factory=lambda: defaultdict(list))
    articles: dict[str, r.Article] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    #: subject -> the rows of the tables no loader types (a breakdown by measure under an article's own table):
    #: (label, cells, span), cells exact, a '%' cell in percent (see :func:`_breakdown_row`)
    breakdowns: dict[object, list[tuple[str, list[tuple[Decimal, bool]], r.Span]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def of(cls, parsed: r.DocumentRecords) -> _Tables:
        t = cls(parsed)
        for a in parsed.of(r.Article):
            t.articles.setdefault(a.code, a)
            t.codes.add(a.code)
        t.codes |= {li.counterpart for li in parsed.of(r.LineItem) if li.counterpart}
        for a in parsed.of(r.Amount):
            t.values[a.subject].append((a.value, a.credit, a.span))
            own = a.line_item is None and (
                (isinstance(a.subject, r.ArticleRef) and a.table in ("kredietevolutie", "begrotingsuitvoering"))
                or (isinstance(a.subject, r.IseRef) and a.part == "Totaal")
                or (isinstance(a.subject, (r.ProgrammeRef, r.DocumentRef)) and a.part is None and a.table == "totalen")
            )
            if own:
                row = a.row if a.row != "TOTAAL" else None
                if row is not None:
                    t.rows.setdefault((a.subject, row, a.credit), (a.value, a.span))
            elif isinstance(a.subject, r.IseRef) and a.line_item is None and a.part in _ESR_PARTS.values():
                t.rows.setdefault(((a.subject, a.part), a.row, a.credit), (a.value, a.span))  # a row of the ISE's table
        return t

    def row(self, subject: object, row: str, credit: str) -> tuple[Decimal, r.Span] | None:
        """A row of the subject's own table; ``UNDERSPEND`` is the derived 1e BA-JR minus BU of an execution."""
        if row == UNDERSPEND:
            jr, bu = self.rows.get((subject, "1e BA-JR", credit)), self.rows.get((subject, "BU", credit))
            if jr is None or bu is None:
                return None
            return jr[0] - bu[0], (min(jr[1][0], bu[1][0]), max(jr[1][1], bu[1][1]))
        return self.rows.get((subject, row, credit))

    def in_breakdown(self, subject: object, value: Decimal, percent: bool = False) -> r.Span | None:
        """The line of a breakdown table of ``subject`` that has ``value`` in a cell (a percentage, or an amount)."""
        for _label, cells, span in self.breakdowns.get(subject, ()):
            if any(v == value and p == percent for v, p in cells):
                return span
        return None

    def breakdown_rates(self, subject: object, value: Decimal) -> list[tuple[Decimal, str, r.Span]]:
        """The ratios of ``value`` to the cell in the same column of each other row of the same width in a breakdown
        table of ``subject`` ('BU 1.861' over '1e BA JR 8.590'): the rates a sentence stating the amount may give."""
        rows = self.breakdowns.get(subject, ())
        out = []
        for label, cells, span in rows:
            for k in (k for k, (v, p) in enumerate(cells) if v == value and not p):
                for other_label, other_cells, other_span in rows:
                    if other_span == span or len(other_cells) != len(cells):
                        continue
                    other, percent = other_cells[k]
                    if other and not percent:
                        how = f"{label} {_fmt(value)} / {other_label} {_fmt(other)} (breakdown table)".replace("  ", " ")
                        out.append((100 * value / other, how, other_span))
        out.sort(key=lambda c: c[0])  # the largest denominator first: a share is most often of the total
        return out

    def change(self, subject: object, credit: str) -> tuple[Decimal, str, tuple[r.Span, ...]] | None:
        """BO minus BA of a subject's own table (1e BA-JR minus 1e BA in an execution BBT) for one credit type, with how
        and where from."""
        for after, before in (("BO", "BA"), ("1e BA-JR", "1e BA")):  # a draft budget; an execution (reallocations)
            new, old = self.row(subject, after, credit), self.row(subject, before, credit)
            if new is not None and old is not None:
                how = f"{after} {_fmt(new[0])} − {before} {_fmt(old[0])} ({credit})"
                return new[0] - old[0], how, (old[1], new[1])
        return None


def read(parsed: r.DocumentRecords) -> list[object]:
    """The claims of a BBT's running text, each resolved against the document's tables (other kinds: none)."""
    if parsed.kind not in BBT_KINDS:
        return []
    tables = _Tables.of(parsed)
    extractor = _Extractor(parsed, tables)
    sentences = list(_sentences(parsed, tables))  # every breakdown table read first: the prose may precede its table
    for i, sentence in enumerate(sentences):
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        extractor.following = after.text if after is not None and after.ctx is sentence.ctx else ""
        extractor.sentence(sentence)
    extractor.movements()
    extractor.totals()
    extractor.act_dates()
    return list(extractor.claims)


def _prose_lines(parsed: r.DocumentRecords, tables: _Tables) -> Iterator[tuple[int, _Context | None]]:
    """Each body line that is running text, with its context (``None`` at a heading, which ends a stretch); the
    rows of tables no loader typed go to ``tables.breakdowns`` under the article (else ISE) they stand in."""
    doc = parsed.doc
    table_lines: set[int] = set()
    for rec in parsed.records:
        if isinstance(rec, (r.Amount, r.LineItem)):
            table_lines.update(range(rec.span[0], rec.span[1] + 1))
    headings: dict[int, tuple[str, object]] = {}
    for rec in parsed.records:
        if isinstance(rec, r.Article):
            headings.setdefault(rec.span[0], ("article", rec))
            for k in range(rec.span[0] + 1, rec.span[1] + 1):
                headings.setdefault(k, ("skip", None))
        elif isinstance(rec, r.Ise):
            headings[rec.span[0]] = ("ise", rec)
        elif isinstance(rec, r.PolicyField):
            headings[rec.span[0]] = ("field", rec)
        elif isinstance(rec, r.Goal):
            for k in range(rec.span[0], rec.span[1] + 1):
                headings[k] = ("goal", rec)
        elif isinstance(rec, r.Programme) and rec.name:
            headings.setdefault(rec.span[0], ("programme", rec))
    end = next((n for n, line in enumerate(doc.lines, 1) if ABBREVIATIONS_HEADING_RE.match(line)), len(doc.lines) + 1)
    ctx = _Context()
    for n in range(1, end):
        if n in headings:
            what, rec = headings[n]
            if what == "article":
                ctx = _Context(rec.code, rec.ise or ctx.ise, rec.programme)
            elif what == "ise":
                ctx = _Context(None, rec.ref, ctx.programme)
            elif what == "field":
                ctx = _Context()
            elif what == "goal":
                ctx = _Context(None, ctx.ise, ctx.programme)
            elif what == "programme":
                ctx = _Context(None, None, rec.code)
            yield n, None
            continue
        line = doc.line(n)
        if is_noise(line):
            continue
        row = _breakdown_row(line)
        # a row: a short label and numbers to the end ('BU 1.861 1.696', not '… In werkelijkheid werden er in 2023 84.271.959')
        short = len(re.match(r"\D*", line).group(0).split()) <= _ROW_LABEL_WORDS
        if ((_TABLE_ROW_RE.match(line) and short) or row is not None) and "keuro" not in line:
            where = r.ArticleRef(ctx.article) if ctx.article else ctx.ise
            if row is not None and where is not None:  # typed rows too: a breakdown's '1e BA' row may be read as one
                tables.breakdowns[where].append((row[0], row[1], (n, n)))
            continue
        if n in table_lines:
            continue
        yield n, ctx


def _sentences(parsed: r.DocumentRecords, tables: _Tables) -> Iterator[_Sentence]:
    """The running text in sentences, each knowing its lines and context; a heading or a change of context ends a stretch."""
    doc = parsed.doc
    stretch: list[Line] = []
    current: _Context | None = None

    def flush() -> Iterator[_Sentence]:
        if stretch and current is not None:
            joined = join_lines(stretch)
            for start, text in _split_sentences(joined.text):
                yield _Sentence(text, start, joined, current)

    for n, ctx in _prose_lines(parsed, tables):
        if ctx is None or ctx is not current:
            yield from flush()
            stretch, current = [], ctx
        if ctx is not None:
            stretch.append(Line(n, doc.line(n)))
    yield from flush()


def _breakdown_row(line: str) -> tuple[str, list[tuple[Decimal, bool]]] | None:
    """A row of an untyped table: a short label and two cells or more to the end ('1e BA JR 8.590 7.025 4.189',
    ' 22% 24% 101%'), years left out; ``None`` for anything else."""
    label: list[str] = []
    cells: list[tuple[Decimal, bool]] = []
    for token in line.split():
        if _CELL_RE.fullmatch(token) and not re.fullmatch(r"(?:19|20)\d\d", token):
            cells.append((parse_percentage(token), True) if token.endswith("%") else (parse_amount(token), False))
        elif cells or len(label) >= _ROW_LABEL_WORDS:
            return None
        else:
            label.append(token)
    return (" ".join(label), cells) if len(cells) >= 2 else None


def _split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Sentences with their offsets: a full stop ends one when a capital, digit or dash follows, not after 't.o.v.'."""
    start = 0
    for m in re.finditer(r"[.!?]\s+(?=[A-Z0-9‘'(\-–•])", text):
        before = text[start : m.start() + 1]
        if _ABBREVIATION_END_RE.search(before.rsplit(" ", 1)[-1]) and not before.endswith("keuro."):
            continue
        yield start, text[start : m.start() + 1]
        start = m.end()
    if text[start:].strip():
        yield start, text[start:]


# -- extraction and resolution ---------------------------------------------------------------------------------------


@dataclass
class _Mention:
    """An amount the sentence states: where, its value, unit and credit types."""

    start: int
    end: int
    value: Decimal
    unit: str
    credits: tuple[str, ...]
    bad_credit: str | None = None
    change: Claim | None = None
    signed: Decimal | None = None


class _Extractor:
    def __init__(self, parsed: r.DocumentRecords, tables: _Tables) -> None:
        self.parsed, self.tables = parsed, tables
        self.claims: list[Claim] = []
        self.year = parsed.budget_year
        self.opmaak = parsed.kind == BKG.BBTBegrotingsopmaak
        self.previous: _Sentence | None = None
        self.following = ""  # the next sentence of the same stretch
        self.previous_mentions: list[_Mention] = []
        self.ises = {(ise.name.lower(), ise.ref) for ise in parsed.of(r.Ise)} | {
            ((ise.title or ise.name).lower(), ise.ref) for ise in parsed.of(r.Ise)
        }
        self.programmes = [p for p in parsed.of(r.Programme) if p.name]
        #: article -> the amounts its section's prose has stated so far, with their lines and the words after each
        self.stated: dict[str, list[tuple[Decimal, r.Span, str]]] = defaultdict(list)
        #: each stretch's sentences in order (by its context), with their amounts
        self.stretches: dict[int, list[tuple[_Sentence, list[_Mention]]]] = defaultdict(list)

    def add(self, s: _Sentence, kind: str, start: int, end: int, stated: Decimal | str, status: str, **kw: object) -> Claim:
        if isinstance(kw.get("subject"), tuple):  # (ISE, ESR part): a row of the ISE's table, the claim is about the ISE
            kw["subject"] = kw["subject"][0]
        claim = Claim(len(self.claims) + 1, kind, s.text[start:end].strip(), s.span(start, end), stated, status, **kw)
        self.claims.append(claim)
        return claim

    def movements(self) -> None:
        """Each article section's stated base and credit movements against its table's end, per credit type (see
        :mod:`.claim_movements`): 1e BA to 1e BA-JR in an execution, BA to BO in a draft budget."""
        base_row, end_row = ("BA", "BO") if self.opmaak else ("1e BA", "1e BA-JR")
        status = {"matched": MATCHED, "contradicted": CONTRADICTED, "unresolved": UNRESOLVED}
        for section in self.stretches.values():
            if section[0][0].ctx.article is None:
                continue
            subject = r.ArticleRef(section[0][0].ctx.article)
            for rec in reconcile(section, lambda row, c, subj=subject: self.tables.row(subj, row, c), base_row, end_row):
                computed = rec.computed if rec.status != "unresolved" else None
                self.claims.append(
                    Claim(
                        len(self.claims) + 1,
                        "verloop",
                        rec.text,
                        rec.span,
                        rec.stated,
                        status[rec.status],
                        subject=subject,
                        credit=rec.credit,
                        unit="duizend euro",
                        computed=computed,
                        computation=rec.how,
                        table_spans=rec.table_spans,
                    )
                )

    def totals(self) -> None:
        """A total stated with its parts over the sentences after it (see :mod:`.claim_totals`) or in a list of amounts
        (:mod:`.claim_lists`); a total a sum of one sentence has already resolved ('7.800 keuro, waaronder …') is left
        to it."""
        status = {"matched": MATCHED, "contradicted": CONTRADICTED, "unresolved": UNRESOLVED}
        done = {c.span[0] for c in self.claims if c.kind == "som"}
        first = len(self.claims)
        for stretch in self.stretches.values():
            ctx = stretch[0][0].ctx
            plain = [(s, [m for m in ms if m.change is None]) for s, ms in stretch]
            for t in totals(plain) + listed_totals(plain):
                if t.span[0] in done:
                    continue
                computed = sum(t.parts, Decimal(0))
                self.claims.append(
                    Claim(
                        len(self.claims) + 1,
                        "som",
                        t.text,
                        t.span,
                        t.total,
                        status[t.status],
                        subject=_article(ctx),
                        credit=t.credit,
                        unit="duizend euro",
                        computed=computed,
                        computation=t.how,
                    )
                )
        self.settle_parts(first)  # the amounts of a sum that adds up: resolved by it

    def act_dates(self) -> None:
        """The date of each act the document cites by its title, and the period of each programme or cycle it names by
        its acronym, against their other mentions (see :mod:`.act_dates`); the date a named thing entered into force or
        started against its other mentions, and a resolution's cause against its adoption (see :mod:`.event_dates`); the day
        an act was approved against the date it is cited with (see :mod:`.act_approvals`)."""
        for period in named_periods(self.parsed.doc):
            if period.status == "contradicted":
                how = f"{period.key[0]} from {period.key[1]} is given as {' and '.join(period.others)} elsewhere in this document"
            else:
                how = "every mention gives this period" if period.status == "matched" else "mentioned once"
            self.dated(period, how)
        acts = act_dates(self.parsed.doc)
        for act in acts:
            if act.status == "contradicted":
                how = f"the {act.key[0]} '{act.key[1]}' is cited with " + (
                    f"{' and '.join(act.others)} elsewhere in this document" if act.others else "a year of five digits"
                )
            else:
                how = "every citation of the act gives this date" if act.status == "matched" else "cited once"
            self.dated(act, how)
        texts = prose(self.parsed.doc)
        for event in event_dates(self.parsed, texts):
            event_name, thing = event.key
            if event.status == "contradicted":
                how = f"the {event_name} of '{thing}' is given as {' and '.join(event.others)} elsewhere in this document"
            else:
                how = f"every mention gives this {event_name}" if event.status == "matched" else "mentioned once"
            self.dated(event, how)
        for approval in approval_dates(self.parsed, acts):
            if approval.status == "contradicted":
                how = f"the document cites {approval.key[1]} with {approval.others[0]}: " + (
                    "a decree is dated after its approval"
                    if "decreet" in approval.key[1]
                    else "a decision is dated by its approval"
                )
            else:
                how = "the act is cited with this date" if approval.status == "matched" else "the act is not cited with one date"
            self.dated(approval, how)
        for cause in causes_after_adoption(self.parsed, texts):
            if cause.status == "contradicted":
                how = f"the resolution was adopted on {cause.others[0]}, before '{cause.key[1]}' it is said to result from"
            else:
                how = "the event it is said to result from comes before its adoption"
            self.dated(cause, how)

    def dated(self, act: ActDate, how: str) -> None:
        """A ``datum`` claim of an act's date or a programme's period, compared with its other mentions as ``how`` says."""
        status = {"matched": MATCHED, "contradicted": CONTRADICTED, "unresolved": UNRESOLVED}[act.status]
        others = "; ".join(act.others) or None
        self.claims.append(
            Claim(
                len(self.claims) + 1,
                "datum",
                act.text,
                act.span,
                act.date,
                status,
                computed=others,
                computation=how,
                table_spans=act.other_spans,
            )
        )

    # -- one sentence ------------------------------------------------------------------------------------------

    def sentence(self, s: _Sentence) -> None:
        mentions = list(self.mentions(s))
        for m in mentions:
            if m.bad_credit:
                self.add(
                    s,
                    "kredietsoort",
                    m.start,
                    m.end,
                    m.bad_credit,
                    CONTRADICTED,
                    subject=_article(s.ctx),
                    computed="VAK/VEK",
                    computation=f"'{m.bad_credit}' names one credit type twice; a pair is VAK/VEK",
                )
        self.bracketed_pairs(s, mentions)
        if _CHANGE_RE.search(s.text):
            self.changes(s, mentions)
        referred = self.back_references(s, mentions) + self.grant_article_changes(s, mentions)
        for m in mentions:
            if m.change is None and m not in referred:
                self.amount(s, m, mentions)
        self.percentages(s, mentions)
        self.counts(s)
        self.codes(s)
        self.years(s, mentions)
        first = len(self.claims)
        self.sums(s, mentions)
        self.parts_within(s, mentions)
        self.settle_parts(first)
        if s.ctx.article is not None:
            keuro = [m for m in mentions if m.unit == "duizend euro"]
            for m, after in zip(keuro, [*keuro[1:], None][: len(keuro)], strict=True):
                clause = s.text[m.end : after.start if after is not None else len(s.text)]
                self.stated[s.ctx.article].append((abs(m.value), s.span(m.start, m.end), clause))
        self.stretches[id(s.ctx)].append((s, mentions))
        self.previous, self.previous_mentions = s, mentions

    def bracketed_pairs(self, s: _Sentence, mentions: list[_Mention]) -> None:
        """'(22.740 keuro VAK en 9.938 keuro VAK)': a bracket holding nothing but a pair of amounts, one per credit type,
        that names the same type twice (the bracket form of 'VAK/VAK'). 'respectievelijk 780 keuro VEK en 6.495 keuro VEK'
        outside a bracket may be two things of one type: not read."""
        for a, b in pairwise(mentions):
            if not (len(a.credits) == len(b.credits) == 1 and a.credits == b.credits and a.unit == b.unit):
                continue
            if not (re.search(r"\(\s*$", s.text[: a.start]) and re.fullmatch(r"\s*en\s*", s.text[a.end : b.start])):
                continue
            if not re.match(r"\s*\)", s.text[b.end :]):
                continue
            pair = f"{a.credits[0]}/{b.credits[0]}"
            self.add(
                s,
                "kredietsoort",
                a.start,
                b.end,
                pair,
                CONTRADICTED,
                subject=_article(s.ctx),
                computed="VAK/VEK",
                computation=f"a bracketed pair of amounts names {a.credits[0]} twice; a pair is VAK and VEK",
            )

    def mentions(self, s: _Sentence) -> Iterator[_Mention]:
        for m in _AMOUNT_RE.finditer(s.text):
            try:
                value = parse_amount(m["value"])
            except ValueError:
                continue
            if m["sign"] and m["sign"].strip() in "-–" and not _is_bullet(s, m.start("sign")):
                value = -value
            unit = "euro" if m["unit"] == "euro" else "duizend euro"
            after = _CREDIT_AFTER_RE.match(s.text[m.end() :])
            credits: tuple[str, ...] = ()
            bad = None
            end = m.end()
            if after:
                if after["pair"]:
                    credits = ("VAK", "VEK")
                elif after["bad"]:
                    bad = re.sub(r"\s", "", after["bad"])
                    credits = ()
                elif after["one"]:
                    credits = (after["one"],)
                elif after["side"]:
                    credits = ("VAK",) if after["side"] == "vastleggings" else ("VEK",)
                end = m.end() + after.end()
            start = m.start("value") if m["sign"] and _is_bullet(s, m.start("sign")) else m.start()
            yield _Mention(start, end, value, unit, credits, bad)

    # -- changes -----------------------------------------------------------------------------------------------

    def changes(self, s: _Sentence, mentions: list[_Mention]) -> None:
        """'een daling van het beschikbaar VEK-krediet met 9.089 keuro t.o.v. BA 2025': BO − BA of the table."""
        text = s.text
        previous: _Mention | None = None
        last: tuple[list[object], bool] | None = None  # what the change before was of, and how surely
        for m in mentions:
            if m.unit != "duizend euro":
                continue
            between = text[previous.end : m.start] if previous is not None else ""
            if previous is not None and previous.change is not None and re.fullmatch(r"[^.;:]{0,40}\ben\s*", between):
                # 'met 43.040 keuro aan VAK-zijde en 63.951 keuro aan VEK-zijde': the same change, the other credit type
                credit = _credit_of(m, "", "")
                stated = -abs(m.value) if (previous.signed or 0) < 0 else abs(m.value)
                m.signed = stated
                subjects, certain = last if last is not None else (self.change_subject(s, "")[0], False)
                if (code := self.bracketed_article(s, m)) is not None:  # '… (JB0-1JDB2AA-WT) en 1.449 keuro VEK (…-AH-WT)'
                    subjects, certain = [r.ArticleRef(code)], True
                last = (subjects, certain)
                m.change = self.resolve_change(s, m, stated, credit, subjects, certain)
                previous = m
                continue
            if previous is not None and previous.change is not None and re.fullmatch(r"\s*tot\s*", between):
                previous = m  # 'toe met 7.832 keuro tot 39.564 keuro': the level reached, an amount
                continue
            previous = m
            before = text[max(0, m.start - 160) : m.start]
            trigger = None
            for t in _CHANGE_RE.finditer(before):
                trigger = t
            if trigger is None:
                continue
            clause = before[trigger.start() :]
            if not (
                re.search(r"\b(?:met|bedraagt|bedroeg|respectievelijk)\s*[-+]?\s*$", clause)
                or re.search(r"\bmet\b", clause[-40:])
                or re.fullmatch(r"(?:stijging|daling|toename|afname)\s+van\s*", clause, re.IGNORECASE)
            ):
                continue
            if re.search(r"[.;:]\s", clause) or re.search(r"\b(?:VTE|personen|plaatsen|werkenden)\b", clause):
                continue
            word = trigger.group("word").lower()
            negative = word.startswith(_NEGATIVE_WORDS) or trigger.group("dir") == "af"
            credit = _credit_of(m, clause, text)
            subject, certain = self.change_subject(s, clause, m)
            last = (subject, certain)
            if word in _PART_WORDS:
                certain = False  # 'werd verhoogd met 442 keuro' is as often one movement of several as the whole change
            stated = -abs(m.value) if negative else abs(m.value)
            m.signed = stated
            m.change = self.resolve_change(s, m, stated, credit, subject, certain)

    def change_subject(self, s: _Sentence, clause: str, m: _Mention | None = None) -> tuple[list[object], bool]:
        """What a change is of, and whether that is certain: the article whose code follows the amount in brackets
        ('354 keuro VEK (JB0-1JDB2AA-WT)'), or opens the sentence ('Voor het gewone ESF-begrotingsartikel
        (JB0-1JDB2AD-WT) is er een stijging van'); the ESR part of an ISE's table the sentence names ('de stijging
        … op de IS-artikels', 'aan de WT-artikels'); a named ISE, 'deze ISE', the programme, the article."""
        if m is not None:
            if (code := self.bracketed_article(s, m)) is not None:
                return [r.ArticleRef(code)], True
            opening = re.match(
                rf"\s*Voor\s+(?:het|de)\s[^.;:()]{{0,80}}\(\s*({WRAPPED_ARTICLE_CODE_RE.pattern})\s*\)[^.;:()]*$",
                s.text[: m.start],
            )
            if opening and (code := normalise_code(opening.group(1))) in self.tables.articles:
                return [r.ArticleRef(code)], True
            ise = self.named_ise(s.text) or s.ctx.ise
            parts = {_ESR_PARTS[w.upper()] for w in _ESR_PART_RE.findall(s.text)}
            if ise is not None and s.ctx.article is None and len(parts) == 1:
                return [(ise, parts.pop()), ise], True  # the row named, or the ISE's total the row explains
        named = self.named_ise(clause)
        if named is not None:
            return [named], True
        if re.search(r"\b(?:deze|dit)\s+ISE\b", s.text, re.IGNORECASE) and s.ctx.ise is not None:
            return [s.ctx.ise], True
        if re.search(r"\bprogramma\b|beleidsprogramma", s.text, re.IGNORECASE):
            progs = [r.ProgrammeRef(p.code) for p in self.programmes]
            return (progs, True) if len(progs) == 1 else ([*progs, r.DocumentRef()], False)
        if s.ctx.article is not None and not re.search(r"\bISE\b|maatregel", clause, re.IGNORECASE):
            return [r.ArticleRef(s.ctx.article)], True
        candidates: list[object] = [r.DocumentRef()] + [r.ProgrammeRef(p.code) for p in self.programmes]
        if s.ctx.ise is not None:
            candidates.append(s.ctx.ise)
        if s.ctx.article is not None:
            candidates.append(r.ArticleRef(s.ctx.article))
        return candidates, False

    def bracketed_article(self, s: _Sentence, m: _Mention) -> str | None:
        """The article of this document whose code follows an amount (or an amount and its pair) in brackets."""
        after = re.match(
            rf"\s*(?:en\s+[-+]?\s?(?:{_NUMBER})\s*keuro(?:\s+(?:VAK|VEK))?\s*)?\(\s*({WRAPPED_ARTICLE_CODE_RE.pattern})\s*\)",
            s.text[m.end :],
        )
        code = normalise_code(after.group(1)) if after else None
        if s.ctx.article is not None and code != s.ctx.article:
            return None  # in an article's section, another article in brackets is as often where the money went or came from
        return code if code in self.tables.articles else None

    def named_ise(self, text: str) -> r.IseRef | None:
        """The ISE a text names: 'ISE Activering', 'het inhoudelijk structuurelement (ISE) ‘Competenties’', and
        'ISE ‘Duurzame Arbeidsmarkt (Werk)’' where the bracket names the policy field when two fields share the name."""
        m = re.search(
            r"\b(?:ISE|structuurelement)\s+(?:\(ISE\)\s+)?[‘'\"]?([^’'\",.]+?)(?:[’'\"]|\s+met\b|\s+(?:aan|en|bij|is|heeft)\b|[,.]|$)",
            text,
            re.IGNORECASE,
        )
        if not m:
            return None
        name = m.group(1).strip().lower()
        hits = {ref for n, ref in self.ises if n == name or (n.startswith(name) and len(name) > 4)}
        if not hits and (bracket := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name)):
            name, field_name = bracket.group(1).strip(), bracket.group(2).strip()
            hits = {ref for n, ref in self.ises if n == name and ref.field.lower() == field_name}
        return hits.pop() if len(hits) == 1 else None

    def resolve_change(
        self, s: _Sentence, m: _Mention, stated: Decimal, credit: str | None, subjects: list[object], certain: bool
    ) -> Claim:
        credits = [credit] if credit else ["VAK", "VEK"]
        results = [(subj, c, self.tables.change(subj, c)) for subj in subjects for c in credits]
        results = [
            (subj, c, (res[0], f"{subj[1]} row: {res[1]}", res[2]) if isinstance(subj, tuple) else res)
            for subj, c, res in results
            if res is not None
        ]
        kw = {"credit": credit, "unit": m.unit}
        for subj, _c, (value, how, spans) in results:
            if abs(value) == abs(stated) and (value == 0 or (value > 0) == (stated > 0)):
                return self.add(
                    s,
                    "wijziging",
                    m.start,
                    m.end,
                    stated,
                    MATCHED,
                    subject=subj,
                    computed=value,
                    computation=how,
                    table_spans=spans,
                    **kw,
                )
        esr_row = len(subjects) == 2 and isinstance(subjects[0], tuple) and subjects[0][0] == subjects[1]
        if results and certain and (len(subjects) == 1 or esr_row):
            subj = subjects[0]
            value, how, spans = results[0][2]
            other = self.tables.change(subj, "VEK" if credit == "VAK" else "VAK") if credit else None
            if other is not None and other[0] == stated:
                # '1.449 keuro VEK en 278 keuro VAK (JB0-1JDB2AH-WT)' where the article's VAK rose by 1.449: swapped
                return self.add(
                    s,
                    "kredietsoort",
                    m.start,
                    m.end,
                    credit,
                    CONTRADICTED,
                    subject=subj,
                    computed="VEK" if credit == "VAK" else "VAK",
                    computation=f"{_fmt(stated)} is the change of the other credit type: {other[1]}; {how}",
                    table_spans=spans + other[2],
                    **kw,
                )
            if credit is None and len(results) == 2:
                how = "; ".join(res[2][1] for res in results)
                spans = tuple(sp for res in results for sp in res[2][2])
            return self.add(
                s,
                "wijziging",
                m.start,
                m.end,
                stated,
                CONTRADICTED,
                subject=subj,
                computed=value,
                computation=how,
                table_spans=spans,
                **kw,
            )
        subj = subjects[0] if len(subjects) == 1 else None
        return self.add(
            s,
            "wijziging",
            m.start,
            m.end,
            stated,
            UNRESOLVED,
            subject=subj,
            computation=None if results else "no BA and BO rows for it in this document",
            **kw,
        )

    # -- amounts -----------------------------------------------------------------------------------------------

    def amount(self, s: _Sentence, m: _Mention, mentions: list[_Mention]) -> None:
        """An amount: a typed one ('index van 48 keuro') against its row, any other against the subject's tables."""
        text = s.text
        before = text[max(0, m.start - 90) : m.start]
        typed = _typed_row(before, self.year, self.opmaak)
        if typed is None:  # '598.220 keuro VAK en 568.220 keuro VEK' after 'bedroeg': the second is typed alike
            prev = next((p for p in reversed(mentions) if p.end <= m.start), None)
            if prev is not None and re.fullmatch(r"\s*(?:en|,)\s*(?:resp\.?\s*)?", text[prev.end : m.start]):
                before = text[max(0, prev.start - 90) : prev.start]
                typed = _typed_row(before, self.year, self.opmaak)
        subject = self.amount_subject(s, before)
        if typed == UNDERSPEND and re.match(r"\s*(?:VAK|VEK)?\s*(?:op|bij|binnen|voor|in)\s+(?:de|het)\s", text[m.end :]):
            typed = None  # 'een onderbenutting van 1.220 keuro op de middelen voor …': of a part, looked for, never contradicted
        if typed == UNDERSPEND and subject is None and s.ctx.article is None:
            subject = self.named_ise(s.text) or s.ctx.ise  # 'De VAK- en VEK-onderbenutting (…)' under an ISE: the ISE's
        prev = next((p for p in reversed(mentions) if p.end <= m.start), None)
        if (
            typed is None
            and prev is not None
            and prev.change is not None
            and prev.change.status == MATCHED
            and re.fullmatch(r"\s*tot\s*", text[prev.end : m.start])
        ):
            # 'nam het beschikbare VAK-krediet toe met 7.832 keuro tot 39.564 keuro': the level the change reaches
            typed, subject = ("BO" if self.opmaak else "1e BA-JR"), prev.change.subject
            m.credits = m.credits or ((prev.change.credit,) if prev.change.credit else ())
        if typed == "BU" and not m.credits and (implied := re.search(r"\b(VAK|VEK)-(?:uitvoering|realisatie)\b", before)):
            m.credits = (implied.group(1),)
        if typed == "1e BA-JR" and not m.credits and (implied := re.search(r"\b(VAK|VEK)-(?:budget|krediet)\b", before)):
            m.credits = (implied.group(1),)
        kw = {"unit": m.unit, "credit": m.credits[0] if len(m.credits) == 1 else None}
        if m.unit != "duizend euro" or subject is None:
            if m.unit != "duizend euro" or not self.found_nearby(s, m, kw):
                self.add(s, "bedrag", m.start, m.end, m.value, UNRESOLVED, subject=subject, **kw)
            return
        if typed is not None:
            rows = [(c, self.tables.row(subject, typed, c)) for c in (m.credits or ("VAK", "VEK"))]
            rows = [(c, row) for c, row in rows if row is not None]
            if rows:
                approx = _APPROXIMATE_RE.search(before)
                agree = [row for c, row in rows if row[0] == m.value or (approx and _rounds_to(row[0], m.value))]
                ok = len(agree) == len(rows) if m.credits else bool(agree)
                how = "; ".join(f"{typed} {c} {_fmt(row[0])}" for c, row in rows)
                spans = tuple(dict.fromkeys(row[1] for _, row in rows))
                if ok:
                    self.add(
                        s,
                        "bedrag",
                        m.start,
                        m.end,
                        m.value,
                        MATCHED,
                        subject=subject,
                        computed=m.value,
                        computation=how,
                        table_spans=spans,
                        **kw,
                    )
                    return
                other = [row for c, row in self.other_credit_rows(subject, typed, m.credits)]
                if len(m.credits) == 1 and any(row[0] == m.value for row in other):
                    self.add(
                        s,
                        "kredietsoort",
                        m.start,
                        m.end,
                        m.credits[0],
                        CONTRADICTED,
                        subject=subject,
                        computed="VEK" if m.credits[0] == "VAK" else "VAK",
                        computation=f"{_fmt(m.value)} is {typed} of the other credit type; {how}",
                        table_spans=spans + tuple(row[1] for row in other),
                        **kw,
                    )
                    return
                self.add(
                    s,
                    "bedrag",
                    m.start,
                    m.end,
                    m.value,
                    CONTRADICTED,
                    subject=subject,
                    computed=rows[0][1][0],
                    computation=how,
                    table_spans=spans,
                    **kw,
                )
                return
        values = self.tables.values.get(subject, [])
        hits = [(v, c, sp) for v, c, sp in values if abs(v) == abs(m.value) and (not m.credits or c in m.credits)]
        if hits:
            self.add(
                s,
                "bedrag",
                m.start,
                m.end,
                m.value,
                MATCHED,
                subject=subject,
                computed=abs(hits[0][0]),
                computation=f"{hits[0][1]} {_fmt(hits[0][0])} in the table",
                table_spans=(hits[0][2],),
                **kw,
            )
            return
        if not self.found_nearby(s, m, kw):
            self.add(s, "bedrag", m.start, m.end, m.value, UNRESOLVED, subject=subject, **kw)

    def found_nearby(self, s: _Sentence, m: _Mention, kw: dict) -> bool:
        """An amount its words tie to no row, found in the tables of where it stands: matched, never contradicted.

        A measure's budget ('Voor deze maatregel wordt bij BO 2026, 6.020 keuro VAK en VEK voorzien') under an ISE
        is often its article's BO; a movement ('Punctuele maatregel (-3.000 keuro VAK/VEK)') a line item of the
        article. Looked for in the article of the section, else the ISE's (a named one, or the one it stands
        under) articles and totals, else the programme's and the document's totals; stated credit types must all
        carry the value. Not finding it there says nothing: the sentence may speak of a part no table shows.
        """
        subjects: list[object] = []
        if s.ctx.article is not None:
            subjects.append(r.ArticleRef(s.ctx.article))
        else:
            ise = self.named_ise(s.text) or s.ctx.ise
            if ise is not None:
                subjects += [ise, *(r.ArticleRef(a.code) for a in self.tables.articles.values() if a.ise == ise)]
            elif s.ctx.programme is not None or len(self.programmes) == 1:
                subjects += [r.ProgrammeRef(p.code) for p in self.programmes] + [r.DocumentRef()]
        for subject in subjects:
            values = self.tables.values.get(subject, [])
            hits = {c: (v, sp) for v, c, sp in values if abs(v) == abs(m.value)}
            if hits and all(c in hits for c in m.credits):
                c = m.credits[0] if m.credits else next(iter(hits))
                v = hits[c][0]
                self.add(
                    s,
                    "bedrag",
                    m.start,
                    m.end,
                    m.value,
                    MATCHED,
                    subject=subject,
                    computed=abs(v),
                    computation=f"{c} {_fmt(v)} in the table of {_name(subject)}",
                    table_spans=tuple(dict.fromkeys(hits[x][1] for x in (m.credits or (c,)))),
                    **kw,
                )
                return True
        for subject in subjects:
            span = self.tables.in_breakdown(subject, abs(m.value))
            if span is not None:
                how = f"{_fmt(abs(m.value))} in the breakdown table of {_name(subject)}"
                self.add(
                    s,
                    "bedrag",
                    m.start,
                    m.end,
                    m.value,
                    MATCHED,
                    subject=subject,
                    computed=abs(m.value),
                    computation=how,
                    table_spans=(span,),
                    **kw,
                )
                return True
        return False

    def other_credit_rows(self, subject: object, row: str, credits: tuple[str, ...]) -> list[tuple[str, tuple[Decimal, r.Span]]]:
        others = [c for c in ("VAK", "VEK") if c not in credits]
        return [(c, found) for c in others if (found := self.tables.row(subject, row, c)) is not None]

    def amount_subject(self, s: _Sentence, before: str) -> object | None:
        if s.ctx.article is not None:
            if re.search(r"\bISE\b|maatregel", before, re.IGNORECASE):
                return None
            return r.ArticleRef(s.ctx.article)
        if s.ctx.ise is not None and re.search(r"\b(?:deze|dit)\s+ISE\b", s.text, re.IGNORECASE):
            return s.ctx.ise
        if s.ctx.ise is None and len(self.programmes) == 1 and re.search(r"\b(?:beleids)?programma\b", before, re.IGNORECASE):
            return r.ProgrammeRef(self.programmes[0].code)  # 'Het budget voor het beleidsprogramma … bedraagt'
        return None

    # -- percentages -------------------------------------------------------------------------------------------

    def percentages(self, s: _Sentence, mentions: list[_Mention]) -> None:
        """A percentage: growth of a stated change, an execution rate, or the ratio of two amounts it stands with."""
        for p in _PERCENT_RE.finditer(s.text):
            stated = parse_percentage(p["value"])
            near = next((m for m in reversed(mentions) if m.end <= p.start() and p.start() - m.end < 25), None)
            candidates: list[tuple[Decimal, str, tuple[r.Span, ...], bool]] = []  # exact, how, spans, certain
            if near is not None and near.change is not None and near.change.status == MATCHED:
                chg = near.change
                base = self.tables.row(chg.subject, "BA", chg.credit) if chg.credit else None
                if base and base[0]:
                    exact = 100 * abs(chg.computed) / base[0]
                    how = f"{_fmt(abs(chg.computed))} / BA {_fmt(base[0])} ({chg.credit})"
                    candidates.append((exact, how, (*chg.table_spans, base[1]), True))
            if near is None and self.previous_mentions and _CONTINUES_RE.match(s.text):
                near = self.previous_mentions[-1]  # '… bedraagt 292.136 keuro. Dit is 82% …': of the amount just stated
            if not self.opmaak:
                candidates += self.execution_candidates(s, near, p, mentions)
            candidates += self.breakdown_candidates(s, near, stated)
            shortfall = self.shortfall_rate(s, p) + self.ise_shares(s, p) + self.credit_share(s, p)
            candidates += self.underspend_shares(s, p, near)
            candidates += shortfall
            pool = mentions if mentions else self.previous_mentions
            pool = [m for m in pool if m.unit == "duizend euro" and m.value]
            if mentions and (item := s.item_of(p.start())) is not None:
                pool = [m for m in pool if s.item_of(m.start) == item]  # '- 65 keuro voor … 75% van het loon': its own item
            for a in pool:
                for b in pool:
                    if a is not b and b.value:
                        x, y = abs(a.value), abs(b.value)
                        candidates.append((100 * x / y, f"{_fmt(x)} / {_fmt(y)}", (), False))
                        candidates.append((100 * x / (x + y), f"{_fmt(x)} / ({_fmt(x)} + {_fmt(y)})", (), False))
                        if y > x:
                            candidates.append((100 * x / (y - x), f"{_fmt(x)} / ({_fmt(y)} − {_fmt(x)})", (), False))
            kw = {"subject": _article(s.ctx)}
            hit = next((c for c in candidates if _agrees(c[0], stated, p["value"])), None)
            if hit is not None:
                self.add(
                    s,
                    "percentage",
                    p.start(),
                    p.end(),
                    stated,
                    MATCHED,
                    computed=_round(hit[0]),
                    computation=hit[1],
                    table_spans=hit[2],
                    **kw,
                )
                continue
            certain = [c for c in candidates if c[3]]
            rate_words = _RATE_WORDS_RE.search(s.text)
            if certain and (near is not None or rate_words or shortfall):
                c = certain[0]
                self.add(
                    s,
                    "percentage",
                    p.start(),
                    p.end(),
                    stated,
                    CONTRADICTED,
                    computed=_round(c[0]),
                    computation=c[1],
                    table_spans=c[2],
                    **kw,
                )
            elif (
                near is None
                and len(pool) == 2
                and rate_words
                and not certain
                and all(m.end <= p.start() or not mentions for m in pool)
            ):
                a, b = pool
                exact = 100 * abs(a.value) / abs(b.value)
                if abs(exact - stated) > abs(100 * abs(b.value) / abs(a.value) - stated):
                    a, b = b, a
                    exact = 100 * abs(a.value) / abs(b.value)
                if abs(exact - stated) <= 10:  # a rate of these two amounts, printed wrongly; further off, another rate
                    self.add(
                        s,
                        "percentage",
                        p.start(),
                        p.end(),
                        stated,
                        CONTRADICTED,
                        computed=_round(exact),
                        computation=f"{_fmt(a.value)} / {_fmt(b.value)}",
                        **kw,
                    )
                else:
                    self.add(s, "percentage", p.start(), p.end(), stated, UNRESOLVED, **kw)
            else:
                self.add(s, "percentage", p.start(), p.end(), stated, UNRESOLVED, **kw)

    def shortfall_rate(self, s: _Sentence, p: re.Match) -> list:
        """'In werkelijkheid werden er 84.271.959 dienstencheques aangekocht … of 2,5% minder dan geraamd' after a
        sentence giving the estimate ('een prognose van 86.375.821'): the shortfall (or excess) over the estimate,
        (estimate − actual) / estimate. Only a count or amount just before the rate, and an estimate the sentence
        before names as one, make it certain."""
        if not re.match(r"\s*(?:minder|lager|meer|hoger)\s+dan\s+(?:geraamd|verwacht|begroot|voorzien)\b", s.text[p.end() :]):
            return []
        actual = re.search(rf"({_NUMBER})\s+[a-z]\w*(?:\s+\w+){{0,6}}\s+of\s*$", s.text[: p.start()])
        if actual is None or self.previous is None:
            return []
        estimate = re.search(
            rf"\b(?:prognose|raming|geraamd\w*|verwacht\w*)\b\D{{0,40}}?({_NUMBER})(?!\s*(?:k?euro|%))", self.previous.text
        )
        if estimate is None:
            return []
        a, b = parse_amount(actual.group(1)), parse_amount(estimate.group(1))
        if not b or a == b:
            return []
        how = f"|{_fmt(b)} − {_fmt(a)}| / {_fmt(b)} (the estimate the sentence before gives)"
        return [(100 * abs(b - a) / b, how, (), True)]

    def underspend_shares(self, s: _Sentence, p: re.Match, near: _Mention | None) -> list:
        """'791 keuro of 126%, van de onderbenutting': the amount just before over the article's underspend (a part
        explained, matched or left: the prose may explain more than the whole, as here)."""
        if near is None or s.ctx.article is None or not re.match(r"\s*,?\s*van\s+de\s+onderbenutting", s.text[p.end() :]):
            return []
        out = []
        for credit in ("VAK", "VEK"):
            under = self.tables.row(r.ArticleRef(s.ctx.article), UNDERSPEND, credit)
            if under is not None and under[0]:
                how = f"{_fmt(abs(near.value))} / the underspend {_fmt(under[0])} ({credit})"
                out.append((100 * abs(near.value) / under[0], how, (under[1],), False))
        return out

    def credit_share(self, s: _Sentence, p: re.Match) -> list:
        """'het aandeel van het krediet voor loopbaanonderbreking op het totale krediet 37%', 'het krediet voor Vlaams
        Zorgkrediet 75% uitmaakt van het totale krediet': the credit the section said was meant for it ('11.510 keuro
        hiervan was bestemd voor … loopbaanonderbreking') over the article's available credit. Certain when the
        section said so once."""
        if s.ctx.article is None:
            return []
        before, after = s.text[: p.start()], s.text[p.end() :]
        named = re.search(
            r"\baandeel\s+van\s+het\s+krediet\s+voor\s+(?P<name>[^.;:]{3,60}?)\s+op\s+het\s+totale\s+krediet\s*$", before
        )
        if named is None and re.match(r"\s*uitmaakt\s+van\s+het\s+totale\s+krediet", after):
            named = re.search(r"\bkrediet\s+voor\s+(?P<name>[^.;:,]{3,60}?)\s*$", before)
        if named is None:
            return []
        words = [w for w in re.findall(r"\w{5,}", named["name"].lower())]
        meant = [
            (v, sp)
            for v, sp, clause in self.stated[s.ctx.article]
            if re.search(r"\b(?:bestemd|voorzien)\b", clause) and words and all(w in clause.lower() for w in words)
        ]
        if len(meant) != 1:
            return []
        value, span = meant[0]
        out = []
        for credit in ("VAK", "VEK"):
            total = self.tables.row(r.ArticleRef(s.ctx.article), "1e BA-JR" if not self.opmaak else "BO", credit)
            if total is not None and total[0]:
                how = f"{_fmt(value)} meant for it / the available credit {_fmt(total[0])} ({credit})"
                out.append((100 * value / total[0], how, (span, total[1]), True))
        return out

    def ise_shares(self, s: _Sentence, p: re.Match) -> list:
        """'Het grootste deel van het globale krediet onder dit ISE behoort toe aan het WT-artikel voor dienstencheques
        (94.6%)': the share of one of the ISE's articles in the ISE's total, of any round and credit type its tables
        give (of the credit type printed after the rate, '83% VAK', when it names one). Certain: a share no article of
        the ISE has is of none."""
        if not re.search(r"\bdeel\s+van\s+het\s+(?:globale\s+|totale\s+)?(?:krediet|budget|totaalbudget)\b", s.text):
            return []
        if not re.search(r"artikel\b", s.text):
            return []  # a share of a measure, not of an article
        ise = self.named_ise(s.text) or (s.ctx.ise if s.ctx.article is None else None)
        if ise is None:
            return []
        named = re.match(r"\s*(VAK|VEK)\b", s.text[p.end() :])  # '83% VAK en 88% VEK': each of its own credit type
        out = []
        for (subject, row, credit), (total, span) in self.tables.rows.items():
            if subject != ise or not total or credit not in ("VAK", "VEK") or (named and credit != named.group(1)):
                continue
            for art in self.tables.articles.values():
                if art.ise == ise and (part := self.tables.row(r.ArticleRef(art.code), row, credit)) is not None:
                    how = f"{art.code} {row} {_fmt(part[0])} / ISE {_fmt(total)} ({credit})"
                    out.append((100 * part[0] / total, how, (part[1], span), True))
        return sorted(out, key=lambda c: -c[0])  # 'het grootste deel': the largest share first

    def breakdown_candidates(self, s: _Sentence, near: _Mention | None, stated: Decimal) -> list:
        """The ratio of the amount just before a rate to the cell above or below it in the breakdown table of where the
        sentence stands ('1.861 keuro VAK of 22%': BU over 1e BA JR in the table by measure). Matched, never contradicted:
        which rows the rate is of, the prose does not say."""
        where = r.ArticleRef(s.ctx.article) if s.ctx.article else s.ctx.ise
        if where is None:
            return []
        if near is None:
            return []
        return [(rate, how, (span,), False) for rate, how, span in self.tables.breakdown_rates(where, abs(near.value))]

    def execution_candidates(self, s: _Sentence, near: _Mention | None, p: re.Match, mentions: list[_Mention]) -> list:
        """In an execution BBT: BU / 1e BA-JR, or the underspend (1e BA-JR − BU) / 1e BA-JR, of the article's table.

        Without an amount just before it, a rate is surely of these rows when the sentence states both of them
        ('Ten opzichte van het beschikbare VEK-budget van 22.080 keuro stond een VEK-uitgave 17.744 keuro of een
        budgetonderbenutting van 12%')."""
        of_available = re.match(
            r"\s*van\s+het\s+(?:totale\s+)?(?:beschikba\w+|voorziene)\s+(?:VAK/VEK[-\s]|VAK-|VEK-)?(?:krediet|budget)",
            s.text[p.end() :],
        )
        words = s.text if self.previous is None or not _CONTINUES_RE.match(s.text) else self.previous.text + " " + s.text
        stated = {abs(m.value) for m in mentions if m.unit == "duizend euro"}
        art = self.named_ise(s.text) or (r.ArticleRef(s.ctx.article) if s.ctx.article else s.ctx.ise)
        if art is None:
            return []
        out = []
        credits = near.credits if near is not None and near.credits else ("VAK", "VEK")
        if near is None:
            window = s.text[max(0, p.start() - 60) : p.end() + 40]
            named = re.findall(r"VAK|VEK", window)
            credits = tuple(dict.fromkeys(named)) or credits
        for c in credits:
            bu, jr = self.tables.row(art, "BU", c), self.tables.row(art, "1e BA-JR", c)
            if not bu or not jr or not jr[0]:
                continue
            spans = (bu[1], jr[1])
            under = jr[0] - bu[0]
            if near is None:
                if re.search(r"onderbenut", s.text, re.IGNORECASE):
                    both = {bu[0], jr[0]} <= stated
                    out.append(
                        (100 * under / jr[0], f"(1e BA-JR {_fmt(jr[0])} − BU {_fmt(bu[0])}) / 1e BA-JR ({c})", spans, both)
                    )
                elif of_available and re.search(r"uitvoering|benut|realisatiegraad|bestedingsgraad", words, re.IGNORECASE):
                    out.append((100 * bu[0] / jr[0], f"BU {_fmt(bu[0])} / 1e BA-JR {_fmt(jr[0])} ({c})", spans, True))
            elif abs(near.value) == bu[0]:
                out.append((100 * bu[0] / jr[0], f"BU {_fmt(bu[0])} / 1e BA-JR {_fmt(jr[0])} ({c})", spans, True))
            elif abs(near.value) == under:
                out.append((100 * under / jr[0], f"(1e BA-JR {_fmt(jr[0])} − BU {_fmt(bu[0])}) / 1e BA-JR ({c})", spans, True))
        return out

    # -- counts ------------------------------------------------------------------------------------------------

    def counts(self, s: _Sentence) -> None:
        """'heeft langs uitgavenzijde betrekking op veertien begrotingsartikelen': the articles the section lists."""
        for m in _COUNT_RE.finditer(s.text):
            word = m["n"].lower()
            stated = _COUNT_WORDS[word] if word in _COUNT_WORDS else int(word)
            what = m["what"].lower()
            side = "uitgaven" if what.startswith("uitgaven") or re.search(r"uitgavenzijde", s.text[: m.start()]) else None
            side = side or (
                "ontvangsten" if what.startswith("ontvangsten") or "ontvangstenzijde" in s.text[: m.start()] else None
            )
            subject = self.named_ise(s.text)
            if subject is None and re.search(r"\b(?:deze|dit)\s+(?:ISE|inhoudelijk structuurelement)\b", s.text, re.IGNORECASE):
                subject = s.ctx.ise
            if subject is None and s.ctx.article is None and s.ctx.ise is not None and re.search(r"betrekking op", s.text):
                subject = s.ctx.ise
            programme = None
            if subject is None and re.search(r"\b(?:dit|het)\s+programma\b", s.text, re.IGNORECASE) and s.ctx.programme:
                programme = s.ctx.programme
            # the number of articles a section has: 'heeft betrekking op veertien …', 'bevinden zich zeven …', 'de vier …
            # die ressorteren onder deze ISE'; a count that opens its sentence ('Drie begrotingsartikelen hebben …') is a subset
            verb = re.search(r"\b(?:bevat|bevatten|betrekking op|bevind(?:en|t) zich|zitten|omvat|telt)\b", s.text[: m.start()])
            verb = verb or re.match(r"\s+die\s+ressorteren\b", s.text[m.end() :])
            if word == "een" or (subject is None and programme is None) or not verb:
                self.add(s, "aantal", m.start(), m.end(), stated, UNRESOLVED, subject=subject)
                continue
            arts = [
                a
                for a in self.tables.articles.values()
                if (a.ise == subject if subject is not None else a.programme == programme)
                and (side is None or (side == "ontvangsten") == a.code.split("-")[1].startswith("9"))
            ]
            if side == "uitgaven" and re.match(r"\s*Daarnaast\b[^.]*\btoelage-?artikel", self.following):
                # '… zes uitgavenartikelen: … Daarnaast bevat dit ISE ook één toelage-artikel': the grants (IS) apart
                arts = [a for a in arts if not a.code.endswith("-IS")]
            computed = len(arts)
            status = MATCHED if computed == stated else CONTRADICTED
            where = f"ISE {subject.name}" if subject is not None else f"programma {programme}"
            how = f"{len(arts)} {side or 'begrotings'}artikelen onder {where}: {', '.join(a.code for a in arts)}"
            listed = _listed(s.text[m.end() :])
            if status == CONTRADICTED and listed is not None and len(listed) == stated:
                # 'zeven begrotingsartikelen: CMW, LDE, …' naming articles this document has no section for (LDE, SINE
                # no longer spent on): the count is of the things the sentence lists, and it agrees
                status, computed = MATCHED, len(listed)
                how = f"{len(listed)} listed: {'; '.join(listed)} ({how})"
            self.add(
                s,
                "aantal",
                m.start(),
                m.end(),
                stated,
                status,
                subject=subject if subject is not None else r.ProgrammeRef(programme),
                computed=computed,
                computation=how,
                table_spans=tuple(a.span for a in arts),
            )

    # -- article codes -----------------------------------------------------------------------------------------

    def codes(self, s: _Sentence) -> None:
        """An article code the text names: one this document has, one of another entity, or one of its own it lacks;
        and one of its own written without the dash before its ESR suffix ('JB0-1JAB4ZZLO' for JB0-1JAB4ZZ-LO)."""
        own = {c[:3] for c in self.tables.articles}
        for m in _DASHLESS_CODE_RE.finditer(s.text):
            code = normalise_code(f"{m['stem']}-{m['suffix']}")
            if code in self.tables.articles:
                how = f"no article code without the dash before its suffix; this document has {code}"
                self.add(
                    s, "artikelcode", m.start(), m.end(), normalise_code(m.group(0)), CONTRADICTED, computed=code, computation=how
                )
        for m in WRAPPED_ARTICLE_CODE_RE.finditer(s.text):
            code = normalise_code(m.group(1))
            if code in self.tables.codes:
                art = self.tables.articles.get(code)
                self.add(
                    s,
                    "artikelcode",
                    m.start(),
                    m.end(),
                    code,
                    MATCHED,
                    subject=r.ArticleRef(code),
                    computed=code,
                    computation="an article of this document",
                    table_spans=(art.span,) if art else (),
                )
            elif code[:3] in own:
                # a slip of the pen leaves a code one letter off one the document has;
                # a code of the entity with no such neighbour may be an article this document does not describe
                near = sorted(c for c in self.tables.codes if _near_code(c, code))
                receipts = sorted(c for c in self.tables.codes if c[:-3] == code[:-3] and c[-2] == "O")
                if not near and receipts and code[-2] != "O" and re.search(r"ontvangstenartikel\s*$", s.text[: m.start()]):
                    # 'ontvangstenartikel JB0-9JABTZZ-WT' where the stem's receipts article is JB0-9JABTZZ-OW: receipts
                    # suffixes are O-; an expenditure suffix on a receipts article names none
                    near = receipts
                if near:
                    how = f"no article of this document has this code; it has {', '.join(near)}"
                    self.add(s, "artikelcode", m.start(), m.end(), code, CONTRADICTED, computation=how)
                else:
                    how = "an article of this entity that this document does not describe"
                    self.add(s, "artikelcode", m.start(), m.end(), code, UNRESOLVED, computation=how)
            else:
                self.add(
                    s,
                    "artikelcode",
                    m.start(),
                    m.end(),
                    code,
                    UNRESOLVED,
                    computation="an article of another entity, not described in this document",
                )

    # -- years -------------------------------------------------------------------------------------------------

    def years(self, s: _Sentence, mentions: list[_Mention]) -> None:
        """The year a matched change is said to be of. Of a draft budget: BO and 'het krediet in' the budget year, BA
        its own. Of an execution, whose reallocations (1e BA to 1e BA-JR) all fall in its year: 'daalde in 2022 met'."""
        if self.year is None:
            return
        resolved = [m.change for m in mentions if m.change is not None and m.change.status == MATCHED]
        if not resolved:
            return
        spans = tuple(sp for c in resolved for sp in c.table_spans)
        if self.opmaak:
            ba_year = next((a.year for a in self.parsed.of(r.Amount) if a.row == "BA" and a.year), self.year - 1)
            pattern = r"\b(?P<what>BO|BA|krediet\s+in|krediet|begrotingsjaar)\s+(?P<year>(?:19|20)\d\d)\b"
            how = f"the change is from BA {ba_year} to BO {self.year}"
        else:
            ba_year = self.year
            pattern = rf"(?:{_CHANGE_RE.pattern})\s+(?P<what>in)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)"
            how = f"the change is from 1e BA to 1e BA-JR of {self.year}, within the year"
        for y in re.finditer(pattern, s.text, re.IGNORECASE if not self.opmaak else 0):
            stated = int(y["year"])
            expected = ba_year if y["what"] == "BA" else self.year
            status = MATCHED if stated == expected else CONTRADICTED
            self.add(
                s,
                "jaar",
                y.start(),
                y.end(),
                stated,
                status,
                subject=resolved[0].subject,
                computed=expected,
                computation=how,
                table_spans=spans,
            )

    # -- sums --------------------------------------------------------------------------------------------------

    def sums(self, s: _Sentence, mentions: list[_Mention]) -> None:
        """A total stated with its parts: 'netto-resultaat van een stijging … met A en een daling … met B',
        'X keuro ingekort. Hiervan A …, B … en C', 'het verschil … een vermindering van D'."""
        keuro = [m for m in mentions if m.unit == "duizend euro"]
        if re.search(r"netto-resultaat|resultante", s.text) and len(keuro) >= 3 and all(m.signed is not None for m in keuro):
            total, parts = keuro[0], keuro[1:]
            self.sum_claim(s, total, abs(total.value), [m.signed for m in parts])
        elif re.match(r"\s*Hiervan\b", s.text) and len(keuro) >= 2 and self.previous_mentions:
            total = self.previous_mentions[-1]
            self.sum_claim(s, keuro[0], abs(total.value), [abs(m.value) for m in keuro], total_first=False)
        elif re.search(r"\bverschil\b", s.text) and len(keuro) == 1 and len(self.previous_mentions) == 2:
            a, b = self.previous_mentions
            if a.unit == b.unit == "duizend euro":
                stated = abs(keuro[0].value)
                computed = abs(a.value - b.value)
                status = MATCHED if computed == stated else CONTRADICTED
                self.add(
                    s,
                    "som",
                    keuro[0].start,
                    keuro[0].end,
                    stated,
                    status,
                    computed=computed,
                    computation=f"|{_fmt(a.value)} − {_fmt(b.value)}|",
                    subject=_article(s.ctx),
                )
        for m in re.finditer(rf"(?<![\w.,])(?:{_NUMBER})(?:\s*\+\s*(?:{_NUMBER})){{1,}}(?:\s*=\s*(?P<total>{_NUMBER}))?", s.text):
            parts = [parse_amount(x) for x in re.findall(_NUMBER, m.group(0).split("=")[0])]
            if m["total"]:
                stated = parse_amount(m["total"])
                computed = sum(parts, Decimal(0))
                status = MATCHED if computed == stated else CONTRADICTED
                self.add(
                    s,
                    "som",
                    m.start(),
                    m.end(),
                    stated,
                    status,
                    computed=computed,
                    computation=" + ".join(_fmt(p) for p in parts),
                    subject=_article(s.ctx),
                )

    def settle_parts(self, first: int) -> None:
        """An amount of this sentence left unresolved that is the total or a part of a sum the sentence states and that
        adds up (claims from ``first`` on) is resolved by that sum: matched, with the sum as its computation."""
        sums = [c for c in self.claims[first:] if c.kind == "som" and c.status == MATCHED]
        if not sums:
            return
        for i, c in enumerate(self.claims):
            if c.kind != "bedrag" or c.status != UNRESOLVED or c.unit != "duizend euro":
                continue
            total = next((t for t in sums if t.span[0] <= c.span[0] and c.span[1] <= t.span[1] and c.text in t.text), None)
            if total is not None:
                role = "the total" if abs(c.stated) == total.stated else "a part"
                done = "=" in (total.computation or "")  # a sum over sentences says what it comes to
                how = f"{role} of the sum {total.computation}" + ("" if done else f" = {_fmt(total.stated)}")
                self.claims[i] = replace(c, status=MATCHED, computed=abs(c.stated), computation=how, table_spans=(total.span,))

    def parts_within(self, s: _Sentence, mentions: list[_Mention]) -> None:
        """Parts a sentence names of a whole: they cannot add up to more than it.

        'bedroegen 7.800 keuro, waaronder … 4.149 keuro en … 3.716 keuro': the amounts after 'waaronder' / 'waarvan'
        against the one just before it (an enumeration may leave parts out: fewer is no contradiction, more is). In an
        execution, 'De vereffeningen betroffen hoofdzakelijk (10.177 keuro) …': a main part of the year's payments
        (commitments) is no more than the article's BU of that credit type. Tolerance: each rounded figure half a unit
        of its last digit ('7.800' a rounded hundred)."""
        keuro = [m for m in mentions if m.unit == "duizend euro" and m.change is None]
        for i, total in enumerate(keuro):
            between = s.text[total.end : keuro[i + 1].start] if i + 1 < len(keuro) else ""
            if not re.match(r"\s*,?\s*(?:waaronder|waarvan)\b", between):
                continue
            parts = [m for m in keuro[i + 1 :] if not m.credits or not total.credits or m.credits == total.credits]
            if {c for m in parts for c in m.credits} >= {"VAK", "VEK"}:
                continue  # 'X keuro, waarvan A keuro VAK en B keuro VEK': one whole in two credit types
            if not parts or any(
                re.search(r"\b(?:of|en\s+niet|t\.o\.v\.|tegenover)\b|%", s.text[a.end : b.start])
                for a, b in pairwise([total, *parts])
            ):
                continue
            computed = sum((abs(m.value) for m in parts), Decimal(0))
            slack = _half_unit(total.value) + sum((_half_unit(m.value) for m in parts), Decimal(0))
            if computed - abs(total.value) > slack:
                listed = " + ".join(_fmt(abs(m.value)) for m in parts)
                how = f"{listed} = {_fmt(computed)}, more than the whole {_fmt(abs(total.value))}"
                self.add(
                    s,
                    "som",
                    total.start,
                    parts[-1].end,
                    abs(total.value),
                    CONTRADICTED,
                    subject=_article(s.ctx),
                    computed=computed,
                    computation=how,
                )
            elif computed == abs(total.value):
                how = " + ".join(_fmt(abs(m.value)) for m in parts)
                self.add(
                    s,
                    "som",
                    total.start,
                    parts[-1].end,
                    abs(total.value),
                    MATCHED,
                    subject=_article(s.ctx),
                    computed=computed,
                    computation=how,
                )
        if self.opmaak or s.ctx.article is None:
            return
        for m in keuro:
            before = s.text[max(0, m.start - 40) : m.start]
            if not re.search(r"\b(?:hoofdzakelijk|voornamelijk|in\s+hoofdzaak|grotendeels)\s*\(?\s*$", before):
                continue
            words = s.text[: m.start]
            credits = m.credits or (
                ("VEK",) if re.search(r"\bvereffening", words) else ("VAK",) if re.search(r"\bvastlegging", words) else ()
            )
            bu = self.tables.row(r.ArticleRef(s.ctx.article), "BU", credits[0]) if len(credits) == 1 else None
            if bu is not None and abs(m.value) - bu[0] > _half_unit(m.value):
                how = f"a main part of the year's {credits[0]} execution is more than its BU {_fmt(bu[0])} ({credits[0]})"
                self.add(
                    s,
                    "som",
                    m.start,
                    m.end,
                    abs(m.value),
                    CONTRADICTED,
                    subject=r.ArticleRef(s.ctx.article),
                    computed=bu[0],
                    computation=how,
                    table_spans=(bu[1],),
                )

    def grant_article_changes(self, s: _Sentence, mentions: list[_Mention]) -> list[_Mention]:
        """'herverdelingen naar het toelage-artikel van de VDAB (2.465 keuro VAK en 9.905 keuro VEK)' under an ISE with one
        grant (IS) article: the change of that article, a credit type each. Contradicted only when the other amount of
        the pair is that article's change exactly (then the pair surely is its change); else matched or left."""
        grants = [
            a for a in self.tables.articles.values() if s.ctx.ise is not None and a.ise == s.ctx.ise and a.code.endswith("-IS")
        ]
        if s.ctx.article is not None or len(grants) != 1:
            return []
        for a, b in pairwise(mentions):
            lead = re.search(
                r"\b(?:herverdeling\w*|toename|verhoging)\s+(?:naar|op)\s+het\s+(?:toelage-?\s?artikel|IS-artikel)\b[^().;]{0,40}\(\s*$",
                s.text[: a.start],
            )
            if not lead or a.change or b.change or not re.fullmatch(r"\s*en\s*", s.text[a.end : b.start]):
                continue
            if len(a.credits) != 1 or len(b.credits) != 1:
                continue
            subject = r.ArticleRef(grants[0].code)
            results = [(m, self.tables.change(subject, m.credits[0])) for m in (a, b)]
            if any(res is None for _m, res in results):
                return []
            agree = [abs(m.value) == abs(res[0]) for m, res in results]
            for (m, (value, how, spans)), ok in zip(results, agree, strict=True):
                status = MATCHED if ok else CONTRADICTED if any(agree) else UNRESOLVED
                kw = {"credit": m.credits[0], "unit": m.unit}
                self.add(
                    s,
                    "wijziging",
                    m.start,
                    m.end,
                    abs(m.value),
                    status,
                    subject=subject,
                    computed=value,
                    computation=how,
                    table_spans=spans,
                    **kw,
                )
            return [a, b]
        return []

    def back_references(self, s: _Sentence, mentions: list[_Mention]) -> list[_Mention]:
        """An amount its sentence says was given above ('Een klein deel van dit VEK-krediet (345 keuro) werd
        herverdeeld naar elders (zie boven)'): its article's section has stated it before, or its tables hold it."""
        ref = re.search(r"\(\s*zie\s+(?:boven|hoger)\s*\)", s.text)
        if s.ctx.article is None or ref is None:
            return []
        done = []
        before = self.stated[s.ctx.article]
        table = {abs(v) for v, _c, _sp in self.tables.values.get(r.ArticleRef(s.ctx.article), [])}
        for m in mentions:
            if m.unit != "duizend euro" or not m.value or not 0 <= ref.start() - m.end <= 120:
                continue  # the amount the reference follows closely
            value = abs(m.value)
            earlier = [sp for v, sp, _w in before if v == value]
            done.append(m)
            if earlier or value in table:
                how = "stated above in the section" if earlier else "in the article's tables"
                self.add(
                    s,
                    "bedrag",
                    m.start,
                    m.end,
                    m.value,
                    MATCHED,
                    subject=r.ArticleRef(s.ctx.article),
                    computed=value,
                    computation=how,
                    table_spans=tuple(earlier[:1]),
                )
            elif before:
                nearest, span, _w = min(before, key=lambda vs: abs(vs[0] - value))
                how = f"the section states no {_fmt(value)} above ('zie boven'); the nearest amount it states is {_fmt(nearest)}"
                self.add(
                    s,
                    "bedrag",
                    m.start,
                    m.end,
                    m.value,
                    CONTRADICTED,
                    subject=r.ArticleRef(s.ctx.article),
                    computed=nearest,
                    computation=how,
                    table_spans=(span,),
                )
            else:
                how = "nothing stated above it in the section"
                self.add(s, "bedrag", m.start, m.end, m.value, UNRESOLVED, subject=r.ArticleRef(s.ctx.article), computation=how)
        return done

    def sum_claim(self, s: _Sentence, at: _Mention, total: Decimal, parts: list[Decimal], total_first: bool = True) -> None:
        computed = sum(parts, Decimal(0))
        status = MATCHED if abs(computed) == total else CONTRADICTED
        start = at.start
        end = max(m.end for m in [at]) if total_first else len(s.text)
        self.add(
            s,
            "som",
            start,
            end,
            total,
            status,
            computed=abs(computed),
            subject=_article(s.ctx),
            computation=" + ".join(_fmt(p) for p in parts).replace("+ -", "− "),
        )


# -- helpers ---------------------------------------------------------------------------------------------------------


def _near_code(have: str, named: str) -> bool:
    """Whether ``named`` is ``have`` with one character changed before its ESR suffix ('JFB' for 'JDB').

    Another suffix is not a slip: a programme has receipts and expenditure articles, funds and internal flows
    under the same stem (JB0-9JDBTAD-OW, -WT, -OI), and a document describes only some of them.
    """
    if len(have) != len(named) or have[-3:] != named[-3:]:
        return False
    return sum(a != b for a, b in zip(have, named, strict=True)) == 1


def _listed(after: str) -> list[str] | None:
    """The things a count's colon introduces, up to the sentence's end: 'A (X), B en C' is three; ``None`` without one."""
    m = re.match(r"\s*:\s*(?P<list>[^.;:]+)", after)
    if not m:
        return None
    flat = re.sub(r"\([^()]*\)", "", m["list"])
    items = [x.strip() for x in re.split(r",\s*|\s+en\s+", flat) if x.strip()]
    return items if len(items) > 1 else None


def _name(subject: object) -> str:
    """A table's subject in words: 'article TB0-1THC2UA-WT', 'ISE Activering', 'programme TH', 'the document'."""
    if isinstance(subject, r.ArticleRef):
        return f"article {subject.code}"
    if isinstance(subject, r.IseRef):
        return f"ISE {subject.name}"
    if isinstance(subject, r.ProgrammeRef):
        return f"programme {subject.code}"
    return "the document"


def _article(ctx: _Context) -> r.ArticleRef | None:
    return r.ArticleRef(ctx.article) if ctx.article else None


def _credit_of(m: _Mention, clause: str, sentence: str) -> str | None:
    """The credit type of a change: after its amount, else in its clause ('VEK-krediet'), else the sentence's only one."""
    if len(m.credits) == 1:
        return m.credits[0]
    if len(m.credits) == 2:
        return None
    named = re.findall(r"\b(VAK|VEK)\b|(vastleggings|vereffenings)krediet", clause)
    if named:
        last = named[-1]
        return last[0] or ("VAK" if last[1] == "vastleggings" else "VEK")
    whole = {
        x or ("VAK" if y == "vastleggings" else "VEK")
        for x, y in re.findall(r"\b(VAK|VEK)\b|(vastleggings|vereffenings)krediet", sentence)
    }
    return whole.pop() if len(whole) == 1 else None


def _typed_row(before: str, year: int | None, opmaak: bool = True) -> str | None:
    """The row an amount is of when its words say so: 'index van', 'bedroeg bij BA 2025', 'beschikbaar krediet
    bedraagt'; in an execution BBT 'de uitvoering op dit begrotingsartikel bedroeg' (BU)."""
    if not opmaak:
        if _UNDERSPEND_BEFORE_RE.search(before):
            return UNDERSPEND
        executed = r"\b(?:uitvoering|realisatie)\s+op\s+dit\s+begrotingsartikel\s+(?:bedraagt|bedroeg)"
        if re.search(executed + r"(?:\s+in\s+(?:19|20)\d\d)?(?:\s+uiteindelijk)?\s*$", before):
            return "BU"
        # 'Het bij begrotingsaanpassing 2023 decretaal toegekende krediet bedroeg', 'Het decretaal budget bedroeg bij
        # begrotingsaanpassing 2023': the first adjusted budget (1e BA) of the year executed
        adjusted = r"(?:begrotingsaanpassing|BA)\s+((?:19|20)\d\d)"
        budget = re.search(
            rf"\b{adjusted}\b[^.;:]{{0,60}}\b(?:krediet|budget)\s+(?:bedroeg|bedraagt)\s*,?\s*$"
            rf"|\b(?:krediet|budget)\b[^.;:]{{0,80}}\b(?:bedroeg|bedraagt)\s+(?:bij|na)\s+(?:de\s+)?{adjusted}\s*,?\s*$",
            before,
        )
        if budget and (year is None or int(budget.group(1) or budget.group(2)) == year):
            return "1e BA"
        # 'nam het budget toe tot 106.803 keuro', 'werd het VEK-budget … verhoogd met 1.792 keuro tot 22.080 keuro': the
        # credit the year's reallocations leave (1e BA-JR); not a fund's balance, expenditure or receipts ('zakte tot')
        reached = re.search(
            r"\b(?:budget|krediet)\b(?P<mid>[^.;:]{0,120}?)\b(?:toe|toenam|steeg|verhoogd|aan|verminderd|verlaagd|af|daalde)"
            r"(?:\s+met\s+[^.;:]{0,60}?)?\s+tot\s*$",
            before,
        )
        if reached and not re.search(r"saldo|uitgave|ontvangst|maatregel|fonds|\bin\s+(?:19|20)\d\d\b", reached["mid"]):
            return "1e BA-JR"
        return None
    if re.search(r"\bindex\s+(?:van\s+)?\(?\+?\s*$", before, re.IGNORECASE):
        return "Index"
    if m := re.search(r"\bBA\s+((?:19|20)\d\d)\b[^.]{0,30}\bbedroeg\s*,?\s*$", before):
        return "BA" if year is None or int(m.group(1)) == year - 1 else None
    # 'bedroeg bij BA 2025, 54.823 keuro', 'bedraagt voor BO 2026, 33.543 keuro', 'bedraagt bij BO 2026 764.871 keuro'
    if m := re.search(r"\b(?:bedroeg|bedraagt)\s+(?:bij|voor|in)\s+(?P<row>BA|BO)\s+(?P<year>(?:19|20)\d\d)\s*,?\s*$", before):
        expected = None if year is None else (year - 1 if m["row"] == "BA" else year)
        return m["row"] if expected is None or int(m["year"]) == expected else None
    m = re.search(r"\b(?:beschikba\w+|totale?)\s+krediet\b(?P<mid>[^.]{0,70}?)\b(?:bedraagt|bedroeg)\s*,?\s*$", before)
    if m and not re.search(r"maatregel|ISE", m["mid"]):
        years = re.findall(r"\b(?:19|20)\d\d\b", m["mid"])
        if not years or (year is not None and all(int(y) == year for y in years)):
            return "BO"
    return None


def _agrees(exact: Decimal, stated: Decimal, printed: str) -> bool:
    """Whether ``exact`` rounds or is cut off to ``stated``, at the digits printed ('98%' covers 97,5–98,99…)."""
    decimals = len(re.split(r"[.,]", printed)[1]) if re.search(r"[.,]", printed) else 0
    digit = Decimal(1).scaleb(-decimals)
    return abs(exact - stated) <= digit / 2 or (exact >= stated and exact - stated < digit)


def _rounds_to(exact: Decimal, stated: Decimal) -> bool:
    """Whether ``exact`` rounded to the trailing zeros of ``stated`` is ``stated`` ('afgerond 12.000': 11.500–12.499)."""
    digits = str(abs(int(stated)))
    unit = Decimal(10) ** (len(digits) - len(digits.rstrip("0"))) if stated and stated == int(stated) else Decimal(1)
    return abs(abs(exact) - abs(stated)) * 2 <= unit and unit > 1


def _is_bullet(s: _Sentence, at: int) -> bool:
    """Whether the dash at ``at`` opens a line as a list's bullet ('- 65 keuro'), not a minus sign ('-200 keuro')."""
    return at in s.item_starts()


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


__all__ = ["CONTRADICTED", "KINDS", "MATCHED", "UNRESOLVED", "Claim", "read"]
