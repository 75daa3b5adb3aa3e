"""The day an act was approved, as the prose tells it, against the date the document cites the act with.

A decision of the Flemish Government is dated by the day the government approves it definitively, and a decree by
the day it is sanctioned, after the parliament approved it. So 'Het besluit tot wijziging van het BVR van 1 juli 2022
dat de loongrenzen van de jobbonus aanpast … werd definitief goedgekeurd door de Vlaamse Regering op 2/7/2023'
(004:603-605) contradicts the annex's 'Besluit van de Vlaamse Regering van 2 juni 2023 tot wijziging van het besluit
van de Vlaamse Regering van 1 juli 2022 … wat betreft de aanpassing van de loongrenzen …' (004:8659-8662), and 'Op 23
februari 2023 werd een nieuw Decreet over de sectorconvenants … goedgekeurd' (004:4010-4012) the 'Decreet van 17
februari 2023 over de sectorconvenants …' (004:8575): approved after its own date.

Which act the prose means is read from what it says, never guessed: a decree by its title (as :mod:`.act_dates`
compares citations), an amending decision by the decision it amends (its kind and date) and at least two words of
what the amendment is about that the citation shares. An approval 'in principle' or 'in first reading' precedes the
act's date and is not compared; nor is an act cited with more than one date, or one the document does not cite.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import records as r
from .act_dates import ActDate, act_dates, running_text, same_act, title_words
from .event_dates import DATE_RE, DATE_TEXT, When, parse_date
from .text import JoinedText, normalise_space

_BVR = r"(?:besluit\s+van\s+de\s+Vlaamse\s+Regering|BVR)"
#: An act the prose says was approved: 'Het besluit tot wijziging van het BVR van … werd definitief goedgekeurd door de
#: Vlaamse Regering op 2/7/2023', 'Op 23 februari 2023 werd een nieuw Decreet over … goedgekeurd'.
_APPROVED_RES = (
    re.compile(
        r"\b(?:[Hh]et|[Ee]en)\s+(?:nieuwe?\s+)?(?P<kind>decreet|wijzigingsbesluit|besluit|BVR)\b(?P<rest>[^.;]{10,300}?)\s+"
        rf"(?:werd|is)\s+(?:(?:op|in)\s+(?P<before>{DATE_TEXT})\s+)?(?:(?P<qual>definitief|principieel|voorlopig|in\s+(?:eerste|tweede)\s+lezing)\s+)?goedgekeurd"
        rf"(?:\s+door\s+de\s+Vlaamse\s+[Rr]egering)?(?:\s+op\s+(?P<after>{DATE_TEXT}))?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b[Oo]p\s+(?P<before>{DATE_TEXT}),?\s+(?:werd|is)\s+(?:het|een)\s+(?:nieuwe?\s+)?(?P<kind>decreet|besluit)\b"
        r"(?P<rest>[^.;]{10,300}?)\s+(?:(?P<qual>definitief|principieel|voorlopig|in\s+(?:eerste|tweede)\s+lezing)\s+)?goedgekeurd",
        re.IGNORECASE,
    ),
)
_AMENDS_RE = re.compile(rf"^\s*tot\s+wijziging\s+van\s+(?:het|de)\s+(?P<amended>{_BVR}|decreet)\s+van\s+(?P<date>{DATE_TEXT})")
#: An amending decision the document cites: 'Besluit van de Vlaamse Regering (van) 2 juni 2023 tot wijziging van het
#: besluit van de Vlaamse Regering van 1 juli 2022 …', up to the next act the annex lists.
_AMENDMENT_RE = re.compile(
    rf"\b{_BVR}\s+(?:van\s+)?(?P<date>{DATE_TEXT})\s+tot\s+wijziging\s+van\s+(?:het|de)\s+(?P<amended>{_BVR}|decreet)\s+van\s+"
    rf"(?P<amended_date>{DATE_TEXT})(?P<rest>.{{0,300}}?)(?=\b(?-i:Besluit|Decreet|Ministerieel)\s+van\b|$)",
    re.IGNORECASE,
)
#: Words that say nothing of what an amendment is about.
_GENERIC = frozenset(
    ("besluit", "vlaamse", "regering", "decreet", "wijziging", "uitvoering", "betreft", "aanpassing", "regeling")
) | frozenset(("toekenning", "bepalingen", "diverse", "houdende", "betreffende", "sprake"))
#: Abbreviations written with full stops ('n.a.v.'): hidden, so that a full stop ends a sentence.
_DOTTED_RE = re.compile(r"\b(?:[a-zA-Z]\.){2,}")


@dataclass(frozen=True)
class _Cited:
    span: tuple[int, int]
    when: When
    amended: tuple[str, str]
    words: frozenset[str]


def _kind(word: str) -> str:
    word = " ".join(word.lower().split())
    return "decreet" if word == "decreet" else "BVR"


def _about(text: str) -> frozenset[str]:
    """The words that tell what an amendment is about (six letters or more, generic words of acts left out)."""
    return frozenset(w for w in re.findall(r"[a-zà-ÿ]{6,}", text.lower()) if w not in _GENERIC)


def _amendments(text: str, joined: JoinedText) -> list[_Cited]:
    """Every amending decision the document cites, with the decision it amends and what it is about."""
    out = []
    for m in _AMENDMENT_RE.finditer(text):
        amended = (_kind(m["amended"]), parse_date(DATE_RE.fullmatch(m["amended_date"])).text.lower())
        span = joined.lines_of(m.start(), m.end("amended_date"))
        out.append(_Cited(span, parse_date(DATE_RE.fullmatch(m["date"])), amended, _about(m["rest"])))
    return out


def _approvals(text: str) -> Iterator[tuple[re.Match[str], When]]:
    """Each dated approval of an act, with its date; approvals in principle left out."""
    for pattern in _APPROVED_RES:
        for m in pattern.finditer(text):
            date = m["before"] or m.groupdict().get("after")
            if date and (m["qual"] or "").lower() in ("", "definitief"):  # approved in principle: before the act's date
                yield m, parse_date(DATE_RE.fullmatch(date))


def approval_dates(parsed: r.DocumentRecords, acts: list[ActDate] | None = None) -> list[ActDate]:
    """Each approval of an act the prose dates, against the date the document cites that act with: a decision of the
    government approved on another day, or a decree approved after its date, is contradicted; one that agrees is
    matched; one the document does not cite (once, with one date) is unresolved. ``acts``: the document's :func:`.act_dates`."""
    doc = parsed.doc
    joined = running_text(doc)
    text = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", "_"), joined.text)
    amendments = _amendments(text, joined)
    acts = [a for a in (act_dates(doc) if acts is None else acts) if a.status != "contradicted"]
    out = []
    for m, when in _approvals(text):
        kind, rest = _kind(m["kind"]), m["rest"]
        if amends := _AMENDS_RE.match(rest):
            amended = (_kind(amends["amended"]), parse_date(DATE_RE.fullmatch(amends["date"])).text.lower())
            about = _about(rest[amends.end() :])
            cited = [(c.span, c.when) for c in amendments if c.amended == amended and len(c.words & about) >= 2]
            what, later_only = f"the decision amending the {amended[0]} of {amended[1]}", False
        elif kind == "decreet" and (words := title_words(rest)):
            key = ("decreet", " ".join(words))
            cited = [(a.span, parse_date(DATE_RE.fullmatch(a.date))) for a in acts if same_act(a.key, key)]
            what, later_only = f"the decreet '{key[1]}'", True
        else:
            continue
        dates = {c.text.lower() for _span, c in cited}
        span = joined.lines_of(m.start(), m.end())
        words = normalise_space(joined.text[m.start() : m.end()])
        if len(dates) != 1:  # not cited, or cited with several dates (act_dates reports those)
            out.append(ActDate(span, words, when.text, ("goedkeuring", what), "unresolved"))
            continue
        act_when = cited[0][1]
        late = when.sort_key() > act_when.sort_key()
        wrong = when.conflicts(act_when) and (late or not later_only)
        out.append(
            ActDate(
                span,
                words,
                when.text,
                ("goedkeuring", what),
                "contradicted" if wrong else "matched",
                (act_when.text,),
                tuple(s for s, _c in cited),
            )
        )
    return out


__all__ = ["approval_dates"]
