"""The reading report: what a document holds, what the loader read of it, and what it did not.

Silent loss is the worst failure of a reader: a budget that looks complete but
lacks a table. So after a loader has run, this module looks at the document
again with simple, generic eyes — headings, table headers, lines dense with
amounts — and compares what it *sees* with what the loader *read* (the spans
of the facts it wrote). What was seen and not read is a gap (``bkg:Leeslacune``),
with its lines; a part a document of its kind normally has and this one lacks,
or that the loader noticed it could not read, is a note (``bkg:Leesopmerking``).
Both go into the document's graph, so ``validate``, the ``reading-report``
template and ``build`` all show them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import DCTERMS, RDF, URIRef

from .layout import furniture_summary
from .model import DocumentGraph
from .numbers import AMOUNT, YEAR_TOKEN_RE, parse_amount, parse_percentage
from .source import SourceDocument
from .text import ARTICLE_CODE, WRAPPED_ARTICLE_CODE_RE, Line, is_noise, join_lines, toc_entry
from .vocab import BKG, QB

_AMOUNT_TOKEN_RE = re.compile(rf"^(?:{AMOUNT})%?$")
#: Heading numbers carry a dot ('1.1. OD 3:', '2. SD 1:'); '23 OD 1: ...' is footnote 23 citing OD 1.
_NUMBERING = r"(?:\d{1,2}\.(?:\d{1,2}\.?)*\s*)?"
_OD_HEADING_RE = re.compile(rf"^\s*(?:#+\s*)?(?:\*\*)?{_NUMBERING}(?:OD|Operationele doelstelling)\s*\d{{1,2}}\s*[:.–-]\s*\S")
_SD_HEADING_RE = re.compile(rf"^\s*(?:#+\s*)?(?:\*\*)?{_NUMBERING}(?:SD\s*\d{{1,2}}\s*[:.–-]|Strategische doelstelling\b)\s*\S")
_ARTICLE_HEADING_RE = re.compile(rf"^\s*{ARTICLE_CODE}\s+[-–]\s+\S")
_CREDIT_HEADER_RE = re.compile(r"^\s*(?:(?:19|20)\d\d\s+)?(?:(?:VAK|VEK|AO|TO|LO)\s*){2,}$")
_DETAIL_HEADER_RE = re.compile(r"^\s*(Compensaties|Andere bijstellingen)\s+VAK\s+VEK\b")
_FOOTNOTE_START_RE = re.compile(r"^\s*\d{1,3}\s+.*(?:doelstelling|Zie\b)", re.IGNORECASE)
_FOOTNOTE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s+\S")
_QUOTED_GOAL_RE = re.compile(r"(?:[Oo]perat\w*\s+doelstelling(?:\s+OD)?|\bOD)\s*\d{1,2}\s*:?\s*[‘'“\"]")
#: A footnote naming a goal names its article within its first lines.
_FOOTNOTE_REACH = 2
#: A line is a table row when it carries at least two amounts and few words.
_ROW_MAX_WORDS = 6
_TABLE_REACH = 14
#: The tables of an article's own credits: the credit evolution of a draft, the execution of an execution BBT.
ARTICLE_TABLES = ("kredietevolutie", "begrotingsuitvoering")
#: Fewer numbers than this in a run of rows is a line of prose that happens to hold figures.
_MIN_TABLE_NUMBERS = 4


@dataclass(frozen=True)
class Gap:
    """Something seen in the document and not read: its kind, why it matters, its logical lines."""

    kind: str
    message: str
    span: tuple[int, int]


@dataclass
class Part:
    """One kind of part: how many the document holds and how many were read."""

    kind: str
    seen: int = 0
    read: int = 0


@dataclass
class Report:
    """The reading report of one document."""

    parts: dict[str, Part] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    notes: list[tuple[str, str, tuple[int, int] | None]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def summary(self) -> str:
        """One line: 'read 59/59 article headings, 118/118 tables, ...; 0 gaps'."""
        parts = ", ".join(f"{p.read}/{p.seen} {p.kind}" for p in self.parts.values() if p.seen)
        return f"{parts or 'no headings or tables to check'}; {len(self.gaps)} gap{'s' * (len(self.gaps) != 1)}"


@functools.lru_cache(maxsize=1 << 16)
def _words_and_amounts(line: str) -> tuple[int, int]:
    """How many words and how many amounts ``line`` holds (cached: the report reads every line twice)."""
    tokens = line.split()
    amounts = sum(1 for t in tokens if _AMOUNT_TOKEN_RE.match(t) and not YEAR_TOKEN_RE.match(t))
    return len(tokens) - amounts, amounts


def _is_row(line: str) -> bool:
    words, amounts = _words_and_amounts(line)
    return amounts >= 2 and words <= _ROW_MAX_WORDS and "\t" not in line


def lines_read(dg: DocumentGraph) -> set[int]:
    """The logical lines any fact of ``dg`` was read from."""
    return {n for first, last in dg.spans_read.values() for n in range(first, last + 1)}


class _Coverage:
    """Which logical lines the facts of a document graph were read from."""

    def __init__(self, dg: DocumentGraph) -> None:
        facts = dg.facts
        self.any = lines_read(dg)
        self.starts: dict[URIRef, set[int]] = {}
        self.amount_lines: set[int] = set()
        for node, (first, last) in dg.spans_read.items():
            if any(cls in (BKG.Bedrag, BKG.IndicatorWaarde, BKG.Tabelrij) for cls in facts.of(node)(RDF.type)):
                self.amount_lines.update(range(first, last + 1))
        for mention in facts.subjects(RDF.type, BKG.Vermelding):
            for cls in facts.of(facts.value(mention, BKG.over))(RDF.type):
                self.starts.setdefault(cls, set()).add(dg.spans_read[mention][0])
        statements = [*facts.subjects(RDF.type, BKG.Koppeling), *facts.subjects(RDF.type, BKG.Verwijzing)]
        self.linked = {n for k in statements for n in range(*_closed(dg.spans_read[k]))}

    def read_between(self, first: int, last: int) -> bool:
        return any(n in self.amount_lines for n in range(first, last + 1))


def _closed(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], span[1] + 1


def _table_end(doc: SourceDocument, header: int) -> int:
    """The last line of the table whose header is at ``header``: rows and short labels, up to the next header."""
    last = header
    for n in range(header + 1, min(len(doc.lines), header + _TABLE_REACH) + 1):
        line = doc.line(n)
        if is_noise(line):
            continue
        if _CREDIT_HEADER_RE.match(line) or _DETAIL_HEADER_RE.match(line):
            break
        words, amounts = _words_and_amounts(line)
        if amounts:
            last = n
        elif words > _ROW_MAX_WORDS + 2:
            break
    return last


Detector = Callable[[SourceDocument, _Coverage], Iterable[tuple[int, int, bool]]]


def _headings(pattern: re.Pattern[str], cls: URIRef) -> Detector:
    def detect(doc: SourceDocument, cov: _Coverage) -> Iterable[tuple[int, int, bool]]:
        for n, line in enumerate(doc.lines, 1):
            if pattern.match(line) and toc_entry(line) is None:
                yield n, n, n in cov.starts.get(cls, set())

    return detect


def _tables(pattern: re.Pattern[str]) -> Detector:
    def detect(doc: SourceDocument, cov: _Coverage) -> Iterable[tuple[int, int, bool]]:
        for n, line in enumerate(doc.lines, 1):
            if pattern.match(line):
                end = _table_end(doc, n)
                if end > n:
                    yield n, end, cov.read_between(n + 1, end)

    return detect


def _link_footnotes(doc: SourceDocument, cov: _Coverage) -> Iterable[tuple[int, int, bool]]:
    """Footnotes that tie a goal to an article code; the code may wrap onto the footnote's next lines."""
    for n, line in enumerate(doc.lines, 1):
        if not _FOOTNOTE_START_RE.match(line):
            continue
        last = n
        while last < min(n + _FOOTNOTE_REACH, len(doc.lines)) and not _FOOTNOTE_NUMBER_RE.match(doc.line(last + 1)):
            last += 1
        joined = join_lines([Line(k, doc.line(k)) for k in range(n, last + 1)])
        if code := WRAPPED_ARTICLE_CODE_RE.search(joined.text):
            first, end = joined.lines_of(0, code.end())
            yield first, end, any(k in cov.linked for k in range(first, end + 1))


