"""Loader for a Beleidsbrief: a minister's yearly policy letter from before the 2019 reform.

The letter discusses policy lines ('speerpunten') in numbered chapters and, in one
chapter, the policy instruments (measures), each under the headings Doel, Bereik,
Realisaties, Beleidsopties and Budget. Budgets are written as prose, in euro, and
name the 'basisallocatie' (a budget line such as ``52.4 33.07``) the credits are on.
Annexes summarise the options, answer parliament's motions and give labour-market
tables. There is no cover title: the letter is known by its parliamentary paper
('Stuk 996 (2006-2007) – Nr. 1' in every page header) and its domain.

What the document does not state, and what this loader therefore decides:

- Credit type. A letter speaks of 'beschikbaar krediet' / 'voorzien krediet' for a
  measure without saying VAK or VEK. Its amounts are recorded as :data:`DEFAULT_CREDIT`
  (VAK, the credit a measure may commit), so they are never mistaken for payments.
- Budget round. None is named (no BA/BO); the row (``bkg:rij``) of an amount says
  instead what the wording makes of it: ``krediet`` (a credit stated), ``aanvulling``
  (an increase: 'verhoogd met', 'aangevuld met', 'Tellen we hierbij ...'),
  ``waarvan`` (a part of another amount: 'waarvan', 'inclusief', a breakdown in
  brackets) or ``totaal`` ('in totaal', 'geeft dit', 'brengt ... op'). A year's
  credits and increases add up to its last total where the letter states one.
- Basisallocatie. The allocations a Budget section names last ('Vanaf 1 april 2006
  ... een aparte basisallocatie, 52.4 33.07') are the ones its amounts are on; earlier
  ones ('Tot en met 31 maart 2006 ... basisallocatie 41.07') are kept as history.
  When the section names several ('52.4 33.07 voor de gewone kredieten en 52.4 33.08
  voor de VIA-kredieten'), an amount whose wording names a qualifier ('VIA') is on
  that allocation, other amounts on the first; a total, and an amount with parts on
  other allocations, is on all of them. A section that names none leaves its amounts
  without one.
- Counts in the annex tables (job seekers, activated unemployed) are in persons.

Amounts quoted in millions ('1,7 miljoen euro') or outside a Budget section (in
Realisaties or Beleidsopties) are left in the section text, not read as budget.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import DCTERMS, RDF, SKOS, URIRef

from . import records as r
from .kinds import DocumentKind, register
from .model import legislature_of
from .numbers import parse_amount
from .source import SourceDocument
from .text import (
    ABBREVIATIONS_HEADING_RE,
    MONTHS_PATTERN,
    JoinedText,
    Line,
    abbreviations,
    heading_title,
    is_noise,
    join_lines,
    join_wrapped,
    normalise_space,
    numbered,
    wrapped_heading,
)
from .vocab import BKG, ID, slug
from .writer import Writer, write_record

#: The parts the reading report looks for in a document of this kind (``reading.DETECTORS``).
PARTS = ()
#: Parts that close a complete document of this kind (none is required).
CLOSING_PARTS: dict = {}

#: The credit type of a letter's amounts; the document names none (see the module docstring).
DEFAULT_CREDIT = "VAK"
#: The kind of table (``bkg:tabel-budget``) the letter's budget amounts form.
BUDGET_TABLE = "budget"
#: The headed texts of a policy line or instrument, and the property that links each to its part.
SECTION_PROPERTIES = {
    "Doel": BKG.doel,
    "Bereik": BKG.bereik,
    "Realisaties": BKG.realisaties,
    "Beleidsopties": BKG.beleidsopties,
    "Budget": BKG.budget,
}

_NUMBERED_RE = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.\s+(?P<title>[A-ZÀ-Ý].*?)\s*$")
_LETTERED_RE = re.compile(r"^\s*(?P<letter>[a-h])\.\s+(?P<title>[A-ZÀ-Ý].*?)\s*$")
_ANNEX_RE = re.compile(r"^\s*Bijlage\s+(?P<number>\d{1,2})\s*:\s*(?P<title>\S.*?)\s*$")
_SECTION_RE = re.compile(
    r"^\s*(?P<kind>Doel|Bereik|Realisaties|Beleidsopties|Budget)(?P<extra>\s+en\s+initiatieven)?\s*:?\s*(?P<tail>.*?)\s*$"
)
_PERIOD_RE = re.compile(
    rf"^(?:(?:{MONTHS_PATTERN})\s+)?(?:19|20)\d\d\s*[-–]\s*(?:(?:{MONTHS_PATTERN})\s+)?(?:19|20)\d\d$", re.IGNORECASE
)
#: The parliamentary paper in the page headers: 'Stuk 996 (2006-2007) – Nr. 1' (a page number may follow or precede).
_PAPER_RE = re.compile(r"\bStuk\s+(?P<paper>\d+\s*\((?P<start>(?:19|20)\d\d)\s*-\s*(?P<end>(?:19|20)\d\d)\)\s*[–-]\s*Nr\.\s*\d+)")
#: The letter's own series, named in the annex on last year's motions: 'Beleidsbrief Sociale Economie 2005-2006'.
_SERIES_RE = re.compile(r"\bBeleidsbrief\s+(?P<domain>[A-Z][^\d\n–-]*?)\s*(?:[-–]\s|(?:19|20)\d\d)")
_DOMAIN_RE = re.compile(r"\bbeleidsdomein\s+(?P<domain>[A-Z]\w*(?:\s+(?:en\s+)?[A-Z]\w*)*)")
_MINISTER_RE = re.compile(r"^\s*Vlaams(?:e)?\s+minister\s+van\b", re.IGNORECASE)
_FOOTNOTE_RE = re.compile(r"^\s*(?P<number>\d{1,2})\s+[A-ZÀ-Ý]")
_RULE_RE = re.compile(r"^\s*_{3,}\s*$")
_TABLE_RE = re.compile(r"^\s*Tabel\s+(?P<number>\d{1,2})\s*:\s*(?P<caption>\S.*?)\s*$")
_SOURCE_RE = re.compile(r"^\s*Bron\s*:\s*(?P<source>.*?)\s*$")

# -- budget wording -------------------------------------------------------------------------------------------------

#: An amount in a Budget section: thousands dots ('30.349.000', 'euro' may be left out) or followed by 'euro'.
_AMOUNT_RE = re.compile(r"(?<![\w.,])(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w]|[.,]\d)(?P<euro>\s*euro\b)?")
#: A basisallocatie: programme and number ('52.4 33.07') or the number alone ('41.07'), in a sentence naming one.
_ALLOCATION_RE = re.compile(r"(?<![\d.,])(?:(?P<programme>\d{2}\.\d)\s+)?(?P<number>\d{2}\.\d{2})(?![\d])(?!\.\d)")
_ALLOCATION_PROGRAMME_RE = re.compile(r"\bPr\.?\s*(?P<programme>\d{2}\.\d)\s+basisallocatie\s*$")
_QUALIFIER_RE = re.compile(r"^\s*voor\s+de\s+(?P<credits>[^,;.()]+?)\s*(?:\ben\b\s*)?$")
_VALIDITY_RE = re.compile(rf"\b(?:tot en met|vanaf|sinds|tot)\s+\d{{1,2}}\s+(?:{MONTHS_PATTERN})\s+(?:19|20)\d\d", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\w.,/])(?:19|20)\d\d(?![\w]|[.,]\d)")
_DATE_BEFORE_RE = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTHS_PATTERN})\s+$", re.IGNORECASE)
#: A full stop before a capital; a sentence starts after the space that follows it.
_SENTENCE_END_RE = re.compile(r"[.!?]\s+(?=[A-ZÀ-Ý(])")
_LABEL_LINE_RE = re.compile(r"^\s*[A-ZÀ-Ý][^.:;,]{0,40}:\s")
_DELIMITER_RE = re.compile(r",|;|:|\(|\)|\ben\b")
_TOTAL_RE = re.compile(r"\btota(?:al|le)\b|\bgeeft\s+dit\b|\bbrengt\b", re.IGNORECASE)
_PART_RE = re.compile(r"\bwaarvan\b|\binclusief\b|\bwaaronder\b", re.IGNORECASE)
_INCREASE_RE = re.compile(
    r"\bverhoogd\b|\baangevuld\b|\baanvull|\bbijkomend|\bhierbij\b|\bsamen\s+met\b|\bbij\s*$", re.IGNORECASE
)
ROLES = ("krediet", "aanvulling", "waarvan", "totaal")


# -- the document's parts -------------------------------------------------------------------------------------------


@dataclass
class Section:
    """A headed text of a part: Doel, Bereik, Realisaties, Beleidsopties or Budget."""

    kind: str
    heading: str
    period: str | None
    first: int
    last: int
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines).text

    def sentences(self) -> tuple[JoinedText, list[tuple[int, int]]]:
        """The section's text and its sentences as offsets.

        A sentence ends at a full stop before a capital and before a line that opens with a
        label ('Beschikbaar krediet 2007: 954.000 euro'). Lists of credits are written without
        full stops, so a sentence a label opened also ends before a line that starts with a
        capital ('... vanuit middelen' / 'meerbanenplan' / 'Tot en met 31 maart 2006 ...'):
        the words say where it ends, whether or not a blank line follows it.
        """
        joined = join_lines(self.lines)
        stops = {m.end() for m in _SENTENCE_END_RE.finditer(joined.text)}
        forced: set[int] = set()
        in_label = False  # the sentence being read was opened by a label
        ends = (*joined.starts[1:], len(joined.text))
        for start, end in zip(joined.starts, ends, strict=True):
            line = joined.text[start:end].strip()
            label = bool(_LABEL_LINE_RE.match(line))
            if label or (in_label and line[:1].isupper()):
                forced.add(start)
                in_label = label
            if any(start < stop <= end for stop in stops):
                in_label = False
        bounds = sorted((stops | forced) - {0})
        out, start = [], 0
        for end in bounds:
            if end > start:
                out.append((start, end))
                start = end
        if start < len(joined.text):
            out.append((start, len(joined.text)))
        return joined, out


@dataclass
class Part:
    """A numbered chapter or section ('5.2.1'), a lettered one ('b') or an annex ('Bijlage 2')."""

    number: str
    key: str
    title: str
    first: int
    last: int
    parent: Part | None = None
    annex: bool = False
    children: list[Part] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def descendants(self) -> list[Part]:
        out: list[Part] = []
        for child in self.children:
            out += [child, *child.descendants()]
        return out

    def chapter(self) -> Part:
        return self if self.parent is None else self.parent.chapter()

    def kinds(self) -> set[str]:
        return {s.kind for s in self.sections}


@dataclass(frozen=True)
class Allocation:
    """A basisallocatie as a Budget section names it."""

    code: str
    qualifier: str | None
    validity: str | None
    current: bool
    first: int
    last: int

    @property
    def key(self) -> str | None:
        """The word an amount's wording must name to be on this allocation: 'VIA' for 'VIA-kredieten'."""
        if not self.qualifier:
            return None
        word = re.sub(r"[-\s]*kredieten?$", "", self.qualifier).strip()
        return word or None


