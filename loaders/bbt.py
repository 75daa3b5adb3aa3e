"""Layout shared by the two kinds of BBT (draft and execution budget explanations).

Both head goals as ``goals`` reads them ('OD n: title', ...) with footnote markers
glued to the last word, link ODs to articles in footnotes (which may first cite
another goal), in article sections and in a paragraph's preamble, head article
sections 'CODE - TITLE', and print small credit tables whose row labels and
numbers wrap over lines with blank lines and page numbers between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from . import records as r
from .goals import GOAL_NUMBER, od_heading, sd_heading
from .numbers import AMOUNT_TOKEN_RE, YEAR_TOKEN_RE, parse_amount
from .source import SourceDocument
from .text import (
    ABBREVIATIONS_HEADING_RE,
    ARTICLE_CODE,
    ROMAN_HEADING_RE,
    WRAPPED_ARTICLE_CODE_RE,
    JoinedText,
    abbreviations,
    is_noise,
    join_lines,
    join_wrapped,
    normalise_code,
    numbered,
    strip_footnote_marker,
    wrapped_heading,
)

ARTICLE_HEADING_RE = re.compile(rf"^\s*({ARTICLE_CODE})\s+[-–]\s+(\S.*?)\s*$")
FOOTNOTE_RE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
#: A link as an article section words it: "operationele doelstelling 4: ‘title’", "OD 1 ‘title’".
#: 'operationele doelstelling 1 ‘Title’', 'OD 5 'Title’', 'operationele doelstelling 15 te realiseren:
#: ‘Title’', and unquoted 'OD 1: title.'; the number may wrap onto the next line, and be an older 'OD 1.1'.
#: A quote the document forgets to close ends at the end of its sentence, and the spelling of
#: 'operationele' is not checked (the 2023 execution report writes 'operatonele' once, and leaves a quote
#: open at line 5413).
STATED_OD_RE = re.compile(
    rf"(?:[Oo]perat[a-z]*\s+doelstelling(?:\s+OD)?|\bOD)\s*({GOAL_NUMBER})(?:\s+te\s+[a-z]+(?=\s*:))?\s*"
    r"(?::?\s*[‘'“\"]\s*(.+?)\s*(?:[’'”\"]|\.(?=\s))|:\s*(?P<plain>[a-zA-Z][^‘'“\".:;]{9,}?)\.)",
    re.S,
)


@dataclass(frozen=True)
class Heading:
    """A heading whose title may wrap over several lines."""

    number: str
    title: str
    first: int
    last: int
    marker: int | None


def od_heading_at(doc: SourceDocument, n: int) -> Heading | None:
    """The OD heading on line ``n`` (in any wording ``goals`` reads), its title joined over its lines."""
    found = od_heading(doc.line(n))
    if found is None:
        return None
    joined, end = wrapped_heading(doc, n, found.title)
    title, marker = strip_footnote_marker(joined)
    return Heading(found.number, title, n, end, marker)


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    first: int
    last: int


#: Footnotes that state a link or cite a goal: 'Deze operationele doelstelling is gelinkt aan CODE ...',
#: 'Zie (ook) begroting: onder CODE', 'Zie ook OD 10 <title>', 'Zie ook: OD 11 <title>',
#: 'OD 8: <title> – luik ‘...’', 'SD 1 <title>'.
NOTE_RE = re.compile(
    rf"(?i:Deze operationele doelstelling is gelinkt aan|Zie (?:ook )?begroting)|(?:Zie ook:?\s*)?(?:OD|SD)\s?{GOAL_NUMBER}\b"
)
#: A note that is a sentence ('Deze ... is gelinkt aan ...', 'Zie begroting: ...') runs on to its full stop.
_SENTENCE_NOTE_RE = re.compile(r"^(?:Deze|Zie (?:ook )?begroting)", re.I)
#: Text a note's line leaves unfinished: a trailing comma or dash, or a small word ('met', 'luik').
_UNFINISHED_RE = re.compile(r"(?:[,–-]|\b(?:de|het|een|en|van|voor|met|in|op|aan|tot|bij|om|te|naar|of|door|zie|luik))\s*$", re.I)
#: A line that goes on with the same note: another 'Zie ...' clause, or a part after a dash.
_NOTE_CLAUSE_RE = re.compile(r"^\s*(?:Zie\b|[–-]\s)")
_PART_RE = re.compile(r"\s[–-]\s")


def footnotes(doc: SourceDocument) -> Iterator[Footnote]:
    """Footnotes that state a link or cite a goal (``NOTE_RE``), their text joined over the lines it runs on.

    Footnotes stand in blocks between the lines of the body text; a note ends at the next note or
    heading. A sentence runs on to its full stop; a note citing a goal ('OD 8: title – luik ‘x’')
    runs on only while a line leaves it unfinished (a comma, a dash, a small word, an open quote or
    bracket) or the next line adds a clause ('Zie ook begroting: ...'), so body text is never taken in.
    """
    n = 1
    while n <= len(doc.lines):
        m = FOOTNOTE_RE.match(doc.line(n))
        if m and NOTE_RE.match(m.group(2)):
            sentence = bool(_SENTENCE_NOTE_RE.match(m.group(2)))
            parts, end, k = [m.group(2)], n, n + 1
            while k <= len(doc.lines) and not join_wrapped(parts).endswith("."):
                nxt = doc.line(k)
                if is_noise(nxt):
                    k += 1
                    continue
                if FOOTNOTE_RE.match(nxt) or od_heading(nxt) or sd_heading(nxt) or not _runs_on(parts, nxt, sentence):
                    break
                parts.append(nxt.strip())
                end = k
                k += 1
            yield Footnote(int(m.group(1)), join_wrapped(parts), n, end)
            n = end + 1
        else:
            n += 1


def _runs_on(parts: list[str], nxt: str, sentence: bool) -> bool:
    """Whether a note whose lines so far are ``parts`` goes on with line ``nxt``."""
    text = join_wrapped(parts)
    unclosed = text.count("‘") > text.count("’") or text.count("(") > text.count(")")
    if _NOTE_CLAUSE_RE.match(nxt):
        # 'Zie ...' adds a clause; a dash adds the part of the goal cited, once ('– luik ‘...’'): a second
        # dash is a bullet of the body text.
        return nxt.lstrip().startswith("Zie") or not _PART_RE.search(text)
    return sentence or unclosed or bool(_UNFINISHED_RE.search(text))


def marker_line(doc: SourceDocument, footnote: Footnote) -> int | None:
    """The line whose word carries ``footnote``'s marker: the nearest before the footnote."""
    glued = re.compile(rf"[A-Za-zÀ-ÿ)’'”\".,;:…]{footnote.number}(?=\s|$|[.,;:)])")
    for n in range(footnote.first - 1, 0, -1):
        line = doc.line(n)
        if FOOTNOTE_RE.match(line) and int(FOOTNOTE_RE.match(line).group(1)) < footnote.number:
            continue
        if glued.search(line):
            return n
    return None


