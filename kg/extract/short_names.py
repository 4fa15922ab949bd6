"""A district or county the article names in full, named again by its bare stem: 金水区 … 金水, 某某县 … 某某.

Web articles and local papers name their district once in full and then by the stem alone ("来到金水区，
推动金水发展"). A bare stem is an ordinary word as often as a place (和平, 城关, 新华), so it counts only when
the same article prints the full name, only where the word segmenter reads the stem as a word of its own
(not inside 新华社 or 金水河), and only when it is tagged as a noun or name, not an adjective or verb.
Each such mention is an Area whose ``name`` is the full form (the resolver keys it by that).

Street offices the same way: an article that prints 某某街办事处 (or 某某街道办事处) names the office by
某某街 (某某街道) alone too ("到某某街调研"): a GovernmentBody mention named by the office's full name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import divisions
from ..model import Article, Mention
from ..text.literals import LiteralMatcher

#: rjieba tags a place stem may carry (a stem is often read as a person name or common noun, not ns);
#: others mean an ordinary word (和平: nz)
_NOUN_TAGS = frozenset("n ns nr nrt nrfg j".split())


@lru_cache(maxsize=1)
def _stems_by_code() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for stem, codes in divisions.county_stems().items():
        for code in codes:
            out.setdefault(code, []).append(stem)
    return {c: tuple(sorted(s)) for c, s in out.items()}


def word_spans(text: str, start: int, end: int) -> dict[int, tuple[int, str]]:
    """rjieba's words of ``text[start:end]``: word start -> (word end, part-of-speech tag)."""
    import rjieba

    out, pos = {}, start
    for word, tag in rjieba.tag(text[start:end]):
        out[pos] = (pos + len(word), tag)
        pos += len(word)
    return out


def _short_forms(text: str, article: Article, mentions: list[Mention], full: dict[str, str]):
    """(sentence index, start, end) of each short form of ``full`` (short -> full form) that no mention covers."""
    if not full:
        return
    from .crf import Taken
    taken = Taken((m.start, m.end) for m in mentions)
    matcher = LiteralMatcher(sorted(full, key=lambda s: (-len(s), s)))
    for si, sent in enumerate(article.sentences):
        for h in matcher.finditer(text, sent.start, sent.end):
            if not taken.overlaps(h.start(), h.end()):
                yield si, h.start(), h.end()


def division_stems(text: str, article: Article, mentions: list[Mention]) -> list[Mention]:
    """Area mentions of the bare stems of the districts and counties ``mentions`` name in full."""
    full: dict[str, str] = {}                 # stem -> the full form the article prints
    for m in mentions:
        if m.kind != "Area" or m.role == "anaphor" or not m.text.endswith(("区", "县")):
            continue
        found = divisions.lookup(m.text)      # several when the name is shared (鼓楼区): the resolver decides
        if not found or any(d.level != 3 for d in found):
            continue
        for d in found:
            for stem in _stems_by_code().get(d.code, ()):
                if m.text.startswith(stem):
                    full.setdefault(stem, m.text)
    out, words = [], {}
    for si, s, e in _short_forms(text, article, mentions, full):
        if si not in words:
            sent = article.sentences[si]
            words[si] = word_spans(text, sent.start, sent.end)
        if words[si].get(s, (-1, ""))[0] == e and words[si][s][1] in _NOUN_TAGS:
            out.append(Mention("Area", text[s:e], s, e, sentence=si, name=full[text[s:e]]))
    return out


_OFFICE = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2,6}街(?:道)?)(?:办事处|办)$")


def office_stems(text: str, article: Article, mentions: list[Mention]) -> list[Mention]:
    """GovernmentBody mentions of a street office printed by its 街/街道 name alone (某某街 of 某某街办事处)."""
    full = {o.group("stem"): m.label for m in mentions
            if m.kind == "GovernmentBody" and m.role != "anaphor" and (o := _OFFICE.match(m.label))}
    return [Mention("GovernmentBody", text[s:e], s, e, sentence=si, name=full[text[s:e]])
            for si, s, e in _short_forms(text, article, mentions, full)
            if not text.startswith(("办", "道"), e)]
