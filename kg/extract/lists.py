"""Enumerations are homogeneous: "加快A科技园、B产业园、C中心、创基智谷、D新城五个科技综合体建设".

When two or more items of a 、-list are recognised as the same kind of organisation and the others are
short unrecognised names, those others are of that kind too. The list ends at 等, a count with a
classifier (五个, 3家), 和/及, or the end of the clause.
"""
from __future__ import annotations

import re

from ..model import Mention
from .spans import boundary_before, is_cjk

KINDS = ("Enterprise", "Institution", "GovernmentBody")
_CLAUSE = re.compile(r"[^，,；;。！？!?：:\n]+")
_LIST_END = re.compile(r"(?:等|[0-9一二三四五六七八九十两]+(?:个|家|所|座|处)|和|及|以及)")


def propagate(text: str, lo: int, hi: int, mentions: list[Mention]) -> list[Mention]:
    """New mentions for the unrecognised items of homogeneous lists in ``text[lo:hi]``."""
    out: list[Mention] = []
    orgs = [m for m in mentions if m.role != "nested"]
    for clause in _CLAUSE.finditer(text, lo, hi):
        c_lo, c_hi = clause.start(), clause.end()
        if text.count("、", c_lo, c_hi) < 2:
            continue
        parts = []
        pos = c_lo
        for piece in text[c_lo:c_hi].split("、"):
            parts.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        items = []
        for k, (s, e) in enumerate(parts):
            if k == 0:   # the first item is what ends the first part: a recognised mention, or nothing
                m = next((o for o in orgs if o.end == e and o.start >= s), None)
                items.append((m.start, e, m) if m else None)
                continue
            if k == len(parts) - 1:
                end = _LIST_END.search(text, s, e)
                e = end.start() if end else e
            m = next((o for o in orgs if o.start == s and o.end == e), None)
            items.append((s, e, m))
        known = [it[2].kind for it in items if it and it[2] is not None]
        if len(known) < 2 or len(set(known)) != 1 or known[0] not in KINDS:
            continue
        kind = known[0]
        for it in items:
            if not it or it[2] is not None:
                continue
            s, e, _ = it
            name = text[s:e]
            if 2 <= len(name) <= 10 and all(is_cjk(c) for c in name) and not _has_boundary(text, s, e) \
                    and not any(o.start < e and s < o.end for o in mentions):
                out.append(Mention(kind, name, s, e))
    return out


def distribute_organ(text: str, mentions: list[Mention]) -> list[Mention]:
    """"甲市、乙市市场监管局": the organ of the last item belongs to each area before it (甲市市场监管局).

    The new body's span is the area's name as printed; its name is the area's full name plus the organ.
    The area's own mention stays, nested in the body (as 乙市 is in 乙市市场监管局)."""
    from ..lexicons import divisions
    from .orgs import body_prefix

    out: list[Mention] = []
    areas = {m.end: m for m in mentions if m.kind == "Area" and m.role != "nested"}
    for body in mentions:
        if body.kind != "GovernmentBody":
            continue
        prefix = body_prefix(body.label)
        if len(prefix) < 2 or prefix[-1] not in "省市县区":
            continue
        organ = body.label[len(prefix):]
        pos = body.start
        while pos > 0 and text[pos - 1] == "、" and (pos - 1) in areas:
            area = areas[pos - 1]
            found = divisions.lookup(area.text)
            full = found[0].name if len(found) == 1 else area.text
            if full[-1] not in "省市县区":
                full += prefix[-1]           # 东湖、青山市: 东湖 is a city too
            out.append(Mention("GovernmentBody", area.text, area.start, area.end, name=full + organ))
            area.role = "nested"             # the span names the body now; the area only inside it
            pos = area.start
    return out


#: the units a bureau is divided into, and the organs they belong to ("某局计量处": 某局 + 计量处)
_UNITS = ("处", "科", "室", "股", "队")
_PARENTS = re.compile(r"(?:局|厅|委员会|委|办公室|部|署)")


def inherit_parent(text: str, mentions: list[Mention]) -> list[Mention]:
    """"某局计量处、标准化处、质量发展处": units listed after a unit of a named organ are that organ's
    units too. Each later item gets the organ in its name (某局标准化处); its span stays as printed."""
    from .orgs import body_prefix

    bodies = {m.start: m for m in mentions if m.kind == "GovernmentBody" and m.role != "nested"}
    out = list(mentions)
    index = {id(m): k for k, m in enumerate(out)}
    for first in list(bodies.values()):
        unit = first.label[-1:]
        if unit not in _UNITS:
            continue
        cuts = [m.end() for m in _PARENTS.finditer(first.label) if m.end() < len(first.label) - 1]
        if not cuts:
            continue
        parent = first.label[:cuts[-1]]
        pos = first.end
        while text.startswith("、", pos) and (nxt := bodies.get(pos + 1)) is not None:
            if nxt.label.endswith(unit) and not body_prefix(nxt.label) and not nxt.name:
                k = index[id(nxt)]
                out[k] = Mention(nxt.kind, nxt.text, nxt.start, nxt.end, nxt.sentence, nxt.role,
                                 name=parent + nxt.text, scope=nxt.scope)
            pos = nxt.end
    return out


def _has_boundary(text: str, s: int, e: int) -> bool:
    return any(boundary_before(text, i) for i in range(s + 1, e + 1))


#: "为3家企业授牌。它们分别是甲、乙、丙": a count of businesses, then the list that names them
COUNTED_BUSINESSES = re.compile(r"(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})家[\u4e00-\u9fff]{0,8}?"
                      r"(?:企业|公司|店铺|门店|商户|商家|平台|银行)")
_NAMES_THEM = re.compile(r"(?:分别是|分别为|包括|即|依次是)[：:]?")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)} | {"两": 2}


def _count(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(s, -1)


def counted_companies(text: str, lo: int, hi: int, mentions: list[Mention]) -> list[Mention]:
    """Enterprise mentions for the names listed right after a count of businesses, when the list holds
    exactly that many names ("4家企业……分别是甲、乙、丙和丁"): brand names carry no suffix."""
    from .crf import Taken
    out: list[Mention] = []
    taken = Taken((m.start, m.end) for m in mentions)
    for c in COUNTED_BUSINESSES.finditer(text, lo, hi):
        n = _count(c.group("n"))
        them = _NAMES_THEM.search(text, c.end(), min(hi, c.end() + 16))
        if n < 2 or them is None:
            continue
        start = them.end()
        close = _LIST_CLOSE.search(text, start, min(hi, start + 12 * n))
        if close is None:
            continue
        spans, pos = [], start
        for sep in _SEPARATORS.finditer(text, start, close.start()):
            spans.append((pos, sep.start()))
            pos = sep.end()
        spans.append((pos, close.start()))
        if len(spans) != n or not all(2 <= e - s <= 10 and all(is_cjk(ch) or ch.isalnum() for ch in text[s:e])
                                      for s, e in spans):
            continue
        out.extend(Mention("Enterprise", text[s:e], s, e) for s, e in spans if not taken.overlaps(s, e))
    return out


#: what separates the names of a counted list (、, and 和/及 before the last), and what ends it
_SEPARATORS = re.compile(r"、|以及|和|及")
_LIST_CLOSE = re.compile(r"[。；;，,！!\n]|等")
