"""Named sites (Place) and named non-government units (Institution) that need a rule on their stem.

kg.extract.orgs finds names ending in a plain suffix (人民路, 某某大学). Here, from kg/lexicons/sites.tsv,
the suffixes that are also common words (楼, 地区, 基地, 园区, 一中 ...), each with the rule its stem must
pass (see the file), and the left edge of every Place/Institution name: a verb or pronoun that the
scan ran into ("聘用某镇商会", "他镇商会") is cut off when what remains still starts like a name.
Precision first: a Place must be a name, not a phrase ("周边道路", "办公楼" are not places).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import alternation, divisions, table, words
from ..model import Mention
from .spans import boundary_before, is_cjk, scan_left

KINDS = ("Place", "Institution")
RULES = ("name", "proper", "school", "alone", "abbrev")
#: POS tags (jieba) of proper names: place, person, other proper noun, organisation word, Latin letters
_PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "eng")
_JURISDICTION = set("省市区县镇乡")
#: a word of these POS tags (two characters or more) at the left edge is not part of the name when the
#: rest starts like a name; single characters are too often read wrongly (花港湾: 花/v)
_EDGE_TAGS = ("v", "r", "p", "c", "d")
_NOT_SCHOOL_AFTER = set("央心国华间期")
_MAX_STEM = 12


class SiteLexiconError(ValueError):
    """sites.tsv names a kind or a rule this module does not know."""


@dataclass(frozen=True)
class SiteSuffix:
    suffix: str
    kind: str
    rule: str


@lru_cache(maxsize=1)
def site_suffixes() -> dict[str, SiteSuffix]:
    out = {}
    for row in table("sites"):
        if len(row) < 3:
            raise SiteLexiconError(f"sites.tsv: row {row!r} needs suffix, kind and rule")
        suffix, kind, rule = row[:3]
        if kind not in KINDS:
            raise SiteLexiconError(f"sites.tsv: unknown kind {kind!r} for {suffix!r}")
        if rule not in RULES:
            raise SiteLexiconError(f"sites.tsv: unknown rule {rule!r} for {suffix!r}")
        out[suffix] = SiteSuffix(suffix, kind, rule)
    return out


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    return re.compile(alternation(site_suffixes()))


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    return frozenset(words("generic_stems"))


@lru_cache(maxsize=1)
def _division_forms() -> frozenset[str]:
    return frozenset(divisions.all_forms())


@lru_cache(maxsize=8192)
def _tags(stem: str) -> tuple[tuple[str, str], ...]:
    import rjieba
    return tuple(rjieba.tag(stem))


def _nominal(stem: str) -> bool:
    return any(t[:1] in ("n", "j", "g", "x") or t in _PROPER_TAGS for _, t in _tags(stem))


def _proper(stem: str) -> bool:
    if "“" in stem or re.search(r"[A-Za-z]", stem):
        return True      # a quoted or Latin-lettered name: 某某“跑步鸡”养殖基地, CBD总部经济区
    return any(t in _PROPER_TAGS for _, t in _tags(re.sub(r"[“”]", "", stem)))


def _is_generic(stem: str) -> bool:
    g = _generic()
    if stem in g or any(stem.startswith(w) and len(stem) - len(w) <= 1 for w in g if len(w) >= 2):
        return True
    return bool(re.match(r"^[0-9一二三四五六七八九十两几多]+[个家名位批项所座处]?$", stem))


def _stem_ok(stem: str, rule: str) -> bool:
    if rule == "alone":
        return True
    if not stem or len(stem) > _MAX_STEM or _is_generic(stem):
        return False
    if rule == "school":
        return stem in _JURISDICTION or stem in _division_forms()
    if rule == "abbrev":
        return 1 <= len(stem) <= 3 and all(is_cjk(c) for c in stem) and stem[-1] not in _JURISDICTION
    if rule == "proper":
        return stem not in _division_forms() and _proper(stem)
    return _nominal(stem)


def find_sites(text: str, lo: int, hi: int) -> list[Mention]:
    """Place and Institution mentions in ``text[lo:hi]`` for the rule-bearing suffixes of sites.tsv."""
    out: list[Mention] = []
    table_ = site_suffixes()
    for m in _suffix_re().finditer(text, lo, hi):
        entry = table_[m.group()]
        nxt = text[m.end()] if m.end() < hi else ""
        if entry.rule == "school" and nxt in _NOT_SCHOOL_AFTER:
            continue     # 统一中央: not a school
        start = scan_left(text, m.start(), lo, max_len=_MAX_STEM)
        while start > lo and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1   # Latin letters begin some names: CBD总部经济区
        if entry.rule == "alone" and start < m.start():
            continue     # with a stem (某市工商联) the plain suffix of institution_suffixes.txt finds it
        if entry.rule == "abbrev":
            start = max(start, m.start() - 3)
        stem = text[start:m.start()]
        if entry.rule in ("name", "proper"):
            start = _trim_edge(text, start, m.start())
            stem = text[start:m.start()]
        if not _stem_ok(stem, entry.rule):
            continue
        out.append(Mention(entry.kind, text[start:m.end()], start, m.end()))
    return out


@lru_cache(maxsize=1)
def _edge_words() -> tuple[str, ...]:
    return words("name_edges")


def _trim_edge(text: str, start: int, end: int) -> int:
    """Cut a verb/pronoun the left scan ran into: 聘用某镇商会 -> 某镇商会, 其他镇商会 -> 镇商会."""
    stem = text[start:end]
    for w in _edge_words():          # longest first
        if stem.startswith(w) and len(stem) > len(w):
            return _trim_edge(text, start + len(w), end)
    if len(stem) < 2:
        return start
    tags = _tags(stem)
    if len(tags) < 2:
        return start
    first, tag = tags[0]
    rest = stem[len(first):]
    if tag[:1] in _EDGE_TAGS and len(first) >= 2 and tag not in _PROPER_TAGS and rest and (
            rest[0] in _JURISDICTION or _proper(rest) or any(rest.startswith(f) for f in _prefix_divisions(rest))):
        return start + len(first)
    return start


def _prefix_divisions(rest: str) -> list[str]:
    forms = _division_forms()
    return [rest[:n] for n in range(2, min(len(rest), 8) + 1) if rest[:n] in forms]


def refine_edges(text: str, mentions: list[Mention]) -> list[Mention]:
    """Left edges of the Place/Institution names kg.extract.orgs found (the same rule as above)."""
    out = []
    for m in mentions:
        if m.kind in KINDS:
            start = _trim_edge(text, m.start, m.end - 1)
            if start != m.start:
                m = Mention(m.kind, text[start:m.end], start, m.end, m.sentence, m.role, m.name, m.scope)
        out.append(m)
    return out


__all__ = ["find_sites", "refine_edges", "site_suffixes", "SiteLexiconError"]
