"""Dates of one-off events of named things: a measure enters into force, or starts, once.

A BBT tells of a measure's start in its summary, in its goal's text and in its article
section: 'Op 3 juli 2023 is het Individueel Maatwerk in werking getreden' (004:134, 6633)
beside 'Naar aanleiding van de inwerkingtreding op 1 juli 2023, van IMW …' (004:6841). The
same thing and the same kind of event with two dates is a slip that no table catches; the
document does not say which date is right, and a summary repeating a paragraph is no second
source, so every mention in conflict is contradicted (unlike an act's date, where the
annex of regulations is an independent citation).

Precision over recall. A thing counts only when the clause names it and nothing else: a
quoted title, an abbreviation (resolved by the document's list of abbreviations or a
definition in its text, so 'IMW' and 'Individueel Maatwerk' are one thing), or a run of
capitalised words, each optionally after a determiner, 'nieuwe' and a cue ('de maatregel');
'de nieuwe doelgroepvermindering' or 'De onthaaltrajecten via het Geïntegreerd Breed Onthaal'
name no thing of their own. The events are entry into force ('in werking getreden', 'trad in
werking', 'inwerkingtreding', 'ingegaan', 'van kracht'), a start ('van start gegaan', 'gestart';
'gestart met' names who started, not what) and a launch ('gelanceerd'), never compared with each
other; recurring events (an index that is exceeded, a call that opens each year) are not read.
Two dates conflict only where their precision allows: another year, another month ('eind juni'
is not '1 juli'), or another day of the same month; a month and a day in it agree.

The government's approval of counted things is an event too ('waarna de Vlaamse Regering eind
juni 38 addenda diversiteit en inclusie goedkeurde', 004:3873, beside '38 addenda diversiteit en
inclusie' in a list approved 'op 1 juli 2023', 004:4036-4040): the count and a name of two words
or more make the thing, and an approval in another year is another round, not compared.

Also: a resolution said to have come about after an event ('Deze resolutie kwam er naar
aanleiding van de … conferentie van 7/8 september 2021') that its own section dates after its
adoption ('Aangenomen in de plenaire vergadering van 10 juni 2020'): an effect before its cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import records as r
from .act_dates import ActDate, running_text
from .maatregelen import Lexicon, Sentence, blocks, defined_names, is_heading, sentences
from .source import SourceDocument
from .text import MONTHS, MONTHS_PATTERN, JoinedText, normalise_space

#: A date as prose writes it: '3 juli 2023', '7/8 september 2021' (the first day), 'eind juni', 'juli 2023', '01/09/2023'.
DATE = (
    rf"(?:(?P<day>\d{{1,2}})(?:/\d{{1,2}})?\s+(?P<month>{MONTHS_PATTERN})(?:\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<part>begin|eind|einde|midden|half)\s+(?P<pmonth>{MONTHS_PATTERN})(?:\s+(?P<pyear>(?:19|20)\d\d))?"
    rf"|(?P<mmonth>{MONTHS_PATTERN})\s+(?P<myear>(?:19|20)\d\d)"
    r"|(?P<nday>\d{1,2})/(?P<nmonth>\d{1,2})/(?P<nyear>(?:19|20)\d\d))(?![\d/])"
)
DATE_RE = re.compile(DATE, re.IGNORECASE)
#: The same without its groups, to stand more than once in one pattern (read with ``DATE_RE.fullmatch``).
DATE_TEXT = re.sub(r"\(\?P<\w+>", "(?:", DATE)


@dataclass(frozen=True)
class When:
    """A date to the precision the text gives it: a month always, a year and a day when written."""

    text: str
    month: int
    year: int | None = None
    day: int | None = None

    def conflicts(self, other: When) -> bool:
        """Another year, another month, or another day; what one of the two leaves open agrees."""
        if self.year and other.year and self.year != other.year:
            return True
        return self.month != other.month or (self.day is not None and other.day is not None and self.day != other.day)

    def sort_key(self) -> tuple[int, int, int]:
        """For ordering: an unwritten day counts as the month's first."""
        return (self.year or 0, self.month, self.day or 1)


