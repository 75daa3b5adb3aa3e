"""Credit movements stated in an article's section, added up against its table (claims of kind ``verloop``).

An article's explanation often tells how its credit went from the adjusted budget to the credit available at year
end: 'Het bij BA 2023 decretaal toegekende krediet bedraagt 14.827 keuro VAK en 15.134 keuro VEK', then 'een
herverdeling van 770 keuro VAK/VEK', 'een bijkomend budget van 304.000 euro'. The table gives both ends (1e BA and
1e BA-JR of an execution, BA and BO of a draft budget). The base plus the movements the text states is the end,
for each credit type, or the text leaves a movement out or misstates one.

Kept conservative, since a section may tell only part of the story: the reconciliation is tried only when the
section states the base (the table's value) and at least one movement of that credit type; it can contradict only
when every amount between the base and the execution is read as a movement or a restated level, no words say the
list is partial ('enkele', 'verschillende', 'onder meer', …), no amount in brackets could be a part of another, none
is told twice and no movement of the credit is told after the execution.
A movement whose direction the text does not give ('een herverdeling van 770 keuro') may go either way, one without a
credit type ('304.000 euro') may be of either or both: contradicted only when no such reading reaches the table's
end. The whole change stated before its parts ('toenam met 6.890 keuro VAK en 17.557 keuro VEK: …') is a level, like
the end itself ('tot 16.101 keuro'), not one more movement; a list headed by signed amounts ('- Index (+11.433 keuro
VAK/VEK)', a draft budget's movements) is read by its headings alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from typing import Protocol

from .numbers import format_amount as _fmt

#: Words that say a sentence tells of a movement of the article's credit.
MOVEMENT_RE = re.compile(
    r"herverde|herschik|kredietherschikking|overdracht|overgedragen|overgezet|bijkomend|compensatie|gecompenseerd"
    r"|aangevuld|verhoogd|verlaagd|verminderd|toegevoegd|\bextra\b|\bindex\b|\bkwam\b[^.;:]{0,60}\b(?:bij|toe)\b|toegekend"
    r"|gespijsd|toenam|afnam|\bsteeg\b|\bdaalde\b|toegenomen|afgenomen",
    re.IGNORECASE,
)
#: Words of the year's execution: the movements are told before them.
EXECUTION_RE = re.compile(
    r"\bbegrotingsuitvoering\b|\buitvoering\s+(?:op\s+(?:dit|deze|het)\b|bedr)|\bkende\s+een\s+uitvoering|\brealisatie\b"
    r"|\buitgaven\s+(?:bedr|\d)|\bbesteed|\bvastgelegd|\bvereffend|\bonderbenut|\baangerekend|\bbenutting|\bbetaald"
    r"|\baangewend",
    re.IGNORECASE,
)
#: Words of the article's own credit: a movement told after the execution is of it when it names it (a stretch of prose
#: may run on past the article's section, into an entity's report).
_OWN_CREDIT_RE = re.compile(r"\b(?:budget|krediet|begrotingsartikel|VAK|VEK)\b|\w+(?:budget|krediet)\b", re.IGNORECASE)
#: Words that say the movements told are some of them only.
PARTIAL_RE = re.compile(
    r"\b(?:enkele|verschillende|diverse|o\.a\b|onder\s+meer|onder\s+andere|voornamelijk|hoofdzakelijk|belangrijkste"
    r"|waaronder|waarvan|hiervan|samen|in\s+totaal|een\s+aantal|onder\s+meer)",
    re.IGNORECASE,
)
_INTO = r"naar\s+(?:dit|deze)\s+(?:begrotings)?artikel"
#: Where money leaves to: another article, domain, entity or provision ('naar het begrotingsartikel van de IMW-loonpremie',
#: 'naar het beleidsdomein Welzijn'); 'naar de loonkredieten' (within the article) and 'naar dit begrotingsartikel' not.
_NEGATIVE_RE = re.compile(
    r"\bnaar\s+(?!(?:dit|deze)\b)(?:[\w’'-]+\s+){0,3}?(?:(?:begrotings|toelage-?|IS-|WT-)?artikel|beleidsdomein|departement"
    r"|agentschap|entiteit|provisie)|\bnaar\s+(?:elders|[A-Z]{2}0-)|\bverminderd|\bverlaagd|\bafgenomen|\bafnam\b|\bdaalde\b"
    r"|\bingeleverd|\bafgestaan|\bminder\b",
    re.IGNORECASE,
)
_POSITIVE_RE = re.compile(
    r"\b(?:vanuit|uit|bijkomend\w*|aangevuld|verhoogd|toegevoegd|extra|toegekend|gespijsd|steeg|toenam|toegenomen|bij)\b"
    r"|\btoe\s+op\s+dit\b|" + _INTO,
    re.IGNORECASE,
)
_CHANGE_VERBS = r"stijging|daling|toename|afname|toenam|afnam|steeg|daalde|aangroeide|groeide"
#: What a whole change's amount follows: 'een stijging met', 'het VAK afnam met 3.084 keuro en het VEK met', 'toenam met
#: 6.890 keuro VAK en'.
_WHOLE_CHANGE_BEFORE = (
    rf"\b(?:{_CHANGE_VERBS})\b(?:[^.;:]|\.(?=\d)){{0,60}}\bmet\s*[-+]?\s*(?:[\d.]+\s*keuro\s*(?:VAK|VEK)?\s*en\s*)?$"
)
_CREDIT_WORD_RE = re.compile(r"\b(VAK|VEK)\b|(vastleggings|vereffenings)krediet")
#: Movements of a section tried at most: each may take two or three readings.
_MAX_MOVEMENTS = 8


class MentionLike(Protocol):
    start: int
    end: int
    value: Decimal
    unit: str
    credits: tuple[str, ...]


class SentenceLike(Protocol):
    text: str

    def span(self, start: int, end: int) -> tuple[int, int]: ...

    def item_of(self, offset: int) -> int | None: ...

    def item_starts(self) -> list[int]: ...


Row = Callable[[str, str], tuple[Decimal, tuple[int, int]] | None]


@dataclass(frozen=True)
class Reconciliation:
    """One credit type of a section: the base, the movements as read, and the table's end."""

    credit: str
    status: str  # 'matched', 'contradicted', 'unresolved'
    stated: Decimal | None  # base plus movements, the reading nearest the table's end
    computed: Decimal
    how: str
    span: tuple[int, int]
    text: str
    table_spans: tuple[tuple[int, int], ...]


