"""Loader for a Beleidsnota: the policy plan of one policy domain for a legislature.

A Beleidsnota states the structure of the plan (policy field -> ISE -> SD -> OD),
the indicators that measure its ISEs (annex 'ISE indicatoren'), a list of
abbreviations and the planned regulatory initiatives. It holds no budget
articles and no amounts.

The text may be a markdown-like extraction: headings marked with '#' and '**',
table cells separated by tabs, HTML cell markup (<b>, <p>, <i>, <a>, <sup>).
Every rule here reads the markup-free text of a line (``text.strip_markup``)
and splits table rows on tabs (``text.tab_cells``), so the same rules read a
plain extraction of the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import initiatives
from . import records as r
from .goals import GoalHeading, od_heading, parent_sd, sd_heading
from .initiatives import INITIATIVES_HEADING_RE
from .kinds import DocumentKind, register
from .numbers import percentages_by_year
from .source import SourceDocument
from .text import (
    ABBREVIATIONS_HEADING_RE,
    MONTHS,
    MONTHS_PATTERN,
    Line,
    abbreviations,
    heading_title,
    is_noise,
    ise_heading,
    join_wrapped,
    normalise_space,
    strip_markup,
    toc_entry,
)
from .vocab import BKG, slug

#: The parts the reading report looks for in a document of this kind (``reading.DETECTORS``).
PARTS = ("SD-koppen", "OD-koppen")
#: Parts that close a complete document of this kind (none is required).
CLOSING_PARTS: dict = {}

#: The cover title: 'Beleidsnota 2024-2029' (domain on the next line) or 'Beleidsnota Sociale Economie 2024-2029'.
_TITLE_RE = re.compile(
    r"^Beleidsnota\s+(?:(?P<before>\D.*?)\s+)?(?P<start>(?:19|20)\d{2})\s*[-–]\s*(?P<end>(?:19|20)\d{2})"
    r"(?:\s+(?P<after>\D.*))?$",
    re.IGNORECASE,
)
#: The title stands on the cover page, before the table of contents.
_COVER_LINES = 80
_ROMAN_RE = re.compile(r"^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_PART_RE = re.compile(r"^(?P<numeral>[IVXLC]{1,7})\.\s+(?P<title>\S.{0,150})$")
_FIELD_RE = re.compile(r"^beleidsveld\s+(?P<name>\S.*)$", re.IGNORECASE)
_ISE_RE = re.compile(r"^(?:\d+\.\s*)?ISE\b\s*:?\s*\S.{0,150}$")
_SD_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:Strategische doelstelling|SD)\s*(?P<number>\d+)?\s*:\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
#: A wrapped goal heading continues on the lines directly below it, never further.
_MAX_HEADING_LINES = 4
_CONTINUATION_STARTS = frozenset("abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûü('‘\"“-–0123456789")
_INDICATOR_HEAD_RE = re.compile(r"^Indicator\s*:\s*(?P<text>\S.*)$", re.IGNORECASE)
#: Captions and sources of a chart or table: they describe the figure, not the indicator.
_CAPTION_RE = re.compile(r"^(?:(?:Grafiek|Tabel|Figuur)\s*\d*\s*:|(?:Bron|Noot)\s*:)", re.IGNORECASE)
_LABELLED_RE = re.compile(r"^(?:Grafiek|Tabel|Figuur)\s*\d+\b", re.IGNORECASE)
#: A caption without a colon ('Grafiek 1 Werkzaamheidsgraad ...') is a short line, not a sentence.
_MAX_CAPTION_CHARS = 150
_ABBREVIATION_RE = re.compile(r"^(?P<abbr>[^\s:][^:\t]{0,39}?)\s*:\s+(?P<meaning>\S.*)$")
_FILED_BY_RE = re.compile(r"ingediend door\s+(?P<name>[^,]+),", re.IGNORECASE)
_PAPER_RE = re.compile(r"(?P<paper>\d+\s*\(\d{4}\s*-\s*\d{4}\)\s*[–-]\s*Nr\.\s*\d+)")
_DATE_RE = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTHS_PATTERN})\s+(?P<year>\d{{4}})\b", re.IGNORECASE)

#: Row labels of an indicator's metadata table -> the bkg property of its description.
_INDICATOR_FIELDS = {
    "benaming": "benaming",
    "definitie": "definitie",
    "laatste gekende waarde": "laatsteWaarde",
    "streefwaarde": "streefwaarde",
    "beleidsmatige relevantie": "beleidsrelevantie",
    "budgettaire relevantie": "budgettaireRelevantie",
    "soort indicator": "soortIndicator",
    "berekeningswijze": "berekeningswijze",
    "bron": "gegevensbron",
    "meetfrequentie": "meetfrequentie",
    "kwaliteitsbeoordeling": "kwaliteitsbeoordeling",
    "reeds gebruikt in andere documenten": "gebruiktInAndereDocumenten",
}

# -- reading the layout ---------------------------------------------------------------------------------------------


def _plain(doc: SourceDocument) -> list[str]:
    """The markup-free text of every line, indexed by 1-based line number (index 0 unused)."""
    return ["", *(strip_markup(line) for line in doc.lines)]


@dataclass(frozen=True)
class _Title:
    text: str
    domain: str
    legislature: str
    span: tuple[int, int]


def _next_content(plain: list[str], after: int, limit: int) -> int | None:
    return next((n for n in range(after + 1, min(limit, len(plain))) if not is_noise(plain[n])), None)


def _title(plain: list[str]) -> _Title | None:
    """The cover title: the plan's domain and legislature, as the document states them."""
    for n in range(1, min(_COVER_LINES, len(plain))):
        m = _TITLE_RE.match(plain[n])
        if not m:
            continue
        legislature = f"{m['start']}-{m['end']}"
        domain = (m["before"] or m["after"] or "").strip()
        if domain:
            return _Title(plain[n], domain, legislature, (n, n))
        # 'Beleidsnota 2024-2029' with the domain as the next heading.
        nxt = _next_content(plain, n, n + 4)
        if nxt is None or len(plain[nxt]) > 80 or re.search(r"\d", plain[nxt]):
            return None
        return _Title(f"{plain[n]} {plain[nxt]}", plain[nxt], legislature, (n, nxt))
    return None