def parse_date(m: re.Match[str]) -> When:
    """The :class:`When` of a match of the date pattern (any of its alternatives)."""
    text = normalise_space(m.group(0))
    if m["nmonth"]:
        return When(text, int(m["nmonth"]), int(m["nyear"]), int(m["nday"]))
    if m["month"]:
        year = int(m["year"]) if m["year"] else None
        return When(text, MONTHS.index(m["month"].lower()) + 1, year, int(m["day"]))
    if m["pmonth"]:
        return When(text, MONTHS.index(m["pmonth"].lower()) + 1, int(m["pyear"]) if m["pyear"] else None)
    return When(text, MONTHS.index(m["mmonth"].lower()) + 1, int(m["myear"]))


# -- the events -----------------------------------------------------------------------------------------------------

#: Each event in its forms: the participle or clause-final form, the finite form before a date, the noun, and the
#: words a finite verb before the date leaves at the clause's end ('ging op 1 juli van start').
_EVENTS = {
    "inwerkingtreding": (
        r"in\s+werking\s+(?:getreden|treedt|trad|traden|treden)|ingegaan|van\s+kracht",
        r"(?:trad|traden|treedt|treden|ging|gingen)\s+in\s+werking|is\s+in\s+werking\s+getreden|is\s+ingegaan|is\s+van\s+kracht",
        r"inwerkingtreding",
        r"in\s+werking",
    ),
    "start": (
        r"van\s+start\s+(?:gegaan|ging|gingen|gaat|gaan|is\s+gegaan|zijn\s+gegaan)|(?:op)?gestart",
        r"(?:ging|gingen|gaat)\s+van\s+start|startte|startten|(?:is|zijn|werd|werden)\s+(?:op)?gestart",
        r"start|opstart",
        r"van\s+start",
    ),
    # a call or a tool is launched before what it funds starts: another event
    "lancering": (r"gelanceerd", r"werd\s+gelanceerd|werden\s+gelanceerd|lanceerde", r"lancering", r"gelanceerd"),
}
#: After a start or launch, 'met' names what was started: the subject is who started it ('VDAB is op … gestart met …').
_ACTOR_RE = re.compile(r"\s*,?\s*met\b")
_AUX = r"(?:is|zijn|werd|werden|ging|gingen|gaat|trad|traden|treedt)"
_AT = r"(?:op|sinds|vanaf|in)"
#: Words a clause may put before the thing it names: determiners, 'nieuwe', a cue noun.
_LEAD_RE = re.compile(
    r"^(?:(?:de|het|een)\s+)?(?:nieuwe\s+)?(?:(?:maatregel|regeling|project|programma|oproep|premie|tender|systeem|beleidskader)\s+)?",
    re.IGNORECASE,
)
_CONNECTORS = ("van", "voor", "en", "de", "het", "der", "op", "in", "met")
_CAPITALISED = r"[A-ZÀ-Ý][^\W\d_]*(?:-[^\W\d_]+)*"
_NAME_RE = re.compile(
    r"(?P<quoted>[‘'“\"][^‘’'“”\"]{2,90}?[’'”\"])"
    r"|(?P<abbr>[A-Z][A-Z&]{1,9}(?:-[^\W\d_]+)*)(?![^\W\d_])"
    rf"|(?P<words>{_CAPITALISED}(?:\s+(?:(?:{'|'.join(_CONNECTORS)})\s+)*{_CAPITALISED})*)"
    r"|(?P<plain>[a-zà-ÿ][\wà-ÿ -]{2,60}?)(?=\s*\()"
)
_AFTER_NAME_RE = re.compile(r"(?P<note>\d{1,3})?(?:\s*\((?P<paren>[^()]{1,60})\))?")


@dataclass(frozen=True)
class Thing:
    """A named thing a clause is about: its key (the full name in lower case) and the words as written."""

    key: str
    written: str


