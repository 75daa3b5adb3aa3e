"""Dates of the acts a document cites: the same act, named by its title, has one date throughout the document.

A BBT cites its legal basis in the prose, its footnotes and an annex of regulations
('het besluit van de Vlaamse Regering van 26 juli 2016 tot toekenning van
onderbrekingsuitkeringen voor zorgkrediet'); citing the same act with another day, month or
year ('van 26 mei 2016 tot toekenning van de onderbrekingsuitkeringen …', 'KB van 12 december
20221 betreffende dienstencheques') is a slip that no table catches. An act is known by its
kind (decree, Flemish government decision, royal decree, ministerial decision, law) and the
first words of its title; amendments ('tot wijziging van …') and titles too short to tell acts
apart are not compared: many acts share them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from .source import SourceDocument
from .text import MONTHS_PATTERN, JoinedText, Line, is_noise, join_lines

_ACT_RE = re.compile(
    r"\b(?P<act>besluit\s+van\s+de\s+Vlaamse\s+Regering|BVR|koninklijk\s+besluit|KB|ministerieel\s+besluit|MB|decreet|wet)"
    rf"\s+van\s+(?P<date>\d{{1,2}}\s+(?:{MONTHS_PATTERN})\s+(?P<year>\d{{4,5}}))\s*,?\s*"
    r"(?P<title>(?:tot|betreffende|houdende|inzake|over|ter)\s+[^.;:()\"“”‘’]{10,200})",
    re.IGNORECASE,
)
_KINDS = {"besluit van de vlaamse regering": "BVR", "bvr": "BVR", "koninklijk besluit": "KB", "kb": "KB"}
_KINDS |= {"ministerieel besluit": "MB", "mb": "MB", "decreet": "decreet", "wet": "wet"}
_STOPWORDS = frozenset(
    {"de", "het", "van", "een", "voor", "en", "tot", "in", "op", "aan", "met", "te", "der", "bij", "die", "dat"}
    | {"inzake", "betreffende", "houdende", "over", "ter"}
)
#: Titles that many acts share: an amendment or repeal names the act it changes, not itself.
_SHARED_TITLES = ("wijziging", "aanpassing", "opheffing", "uitvoering", "diverse", "bepalingen", "vaststelling")
_TITLE_WORDS = 3
#: Words where a cited title ends and the sentence goes on.
_TITLE_ENDS = frozenset(["naast", "wat", "waarbij", "zodat", "voorziet", "wijzigde", "besluit", "decreet", "wet", "en"])


@dataclass(frozen=True)
class ActDate:
    """One citation of a dated act: its lines, the words cited, the date, and the act's key (kind and title)."""

    span: tuple[int, int]
    text: str
    date: str
    key: tuple[str, str]
    status: str  # "matched" (every citation agrees), "contradicted", "unresolved" (cited once)
    others: tuple[str, ...] = ()
    other_spans: tuple[tuple[int, int], ...] = ()


@functools.lru_cache(maxsize=2)
def running_text(doc: SourceDocument) -> JoinedText:
    """The document's lines joined into one text that remembers its lines, page numbers left out: what every date
    check of a document reads (kept for the last documents: several checks read the same one)."""
    return join_lines([Line(n, line) for n, line in enumerate(doc.lines, 1) if not is_noise(line)])