def _toc(plain: list[str]) -> tuple[int, int] | None:
    """Lines of the table of contents: the first block of dot-leader entries."""
    first = next((n for n in range(1, len(plain)) if toc_entry(plain[n])), None)
    if first is None:
        return None
    last = first
    for n in range(first + 1, len(plain)):
        if toc_entry(plain[n]):
            last = n
        elif not is_noise(plain[n]):
            break
    return first, last


def _body_start(plain: list[str], title: _Title) -> int:
    toc = _toc(plain)
    return toc[1] + 1 if toc and toc[0] > title.span[1] else title.span[1] + 1


def _is_heading_markup(raw: str) -> bool:
    return raw.lstrip().startswith(("#", "**", "<b>"))


@dataclass(frozen=True)
class _Part:
    """A top-level part of the document ('VI. BELEIDSVELD SOCIALE ECONOMIE'), lines first..last."""

    title: str
    first: int
    last: int

    @property
    def kind(self) -> str:
        if ABBREVIATIONS_HEADING_RE.match(self.title):
            return "abbreviations"
        if INITIATIVES_HEADING_RE.match(self.title):
            return "initiatives"
        if "indicator" in self.title.lower():
            return "indicators"
        return "structure"


def _parts(doc: SourceDocument, plain: list[str], start: int) -> list[_Part]:
    """Top-level parts, headed by a roman numeral in a marked-up or upper-case heading."""
    heads: list[tuple[int, str]] = []
    for n in range(start, len(plain)):
        m = _PART_RE.match(plain[n])
        if m and _ROMAN_RE.match(m["numeral"]) and (_is_heading_markup(doc.line(n)) or m["title"].isupper()):
            heads.append((n, m["title"]))
    ends = [n - 1 for n, _ in heads[1:]] + [len(plain) - 1]
    return [_Part(title, n, end) for (n, title), end in zip(heads, ends, strict=True)]


def _sd_heading(text: str) -> GoalHeading | None:
    """An SD heading; '1.1 Strategische doelstelling: title' leaves the number to the SDs' order."""
    if m := _SD_RE.match(text):
        return GoalHeading(m["number"] or "", m["title"])
    return sd_heading(text)


def _is_caption(text: str) -> bool:
    """'Grafiek 3: ...', 'Tabel 1 Aandeel ...', 'Bron: ...'; not a sentence such as 'Grafiek 3 toont ...'."""
    if _CAPTION_RE.match(text):
        return True
    return bool(_LABELLED_RE.match(text)) and len(text) <= _MAX_CAPTION_CHARS and not text.endswith(".")


