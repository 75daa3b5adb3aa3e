"""Loader for written answers to parliamentary questions on a BBT ('Schriftelijke antwoorden').

The document answers the questions members of the Flemish Parliament put on one
BBT ('BBT Werk en Sociale Economie 2021'). Extractors lay it out in different ways
(an empty line after every printed line and whitespace-only lines for vertical gaps,
or no blank lines at all; indented page starts, or every line indented), so the
structure is read from the words, never from blank lines or indentation:

- a question starts with a *header*: a party, optionally with the member(s) in
  brackets ('N-VA (Axel Ronse)', 'Vlaams Belang', 'SP.A (schriftelijk)').
  Headers one under the other with no text between them are one question put
  jointly by several members;
- the question runs from its header until it has asked and a new sentence starts
  on the next line. It has asked when its last sentence ends in '?' (a reference
  such as '(ESR 31.32)' may follow), when its last sentence opens with a question
  word and ends in a quotation ('Wat wordt bedoeld met volgende passage: “...”'),
  or when a '+' point follows a question mark ('+ belang van afstemming ...').
  A list item after it stays in the question when it asks something itself
  ('- Zal de VOP ...?'); a list item that does not is the answer's first line.
  Everything after the question up to the next header or heading is the minister's
  answer. Questions that follow each other without an answer between them share
  the answer that follows;
- a *heading* is a short line without closing punctuation, not ending in a word
  that cannot end a title ('van', 'de'), that opens a paragraph (the line above
  ends a sentence, or is a link) and is followed by a line that starts a new
  sentence. Followed by a header it is the topic of the questions below it; right
  after a question it is the answer's own title; elsewhere in an answer it heads
  an answer to a question that is not printed, and is that answer's topic (the
  questions after such an answer get no topic: the document does not say which
  heading they fall under);
- page numbers are not text, nor are *link targets*: the full address of a link
  on the page, which the extraction adds after the page's text. A line holding
  only an address is a link target when that address is printed in the text above
  it (wrapped over lines, or without 'http://'), since the last link target naming
  it, or when it repeats the link target right above it.

Quoted amounts ('88 miljoen euro', '22, 4 miljoen euro', '1.174 keuro') and
budget article codes are read from the joined question and answer texts, so
values wrapped over a line break are found and cited with all their lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import DCTERMS, PROV, RDF, URIRef

from . import records as r
from .kinds import DocumentKind, register
from .model import UNITS, DocumentGraph, legislature_of
from .numbers import parse_amount
from .source import SourceDocument
from .text import (
    WRAPPED_ARTICLE_CODE_RE,
    JoinedText,
    Line,
    is_page_number,
    join_lines,
    join_wrapped,
    normalise_code,
    normalise_space,
)
from .vocab import BKG, ID, slug
from .writer import Writer, write_record

#: The parts the reading report looks for in a document of this kind (``reading.DETECTORS``).
PARTS = ()
#: Parts that close a complete document of this kind (none is required).
CLOSING_PARTS: dict = {}

#: The document's heading: 'Bijlage 1: Schriftelijke antwoorden – Specifieke vragen'.
_HEADING_RE = re.compile(r"\bschriftelijke\s+(?:antwoorden|vragen)\b", re.IGNORECASE)
#: The heading stands among the first lines of the document.
_HEAD_LINES = 6
#: The BBT answered: 'BBT Werk en Sociale Economie 2021' (optionally naming the budget round).
_SUBJECT_RE = re.compile(
    r"\b(?:BBT|Beleids-\s*en\s+begrotingstoelichting)\s+(?P<domain>[^\d,]+?)\s*,?\s*"
    r"(?:(?:begrotings)?(?:opmaak|aanpassing|uitvoering)\s+)?(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_LEGISLATURE_RE = re.compile(r"\b(?P<start>(?:19|20)\d{2})\s*[-–]\s*(?P<end>(?:19|20)\d{2})\b")

#: Parties of the Flemish Parliament (and their former names), longest names first so
#: that 'Open VLD' is not read as 'VLD'. A header is a line made of these and nothing else.
_PARTY = (
    r"(?:Vlaams\s+Belang|Vlaams\s+Blok|Open\s+VLD|Team\s+Fouad\s+Ahidar|PVDA-PTB|PVDA|N-VA|CD&V|sp\.a|"
    r"Vooruit|Groen|Agalev|Spirit|Volksunie|LDD|VLD|CVP|UF|Anders)"
)
_HEADER_ITEM_RE = re.compile(rf"(?P<party>{_PARTY})(?![\w&.-])(?:\s*\((?P<who>[^()]*)\))?", re.IGNORECASE)
_HEADER_SEP_RE = re.compile(r"\s*(?:[,;/]|\ben\b)\s*", re.IGNORECASE)
_WHO_SEP_RE = re.compile(r"\s*(?:[,;&]|\ben\b)\s*")
#: A member's name: capitalised words, with lower-case particles between them ('Tine van der Vloet').
_PERSON_RE = re.compile(r"[A-ZÀ-Ý][\w'’-]*(?:\s+(?:(?:[a-z'’]+\s+)*)[A-ZÀ-Ý][\w'’-]*)+")

_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$")
#: A list item ('- ...', '• ...', 'o ...', '1. ...', '2) ...').
_LIST_ITEM_RE = re.compile(r"^(?:[-–•▪*o]\s|\d{1,2}[.)]\s)")
_LEADING_BULLET_RE = re.compile(r"^[-–•▪*]\s+")
#: A point added to a question ('+ belang van afstemming doelgroepkorting-VOP').
_ADDENDUM_RE = re.compile(r"^\+\s")
#: Headings are short; longer lines are running text that happens to open a block.
_MAX_HEADING_CHARS = 100
#: A line that ends a sentence: closing punctuation, perhaps a closing quote or bracket and a
#: reference after it ('Wat is de reden van deze stijging? (ESR 31.32)').
_SENTENCE_END_RE = re.compile(r"[.?!…][\"”’)\]]*(?:\s*\([^()]*\))?$")
_TRAILING_REFERENCE_RE = re.compile(r"\s*\([^()]*\)$")
#: A sentence opening with a question word asks, even when a quotation closes it instead of a '?'.
_QUESTION_WORD_RE = re.compile(r"^(?:wat|wie|welke?|waarom|wanneer|waar\w*|hoe\w*)\b", re.IGNORECASE)
#: Words a title never ends in: a line ending in one runs on ('... op het begrotingsartikel van de').
_RUNS_ON_RE = re.compile(
    r"\b(?:de|het|een|van|en|of|in|op|met|voor|aan|te|tot|bij|naar|over|uit|om|door|die|dat|als|dan|maar)$",
    re.IGNORECASE,
)
_OPENING_MARKS = "“‘\"'(["

#: An amount with its unit as written. '22, 4 miljoen euro' (a space after the decimal comma,
#: a typing slip) is read as 22,4; that reading is allowed only for a short whole part and a
#: unit directly after, so a year followed by a comma ('in 2020, 4 miljoen') is never misread.
_QUOTED_AMOUNT_RE = re.compile(
    r"(?<![\w.,])(?P<sign>[+\-–−])?(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3},\s\d{1,2}(?=\s+(?:miljoen|mio)\b)"
    r"|\d+(?:,\d+)?)\s*(?P<unit>miljoen\s+euro|mio\s+euro|keuro|k\s?euro|duizend\s+euro|euro)\b",
    re.IGNORECASE,
)


# -- reading the layout -----------------------------------------------------------------------------------------------


def _is_url(text: str) -> bool:
    return bool(_URL_RE.match(text.strip()))


def _address_printed(url: str, text: str) -> bool:
    """``url`` (with or without its scheme and 'www.') stands in ``text`` as a whole address."""
    core = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/")
    at = text.find(core)
    if at < 0:
        return False
    whole = re.compile(rf"(?<![\w/.-])(?:https?://)?(?:www\.)?{re.escape(core)}/?(?![\w/-])")
    return whole.search(text, max(at - len("https://www."), 0)) is not None


def _link_targets(texts: list[str]) -> set[int]:
    """Indices of the lines of ``texts`` that are link targets (see the module docstring).

    An address wrapped over two lines ('.../nieuwe-call-' + 'circulair-werkt',
    '.../herstelkrediet' + '-corona-...') is printed text, never a target.
    """
    targets: set[int] = set()
    printed = ""  # the text so far, wrapped addresses joined
    named: dict[str, int] = {}  # per address: where ``printed`` stood at its last link target
    previous_target = None
    for i, text in enumerate(texts):
        following = texts[i + 1] if i + 1 < len(texts) else ""
        whole = _is_url(text) and not text.endswith("-") and not re.match(r"-\w", following)
        if whole and (text == previous_target or _address_printed(text, printed[named.get(text, 0) :])):
            targets.add(i)
            named[text] = len(printed)
            previous_target = text
            continue
        previous_target = None
        glued = printed.endswith("-") or re.match(r"-\w", text)
        printed += text if glued or not printed else f" {text}"
    return targets


def text_lines(doc: SourceDocument) -> list[Line]:
    """The document's text lines, stripped; blank lines, page numbers and link targets left out."""
    lines = [Line(n, raw.strip()) for n, raw in enumerate(doc.lines, 1) if raw.strip() and not is_page_number(raw)]
    targets = _link_targets([ln.text for ln in lines])
    return [ln for i, ln in enumerate(lines) if i not in targets]


