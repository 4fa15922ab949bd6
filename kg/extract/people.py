"""People and their posts.

Patterns (all general, tested on sentences written for the tests):
- [organ][title][name]: 管城区委书记虎强, 金水科教园区管委会主任李小虎, 中站区政协主席王小军;
- chains: 区委副书记、区长张艳敏 (two posts: 区委/副书记 and the Area/区长), 市城管局党组书记、局长杨树亮
  (two posts in the same body);
- one title over a list: 副局长黄海梅、孙志勤、李东兴; 区领导刘明胜、刘春明、许海玲;
- [name][title]: 杨树亮局长, 习近平总书记 (the person only);
- later mentions by name alone are found by the article-level pass (kg.extract.__init__).
A name is a family name (single or compound, kg/lexicons/surnames.txt) plus one or two characters; which
of the two is decided by what follows (a role verb, punctuation, 、 ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..lexicons import role_words, surnames, words
from ..lexicons.frames import speech_verbs
from ..model import Mention
from .spans import boundary_before, is_cjk
from .titles import collective_re, contracted, fits_organ, is_area_head, title_ending_at, title_re

_FOLLOWERS_EXTRA = ("同志 一行 等 明确 强调 指出 表示 要求 说 在 对 到 来 赴 先后 实地 现场 深入 带队 带领 率 率队 "
                    "会见 接见 主持 出席 参加 陪同 讲话 介绍 汇报 代表 调研 督导 察看 检查 走访 看望 慰问 参观 听取 "
                    "作 做 就 向 与 和 及 为 是 也 还 又 的 分别 共同 一起 亲自 专程 首先 最后 再次 进一步 认真 "
                    "在会上 代表 作为 担任 主抓 分管 负责 同 等人 一同 随后 则 也 指导 部署 安排 提出 希望 称 介绍 说明 "
                    "任 兼 现任 已 曾 回答 调度 组织 召开 坚持 以 从 对于 给 将 把 被 到会 致辞 发言 授课 宣读")
_NOT_NAMES = frozenset("一二三四五六七八九十")
_BINDING = ("以及", "等人", "同志", "一行")
_FUNCTION_CHARS = frozenset("等及与的在是")     # not 和, 为: 梁志和, 张有为 are names


@lru_cache(maxsize=1)
def _followers() -> tuple[str, ...]:
    ws = set(role_words()) | set(words("boundaries")) | set(_FOLLOWERS_EXTRA.split())
    return tuple(sorted(ws, key=len, reverse=True))


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(words("not_names"))


@lru_cache(maxsize=1 << 14)
def describes(word: str) -> bool:
    """True for a word jieba reads as one adjective or adverb (殷切, 认真): names are tagged nr."""
    import rjieba
    tags = rjieba.tag(word)
    return len(tags) == 1 and tags[0][1] in ("a", "ad", "an", "d", "b", "z")


@lru_cache(maxsize=1)
def _compound() -> frozenset[str]:
    return frozenset(s for s in surnames() if len(s) == 2)


def _followed_by_boundary(text: str, i: int, hi: int) -> int:
    """2: punctuation, end, or a follower word of two or more characters; 1: a one-character word; 0: none."""
    if i >= hi:
        return 2
    if not is_cjk(text[i]):
        return 2
    for w in _followers():
        if text.startswith(w, i):
            return 2 if len(w) > 1 else 1
    return 0


def parse_name(text: str, i: int, hi: int) -> int:
    """End of a person name starting at ``i`` (0 when none)."""
    if i >= hi or not is_cjk(text[i]):
        return 0
    if text[i:i + 2] in _compound():
        s_len = 2
    elif text[i] in surnames():
        s_len = 1
    else:
        return 0
    if boundary_before(text, i + 2) == 2 and s_len == 1 and text[i:i + 2] not in ("王家",):
        return 0  # the two characters form a common word (和相, 于是), not a name
    cands = []
    for given in (2, 1):
        e = i + s_len + given
        if e > hi or not all(is_cjk(c) for c in text[i:e]):
            continue
        if title_re().match(text, i + s_len, e) or title_re().match(text, i, e):
            continue
        if text[i:e] in _not_names():
            continue
        if given == 1 and s_len == 1 and (text[e:e + 1] in "的地得" or text.startswith(speech_verbs(), e)) \
                and describes(text[i:e]):
            continue              # 殷切的, 认真地, 殷切希望 (a speech verb follows): an adverb, not a name
        if given == 2 and text[e - 1] in _FUNCTION_CHARS:
            continue              # 申杰等3名同志: the third character is a function word
        if _common_word(text[i:e], s_len):
            continue              # 公安, 金融 (a list of fields after 委员), 由武术, 和他: words, not names
        cands.append((e, _followed_by_boundary(text, e, hi)))
    if not cands:
        return 0
    # prefer a name followed by punctuation or a word (出席, 一行) over one followed by a single
    # character that could be part of the name (田野陪|同): then the longer one, unless the shorter is
    # followed by a word that binds to a name (张涛|以及 rather than 张涛以|及其)
    best = max(cands, key=lambda c: (c[1], c[0]))
    if len(cands) == 2 and cands[1][1] == 2 and any(text.startswith(w, cands[1][0]) for w in _BINDING):
        best = cands[1]
    return best[0] if best[1] else 0


#: jieba tags of words that are not names: nouns, verbs, pronouns, prepositions, conjunctions, adverbs
_WORD_TAGS = frozenset("n v vn r p c d ad m q".split())


@lru_cache(maxsize=8192)
def _common_word(name: str, s_len: int) -> bool:
    """Whether jieba reads a candidate name as an ordinary word (公安), as a function word before one
    (由 + 武术, 和 + 他) or as starting with one (由此 + 看): names are tagged nr (or split into a
    surname and a name-like rest)."""
    import rjieba
    tags = rjieba.tag(name)
    if len(tags) == 1:
        return len(name) == 2 and tags[0][1] in _WORD_TAGS
    first, tag = tags[0]
    if len(first) >= 2 and tag in ("p", "c", "d", "r"):
        return True               # 由此看: a function word where the surname and the name should be
    return s_len == 1 and len(tags) == 2 and len(first) == 1 and tag in ("p", "c") and tags[1][1] in _WORD_TAGS


@dataclass
class PostCandidate:
    person: Mention
    title: str
    org: Optional[Mention]      # None: the post belongs to the article's area
    text: str
    status: str = ""            # former (原/前 + post), acting (代 + post), or as kg.extract.appointments says


def _org_ending_at(orgs: list[Mention], end: int) -> Optional[Mention]:
    best = None
    for o in orgs:
        if o.end == end and o.kind in ("GovernmentBody", "Enterprise", "Institution", "Area") and o.role != "nested":
            if best is None or o.start < best.start:
                best = o
    if best is None:  # a nested area ending here (管城区 in 管城区领导) is fine for collective titles
        for o in orgs:
            if o.end == end and o.kind == "Area":
                best = o
    return best


#: the two leading organs of a development zone: its party working committee and its management committee
_ZONE_ORGANS = ("党工委", "管委会")


def _bare_organ(text: str, start: int, end: int, orgs: list[Mention]) -> Optional[Mention]:
    """"示范区(高新区)党工委、管委会主任": a bare organ word after 、 inherits the previous body's prefix."""
    from .orgs import body_prefix
    organ = text[start:end]
    if organ not in words("party_organs") and organ not in ("管委会", "党工委", "政府", "人大", "政协"):
        return None
    if start == 0 or text[start - 1] not in "、，,":
        return None
    if text[start - 1] != "、":
        # "区党工委书记某某，管委会副主任某某": a zone's two leading organs, one list of its leaders
        if organ not in _ZONE_ORGANS:
            return None
        prev = next((o for o in reversed(orgs) if o.kind == "GovernmentBody" and o.end < start - 1
                     and o.label.endswith(_ZONE_ORGANS) and "。" not in text[o.end:start]), None)
        prefix = body_prefix(prev.label) if prev is not None else ""
        return Mention("GovernmentBody", organ, start, end, name=prefix + organ) if prefix else None
    prev = _org_ending_at(orgs, start - 1)
    if prev is None:
        # "新区党工委副书记、管委会副主任": a title may stand between the previous body and the 、
        prev = next((o for o in orgs if o.kind == "GovernmentBody" and o.end < start - 1
                     and title_re().fullmatch(text, o.end, start - 1)), None)
    if prev is None or prev.kind != "GovernmentBody":
        return None
    prefix = body_prefix(prev.label)
    if not prefix:
        return None
    return Mention("GovernmentBody", organ, start, end, name=prefix + organ)