def _quoted_goals(doc: SourceDocument, cov: _Coverage) -> Iterable[tuple[int, int, bool]]:
    """Sentences naming an OD by number with its quoted title ('operationele doelstelling 4: ‘...’'): links."""
    for n, line in enumerate(doc.lines, 1):
        if _QUOTED_GOAL_RE.search(line) and not _OD_HEADING_RE.match(line):
            yield n, n, n in cov.linked


#: kind -> (what it is, in the report's words; how to find it; gap message)
DETECTORS: dict[str, tuple[Detector, str]] = {
    "SD-koppen": (_headings(_SD_HEADING_RE, BKG.StrategischeDoelstelling), "SD heading not read"),
    "OD-koppen": (_headings(_OD_HEADING_RE, BKG.OperationeleDoelstelling), "OD heading not read"),
    "artikelkoppen": (_headings(_ARTICLE_HEADING_RE, BKG.Begrotingsartikel), "budget article heading not read"),
    "kredieten-uitvoeringstabellen": (_tables(_CREDIT_HEADER_RE), "credit or execution table whose amounts were not read"),
    "compensatie-bijstellingstabellen": (_tables(_DETAIL_HEADER_RE), "compensation or adjustment table not read"),
    "voetnoten-met-artikelcode": (_link_footnotes, "footnote linking a goal to an article not read"),
    "geciteerde-doelstellingen": (_quoted_goals, "an OD named with its quoted title whose link was not read"),
}


