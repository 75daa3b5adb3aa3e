"""How documents head their goals: one set of wordings for every loader.

An OD is headed 'OD 4: title', 'OD 4. title', 'OD 4 - title' or 'Operationele doelstelling 4: title',
after a section number or not ('1.2. OD 4: title'). Older documents number it under its SD instead:
'1.1. OD title' or '1.1 OD title' is OD 1 of SD 1, cited as 'OD 1.1'. An SD is headed 'SD 1: title',
'Strategische doelstelling 1: title', or in the older numbering '1. SD title' / '1. Strategische
doelstelling: title'. A goal's number is kept as printed ('4', '1.1'): its identity within its plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A goal number as printed: '4', or '1.1' (SD number . OD number) in the older numbering.
GOAL_NUMBER = r"\d{1,2}(?:\.\d{1,2})?"
#: What separates a goal's number from its title: ':' , '.', or a dash between spaces.
_SEPARATOR = r"(?:\s*:|\.(?!\d)|\s+[-–])"
#: A title starts with a word: a quote after the number is a citation in running text, not a heading.
_TITLE = r"(?P<title>[^\s‘'“\"].*?)"


def _heading_re(short: str, full: str) -> re.Pattern[str]:
    """'OD 4: title', optionally after a section number ('1.1. OD 4: title'), or the section number
    alone before the word ('1.1. OD title')."""
    return re.compile(
        rf"^\s*(?:#+\s*)?(?:(?P<prefix>\d{{1,2}}\.\d{{1,2}}(?=[.\s])|\d{{1,2}}(?=\.))\.?\s+)?"
        rf"(?:{short}|{full})(?:\s?(?P<number>\d{{1,2}}){_SEPARATOR}|\b\s*:?)\s*{_TITLE}\s*$"
    )


OD_HEADING_RE = _heading_re("OD", "Operationele doelstelling")
SD_HEADING_RE = _heading_re("SD", "Strategische doelstelling")


@dataclass(frozen=True)
class GoalHeading:
    """A goal heading's number as printed and the title on its first line."""

    number: str
    title: str


def parent_sd(number: str) -> str | None:
    """The SD an OD numbered '1.1' sits under ('1'); None for a plain number."""
    return number.split(".")[0] if "." in number else None


def od_heading(line: str) -> GoalHeading | None:
    """'OD 4: title', 'Operationele doelstelling 4. title', '1.1. OD title' -> its number and title."""
    return _heading(OD_HEADING_RE, line, dotted=True)


def sd_heading(line: str) -> GoalHeading | None:
    """'SD 1: title', 'Strategische doelstelling 1 - title', '1. SD title' -> its number and title."""
    return _heading(SD_HEADING_RE, line, dotted=False)


def _heading(pattern: re.Pattern[str], line: str, dotted: bool) -> GoalHeading | None:
    m = pattern.match(line)
    if not m:
        return None
    if m["number"]:
        return GoalHeading(m["number"], m["title"])
    # Numbered by its section alone: an OD as 'SD.OD', an SD by one number.
    if not m["prefix"] or ("." in m["prefix"]) != dotted:
        return None
    return GoalHeading(m["prefix"], m["title"])