def find_people(text: str, lo: int, hi: int, orgs: list[Mention]) -> tuple[list[Mention], list[PostCandidate]]:
    people: list[Mention] = []
    posts: list[PostCandidate] = []
    taken: set[int] = set()
    for pattern, collective in ((title_re(), False), (collective_re(), True)):
        for m in pattern.finditer(text, lo, hi):
            t_start, t_end, title = m.start(), m.end(), m.group()
            # 镇党委书记: the body 某镇党委 ends inside the title word 党委书记; its post is 书记
            for o in orgs:
                if o.kind == "GovernmentBody" and t_start < o.end < t_end and title_re().fullmatch(text, o.end, t_end):
                    t_start, title = o.end, text[o.end:t_end]
                    break
            names = []
            pos = t_end
            paren = re.match(r"[（(][^）)]{1,8}[）)]", text[t_end:hi])
            if paren:
                pos = t_end + paren.end()     # 管委会副主任（主持工作）程浩
            e = parse_name(text, pos, hi)
            while e:
                names.append((pos, e))
                if e < hi and text[e] == "、":
                    pos = e + 1
                    e = parse_name(text, pos, hi)
                else:
                    break
            if not names:
                continue
            chain = _title_chain(text, lo, t_start, t_end, title, orgs, collective)
            if not chain and not collective and not is_area_head(title):
                chain = _listed_post(text, t_start, title, posts, orgs, people)
            status = _marked_status(text, lo, t_end, chain)
            # a manager of a company or the head of an association holds no public post
            private = bool(chain) and all(o is not None and o.kind in ("Enterprise", "Institution") for _t, o, _x in chain)
            for s, e in names:
                if s in taken:
                    continue
                taken.add(s)
                person = Mention("Person", text[s:e], s, e, role="other" if private else "official")
                people.append(person)
                for c_title, c_org, c_text in chain:
                    posts.append(PostCandidate(person, c_title, c_org, c_text, status))
    people.extend(_name_before_title(text, lo, hi, taken))
    return people, posts