@dataclass(frozen=True)
class Asker:
    party: str
    members: tuple[str, ...]
    header: str


def parse_header(text: str) -> list[Asker] | None:
    """The askers of a question header, or None when the line is not a header.

    'N-VA (Axel Ronse)' -> one asker with one member; 'Vlaams Belang' and
    'SP.A (schriftelijk)' -> a party without a named member.
    """
    text = normalise_space(text)
    items: list[Asker] = []
    pos = 0
    while True:
        m = _HEADER_ITEM_RE.match(text, pos)
        if not m:
            return None
        who = [part for part in _WHO_SEP_RE.split(m.group("who") or "") if part]
        members = tuple(part for part in who if _PERSON_RE.fullmatch(part))
        items.append(Asker(normalise_space(m.group("party")), members, m.group().strip()))
        pos = m.end()
        if pos == len(text):
            return items
        sep = _HEADER_SEP_RE.match(text, pos)
        if not sep or sep.end() == pos:
            return None
        pos = sep.end()


def _heading_like(text: str) -> bool:
    """Short, without closing punctuation, not running on, not a URL: could be a heading if it opens a paragraph."""
    return (
        len(text) <= _MAX_HEADING_CHARS
        and not text.endswith(tuple(".,:;?!-"))
        and not _RUNS_ON_RE.search(text)
        and not _is_url(_LEADING_BULLET_RE.sub("", text))
    )


