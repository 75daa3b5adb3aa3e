"""Measures (maatregelen) a document names in its running text, and the transitions between them it states.

Budget explanations and policy plans name their instruments in prose: "de
maatregel ‘individueel maatwerk’", "de maatregelen LDE, SINE en MWA", "de
VOP-maatregel". And they state in words how instruments merged: "werden vier
maatregelen (VOP, SINE, LDE en MWA) ondergebracht in de nieuwe maatregel".
This module reads both, as a build stage (:data:`.kinds.STAGES`) on the records a
document's reader parsed: its headings, structure and abbreviations.

Precision over recall. A name counts as a measure only where the text itself
says so: a cue word ('maatregel', 'maatregelen', 'tewerkstellingsmaatregel',
'X-maatregel') directly followed by a quoted name, by a name the document's own
abbreviation list or an in-text definition ('Lokale Diensteneconomie (LDE)')
defines, or by the head of one of its own article titles. Abbreviations are
resolved to their full name, so 'LDE' and 'Lokale Diensteneconomie' are one
node. A transition needs a transition verb (ondergebracht in, geïntegreerd in,
inkantelen in, opgegaan in, vervangen door, omgevormd tot, ...) with a measure
as its subject and a measure right after its preposition; a sentence that
names two measures without such a verb links nothing. No measure name is
written in this module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import records as r
from .source import SourceDocument
from .text import (
    ABBREVIATIONS_HEADING_RE,
    ARTICLE_CODE,
    JoinedText,
    Line,
    is_noise,
    join_lines,
    normalise_space,
    strip_markup,
    toc_entry,
)
from .vocab import slug

# -- layout: which lines are running text -----------------------------------------------------------------------------

#: The list of abbreviations ends the body; annexes (initiatives, indicators, resolutions) follow it.
#: Lines that head a section: a sentence never runs across them.
_HEADING_RES = (
    re.compile(r"^\s*[IVX]+\.\s+\S"),  # chapter
    re.compile(r"^\s*\d+\.(?:\d+\.?)*\s+[A-Z]"),  # numbered section: '1. ISE ...', '1.3 Budgettair kader'
    re.compile(r"^\s*(?:OD|SD)\s?\d{1,2}\s*:"),  # goal heading
    re.compile(rf"^\s*{ARTICLE_CODE}\s+[-–]\s+\S"),  # article heading
    re.compile(r"^\s*(?:Uitgavenartikelen|Ontvangstenartikelen)\s*$"),
)
#: A footnote under the text: number, space, capital. It interrupts a sentence and is left out of it.
_FOOTNOTE_RE = re.compile(r"^\s*\d{1,3}\s+[A-Z‘“'\"]")
#: A bullet starts a new sentence.
_BULLET_RE = re.compile(r"^\s*[-–−•▪]\s+")
#: A table row: mostly numbers.
_NUMBER_TOKEN_RE = re.compile(r"^[-–−]?\d[\d.,%]*$")

# -- sentences ----------------------------------------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"[.!?](?=\s+[A-ZÀ-Ý‘“'\"(\-–])")
#: The word before a full stop that does not end a sentence: 'm.n.', 'i.k.v.', 'p.', 'bv.', 'nr.' ...
_ABBREVIATION_WORD_RE = re.compile(
    r"(?:^|[\s(])(?:(?:[A-Za-z]\.)+[A-Za-z]?|[A-Za-z]|bv|vb|nl|cf|nr|ca|resp|incl|excl|enz|art|blz|zgn|evt|max|min)$"
)

# -- names ------------------------------------------------------------------------------------------------------------

#: What may follow a name: not a letter (a glued footnote digit may), not an apostrophe ('LDE’ers'),
#: not a hyphen and a letter ('LDE-trajecten'), except the compound '-maatregel'.
_NAME_END = r"(?![^\W\d_])(?![’'])(?!-(?!maatregel)[^\W\d_])"
_NAME_START = r"(?<![\w’'-])"
#: An abbreviation as defined in brackets: one or two capitalised tokens, letters only.
_DEFINED_ABBR_RE = re.compile(r"\(\s*([A-Z][A-Za-z&/-]*(?: [A-Z][A-Za-z&/-]*)?)\s*\)")
_QUOTE_OPEN, _QUOTE_CLOSE = "‘'“\"", "’'”\""
_QUOTED_RE = re.compile(rf"[{_QUOTE_OPEN}]([^{_QUOTE_OPEN}{_QUOTE_CLOSE}]{{2,90}}?)[{_QUOTE_CLOSE}](?![A-Za-z])")
_MAX_NAME_WORDS = 8

#: The cue: 'maatregel', 'maatregelen', 'tewerkstellingsmaatregel'; not a compound such as 'overgangsmaatregel'.
_CUE_RE = re.compile(r"(?<![\w-])(?:[Tt]ewerkstellings)?[Mm]aatregel(?:en)?\b")
#: Words that may stand between the cue and a list of names.
_CUE_LEAD_RE = re.compile(r"\s*(?:\(\s*|:\s*|met name\s+|m\.n\.\s+|namelijk\s+|van\s+(?:de|het)\s+|rond\s+)?")
_DETERMINER_RE = re.compile(r"(?:de|het|een)\s+", re.IGNORECASE)
_LIST_SEPARATOR_RE = re.compile(r"\s*,\s*(?:en\s+)?|\s+(?:en|of)\s+")
_PARENTHETICAL_RE = re.compile(r"\s*\([^()]{1,40}\)")

# -- transitions ----------------------------------------------------------------------------------------------------------

#: Passive and perfect forms: '<aux> ... <participle> <preposition> <target>'.
_PARTICIPLES = {
    "ondergebracht": ("in", "onder", "bij"),
    "geïntegreerd": ("in",),
    "ingekanteld": ("in", "binnen"),
    "opgenomen": ("in",),
    "opgegaan": ("in",),
    "samengevoegd": ("in", "tot", "onder"),
    "omgevormd": ("tot", "naar", "in"),
    "vervangen": ("door",),
    "geheroriënteerd": ("naar",),
}
_AUX_RE = re.compile(r"\b(?:werd|werden|wordt|worden|is|zijn|was|waren)\b")
_PREPOSITIONS = sorted({p for preps in _PARTICIPLES.values() for p in preps})
_PASSIVE_RE = re.compile(r"\b(?P<verb>" + "|".join(_PARTICIPLES) + r")\s+(?P<prep>" + "|".join(_PREPOSITIONS) + r")\b")
#: Active forms in a relative clause: '<sources> die in <target> inkantelen', '<sources> die inkantelen in <target>'.
_ACTIVE_VERBS = r"inkantelen|inkantelden|inkantelt|opgaan|opgingen|opgaat|overgaan|overgingen|overstappen|overstapten"
_RELATIVE_FINAL_RE = re.compile(rf"\bdie\s+(?P<prep>in|naar)\s+(?P<target>[^,;:.]{{1,80}}?)\s+(?P<verb>{_ACTIVE_VERBS})\b")
_RELATIVE_SECOND_RE = re.compile(rf"\bdie\s+(?P<verb>{_ACTIVE_VERBS})\s+(?P<prep>in|naar)\b")
#: Main-clause active forms: '<sources> ging op in <target>', '<sources> kantelde in <target>'.
_MAIN_ACTIVE_RE = re.compile(
    r"\b(?P<verb>ging(?:en)?\s+op|gaat\s+op|gaan\s+op|kantelde(?:n)?|kantelt|stapte(?:n)?\s+over|stapt\s+over)\s+(?P<prep>in|naar)\b"
)
#: '<target> waarin <source> werd ingekanteld'.
_WHEREIN_RE = re.compile(
    r"\bwaarin\s+(?P<source>[^,;:.]{1,60}?)\s+(?:werd|werden|is|zijn)\s+(?P<verb>"
    + "|".join(v for v, preps in _PARTICIPLES.items() if "in" in preps)
    + r")\b"
)
#: '<new>, de opvolger van <old>' and '<old> ... de rechtsopvolger <new>'.
_SUCCESSOR_RE = re.compile(r",\s+(?:de|het)\s+(?P<verb>opvolger)\s+van\s+")
_LEGAL_SUCCESSOR_RE = re.compile(r"\b(?:de|haar|zijn)\s+(?P<verb>rechtsopvolger)\s+")

#: Words that may stand in a subject or list next to the names: determiners, numerals, the cue, adjectives.
_FILLER_WORDS = {
    "de", "het", "een", "deze", "dit", "die", "ook", "nog", "eveneens", "en", "of", "maatregel", "maatregelen",
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
}  # fmt: skip
#: Words that refer back to a measure named elsewhere: 'de nieuwe maatregel', 'dit begrotingsartikel'.
_ANAPHOR_NOUNS = ("maatregel", "beleidskader", "begrotingsartikel")
_ANAPHOR_RE = re.compile(r"\s*(?:de|deze|dit|het|een)\s+(?:[a-zà-ÿ]+e\s+)?(?:" + "|".join(_ANAPHOR_NOUNS) + r")\b")
_THIS_ARTICLE_RE = re.compile(r"\b(?:dit|deze)\s+begrotingsartikel\b", re.IGNORECASE)
#: Target filler after the preposition: determiner, adjectives, 'begrotingsartikel rond maatregel' ...
_TARGET_FILLER_RE = re.compile(
    r"^(?:\s*(?:de|het|een|dit|deze|[a-zà-ÿ]+e|maatregel|beleidskader|begrotingsartikel|rond|van))*\s*$", re.IGNORECASE
)
_ELABORATION_RE = re.compile(r"\s*(?:met name|m\.n\.|namelijk|:)\s+")


# -- the document's names ---------------------------------------------------------------------------------------------


@dataclass
class Lexicon:
    """The names a document defines: abbreviation -> full name, and every full name it writes out.

    Built from the document's own list of abbreviations (its reader's records)
    and from definitions in its text ('Lokale Diensteneconomie (LDE)'). An
    abbreviation defined with two different meanings is left unresolved.
    """

    meanings: dict[str, str] = field(default_factory=dict)
    #: slug of a full name -> the abbreviation that stands for it (when only one does)
    abbreviation_of: dict[str, str] = field(default_factory=dict)
    #: slug of a full name -> the full name as first written
    full_names: dict[str, str] = field(default_factory=dict)
    #: slug of an article title's head ('COLLECTIEF MAATWERK' of 'COLLECTIEF MAATWERK - ...') -> head as printed
    title_heads: dict[str, str] = field(default_factory=dict)
    #: slugs that name the document's own structure (policy field, ISE, programme, domain): never a measure
    structure: set[str] = field(default_factory=set)

    #: abbreviations the list of abbreviations defines (it wins over a definition in the text)
    listed: set[str] = field(default_factory=set)
    #: abbreviations given two meanings by the list, or by the text: left unresolved
    conflicts: set[str] = field(default_factory=set)

    def add(self, abbr: str, meaning: str, listed: bool) -> None:
        meaning = normalise_space(meaning).strip(" .,;")
        if not meaning or abbr in self.conflicts:
            return
        known = self.meanings.get(abbr)
        if known is not None and slug(known) != slug(meaning):
            if listed == (abbr in self.listed):  # 'LO' lonen and 'LO' leningontvangsten
                self.conflicts.add(abbr)
                del self.meanings[abbr]
            return
        self.meanings.setdefault(abbr, meaning)
        self.full_names.setdefault(slug(meaning), meaning)
        if listed:
            self.listed.add(abbr)

    def finish(self) -> None:
        by_name: dict[str, set[str]] = {}
        for abbr, meaning in self.meanings.items():
            by_name.setdefault(slug(meaning), set()).add(abbr)
        self.abbreviation_of = {name: next(iter(abbrs)) for name, abbrs in by_name.items() if len(abbrs) == 1}

    def resolve(self, written: str) -> tuple[str, str | None]:
        """The full name and abbreviation of a name as written ('LDE' -> ('Lokale Diensteneconomie', 'LDE'))."""
        written = normalise_space(written)
        if written in self.meanings:
            return self.meanings[written], written
        return written, self.abbreviation_of.get(slug(written))

    def name_pattern(self) -> re.Pattern[str] | None:
        """One regex for every defined name: full names in any case, abbreviations as written."""
        parts = [(len(a), re.escape(a)) for a in self.meanings]
        parts += [(len(n), "(?i:" + r"\s+".join(re.escape(w) for w in n.split()) + ")") for n in self.full_names.values()]
        if not parts:
            return None
        alternatives = "|".join(p for _, p in sorted(parts, key=lambda x: (-x[0], x[1])))
        return re.compile(rf"{_NAME_START}(?:{alternatives}){_NAME_END}")

    def title_pattern(self) -> re.Pattern[str] | None:
        heads = sorted(self.title_heads.values(), key=lambda h: (-len(h), h))
        if not heads:
            return None
        alternatives = "|".join(r"\s+".join(re.escape(w) for w in h.split()) for h in heads)
        return re.compile(rf"{_NAME_START}(?i:{alternatives}){_NAME_END}")


def best_long_form(abbr: str, text: str) -> str | None:
    """The shortest run of words at the end of ``text`` that spells ``abbr`` (Schwartz & Hearst, 2003).

    Each letter of the abbreviation must occur in the long form in order, the
    first one at the start of a word: 'LDE' in 'Lokale Diensteneconomie',
    'SINE' in 'Sociale Inschakelingseconomie'.
    """
    long = normalise_space(text)
    short = abbr.replace(" ", "")
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 1) + 1
    found = long[start:]
    return found if len(found) > len(short) else None


def definitions(text: str) -> Iterator[tuple[str, str]]:
    """'Full Name (ABBR)' definitions in running text: (abbreviation, full name)."""
    for m in _DEFINED_ABBR_RE.finditer(text):
        abbr = m.group(1)
        if sum(ch.isupper() for ch in abbr) < 2 or len(abbr) > 10:
            continue
        before = text[: m.start()].rstrip()
        clause = re.split(r"[.,;:()‘’“”\"]|\s[-–]\s", before)[-1]
        words = clause.split()[-min(len(abbr) + 5, 2 * len(abbr)) :]
        if not words:
            continue
        long = best_long_form(abbr, " ".join(words))
        if long and long[0].isalpha():
            yield abbr, long


def defined_names(parsed: r.DocumentRecords, texts: Iterable[JoinedText]) -> Lexicon:
    """The names a document defines, by its list of abbreviations and by definitions in ``texts``
    ('Lokale Diensteneconomie (LDE)'), the list winning; finished, so abbreviations resolve both ways."""
    lex = Lexicon()
    for entry in parsed.of(r.Abbreviation):
        lex.add(entry.abbr.strip(), entry.meaning, listed=True)
    for text in texts:
        for abbr, long in definitions(text.text):
            lex.add(abbr, long, listed=False)
    lex.finish()
    return lex


# -- sentences of the body ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A sentence of running text, with the lines it spans."""

    text: str
    block: JoinedText
    offset: int  # where the sentence starts in its block

    def lines(self, start: int, end: int) -> tuple[int, int]:
        """The lines of ``text[start:end]``."""
        return self.block.lines_of(self.offset + start, self.offset + max(end, start + 1))

    @property
    def span(self) -> tuple[int, int]:
        return self.lines(0, len(self.text))