def article_codes(text: str) -> list[str]:
    """Article codes in running text, line-wrapped ones mended, in order of first mention."""
    seen: dict[str, None] = {}
    for m in WRAPPED_ARTICLE_CODE_RE.finditer(text):
        seen.setdefault(normalise_code(m.group(1)), None)
    return list(seen)


def text_run(doc: SourceDocument, first: int, last: int) -> JoinedText:
    """Lines ``first``..``last`` joined into running text that remembers its lines (page numbers left out)."""
    return join_lines([ln for ln in numbered(doc, first, last) if not is_noise(ln.text)])


@dataclass(frozen=True)
class StatedLink:
    od: str
    quoted_title: str
    first: int
    last: int


def stated_links(doc: SourceDocument, first: int, last: int) -> list[StatedLink]:
    """Each OD an article section names with its quoted title, and the lines that say so."""
    run = text_run(doc, first, last)
    return [
        StatedLink(m[1], join_wrapped([m[2] or m["plain"]]), *run.lines_of(m.start(), m.end()))
        for m in STATED_OD_RE.finditer(run.text)
    ]


#: The words after a quote's closing mark up to the end of its sentence: 'OD 5 'Talent van buiten Vlaanderen’ aantrekken.'
_AFTER_QUOTE_RE = re.compile(r"\s*[’'”\"]\s*(?P<tail>[^\W\d_][^.;:,()‘’“”'\"]{0,60}?)\s*(?:[.;:]|$)")