@dataclass
class BudgetItem:
    """One amount of a Budget section, with the wording around it."""

    value: Decimal
    year: int | None
    role: str
    wording: str
    first: int
    last: int
    sentence: int
    allocations: list[Allocation] = field(default_factory=list)


@dataclass(frozen=True)
class TableValue:
    series: str
    year: int
    value: Decimal
    unit: str
    first: int
    last: int


@dataclass(frozen=True)
class Table:
    """An annex table ('Tabel 1: ...') read as one indicator with yearly series."""

    number: int
    caption: str
    source: str | None
    first: int
    last: int
    values: tuple[TableValue, ...]


# -- recognition ----------------------------------------------------------------------------------------------------


def section_heading(line: str) -> tuple[str, str, str | None] | None:
    """``(kind, heading, period)`` when ``line`` heads a Doel, Bereik, Realisaties, Beleidsopties or Budget text.

    'Doel' and 'Bereik' stand alone; 'Realisaties' and 'Beleidsopties (en initiatieven)' may give the
    period they cover ('september 2005 - september 2006'); 'Budget' may give a short title. Prose that
    starts with one of these words ('Doel was om ...') is not a heading.
    """
    m = _SECTION_RE.match(line)
    if not m:
        return None
    kind, tail = m["kind"], normalise_space(m["tail"])
    if kind in ("Doel", "Bereik", "Budget") and m["extra"]:
        return None
    if kind in ("Doel", "Bereik") and tail:
        return None
    if kind in ("Realisaties", "Beleidsopties") and tail and not _PERIOD_RE.match(tail):
        return None
    if kind == "Budget" and tail and (tail.endswith(".") or len(tail.split()) > 12 or re.search(r"\d|%", tail)):
        return None
    return kind, normalise_space(line), (tail or None) if kind in ("Realisaties", "Beleidsopties") else None


