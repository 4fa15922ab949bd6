"""Who does it: the agent of a verb, read from the clause, the sentence, or the article's topic.

News sentences often drop the subject ("……, 持续开展“企业服务活动”"): the actor is then the one named
earlier in the sentence, or the one the article is about (the first actor of its headline or lead).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Optional

from ..model import Article, Mention
from .titles import collective_re, title_re

AGENTS = ("Person", "GovernmentBody", "Area", "Enterprise", "Institution")
ORG_AGENTS = ("GovernmentBody", "Area", "Enterprise", "Institution")
_CLAUSE_SEPS = "，,；;。！？!?：:\n"


#: an actor right after one of these is an object or a reference, not the subject ("按照省委办公厅《意见》")
_PREPOSITIONS = ("按照", "根据", "依据", "结合", "对照", "参照", "对", "向", "与", "为", "给", "在", "经", "同", "和", "及", "受",
                 "对于", "关于", "围绕", "配合", "协助", "会同", "联合", "邀请", "到", "赴", "来到", "走进", "深入",
                 # causatives: "甲组织乙走访企业" — 乙 does it at 甲's behest; 甲 is the subject
                 "组织", "带领", "率领", "指导", "督促", "引导", "帮助", "号召", "动员")


def agents_in(article: Article, lo: int, hi: int, kinds=AGENTS) -> list[Mention]:
    mentions = _window(article, lo, hi)
    return [m for m in mentions if lo <= m.start and m.end <= hi and m.kind in kinds
            and m.role not in ("nested", "journalist")]


_INDEX: list = [None, 0, None]   # [mentions list, its length, starts] of the article last asked about


def _window(article: Article, lo: int, hi: int) -> list[Mention]:
    """The mentions that can lie inside [lo, hi), in list order: a bisected slice when the list is sorted
    by start (as extract_article leaves it), else all of them. Keeps long articles from going quadratic."""
    mentions = article.mentions
    if len(mentions) < 64:
        return mentions
    if _INDEX[0] is not mentions or _INDEX[1] != len(mentions):
        starts = [m.start for m in mentions]
        _INDEX[:] = [mentions, len(mentions), starts if all(a <= b for a, b in zip(starts, starts[1:])) else None]
    starts = _INDEX[2]
    if starts is None or any(mentions[i].start != starts[i] for i in (0, len(mentions) // 2, -1)):
        return mentions
    return mentions[bisect_left(starts, lo):bisect_right(starts, hi)]


def _subject_like(text: str, m: Mention, lo: int, article: Article | None = None) -> bool:
    start = m.start
    # in a list ("结合区委、市政府改革方案"), the word before the list's first item decides
    while article is not None and start - 1 > lo and text[start - 1] == "、":
        prev = [o for o in article.mentions if o.end == start - 1 and o.kind in AGENTS]
        if not prev:
            break
        start = prev[0].start
    before = text[max(lo, start - 2):start]
    if any(before.endswith(p) for p in _PREPOSITIONS):
        return False
    if PHRASE_OPENER.search(text, clause_start(text, start, lo), start):
        return False   # "围绕服务某市建设进行调研": inside a prepositional phrase, not the subject
    if before.endswith("本报") or text.startswith("讯", m.end):
        return False   # the dateline (本报洛阳讯) says where the paper is, not who acts
    # 市委常委、副市长李某: the body qualifies the person, who is the subject
    return not (m.kind != "Person" and (title_re().match(text, m.end) or collective_re().match(text, m.end)))


#: words opening a prepositional phrase that can hold names which are not the clause's subject
PHRASE_OPENER = re.compile(r"围绕|按照|根据|依据|对照|关于|针对|为了|通过|随着")
#: a subject named by a common noun right before a verb: "工作组成员察看了", "检查组一行先后察看"
_UNNAMED_SUBJECT = re.compile(r"(?P<who>[\u4e00-\u9fff]{0,6}(?:组成员|组|团|成员|队员|干部|代表|人员))"
                              r"(?:们)?(?:一行)?(?:先后|还|又|一同|共同|分别)?(?:实地)?$")


_UNNAMED_BEFORE_VERB = re.compile(_UNNAMED_SUBJECT.pattern[:-1] + r"(?=[\u4e00-\u9fff])")


def unnamed_subject(text: str, lo: int, pos: int, anywhere: bool = False):
    """The match of a subject the text names only by a common noun, right before ``pos`` (or, with
    ``anywhere``, before any word in [lo, pos)); None when there is none: then the agent is not the
    previous sentence's."""
    return (_UNNAMED_BEFORE_VERB if anywhere else _UNNAMED_SUBJECT).search(text, lo, pos)