def _is_structure_heading(text: str) -> bool:
    return bool(_ISE_RE.match(text) or _SD_RE.match(text) or sd_heading(text) or od_heading(text) or _PART_RE.match(text))


def _heading_lines(doc: SourceDocument, plain: list[str], first: int, last: int) -> int:
    """The last line of a heading that starts on ``first``.

    A wrapped piece follows directly and continues the sentence (it starts in
    lower case or with a bracket): with or without blank lines between
    paragraphs, the paragraph under a heading starts a new sentence.
    """
    end = first
    while (
        end < last
        and end - first + 1 < _MAX_HEADING_LINES
        and not is_noise(plain[end + 1])
        and plain[end + 1][:1] in _CONTINUATION_STARTS
        and "\t" not in doc.line(end + 1)
        and not _is_heading_markup(doc.line(end + 1))
        and not _is_structure_heading(plain[end + 1])
    ):
        end += 1
    return end


def recognise(doc: SourceDocument) -> bool:
    """A Beleidsnota: the cover title 'Beleidsnota <yyyy>-<yyyy>' and a body with SD and OD headings.

    Budget explanations and policy letters mention 'beleidsnota' in running
    text, never as their title.
    """
    plain = _plain(doc)
    title = _title(plain)
    if title is None:
        return False
    body = plain[_body_start(plain, title) :]
    return any(_SD_RE.match(t) or sd_heading(t) for t in body) and any(od_heading(t) for t in body)


# -- reading into records -------------------------------------------------------------------------------------------


@dataclass
class _IndicatorDraft:
    """An indicator being read from the annex: headline, notes and metadata rows."""

    ise: r.IseRef | None
    first: int
    last: int
    headline: str | None = None
    notes: list[str] = field(default_factory=list)
    cells: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add_cell(self, key: str, raw: str, line: int) -> None:
        self.cells.setdefault(key, []).append(raw)
        first = self.rows.get(key, (line, line))[0]
        self.rows[key] = (first, line)
        self.last = line

    def value(self, key: str) -> str | None:
        pieces = [strip_markup(p) for p in self.cells.get(key, [])]
        return join_wrapped(pieces) or None


