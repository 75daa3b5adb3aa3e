"""A total the prose states, with its parts over the sentences after it (claims of kind ``som``).

'De investeringsuitgaven voor een totaal van 22.259 keuro betreft de aankoop van grond … voor een bedrag van 9.896
keuro en diverse investeringen in gebouwen voor een bedrag van 2.928 keuro. De investeringsuitgaven I&T bedroegen
5.624 keuro en roerende facilitaire investeringen 1.823 keuro': the parts of a whole, told over two sentences of
one bullet item, that add up to 20.271. 'In realiteit liepen de ontvangsten op tot 1.447 keuro', then each receipt
in turn and 'Voor het overige werden nog kleine bedragen voor een totaal van 24 keuro teruggevorderd': over the
paragraphs of an article's explanation.

The parts are the amounts after the total in its sentence and in the sentences that follow in the same stretch of
prose that speak of the same thing (the total's noun, 'ontvangst', 'investering', or 'Voor het overige'), up to a new
bullet item, a new total or an amount of something else. Comparisons are not parts: an amount in brackets ('(885
keuro)'), of another year ('(180 keuro in 2022)'), or a difference ('7.200 keuro lager dan begroot') ends the attempt.

Kept conservative, since prose often names only the main parts: the sum is contradicted only when the wording says
the parts make up the whole (the total 'betreft', 'bestaat uit', 'omvat' them, or a part is 'het overige') and no
words say the list is partial ('onder meer', 'waaronder', 'vooral', 'diverse …' with no amount of its own); else a
sum that does not add up is unresolved. Each figure may be rounded: half a unit of its last digit each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .claim_movements import MentionLike, SentenceLike
from .numbers import format_amount as _fmt
from .numbers import half_unit as _half_unit

#: What a stated total follows: 'voor een totaal van', 'in totaal', 'liepen de ontvangsten op tot'.
_TOTAL_RE = re.compile(r"(?:\btotaal\s+(?:bedrag\s+)?van|\bin\s+totaal|\bop\s+tot)\s*$", re.IGNORECASE)
#: The nouns a total is of; its parts speak of the same.
_HEADS = ("ontvangst", "uitgave", "investering", "opbrengst", "werkingskost", "vergoeding", "inkomst", "vastlegging")
_HEAD_RE = re.compile(r"(" + "|".join(_HEADS) + r")", re.IGNORECASE)
#: A part that says it is the rest: the list it ends is the whole.
_REST_RE = re.compile(r"\s*(?:Voor\s+het\s+overige|Het\s+overige|De\s+overige|De\s+rest|Het\s+saldo)\b")
#: A total said to consist of what follows.
_CONSISTS_RE = re.compile(
    r"\b(?:betreft|betreffen|bestaat\s+uit|bestond\s+uit|bestaan\s+uit|omvat|omvatten|samengesteld\s+uit|als\s+volgt)\b"
)
#: Words that say the parts named are some of them.
PARTIAL_RE = re.compile(
    r"\b(?:onder\s+meer|onder\s+andere|o\.a\.|waaronder|waarvan|bijvoorbeeld|zoals|vooral|voornamelijk|hoofdzakelijk"
    r"|grotendeels|in\s+hoofdzaak|belangrijkste|enkele)\b",
    re.IGNORECASE,
)
#: 'diverse …' naming no amount of its own in its clause: the rest, unquantified.
_DIVERSE_RE = re.compile(r"\bdiverse\b(?!(?:[^,;.]|\.(?=\d)){0,80}?\d\s*k?euro)", re.IGNORECASE)
_BULLET_RE = re.compile(r"\s*[•\-–]\s")


@dataclass(frozen=True)
class Total:
    status: str  # 'matched', 'contradicted', 'unresolved'
    total: Decimal
    parts: tuple[Decimal, ...]
    how: str
    span: tuple[int, int]
    text: str
    credit: str | None = None


def totals(stretch: Sequence[tuple[SentenceLike, Sequence[MentionLike]]]) -> list[Total]:
    """The totals of one stretch of prose stated with their parts over the sentences after them."""
    out = []
    for i, (s, mentions) in enumerate(stretch):
        if _REST_RE.match(s.text):
            continue  # 'Voor het overige … voor een totaal van 24 keuro': a part of the sum before it
        for k, total in enumerate(mentions):
            if total.unit != "duizend euro" or total.value <= 0 or not _TOTAL_RE.search(s.text[: total.start]):
                continue
            head = _HEAD_RE.findall(s.text[: total.start])
            if not head:
                continue
            found = _parts(stretch, i, k, head[-1].lower())
            if found is None or len(found[0]) < 2:
                continue
            parts, words, last = found
            out.append(_judge(s, total, parts, words, last))
            break
    return out


def _parts(stretch, i: int, k: int, head: str):
    """The parts after the ``k``-th amount of sentence ``i``, the words they stand in, and where the last is;
    ``None`` when a comparison or difference shows the amounts are not a breakdown."""
    s, mentions = stretch[i]
    parts: list[tuple[MentionLike, SentenceLike]] = []
    words = [s.text[mentions[k].end :]]
    candidates = [(s, m) for m in mentions[k + 1 :]]
    for t, ms in stretch[i + 1 :]:
        if _BULLET_RE.match(t.text) or (_TOTAL_RE.search(t.text) and not _REST_RE.match(t.text)):
            break  # a new item, or a total of its own
        if not ms:
            continue
        if not (_REST_RE.match(t.text) or head in t.text.lower()):
            break  # an amount of something else
        words.append(t.text)
        candidates += [(t, m) for m in ms]
    for t, m in candidates:
        before, after = t.text[: m.start], t.text[m.end :]
        if re.search(r"\([^()]*$", before) or re.match(r"\s*(?:in|voor)\s+(?:19|20)\d\d\b", after):
            continue  # '(885 keuro)', '(180 keuro in 2022)': a comparison
        if m.value < 0 or re.match(r"\s*(?:lager|hoger|meer|minder)\b", after):
            return None  # a difference or a reduction: not a breakdown
        parts.append((m, t))
    if not parts:
        return None
    m, t = parts[-1]
    return [p for p, _t in parts], words, t.span(m.start, m.end)


def _judge(s: SentenceLike, total: MentionLike, parts: list[MentionLike], words: list[str], last: tuple[int, int]) -> Total:
    values = tuple(abs(p.value) if p.unit == "duizend euro" else abs(p.value) / 1000 for p in parts)
    computed = sum(values, Decimal(0))
    room = slack(total.value) + sum((slack(v) for v in values), Decimal(0))
    whole = abs(total.value)
    text = " ".join(words)
    complete = bool(_CONSISTS_RE.search(words[0]) or any(_REST_RE.match(w) for w in words[1:]))
    partial = bool(PARTIAL_RE.search(text) or _DIVERSE_RE.search(text))
    status = "matched" if abs(computed - whole) <= room else "contradicted" if complete and not partial else "unresolved"
    how = " + ".join(_fmt(v) for v in values) + f" = {_fmt(computed)}"
    span = (s.span(total.start, total.end)[0], last[1])
    claim_text = s.text[total.start : total.end].strip() + " … " + " … ".join(_fmt(v) + " keuro" for v in values)
    return Total(status, whole, values, how, span, claim_text)


def slack(value: Decimal) -> Decimal:
    """What rounding may have moved a figure: half a keuro, or half its rounded hundreds ('29.000', '7.800'). One
    trailing zero ('260 keuro') is as often exact: a figure in keuro ends in 0 one time in ten."""
    rounded = _half_unit(value)
    return rounded if rounded >= 50 else Decimal("0.5")


__all__ = ["PARTIAL_RE", "Total", "slack", "totals"]