def clause_start(text: str, pos: int, lo: int) -> int:
    """Start of the clause holding ``pos``; punctuation inside quotes (“尽心尽力，为企业解难”) does not count."""
    s = pos
    while s > lo and text[s - 1] not in _CLAUSE_SEPS:
        if text[s - 1] == "”":
            j = text.rfind("“", lo, s - 1)
            if j >= 0 and s - 1 - j <= 40:
                s = j
                continue
        s -= 1
    return s


def clause_end(text: str, pos: int, hi: int) -> int:
    e = pos
    while e < hi and text[e] not in _CLAUSE_SEPS:
        if text[e] == "“":
            j = text.find("”", e + 1, hi)
            if j >= 0 and j - e <= 40:
                e = j + 1
                continue
        e += 1
    return e


def topic(article: Article) -> Optional[Mention]:
    """The actor an article is about: the first body/area of its headline, else of its first sentences."""
    if article.headline and article.sentences:
        first = article.sentences[0]
        heads = agents_in(article, first.start, first.start + len(article.headline) + 1, ORG_AGENTS)
        if heads:
            return heads[0]
    for s in article.sentences[:3]:
        # not the dateline's place (本报洛阳讯): that is where the paper is, not whom the article is about
        found = [m for m in agents_in(article, s.start, s.end, ORG_AGENTS)
                 if not s.text.startswith("本报", max(0, m.start - s.start - 2))]
        if found:
            return found[0]
    return None


def agent_before(text: str, article: Article, pos: int, sentence: int, kinds=AGENTS,
                 fallback: bool = True) -> Optional[Mention]:
    """The actor of the verb at ``pos``: last actor in its clause, else in its sentence, else the topic."""
    if sentence < 0 or sentence >= len(article.sentences):
        return topic(article) if fallback else None
    sent = article.sentences[sentence]
    c_start = clause_start(text, pos, sent.start)
    for lo in (c_start, sent.start):
        cands = [m for m in agents_in(article, lo, pos, kinds) if _subject_like(text, m, sent.start, article)]
        if cands:
            return _subject_of(cands)
    if not fallback:
        return None
    # a dropped subject continues the previous sentence's subject, within the same paragraph
    k = sentence
    while k > 0 and sentence - k < 2:
        prev = article.sentences[k - 1]
        if "\n" in text[prev.end:article.sentences[k].start]:
            break
        cands = [m for m in agents_in(article, prev.start, prev.end, kinds) if _subject_like(text, m, prev.start, article)]
        if cands:
            return _subject_of(cands)
        k -= 1
    return topic(article)


#: what joins two actors of one subject: "某街道党工委、办事处召开", "区人大常委会和区政协联合召开"
_CONJUNCTIONS = ("、", "和", "与", "及", "以及")


def conjuncts(text: str, article: Article, first: Mention, kinds=AGENTS) -> list[Mention]:
    """The actors joined to ``first`` in one subject, in order ("甲、乙和丙召开" -> [乙, 丙])."""
    out, end = [], first.end
    while True:
        sep = next((c for c in _CONJUNCTIONS if text.startswith(c, end)), None)
        at = end + len(sep) if sep else -1
        nxt = next((m for m in _window(article, at, at) if m.start == at and m.kind in kinds
                    and m.role not in ("nested", "journalist", "anaphor")), None) if sep else None
        if nxt is None or nxt.kind != first.kind and not (nxt.kind in ORG_AGENTS and first.kind in ORG_AGENTS):
            return out
        out.append(nxt)
        end = nxt.end


def _subject_of(cands: list[Mention]) -> Mention:
    # the first actor of a clause is its subject ("区城管局为解决富泰华公司难题……"): prefer it
    return cands[0]


def agents_after(text: str, article: Article, pos: int, sentence: int, kinds=AGENTS) -> list[Mention]:
    """Actors after ``pos`` in the same clause."""
    if sentence < 0 or sentence >= len(article.sentences):
        return []
    sent = article.sentences[sentence]
    c_end = clause_end(text, pos, sent.end)
    return agents_in(article, pos, c_end, kinds)