def recognise(doc: SourceDocument) -> bool:
    """A policy letter discusses instruments under 'Doel' and 'Budget' headings and names basisallocaties."""
    kinds = Counter(h[0] for line in doc.lines if (h := section_heading(line)))
    return (
        kinds["Doel"] >= 2
        and kinds["Budget"] >= 2
        and kinds["Realisaties"] + kinds["Beleidsopties"] >= 2
        and any("basisallocatie" in line for line in doc.lines)
    )


# -- layout ---------------------------------------------------------------------------------------------------------


def is_page_header(line: str) -> bool:
    """'Stuk 996 (2006-2007) – Nr. 1 4' or '9 Stuk 996 (2006-2007) – Nr. 1': a page header, not content."""
    return bool(_PAPER_RE.search(line)) and len(line.strip()) <= 60


def is_layout(line: str) -> bool:
    return is_noise(line) or is_page_header(line) or bool(_RULE_RE.match(line))


def footnote_lines(doc: SourceDocument, first: int, last: int) -> set[int]:
    """Footnote lines standing between ``first`` and ``last`` ('1 De opvanggezinnen, ...').

    A footnote is a line starting with a number whose marker is glued to a word shortly
    before it ('sectoren1.'); it runs on until a line ends with a full stop.
    """
    found: set[int] = set()
    n = first
    while n <= last:
        m = _FOOTNOTE_RE.match(doc.line(n))
        if m:
            glued = re.compile(rf"[A-Za-zÀ-ÿ)’'”]{m['number']}(?=[\s.,;:)]|$)")
            if any(glued.search(doc.line(k)) for k in range(max(1, n - 60), n)):
                end = n
                while not doc.line(end).rstrip().endswith(".") and end < last:
                    end += 1
                found.update(range(n, end + 1))
                n = end
        n += 1
    return found


def _successor(previous: tuple[int, ...] | None, candidate: tuple[int, ...]) -> bool:
    """Whether numbered heading ``candidate`` can follow ``previous`` (one number may be skipped)."""
    if previous is None:
        return len(candidate) == 1 and candidate[0] <= 2
    if candidate[:-1] == previous and candidate[-1] in (1, 2):
        return True
    depth = len(candidate)
    return depth <= len(previous) and candidate[:-1] == previous[: depth - 1] and candidate[-1] - previous[depth - 1] in (1, 2)


def body_end(doc: SourceDocument) -> int:
    """The first line after the body: the list of abbreviations or the first annex."""
    for n, line in enumerate(doc.lines, 1):
        if ABBREVIATIONS_HEADING_RE.match(line) or _ANNEX_RE.match(line):
            return n
    return len(doc.lines) + 1


def parts(doc: SourceDocument) -> list[Part]:
    """Every chapter, section, lettered section and annex with its headed texts, in document order."""
    end = body_end(doc)
    found: list[Part] = []
    previous: tuple[int, ...] | None = None
    by_number: dict[tuple[int, ...], Part] = {}
    numbered: Part | None = None
    last_letter = ""
    n = 1
    while n < end:
        line = doc.line(n)
        if (m := _NUMBERED_RE.match(line)) and _successor(previous, key := tuple(int(x) for x in m["number"].split("."))):
            title, last = _heading(doc, n, m["title"])
            parent = next((by_number[key[:i]] for i in range(len(key) - 1, 0, -1) if key[:i] in by_number), None)
            numbered = Part(m["number"], m["number"], title, n, last, parent)
            by_number[key], previous, last_letter = numbered, key, ""
            found.append(numbered)
            n = last + 1
            continue
        if (m := _LETTERED_RE.match(line)) and numbered is not None and m["letter"] > last_letter:
            title, last = _heading(doc, n, m["title"])
            found.append(Part(m["letter"], f"{numbered.key}.{m['letter']}", title, n, last, numbered))
            last_letter = m["letter"]
            n = last + 1
            continue
        n += 1
    for n, line in enumerate(doc.lines, 1):
        if n >= end and (m := _ANNEX_RE.match(line)):
            title, last = _heading(doc, n, m["title"])
            found.append(Part(f"Bijlage {m['number']}", f"bijlage-{m['number']}", title, n, last, annex=True))
    for part in found:
        if part.parent is not None:
            part.parent.children.append(part)
    _sections(doc, [p for p in found if not p.annex], end)
    return found