def _unread_rows(doc: SourceDocument, cov: _Coverage, claimed: set[int]) -> list[Gap]:
    """Regions of lines dense with amounts that no fact was read from (and no other gap already names)."""
    gaps: list[Gap] = []
    region: list[int] = []

    def close() -> None:
        amounts = sum(_words_and_amounts(doc.line(k))[1] for k in region)
        if region and amounts >= _MIN_TABLE_NUMBERS:
            gaps.append(
                Gap(
                    "ongelezen-bedragen",
                    f"{amounts} amounts in {len(region)} table rows that no reader consumed",
                    (region[0], region[-1]),
                )
            )
        region.clear()

    for n, line in enumerate(doc.lines, 1):
        if is_noise(line):
            continue
        if _is_row(line) and n not in cov.any and n not in claimed:
            region.append(n)
        elif not _is_row(line):
            close()
    close()
    return gaps


def read_other_tables(doc: SourceDocument, dg: DocumentGraph) -> int:
    """Tables no loader understands (breakdowns in an article's explanation), kept row by row.

    Each run of table rows (a short label and at least two numbers) that no fact
    was read from becomes a ``bkg:Tabel`` of ``bkg:Tabelrij`` nodes: the label
    and every number in column order, exact, with '%' cells in percent. The
    columns are not named (their headers wrap unpredictably), but no number of
    the document is lost, and the report counts these tables apart.
    Returns the number of such tables.
    """
    covered = lines_read(dg)
    runs: list[list[int]] = [[]]
    for n, line in enumerate(doc.lines, 1):
        if is_noise(line):
            continue
        if _is_row(line) and n not in covered:
            runs[-1].append(n)
        elif runs[-1]:
            runs.append([])
    tables = [run for run in runs if run and sum(_words_and_amounts(doc.line(k))[1] for k in run) >= _MIN_TABLE_NUMBERS]
    for run in tables:
        first = doc.source_line(run[0])
        table = dg.statement(f"tabel/{first}", BKG.Tabel, None, (run[0], run[-1]))
        for r, n in enumerate(run, start=1):
            row = dg.statement(f"tabel/{first}/rij/{r}", BKG.Tabelrij, None, (n, n))
            dg.add(table, BKG.tabelrij, row)
            dg.add(row, BKG.volgnummer, r)
            label = " ".join(tok for tok in doc.line(n).split() if not _AMOUNT_TOKEN_RE.match(tok))
            dg.add(row, DCTERMS.title, label or None)
            cells = [tok for tok in doc.line(n).split() if _AMOUNT_TOKEN_RE.match(tok)]
            for c, raw in enumerate(cells, start=1):
                cell = dg.local(f"tabel/{first}/rij/{r}/cel/{c}")
                dg.add(row, BKG.cel, cell)
                dg.add(cell, RDF.type, BKG.Tabelcel)
                dg.add(cell, BKG.kolom, c)
                dg.add(cell, BKG.waarde, parse_percentage(raw) if raw.endswith("%") else parse_amount(raw))
                if raw.endswith("%"):
                    dg.add(cell, BKG.eenheid, BKG.Procent)
    return len(tables)