def _plain(line: str) -> str:
    """A line's text without markdown or HTML markup (a markdown-like extraction has both)."""
    return strip_markup(line)


@functools.lru_cache(maxsize=1 << 16)
def _is_table_row(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and sum(bool(_NUMBER_TOKEN_RE.match(t)) for t in tokens) * 2 >= len(tokens)


def body_end(doc: SourceDocument) -> int:
    """The last line of the body: the line before the list of abbreviations (markup stripped)."""
    for n, line in enumerate(doc.lines, 1):
        if ABBREVIATIONS_HEADING_RE.match(_plain(line)) and not toc_entry(_plain(line)):
            return n - 1
    return len(doc.lines)


@functools.lru_cache(maxsize=1 << 16)
def is_heading(raw: str) -> bool:
    """A line that heads a section (chapter, numbered section, goal, article, markdown heading)."""
    return raw.lstrip().startswith("#") or any(r.match(_plain(raw)) for r in _HEADING_RES)


def ends_sentence(raw: str) -> bool:
    """A heading, or a line ending in a colon ('Korte inhoud begrotingsartikel:'): what follows starts anew."""
    return is_heading(raw) or _plain(raw).endswith(":")


def blocks(doc: SourceDocument, last: int) -> list[JoinedText]:
    """Runs of running text between headings; footnotes, tables and the table of contents left out."""
    out: list[JoinedText] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            out.append(join_lines(current))
            current.clear()

    for n in range(1, last + 1):
        raw = doc.line(n)
        if is_noise(raw):
            continue
        plain = _plain(raw)
        if not plain or toc_entry(plain) or "\t" in raw or _is_table_row(plain) or _FOOTNOTE_RE.match(raw):
            continue
        if ends_sentence(raw):
            flush()
            out.append(join_lines([Line(n, plain)]))
            continue
        if _BULLET_RE.match(plain):
            flush()
            plain = _BULLET_RE.sub("", plain)
        current.append(Line(n, plain))
    flush()
    return out


def sentences(block: JoinedText) -> Iterator[Sentence]:
    """The sentences of a block; a full stop after an abbreviation ('m.n.', 'bv.') does not end one."""
    start = 0
    for m in _SENTENCE_END_RE.finditer(block.text):
        if _ABBREVIATION_WORD_RE.search(block.text[start : m.start()]):
            continue
        yield Sentence(block.text[start : m.end()], block, start)
        start = m.end()
        while start < len(block.text) and block.text[start] == " ":
            start += 1
    if start < len(block.text):
        yield Sentence(block.text[start:], block, start)


# -- what a sentence names --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """A name in a sentence: where, its full name and abbreviation, and whether a cue calls it a measure."""

    start: int
    end: int
    name: str
    abbreviation: str | None
    cued: bool


@dataclass(frozen=True)
class Section:
    """An article or OD section: from its heading (first..last line) to the next heading (``end``, exclusive)."""

    first: int
    last: int
    end: int
    ref: r.ArticleRef | r.GoalRef
    title: str


@dataclass(frozen=True)
class Transition:
    sources: tuple[Hit, ...]
    target: Hit
    relation: str
    sentence: Sentence


class Reader:
    """Reads the measures and transitions of one parsed document (its records) into records of their own."""

    def __init__(self, parsed: r.DocumentRecords) -> None:
        self.doc = doc = parsed.doc
        self.parsed = parsed
        self.last = body_end(doc)
        self.sentences = [s for b in blocks(doc, self.last) for s in sentences(b)]
        self.articles = self._headings([(a.span, a.ref, a.title) for a in parsed.of(r.Article)])
        self.goals = self._headings([(g.span, g.ref, g.title) for g in parsed.of(r.Goal) if g.level == "OD"])
        self.lexicon = self._lexicon()
        self.names = self.lexicon.name_pattern()
        self.titles = self.lexicon.title_pattern()
        self.confirmed: set[str] = set()
        #: The defined names found in each sentence's text (looked for twice: for cues and for transitions).
        self._known: dict[str, list[Hit]] = {}

    # -- the document's own names and structure -----------------------------------------------------------------------------

    def _lexicon(self) -> Lexicon:
        parsed = self.parsed
        lex = defined_names(parsed, {id(s.block): s.block for s in self.sentences}.values())
        lex.structure |= {slug(f.name) for f in parsed.of(r.PolicyField)}
        lex.structure |= {slug(i.title or i.name) for i in parsed.of(r.Ise)}
        lex.structure |= {slug(p.name or p.code) for p in parsed.of(r.Programme)}
        if parsed.plan is not None:
            lex.structure.add(slug(parsed.plan.domain))
        for section in self.articles:
            head = title_head(section.title)
            if head and slug(head) not in lex.structure:
                lex.title_heads.setdefault(slug(head), head)
        lex.finish()
        return lex

    def _headings(self, found: list[tuple[r.Span, r.ArticleRef | r.GoalRef, str]]) -> list[Section]:
        """The sections of the articles or ODs the reader headed, each up to the next heading of any kind."""
        heads = sorted({n for n in range(1, self.last + 1) if is_heading(self.doc.line(n))} | {span[0] for span, _, _ in found})
        return [
            Section(first, last, next((n for n in heads if n > last), self.last + 1), ref, title)
            for (first, last), ref, title in sorted(found, key=lambda f: (f[0], str(f[1]), f[2]))
        ]

    def article_at(self, line: int) -> Section | None:
        return next((s for s in self.articles if s.first <= line < s.end), None)

    def goal_at(self, line: int) -> Section | None:
        return next((s for s in self.goals if s.first <= line < s.end), None)

    # -- names in a sentence -----------------------------------------------------------------------------------------------

    def _hit(self, text: str, m: re.Match[str], cued: bool) -> Hit:
        """A defined name matched at ``m``; a following '(ABBR)' of the same name belongs to it."""
        name, abbr = self.lexicon.resolve(m.group(0))
        end = m.end()
        bracket = re.match(r"\s*\(\s*([^()]{1,12}?)\s*\)", text[end:])
        if bracket and slug(self.lexicon.resolve(bracket.group(1))[0]) == slug(name):
            abbr = abbr or bracket.group(1)
            end += bracket.end()
        return Hit(m.start(), end, name, abbr, cued)

    def known_hits(self, text: str) -> list[Hit]:
        """Every name the document defines, wherever it stands in ``text``."""
        if (known := self._known.get(text)) is not None:
            return known
        hits: list[Hit] = []
        for m in self.names.finditer(text) if self.names else ():
            if not hits or m.start() >= hits[-1].end:  # not the 'LDE' of 'Lokale Diensteneconomie (LDE)'
                hits.append(self._hit(text, m, False))
        self._known[text] = hits
        return hits

    def _item_at(self, text: str, pos: int) -> Hit | None:
        """A quoted name, a defined name or an article title's head starting at ``pos``."""
        if m := _QUOTED_RE.match(text, pos):
            written = normalise_space(m.group(1)).strip(" .,")
            words = written.split()
            if not words or len(words) > _MAX_NAME_WORDS or not words[0][0].isalpha() or re.search(r"[;:\d]", written):
                return None
            name, abbr = self.lexicon.resolve(written)
            end = m.end()
            bracket = re.match(r"\s*\(\s*([A-Z][A-Za-z&/-]*(?: [A-Z][A-Za-z&/-]*)?)\s*\)", text[end:])
            if bracket and abbr is None and best_long_form(bracket.group(1), name):
                abbr, end = bracket.group(1), end + bracket.end()
            return Hit(pos, end, name, abbr, True)
        if self.names is not None and (m := self.names.match(text, pos)):
            return self._hit(text, m, True)
        if self.titles is not None and (m := self.titles.match(text, pos)):
            return self._hit(text, m, True)
        return None

    def cued_hits(self, text: str) -> list[Hit]:
        """Names a cue calls measures: 'de maatregel ‘X’', 'maatregelen X, Y en Z', 'de X-maatregel'."""
        hits: list[Hit] = []
        for cue in _CUE_RE.finditer(text):
            if cue.group(0)[0].isupper() and text[: cue.start()].strip():
                continue  # 'Bijzondere Tewerkstellingsondersteunende Maatregelen (BTOM)': part of a name
            lead = _CUE_LEAD_RE.match(text, cue.end())
            pos, items = lead.end(), []
            while True:
                if d := _DETERMINER_RE.match(text, pos):
                    pos = d.end()
                item = self._item_at(text, pos)
                # 'maatregel BA 2025' is a budget round; 'maatregelen VDAB Oekraïnecrisis' a longer name
                if item is None or re.match(r"\s+(?:\d|[A-ZÀ-Ý])", text[item.end :]):
                    break
                items.append(item)
                pos = item.end
                if p := _PARENTHETICAL_RE.match(text, pos):
                    pos = p.end()
                sep = _LIST_SEPARATOR_RE.match(text, pos)
                if sep is None:
                    break
                pos = sep.end()
            if lead.group(0).strip() == "(" and not re.match(r"\s*\)", text[pos:]):
                continue  # a bracket opened after the cue must hold the list and nothing else
            hits += items
        for hit in self.known_hits(text):  # 'de VOP-maatregel', 'van de VOP maatregel'
            compound = re.match(r"-maatregel\b", text[hit.end :])
            spaced = re.match(r" maatregel\b", text[hit.end :]) and re.search(r"\b(?:de|het|deze)\s+$", text[: hit.start])
            if compound or spaced:
                hits.append(Hit(hit.start, hit.end, hit.name, hit.abbreviation, True))
        return [h for h in _unique(hits) if slug(h.name) not in self.lexicon.structure]

    def title_measure(self, section: Section | None) -> Hit | None:
        """The measure an article is named after ('COLLECTIEF MAATWERK', 'IMW - LOONPREMIES'), if a cue calls it one."""
        if section is None:
            return None
        head = title_head(section.title)
        name, abbr = self.lexicon.resolve(head)
        if not head or slug(name) not in self.confirmed:
            return None
        return Hit(0, 0, name, abbr, True)

    # -- reading ---------------------------------------------------------------------------------------------------------------

    def read(self) -> list[r.Measure | r.MeasureTransition]:
        cued = [self.cued_hits(s.text) for s in self.sentences]
        self.confirmed = {slug(h.name) for hits in cued for h in hits}
        mentions: dict[tuple[str, int], tuple[Hit, r.Span, dict[str, r.ArticleRef | r.GoalRef]]] = {}

        def mention(hit: Hit, span: tuple[int, int], sentence: Sentence | None) -> None:
            """One mention per measure and first line; it is 'under' an article when the article is named after
            it, or when its sentence speaks of 'dit begrotingsartikel'."""
            facts: dict[str, r.ArticleRef | r.GoalRef] = {}
            article = self.article_at(span[0])
            own = self.title_measure(article)
            if article is not None and (
                (own is not None and slug(own.name) == slug(hit.name))
                or (sentence is not None and _THIS_ARTICLE_RE.search(sentence.text))
            ):
                facts["artikel"] = article.ref
            goal = self.goal_at(span[0])
            if goal is not None:
                facts["doelstelling"] = goal.ref
            key = (slug(hit.name), span[0])
            if key in mentions:
                mentions[key][2].update(facts)
            else:
                mentions[key] = (hit, span, facts)

        for s, hits in zip(self.sentences, cued, strict=True):
            for hit in hits:
                mention(hit, s.lines(hit.start, hit.end), s)
            if self.article_at(s.span[0]) is not None and _THIS_ARTICLE_RE.search(s.text):
                for hit in self.known_hits(s.text):
                    if slug(hit.name) in self.confirmed:
                        mention(hit, s.lines(hit.start, hit.end), s)
        for article in self.articles:
            if (own := self.title_measure(article)) is not None:
                mention(own, (article.first, article.last), None)
        transitions = [t for i, s in enumerate(self.sentences) for t in self.transitions(i, s, cued[i])]
        for t in transitions:
            for hit in (*t.sources, t.target):
                if hit.end > hit.start:  # an anaphor ('de nieuwe maatregel') does not name the measure
                    mention(hit, t.sentence.lines(hit.start, hit.end), t.sentence)
        found: list[r.Measure | r.MeasureTransition] = [
            r.Measure(hit.name, span, hit.abbreviation, tuple(sorted(facts.items())))
            for _, (hit, span, facts) in sorted(mentions.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        ]
        found += [r.MeasureTransition(s.name, t.target.name, t.relation, t.sentence.span) for t in transitions for s in t.sources]
        return found

    # -- transitions ------------------------------------------------------------------------------------------------------------

    def entities(self, index: int, s: Sentence, cued: list[Hit]) -> list[Hit]:
        """The measures a transition in sentence ``index`` may connect, in text order.

        Names a cue calls measures (here or elsewhere in the document) and, when
        this or a neighbouring sentence uses the cue word, names the document
        defines, except those of its own structure (policy field, ISE, domain).
        """
        window = " ".join(x.text for x in self.sentences[max(0, index - 1) : index + 2])
        cue_near = bool(_CUE_RE.search(window))
        found = list(cued)
        for hit in self.known_hits(s.text):
            name = slug(hit.name)
            if name not in self.lexicon.structure and (name in self.confirmed or cue_near):
                found.append(hit)
        found = _unique(found)
        return sorted((h for h in found if not _inside_other(h, found)), key=lambda h: (h.start, -h.end))

    def transitions(self, index: int, s: Sentence, cued: list[Hit]) -> Iterator[Transition]:
        ents = self.entities(index, s, cued)
        text = s.text
        for m in _PASSIVE_RE.finditer(text):
            if m.group("prep") not in _PARTICIPLES[m.group("verb")]:
                continue
            target = self.target_after(s, ents, m.end(), named_only=True)
            sources = self.passive_sources(s, ents, m.start(), target)
            if target is None:  # 'ondergebracht in de nieuwe maatregel': the one other measure the sentence names
                target = self.target_after(s, ents, m.end(), exclude={slug(h.name) for h in sources})
            yield from _checked(sources, target, f"{m.group('verb')} {m.group('prep')}", s)
        for m in _RELATIVE_FINAL_RE.finditer(text):
            target = self.target_after(s, ents, m.start("target"), stop=m.end("target"))
            yield from _checked(list_before(text, ents, m.start()), target, f"{m.group('verb')} {m.group('prep')}", s)
        for m in _RELATIVE_SECOND_RE.finditer(text):
            target = self.target_after(s, ents, m.end())
            sources = list_before(text, ents, m.start())
            if not sources and target is not None:  # '... maatregelen die inkantelen in deze nieuwe maatregel met name X, Y'
                sources = elaboration(text, ents, target[1])
            yield from _checked(sources, target, f"{m.group('verb')} {m.group('prep')}", s)
        for m in _MAIN_ACTIVE_RE.finditer(text):
            target = self.target_after(s, ents, m.end())
            sources = list_before(text, ents, m.start(), whole_clause=True)
            yield from _checked(sources, target, " ".join(m.group("verb").split()) + f" {m.group('prep')}", s)
        for m in _WHEREIN_RE.finditer(text):
            before = [e for e in ents if e.end <= m.start() and not text[e.end : m.start()].strip(" ,")]
            if not before:
                continue
            target = (before[-1], before[-1].end)
            inside = [e for e in ents if m.start("source") <= e.start and e.end <= m.end("source")]
            if inside and _zone_ok(text, m.start("source"), m.end("source"), inside):
                sources = tuple(inside)
            elif _anaphor_end(text, m.start("source")) == m.end("source"):
                resolved = self.resolve_anaphor(s, ents, m.start("source"), exclude={slug(target[0].name)})
                sources = (resolved,) if resolved is not None else ()
            else:
                sources = ()
            yield from _checked(sources, target, f"{m.group('verb')} in", s)
        for m in _SUCCESSOR_RE.finditer(text):
            new = [e for e in ents if e.end <= m.start() and _gap_ok(text[e.end : m.start()])]
            old = self.target_after(s, ents, m.end(), named_only=True)
            if new and old is not None:
                yield from _checked((old[0],), (new[-1], new[-1].end), "opvolger van", s)
        for m in _LEGAL_SUCCESSOR_RE.finditer(text):
            new = next((e for e in ents if e.start == m.end()), None)
            old = [e for e in ents if e.end <= m.start() and not re.search(r"[;:]", text[e.end : m.start()])]
            if new is not None and old:
                yield from _checked((old[-1],), (new, new.end), "rechtsopvolger", s)

    def target_after(
        self,
        s: Sentence,
        ents: list[Hit],
        pos: int,
        stop: int | None = None,
        named_only: bool = False,
        exclude: frozenset[str] | set[str] = frozenset(),
    ) -> tuple[Hit, int] | None:
        """The measure right after a preposition (past determiners, adjectives, 'begrotingsartikel rond maatregel'),
        or the one an anaphor there ('de nieuwe maatregel') stands for; with the end of that phrase."""
        text = s.text
        following = next((e for e in ents if e.start >= pos), None)
        if following is not None and (stop is None or following.start < stop):
            gap = text[pos : following.start]
            if _TARGET_FILLER_RE.match(gap) and not re.search(r"[,;:.]", gap):
                return following, following.end
        if named_only:
            return None
        end = _anaphor_end(text, pos)
        if end is None:
            return None
        resolved = self.resolve_anaphor(s, ents, pos, exclude)
        return (resolved, end) if resolved is not None else None

    def resolve_anaphor(
        self, s: Sentence, ents: list[Hit], pos: int, exclude: frozenset[str] | set[str] = frozenset()
    ) -> Hit | None:
        """What 'de nieuwe maatregel' or 'dit begrotingsartikel' stands for: in an article section, the measure the
        article is named after; elsewhere the one measure named before it in the sentence, if there is exactly one."""
        article = self.article_at(s.span[0])
        if article is not None:
            own = self.title_measure(article)
            if own is None or slug(own.name) in exclude:
                return None
            return Hit(pos, pos, own.name, own.abbreviation, True)
        before = [e for e in ents if e.end <= pos and slug(e.name) not in exclude]
        return before[0] if len({slug(e.name) for e in before}) == 1 else None

    def passive_sources(self, s: Sentence, ents: list[Hit], verb_start: int, target: tuple[Hit, int] | None) -> tuple[Hit, ...]:
        """The subject of '<aux> ... <participle>': the names between auxiliary and participle
        ('werden vier maatregelen (VOP, SINE, LDE en MWA) ondergebracht'), an anaphor there
        ('werd deze maatregel ... geheroriënteerd'), or the clause before the auxiliary
        ('De maatregelen LDE, SINE en MWA werden geïntegreerd')."""
        text = s.text
        clause_start = max(text.rfind(c, 0, verb_start) for c in ";:") + 1
        auxiliaries = list(_AUX_RE.finditer(text, clause_start, verb_start))
        if not auxiliaries:
            return ()
        aux = auxiliaries[-1]
        zone = text[aux.end() : verb_start]
        inner = [e for e in ents if aux.end() <= e.start and e.end <= verb_start]
        if inner:
            return tuple(inner) if _zone_ok(text, aux.end(), verb_start, inner) else ()
        if re.fullmatch(r"\s*(?:de|deze|dit|het)\s+(?:[a-zà-ÿ]+e\s+)?(?:maatregel|beleidskader)\s+(?:[a-zà-ÿ]+\s+en\s+)?", zone):
            if target is None:
                return ()
            resolved = self.resolve_anaphor(s, ents, aux.end(), exclude={slug(target[0].name)})
            return (resolved,) if resolved is not None else ()
        if zone.strip() and not _adverbial(zone):
            return ()
        return list_before(text, ents, aux.start(), whole_clause=True)


# -- helpers -------------------------------------------------------------------------------------------------------------


def title_head(title: str) -> str:
    """'INDIVIDUEEL MAATWERK – BEGELEIDINGSPREMIE ...' -> 'INDIVIDUEEL MAATWERK'; 'X (AMA SE)' -> 'X'."""
    return normalise_space(re.split(r"\s[-–]\s|\s*\(", title, maxsplit=1)[0])


def _checked(sources: tuple[Hit, ...], target: tuple[Hit, int] | None, relation: str, s: Sentence) -> Iterator[Transition]:
    """A transition when there is a target and at least one source other than the target."""
    if target is None or not sources:
        return
    kept = tuple(h for h in sources if slug(h.name) != slug(target[0].name))
    if kept:
        yield Transition(kept, target[0], relation, s)


def _unique(hits: list[Hit]) -> list[Hit]:
    """One hit per position and name, the cued and longest one."""
    seen: dict[tuple[int, str], Hit] = {}
    for h in hits:
        key = (h.start, slug(h.name))
        old = seen.get(key)
        if old is None or (h.cued, h.end) > (old.cued, old.end):
            seen[key] = h
    return list(seen.values())


def _inside_other(hit: Hit, hits: list[Hit]) -> bool:
    """A name inside a longer one ('Sociale Economie' in 'Activiteiten in de Sociale Economie', 'X' in '‘X’')."""
    return any(
        o is not hit and o.start <= hit.start and hit.end <= o.end and (o.end - o.start) > (hit.end - hit.start) for o in hits
    )


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\wÀ-ÿ’'-]+", text)]


def _gap_ok(gap: str, last: bool = False) -> bool:
    """What may stand between two names of a list: separators, a determiner, a short parenthesis.
    After the last name (``last``) only a parenthesis may."""
    rest = _PARENTHETICAL_RE.sub(" ", gap)
    if re.search(r"[;:.]", rest):
        return False
    words = _words(rest)
    return not words if last else all(w in ("en", "of", "de", "het") for w in words)


def _zone_ok(text: str, start: int, end: int, inner: list[Hit]) -> bool:
    """Around the names stand only the cue, numerals, determiners and adjectives ('vier maatregelen (...)')."""
    pieces, cursor = [], start
    for e in inner:
        pieces.append(text[cursor : e.start])
        cursor = e.end
    pieces.append(text[cursor:end])
    words = _words(_PARENTHETICAL_RE.sub(" ", " ".join(pieces)))
    return all(w in _FILLER_WORDS or w.isdigit() or (w.isalpha() and w.endswith("e")) for w in words)


def _adverbial(text: str) -> bool:
    """A time adverbial between auxiliary and participle ('vanaf 1 september 2023', 'in 2023')."""
    return bool(re.fullmatch(r"\s*(?:(?:vanaf|sinds|op|in|per|met ingang van)\s+[\w\s]{1,30}?|dus|ook|nu|toen)\s*", text))


def _anaphor_end(text: str, pos: int) -> int | None:
    """The end of 'de nieuwe maatregel' / 'dit begrotingsartikel' at ``pos``, when no name follows it."""
    m = _ANAPHOR_RE.match(text, pos)
    if m is None:
        return None
    after = text[m.end() :]
    if re.match(r"\s*(?:[.,;:)]|$|met name\b|m\.n\.|namelijk\b|die\b|waarin\b|werd\b|werden\b|is\b|zijn\b)", after):
        return m.end()
    return None


def list_before(text: str, ents: list[Hit], pos: int, whole_clause: bool = False) -> tuple[Hit, ...]:
    """The coordinated names ending right before ``pos`` ('SINE (reeds uitgedoofd), LDE en MWA die ...').

    With ``whole_clause`` they must be the clause's subject: before them stand only
    determiners, adjectives, numerals and the cue ('Ook de ...', 'De maatregelen ...').
    """
    chosen: list[Hit] = []
    end = pos
    for e in reversed([e for e in ents if e.end <= pos]):
        if not _gap_ok(text[e.end : end], last=not chosen):
            break
        chosen.insert(0, e)
        end = e.start
    if not chosen:
        return ()
    if whole_clause:
        clause = re.split(r"[;:,]", text[:end])[-1]
        if any(w not in _FILLER_WORDS and not w.isdigit() and not (w.isalpha() and w.endswith("e")) for w in _words(clause)):
            return ()
    return tuple(chosen)


def elaboration(text: str, ents: list[Hit], pos: int) -> tuple[Hit, ...]:
    """The list after 'met name', 'm.n.', 'namelijk' or ':' at ``pos``."""
    m = _ELABORATION_RE.match(text, pos)
    if not m:
        return ()
    chosen: list[Hit] = []
    cursor = m.end()
    for e in (e for e in ents if e.start >= m.end()):
        gap = text[cursor : e.start]
        if (chosen and not _gap_ok(gap)) or (not chosen and gap.strip() not in ("", "de", "het")):
            break
        chosen.append(e)
        cursor = e.end
    return tuple(chosen)


def read(parsed: r.DocumentRecords) -> list[r.Measure | r.MeasureTransition]:
    """The measures a parsed document's text names and the transitions it states (a build stage).

    The reader uses the article and goal headings, the structure's names and the
    abbreviations the document's reader found.
    """
    return Reader(parsed).read()


__all__ = ["Lexicon", "Reader", "best_long_form", "definitions", "read"]