def _title_chain(text, lo, t_start, t_end, title, orgs, collective):
    """The [organ]title elements joined by 、 that end at ``t_end``, left to right, orgs inherited."""
    chain = []
    start, end, cur_title = t_start, t_end, title
    while True:
        # 镇党委书记: the body 某镇党委 ends inside the title word 党委书记; its post is 书记
        for o in orgs:
            if o.kind == "GovernmentBody" and start < o.end < end and title_re().fullmatch(text, o.end, end):
                start, cur_title = o.end, text[o.end:end]
                break
        org = _org_ending_at(orgs, start)
        org_start = org.start if org else start
        if org is None:
            # a bare organ word (管委会) right before the title
            for n in (3, 2):
                if start - n >= lo:
                    bare = _bare_organ(text, start - n, start, orgs)
                    if bare:
                        org, org_start = bare, start - n
                        break
        if collective and org is None and start > lo:
            # 管城区领导: the area's name runs into the collective title (区 is shared)
            for o in orgs:
                if o.kind == "Area" and o.end == start + 1 and text[start] == o.text[-1]:
                    org, org_start = o, o.start
        short = contracted(cur_title)
        if short is not None:      # 区委统战部长: the post 部长 in the body 区委统战部
            organ, cur_title = short
            body_end = start + len(organ)
            org = Mention("GovernmentBody", text[org_start:body_end], org_start, body_end)
        chain.append((cur_title, org, text[org_start:end]))
        if org_start - 1 >= lo and text[org_start - 1] in "、兼":
            p_start, p_title = title_ending_at(text, org_start - 1, lo)
            if p_title:
                start, end, cur_title = p_start, org_start - 1, p_title
                continue
        break
    chain.reverse()
    inherited = None
    out = []
    for c_title, org, c_text in chain:
        if org is not None:
            inherited = org
        elif not is_area_head(c_title) and inherited is not None:
            org = inherited
        if org is None and not is_area_head(c_title) and not collective:
            org = _nearby_org(text, lo, t_start, orgs)
            if org is None:
                continue   # a title whose organisation the text does not name: no post to record
        out.append((c_title, org, c_text))
    return out


