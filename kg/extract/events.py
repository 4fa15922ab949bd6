"""Events: meetings, inspections, visits, trainings and awards, with date, place, campaign and roles.

What each kind of event looks like is data: one frame per kind in kg/lexicons/frames.tsv (its triggers,
its shape, the roles its verbs give); this module reads a clause by the frame's shape:
- convened (Meeting): "召开/举行/举办……会议", "……座谈会上"; later "会议强调", "会上" refer to the same one;
- activity (Inspection, Visit, Training): 督导, 调研, 走访, 培训 by an actor; a motion trigger (赴, 来到)
  is a visit only when an enterprise or institution follows;
- award: a banner (锦旗) presented by a giver to a target.
Triggers of all frames are matched by one pattern, leftmost-longest (the one overlap policy); a trigger
inside a name (督导组, 职业技能培训中心) is not one. One event per happening: an article's repeated
mentions of the same kind without a new date or a new "召开" are merged. Roles come from the role verb
that follows each actor in the clause ("王家鹏出席会议并讲话" = attendee + speaker).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..lexicons import alternation
from ..lexicons.frames import Frame, frames, trigger_frame, trigger_re
from ..model import Article, Event, Mention, Sentence
from .agents import AGENTS, ORG_AGENTS, agent_before, agents_after, agents_in, clause_end, clause_start, topic
from .relations import banner_parties
from .titles import collective_re, title_re

DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:上午|下午|晚上|晚|早上|中午)?")
_MAX_EVENT_NAME = 40


def _date(text: str, lo: int, hi: int) -> tuple[str, str]:
    m = DATE.search(text, lo, hi)
    if not m:
        return "", ""
    iso = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m.group(1) else ""
    return m.group(), iso


def _frame_of(ev: Event) -> Frame:
    return next(f for f in frames().values() if f.cls == ev.kind)


@lru_cache(maxsize=None)
def _role_map(frame: Frame) -> list[tuple[str, str]]:
    """Role words an actor's own verb can carry; organizers come from the convening verb only."""
    return sorted(((w, r) for w, r in frame.roles.items() if r != "organizer"), key=lambda kv: -len(kv[0]))


def find_events(text: str, article: Article) -> list[Event]:
    events: list[Event] = []
    lead_date = ("", "")
    if article.sentences:
        for s in article.sentences[:3]:
            lead_date = _date(text, s.start, s.end)
            if lead_date[0]:
                break
    current: dict[str, Event] = {}
    last: Optional[Event] = None
    for si, sent in enumerate(article.sentences):
        lo, hi = sent.start, sent.end
        found = [(m.start(), trigger_frame()[m.group()], m) for m in trigger_re().finditer(text, lo, hi)]
        for pos, kind, m in found:
            if si < article.n_headline:
                continue  # headlines summarise; the body says who, when and where
            if text.startswith(frames()[kind].not_after, m.end()):
                continue
            if any(o.start <= m.start() and m.end() <= o.end for o in article.mentions
                   if o.kind in ("GovernmentBody", "Institution", "Enterprise", "Campaign")):
                continue  # 培训 in 职业技能培训中心, 督导 in 督导组: part of a name
            made = _event_for(text, article, kind, m, si, sent, current, lead_date)
            for ev in made if isinstance(made, list) else [made]:
                if ev is not None:
                    last = ev
                    if ev not in events:
                        events.append(ev)
        # roles of the actors of this sentence belong to the event it talks about: the last one named
        if last is not None and last.kind != "Award":
            _assign_roles(text, article, last, si, sent)
    _series(article, events)
    for ev in events:
        _dedupe_roles(ev)
    # an event nobody is said to take part in is a mention of one ("继……动员部署会之后"), not a report
    return [e for e in events if e.roles]


def _series(article: Article, events: list[Event]) -> None:
    """"经开区组织开展了X系列活动。……对接会……": the article's events are part of the series it opens with."""
    for c in article.mentions:
        if c.kind == "Campaign" and re.search(r"(?:系列活动|主题活动|系列行动)$", c.text) and c.sentence <= article.n_headline + 1:
            for ev in events:
                if ev.sentence >= c.sentence and c not in ev.campaigns:
                    ev.campaigns.append(c)


def _event_for(text, article, kind, m, si, sent: Sentence, current, lead_date):
    """The event the trigger ``m`` of frame ``kind`` reports (or adds to), read by the frame's shape."""
    frame = frames()[kind]
    ctx = _Ctx(text, article, frame, m, si, sent, current, lead_date)
    if frame.shape == "convened":
        return _convened(ctx)
    if frame.shape == "award":
        return _award(ctx)
    if m.group() in frame.motion:
        return _motion(ctx)
    return _activity(ctx)