def named_thing(phrase: str, lex: Lexicon, sentence_start: bool) -> Thing | None:
    """The thing ``phrase`` names when it names one and nothing else (see the module docstring); ``None`` otherwise.
    A single capitalised word that starts the sentence may be any word: it must be an abbreviation or quoted."""
    phrase = normalise_space(phrase).strip(" ,")
    lead = _LEAD_RE.match(phrase)
    rest = phrase[lead.end() :]
    m = _NAME_RE.match(rest)
    if m is None:
        return None
    after = _AFTER_NAME_RE.match(rest, m.end())
    if after.end() != len(rest):
        return None
    paren = after["paren"]
    if m["quoted"]:
        name = m["quoted"][1:-1]
    elif m["abbr"]:
        name = lex.meanings.get(m["abbr"], m["abbr"])
    elif m["words"]:
        name = m["words"]
        if name.split()[-1] in _CONNECTORS or (sentence_start and not lead.group(0) and " " not in name):
            return None
    else:  # 'individueel maatwerk (IMW)': a lower-case name only with the abbreviation it defines
        if not paren or paren not in lex.meanings or _key(lex.meanings[paren]) != _key(m["plain"]):
            return None
        name = lex.meanings[paren]
    if paren and paren in lex.meanings and _key(lex.meanings[paren]) == _key(name):
        name = lex.meanings[paren]
    return Thing(_key(name), normalise_space(rest))


def _key(name: str) -> str:
    return " ".join(re.findall(r"[\wà-ÿ]+(?:-[\wà-ÿ]+)*", name.lower()))


@dataclass(frozen=True)
class _Mention:
    span: tuple[int, int]
    text: str
    when: When
    key: tuple[str, str]


_CONJUNCTION_RE = re.compile(r"\s(?:en|maar|want|terwijl|waarna|omdat)\s")


def _clause_before(text: str, end: int) -> tuple[str, bool]:
    """The clause that ends at ``end``: from the sentence's start or the last comma, semicolon, colon or conjunction
    outside brackets; and whether it is the sentence's start."""
    depth, cut = 0, 0
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
        elif depth == 0 and ch in ",;:":
            cut = i + 1
            break
        elif depth == 0 and (conj := _CONJUNCTION_RE.match(text, i)):
            cut = conj.end()
            break
    clause = text[cut:end]
    return clause, cut == 0


def _patterns() -> list[tuple[str, re.Pattern[str], str]]:
    """(event, pattern, where the thing stands) for each wording read: in group ``thing`` ('inside' the wording, or
    'after' it, a list of things), or the clause 'before' the match."""
    thing, date, aux = r"(?P<thing>[^,;:.]{2,120}?)", rf"(?P<date>{DATE})", r"(?:is|zijn|werd|werden)"
    out = []
    for event, (final, finite, noun, bare) in _EVENTS.items():
        wordings = [
            # 'Op 3 juli 2023 is het Individueel Maatwerk in werking getreden', 'Op 1 juli 2023 ging IMW van start'
            (rf"\b{_AT}\s+{date},?\s+{_AUX}\s+{thing}\s+(?:{final}|{bare})\b", "inside"),
            # 'X is op 1 juli 2023 in werking getreden', 'X ging op 1 juli 2023 van start'
            (rf"\s{_AUX}\s+{_AT}\s+{date}\s+(?:{final}|{bare})\b", "before"),
            # 'X trad in werking op 1 januari 2023', 'X is opgestart op 1 januari 2023'
            (rf"\s(?:{finite})\s+{_AT}\s+{date}", "before"),
            # 'X (code) die op 1 juli 2023 is ingegaan'
            (rf"\s(?:die|dat)\s+{_AT}\s+{date}\s+(?:{aux}\s+)?(?:{final})\b", "before"),
            # 'de inwerkingtreding op 1 juli 2023, van IMW en …'
            (rf"\b(?:{noun})\s+{_AT}\s+{date},?\s+van\s+(?P<thing>[^;:.]{{2,120}})", "after"),
            # 'de start van X op 1 juli 2023'
            (rf"\b(?:{noun})\s+van\s+{thing}\s+{_AT}\s+{date}", "inside"),
        ]
        out += [(event, re.compile(pattern, re.IGNORECASE), where) for pattern, where in wordings]
    return out