def _starts_new(text: str) -> bool:
    """A line that starts a sentence or a list item rather than continuing the line above."""
    return text.lstrip(_OPENING_MARKS)[:1].isupper() or bool(_LIST_ITEM_RE.match(text))


def _opens_paragraph(lines: list[Line], index: int) -> bool:
    """``lines[index]`` opens a paragraph: the line above ends a sentence or is a link (or its wrapped end)."""
    if index == 0:
        return True
    above = lines[index - 1].text
    if _SENTENCE_END_RE.search(above) or _is_url(above):
        return True
    return " " not in above and index > 1 and _is_url(lines[index - 2].text)


def _last_sentence(text: str) -> str | None:
    """The last sentence of ``text``; None when ``text`` stops inside a sentence or a quotation."""
    if not _SENTENCE_END_RE.search(text):
        return None
    depth, start = 0, 0
    for i, char in enumerate(text):
        depth = depth + 1 if char == "“" else max(depth - 1, 0) if char == "”" else depth
        closes = char in ".?!" or (char in '”")' and text[i - 1 : i] in tuple(".?!"))
        if depth == 0 and closes and text[i + 1 : i + 2] == " ":
            start = i + 2
    return None if depth else text[start:]


def _asks(text: str) -> bool:
    """The last sentence of ``text`` is a question (see the module docstring)."""
    last = _last_sentence(_TRAILING_REFERENCE_RE.sub("", text.rstrip()))
    if last is None:
        return False
    return last.rstrip('”"’) ').endswith("?") or bool(_QUESTION_WORD_RE.match(last))