@dataclass
class _Movement:
    value: Decimal  # in keuro, unsigned
    signs: tuple[int, ...]  # +1, -1, or both when the text does not say
    credits: tuple[str, ...]  # the credit types it is of; () when the text names none
    span: tuple[int, int]
    text: str
    exact: bool  # whole keuro (an amount in euro may not be)


def reconcile(
    sections: Sequence[tuple[SentenceLike, Sequence[MentionLike]]],
    row: Row,
    base_row: str,
    end_row: str,
) -> list[Reconciliation]:
    """The reconciliation of each credit type of one article's section: ``sections`` its sentences in order with their
    amounts, ``row(row, credit)`` the article's table."""
    ends = {c: row(end_row, c) for c in ("VAK", "VEK")}
    bases = {c: row(base_row, c) for c in ("VAK", "VEK")}
    if not all(ends.values()) or not all(bases.values()):
        return []
    start = _base(sections, bases)
    if start is None:
        return []
    i, base_mention, base_credits = start
    base_s = sections[i][0]
    movements, complete = _headed(sections[i:]) or _told(sections[i:], base_mention, ends, bases)
    if not movements:
        return []
    out = []
    for credit in base_credits:
        mine = [mv for mv in movements if not mv.credits or credit in mv.credits]
        if not mine:
            continue
        base, base_span = bases[credit]
        end, end_span = ends[credit]
        if len(mine) > _MAX_MOVEMENTS:
            continue
        readings = _readings(mine, credit)
        slack = sum((Decimal("0.5") for mv in mine if not mv.exact), Decimal(0))
        best = min(readings, key=lambda rd: abs(base + rd[0] - end))
        total, parts = best
        stated = base + total
        how = f"{base_row} {_fmt(base)}" + "".join(parts) + f" = {_fmt(stated)}; {end_row} {_fmt(end)} ({credit})"
        status = "matched" if abs(stated - end) <= slack else "contradicted" if complete else "unresolved"
        first, last = base_mention, mine[-1]
        span = (base_s.span(first.start, first.end)[0], last.span[1])
        text = f"{_clip(base_s.text, first)} … " + " … ".join(mv.text for mv in mine)
        out.append(Reconciliation(credit, status, stated, end, how, span, text, (base_span, end_span)))
    return out


