"""Anaphoric mentions: 该局, 该公司, 该区, 全区, 我市, 该镇 ... refer back to something named before.

This component only finds them and flags them (``Mention.role == "anaphor"``, the kind the anaphor
stands for, from kg/lexicons/anaphora.tsv); kg.resolve picks the antecedent: the nearest earlier
mention of that kind whose name ends with the head word (该局 -> 马村区城管局), or the area the
article is about (全区, 该区 -> the article's district or zone).

Not anaphors: 该 as "should" (该办的事, 该管的), heads inside a longer word (全区域, 全市场, 该局面).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import table
from ..model import Article, Mention

#: characters after the head that make it part of a longer word, not an anaphor
_GLUED = re.compile(r"[域面势长级属场份]")
_SHOULD = re.compile(r"的(?:事|不|就|要)")


@lru_cache(maxsize=1)
def _anaphors() -> tuple[re.Pattern, dict[str, str]]:
    kinds: dict[str, str] = {}
    for row in table("anaphora"):
        if len(row) >= 2:
            for det in row[0].split("|"):
                kinds[det + row[1]] = row[2] if len(row) >= 3 else ""
    words = sorted(kinds, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), kinds


def head_of(text: str) -> str:
    """The head word of an anaphor: 该局 -> 局, 全区 -> 区."""
    return text[1:]


def find_anaphora(text: str, article: Article, mentions: list[Mention]) -> list[Mention]:
    """Anaphoric mentions in ``article`` that do not overlap ``mentions`` already found."""
    pattern, kinds = _anaphors()
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for si, sent in enumerate(article.sentences):
        for m in pattern.finditer(text, sent.start, sent.end):
            word, end = m.group(), m.end()
            nxt = text[end] if end < len(text) else ""
            if nxt and _GLUED.match(nxt):
                continue
            if word.startswith("该") and _SHOULD.match(text, end):
                continue
            if any(s < end and m.start() < e for s, e in taken):
                continue
            out.append(Mention(kinds[word], word, m.start(), end, sentence=si, role="anaphor"))
    return out


__all__ = ["find_anaphora", "head_of"]