def _letters(title: str) -> str:
    """A title as the quoted-title rule compares it: lower case letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", title.lower())


def mend_quoted_titles(out: r.DocumentRecords) -> None:
    """A quote that closes a word early ('onder OD 5 'Talent van buiten Vlaanderen’ aantrekken.', 004:1773-1774) quotes
    the whole title when the words after its closing mark, up to the end of the sentence, complete the title of the
    OD's heading in the same document: the quoted title is mended to include them. Words that do not complete it
    ('… ‘title’ ingezet.', a verb at the end of the clause) stay outside the quote."""
    doc = out.doc
    headings = {g.number: g.title for g in out.of(r.Goal) if g.level == "OD"}
    for i, rec in enumerate(out.records):
        if not isinstance(rec, r.GoalLink) or not rec.quoted_title or rec.od not in headings:
            continue
        quoted, heading = _letters(rec.quoted_title), _letters(headings[rec.od])
        if not quoted or quoted == heading or not heading.startswith(quoted):
            continue
        run = text_run(doc, rec.span[0], min(rec.span[1] + 1, len(doc.lines)))
        words = r"\s*".join(re.escape(w) for w in rec.quoted_title.split())
        for m in re.finditer(words, run.text):
            after = _AFTER_QUOTE_RE.match(run.text, m.end())
            if after and _letters(rec.quoted_title + after["tail"]) == heading:
                out.records[i] = replace(rec, quoted_title=f"{rec.quoted_title} {after['tail']}")
                break


#: A paragraph's preamble speaking for all its articles: 'De ontvangstenartikelen in deze paragraaf ...'.
_PARAGRAPH_ARTICLES_RE = re.compile(r"artikel\w*\s+in\s+deze\s+paragraaf", re.I)


def paragraph_links(doc: SourceDocument, heading: int) -> list[StatedLink]:
    """The ODs a paragraph's preamble links to every article of the paragraph.

    'De ontvangstenartikelen in deze paragraaf hebben betrekking op de dienstencheques en kaderen
    bijgevolg binnen operationele doelstelling 6: ‘title’.' The preamble runs from the numbered
    heading on line ``heading`` to the first article, goal or section heading.
    """
    end = heading + 1
    while end <= len(doc.lines):
        line = doc.line(end)
        if ARTICLE_HEADING_RE.match(line) or NUMBERED_HEADING_RE.match(line) or ROMAN_HEADING_RE.match(line) or od_heading(line):
            break
        end += 1
    if not _PARAGRAPH_ARTICLES_RE.search(text_run(doc, heading + 1, end - 1).text):
        return []
    return stated_links(doc, heading + 1, end - 1)


@dataclass(frozen=True)
class Row:
    """One row of a credit table: its label, the year in the label, the amounts, its lines."""

    label: str
    year: int | None
    amounts: tuple[Decimal, ...]
    first: int
    last: int


def credit_rows(
    doc: SourceDocument, start: int, columns: int, stop: re.Pattern[str], max_label_words: int = 8
) -> tuple[list[Row], int]:
    """The rows of a credit table whose first row line is at or after ``start``.

    A row is a label (words, possibly wrapped, possibly ending in a year) followed
    by exactly ``columns`` amounts, on one line or spread over several. The
    table ends at a line matching ``stop`` or at prose (a label of more than
    ``max_label_words`` words). Returns the rows and the line after the table.
    """
    rows: list[Row] = []
    label: list[str] = []
    amounts: list[Decimal] = []
    year: int | None = None
    row_first: int | None = None
    n = start
    while n <= len(doc.lines):
        line = doc.line(n)
        if is_noise(line):
            n += 1
            continue
        if (stop.match(line) or ARTICLE_HEADING_RE.match(line)) and not amounts:
            n = row_first or n
            break
        prose = False
        for token in line.split():
            if AMOUNT_TOKEN_RE.match(token) and not (YEAR_TOKEN_RE.match(token) and label and not amounts and year is None):
                amounts.append(parse_amount(token))
            elif YEAR_TOKEN_RE.match(token) and label and not amounts:
                year = int(token)
            elif amounts:
                prose = True  # words after numbers: a sentence quoting a number, not a table row
                break
            else:
                label.append(token)
            if row_first is None:
                row_first = n
        if prose:
            n = row_first or n
            break
        if len(label) > max_label_words and not amounts:
            n = row_first or n  # prose, not a row: the caller reads on from where it began
            break
        if len(amounts) >= columns:
            rows.append(Row(join_wrapped(label), year, tuple(amounts[:columns]), row_first or n, n))
            label, amounts, year, row_first = [], [], None, None
        n += 1
    return _rejoin_split_labels(rows), n


_CODE_TOKEN_RE = re.compile(r"^[A-Z]{2},?$")


def _rejoin_split_labels(rows: list[Row]) -> list[Row]:
    """Give back to a row the end of its label that the layout printed after its amounts.

    'ESR-' / 'uit-' / <amounts> / 'gaven' / 'WT, LO, PR' / 'Toe-' / 'lagen' / <amounts>: a label
    ending in a hyphen is unfinished, so the next label's first word, and the ESR codes that
    follow it, belong to it.
    """
    out: list[Row] = []
    for row in rows:
        previous = out[-1] if out else None
        words = row.label.split()
        if previous is not None and previous.label.endswith("-") and words:
            take = 1
            while take < len(words) and _CODE_TOKEN_RE.match(words[take]):
                take += 1
            out[-1] = replace(previous, label=join_wrapped([previous.label, *words[:take]]))
            row = replace(row, label=" ".join(words[take:]))
        out.append(row)
    return out


def heading_line(doc: SourceDocument, pattern: re.Pattern[str] | str) -> int | None:
    """The first line matching ``pattern``."""
    pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
    return next((n for n, line in enumerate(doc.lines, 1) if pattern.search(line)), None)


def section_end(doc: SourceDocument, start: int) -> int:
    """The line of the next roman-numbered chapter after ``start`` (or one past the end)."""
    return next((n for n in range(start + 1, len(doc.lines) + 1) if ROMAN_HEADING_RE.match(doc.line(n))), len(doc.lines) + 1)


def read_abbreviations(doc: SourceDocument) -> list[r.Abbreviation]:
    """The list of abbreviations: 'AO Algemene Ontvangsten' or 'ADG: Arbeitsamt ...', meanings may wrap."""
    start = heading_line(doc, ABBREVIATIONS_HEADING_RE)
    if start is None:
        return []
    return abbreviations(list(numbered(doc, start + 1, section_end(doc, start) - 1)))


@dataclass(frozen=True)
class Owner:
    """A goal or article heading the reader read: the text below it owns the footnote markers in it."""

    first: int
    ref: r.GoalRef | r.ArticleRef

    @property
    def is_article(self) -> bool:
        return isinstance(self.ref, r.ArticleRef)


#: A numbered section heading ('1.3 Budgettair kader ...', '2.3.1.1. Ontvangsten'): the end of a goal's text.
NUMBERED_HEADING_RE = re.compile(r"^\s*\d+\.\d+(?:\.\d+)*\.?\s+[A-Z]")
#: A goal a footnote cites, with its title up to a part ('– luik ‘...’'), a further clause or the end.
_CITED_GOAL_RE = re.compile(
    rf"\b(?P<level>OD|SD)\s?(?P<number>{GOAL_NUMBER})\b\s*:?\s*(?P<title>.*?)\s*(?=\s[–-]\s|,?\s*Zie\b|$)"
)


def cited_goals(text: str) -> list[tuple[str, str, str | None]]:
    """('OD', '10', title) for each goal a footnote cites: 'Zie ook OD 10 <title>, Zie ook begroting: ...'."""
    return [(m["level"], m["number"], m["title"].rstrip(" .,;:") or None) for m in _CITED_GOAL_RE.finditer(text)]


def _ends_goal_text(line: str) -> bool:
    if ROMAN_HEADING_RE.match(line) or ISE_HEADING_RE.match(line):
        return True
    return bool(NUMBERED_HEADING_RE.match(line)) and not (od_heading(line) or sd_heading(line))


def read_footnotes(doc: SourceDocument, owners: list[Owner], body_end: int) -> Iterator[r.GoalLink | r.GoalReference]:
    """What footnotes state: OD -> article links ('Deze operationele doelstelling is gelinkt aan ...',
    'Zie ook begroting: onder ...') and references to other goals ('Zie ook OD 10 <title>').

    A footnote belongs to the heading in whose text its marker stands: the nearest OD or article
    heading before the marker, unless a chapter, ISE or numbered section heading comes between them.
    In an OD's text, codes are links stated by the OD and a cited goal is a cross-reference of its
    own; in an article's text, a cited OD is a link stated by the article.
    """
    owners = sorted(owners, key=lambda o: o.first)
    breaks = [n for n in range(1, body_end) if _ends_goal_text(doc.line(n))]
    for note in footnotes(doc):
        at = marker_line(doc, note) if note.first < body_end else None
        owner = next((o for o in reversed(owners) if o.first <= at), None) if at else None
        if owner is None or any(owner.first < b <= at for b in breaks):
            continue
        span = (note.first, note.last)
        if isinstance(owner.ref, r.GoalRef):
            for code in article_codes(note.text):
                yield r.GoalLink(owner.ref.number, code, "od", span)
        for level, number, title in cited_goals(note.text):
            if isinstance(owner.ref, r.ArticleRef) and level == "OD":
                yield r.GoalLink(number, owner.ref.code, "article", span, quoted_title=title)
            else:
                yield r.GoalReference(owner.ref, r.GoalRef(level, number), title, span)


#: '1. ISE: Activering (Sociale economie), MVG excl. DAB', '2. ISE LOOPBANEN', and in excerpts without
#: the number 'ISE: BELEIDSONDERSTEUNING, MVG excl. DAB' (the colon tells a heading from a sentence).
ISE_HEADING_RE = re.compile(r"^\s*(?:(\d{1,2})\.\s+ISE:?|ISE:)\s+(.+?)\s*$")
TOTAL_RE = re.compile(r"^\s*TOTAAL\s*[-–]\s*(.+?),\s*(excl\..*?)\s*$")
PROGRAMME_RE = re.compile(r"^\s*PROGRAMMA\s+([A-Z]{2})\s*[-–]\s*(?:[A-Z]{2}0\s*[-–]\s*)?(.+?)\s*$")
#: 'VI. BELEIDSVELD I: SOCIALE ECONOMIE', 'V. BELEIDSVELD WERK', and in excerpts 'BELEIDSVELD I: WELZIJN'.
FIELD_RE = re.compile(r"^\s*(?:[IVX]+\.\s+)?BELEIDSVELD\b(?:\s+[IVX]+\b)?\s*:?\s*(\S.*?)\s*$")
_TITLE_RE = re.compile(r"^\s*Beleids-\s*en\s+begrotingstoelichting\s+(?:[-–:]\s*)?(\S.{2,80}?)\s*$", re.IGNORECASE)


def domain_name(text: str) -> str:
    """'SOCIALE ECONOMIE' -> 'Sociale Economie' (the documents write domains in capitals in headings)."""
    small = {"en", "van", "de", "het"}
    words = text.strip().split()
    return " ".join(w.lower() if w.lower() in small and i else w.capitalize() for i, w in enumerate(words))


@dataclass(frozen=True)
class Domain:
    """The policy domain a BBT is about, the line that names it, and what its totals exclude."""

    name: str
    line: int
    named_by: str
    excluded: str | None = None


def document_domain(doc: SourceDocument) -> Domain:
    """The domain from the 'TOTAAL - <domain>, excl. ...' table or, in an excerpt without it, from
    the one programme, the one policy field or the title the document names.

    Raises :class:`DocumentError` when the text names none of them.
    """
    for n, line in enumerate(doc.lines, 1):
        if m := TOTAL_RE.match(line):
            return Domain(domain_name(m.group(1)), n, "TOTAAL-tabel", m.group(2))
    for pattern, named_by, group in ((PROGRAMME_RE, "programma", 2), (FIELD_RE, "beleidsveld", 1), (_TITLE_RE, "titel", 1)):
        found = {domain_name(m.group(group)): n for n, line in enumerate(doc.lines, 1) if (m := pattern.match(line))}
        if len(found) == 1:
            ((name, n),) = found.items()
            return Domain(name, n, named_by)
    raise doc.error("names no 'TOTAAL - <domain>' table, programme, policy field or title: cannot tell its policy domain")


def dehyphenate(label: str) -> str:
    """'ESR-uit-gaven' -> 'ESR-uitgaven', 'Toe-lagen' -> 'Toelagen': hyphens of a wrapped word."""
    return re.sub(r"(?<=[a-z])-(?=[a-z])", "", label)