_PATTERNS = _patterns()
#: A word every wording of an event has: sentences without one are not read.
_EVENT_WORD_RE = re.compile(r"werking|start|ingegaan|kracht|gelanceerd|lancering", re.IGNORECASE)
_CONJUNCT_RE = re.compile(r"\s*(?:,|\ben\b)\s*")


def _things_after(text: str, lex: Lexicon) -> Iterator[Thing]:
    """The named things a noun phrase starts with ('IMW en de overgangsbepalingen werden …': IMW), up to the first
    conjunct that is not one."""
    for part in _CONJUNCT_RE.split(text):
        words = part.split()
        found = None
        for k in range(len(words), 0, -1):  # the longest start of the conjunct that names a thing
            if (found := named_thing(" ".join(words[:k]), lex, sentence_start=False)) is not None:
                break
        if found is None:
            return
        yield found
        if len(found.written.split()) < len(words):  # the conjunct goes on: the sentence's verb, not another thing
            return


def _mentions(s: Sentence, lex: Lexicon) -> Iterator[_Mention]:
    text = s.text
    seen: set[tuple[int, str]] = set()
    for event, pattern, where in _PATTERNS:
        for m in pattern.finditer(text):
            when = parse_date(DATE_RE.fullmatch(m["date"]))
            if where == "after":
                things = list(_things_after(m["thing"], lex))
                start, end = m.start(), m.start("thing") + len(" ".join(t.written for t in things))
            elif where == "inside":
                thing = named_thing(m["thing"], lex, sentence_start=False)
                things = [thing] if thing else []
                start, end = m.start(), m.end()
            else:
                clause, at_start = _clause_before(text, m.start())
                thing = named_thing(clause, lex, sentence_start=at_start)
                things = [thing] if thing else []
                start, end = m.start() - len(clause), m.end()
            if event != "inwerkingtreding" and _ACTOR_RE.match(text, m.end()):
                continue
            for thing in things:
                if (m.start("date"), thing.key) in seen:
                    continue
                seen.add((m.start("date"), thing.key))
                words = normalise_space(text[start:end]).strip(" ,")
                yield _Mention(s.lines(start, end), words, when, (event, thing.key))


# -- approvals of counted things --------------------------------------------------------------------------------------

_GOVERNMENT = r"(?:de\s+)?Vlaamse\s+[Rr]egering"
_COUNTED = r"(?P<things>\d+\s[^.;:]{2,200}?)"
#: The government approving counted things: '… waarna de Vlaamse Regering eind juni 38 addenda diversiteit en inclusie
#: goedkeurde', 'Op 5 mei 2023 keurde de Vlaamse Regering 12 projecten goed', 'Volgende sectorconvenants en addenda
#: werden op 1 juli 2023 goedgekeurd door de Vlaamse Regering: - 38 sectorconvenants - …'.
_APPROVAL_RES = (
    re.compile(
        rf"{_GOVERNMENT}\s+(?:op\s+|in\s+)?(?P<date>{DATE}),?\s+{_COUNTED}\s+"
        r"(?:goedkeurde|goedkeurden|heeft\s+goedgekeurd|goedgekeurd\s+heeft)\b"
    ),
    re.compile(rf"\b(?:[Oo]p|[Ii]n)\s+(?P<date>{DATE}),?\s+keurde\s+{_GOVERNMENT}\s+{_COUNTED}\s+goed\b"),
    # the things stand before: the clause back to the last full stop, semicolon or colon
    re.compile(
        rf"\s(?:werd|werden|is|zijn)\s+(?:op\s+|in\s+)?(?P<date>{DATE})\s+goedgekeurd\s+door\s+{_GOVERNMENT}(?P<colon>\s*:)?"
    ),
)
_ITEM_SPLIT_RE = re.compile(r"\s*,\s*(?:en\s+)?|\s+en\s+(?=\d)")
#: Where an item's name ends and a clause about it begins.
_ITEM_END_RE = re.compile(r"\s+(?:met|die|dat|waarvan|waarbij|voor\s+een)\b.*$")
_COUNTED_ITEM_RE = re.compile(r"^\d+\s+[^\W\d_]")
_BULLET_ITEM_RE = re.compile(r"^\s*[-–−•▪]\s+(?P<item>\d+\s+\S.*?)\s*$")


