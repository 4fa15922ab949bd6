"""Personnel decisions (任免): 任命张三、李四为区人民政府副区长，王五为区教育局局长；免去赵六的区财政局局长职务。

The posts such a sentence states are not next to their people (the verb, 为 and 的 stand between), so
the [organ][title][name] patterns of kg.extract.people do not see them. Each verb opens a frame
(kg/lexicons/appointments.tsv, validated at load) that reads lists of names and the post they are given,
clause by clause, until a full stop, a semicolon or the next decision verb. Every post carries the
decision's status (appointed, nominated, removed), so a removal is never read as a post held.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..lexicons import alternation, records
from ..model import Mention
from .people import PostCandidate, parse_name
from .titles import title_ending_at

STATUSES = ("appointed", "nominated", "removed")   # a post phrase itself may say former or acting (people.py)
FRAMES = ("names_as", "names_of", "post_then")
_CLAUSE_END = "；;。！？\n"
_COUNT = re.compile(r"等\s*[0-9一二三四五六七八九十两]+\s*(?:名|位|人)?(?:同志)?")


@lru_cache(maxsize=1)
def _verbs() -> dict[str, tuple[str, str]]:
    rows = records("appointments", ("verb", "status", "frame"), status=STATUSES, frame=FRAMES)
    return {verb: (status, frame) for verb, status, frame, *_ in rows}


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern:
    return re.compile(alternation(_verbs()))


def _names(text: str, i: int, hi: int) -> tuple[list[tuple[int, int]], int]:
    """The names of a list starting at ``i`` (张三、李四和王五 ... 等3名同志): [(start, end)], end of the list."""
    out = []
    while True:
        e = parse_name(text, i, hi)
        if not e:
            break
        out.append((i, e))
        i = e
        if text.startswith("同志", i):
            i += 2
        if i < hi and text[i] in "、和及":
            i += 1
            continue
        break
    m = _COUNT.match(text, i, hi) if out else None
    return out, (m.end() if m else i)


def _post(text: str, lo: int, end: int, orgs: list[Mention]) -> tuple[str, Optional[Mention], int]:
    """(title, organisation mention or None, start) of the post phrase ending at ``end``."""
    t_start, title = title_ending_at(text, end, lo)
    if not title:
        return "", None, end
    org = None
    for o in orgs:
        if o.end == t_start and o.start >= lo and o.role != "nested" and (org is None or o.start < org.start):
            org = o
    return title, org, (org.start if org else t_start)


def find_appointments(text: str, lo: int, hi: int, orgs: list[Mention]) -> tuple[list[Mention], list[tuple[PostCandidate, str]]]:
    """People named in personnel decisions of ``text[lo:hi]`` and their posts, with each post's status."""
    people: list[Mention] = []
    posts: list[tuple[PostCandidate, str]] = []
    verbs = _verbs()
    matches = list(_verb_re().finditer(text, lo, hi))
    for k, m in enumerate(matches):
        status, frame = verbs[m.group()]
        stop = min([hi] + [x.start() for x in matches[k + 1:]] +
                   [j for j in (text.find(c, m.end(), hi) for c in _CLAUSE_END) if j >= 0])
        for s, e, title, org, phrase in _frame(text, m.end(), stop, frame, orgs):
            person = Mention("Person", text[s:e], s, e, role="official")
            people.append(person)
            posts.append((PostCandidate(person, title, org, phrase), status))
    return people, posts


def _frame(text: str, i: int, stop: int, frame: str, orgs: list[Mention]):
    """(name start, name end, title, org, post phrase) for each person the frame names."""
    if frame == "post_then":
        j = text.find("人选", i, stop)
        if j < 0:
            return
        title, org, p_start = _post(text, i, j, orgs)
        names, _ = _names(text, j + 2, stop)
        if title:
            for s, e in names:
                yield s, e, title, org, text[p_start:j]
        return
    joiner, tail = ("为", "") if frame == "names_as" else ("的", "职务")
    while i < stop:
        names, after = _names(text, i, stop)
        if not names or not text.startswith(joiner, after):
            return
        # the post runs to the next clause (，) or, for names_of, to 职务
        end = text.find(tail, after, stop) if tail else -1
        if end < 0:
            end = next((j for j in range(after + 1, stop) if text[j] in "，,"), stop)
        phrase_end = end
        title, org, p_start = _post(text, after + 1, phrase_end, orgs)
        if title:
            for s, e in names:
                yield s, e, title, org, text[p_start:phrase_end]
        i = end + len(tail)
        while i < stop and text[i] in "，,、":
            i += 1


__all__ = ["find_appointments", "STATUSES"]
