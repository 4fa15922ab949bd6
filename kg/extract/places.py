"""Named sites (Place), named non-government units (Institution) and companies' short names (Enterprise:
某某机械, 某某科技) that need a rule on their stem.

kg.extract.orgs finds names ending in a plain suffix (人民路, 某某大学). Here, from kg/lexicons/sites.tsv,
the suffixes that are also common words (楼, 基地, 园区, 一中 ...), each with the rule its stem must pass
(see the file). The left edge is kg.extract.edges' (not the verb or subject before the name), then the
name is the run of content words just before the suffix (part-of-speech tags).
Precision first: a Place must be a name, not a phrase ("周边道路", "办公楼" are not places).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import LexiconError, alternation, records, divisions, table, words
from ..model import Mention
from .edges import name_start
from .spans import is_cjk, scan_left

KINDS = ("Place", "Institution", "Enterprise")
#: what may follow a company's short name ending in an industry word (某某机械, 某某科技): the name ends
#: there, so the next character is not one that continues a word (机械化, 科技创新, 食品安全)
_AFTER_SHORT_NAME = set("和与及、等的")
RULES = ("name", "proper", "school", "alone", "abbrev", "organ")
#: POS tags (jieba) of proper names: place, person, other proper noun, organisation word, Latin letters
_PROPER_TAGS = ("ns", "nr", "nrt", "nrfg", "eng")
_JURISDICTION = set("省市区县镇乡")
_MAX_STEM = 12
#: a 园区 after these is a development zone (an Area), not a park run as a unit: 某某工业园区
_ZONE_STEMS = ("工业", "经济", "开发", "高新")


SiteLexiconError = LexiconError      # sites.tsv names a kind or a rule this module does not know.


@dataclass(frozen=True)
class SiteSuffix:
    suffix: str
    kind: str
    rule: str


@lru_cache(maxsize=1)
def site_suffixes() -> dict[str, SiteSuffix]:
    rows = records("sites", ("suffix", "kind", "rule"), kind=KINDS, rule=RULES)
    return {row[0]: SiteSuffix(*row[:3]) for row in rows}


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
        return True      # a quoted or Latin-lettered name: 某地“某某农庄”养殖基地, ABC国际商务区
    return any(t in _PROPER_TAGS for _, t in _tags(re.sub(r"[“”]", "", stem)))


def _is_generic(stem: str) -> bool:
    g = _generic()
    if stem in g or any(stem.startswith(w) and len(stem) - len(w) <= 1 for w in g if len(w) >= 2):
        return True
    return bool(re.match(r"^[0-9一二三四五六七八九十两几多]+[个家名位批项所座处]?$", stem))


#: POS tags that cannot be inside a site's name: a name is the run of other words just before the suffix
#: ("地方政府建起|北城农副产品|批发市场", "一个|农村小镇", "整个|某海经济区")
_CUT_TAGS = frozenset("v vg vd p m mq q r c u uj ul uz ug ud uv y e o d ad b zg f s a".split())
#: a suffix followed by one of these is part of a longer word (某某师范大学, 外交大臣, 某农大厦; 楼阁, 楼盘)
#: single characters at the start of a stem cut only as function words (跃龙湾: 跃 is tagged a verb)
_FUNCTION_TAGS = frozenset("p m q r c u uj ul uz ug ud uv y e o".split())
_ROADS = frozenset("路 街 大街 大道 巷 胡同".split())
_NOT_AFTER = {"abbrev": set("学臣夫厦楼道街会队"), "school": set("央心国华间期")}
_NOT_AFTER_WORD = {"楼": set("阁房层盘市宇道梯顶")}


def _name_tail(stem: str, cut_verbs: bool = True) -> str:
    """The trailing words of ``stem`` that can belong to a name (see _CUT_TAGS); a quoted part is one
    name ("某地“云上农庄”养殖")."""
    close = stem.rfind("”")
    if close >= 0 and "“" in stem[:close]:
        open_ = stem.rfind("“", 0, close)
        after = stem[close + 1:]
        if _name_tail(after, cut_verbs) == after:
            return _name_tail(stem[:open_], cut_verbs) + stem[open_:]
    tags = _tags(stem)
    keep = len(stem)
    for k in range(len(tags) - 1, -1, -1):
        word, tag = tags[k]
        # a one-character "verb" that opens the stem is often part of the name (跃龙湾); inside, it cuts
        if tag in _CUT_TAGS and (len(word) >= 2 or tag in _FUNCTION_TAGS or k > 0):
            if cut_verbs or tag[:1] not in "va":
                break
        keep -= len(word)
    tail = stem[keep:]
    if len(tail) == 1 and _tags(tail)[0][1] in _CUT_TAGS:
        return ""            # 进|大楼, 似|大厦: a single verb or adverb is no name
    return tail


def _stem_ok(stem: str, rule: str) -> bool:
    if rule == "alone":
        return True
    if not stem or len(stem) > _MAX_STEM or _is_generic(stem):
        return False
    if rule == "school":
        return stem in _JURISDICTION or stem in _division_forms()
    if rule == "organ":      # a party committee's school: 市委党校, 某县委党校, 中央党校
        return stem.endswith("委") or stem == "中央"
    if rule == "abbrev":
        return 1 <= len(stem) <= 2 and all(is_cjk(c) for c in stem) and stem[-1] not in _JURISDICTION
    if len(stem) < 2:
        return False
    if rule == "proper":
        return stem not in _division_forms() and _proper(stem) and not stem.endswith(_ZONE_STEMS)
    # name: a proper name in it, or at least two content words (not one common noun: 蔬菜市场)
    return _proper(stem) or (_nominal(stem) and len(_tags(stem)) >= 2)


def find_sites(text: str, lo: int, hi: int) -> list[Mention]:
    """Place and Institution mentions in ``text[lo:hi]`` for the rule-bearing suffixes of sites.tsv."""
    out: list[Mention] = []
    table_ = site_suffixes()
    for m in _suffix_re().finditer(text, lo, hi):
        entry = table_[m.group()]
        nxt = text[m.end()] if m.end() < hi else ""
        if nxt and (nxt in _NOT_AFTER.get(entry.rule, ()) or nxt in _NOT_AFTER_WORD.get(entry.suffix, ())):
            continue     # 统一中央, 某某师范大学, 楼阁: the suffix is inside another word
        start = scan_left(text, m.start(), lo, max_len=_MAX_STEM)
        while start > lo and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1   # Latin letters begin some names: ABC国际商务区
        if entry.kind == "Enterprise" and nxt and is_cjk(nxt) and nxt not in _AFTER_SHORT_NAME:
            continue     # 机械化, 科技创新: the industry word is inside a longer word
        if entry.rule == "alone" and start < m.start():
            continue     # with a stem (某市工商联) the plain suffix of institution_suffixes.txt finds it
        stem = text[start:m.start()]
        if entry.rule == "abbrev":
            stem = _name_tail(stem)      # 请来了|北农大
            start = m.start() - len(stem)
        if entry.rule in ("name", "proper"):
            start += name_start(text[start:m.start()], entry.kind)   # not the verb or subject before it
            stem = _name_tail(text[start:m.start()])
            start = m.start() - len(stem)
        if not _stem_ok(stem, entry.rule):
            continue
        name = text[start:m.end()]
        if any(name[k:] + unit in _division_forms() for k in range(max(0, len(name) - 4), len(name) - 1)
               for unit in "区县市"):
            continue     # 某楼 of 某楼区: a division's name, not a building
        out.append(Mention(entry.kind, name, start, m.end()))
    return out


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(words("not_places"))


@lru_cache(maxsize=1)
def _place_suffixes() -> tuple[str, ...]:
    return words("place_suffixes") + tuple(w for w, e in site_suffixes().items() if e.kind == "Place")


def refine_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """Place candidates of kg.extract.orgs, held to the rules of find_sites: the name starts where
    kg.extract.edges says and is the run of content words before the suffix (抵达|某某机场); it is not a
    common noun of not_places.txt (一条柏油路, 住宅小区) nor "X之路" (成功之路: a way, not a road)."""
    out = []
    for m in mentions:
        if m.kind == "Place":
            suffix = next((w for w in sorted(_place_suffixes(), key=len, reverse=True) if m.text.endswith(w)), "")
            s_end = m.end - len(suffix)
            if suffix and s_end > m.start:
                start = m.start + name_start(text[m.start:s_end], "Institution")
                stem = _name_tail(text[start:s_end])
                if len(stem) < 2 and suffix in _ROADS:
                    # roads are named after verbs and adjectives too (解放路, 胜利街, 繁荣大道)
                    stem = _name_tail(text[start:s_end], cut_verbs=False)
                start = s_end - len(stem)
                if start != m.start:
                    if start == s_end:
                        continue         # nothing of the stem is a name: 跑上大街, 几里路
                    m = Mention(m.kind, text[start:m.end], start, m.end, m.sentence, m.role, m.name, m.scope)
            name = m.text
            if len(name) - len(suffix) < 2:
                continue                 # 有路, 西路, 头小区: one character is no site's name
            if "之路" in name[-3:] or re.search(r"[0-9一二三四五六七八九十几多千百万]里路$", name):
                continue
            if any(name.endswith(w) and len(name) - len(w) <= 2 for w in _not_places()):
                continue                 # 一条柏油路, 跑上大街: a common noun with a word before it
        elif m.kind == "Institution" and m.text.endswith("报") and text[m.end:m.end + 1] == "道":
            continue                     # 昨日报|道: 报道 (reported), not a newspaper
        out.append(m)
    return out


__all__ = ["find_sites", "refine_places", "site_suffixes", "SiteLexiconError"]