def _told(sections, base_mention: MentionLike, ends, bases) -> tuple[list[_Movement], bool]:
    """The movements the sentences from the base on tell, up to the execution, and whether every amount among them was
    read as a movement or a level with no word that the list is partial.

    Not whole either: an amount in brackets (as often a part of a movement as one of its own), an amount told twice
    (one movement restated, or two), a movement told after the execution (the text goes back to the budget)."""
    movements: list[_Movement] = []
    complete = True
    base_s = sections[0][0]
    executed = False
    for s, mentions in sections:
        text = s.text
        own = [m for m in mentions if s is not base_s or m.start > base_mention.start]
        levels = [m for m in own if _is_level(m, text, ends, bases) or _states_whole_change(m, text, ends, bases)]
        rest = [m for m in own if m not in levels]
        if s is not base_s and own and EXECUTION_RE.search(text):
            executed = True
        if executed:
            if rest and MOVEMENT_RE.search(text) and _OWN_CREDIT_RE.search(text):
                complete = False  # a movement of the credit told beside or after the execution: not read
            continue
        if not rest:
            continue
        if not MOVEMENT_RE.search(text):
            complete = False  # an amount that is neither a movement nor a level: what it is, unknown
            continue
        if PARTIAL_RE.search(text) or any(re.search(r"\([^()]*$", text[: m.start]) for m in rest):
            complete = False
        for k, m in enumerate(rest):
            clause = text[(rest[k - 1].end if k else 0) : rest[k + 1].start if k + 1 < len(rest) else len(text)]
            movements.append(_movement(m, text, clause, s))
    if len({mv.value for mv in movements}) < len(movements):
        complete = False
    return movements, complete


def _headed(sections) -> tuple[list[_Movement], bool] | None:
    """The movements of a list whose items are headed by a label and a signed amount in brackets ('- Index (+11.433 keuro
    VAK/VEK)', '-Overgangsbepaling LDE (-1.174 keuro VAK/VEK)'), each told at length below its heading (amounts
    there are details, not more movements); whole when the words before it say so ('de resultante van de onderstaande
    bewegingen'). ``None`` without two such headings."""
    movements: list[_Movement] = []
    intro = ""
    for s, mentions in sections:
        for m in mentions:
            item = s.item_of(m.start)
            signed = re.search(r"\(\s*$", s.text[: m.start]) and s.text[m.start] in "+-–"
            if item is None or not signed or not re.match(r"\s*\)", s.text[m.end :]):
                continue
            if re.search(r"[.;:]", s.text[item : m.start]) or m.start - item > 120:
                continue  # not the item's heading
            if not movements:
                intro = s.text[:item]
            movements.append(_movement(m, s.text, s.text[item : m.end], s))
    if len(movements) < 2:
        return None
    complete = bool(re.search(r"\b(?:resultante|onderstaande|volgende|als\s+volgt|bestaat\s+uit)\b", intro))
    return movements, complete and not PARTIAL_RE.search(intro)