def act_dates(doc: SourceDocument) -> list[ActDate]:
    """Every dated act the document cites with a title, and whether its citations agree on the date.

    Where they differ, a citation is contradicted when another date is cited more often; when no date
    is, every citation is (which one is right the document does not say). A year of five digits is no year."""
    joined = running_text(doc)
    found: list[tuple[tuple[int, int], str, str, tuple[str, str], bool]] = []
    pos = 0
    while (m := _ACT_RE.search(joined.text, pos)) is not None:
        pos = m.start("title")  # an amendment's title cites the act it amends: read on inside it
        kind = _KINDS[" ".join(m["act"].lower().split())]
        words = title_words(m["title"])
        if not words or words[0].startswith(_SHARED_TITLES):
            continue
        date = " ".join(m["date"].lower().split())
        cited = re.match(r"(?:\S+\s+){0,8}\S+", m["title"])  # the title's first words, not where the sentence goes on
        end = m.start("title") + (cited.end() if cited else 0)
        found.append(
            (joined.lines_of(m.start(), end), joined.text[m.start() : end], date, (kind, " ".join(words)), len(m["year"]) > 4)
        )
    out = []
    for span, text, date, key, bad_year in found:
        same = [(sp, d) for sp, _t, d, k, _b in found if same_act(k, key)]
        dates = Counter(d for _sp, d in same)
        others = [(sp, d) for sp, d in same if d != date]
        if bad_year or (others and dates[date] <= max(c for d, c in dates.items() if d != date)):
            status = "contradicted"
        elif len(same) > 1:
            status = "matched"
        else:
            status = "unresolved"
        out.append(
            ActDate(
                span,
                " ".join(text.split()),
                date,
                key,
                status,
                tuple(dict.fromkeys(d for _sp, d in others)),
                tuple(sp for sp, _d in others),
            )
        )
    return out


_PERIOD_RE = re.compile(r"\(?\b(?P<start>(?:19|20)\d\d)\s*[-–]\s*(?P<end>(?:19|20)\d\d)\b\)?")
_ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")


def named_periods(doc: SourceDocument) -> list[ActDate]:
    """Periods given with the acronym of what they are of ('het oude OP 2014-2021', 'de tweede cyclus (2018-2024) van
    PIAAC'): one programme or cycle that starts in a year ends in one year throughout the document. Another start
    year is another programme (OP 2014-2020 beside OP 2021-2027); another end year from the same start is a slip,
    contradicted where it is the rarer (where both are as rare, at both)."""
    joined = running_text(doc)
    found: list[tuple[tuple[int, int], str, str, tuple[str, str]]] = []
    for m in _PERIOD_RE.finditer(joined.text):
        before = " ".join(joined.text[max(0, m.start() - 60) : m.start()].split()[-3:])
        after = re.match(r"\s*(?:van\s+)?(?:het\s+|de\s+)?([A-Z][A-Z0-9]{1,7})\b", joined.text[m.end() : m.end() + 30])
        names = set(_ACRONYM_RE.findall(before)[-1:]) | ({after.group(1)} if after else set())
        start = max(0, m.start() - len(before) - 1)
        for name in names:
            text = " ".join(joined.text[start : m.end() + (after.end() if after else 0)].split())
            found.append((joined.lines_of(m.start(), m.end()), text, f"{m['start']}-{m['end']}", (name, m["start"])))
    out = []
    for span, text, period, key in found:
        same = [(sp, p) for sp, _t, p, k in found if k == key]
        counts = Counter(p for _sp, p in same)
        others = [(sp, p) for sp, p in same if p != period]
        if others and counts[period] <= max(c for p, c in counts.items() if p != period):
            status = "contradicted"
        else:
            status = "matched" if len(same) > 1 else "unresolved"
        others_dates = tuple(dict.fromkeys(p for _sp, p in others))
        out.append(ActDate(span, text, period, key, status, others_dates, tuple(sp for sp, _p in others)))
    return out


def title_words(title: str) -> list[str]:
    """The first words of an act's title that tell it apart, up to where the sentence goes on ('… dienstencheques
    naast bovenvermelde', '… dienstencheques wat betreft', '… zorgkrediet wijzigde')."""
    words = []
    for word in re.findall(r"[a-zà-ÿ0-9-]+|,", title.lower()):
        if word == "," or word[0].isdigit() or word in _TITLE_ENDS:
            break
        if word not in _STOPWORDS:
            words.append(word)
    return words[:_TITLE_WORDS]


def same_act(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """One kind, and one title, or the shorter of two words or more the start of the longer (a title cut short by the
    sentence around it)."""
    if a[0] != b[0]:
        return False
    x, y = sorted((a[1].split(), b[1].split()), key=len)
    return x == y or (len(x) >= 2 and y[: len(x)] == x)


__all__ = ["ActDate", "act_dates", "named_periods", "running_text", "same_act", "title_words"]
