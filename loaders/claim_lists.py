"""A total broken down in a list of bullet items that each open with their amount (claims of kind ``som``).

'Het budget op dit begrotingsartikel bedroeg eind 2023 19.589 keuro VAK en 33.932 keuro VEK. Dit budget bestaat uit:
- 19.469 keuro VAK en 33.812 keuro VEK saldo-opbouw voorgaande jaren; - 120 keuro VAK/VEK aan vorderingen …';
'De reële ontvangsten bedroegen echter 3.019 keuro en hebben betrekking op volgende ontvangsten: - 65 keuro …; - 192
keuro …'. The words before the colon say the list is the whole ('bestaat uit', 'als volgt', 'volgende'), so the
items' amounts add up to the total, per credit type.

The total is the amount just before the colon in the same sentence, else, when the sentence opens by pointing back
('Dit budget', 'De totale kredietbehoefte'), the amount of the nearest sentence before it with one (a single amount or
a VAK/VEK pair). Each item counts with the amounts that open it ('- 19.469 keuro VAK en 33.812 keuro VEK …'); a list
whose items do not all open with an amount is not read. Contradicted unless a word before the list says it is partial
('onder meer', 'o.a.', 'voornamelijk', …); each figure may be rounded (half a keuro, half its hundreds when it ends in 00).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .claim_movements import MentionLike, SentenceLike
from .claim_totals import PARTIAL_RE, Total, slack
from .numbers import format_amount as _fmt

#: What says the list that follows is the whole: 'bestaat uit:', 'werd als volgt opgedeeld:', 'op volgende ontvangsten:'.
_INTRO_RE = re.compile(
    r"\b(?:bestaat|bestond|bestaan|bestonden)\s+uit\s*:|\bals\s+volgt\b[^.:;]{0,40}:|\b(?:volgende|onderstaande)\b[^.:;]{0,60}:"
)
#: A sentence that opens by pointing back at an amount stated before it.
_BACK_RE = re.compile(
    r"\s*(?:Dit|Deze|Het|De)\s+(?:totale\s+)?(?:budget|bedrag|middelen|krediet\w*|ontvangsten|uitgaven)\b", re.IGNORECASE
)
_CREDITS = ("VAK", "VEK")


def listed_totals(stretch: Sequence[tuple[SentenceLike, Sequence[MentionLike]]]) -> list[Total]:
    """The totals of one stretch of prose broken down in a list of bullet items that open with their amounts."""
    out = []
    for i, (s, _mentions) in enumerate(stretch):
        intro = _INTRO_RE.search(s.text)
        if intro is None:
            continue
        items = _items(stretch, i, intro.end())
        if items is None or len(items) < 2:
            continue
        total = _total(stretch, i, intro.start())
        if not total:
            continue
        partial = PARTIAL_RE.search(s.text[: intro.end()])  # in an item ('… voor onder meer de stagebonus'): its own content
        named = any(m.credits for m in total) or any(m.credits for amounts, _t, _sp in items for m in amounts)
        for credit in _CREDITS if named else (None,):  # receipts name no credit type: one sum
            whole = [m for m in total if _of(m, credit)]
            parts = [m for amounts, _t, _sp in items for m in amounts if _of(m, credit)]
            if len(whole) != 1 or len(parts) < 2:
                continue
            value = abs(whole[0].value)
            values = tuple(abs(m.value) for m in parts)
            computed = sum(values, Decimal(0))
            room = slack(value) + sum((slack(v) for v in values), Decimal(0))
            status = "matched" if abs(computed - value) <= room else "unresolved" if partial else "contradicted"
            how = " + ".join(_fmt(v) for v in values) + f" = {_fmt(computed)}" + (f" ({credit})" if credit else "")
            span = (_span_of(stretch, whole[0])[0], items[-1][2][1])
            text = f"{_fmt(value)} keuro{f' {credit}' if credit else ''} … " + " … ".join(f"{_fmt(v)} keuro" for v in values)
            out.append(Total(status, value, values, how, span, text, credit))
    return out


def _of(m: MentionLike, credit: str | None) -> bool:
    """Whether an amount is of a credit type: the one it names, or both when it names a pair or none."""
    return m.unit == "duizend euro" and (credit is None or not m.credits or credit in m.credits)


def _items(stretch, i: int, after: int) -> list[tuple[list[MentionLike], str, tuple[int, int]]] | None:
    """The bullet items after the colon: in the rest of sentence ``i`` and in the sentences after it that open with a
    bullet; each with the amounts that open it, its words and its lines. ``None`` when an item opens with no amount."""
    pieces = []
    s, mentions = stretch[i]
    pieces.append((s, mentions, after))
    for t, ms in stretch[i + 1 :]:
        if not t.item_starts() or t.item_starts()[0] != 0:
            break
        pieces.append((t, ms, 0))
    items = []
    for t, ms, start in pieces:
        starts = [k for k in t.item_starts() if k >= start]
        if t is s and (not starts or t.text[start : starts[0]].strip()):
            return None  # words between the colon and the first bullet: not a list of amounts
        for a, b in zip(starts, [*starts[1:], len(t.text)], strict=True):
            inside = [m for m in ms if a <= m.start < b]
            opening = []
            for m in inside:
                gap = t.text[(opening[-1].end if opening else a + 1) : m.start]
                if (not opening and gap.strip()) or (opening and not re.fullmatch(r"\s*(?:en|,)\s*", gap)):
                    break
                opening.append(m)
            if not opening:
                return None
            items.append((opening, t.text[a:b], t.span(a, b)))
    return items


def _total(stretch, i: int, colon: int) -> list[MentionLike]:
    """The total a list breaks down: the amounts of the clause before the colon, else the amounts of the nearest
    sentence before (within two) when this one points back to it; a single amount or one per credit type."""
    s, mentions = stretch[i]
    before = [m for m in mentions if m.end <= colon and m.unit == "duizend euro"]
    if not before and _BACK_RE.match(s.text):
        for _t, ms in reversed(stretch[max(0, i - 2) : i]):
            if ms:
                before = [m for m in ms if m.unit == "duizend euro"]
                break
    if len(before) == 1 or (len(before) == 2 and {c for m in before for c in m.credits} == set(_CREDITS)):
        if all(len(m.credits) != 1 for m in before) and len(before) == 2:
            return []
        return before
    return []


def _span_of(stretch, m: MentionLike) -> tuple[int, int]:
    for t, ms in stretch:
        if any(x is m for x in ms):
            return t.span(m.start, m.end)
    raise ValueError("an amount of no sentence of the stretch")


__all__ = ["listed_totals"]