def _item_key(item: str) -> str | None:
    """A counted thing's key, its count and its name ('38 addenda diversiteit en inclusie'); ``None`` for an item that
    is no count, or whose name is one word ('12 projecten' may be any twelve projects)."""
    key = normalise_space(_ITEM_END_RE.sub("", item)).lower()
    return key if _COUNTED_ITEM_RE.match(key) and len(key.split()) >= 3 else None


def _listed_items(doc_lines: list[str], after: int) -> Iterator[tuple[int, str]]:
    """The counted items a list right after line ``after`` gives ('- 38 sectorconvenants'), each with its line; blank
    lines between items are skipped, anything else ends the list."""
    n = after + 1
    while n <= len(doc_lines):
        line = doc_lines[n - 1]
        if not line.strip():
            n += 1
            continue
        m = _BULLET_ITEM_RE.match(line)
        if m is None:
            return
        yield n, m["item"]
        n += 1


def _approvals(parsed: r.DocumentRecords) -> Iterator[_Mention]:
    """Each approval of counted things by the government with its date: one mention per thing ('38 addenda diversiteit
    en inclusie'), the count part of its name, so another count is another set of things."""
    doc = parsed.doc
    joined = running_text(doc)
    text = joined.text
    for pattern in _APPROVAL_RES:
        for m in pattern.finditer(text):
            when = parse_date(DATE_RE.fullmatch(m["date"]))
            if "things" in m.groupdict():
                start, things = m.start(), m["things"]
            else:
                start = max(text.rfind(stop, max(0, m.start() - 200), m.start()) for stop in ".;:") + 1
                things = text[start : m.start()]
            first, last = joined.lines_of(start, m.end())
            words = normalise_space(text[start : m.end()])
            if m.groupdict().get("colon"):
                for n, item in _listed_items(doc.lines, last):
                    if key := _item_key(item):
                        yield _Mention((first, n), f"{words} {item}", when, ("goedkeuring", key))
                continue
            for item in _ITEM_SPLIT_RE.split(things.strip()):
                if key := _item_key(item):
                    yield _Mention((first, last), words, when, ("goedkeuring", key))


def _comparable(event: str, a: When, b: When) -> bool:
    """Whether two mentions may be of one event: an approval of counted things in another year is another round (the
    same number of sector agreements in two generations); entry into force and start happen once."""
    return event != "goedkeuring" or not (a.year and b.year and a.year != b.year)


def prose(doc: SourceDocument) -> list[JoinedText]:
    """The document's running text in blocks (headings, footnotes and tables left out), annexes included: read once
    for :func:`event_dates` and :func:`causes_after_adoption`."""
    return blocks(doc, len(doc.lines))


def event_dates(parsed: r.DocumentRecords, texts: list[JoinedText] | None = None) -> list[ActDate]:
    """Each dated entry into force or start of a named thing the document tells of, and whether its mentions agree.

    Every mention whose date conflicts with another mention of the same thing and event is contradicted; mentions
    that agree are matched; a thing mentioned once is unresolved. ``texts``: the document's :func:`prose`."""
    texts = prose(parsed.doc) if texts is None else texts
    lex = defined_names(parsed, texts)
    found = [
        mention for block in texts for s in sentences(block) if _EVENT_WORD_RE.search(s.text) for mention in _mentions(s, lex)
    ]
    found += _approvals(parsed)
    out = []
    for mention in found:
        same = [o for o in found if o.key == mention.key and o is not mention and _comparable(o.key[0], o.when, mention.when)]
        others = [o for o in same if o.when.conflicts(mention.when)]
        status = "contradicted" if others else ("matched" if same else "unresolved")
        out.append(
            ActDate(
                mention.span,
                mention.text,
                mention.when.text,
                mention.key,
                status,
                tuple(dict.fromkeys(o.when.text for o in others)),
                tuple(o.span for o in others),
            )
        )
    return out