class _Ctx:
    """What every shape reads: the trigger, its clause and sentence, the date, the current events."""

    def __init__(self, text, article, frame, m, si, sent, current, lead_date):
        self.text, self.article, self.frame, self.m, self.si, self.sent = text, article, frame, m, si, sent
        self.current, self.lead_date = current, lead_date
        self.lo, self.hi = sent.start, sent.end
        self.c_start = clause_start(text, m.start(), self.lo)
        self.date_text, self.iso = _date(text, self.lo, self.hi)

    def new(self, label: str) -> Event:
        m = self.m
        return Event(self.frame.cls, label, Sentence(m.start(), m.end(), m.group()), self.si,
                     self.date_text or self.lead_date[0], self.iso or self.lead_date[1])

    def other_day(self, ev: Event) -> bool:
        """The sentence dates another day than ``ev``: a new happening."""
        return bool(self.date_text and ev.date_text and self.date_text != ev.date_text)


def _convened(c: _Ctx) -> Optional[Event]:
    text, m, frame = c.text, c.m, c.frame
    if text.startswith(frame.refer, m.start()) or text[max(c.lo, m.start() - 1):m.start()] in ("该", "此"):
        return c.current.get(frame.name)
    convene = None
    for cm in _convene_re(frame).finditer(text, c.c_start, m.start()):
        convene = cm
    existing = c.current.get(frame.name)
    name_start = convene.end() if convene else _modifier_start(text, m.start(), c.c_start)
    name = text[name_start:m.end()]
    if existing is not None and (not convene or _same_name(existing.name, name)) \
            and not (c.date_text and c.date_text != existing.date_text and existing.date_text):
        if not existing.aliases or name not in existing.aliases:
            existing.aliases.append(name)
        return existing
    if not convene and existing is None and len(name) <= 2 and m.group() in ("会议",):
        return None
    agent = agent_before(text, c.article, name_start, c.si, ORG_AGENTS)
    label = (agent.label if agent and not name.startswith(agent.label) else "") + name
    ev = c.new(label[:_MAX_EVENT_NAME * 2])
    ev.aliases.append(name)
    if convene is not None:
        agent = agent or topic(c.article)      # "召开……会议" with the subject dropped: the article's actor
        if agent is not None:
            ev.roles.append(("organizer", agent))
    _campaigns_of(c.article, ev, name_start, m.end())
    c.current[frame.name] = ev
    return ev


def _motion(c: _Ctx):
    """"甲赴乙公司": a visit only when a unit follows the motion verb; "先后" makes one visit per unit."""
    text, m, article = c.text, c.m, c.article
    targets = agents_after(text, article, m.end(), c.si, ("Enterprise", "Institution"))
    if not targets:
        return None
    going = next((c.current[k] for k in _visiting_frames() if c.current.get(k) is not None), None)
    if going is not None and not c.other_day(going):
        # "检查组先后来到甲公司、乙医院": the stops of the inspection already reported
        going.roles.extend(("target", t) for t in targets)
        return going
    agent = agent_before(text, article, m.start(), c.si, AGENTS)
    groups = [[t] for t in targets] if "先后" in text[c.c_start:m.start()] else [targets]
    made = []
    for group in groups:
        ev = c.new((agent.label if agent else "") + m.group() + "、".join(t.label for t in group))
        if agent is not None:
            ev.roles.append(("attendee", agent))
        ev.roles.extend(("target", t) for t in group)
        _campaigns_of(article, ev, c.c_start, clause_end(text, m.end(), c.hi))
        made.append(ev)
    c.current[c.frame.name] = made[-1]
    return made


def _visiting_frames() -> list[str]:
    """Frames whose events go somewhere (they have targets), in file order."""
    return [name for name, f in frames().items() if f.targets]


def _activity(c: _Ctx) -> Optional[Event]:
    text, m, article, frame, kind = c.text, c.m, c.article, c.frame, c.frame.name
    existing = c.current.get(kind)
    if existing is not None and not c.other_day(existing):
        _targets(text, article, existing, m, c.si)
        return existing
    agent = agent_before(text, article, m.start(), c.si, AGENTS)
    if agent is None:
        return None
    # a specific happening has a date, a named person, or a named target; "走访企业260余家" has none
    named_target = agents_after(text, article, m.start(), c.si, frame.targets) if frame.targets else []
    people = agents_in(article, c.lo, c.hi, ("Person",))
    tail_end = clause_end(text, m.end(), c.hi)
    tail = text[m.end():tail_end]
    # "区党工委开展巡察工作": an inspection that an actor carries out is one happening; but
    # "组织走访企业260余家" counts many, and is none
    carried = bool(frame.carried) and bool(re.search("(?:" + alternation(frame.carried) + ")了?$", text[c.c_start:m.start()]))
    convened = carried and not _TALLY.search(tail)
    if frame.targets and not (c.date_text or people or named_target or convened or (c.lead_date[0] and c.si <= 2)):
        return None
    if frame.label == "object":
        label = agent.label + m.group() + text[m.end():min(tail_end, m.end() + 12)]
    else:
        label = agent.label + text[_modifier_start(text, m.start(), c.c_start):m.end()]
    ev = c.new(label[:_MAX_EVENT_NAME * 2])
    # a body organises an inspection; a person leads it (虎强带队督导)
    ev.roles.append((frame.subject_role(agent.kind), agent))
    _targets(text, article, ev, m, c.si)
    _campaigns_of(article, ev, c.c_start, tail_end)
    c.current[kind] = ev
    return ev