def _is_heading(line: str) -> bool:
    return bool(_NUMBERED_RE.match(line) or _LETTERED_RE.match(line) or _ANNEX_RE.match(line) or section_heading(line))


def _wrapped_at(doc: SourceDocument, line: int, first_part: str) -> tuple[str, int]:
    """A heading or caption joined with its continuation lines, past page headers and rules, up to the next heading."""
    return wrapped_heading(doc, line, first_part, skip=is_layout, stop=_is_heading)


def _heading(doc: SourceDocument, line: int, first_part: str) -> tuple[str, int]:
    joined, last = _wrapped_at(doc, line, first_part)
    title, _ = heading_title([joined])
    return title, last


def _sections(doc: SourceDocument, body_parts: list[Part], end: int) -> None:
    """Assign each Doel/Bereik/... text to the part whose heading is the last one above it."""
    starts = sorted(p.first for p in body_parts)
    by_first = {p.first: p for p in body_parts}
    headings = [(n, h) for n in range(1, end) if (h := section_heading(doc.line(n)))]
    notes = footnote_lines(doc, 1, end - 1)
    for i, (n, (kind, heading, period)) in enumerate(headings):
        owner_first = max((s for s in starts if s < n), default=None)
        if owner_first is None:
            continue
        stop = min([s for s in starts if s > n] + [headings[i + 1][0] if i + 1 < len(headings) else end, end]) - 1
        lines = [Line(k, doc.line(k)) for k in range(n + 1, stop + 1) if not is_layout(doc.line(k)) and k not in notes]
        last = lines[-1].number if lines else n
        by_first[owner_first].sections.append(Section(kind, heading, period, n, last, lines))


# -- document context -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    domain: str
    paper: str | None
    session: tuple[int, int] | None
    paper_line: int | None
    minister: tuple[str, int, int] | None


def context(doc: SourceDocument) -> Context:
    """The domain, the parliamentary paper and session, and who signed the letter."""
    series = [m["domain"].strip() for line in doc.lines for m in _SERIES_RE.finditer(line)]
    if series:
        domain = Counter(series).most_common(1)[0][0]
    else:
        named = [m["domain"] for line in doc.lines for m in _DOMAIN_RE.finditer(line)]
        if not named:
            raise doc.error("looks like a Beleidsbrief but names neither its series nor its policy domain")
        domain = Counter(named).most_common(1)[0][0]
    papers = [(n, m) for n, line in enumerate(doc.lines, 1) if (m := _PAPER_RE.search(line))]
    paper = session = paper_line = None
    if papers:
        paper = Counter(normalise_space(m["paper"]) for _, m in papers).most_common(1)[0][0]
        paper_line, match = next((n, m) for n, m in papers if normalise_space(m["paper"]) == paper)
        session = (int(match["start"]), int(match["end"]))
    minister = None
    for n, line in enumerate(doc.lines, 1):
        if _MINISTER_RE.match(line):
            name_line = next((k for k in range(n - 1, max(0, n - 5), -1) if not is_layout(doc.line(k))), None)
            if name_line is not None:
                minister = (normalise_space(doc.line(name_line)), name_line, n)
            break
    return Context(domain, paper, session, paper_line, minister)


# -- abbreviations --------------------------------------------------------------------------------------------------


def abbreviation_list(doc: SourceDocument) -> list[r.Abbreviation]:
    """The list of abbreviations ('BW Beschutte Werkplaatsen', 'DKC MVO Digitaal Kenniscentrum ...'), up to the annexes."""
    start = next((n for n, line in enumerate(doc.lines, 1) if ABBREVIATIONS_HEADING_RE.match(line)), None)
    if start is None:
        return []
    stop = next(
        (n for n in range(start + 1, len(doc.lines) + 1) if _ANNEX_RE.match(doc.line(n)) or _NUMBERED_RE.match(doc.line(n))),
        len(doc.lines) + 1,
    )
    return abbreviations([ln for ln in numbered(doc, start + 1, stop - 1) if not is_layout(ln.text)])


def measure_name(title: str, abbreviations: dict[str, str]) -> tuple[str, str | None]:
    """The measure an instrument heading names, and its abbreviation from the document's own list.

    'Buurt- en Nabijheidsdiensten: op weg naar ...' -> 'Buurt- en Nabijheidsdiensten' (a subtitle
    after a colon is dropped); 'De ondersteuningsinstrumenten' -> 'Ondersteuningsinstrumenten';
    'SW' -> ('Sociale Werkplaatsen', 'SW'); 'Sociale Werkplaatsen' -> (..., 'SW');
    'Lokale diensteneconomie (LDE)' -> ('Lokale diensteneconomie', 'LDE').
    """
    name = normalise_space(title.split(":", 1)[0])
    name = re.sub(r"^(?:De|Het|Een)\s+", "", name)
    name = name[:1].upper() + name[1:]
    abbr: str | None = None
    if m := re.match(r"^(?P<name>.+?)\s*\((?P<abbr>[^()]+)\)$", name):
        name, abbr = m["name"], m["abbr"]
    if name in abbreviations:
        return abbreviations[name], name
    for short, meaning in abbreviations.items():
        if meaning.lower() == name.lower():
            return name, abbr or short
    return name, abbr


# -- budget ---------------------------------------------------------------------------------------------------------