def report(
    doc: SourceDocument,
    dg: DocumentGraph,
    detectors: Iterable[str] = DETECTORS,
    other_tables: int = 0,
    closing: dict[str, re.Pattern[str]] | None = None,
) -> Report:
    """The reading report of ``doc`` (in logical lines) as ``dg`` read it.

    ``detectors`` are the kinds of part the document's kind has (see the registry in ``loaders``);
    ``other_tables`` the tables :func:`read_other_tables` kept row by row; ``closing`` the parts
    that close a complete document of its kind (their absence says it may be cut off).
    """
    cov = _Coverage(dg)
    out = Report()
    if other_tables:
        out.parts["andere-tabellen"] = Part("andere-tabellen", other_tables, other_tables)
    claimed: set[int] = set()
    for kind in detectors:
        detect, message = DETECTORS[kind]
        part = out.parts.setdefault(kind, Part(kind))
        for first, last, read in detect(doc, cov):
            part.seen += 1
            if read:
                part.read += 1
            else:
                out.gaps.append(Gap(kind, message, (first, last)))
                claimed.update(range(first, last + 1))
    if "kredieten-uitvoeringstabellen" in out.parts:  # a kind whose article sections carry their credits
        out.gaps += _articles_without_table(dg)
    out.gaps += _unread_rows(doc, cov, claimed)
    out.notes = [(n.part, n.message, n.span) for n in dg.notes]
    out.notes += _missing_closing_parts(doc, closing)
    for kind, count in sorted(furniture_summary(doc).items()):
        out.notes.append(("opmaak", f"{count} lines of page furniture removed ({kind})", None))
    return out


def _missing_closing_parts(doc: SourceDocument, closing: dict[str, re.Pattern[str]] | None) -> list:
    """A note for each part that closes a complete document of this kind and is absent: where the text ends."""
    missing = [name for name, pattern in (closing or {}).items() if not any(pattern.match(line) for line in doc.lines)]
    if not missing:
        return []
    last = max((n for n, line in enumerate(doc.lines, 1) if not is_noise(line)), default=1)
    return [("einde", f"the text ends at this line without {', '.join(missing)}: an excerpt, or cut off?", (last, last))]


def _articles_without_table(dg: DocumentGraph) -> list[Gap]:
    """Article sections whose credit or execution table was not read."""
    facts = dg.facts
    credit_tables = {dg.local(f"dataset/{table}") for table in ARTICLE_TABLES}
    with_amounts = {
        facts.value(b, BKG.betreft) for b in facts.subjects(RDF.type, BKG.Bedrag) if facts.value(b, QB.dataSet) in credit_tables
    }
    gaps = []
    for mention in facts.subjects(RDF.type, BKG.Vermelding):
        art = facts.value(mention, BKG.over)
        if BKG.Begrotingsartikel in facts.of(art)(RDF.type) and art not in with_amounts:
            code = str(art).rsplit("/", 1)[-1]
            gaps.append(
                Gap(
                    "artikel-zonder-tabel",
                    f"article {code} has a section but no credit or execution table was read",
                    dg.spans_read[mention],
                )
            )
    return sorted(gaps, key=lambda gap: gap.span)


def write(dg: DocumentGraph, rep: Report) -> None:
    """The report into the document's graph: one ``bkg:Leesverslag`` with its parts, gaps and notes."""
    node = dg.local("leesverslag")
    dg.add(node, RDF.type, BKG.Leesverslag)
    dg.add(node, BKG.verslagVan, dg.iri)
    dg.add(node, BKG.volledig, rep.complete)
    for part in rep.parts.values():
        p = dg.local(f"leesverslag/{part.kind}")
        dg.add(node, BKG.leesonderdeel, p)
        dg.add(p, RDF.type, BKG.Leesonderdeel)
        dg.add(p, BKG.soort, part.kind)
        dg.add(p, BKG.gezien, part.seen)
        dg.add(p, BKG.gelezen, part.read)
    for gap in rep.gaps:
        first = dg.doc.source_line(gap.span[0])
        g = dg.statement(f"leeslacune/{gap.kind}/{first}", BKG.Leeslacune, None, gap.span)
        dg.add(node, BKG.lacune, g)
        dg.add(g, BKG.soort, gap.kind)
        dg.add(g, BKG.toelichting, gap.message)
    for index, (part, message, span) in enumerate(rep.notes, start=1):
        n = dg.local(f"leesopmerking/{index}")
        dg.add(n, RDF.type, BKG.Leesopmerking)
        dg.add(node, BKG.leesopmerking, n)
        dg.add(n, BKG.soort, part)
        dg.add(n, BKG.toelichting, message)
        if span is not None:
            dg.add(n, BKG.bron, dg.span(*span))