def _item(lines: list[Line], index: int) -> str:
    """The text of the list item starting at ``lines[index]``, up to the next item or a new sentence after it."""
    end = index + 1
    while end < len(lines) and parse_header(lines[end].text) is None and not _LIST_ITEM_RE.match(lines[end].text):
        if _starts_new(lines[end].text) and _SENTENCE_END_RE.search(lines[end - 1].text):
            break
        end += 1
    return join_lines(lines[index:end]).text


def _question_goes_on(question: list[Line], lines: list[Line], index: int) -> bool:
    """``lines[index]`` still belongs to the question whose text so far is ``question``."""
    text = lines[index].text
    if not question or not _starts_new(text) or _ADDENDUM_RE.match(text):
        return True
    asked = join_lines(question).text
    if _LIST_ITEM_RE.match(text):  # one of the question's points if it asks, or if nothing was asked yet
        return "?" in _item(lines, index) or not ("?" in asked or _asks(asked))
    last_point = next((ln.text for ln in reversed(question) if _starts_new(ln.text) or _ADDENDUM_RE.match(ln.text)), "")
    return not (_asks(asked) or ("?" in asked and _ADDENDUM_RE.match(last_point)))


# -- what the document states -------------------------------------------------------------------------------------


@dataclass
class Topic:
    title: str
    line: int


@dataclass
class Question:
    askers: list[Asker]
    header_lines: list[int]
    topic: Topic | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Answer:
    questions: list[Question]
    topic: Topic | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Parsed:
    title_span: tuple[int, int]
    title: str
    topics: list[Topic] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


class _Reader:
    """Reads the text lines after the title in order; one method per kind of line (module docstring has the rules)."""

    def __init__(self, parsed: Parsed) -> None:
        self.out = parsed
        self.topic: Topic | None = None  # the topic of the questions that follow
        self.group: list[Question] = []  # questions waiting for (or given) the answer being read
        self.question: Question | None = None  # the question whose text is being read
        self.answer: Answer | None = None

    def header(self, askers: list[Asker], number: int) -> None:
        if self.question is not None and not self.question.lines:
            self.question.askers += askers  # headers one under the other: a joint question
            self.question.header_lines.append(number)
            return
        if self.answer is not None:
            self.group, self.answer = [], None
        self.question = Question(askers, [number], self.topic)
        self.group.append(self.question)
        self.out.questions.append(self.question)

    def heading(self, line: Line, following: Line | None) -> bool:
        """Take ``line`` as a topic or answer heading if its context makes it one."""
        if following is not None and parse_header(following.text) is not None:
            self.topic = Topic(_LEADING_BULLET_RE.sub("", line.text), line.number)
            self.out.topics.append(self.topic)
            self.group, self.answer = [], None
            return True
        if self.group and self.answer is None:
            return False  # right after a question: the answer's own title, part of the answer
        text = line.text
        if not text[:1].isupper() or _LIST_ITEM_RE.match(text) or following is None:
            return False
        if not _starts_new(following.text):
            return False
        own = Topic(text, line.number)
        self.out.topics.append(own)
        self.answer = Answer([], own)
        self.out.answers.append(self.answer)
        self.group, self.topic = [], None
        return True

    def answer_line(self, line: Line) -> None:
        if self.answer is None:
            self.answer = Answer(list(self.group), self.group[0].topic if self.group else self.topic)
            self.out.answers.append(self.answer)
        self.answer.lines.append(line)


def _title(doc: SourceDocument, lines: list[Line]) -> tuple[Line, list[Line]]:
    """The line naming the BBT answered, and the title lines down to it."""
    head = lines[:_HEAD_LINES]
    subject = next((ln for ln in head if _SUBJECT_RE.search(ln.text)), None)
    if subject is None or not any(_HEADING_RE.search(ln.text) for ln in head):
        raise doc.error("no heading 'Schriftelijke antwoorden' with the BBT it answers ('BBT <domain> <year>')")
    return subject, [ln for ln in head if ln.number <= subject.number]