def allocations(section: Section) -> list[Allocation]:
    """The basisallocaties a Budget section names, which are current, and for which credits."""
    joined, sentences = section.sentences()
    text = joined.text
    found: list[tuple[int, Allocation]] = []
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        if "basisallocatie" not in sentence.lower():
            continue
        validity = _VALIDITY_RE.search(sentence)
        matches = list(_ALLOCATION_RE.finditer(sentence))
        for k, m in enumerate(matches):
            code = m["number"] if not m["programme"] else f"{m['programme']} {m['number']}"
            if not m["programme"] and (p := _ALLOCATION_PROGRAMME_RE.search(sentence[: m.start()])):
                code = f"{p['programme']} {m['number']}"
            after = sentence[m.end() : matches[k + 1].start() if k + 1 < len(matches) else len(sentence)]
            qualifier = _QUALIFIER_RE.match(after.rstrip(" ."))
            first, last = joined.lines_of(start + m.start(), start + m.end())
            stated = validity.group(0) if validity else None
            found.append((index, Allocation(code, qualifier["credits"] if qualifier else None, stated, False, first, last)))
    if not found:
        return []
    last_sentence = max(index for index, _ in found)
    out = []
    for index, a in found:
        stated = (a.validity or "").lower()
        current = stated.startswith(("vanaf", "sinds")) or (index == last_sentence and not stated.startswith("tot"))
        out.append(Allocation(a.code, a.qualifier, a.validity, current, a.first, a.last))
    return out


def _years(text: str) -> list[tuple[int, int]]:
    """``(offset, year)`` of each year in running text that is not part of a date ('1 april 2006')."""
    return [(m.start(), int(m.group())) for m in _YEAR_RE.finditer(text) if not _DATE_BEFORE_RE.search(text[: m.start()])]


def budget_items(section: Section, current: list[Allocation]) -> list[BudgetItem]:
    """The amounts of a Budget section with their year, role, wording and allocations."""
    joined, sentences = section.sentences()
    text = joined.text
    masked = text
    for m in _ALLOCATION_RE.finditer(text):  # allocation numbers are codes, not amounts
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    years = _years(masked)
    items: list[BudgetItem] = []
    for s_index, (s_start, s_end) in enumerate(sentences):
        found = [m for m in _AMOUNT_RE.finditer(masked, s_start, s_end) if "." in m["number"].split(",")[0] or m["euro"]]
        sentence_years = {y for at, y in years if s_start <= at < s_end}
        previous_end, previous_role = s_start, None
        for k, m in enumerate(found):
            lead, delimiter, breakdown, lead_start = _lead_in(masked, s_start, previous_end, m.start(), k > 0)
            if breakdown:
                role = "waarvan"
            elif _TOTAL_RE.search(lead):
                role = "totaal"
            elif _PART_RE.search(lead):
                role = "waarvan"
            elif _INCREASE_RE.search(lead):
                role = "aanvulling"
            elif not lead and delimiter in (",", "en") and previous_role:
                role = previous_role  # the enumeration goes on: '5.600.000 ..., 1.017.863 euro ... en 700.000 euro'
            else:
                role = "krediet"
            next_start = found[k + 1].start() if k + 1 < len(found) else s_end
            tail = masked[m.end() : next_start]
            cut = re.search(r"[,;:()]", tail)
            tail = tail[: cut.start()] if cut else tail
            tail_end = m.end() + len(re.sub(r"(?:\s+en)?[\s.]*$", "", tail))
            if len(sentence_years) == 1:
                year = next(iter(sentence_years))
            else:
                before = [y for at, y in years if at < m.start()]
                after = [y for at, y in years if m.start() < at < s_end]
                year = before[-1] if before else (after[0] if after else None)
            first, last = joined.lines_of(s_start, s_end)
            value = parse_amount(m["number"])
            wording = normalise_space(text[lead_start:tail_end]).lstrip("( ")
            items.append(BudgetItem(value, year, role, wording, first, last, s_index))
            previous_end, previous_role = m.end(), role
    _assign(items, current)
    return items


def _lead_in(
    text: str, sentence_start: int, previous_end: int, start: int, after_amount: bool
) -> tuple[str, str | None, bool, int]:
    """The words before an amount in its clause, the delimiter that opens the clause, whether the amount
    breaks down the amount just before it ('960.000 euro (700.000 euro ...'), and where the clause starts."""
    seg_start = max(sentence_start, previous_end)
    seg = text[seg_start:start]
    stripped = seg.rstrip()
    if stripped.endswith("("):
        before = stripped[:-1].strip()
        if after_amount and before in ("", "euro"):
            return "", "(", True, seg_start + len(stripped) - 1
        seg = stripped[:-1]
    cuts = list(_DELIMITER_RE.finditer(seg))
    if not cuts:
        return normalise_space(seg), None, False, seg_start + len(seg) - len(seg.lstrip())
    cut = cuts[-1]
    lead = seg[cut.end() :]
    return normalise_space(lead), cut.group(), False, seg_start + cut.end() + len(lead) - len(lead.lstrip())


def _assign(items: list[BudgetItem], current: list[Allocation]) -> None:
    """Put each amount on the allocation(s) its wording and role call for (see the module docstring)."""
    if not current:
        return
    keyed = [a for a in current if a.key]
    for item in items:
        named = [a for a in keyed if re.search(rf"\b{re.escape(a.key)}\b", item.wording)]
        if item.role == "totaal":
            item.allocations = list(current)
        elif named:
            item.allocations = named
        else:
            item.allocations = [current[0]]
    for i, item in enumerate(items):
        if item.role != "waarvan":
            continue
        same = [j for j, other in enumerate(items) if other.sentence == item.sentence and other.role != "waarvan"]
        whole = max((j for j in same if j < i), default=None)
        whole = whole if whole is not None else min((j for j in same if j > i), default=None)
        if whole is not None:
            items[whole].allocations += [a for a in item.allocations if a not in items[whole].allocations]


# -- annex tables ---------------------------------------------------------------------------------------------------

