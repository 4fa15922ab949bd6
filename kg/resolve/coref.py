"""Within one page: short forms and anaphors -> the full entity.

- bodies in one jurisdiction: a contraction (区“四创”指挥部 -> 示范区“四城联创”指挥部) or a tail of a longer
  name (区督导组 -> 指挥部督导组), when exactly one longer body fits;
- enterprises: the name without legal form or place prefix (富泰华公司 -> 富泰华精密电子有限公司,
  郑煤机 -> 郑州煤矿机械集团股份有限公司), when exactly one fits;
- campaigns: a contraction of a longer campaign name on the page (四创 -> 四城联创);
- anaphors (kg.extract.anaphora): 该局 -> the nearest earlier bureau of the article, 全区 -> the
  article's district or zone.
These rules only ever look at one page, so they never rename nodes that other pages made.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import table, words
from .areas import match_division
from ..model import Article, Mention
from .names import clean, is_abbreviation


@lru_cache(maxsize=1)
def leading_organs() -> frozenset[str]:
    """Organs that govern an area (委, 人民政府, 管理委员会 ...), kg/lexicons/leading_organs.txt."""
    return frozenset(words("leading_organs"))

ORG_KINDS = ("GovernmentBody", "Enterprise", "Institution", "Area")
_ENTERPRISE_HEADS = ("公司", "企业", "集团", "银行")


@lru_cache(maxsize=1)
def _legal_re() -> re.Pattern:
    forms = sorted(words("enterprise_suffixes"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, forms)) + ")$")


def enterprise_core(name: str) -> str:
    """富泰华精密电子（郑州）有限公司 -> 富泰华精密电子; 郑州安图生物工程股份有限公司 -> 安图生物工程."""
    n = re.sub(r"[（(][^）)]*[）)]", "", clean(name))
    n = _legal_re().sub("", n) or n
    e = match_division(n, 0)                    # longest division name first
    if e and len(n) - e >= 2:
        n = n[e:]
    return n


def _unique(cands: set[str]) -> str | None:
    return next(iter(cands)) if len(cands) == 1 else None


def body_aliases(organs_by_scope: dict[str, set[str]]) -> dict[str, str]:
    """(scope path + '/' + organ) of a short body form -> that of the one longer form it stands for."""
    out = {}
    for scope, organs in organs_by_scope.items():
        cands: dict[str, set[str]] = {}
        for short in organs:
            cands[short] = {long for long in organs if long != short and len(long) > len(short) and (
                is_abbreviation(short, long) or _sub_unit(short, long) or _bare_tail(short, long)
                or _stands_for(short, long))}
        for short, longs in cands.items():
            # 办事处 with 街道办事处 and 某街道办事处 on the page: the shorter one stands for the longer, so
            # they are one candidate, not two
            longs = {c for c in longs if not (cands.get(c, set()) & longs)}
            target = _unique(longs)
            if target:
                out[f"{scope}/{short}"] = f"{scope}/{target}"
    return out


@lru_cache(maxsize=1)
def _standins() -> frozenset[tuple[str, str]]:
    return frozenset((r[0], r[1]) for r in table("organ_standins") if len(r) >= 2)


def _stands_for(short: str, long: str) -> bool:
    """区人大 on a page that names 区人大常委会 (kg/lexicons/organ_standins.tsv)."""
    return (short, long) in _standins()


def _sub_unit(short: str, long: str) -> bool:
    """区督导组 in a page that names 指挥部督导组: the long form is <parent organ><short>."""
    if len(short) < 3 or not long.endswith(short) or short in leading_organs():
        return False
    return long[: -len(short)].endswith(words("organ_suffixes"))


def _bare_tail(short: str, long: str) -> bool:
    """办事处, 街道党工委, 镇政府 on a page that names 某街道办事处, 某街道党工委, 某镇政府: an organ word with no
    name of its own (after an optional 区/镇/街道) is the one longer body of the page that ends with it; and
    某街道 acting as a unit is 某街道办事处."""
    if long == short + "办事处" and short.endswith("街道"):
        return True
    if not long.endswith(short) or len(short) < 2:
        return False
    for unit in ("街道", "社区", "镇", "乡", "区", "县", "市", "村"):
        if short.startswith(unit) and short[len(unit):] in _organ_words():
            return True                      # 街道党工委, 镇党委: the unit's organ
    # a bare organ word (办事处, 党工委): the long form is an area's name + that organ
    return short in _organ_words() and long[: -len(short)].endswith(("街道", "社区", "镇", "乡", "区", "县", "市", "村"))


@lru_cache(maxsize=1)
def _organ_words() -> frozenset[str]:
    return frozenset(words("organ_suffixes")) | frozenset(words("party_organs"))


def enterprise_aliases(names: set[str]) -> dict[str, str]:
    out = {}
    cores = {n: enterprise_core(n) for n in names}
    for short in names:
        cs = cores[short]
        if len(cs) < 2:
            continue
        cands = {long for long in names if long != short and len(cores[long]) > len(cs)
                 and (cores[long].startswith(cs) or is_abbreviation(cs, cores[long], same_end=False))}
        target = _unique(cands)
        if target:
            out[short] = target
    return out


_UNITS = ("省", "市", "区", "县", "镇", "乡", "街道", "社区", "村")


def institution_aliases(names: set[str]) -> dict[str, str]:
    """松江区某镇商会 and 某镇商会 on one page are one institution, and so is 镇商会 (the page's one
    商会 of a 镇): the short form -> the longest form it stands for, when exactly one fits."""
    cands: dict[str, set[str]] = {}
    for short in names:
        cands[short] = {long for long in names if len(long) > len(short) and long.endswith(short) and (
            _divisions_only(long[: -len(short)]) or _unit_stands_for(short, long))}
    out = {}
    for short, longs in cands.items():
        longs = {c for c in longs if not (cands.get(c, set()) & longs)}
        target = _unique(longs)
        if target:
            out[short] = target
    return out


def _divisions_only(prefix: str) -> bool:
    """Whether ``prefix`` is a chain of division names (河南省郑州市)."""
    i = 0
    while i < len(prefix):
        j = match_division(prefix, i)
        if j == i:
            return False
        i = j
    return bool(prefix)


def _unit_stands_for(short: str, long: str) -> bool:
    """镇商会 for 某镇商会: a unit word + the rest, and the long form's name ends with that unit."""
    unit = next((u for u in _UNITS if short.startswith(u)), "")
    return bool(unit) and len(short) > len(unit) + 1 and long[: -len(short) + len(unit)].endswith(unit) \
        and len(long) - len(short) >= 2


def campaign_aliases(keys: set[str]) -> dict[str, str]:
    out = {}
    for short in keys:
        target = _unique({long for long in keys if is_abbreviation(short, long)})
        if target:
            out[short] = target
    return out


def close(mapping: dict[str, str]) -> dict[str, str]:
    """Follow chains (a -> b -> c gives a -> c); cycles cannot occur (targets are always longer)."""
    out = {}
    for k in mapping:
        v, seen = mapping[k], {k}
        while v in mapping and v not in seen:
            seen.add(v)
            v = mapping[v]
        out[k] = v
    return out


def antecedent(article: Article, m: Mention) -> Mention | None:
    """The nearest earlier mention an anaphor such as 该局/该公司 refers to."""
    head = m.text[1:]
    best = None
    for c in article.mentions:
        if c.start >= m.start or c.role in ("anaphor", "nested") or c.entity is None:
            continue
        if head in _ENTERPRISE_HEADS:
            ok = c.kind == "Enterprise"
        else:
            ok = c.kind in ORG_KINDS and clean(c.label).endswith(head)
        if ok and (best is None or c.start > best.start):
            best = c
    return best
