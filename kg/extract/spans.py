"""Shared span helpers for the extractors: where does a name start, what stands around it.

Chinese has no spaces, so a name ending in a known suffix (局, 有限公司, 镇 ...) is found by scanning left
from the suffix over name characters until a boundary: punctuation, a digit, or a word that never sits
inside an organisation name (verbs and function words, kg/lexicons/boundaries.txt).
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicons import table, words

CLOSE_PAREN = "）)"
MAX_NAME = 24


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=1)
def _boundary_index() -> tuple[frozenset[str], tuple[int, ...]]:
    # title words end names too: 总工程师兼交通院 is two things, not one institute
    ws = frozenset(words("boundaries")) | frozenset(w for w in words("titles") if len(w) >= 2)
    return ws, tuple(sorted({len(w) for w in ws}, reverse=True))


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in table("boundary_exceptions"):
        if len(row) >= 2:
            out.setdefault(row[0], []).append(row[1])
    return {k: tuple(v) for k, v in out.items()}


def boundary_before(text: str, i: int) -> int:
    """Length of a boundary word that ends exactly at ``i`` (0 when none)."""
    ws, lengths = _boundary_index()
    for n in lengths:
        if i - n >= 0 and text[i - n:i] in ws:
            w = text[i - n:i]
            if w in _exceptions() and text.startswith(_exceptions()[w], i):
                continue
            if w in _clause_adverbs() and _opens_name(text, i - n):
                continue
            return n
    return 0


@lru_cache(maxsize=1)
def _clause_adverbs() -> frozenset[str]:
    return frozenset(words("clause_adverbs"))


def _opens_name(text: str, j: int) -> bool:
    """Whether the adverb-like character at ``j`` cannot be an adverb: nothing it could follow stands
    before it (a clause start), or a division's name does (江城区都家营街道: the street, not 'all')."""
    return j == 0 or not is_cjk(text[j - 1]) or division_ends(text, j)


def division_ends(text: str, i: int) -> bool:
    """Whether a division's name (2-6 characters, ending in 省/市/州/区/县) ends at ``i``."""
    if text[i - 1:i] not in ("省", "市", "州", "区", "县"):
        return False
    from ..lexicons import divisions
    return any(divisions.lookup(text[i - k:i]) for k in range(2, min(i, 6) + 1))


def scan_left(text: str, end: int, lo: int = 0, max_len: int = MAX_NAME) -> int:
    """Start of the name whose last character is ``text[end-1]``; ``end`` when there is none.

    Parenthesised parts inside a name are kept: 示范区（高新区）党工委, 厦工机械（焦作）有限公司.
    """
    i = end
    while i > lo and end - i < max_len:
        ch = text[i - 1]
        if ch in CLOSE_PAREN:
            j = max(text.rfind("（", lo, i - 1), text.rfind("(", lo, i - 1))
            if j >= lo and 2 <= i - 1 - j <= 8 and all(is_cjk(c) for c in text[j + 1:i - 1]) and j > lo and is_cjk(text[j - 1]):
                i = j
                continue
            break
        if ch == "”":                 # a quoted part inside a name: 示范区“四城联创”指挥部
            j = text.rfind("“", lo, i - 1)
            if j >= lo and 2 <= i - 1 - j <= 10 and all(is_cjk(c) for c in text[j + 1:i - 1]):
                i = j
                continue
            break
        if not is_cjk(ch):
            break
        if boundary_before(text, i):
            break
        i -= 1
    return i