def parse(doc: SourceDocument) -> Parsed:
    """Topics, questions and answers, in document order."""
    lines = text_lines(doc)
    subject, title_lines = _title(doc, lines)
    parsed = Parsed((title_lines[0].number, subject.number), join_wrapped([ln.text for ln in title_lines]))
    reader = _Reader(parsed)
    body = [ln for ln in lines if ln.number > subject.number]
    for i, line in enumerate(body):
        askers = parse_header(line.text)
        if askers is not None:
            reader.header(askers, line.number)
            continue
        if reader.question is not None:
            if _question_goes_on(reader.question.lines, body, i):
                reader.question.lines.append(line)
                continue
            reader.question = None
        following = body[i + 1] if i + 1 < len(body) else None
        if _heading_like(line.text) and _opens_paragraph(body, i) and reader.heading(line, following):
            continue
        reader.answer_line(line)
    return parsed


# -- the loader interface -------------------------------------------------------------------------------------------


def recognise(doc: SourceDocument) -> bool:
    """A 'Schriftelijke antwoorden' heading at the top and question headers (party, member) below it."""
    head = [ln.strip() for ln in doc.lines if ln.strip()][:_HEAD_LINES]
    if not any(_HEADING_RE.search(ln) for ln in head):
        return False
    return sum(1 for ln in doc.lines if ln.strip() and parse_header(ln) is not None) >= 2


# -- records ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicHeading:
    """A heading the questions below it, or the answer it heads, are about (``bkg:Onderwerp``), on line ``line``."""

    title: str
    line: int


@dataclass(frozen=True)
class WrittenQuestion:
    """A question: who put it, its topic heading's line, its text, and the article codes and amounts it quotes.

    ``line`` (its first header line) is its identity in the document; ``span`` runs to its last line.
    """

    line: int
    span: r.Span
    askers: tuple[Asker, ...]
    topic: int | None
    text: str | None
    articles: tuple[str, ...]
    amounts: tuple[r.QuotedAmount, ...]


@dataclass(frozen=True)
class WrittenAnswer:
    """An answer: the questions it answers (their first lines), its topic heading's line, its text, what it quotes."""

    span: r.Span
    questions: tuple[int, ...]
    topic: int | None
    text: str
    articles: tuple[str, ...]
    amounts: tuple[r.QuotedAmount, ...]


def _party(dg: DocumentGraph, name: str) -> URIRef:
    node = ID[f"fractie/{slug(name)}"]
    dg.add(node, RDF.type, BKG.Fractie)
    dg.add(node, RDF.type, PROV.Agent)
    dg.add(node, BKG.naam, name)
    return node


def _member(dg: DocumentGraph, name: str, party: URIRef) -> URIRef:
    node = ID[f"persoon/{slug(name)}"]
    dg.add(node, RDF.type, BKG.Parlementslid)
    dg.add(node, RDF.type, PROV.Agent)
    dg.add(node, BKG.naam, name)
    dg.add(node, BKG.lidVan, party)
    return node


def _topic(w: Writer, line: int | None) -> URIRef | None:
    return w.dg.local(f"onderwerp/{line}") if line is not None else None


def _mentions(w: Writer, node: URIRef, path: str, articles: tuple[str, ...], amounts: tuple[r.QuotedAmount, ...]) -> None:
    """The article codes and amounts quoted in a question's or answer's text."""
    for code in articles:
        w.dg.add(node, BKG.vermeldtArtikel, w.dg.article_code(code))
    for index, quoted in enumerate(amounts, start=1):
        amount = w.dg.statement(f"{path}/bedrag/{index}", BKG.GeciteerdBedrag, None, quoted.span)
        w.dg.add(amount, BKG.bedrag, quoted.value)
        w.dg.add(amount, BKG.eenheid, UNITS[quoted.unit])
        w.dg.add(amount, BKG.tekst, quoted.text)
        w.dg.add(amount, BKG["in"], node)


@write_record.register
def _(rec: TopicHeading, w: Writer) -> None:
    node = w.dg.statement(f"onderwerp/{rec.line}", BKG.Onderwerp, None, (rec.line, rec.line))
    w.dg.add(node, DCTERMS.title, rec.title)


@write_record.register
def _(rec: WrittenQuestion, w: Writer) -> None:
    """A question with its askers (party agents, member agents) and what it quotes."""
    path = f"vraag/{rec.line}"
    node = w.dg.statement(path, BKG.Vraag, None, rec.span)
    w.dg.add(node, BKG.onderwerp, _topic(w, rec.topic))
    for asker in rec.askers:
        w.dg.add(node, BKG.vraagsteller, asker.header)
        party = _party(w.dg, asker.party)
        w.dg.add(node, BKG.fractie, party)
        for name in asker.members:
            w.dg.add(node, BKG.gesteldDoor, _member(w.dg, name, party))
    w.dg.add(node, BKG.vraagtekst, rec.text)
    _mentions(w, node, path, rec.articles, rec.amounts)