_VALUE_RE = re.compile(
    r"^(?P<sign>[+-])?(?P<number>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<decimals>\d+))?(?P<percent>%)?(?P<stars>\**)$"
)
_MISSING = ("n.b.", "-", "–")
_HEADER_YEAR_RE = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<stars>\**)$")
_HEADER_PERIOD_RE = re.compile(r"^(?P<start>(?:19|20)\d\d)-(?P<end>(?:19|20)\d\d)(?P<stars>\**)$")
_TABLE_FOOTNOTE_RE = re.compile(r"^\s*(?P<stars>\*+)\s+(?P<text>\S.*?)\s*$")


@dataclass(frozen=True)
class _Column:
    name: str | None
    year: int
    stars: str


def _value_token(token: str) -> bool:
    return token in _MISSING or bool(_VALUE_RE.match(token))


def _strong(token: str) -> bool:
    """A token that can only be a table value: formatted ('32.413', '63,4%', '+0,6', '22.495*') or 'n.b.'."""
    if token in _MISSING:
        return True
    m = _VALUE_RE.match(token)
    return bool(m) and bool(m["sign"] or "." in m["number"] or m["decimals"] or m["percent"] or m["stars"])


def _trailing_values(tokens: list[str]) -> list[str]:
    k = len(tokens)
    while k > 0 and _value_token(tokens[k - 1]):
        k -= 1
    return tokens[k:]


def tables(doc: SourceDocument) -> list[Table]:
    """Every 'Tabel N: caption' with a header of years: its rows as yearly series."""
    out = []
    for n, line in enumerate(doc.lines, 1):
        if m := _TABLE_RE.match(line):
            table = _table(doc, n, int(m["number"]), m["caption"])
            if table is not None:
                out.append(table)
    return out


def _table(doc: SourceDocument, start: int, number: int, caption_text: str) -> Table | None:
    caption, caption_last = _wrapped_at(doc, start, caption_text)
    lines = []
    for n in range(caption_last + 1, min(len(doc.lines), caption_last + 80) + 1):
        line = doc.line(n)
        if _SOURCE_RE.match(line) or _TABLE_FOOTNOTE_RE.match(line) or _TABLE_RE.match(line):
            break
        if not is_layout(line):
            lines.append(Line(n, line))
    notes, source, table_last = _table_notes(doc, lines[-1].number + 1 if lines else caption_last + 1)
    header_at = next((i for i, ln in enumerate(lines) if any(_HEADER_YEAR_RE.match(t) for t in ln.text.split())), None)
    if header_at is None:
        return None
    first_row = next(
        (i for i in range(header_at + 1, len(lines)) if any(_strong(t) for t in _trailing_values(lines[i].text.split()))),
        len(lines),
    )
    header_end = max(
        i
        for i in range(header_at, first_row)
        if any(_HEADER_YEAR_RE.match(t) or _HEADER_PERIOD_RE.match(t) for t in lines[i].text.split())
    )
    columns = _columns([t for ln in lines[header_at : header_end + 1] for t in ln.text.split()])
    values = _rows(lines[header_end + 1 :], columns, notes)
    if not values:
        return None
    return Table(number, caption, source, start, max(table_last, values[-1].last), tuple(values))


def _table_notes(doc: SourceDocument, start: int) -> tuple[dict[str, str], str | None, int]:
    """The footnotes ('* Uitgedrukt in procentpunten') and the 'Bron:' line below a table."""
    notes: dict[str, str] = {}
    n, last = start, start - 1
    while n <= min(len(doc.lines), start + 15):
        line = doc.line(n)
        if m := _SOURCE_RE.match(line):
            source, end = _wrapped_at(doc, n, m["source"])
            return notes, source, end
        if m := _TABLE_FOOTNOTE_RE.match(line):
            notes[m["stars"]] = m["text"]
            last = n
        elif not is_layout(line) and not line.strip()[0].islower():
            break  # prose: the table has no source line
        n += 1
    return notes, None, last


def _columns(tokens: list[str]) -> list[_Column]:
    """Year columns ('2004') and period columns ('Evolutie 2004-2005*', valued in the period's last year)."""
    columns: list[_Column] = []
    words: list[str] = []
    for token in tokens:
        if m := _HEADER_YEAR_RE.match(token):
            columns.append(_Column(None, int(m["year"]), m["stars"]))
            words = []
        elif m := _HEADER_PERIOD_RE.match(token):
            name = " ".join([*words, f"{m['start']}-{m['end']}"])
            columns.append(_Column(name, int(m["end"]), m["stars"]))
            words = []
        else:
            words.append(token)
    return columns


def _rows(lines: list[Line], columns: list[_Column], notes: dict[str, str]) -> list[TableValue]:
    """Rows as label words followed by one value per column, on one line or spread over several.

    A labelled line ending in fewer values than columns keeps them only if they are formatted
    ('22.495*'): a bare '6' ends a wrapped label ('minstens 6 / maanden werkzoekend'). A label
    ending in ':' right above a complete row is a group caption ('waarvan:') and is dropped.
    """
    width = len(columns)
    raw: list[tuple[str, list[str], int, int]] = []
    label: list[str] = []
    values: list[str] = []
    first: int | None = None
    for i, ln in enumerate(lines):
        tokens = ln.text.split()
        if all(set(t) == {"*"} for t in tokens):
            continue  # the rest of a footnote marker that wrapped ('102.674**' / '*')
        trailing = _trailing_values(tokens)
        words = tokens[: len(tokens) - len(trailing)]
        if words and trailing and len(trailing) != width and not all(_strong(t) for t in trailing):
            words, trailing = tokens, []
        if words and not trailing and words[-1].endswith(":") and i + 1 < len(lines):
            nxt = lines[i + 1].text.split()
            if len(_trailing_values(nxt)) == width and len(nxt) > width:
                continue
        if words:
            if values:
                label, values, first = [], [], None  # a new label before the row was complete: drop the fragment
            label += words
        first = ln.number if first is None else first
        values += trailing
        if len(values) >= width:
            raw.append((join_wrapped([" ".join(label)]), values[:width], first, ln.number))
            label, values, first = [], [], None
    return _series_values(raw, columns, notes)