class _Reader:
    """Reads one Beleidsnota into records, part by part."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.plain = _plain(doc)
        title = _title(self.plain)
        if title is None:
            raise doc.error("has no cover title 'Beleidsnota <yyyy>-<yyyy>'; not a Beleidsnota")
        self.title = title
        self.out = r.DocumentRecords(doc, BKG.Beleidsnota, title.text, title.span, plan=r.Plan(title.domain, title.legislature))
        self.field_name: str | None = None
        #: The ISEs read and the SDs under each, by identity: the same ISE may be printed in another case.
        self.ises: set[tuple[str, str]] = set()
        self.sd_of_ise: dict[tuple[str, str], list[r.GoalRef]] = {}
        self.goal_lines: dict[tuple[str, str], int] = {}

    def read(self) -> r.DocumentRecords:
        start = _body_start(self.plain, self.title)
        self._filing(start)
        readers = {
            "structure": self._structure,
            "abbreviations": self._abbreviations,
            "initiatives": self._initiatives,
            "indicators": self._indicators,
        }
        for part in _parts(self.doc, self.plain, start):
            readers[part.kind](part)
        self._check_toc()
        return self.out

    # -- cover ------------------------------------------------------------------

    def _filing(self, body_start: int) -> None:
        """Who filed the note, its parliamentary paper number and date, from the cover page."""
        found: dict[str, tuple[int, str | date]] = {}
        for n in range(1, body_start):
            text = self.plain[n]
            if (m := _FILED_BY_RE.search(text)) and "indiener" not in found:
                found["indiener"] = (n, m["name"].strip())
            if (m := _PAPER_RE.search(text)) and "stuknummer" not in found:
                found["stuknummer"] = (n, normalise_space(m["paper"]))
            if (m := _DATE_RE.search(text)) and "datumIndiening" not in found:
                month = MONTHS.index(m["month"].lower()) + 1
                found["datumIndiening"] = (n, date(int(m["year"]), month, int(m["day"])))
        if "indiener" not in found:
            return
        lines = [n for n, _ in found.values()]
        facts = tuple((prop, value) for prop, (_, value) in sorted(found.items()))
        self.out.add(r.Filing(facts, ((min(lines), max(lines)),)))

    # -- policy field, ISEs, goals ------------------------------------------------

    def _structure(self, part: _Part) -> None:
        """ISE, SD and OD headings, in document order: each goal belongs to the ISE and SD above it."""
        if m := _FIELD_RE.match(part.title):
            self.field_name = m["name"]
            self.out.add(r.PolicyField(self.field_name, (part.first, part.first)))
        ise: r.IseRef | None = None
        sd: r.GoalRef | None = None
        n = part.first + 1
        while n <= part.last:
            text = self.plain[n]
            if toc_entry(text) or "\t" in self.doc.line(n):
                n += 1
                continue
            if _ISE_RE.match(text):
                ise, sd = self._ise(text, (n, n)), None
            elif heading := _sd_heading(text):
                end = _heading_lines(self.doc, self.plain, n, part.last)
                number = heading.number or self._next_sd_number()
                sd = self._goal("SD", number, [heading.title, *self.plain[n + 1 : end + 1]], (n, end), ise, None)
                if ise is not None:
                    self.sd_of_ise.setdefault(_identity(ise), []).append(sd)
                n = end
            elif od := od_heading(text):
                end = _heading_lines(self.doc, self.plain, n, part.last)
                sd_number = parent_sd(od.number)
                parent = r.GoalRef("SD", sd_number) if sd_number else sd
                self._goal("OD", od.number, [od.title, *self.plain[n + 1 : end + 1]], (n, end), ise, parent)
                n = end
            n += 1

    def _ise(self, heading: str, span: r.Span) -> r.IseRef:
        """An ISE heading; a field named in the heading wins over the part's, the plan's domain is the fallback."""
        name, field_name = ise_heading(heading)
        field_name = field_name or self.field_name or self.title.domain
        ref = r.IseRef(field_name, name)
        if _identity(ref) not in self.ises:
            self.ises.add(_identity(ref))
            self.out.add(r.Ise(field_name, name, span, title=heading))
        return ref

    def _next_sd_number(self) -> str:
        """SDs without a printed number are numbered in document order ('strategische doelstelling 1', 2...)."""
        return str(1 + max((int(num) for level, num in self.goal_lines if level == "SD"), default=0))

    def _goal(
        self,
        level: str,
        number: str,
        parts: list[str],
        span: r.Span,
        ise: r.IseRef | None,
        parent: r.GoalRef | None,
    ) -> r.GoalRef:
        if (level, number) in self.goal_lines:
            earlier = self.goal_lines[(level, number)]
            raise self.doc.error(
                f"{level} {number} is headed twice (lines {self.doc.source_line(earlier)} and {self.doc.source_line(span[0])})"
            )
        self.goal_lines[(level, number)] = span[0]
        title, _footnote = heading_title(parts)
        return self.out.add(r.Goal(level, number, title, span, ise, parent)).ref

    def _check_toc(self) -> None:
        """Every OD the table of contents lists must have been read from a body heading."""
        toc = _toc(self.plain)
        if toc is None:
            return
        listed = set()
        for n in range(toc[0], toc[1] + 1):
            entry = toc_entry(self.plain[n])
            if entry and (m := od_heading(entry[0])):
                listed.add(m.number)
        missing = sorted(listed - {num for level, num in self.goal_lines if level == "OD"})
        if missing:
            names = ", ".join(f"OD {num}" for num in missing)
            raise self.doc.error(f"the table of contents lists {names} but no body heading for it was found")

    # -- annexes ----------------------------------------------------------------------

    def _abbreviations(self, part: _Part) -> None:
        """'ABBR: meaning' (or 'ABBR<tab>meaning') entries; a line right below an entry continues it."""
        lines = [
            Line(n, "\t".join(strip_markup(cell) for cell in self.doc.line(n).split("\t")))
            for n in range(part.first + 1, part.last + 1)
            if not _is_heading_markup(self.doc.line(n))
        ]
        self.out.records += abbreviations(lines)

    def _initiatives(self, part: _Part) -> None:
        """The annex of policy and regulatory initiatives (:mod:`.initiatives`)."""
        self.out.records += initiatives.read(self.doc, part.first, part.last + 1)

    def _indicators(self, part: _Part) -> None:
        """Per ISE: the 'Indicator:' headline, its explanation and its metadata table (tab-separated rows).

        A row with an empty first cell continues the previous row; a second table
        half repeating the same 'Benaming' belongs to the same indicator.
        """
        ise: r.IseRef | None = None
        draft: _IndicatorDraft | None = None
        key: str | None = None
        for n in range(part.first + 1, part.last + 1):
            raw, text = self.doc.line(n), self.plain[n]
            if is_noise(text):
                continue
            if "\t" in raw:
                cells = raw.split("\t")
                label = strip_markup(cells[0]).lower()
                value = "\t".join(cells[1:])
                if label in _INDICATOR_FIELDS:
                    key = _INDICATOR_FIELDS[label]
                    if key == "benaming" and draft is not None and draft.cells.get("benaming"):
                        if draft.value("benaming") == strip_markup(value):
                            draft.last = n  # the second half of the same indicator's table
                            continue
                        self._write_indicator(draft)
                        draft = None
                    draft = draft or _IndicatorDraft(ise, n, n)
                    draft.add_cell(key, value, n)
                elif not label and key and draft is not None:
                    draft.add_cell(key, value, n)
                else:
                    key = None
                continue
            key = key if (draft is not None and draft.cells and n - 1 == draft.last) else None
            if _ISE_RE.match(text):
                self._write_indicator(draft)
                draft, key = None, None
                ise = self._ise(text, (n, n))
            elif m := _INDICATOR_HEAD_RE.match(text):
                self._write_indicator(draft)
                draft, key = _IndicatorDraft(ise, n, n, headline=m["text"]), None
            elif key and draft is not None:
                draft.add_cell(key, raw, n)
            elif draft is not None and not draft.cells and not _is_caption(text):
                draft.notes.append(text)
                draft.last = n
        self._write_indicator(draft)

    def _write_indicator(self, draft: _IndicatorDraft | None) -> None:
        if draft is None:
            return
        name = draft.value("benaming") or draft.headline
        if not name:
            return
        metadata: dict[str, str | r.IseRef | r.GoalRef | None] = {
            prop: draft.value(prop) for prop in _INDICATOR_FIELDS.values() if prop != "benaming"
        }
        kind, remark = _kind_and_remark(draft.cells.get("soortIndicator", []))
        metadata.update(soortIndicator=kind, opmerking=remark, kop=draft.headline)
        metadata["toelichting"] = join_wrapped(draft.notes) or None
        metadata["ise"] = draft.ise
        sds = self.sd_of_ise.get(_identity(draft.ise), []) if draft.ise else []
        metadata["doelstelling"] = sds[0] if len(sds) == 1 else None
        self.out.add(r.Indicator(name, (draft.first, draft.last), tuple((k, v) for k, v in metadata.items() if v is not None)))
        # The latest value: from its metadata row, else from the headline ('... van 29,5 ppt in 2023.').
        latest, span = draft.value("laatsteWaarde"), draft.rows.get("laatsteWaarde")
        if not latest and draft.headline:
            latest, span = draft.headline, (draft.first, draft.first)
        if latest and span:
            series = "Kloof" if "kloof" in latest.lower() else "Waarde"
            for year, value, unit in percentages_by_year(latest):
                self.out.add(r.IndicatorValue(name, series, year, value, unit, span))


def _identity(ise: r.IseRef) -> tuple[str, str]:
    """An ISE's identity: its field and name whatever their case or punctuation (as its IRI has them)."""
    return slug(ise.field), slug(ise.name)


def _kind_and_remark(pieces: list[str]) -> tuple[str | None, str | None]:
    """'Effectindicator <i>Met deze beleidsindicator ...</i>' -> the kind and the italic remark after it."""
    raw = " ".join(pieces)
    kind, sep, rest = raw.partition("<i>")
    kind_text = strip_markup(kind)
    if not sep or not kind_text:
        return strip_markup(raw) or None, None
    return kind_text, strip_markup(rest) or None


def read(doc: SourceDocument) -> r.DocumentRecords:
    """The Beleidsnota's plan, filing, structure, indicators, abbreviations and initiatives, each with its lines."""
    return _Reader(doc).read()


KIND = register(DocumentKind("beleidsnota", BKG.Beleidsnota, recognise, read, PARTS, CLOSING_PARTS))

__all__ = ["KIND", "read", "recognise"]