#: a word before a post phrase that says the post is not simply held now (原区委书记, 代区长)
_STATUS_MARKS = {"原": "former", "前": "former", "代": "acting", "代理": "acting"}


def _marked_status(text: str, lo: int, t_end: int, chain) -> str:
    if not chain:
        return ""
    start = t_end - sum(len(c_text) for _t, _o, c_text in chain) - (len(chain) - 1)   # joined by 、 / 兼
    for mark, status in sorted(_STATUS_MARKS.items(), key=lambda kv: -len(kv[0])):
        if start - len(mark) >= lo and text[start - len(mark):start] == mark:
            return status
    return ""


def _listed_post(text, t_start, title, posts, orgs, people):
    """A title without its organ that continues a list of posts in one body: "某局副局长张三出席，二级巡视员
    李四参加" (李四 is 二级巡视员 of 某局). The previous post must be in the same sentence, with no other
    organisation or person between, and the title must fit the body (kg/lexicons/title_organs.tsv)."""
    if not posts:
        return []
    last = posts[-1]
    gap = (last.person.end, t_start)
    if last.org is None or last.org.kind != "GovernmentBody" or gap[0] > gap[1] or "。" in text[gap[0]:gap[1]]:
        return []
    if any(gap[0] <= m.start < gap[1] for m in list(orgs) + list(people)):
        return []
    if not fits_organ(title, last.org.label):
        return []
    return [(title, last.org, title)]


def _nearby_org(text: str, lo: int, pos: int, orgs: list[Mention]) -> Optional[Mention]:
    """"某某有限公司云筑项目负责人慕某": the organisation a little before the title, in the same clause."""
    best = None
    for o in orgs:
        if o.end <= pos and o.kind in ("GovernmentBody", "Enterprise", "Institution") and o.role != "nested":
            gap = text[o.end:pos]
            if len(gap) <= 8 and not any(c in gap for c in "，,。；;：:（(、") and (best is None or o.end > best.end):
                best = o
    return best


def _name_before_title(text: str, lo: int, hi: int, taken: set[int]) -> list[Mention]:
    """"杨树亮局长", "习近平总书记": the name right before a title, preceded by a boundary."""
    out = []
    for m in re.finditer(r"(?:总书记|" + title_re().pattern + ")", text[lo:hi]):
        t = lo + m.start()
        for n in (3, 4):
            s = t - n
            if s < lo or s in taken:
                continue
            if not all(is_cjk(c) for c in text[s:t]):
                continue
            before_ok = s == lo or not is_cjk(text[s - 1]) or boundary_before(text, s) > 0
            if before_ok and _is_name_shape(text[s:t]) and not title_re().search(text, s, t):
                taken.add(s)
                out.append(Mention("Person", text[s:t], s, t, role="official"))
                break
    return out


_ORGAN_END = re.compile(r"[会委局办处部组区县市镇乡村厅院所站队]$")


def _is_name_shape(token: str) -> bool:
    if _ORGAN_END.search(token):
        return False          # 管委会主任: an organ before a title, not a person
    # a name standing before its title ("黄建业局长") needs three characters: two-character words that
    # start with a family-name character are too common (单位负责人, 成员)
    if token[:2] in _compound():
        return len(token) in (3, 4)
    return token[0] in surnames() and len(token) == 3 and not any(c in _NOT_NAMES for c in token[1:])