def _series_values(raw: list[tuple[str, list[str], int, int]], columns: list[_Column], notes: dict[str, str]) -> list[TableValue]:
    """Name each row's series (sub-rows under the row above them) and parse its values with their unit."""
    counts = Counter(label.lower() for label, *_ in raw)
    out: list[TableValue] = []
    parent: str | None = None
    for label, cells, first, last in raw:
        clean = re.sub(r"\*+$", "", label).rstrip(":").strip()  # a footnote marker glued to the label ('Allochtonen**')
        dashed = clean.startswith(("-", "–"))
        clean = clean.lstrip("-– ").strip()
        if (dashed or counts[label.lower()] > 1) and parent:
            series = f"{parent} - {clean}"
        else:
            series, parent = clean, clean
        for column, cell in zip(columns, cells, strict=True):
            m = _VALUE_RE.match(cell)
            if not m:
                continue  # 'n.b.' or '-': no value
            value = parse_amount(f"{m['number']},{m['decimals']}" if m["decimals"] else m["number"])
            value = -value if m["sign"] == "-" else value
            if m["percent"]:
                unit = "procent"
            elif "procentpunt" in notes.get(column.stars, "").lower():
                unit = "procentpunt"
            else:
                unit = "personen"
            name = f"{series} ({column.name})" if column.name else series
            out.append(TableValue(name, column.year, value, unit, first, last))
    return out


# -- parsing and writing --------------------------------------------------------------------------------------------


@dataclass
class Parsed:
    context: Context
    parts: list[Part]
    abbreviations: list[r.Abbreviation]
    tables: list[Table]
    budget_year: int
    title: str
    title_span: tuple[int, int]


def instrument_chapter(found: list[Part]) -> Part | None:
    """The chapter whose sections have a Doel or a Budget: the discussion of the instruments."""
    for part in found:
        if part.parent is None and not part.annex and any(c.kinds() & {"Doel", "Budget"} for c in part.descendants()):
            return part
    return None


def is_measure(part: Part, instruments: Part | None) -> bool:
    """A numbered section of the instrument chapter with texts of its own (a group heading is not a measure)."""
    return (
        instruments is not None
        and part is not instruments
        and part.chapter() is instruments
        and not re.fullmatch(r"[a-h]", part.number)
        and bool(part.sections)
    )


def is_policy_line(part: Part, instruments: Part | None) -> bool:
    """A chapter or section outside the instruments with realisations or options (itself or below it)."""
    if part.annex or (instruments is not None and part.chapter() is instruments):
        return False
    return any(p.kinds() & {"Realisaties", "Beleidsopties"} for p in [part, *part.descendants()])


def parse(doc: SourceDocument) -> Parsed:
    found = parts(doc)
    ctx = context(doc)
    years = [
        item.year
        for part in found
        for section in part.sections
        if section.kind == "Budget"
        for item in budget_items(section, [])
        if item.year is not None
    ]
    if years:
        budget_year = max(years)
    elif ctx.session:
        budget_year = ctx.session[1]
    else:
        raise doc.error("looks like a Beleidsbrief but states neither a budget year nor its parliamentary session")
    session = f"{ctx.session[0]}-{ctx.session[1]}" if ctx.session else str(budget_year)
    title = f"Beleidsbrief {ctx.domain} {session}"
    span = (ctx.paper_line, ctx.paper_line) if ctx.paper_line else (found[0].first, found[0].last) if found else (1, 1)
    return Parsed(ctx, found, abbreviation_list(doc), tables(doc), budget_year, title, span)


# -- records ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyText:
    """A headed text of a part (``bkg:Beleidstekst``): Doel, Bereik, Realisaties, Beleidsopties or Budget."""

    kind: str
    heading: str
    period: str | None
    text: str | None
    span: r.Span


@dataclass(frozen=True)
class PolicyPart:
    """A chapter, section or annex (``bkg:Beleidsonderdeel``), known by its key ('5.2.1', 'bijlage-2').

    ``measure`` is the measure an instrument section discusses, ``policy_line`` whether
    the part is a policy line (realisations or options outside the instruments).
    """

    key: str
    number: str
    title: str
    span: r.Span
    parent: str | None
    measure: r.MeasureRef | None
    policy_line: bool
    texts: tuple[PolicyText, ...]


@dataclass(frozen=True)
class AllocationMention:
    """A basisallocatie a Budget section names (see :class:`Allocation`), for the measure the section is of."""

    code: str
    span: r.Span
    measure: r.MeasureRef
    validity: str | None
    qualifier: str | None


@dataclass(frozen=True)
class BudgetPost:
    """One amount of a Budget section (``bkg:Begrotingspost``), numbered within its part: the amount with
    its year and role (:data:`ROLES`), the wording around it, and the basisallocaties it is on."""

    part: str
    index: int
    measure: r.MeasureRef
    role: str
    year: int | None
    value: Decimal
    wording: str
    span: r.Span
    allocations: tuple[str, ...]


def allocation_iri(code: str) -> URIRef:
    """A basisallocatie: one node per code ('52.4 33.07') across documents."""
    return ID[f"basisallocatie/{slug(code)}"]


def _part_iri(w: Writer, key: str) -> URIRef:
    return w.dg.local(f"onderdeel/{slug(key)}")


