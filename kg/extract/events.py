"""Events: meetings, inspections, visits, trainings and awards, with date, place, campaign and roles.

Frames (kg/lexicons/events.tsv holds the trigger words, roles.tsv the role verbs):
- Meeting: "召开/举行/举办……会议", "……座谈会上"; later "会议强调", "会上" refer to the same meeting;
- Inspection: 督导, 检查, 调研, 察看, 考察, 巡察 by an actor;
- Visit: 走访, 看望, 赴/到 an enterprise or institution;
- Training: 培训, 演练;
- Award: a banner (锦旗) presented by a giver to a target.
One event per happening: an article's repeated mentions of the same kind of event without a new
date or a new "召开" are merged. Roles come from the role verb that follows each actor in the clause
("王家鹏出席会议并讲话" = attendee + speaker; "区领导刘明胜、刘春明参加会议" = attendee for each).
"""
from __future__ import annotations

import re
from typing import Optional

from ..lexicons import event_patterns, role_words
from ..model import Article, Event, Mention, Sentence
from .agents import AGENTS, ORG_AGENTS, agent_before, agents_after, agents_in, clause_end, clause_start, topic
from .relations import banner_parties
from .titles import collective_re, title_re

DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:上午|下午|晚上|晚|早上|中午)?")
_CONVENE = re.compile(r"(?:组织召开|召开了?|举行了?|举办了?|开展了?|组织了?|开)")
_REFERENCE = re.compile(r"^(?:会上|会议(?:指出|强调|要求|听取|认为|提出|还|号召|明确|宣读|通报|传达|审议)|座谈会上)")
_MAX_EVENT_NAME = 40
#: an event word followed by one of these is a noun inside another term (督导组, 碰头会机制, 会议精神)
_NOT_EVENT_AFTER = re.compile(r"^(?:组|员|机制|制度|精神|纪要|室|处|科|工作组|考评|反馈|整改|成果|意见|情况|结果|标准|能力|水平|方案)")


def _date(text: str, lo: int, hi: int) -> tuple[str, str]:
    m = DATE.search(text, lo, hi)
    if not m:
        return "", ""
    iso = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m.group(1) else ""
    return m.group(), iso


def _role_map() -> list[tuple[str, str]]:
    """Role words an actor's own verb can carry; organizers come from the convening verb only."""
    return sorted(((w, r) for w, r in role_words().items() if r != "organizer"), key=lambda kv: -len(kv[0]))


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
    # name spans by start (longest end): "is this trigger inside a name" looks back a name's length,
    # not through every mention of the article (quadratic in a long article)
    name_ends: dict[int, int] = {}
    for o in article.mentions:
        if o.kind in ("GovernmentBody", "Institution", "Enterprise", "Campaign"):
            name_ends[o.start] = max(name_ends.get(o.start, o.end), o.end)
    longest = max((e - s for s, e in name_ends.items()), default=0)
    for si, sent in enumerate(article.sentences):
        lo, hi = sent.start, sent.end
        found: list[tuple[int, str, re.Match]] = []
        for kind, pattern in event_patterns():
            for m in pattern.finditer(text, lo, hi):
                found.append((m.start(), kind, m))
        found.sort(key=lambda f: f[0])
        for pos, kind, m in found:
            if si < article.n_headline:
                continue  # headlines summarise; the body says who, when and where
            if _NOT_EVENT_AFTER.match(text[m.end():hi]):
                continue
            if any(name_ends.get(b, -1) >= m.end() for b in range(m.start() - longest, m.start() + 1)):
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