@write_record.register
def _(rec: WrittenAnswer, w: Writer) -> None:
    """An answer, pointing at every question it answers, and what it quotes."""
    path = f"antwoord/{rec.span[0]}"
    node = w.dg.statement(path, BKG.Antwoord, None, rec.span)
    for line in rec.questions:
        w.dg.add(node, BKG.antwoordOp, w.dg.local(f"vraag/{line}"))
    w.dg.add(node, BKG.onderwerp, _topic(w, rec.topic))
    w.dg.add(node, BKG.antwoordtekst, rec.text)
    _mentions(w, node, path, rec.articles, rec.amounts)


def quoted_amounts(text: str) -> list[tuple[re.Match[str], Decimal, str]]:
    """Each amount with a euro unit in ``text``: the match, its value in the unit as written, the unit."""
    out = []
    for m in _QUOTED_AMOUNT_RE.finditer(text):
        value = parse_amount(re.sub(r"\s", "", m.group("number")))
        if m.group("sign") and m.group("sign") != "+":
            value = -value
        out.append((m, value, _unit(m.group("unit"))))
    return out


def _unit(written: str) -> str:
    """'miljoen euro' / 'mio euro' -> 'miljoen euro', 'keuro' / 'duizend euro' -> 'duizend euro', 'euro' -> 'euro'."""
    unit = written.lower()
    if unit.startswith(("miljoen", "mio")):
        return "miljoen euro"
    return "duizend euro" if unit.startswith(("k", "duizend")) else "euro"


def _quoted(joined: JoinedText) -> tuple[tuple[str, ...], tuple[r.QuotedAmount, ...]]:
    """The article codes and the amounts quoted in a question's or answer's text, each amount with its lines."""
    codes = tuple(normalise_code(m.group(1)) for m in WRAPPED_ARTICLE_CODE_RE.finditer(joined.text))
    amounts = tuple(
        r.QuotedAmount(value, unit, m.group(), joined.lines_of(m.start(), m.end()))
        for m, value, unit in quoted_amounts(joined.text)
    )
    return codes, amounts


def read(doc: SourceDocument) -> r.DocumentRecords:
    """The BBT answered (plan and budget year), the topic headings, the questions and the answers."""
    parsed = parse(doc)
    subject = _SUBJECT_RE.search(parsed.title)
    assert subject is not None  # parse() found it
    year = int(subject.group("year"))
    stated = _LEGISLATURE_RE.search(parsed.title)
    legislature = f"{stated.group('start')}-{stated.group('end')}" if stated else legislature_of(year)
    plan = r.Plan(normalise_space(subject.group("domain")), legislature)
    out = r.DocumentRecords(doc, BKG.SchriftelijkeVragen, parsed.title, parsed.title_span, budget_year=year, plan=plan)
    for t in parsed.topics:
        out.add(TopicHeading(t.title, t.line))
    for q in parsed.questions:
        joined = join_lines(q.lines)
        last = q.lines[-1].number if q.lines else q.header_lines[-1]
        topic = q.topic.line if q.topic else None
        span = (q.header_lines[0], last)
        out.add(WrittenQuestion(span[0], span, tuple(q.askers), topic, joined.text or None, *_quoted(joined)))
    for a in parsed.answers:
        if a.lines:
            joined = join_lines(a.lines)
            questions = tuple(q.header_lines[0] for q in a.questions)
            topic = a.topic.line if a.topic else None
            span = (a.lines[0].number, a.lines[-1].number)
            out.add(WrittenAnswer(span, questions, topic, joined.text, *_quoted(joined)))
    return out


#: The measure reader was made for policy texts, not for questions and answers: no stage runs on these records.
KIND = register(DocumentKind("schriftelijke-vragen", BKG.SchriftelijkeVragen, recognise, read, PARTS, CLOSING_PARTS, stages=()))