@write_record.register
def _(rec: PolicyPart, w: Writer) -> None:
    measure = w.iri(rec.measure)
    node = w.dg.statement(f"onderdeel/{slug(rec.key)}", BKG.Beleidsonderdeel, measure, rec.span)
    w.dg.add(node, BKG.nummer, rec.number)
    w.dg.add(node, DCTERMS.title, rec.title)
    if rec.parent is not None:
        w.dg.add(node, BKG.onderdeelVan, _part_iri(w, rec.parent))
    if rec.policy_line:
        w.dg.add(node, RDF.type, BKG.Beleidslijn)
    for t in rec.texts:
        text = w.dg.statement(f"onderdeel/{slug(rec.key)}/{slug(t.kind)}/{t.span[0]}", BKG.Beleidstekst, measure, t.span)
        w.dg.add(text, DCTERMS.title, t.heading)
        w.dg.add(text, BKG.periode, t.period)
        w.dg.add(text, BKG.inhoud, t.text)
        w.dg.add(node, SECTION_PROPERTIES[t.kind], text)


@write_record.register
def _(rec: AllocationMention, w: Writer) -> None:
    iri = allocation_iri(rec.code)
    w.dg.add(iri, RDF.type, BKG.Basisallocatie)
    w.dg.add(iri, SKOS.notation, rec.code)
    w.dg.add(iri, BKG.code, rec.code)
    w.dg.mention(
        iri,
        f"basisallocatie/{slug(rec.code)}/{rec.span[0]}",
        rec.code,
        rec.span,
        maatregel=w.iri(rec.measure),
        geldigheid=rec.validity,
        kredietomschrijving=rec.qualifier,
    )


@write_record.register
def _(rec: BudgetPost, w: Writer) -> None:
    measure = w.iri(rec.measure)
    post = w.dg.statement(f"begrotingspost/{slug(rec.part)}/{rec.index}", BKG.Begrotingspost, measure, rec.span)
    w.dg.add(post, BKG.volgnummer, rec.index)
    w.dg.add(post, DCTERMS.description, rec.wording)
    amount = w.dg.amount(
        BUDGET_TABLE, measure, rec.role, rec.year, DEFAULT_CREDIT, rec.value, rec.span, unit="euro", line_item=post
    )
    for code in rec.allocations:
        w.dg.add(amount, BKG.basisallocatie, allocation_iri(code))


class _Reader:
    """Turns the parsed letter into records, part by part, in document order."""

    def __init__(self, doc: SourceDocument, parsed: Parsed) -> None:
        self.parsed = parsed
        plan = r.Plan(parsed.context.domain, legislature_of(parsed.budget_year))
        self.out = r.DocumentRecords(doc, BKG.Beleidsbrief, parsed.title, parsed.title_span, parsed.budget_year, plan)
        self.abbreviations = {a.abbr: a.meaning for a in parsed.abbreviations}
        self.instruments = instrument_chapter(parsed.parts)

    def read(self) -> r.DocumentRecords:
        self.filing()
        self.out.records += self.parsed.abbreviations
        for part in self.parsed.parts:
            self.part(part)
        for table in self.parsed.tables:
            self.table(table)
        return self.out

    def filing(self) -> None:
        """The parliamentary paper (from the page header) and the minister who signed the letter."""
        ctx = self.parsed.context
        if ctx.paper_line is None and ctx.minister is None:
            return
        spans = []
        if ctx.paper_line is not None:
            spans.append((ctx.paper_line, ctx.paper_line))
        if ctx.minister is not None:
            spans.append((ctx.minister[1], ctx.minister[2]))
        facts = {"stuknummer": ctx.paper, "indiener": ctx.minister[0] if ctx.minister else None}
        self.out.add(r.Filing(tuple((k, v) for k, v in facts.items() if v is not None), tuple(spans)))

    def part(self, part: Part) -> None:
        measure = None
        if is_measure(part, self.instruments):
            name, abbr = measure_name(part.title, self.abbreviations)
            measure = r.MeasureRef(self.out.add(r.Measure(name, (part.first, part.last), abbreviation=abbr)).name)
        texts = tuple(
            PolicyText(section.kind, section.heading, section.period, section.text or None, (section.first, section.last))
            for section in part.sections
        )
        parent = part.parent.key if part.parent is not None else None
        policy_line = is_policy_line(part, self.instruments)
        self.out.add(PolicyPart(part.key, part.number, part.title, (part.first, part.last), parent, measure, policy_line, texts))
        if measure is not None:
            for section in part.sections:
                if section.kind == "Budget":
                    self.budget(part, section, measure)

    def budget(self, part: Part, section: Section, measure: r.MeasureRef) -> None:
        stated = allocations(section)
        for a in stated:
            self.out.add(AllocationMention(a.code, (a.first, a.last), measure, a.validity, a.qualifier))
        for index, item in enumerate(budget_items(section, [a for a in stated if a.current]), start=1):
            codes = tuple(a.code for a in item.allocations)
            span = (item.first, item.last)
            self.out.add(BudgetPost(part.key, index, measure, item.role, item.year, item.value, item.wording, span, codes))

    def table(self, table: Table) -> None:
        source = (("gegevensbron", table.source),) if table.source else ()
        self.out.add(r.Indicator(table.caption, (table.first, table.last), source))
        for v in table.values:
            self.out.add(r.IndicatorValue(table.caption, v.series, v.year, v.value, v.unit, (v.first, v.last)))


def read(doc: SourceDocument) -> r.DocumentRecords:
    """The letter's filing, abbreviations, parts with their texts, measures and budget, and annex tables."""
    return _Reader(doc, parse(doc)).read()


KIND = register(DocumentKind("beleidsbrief", BKG.Beleidsbrief, recognise, read, PARTS, CLOSING_PARTS))

__all__ = ["KIND", "read", "recognise"]