# -- an effect before its cause ---------------------------------------------------------------------------------------

_ADOPTED_RE = re.compile(rf"\bAangenomen\s+in\s+(?:de\s+)?plenaire\s+vergadering\s+van\s+(?P<date>{DATE})", re.I)
#: The resolution itself said to result from a dated event: 'Deze resolutie kwam er naar aanleiding van … van <date>'.
_CAUSE_RE = re.compile(
    r"\b(?:Deze|De|Dit|Het)\s+(?:resolutie|voorstel(?:\s+van\s+resolutie)?)\s+"
    r"(?:kwam\s+er|kwam\s+tot\s+stand|werd\s+(?:opgesteld|ingediend)|is\s+(?:opgesteld|ingediend|er\s+gekomen)|ontstond)\s+"
    rf"(?:naar\s+aanleiding\s+van|n\.a\.v\.|ingevolge|in\s+navolging\s+van)\s+(?P<event>[^.;:]{{3,150}}?)\s+(?:van|op)\s+(?P<date>{DATE})",
    re.I,
)
_RESOLUTION_WORD_RE = re.compile(r"resolutie|aangenomen", re.IGNORECASE)
#: The title that opens a resolution's section.
_RESOLUTION_TITLE_RE = re.compile(r"\b(?:Voorstel\s+van\s+resolutie|Resolutie)\s+(?:over|betreffende|inzake|voor|met)\b")


def causes_after_adoption(parsed: r.DocumentRecords, texts: list[JoinedText] | None = None) -> list[ActDate]:
    """A resolution whose text says it came about after an event dated after its own adoption, in its own section (from
    its 'Aangenomen in de plenaire vergadering van …' to the next resolution's title or adoption, or a heading):
    contradicted, with the adoption date as the other date. A cause dated on or before the adoption is matched.
    ``texts``: the document's :func:`prose`."""
    doc = parsed.doc
    out: list[ActDate] = []
    adopted: tuple[When, tuple[int, int]] | None = None
    for block in prose(doc) if texts is None else texts:
        if is_heading(doc.line(block.numbers[0])):
            adopted = None
        if not _RESOLUTION_WORD_RE.search(block.text):
            continue
        for s in sentences(block):
            marks = [(m.start(), "title", m) for m in _RESOLUTION_TITLE_RE.finditer(s.text)]
            marks += [(m.start(), "adopted", m) for m in _ADOPTED_RE.finditer(s.text)]
            marks += [(m.start(), "cause", m) for m in _CAUSE_RE.finditer(s.text)]
            for _pos, what, m in sorted(marks, key=lambda x: x[0]):
                if what == "title":
                    adopted = None
                elif what == "adopted":
                    adopted = (parse_date(DATE_RE.fullmatch(m["date"])), s.lines(m.start(), m.end()))
                elif adopted is not None:
                    out.append(_cause(s, m, *adopted))
    return out


def _cause(s: Sentence, m: re.Match[str], adopted: When, adopted_span: tuple[int, int]) -> ActDate:
    """The claim of one cause against its resolution's adoption: contradicted when it is surely later (another day,
    month or year after it; a cause without a year is never later)."""
    cause = parse_date(DATE_RE.fullmatch(m["date"]))
    late = cause.year is not None and cause.sort_key() > adopted.sort_key() and cause.conflicts(adopted)
    return ActDate(
        s.lines(m.start(), m.end()),
        normalise_space(m.group(0)),
        cause.text,
        ("naar aanleiding van", normalise_space(m["event"])),
        "contradicted" if late else "matched",
        (adopted.text,) if late else (),
        (adopted_span,) if late else (),
    )


__all__ = ["DATE", "DATE_RE", "DATE_TEXT", "When", "causes_after_adoption", "event_dates", "named_thing", "parse_date", "prose"]
