"""Campaigns (named activities, reforms, systems, strategies, work methods) and documents.

A campaign is usually a quoted name that the text treats as something carried out:
- followed by a campaign word: “万人助万企”活动, “放管服”改革, “首席服务官”制度 (kg/lexicons/campaign_suffixes.txt);
- or governed by a conduct verb: 深化“放管服”, 助力“四城联创”, 组织推进“学习雷锋精神”“品味端午文化”等...活动
  (a list of quotes shares its verb and its trailing campaign word).
A slogan that nothing carries out (解决企业“急难愁盼”, 作为“第一目标”) is not a campaign.
Unquoted: 开展自查整改活动 (a conduct verb, a short name, 活动/运动/行动).
Canonical name: the quoted core without quotes; the longer surface forms become skos:altLabel.
Documents: the title inside 《》.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import alternation, relation_verbs, words
from ..model import Mention

QUOTED = re.compile(r"“([^“”\n]{1,30})”")
DOC = re.compile(r"《([^《》\n]{2,80})》")
_SPEECH = re.compile(r"[，。！？,!?；;：:]")
_CAMPAIGNISH_END = re.compile(r"(?:行动|活动|工程|战略|改革|制度|工作法|联创|创建|攻坚战|专项整治|计划|年)$")
_EXTRA_SUFFIXES = ("评选", "竞赛", "大比武")
_LIST_GAP = re.compile(r"^[、和与及]?$")
_GENERIC_STEMS = ("一系列", "系列", "各类", "各项", "相关", "多项", "这次", "本次", "此次", "一次", "各种", "多种", "这项", "该项", "系列宣传")


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern:
    return re.compile(alternation(list(words("campaign_suffixes")) + list(_EXTRA_SUFFIXES)))


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern:
    verbs = relation_verbs().get("conducts", ())
    return re.compile("(?:" + alternation(verbs) + ")")


@lru_cache(maxsize=1)
def _unquoted_re() -> re.Pattern:
    verbs = alternation(relation_verbs().get("conducts", ()))
    return re.compile(r"(?:" + verbs + r")了?([\u4e00-\u9fff]{2,10}?(?:集中月活动|专项行动|活动|运动|行动))")


def _verb_before(text: str, start: int, lo: int) -> bool:
    """A conduct verb within the few characters before ``start`` (same clause)."""
    window_start = max(lo, start - 8)
    window = text[window_start:start]
    for sep in "，,；;。：:":
        k = window.rfind(sep)
        if k >= 0:
            window = window[k + 1:]
    return bool(_verb_re().search(window))


def find_campaigns(text: str, lo: int, hi: int) -> list[Mention]:
    out: list[Mention] = []
    quotes = [m for m in QUOTED.finditer(text, lo, hi)]
    # group quotes that stand in a list: “A”“B”、“C”
    groups: list[list[re.Match]] = []
    for m in quotes:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end():m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    for group in groups:
        g_verb = _verb_before(text, group[0].start(), lo)
        tail = _suffix_re().match(text, group[-1].end(), hi)
        # "“A”“B”等文明实践活动": a trailing 等...活动 makes the whole list campaigns
        tail_list = re.match(r"等[\u4e00-\u9fff]{0,10}?(?:活动|行动|工作)", text[group[-1].end():hi])
        for m in group:
            core = re.sub(r"\s+", " ", m.group(1)).strip()
            if not core or _SPEECH.search(core) or len(core) > 24:
                continue
            suffix = _suffix_re().match(text, m.end(), hi)
            is_campaign = bool(suffix and suffix.group() not in ("年", "月", "工作", "服务") ) or g_verb \
                or bool(_CAMPAIGNISH_END.search(core)) or (len(group) > 1 and bool(tail_list)) \
                or bool(suffix and suffix.group() in ("年", "月", "工作", "服务") and _verb_before(text, m.start(), lo))
            if not is_campaign:
                continue
            end = suffix.end() if suffix and suffix.group() not in ("年", "月") else m.end()
            surface = text[m.start():end]
            out.append(Mention("Campaign", surface, m.start(), end, name=core))
        del tail
    for m in _unquoted_re().finditer(text, lo, hi):
        name = m.group(1)
        if name.startswith(_GENERIC_STEMS) or "“" in name or "”" in name:
            continue
        if any(c.start <= m.start(1) < c.end for c in out):
            continue
        out.append(Mention("Campaign", name, m.start(1), m.end(1), name=name))
    return out


def find_documents(text: str, lo: int, hi: int) -> list[Mention]:
    return [Mention("Document", m.group(), m.start(), m.end(), name=m.group(1).strip())
            for m in DOC.finditer(text, lo, hi)]