def _award(c: _Ctx) -> Optional[Event]:
    text, m, article = c.text, c.m, c.article
    if m.group() != "锦旗":
        return None
    giver, target = banner_parties(text, article, m.start(), c.si)
    if giver is None and target is None:
        return None
    if re.search(r"[两三四五六七八九十多几数0-9]+面$", text[max(c.lo, m.start() - 4):m.start()]):
        return None   # "接连收到企业赠送六面锦旗": a tally, not one presentation
    for ev in c.current.get("Awards", []):
        if c.date_text and ev.date_text == c.date_text:
            return ev  # the same presentation, told again (a photo caption)
    ev = c.new((giver.label if giver else "") + ("向" + target.label if target else "") + "赠送锦旗")
    if giver is not None:
        ev.roles.append(("giver", giver))
    if target is not None:
        ev.roles.append(("target", target))
    c.current.setdefault("Awards", []).append(ev)
    return ev


_TALLY = re.compile(r"[0-9一二三四五六七八九十百千]+(?:余|多)?(?:家|个|次|批|处|轮)")


@lru_cache(maxsize=None)
def _convene_re(frame) -> re.Pattern:
    return re.compile(alternation(frame.convene))


def _modifier_start(text: str, pos: int, lo: int) -> int:
    """Start of the words that qualify an event noun ("保税维修业务对接会"): back to a verb or the clause start."""
    from .spans import scan_left
    start = scan_left(text, pos, lo, max_len=16)
    while start > lo and (text[start - 1].isdigit()):
        start -= 1          # "2023年第三期创业培训班": the year belongs to the name
    return start


def _same_name(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a) or b in ("会议", "会")


def _targets(text, article, ev: Event, m, si):
    kinds = _frame_of(ev).targets
    if not kinds:
        return
    for t in agents_after(text, article, m.start(), si, kinds):
        if not any(a is t for _, a in ev.roles):
            ev.roles.append(("target", t))
    # "到/赴 X 调研": the place or unit between the motion verb and the trigger
    c_start = clause_start(text, m.start(), article.sentences[si].start)
    mv = re.search(r"(?:到|赴|深入|走进|来到)", text[c_start:m.start()])
    if mv:
        for t in agents_in(article, c_start + mv.end(), m.start(), kinds + ("Area",)):
            if not any(a is t for _, a in ev.roles):
                ev.roles.append(("target", t))


def _campaigns_of(article: Article, ev: Event, lo: int, hi: int):
    for c in article.mentions:
        if c.kind == "Campaign" and lo <= c.start and c.end <= hi + 2 and c not in ev.campaigns:
            ev.campaigns.append(c)


def _assign_roles(text: str, article: Article, ev: Event, si: int, sent: Sentence):
    roles = _role_map(_frame_of(ev))
    for actor in agents_in(article, sent.start, sent.end, AGENTS):
        # role words after the actor, in the same clause, skipping over a list of names ("、")
        e = clause_end(text, actor.end, sent.end)
        window = text[actor.end:e]
        if re.match(r"^[（(][^）)]*[）)]", window):  # "杨树亮(左三)": photo position
            window = re.sub(r"^[（(][^）)]*[）)]", "", window)
        if window.startswith("、"):
            continue  # not the last of a list: the list's role word comes after the last name
        if window.startswith("的") or title_re().match(window) or collective_re().match(window) \
                or (actor.kind == "Area" and collective_re().match(text, actor.end - 1)):
            continue  # 某局的, 管委会主任王家鹏: the actor qualifies a person, the person has the role
        found = []
        for word, role in roles:
            k = window.find(word)
            if 0 <= k <= 12 and not any(word in f for f, _ in found):
                found.append((word, role))
        if not found:
            continue
        group = _list_before(article, actor, text)
        for word, role in found:
            for member in group:
                if role == "organizer" and member.kind == "Person":
                    continue
                if word == "一行" and member.kind != "Person":
                    role = "attendee"   # 某学院一行: a delegation attends; 某人一行: that person leads it
                ev.roles.append((role, member))


def _list_before(article: Article, last: Mention, text: str) -> list[Mention]:
    """The actors joined by 、 that end with ``last`` (刘明胜、刘春明、许海玲)."""
    group = [last]
    cur = last
    while cur.start > 0 and text[cur.start - 1] == "、":
        prev = [m for m in article.mentions if m.end == cur.start - 1 and m.kind in AGENTS and m.role != "nested"]
        if not prev:
            break
        cur = prev[0]
        group.insert(0, cur)
    return group


def _dedupe_roles(ev: Event):
    seen = set()
    out = []
    for role, m in ev.roles:
        key = (role, m.label, m.kind)
        if key not in seen:
            seen.add(key)
            out.append((role, m))
    ev.roles = out