def _base(sections, bases) -> tuple[int, MentionLike, tuple[str, ...]] | None:
    """The first statement of the base: an amount in keuro that is the table's base row of the credit types it names
    (both when it names none), in a sentence that speaks of the adjusted budget."""
    for i, (s, mentions) in enumerate(sections):
        if not re.search(r"\b(?:BA|begrotingsaanpassing|decretaal|decretale)\b", s.text):
            continue
        for m in mentions:
            if m.unit != "duizend euro":
                continue
            credits = m.credits or ("VAK", "VEK")
            hits = tuple(c for c in credits if bases[c][0] == abs(m.value))
            if hits and len(hits) == len(credits):
                nxt = next((n for n in mentions if n.start > m.end), None)
                if len(hits) == 1 and nxt is not None and nxt.credits and nxt.credits != hits:
                    other = nxt.credits[0]
                    if bases[other][0] == abs(nxt.value) and re.fullmatch(r"\s*(?:en|,)\s*", s.text[m.end : nxt.start]):
                        hits = (*hits, other)  # '14.827 keuro VAK en 15.134 keuro VEK'
                return i, m, hits
    return None


def _is_level(m: MentionLike, text: str, ends, bases) -> bool:
    """An amount that restates where the credit stands: the end ('tot 16.101 keuro', 'Hierdoor bedroeg … 706 keuro')
    or the base again, of a credit type it names (any when it names none)."""
    if m.unit != "duizend euro":
        return False
    credits = m.credits or ("VAK", "VEK")
    if any(ends[c][0] == abs(m.value) for c in credits):
        return True
    if any(bases[c][0] == abs(m.value) for c in credits):
        return True
    return bool(re.search(r"\btot\s*$", text[: m.start]))


def _states_whole_change(m: MentionLike, text: str, ends, bases) -> bool:
    """'Dit is een stijging met 1.502 keuro VAK/VEK', 'waardoor het VAK afnam met 3.084 keuro': the article's whole change
    of a credit type, stated as a change; the movements told after it are its parts, not more of it."""
    if m.unit != "duizend euro" or not re.search(_WHOLE_CHANGE_BEFORE, text[max(0, m.start - 80) : m.start]):
        return False
    credits = m.credits or ("VAK", "VEK")
    return any(abs(m.value) == abs(ends[c][0] - bases[c][0]) for c in credits)


def _movement(m: MentionLike, text: str, clause: str, s: SentenceLike) -> _Movement:
    value = abs(m.value) if m.unit == "duizend euro" else abs(m.value) / 1000
    signed = getattr(m, "signed", None)
    raw_sign = text[max(0, m.start - 2) : m.start]
    if m.value < 0 or (signed is not None and signed < 0):
        signs: tuple[int, ...] = (-1,)
    elif "+" in raw_sign or (signed is not None and signed > 0):
        signs = (1,)
    else:
        neg, pos = bool(_NEGATIVE_RE.search(clause)), bool(_POSITIVE_RE.search(clause))
        signs = (-1,) if neg and not pos else (1,) if pos and not neg else (1, -1)
    credits = tuple(m.credits)
    if not credits:  # 'In VEK werd 165 keuro gecompenseerd': the one credit type its clause names
        named = {x or ("VAK" if y == "vastleggings" else "VEK") for x, y in _CREDIT_WORD_RE.findall(clause)}
        credits = tuple(named) if len(named) == 1 else ()
    return _Movement(value, signs, credits, s.span(m.start, m.end), _clip(text, m), value == int(value))


def _readings(movements: list[_Movement], credit: str) -> list[tuple[Decimal, list[str]]]:
    """Every reading of the movements for one credit type: each sign the text allows, and an amount without a credit
    type counted or not."""
    options = []
    for mv in movements:
        opts = [(sign * mv.value, f" {'+' if sign > 0 else '−'} {_fmt(mv.value)}") for sign in mv.signs]
        if not mv.credits:
            opts.append((Decimal(0), ""))
        options.append(opts)
    return [
        (sum((v for v, _ in combo), Decimal(0)), [w for _, w in combo if w])
        for combo in product(*options)
        if any(w for _, w in combo) or not movements
    ] or [(Decimal(0), [])]


def _clip(text: str, m: MentionLike) -> str:
    return text[m.start : m.end].strip()


__all__ = ["Reconciliation", "reconcile"]
