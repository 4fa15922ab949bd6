"""Where an organisation name starts: the left edge after the suffix scan (kg.extract.spans.scan_left).

scan_left stops at punctuation and boundary words, so in running text it often swallows the verb or the
subject before a name: 希望某区政协, 王五代表某区委, 拟任区人民政府, 自觉维护区委. This component reads the
candidate's stem as units, divisions and zones (whole, from the division data) and party prefixes first,
the rest as rjieba words with their part-of-speech tags, and walks them from the suffix leftwards:
- a word whose tag is a verb, adverb, pronoun, preposition, numeral, time word, particle or person name
  ends the name, unless it is one of the function words organ names are made of (组织部, 城乡建设局);
- a word of the stop list (kg/lexicons/name_edges.tsv) ends it whatever its tag;
Company and institution names are made of any characters (jieba tags their parts at random), so for them
only pronouns, prepositions, particles and counting numerals end a name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import table

_RELATIVE = "省市区县镇乡"
_NUMERALS = "一二三四五六七八九十两"
_STATUS = "原前"
_COUNTING = re.compile(r"[0-9０-９余多家个名位批项次届日月年]")   # a numeral that counts, not one inside a name
_JOINERS = frozenset("和 与 及".split())     # 发展和改革委员会, 政务服务和大数据管理局
_NOT_RELATIVE = frozenset("市场 市民 市容 乡村 区域 县城 县域 省级 市级 区级 县级 镇区 乡镇 市政 区别 区分 省份 市值 市面".split())


@lru_cache(maxsize=1)
def _edges() -> dict[str, frozenset[str]]:
    rows = {row[0]: frozenset(row[1].split()) for row in table("name_edges") if len(row) >= 2}
    expected = {"party", "function", "stop", "tags", "company_tags"}
    if set(rows) != expected:
        raise ValueError(f"kg/lexicons/name_edges.tsv: rows {sorted(rows)}, expected {sorted(expected)}")
    return rows


@lru_cache(maxsize=1)
def _divisions():
    from .orgs import ZONE_WORDS, _division_re
    # a zone word and its short form as a prefix (经开 of 经开区: 经开综保区, 经开区建设局)
    shorts = {z[:-1] for z in ZONE_WORDS if z.endswith("区") and len(z) == 3}
    return _division_re(), tuple(sorted(set(ZONE_WORDS) | shorts, key=len, reverse=True))


def _units(stem: str) -> list[tuple[str, str]]:
    """(word, tag) of ``stem``, divisions, zones and party prefixes as single units tagged 'J'."""
    import rjieba

    matcher, zones = _divisions()
    party = _edges()["party"]
    out: list[tuple[str, str]] = []
    i = gap = 0

    def flush(j: int) -> None:
        if gap < j:
            out.extend(rjieba.tag(stem[gap:j]))

    while i < len(stem):
        m = matcher.match(stem, i, len(stem))
        n = m.end() - i if m else 0
        if not n:
            n = next((len(w) for w in zones if stem.startswith(w, i)), 0)
        if not n:
            n = next((len(w) for w in sorted(party, key=len, reverse=True) if stem.startswith(w, i)), 0)
        if not n and stem[i] in "“（(":
            close = stem.find({"“": "”", "（": "）", "(": ")"}[stem[i]], i + 1)
            n = close + 1 - i if close > i else 0     # a quoted or bracketed part of a name is one unit
        if not n and i == 0 and stem[0] in _RELATIVE and stem[:2] not in _NOT_RELATIVE and len(stem) > 1:
            n = 1        # 市住建局: jieba reads 市住 as a word; the stem's first 区/市/县 is the jurisdiction
        if n:
            flush(i)
            out.append((stem[i:i + n], "J"))
            i += n
            gap = i
        else:
            i += 1
    flush(len(stem))
    return out


def _jurisdiction(word: str, tag: str) -> bool:
    return tag in ("J", "ns") or (word[0] in _RELATIVE and word[:2] not in _NOT_RELATIVE)


@lru_cache(maxsize=4)
def _longest_first(words_) -> tuple[str, ...]:
    return tuple(sorted(words_, key=len, reverse=True))


def _stop_before_jurisdiction(stem: str, stop) -> int:
    """曾任区发改委, 拟任区政府: where a stop word is followed by a jurisdiction (区, 市, a division), the
    name starts after it, even where jieba reads the two as one word (任区); the last such place counts.
    Not inside a division's own name (任城区, 前郭县)."""
    matcher = _divisions()[0]
    words_ = _longest_first(stop)
    for i in range(len(stem) - 2, -1, -1):
        if matcher.match(stem, i):
            continue
        w = next((w for w in words_ if stem.startswith(w, i)), None)
        j = i + len(w) if w else 0
        if w and j < len(stem) - 1 and (stem[j] in _RELATIVE or matcher.match(stem, j)):
            return j
    return 0


@lru_cache(maxsize=1 << 14)
def name_start(stem: str, kind: str = "GovernmentBody") -> int:
    """Offset in ``stem`` (the text between scan_left's start and the suffix) where the name begins;
    ``len(stem)`` when no word of it belongs to the name."""
    e = _edges()
    if kind == "GovernmentBody" and len(stem) > 1 and stem[0] in _STATUS and (stem[1] in _RELATIVE or _divisions()[0].match(stem, 1)):
        return 1 + name_start(stem[1:], kind)     # 原区委书记, 前市政府秘书长: a post's status, not the organ
    if kind == "GovernmentBody":
        cut = _stop_before_jurisdiction(stem, e["stop"])
        if cut:
            return cut + name_start(stem[cut:], kind)
    stops = e["tags"] if kind == "GovernmentBody" else e["company_tags"]
    units = _units(stem)
    pos = len(stem)
    first = ("", "")
    for word, tag in reversed(units):
        if word in e["stop"]:
            break
        if "某" in word:
            tag = "nz"           # 某县, 某某公司: an anonymised name, not the pronoun
        juris = _jurisdiction(word, tag)
        if word[0] in _NUMERALS:
            tag = "m"            # 一办两专班, 三办一中心: numbered organ names (jieba tags 一办 as a verb)
        # one character is too little to tell a word's class (清 is tagged a time word): only the stop
        # list ends a name at a single character
        if tag in stops and len(word) >= 2 and word not in e["function"] and word not in _JOINERS and not juris:
            if not tag.startswith("m") or _COUNTING.search(word):
                break
        pos -= len(word)
        first = (word, tag)
    # a lone verb or preposition left at the start (了|解某某开发区: scan_left stopped inside a word)
    if pos < len(stem) and len(first[0]) == 1 and first[1] in stops and pos + 1 < len(stem) and kind == "GovernmentBody":
        pos += 1
    return pos


def function_words() -> frozenset[str]:
    """Verbs that are also organ function words (组织部, 宣传部): scan_left must not stop at them."""
    return _edges()["function"]