def _event_for(text, article, kind, m, si, sent: Sentence, current, lead_date) -> Optional[Event]:
    lo, hi = sent.start, sent.end
    c_start = clause_start(text, m.start(), lo)
    clause = text[c_start:m.start()]
    date_text, iso = _date(text, lo, hi)
    if kind == "Meeting":
        if _REFERENCE.match(text[m.start() - 0:m.end() + 4]) or text[max(lo, m.start() - 1):m.start()] in ("该", "此"):
            return current.get("Meeting")
        convene = None
        for cm in _CONVENE.finditer(text, c_start, m.start()):
            convene = cm
        existing = current.get("Meeting")
        name_start = convene.end() if convene else _modifier_start(text, m.start(), c_start)
        name = text[name_start:m.end()]
        if existing is not None and (not convene or _same_name(existing.name, name)) and not (date_text and date_text != existing.date_text and existing.date_text):
            if not existing.aliases or name not in existing.aliases:
                existing.aliases.append(name)
            return existing
        if not convene and existing is None and len(name) <= 2 and m.group() in ("会议",):
            return None
        agent = agent_before(text, article, name_start, si, ORG_AGENTS)
        label = (agent.label if agent and not name.startswith(agent.label) else "") + name
        ev = Event("Meeting", label[:_MAX_EVENT_NAME * 2], Sentence(m.start(), m.end(), m.group()), si,
                   date_text or lead_date[0], iso or lead_date[1])
        ev.aliases.append(name)
        if convene is not None:
            agent = agent or topic(article)      # "召开……会议" with the subject dropped: the article's actor
            if agent is not None:
                ev.roles.append(("organizer", agent))
        _campaigns_of(article, ev, name_start, m.end())
        current["Meeting"] = ev
        return ev
    if kind == "Visit" and m.group() in ("赴", "来到", "走进"):
        targets = [t for t in agents_after(text, article, m.end(), si, ("Enterprise", "Institution"))]
        if not targets:
            return None
        going = current.get("Inspection") or current.get("Visit")
        if going is not None and not (date_text and going.date_text and date_text != going.date_text):
            # "检查组先后来到甲公司、乙医院": the stops of the inspection already reported
            going.roles.extend(("target", t) for t in targets)
            return going
        agent = agent_before(text, article, m.start(), si, AGENTS)
        groups = [[t] for t in targets] if "先后" in clause else [targets]
        made = []
        for group in groups:
            label = (agent.label if agent else "") + m.group() + "、".join(t.label for t in group)
            ev = Event("Visit", label, Sentence(m.start(), m.end(), m.group()), si, date_text or lead_date[0],
                       iso or lead_date[1])
            if agent is not None:
                ev.roles.append(("attendee", agent))
            ev.roles.extend(("target", t) for t in group)
            _campaigns_of(article, ev, c_start, clause_end(text, m.end(), hi))
            made.append(ev)
        current["Visit"] = made[-1]
        return made
    if kind in ("Inspection", "Visit", "Training"):
        existing = current.get(kind)
        if existing is not None and not (date_text and existing.date_text and date_text != existing.date_text):
            _targets(text, article, existing, m, si)
            return existing
        agent = agent_before(text, article, m.start(), si, AGENTS)
        if agent is None:
            return None
        # a specific happening has a date, a named person, or a named target; "走访企业260余家" has none
        named_target = agents_after(text, article, m.start(), si, ("Enterprise", "Institution", "GovernmentBody"))
        people = agents_in(article, lo, hi, ("Person",))
        # "区党工委开展巡察工作": an inspection that an actor carries out is one happening; but
        # "组织走访企业260余家" counts many, and is none
        tail = text[m.end():clause_end(text, m.end(), hi)]
        convened = (kind == "Inspection" and bool(re.search(r"(?:开展|进行|实施)了?$", text[c_start:m.start()]))
                    and not re.search(r"[0-9一二三四五六七八九十百千]+(?:余|多)?(?:家|个|次|批|处|轮)", tail))
        if kind != "Training" and not (date_text or people or named_target or convened or (lead_date[0] and si <= 2)):
            return None
        tail_end = clause_end(text, m.end(), hi)
        obj = text[m.end():min(tail_end, m.end() + 12)]
        label = agent.label + m.group() + obj if kind != "Training" else agent.label + text[_modifier_start(text, m.start(), c_start):m.end()]
        ev = Event(kind, label[:_MAX_EVENT_NAME * 2], Sentence(m.start(), m.end(), m.group()), si,
                   date_text or lead_date[0], iso or lead_date[1])
        # a body organises an inspection; a person leads it (虎强带队督导)
        ev.roles.append(("leader" if agent.kind == "Person" else "organizer", agent))
        _targets(text, article, ev, m, si)
        _campaigns_of(article, ev, c_start, tail_end)
        current[kind] = ev
        return ev
    if kind == "Award":
        if m.group() != "锦旗":
            return None
        giver, target = banner_parties(text, article, m.start(), si)
        if giver is None and target is None:
            return None
        if re.search(r"[两三四五六七八九十多几数0-9]+面$", text[max(lo, m.start() - 4):m.start()]):
            return None   # "接连收到企业赠送六面锦旗": a tally, not one presentation
        for ev in current.get("Awards", []):
            if date_text and ev.date_text == date_text:
                return ev  # the same presentation, told again (a photo caption)
        name = (giver.label if giver else "") + ("向" + target.label if target else "") + "赠送锦旗"
        ev = Event("Award", name, Sentence(m.start(), m.end(), m.group()), si, date_text or lead_date[0], iso or lead_date[1])
        if giver is not None:
            ev.roles.append(("giver", giver))
        if target is not None:
            ev.roles.append(("target", target))
        current.setdefault("Awards", []).append(ev)
        return ev
    return None


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
    if ev.kind not in ("Inspection", "Visit"):
        return
    for t in agents_after(text, article, m.start(), si, ("Enterprise", "Institution", "GovernmentBody")):
        if not any(a is t for _, a in ev.roles):
            ev.roles.append(("target", t))
    # "到/赴 X 调研": the place or unit between the motion verb and the trigger
    c_start = clause_start(text, m.start(), article.sentences[si].start)
    mv = re.search(r"(?:到|赴|深入|走进|来到)", text[c_start:m.start()])
    if mv:
        for t in agents_in(article, c_start + mv.end(), m.start(), ("Enterprise", "Institution", "GovernmentBody", "Area")):
            if not any(a is t for _, a in ev.roles):
                ev.roles.append(("target", t))


def _campaigns_of(article: Article, ev: Event, lo: int, hi: int):
    for c in article.mentions:
        if c.kind == "Campaign" and lo <= c.start and c.end <= hi + 2 and c not in ev.campaigns:
            ev.campaigns.append(c)


def _assign_roles(text: str, article: Article, ev: Event, si: int, sent: Sentence):
    roles = _role_map()
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
