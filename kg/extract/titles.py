"""Title words (书记, 局长, 区领导 ...) and the areas they imply (区长 is the head of the district itself)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import alternation, table, words

#: titles of the head of an area's government: the post belongs to the Area, not to a body
AREA_HEAD = re.compile(r"^(?:常务)?副?(?:省长|市长|区长|县长|镇长|乡长|旗长|州长)$")


@lru_cache(maxsize=1)
def title_re() -> re.Pattern:
    return re.compile(alternation(words("titles")))


@lru_cache(maxsize=1)
def collective_re() -> re.Pattern:
    return re.compile(alternation(words("collective_titles")))


def title_at(text: str, i: int, hi: int | None = None) -> str:
    """The longest title word starting at ``i`` ('' when none)."""
    m = title_re().match(text, i, hi if hi is not None else len(text))
    return m.group() if m else ""


def title_ending_at(text: str, end: int, lo: int = 0) -> tuple[int, str]:
    """(start, title) of the longest title word ending exactly at ``end``; (end, '') when none."""
    best = (end, "")
    for n in range(min(8, end - lo), 0, -1):
        w = text[end - n:end]
        if title_re().fullmatch(w) or collective_re().fullmatch(w):
            return end - n, w
    return best


def is_area_head(title: str) -> bool:
    return bool(AREA_HEAD.match(title))


@lru_cache(maxsize=1)
def _contracted() -> dict[str, tuple[str, str]]:
    rows = {}
    for row in table("contracted_titles"):
        if len(row) != 3 or not row[0].startswith(row[1]) or not title_re().fullmatch(row[0]) \
                or not title_re().fullmatch(row[2]):
            raise ValueError(f"kg/lexicons/contracted_titles.tsv: bad row {row!r} (title, its organ, a title word)")
        rows[row[0]] = (row[1], row[2])
    return rows


def contracted(title: str) -> tuple[str, str] | None:
    """(organ, post) of a title that contracts both: 统战部长 -> (统战部, 部长); None for a plain title."""
    return _contracted().get(title)


@lru_cache(maxsize=1)
def _title_organs() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for row in table("title_organs"):
        if len(row) != 2:
            raise ValueError(f"kg/lexicons/title_organs.tsv: bad row {row!r} (titles, organ endings)")
        for t in row[0].split():
            if not title_re().fullmatch(t):
                raise ValueError(f"kg/lexicons/title_organs.tsv: {t!r} is not a title word (titles.txt)")
            out[t] = tuple(row[1].split())
    return out


def fits_organ(title: str, body: str) -> bool:
    """Whether ``title`` can be a post in the body named ``body`` (副局长 in a 局, 二级巡视员 in any body)."""
    endings = _title_organs().get(title, ())
    return "*" in endings or any(body.endswith(e) for e in endings)
