"""Events: meetings, inspections, visits, trainings, ceremonies, activities and awards, with date,
campaign and roles.

What each kind of event looks like is data: one frame per kind in kg/lexicons/frames.tsv (its triggers,
its shape, the roles its verbs give, how a headline names it); this module reads a clause by the shape:
- convened (Meeting, Ceremony, Activity): "召开/举行……会议", "……会议在某地召开", "在随后举行的恳谈会上";
  later "会议强调", "会上" refer to the same one;
- activity (Inspection, Visit, Training): 督导, 调研, 走访, 培训 by an actor; a motion trigger (赴, 来到)
  is a visit only when an enterprise or institution follows; later "先后来到甲公司、乙公司" are stops;
- award: a banner (锦旗) presented by a giver to a target.
Triggers of all frames are matched by one pattern, leftmost-longest (the one overlap policy); a trigger
inside a name (督导组, 职业技能培训中心), inside a speech's call (强调，要加强培训) or qualifying a
following event noun (演练工作部署会) is not one. One event per happening: repeated mentions of the same
kind without a new date, a new part of the day or a new "召开" are merged. Who takes part and how is
read by kg.extract.event_roles; the headline names the event it reports and the campaign it is part of.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..lexicons import alternation
from ..lexicons.frames import Frame, frames, trigger_frame, trigger_re
from ..model import Article, Event, Mention, Sentence
from .agents import (AGENTS, ORG_AGENTS, agent_before, agents_after, agents_in, clause_end, clause_start, conjuncts, topic,
                     unnamed_subject)
from .event_roles import assign_roles, dedupe_roles, frame_of
from .lists import COUNTED_BUSINESSES
from .relations import banner_parties

DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:上午|下午|晚上|晚|早上|中午)?")
_MAX_EVENT_NAME = 40


def _date(text: str, lo: int, hi: int) -> tuple[str, str]:
    m = DATE.search(text, lo, hi)
    if not m:
        return "", ""
    iso = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m.group(1) else ""
    return m.group(), iso


#: a speech verb and its colon or comma: what follows is what was said
_IN_SPEECH = re.compile(r"(?:指出|强调|要求|表示|认为|希望|提出)[，,：:]")
#: a sentence that opens a new part of the day (上午/下午/晚上, 次日): what follows are new happenings
_NEW_PART = re.compile(r"(?:当天|当日|次日)?(?:上午|下午|晚上|中午)[，,]")


def _tail_triggers(text: str, lo: int, hi: int, found) -> list:
    """Event nouns that are not triggers but that a convening verb governs: "召开‘邻里议事’恳谈会"."""
    out = []
    for name, frame in frames().items():
        if not frame.tail or not frame.convene:
            continue
        for m in _tail_re(frame.convene, frame.tail).finditer(text, lo, hi):
            end = m.end()
            if any(f[2].start() < end and end <= f[2].end() for f in found):
                continue   # a trigger already ends there
            span = _Span(text, end - _tail_len(text, end, frame), end)
            out.append((span.start(), name, span))
    return out


@lru_cache(maxsize=64)
def _tail_re(convene: tuple[str, ...], tail: tuple[str, ...]) -> re.Pattern:
    return re.compile("(?:" + alternation(convene) + r")(?:“[^“”\n]{1,30}”|[^，。；、\n“”]){2,24}?(?:"
                      + alternation(tail) + r")(?=[上中，。；]|$)")


def _tail_len(text: str, end: int, frame: Frame) -> int:
    return next((len(t) for t in frame.tail if text.endswith(t, 0, end)), 1)


class _Span:
    """A match-like span for event nouns found without a trigger word."""

    def __init__(self, text: str, start: int, end: int):
        self._s, self._e, self._t = start, end, text[start:end]

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self) -> str:
        return self._t


def _qualifies_next(text: str, kind: str, m, found) -> bool:
    frame = frames()[kind]
    for _, other, n in found:
        if n.start() >= m.end() and frames()[other].shape == "convened" and other != kind:
            between = text[m.end():n.start()]
            return between in frame.modifies or between == ""
    return False


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
    # (a campaign's name shields a trigger, except a trigger that is a span of its own: _Span)
    name_ends: dict[int, int] = {}
    org_ends: dict[int, int] = {}
    for o in article.mentions:
        if o.kind in ("GovernmentBody", "Institution", "Enterprise", "Campaign"):
            name_ends[o.start] = max(name_ends.get(o.start, o.end), o.end)
            if o.kind != "Campaign":
                org_ends[o.start] = max(org_ends.get(o.start, o.end), o.end)
    longest = max((e - s for s, e in name_ends.items()), default=0)
    names = (name_ends, org_ends, longest)
    for si, sent in enumerate(article.sentences):
        lo, hi = sent.start, sent.end
        found = [(m.start(), trigger_frame()[m.group()], m) for m in trigger_re().finditer(text, lo, hi)]
        found = sorted(found + _tail_triggers(text, lo, hi, found), key=lambda f: f[0])
        if _NEW_PART.match(text, lo) and si > article.n_headline:
            current = {}   # "下午，……": a new part of the day, new happenings
        prev_end, prev_made = -10, None
        for pos, kind, m in found:
            if si < article.n_headline:
                continue  # headlines summarise; the body says who, when and where
            if prev_made is not None and re.fullmatch(r"[和并及与、]?", text[prev_end:m.start()]) \
                    and frames()[kind].shape == "activity":
                # "走访调研", "检查督导": two words for one activity, the event the first one made
                _targets(text, article, prev_made, m, si)
                prev_end = m.end()
                continue
            if not _is_trigger(text, article, kind, m, found, lo, names):
                continue
            made = _event_for(text, article, kind, m, si, sent, current, lead_date)
            made = [ev for ev in (made if isinstance(made, list) else [made]) if ev is not None]
            for ev in made:
                last = ev
                if ev not in events:
                    events.append(ev)
            prev_end, prev_made = m.end(), (made[-1] if made else None)
        if last is not None and frame_of(last).stops:
            _stops(text, article, last, si, sent)
        # roles of the actors of this sentence belong to the event it talks about: the last one named
        if last is not None and last.kind != "Award":
            assign_roles(text, article, last, si, sent)
    _names_from_headline(text, article, events)
    _series(text, article, events)
    for ev in events:
        dedupe_roles(ev)
    # an event nobody is said to take part in is a mention of one ("继……动员部署会之后"), not a report
    return [e for e in events if e.roles]


def _is_trigger(text: str, article: Article, kind: str, m, found, lo: int, names: tuple) -> bool:
    """The overlap policy, after leftmost-longest matching: a trigger word is no event of its own when
    another word continues it (督导组, 会议精神), it names a following event noun's subject (演练工作部署会),
    a speaker only calls for it (某某强调，要加强干部培训) or it lies inside a name (职业技能培训中心)."""
    frame = frames()[kind]
    if text.startswith(frame.not_after, m.end()):
        return False
    if frame.shape == "activity" and _qualifies_next(text, kind, m, found):
        return False
    if _IN_SPEECH.search(text, lo, m.start()):
        return False
    # a meeting noun found by its tail (召开……“某某”恳谈会) may hold the campaign it is named after
    name_ends, org_ends, longest = names
    ends = org_ends if isinstance(m, _Span) else name_ends
    return not any(ends.get(b, -1) >= m.end() for b in range(m.start() - longest, m.start() + 1))


def headline_span(text: str, article: Article) -> tuple[int, int]:
    """Where the article's headline stands: its headline lines, else (a web article whose headline ran
    into the lead) the first sentence up to its first comma or its dateline date."""
    if not article.sentences:
        return 0, 0
    first = article.sentences[0]
    if article.n_headline:
        return first.start, article.sentences[article.n_headline - 1].end
    if article.index != 1:
        return first.start, first.start   # inside a page of several articles: no headline to guess
    end = first.end
    comma = re.search(r"[，,：:]", text[first.start:first.end])
    if comma:
        end = first.start + comma.start()
    date = re.search(r"(?<=[\u4e00-\u9fff”])(?:\d{4}年)?\d{1,2}月\d{1,2}日", text[first.start:end])
    if date and date.start() >= 6:
        end = first.start + date.start()
    return first.start, end


def _names_from_headline(text: str, article: Article, events: list[Event]) -> None:
    """The headline names the event it reports: the first event of a frame whose trigger the headline
    holds takes the headline (and its part from the first person named: "某某一行到某区调研") as names."""
    lo, hi = headline_span(text, article)
    if article.n_headline > 1:
        hi = article.sentences[0].end   # the lines under the first are a subtitle or the source
    head = re.sub(r"^【[^】]{1,10}】", "", text[lo:hi]).strip()
    if len(head) < 4:
        return
    for ev in events:
        frame = frame_of(ev)
        if ev.trigger.start < hi or not any(w in head for w in frame.trigger):
            continue
        names = [head]
        people = [m for m in agents_in(article, lo, hi, ("Person",))]
        if people:
            names.append(text[people[0].start:hi])
        # "某县开展某某活动" names "某县某某活动": the actor and the event noun without the verb
        verb = re.search(alternation(frame.headline), head) if frame.headline else None
        if verb and verb.start() > 0:
            names.append(head[:verb.start()] + head[verb.end():])
            # "某县召开……推进会": the headline names who holds it when the lead does not
            at = text.find(head, lo, hi) + verb.start()
            holders = [a for a in agents_in(article, lo, at, ORG_AGENTS) if a.end == at and a.role != "anaphor"]
            if frame.shape == "convened" and holders and not any(r == "organizer" for r, _ in ev.roles):
                ev.roles.append(("organizer", holders[-1]))
        for n in names:
            if n not in ev.aliases and n != ev.name:
                ev.aliases.append(n)
        return


#: the generic last word of a campaign's name ("乡村振兴战略"), which an event's name may leave out
_CAMPAIGN_WORD = re.compile(r"(?:战略|行动|活动|工程|建设|改革)$")


def _series(text: str, article: Article, events: list[Event]) -> None:
    """The campaigns an article's events are part of:
    - the series the article opens with ("经开区组织开展了X系列活动。……对接会……");
    - the campaign its headline names, when it names one (an article about a campaign reports its events);
    - a campaign whose name the event's own name carries ("某某整治推进会")."""
    h_lo, h_hi = headline_span(text, article)
    headline = {c.label for c in article.mentions
                if c.kind == "Campaign" and c.role != "nested" and h_lo <= c.start and c.end <= h_hi}
    for c in article.mentions:
        if c.kind != "Campaign" or c.role == "nested":
            continue
        opens = re.search(r"(?:系列活动|主题活动|系列行动)$", c.text) and c.sentence <= article.n_headline + 1
        in_headline = h_lo <= c.start and c.end <= h_hi and len(headline) == 1
        for ev in events:
            core = re.sub(r"工作$", "", c.label)
            short = _CAMPAIGN_WORD.sub("", core)
            core = short if len(short) >= 4 else core   # 乡村振兴战略 names 乡村振兴工作推进会 too
            named = len(core) >= 2 and (core in ev.name or any(core in a for a in ev.aliases))
            if (opens and ev.sentence >= c.sentence) or in_headline or named:
                if not any(o.label == c.label for o in ev.campaigns):
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
        if self.date_text and _is_period(text, sent, self.date_text):
            self.date_text, self.iso = "", ""

    def new(self, label: str) -> Event:
        m = self.m
        return Event(self.frame.cls, label, Sentence(m.start(), m.end(), m.group()), self.si,
                     self.date_text or self.lead_date[0], self.iso or self.lead_date[1], frame=self.frame.name)

    def other_day(self, ev: Event) -> bool:
        """The sentence dates another day than ``ev``: a new happening."""
        return bool(self.date_text and ev.date_text and self.date_text != ev.date_text)


def _convened(c: _Ctx) -> Optional[Event]:
    text, m, frame = c.text, c.m, c.frame
    if m.group() in frame.opens:
        others = [ev for k, ev in c.current.items() if isinstance(ev, Event) and k != frame.name and not c.other_day(ev)]
        if others:
            return max(others, key=lambda ev: ev.trigger.start)   # "开班仪式": the opening of the training
    convene = None
    for cm in _convene_re(frame).finditer(text, c.c_start, m.start()):
        if not text.startswith(_ORGAN_HEADS, cm.end()) and \
                not any(o.start <= cm.start() < o.end for o in agents_in(c.article, c.c_start, m.start(), AGENTS)):
            convene = cm   # 组织 in 组织部 is part of a name, not a verb
    # "在随后举行的恳谈会上": a meeting told as held (a new one when none is current), not convened here
    told_held = convene is not None and text.startswith("的", convene.end())
    if told_held:
        convene = None
    referring = text.startswith(frame.refer, m.start()) or text[max(c.lo, m.start() - 1):m.start()] in ("该", "此")
    if referring and (c.current.get(frame.name) is not None or text[max(c.lo, m.start() - 1):m.start()] in ("该", "此")
                      or (_modifier_start(text, m.start(), c.c_start) == m.start() and not told_held)):
        return c.current.get(frame.name)    # "会议强调", "座谈会上": the meeting being reported
    existing = c.current.get(frame.name)
    name_start = convene.end() if convene else _modifier_start(text, m.start(), c.c_start)
    held_here = convene is None and bool(_HELD_AFTER.match(text, m.end(), c.hi))
    agent = None
    if held_here:
        # "某某工作会议在某地召开": the whole subject of the clause (after a date) names the meeting
        lead = _LEADING_TIME.match(text, c.c_start, m.start())
        name_start = lead.end() if lead else c.c_start
        opener = [a for a in agents_in(c.article, name_start, m.start(), ORG_AGENTS) if a.role != "anaphor"]
        if opener and opener[0].start == name_start:
            agent = opener[0]   # "某区表彰大会在……召开": the area or organ that names it holds it
    name_start += text.startswith("的", name_start)
    name = text[name_start:m.end()]
    if existing is not None and (not convene or _same_name(existing.name, name)) \
            and not (c.date_text and c.date_text != existing.date_text and existing.date_text):
        if not existing.aliases or name not in existing.aliases:
            existing.aliases.append(name)
        return existing
    if not convene and not held_here and existing is None and len(name) <= 2 and m.group() in ("会议",):
        return None
    if existing is None and not convene and not held_here and (joint := _joint_activity(c)) is not None:
        joint.aliases.append(name)          # "进行调研和座谈交流。座谈会由某某主持": that very meeting
        c.current[frame.name] = joint
        return joint
    # "区长某某主持召开……": the person who chairs convenes it; otherwise the convener is an organ
    chaired = convene is not None and text[max(c.lo, convene.start() - 2):convene.start()] == "主持"
    if not held_here:
        agent = agent_before(text, c.article, name_start, c.si, AGENTS if chaired else ORG_AGENTS)
    name = text[name_start:m.end()]
    label = (agent.label if agent and not name.startswith(agent.label) else "") + name
    ev = c.new(label[:_MAX_EVENT_NAME * 2])
    ev.aliases.append(name)
    if held_here and agent is not None:
        ev.roles.append(("organizer", agent))
    if convene is not None:
        venue = _venue(text, c, convene)
        if venue is not None and (agent is None or agent.start < venue.start):
            ev.roles.append(("host", venue))   # "会后在某某局召开恳谈会": the organ at whose seat it meets
            agent = agent if agent is not None and agent.start > venue.start else None
        else:
            agent = agent or topic(c.article)      # "召开……会议" with the subject dropped: the article's actor
        if agent is not None:
            ev.roles.append(("organizer", agent))
            if chaired and agent.kind == "Person":
                ev.roles.append(("chair", agent))     # 主持召开: who convenes it chairs it too
            if agent.end <= name_start:           # "某街道党工委、办事处召开": each organ of the subject convenes
                ev.roles.extend(("organizer", o) for o in conjuncts(text, c.article, agent, ORG_AGENTS)
                                if o.end <= name_start)
    _campaigns_of(c.article, ev, name_start, m.end())
    c.current[frame.name] = ev
    return ev


def _joint_activity(c: _Ctx) -> Optional[Event]:
    """The activity of this day whose own clause already named this meeting ("调研和座谈交流", "调研座谈")."""
    stem = c.m.group()[:-1] if c.m.group().endswith("会") else c.m.group()
    if len(stem) < 2:
        return None
    for k, ev in c.current.items():
        if isinstance(ev, Event) and frames()[k].shape == "activity" and not c.other_day(ev):
            end = ev.trigger.end
            if stem in c.text[end:clause_end(c.text, end, len(c.text))]:
                return ev
    return None


#: what makes a convening verb the head of an organ's name (组织部, 组织委员)
_ORGAN_HEADS = ("部", "委员", "处", "科")
#: "……会议在某地召开", "……推进会召开": the meeting is held in this very clause
_HELD_AFTER = re.compile(r"(?:在[^，。；,]{1,15}?)?(?:隆重|顺利|正式)?(?:召开|举行|举办|开幕)")
_LEADING_TIME = re.compile(r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|当天|昨天|今天)?(?:上午|下午|晚上|晚)?[，,]?")


def _venue(text: str, c: _Ctx, convene) -> Optional[Mention]:
    """The organ named as the place of the meeting: "在某某管委会召开……"."""
    at = text.rfind("在", c.c_start, convene.start())
    if at < 0:
        return None
    bodies = agents_in(c.article, at + 1, convene.start(), ("GovernmentBody",))
    return bodies[-1] if bodies and bodies[-1].start == at + 1 and bodies[-1].end == convene.start() else None


def _motion(c: _Ctx):
    """"甲赴乙公司": a visit only when a unit follows the motion verb; "先后" makes one visit per unit."""
    text, m, article = c.text, c.m, c.article
    targets = agents_after(text, article, m.end(), c.si, ("Enterprise", "Institution"))
    if not targets and _LED.search(text, c.c_start, m.start()):
        # "某某带队工作组赴甲镇、乙镇": a delegation led to named areas is a visit too
        targets = [t for t in agents_after(text, article, m.end(), c.si, ("Area",)) if t.role != "anaphor"]
    if not targets:
        return None
    # a delegation's visit to areas: an activity anywhere in the sentence is the event ("赴甲镇，调研……")
    led_to_areas = targets[0].kind == "Area"
    rest = text[targets[-1].end:c.hi if led_to_areas else clause_end(text, m.end(), c.hi)]
    if any(frames()[trigger_frame()[t.group()]].shape == "activity" for t in trigger_re().finditer(rest)):
        return None   # "来到甲公司调研": the activity after the unit is the event, the unit its target
    going = next((c.current[k] for k in _visiting_frames() if c.current.get(k) is not None), None)
    if going is not None and not c.other_day(going):
        # "检查组先后来到甲公司、乙医院": the stops of the inspection already reported
        going.roles.extend(("target", t) for t in targets)
        return going
    agent = agent_before(text, article, m.start(), c.si, AGENTS)
    if agent is not None and re.match(r"(?:等)?陪同", text[agent.end:agent.end + 3]):
        agent = None   # "甲等陪同乙一行，先赴丙公司": 甲 receives the visitors, the visit is theirs
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


_LED = re.compile(r"(?:带队|率队|带领|率领)")


def _visiting_frames() -> list[str]:
    """Frames whose events go somewhere (they have targets), in file order."""
    return [name for name, f in frames().items() if f.targets]


def _activity(c: _Ctx) -> Optional[Event]:
    text, m, article, frame, kind = c.text, c.m, c.article, c.frame, c.frame.name
    if _DURING.match(text, m.end()) and re.fullmatch(r"在?", text[c.c_start:m.start()]):
        # "调研中，某某强调": the activity being reported, whichever word first named it
        going = [ev for k, ev in c.current.items() if isinstance(ev, Event) and frames()[k].shape == "activity"]
        if going:
            return max(going, key=lambda ev: ev.trigger.start)
    existing = c.current.get(kind)
    if existing is not None and not c.other_day(existing):
        _targets(text, article, existing, m, c.si)
        return existing
    unnamed = unnamed_subject(text, c.c_start, m.start())
    # "工作组成员察看了……": a subject the text does not name is not the previous sentence's
    agent = agent_before(text, article, m.start(), c.si, AGENTS, fallback=unnamed is None)
    if agent is not None and unnamed is not None and agent.end > unnamed.start():
        agent = None   # the agent found is part of the unnamed subject ("某某工作组成员")
    if agent is None and unnamed is None:
        return None
    # a specific happening has a date, a named person, or a named target; "走访企业260余家" has none
    named_target = agents_after(text, article, m.start(), c.si, frame.targets) if frame.targets else []
    people = agents_in(article, c.lo, c.hi, ("Person",))
    tail_end = clause_end(text, m.end(), c.hi)
    tail = text[m.end():tail_end]
    if _TALLY.search(tail) or _PROGRAMME.match(tail):
        return None   # "走访企业260余家", "走访联系户工作自……开始": a count or a programme, not one happening
    # "区党工委开展巡察工作": an inspection that an actor carries out is one happening; but
    # "组织走访企业260余家" counts many, and is none
    carried = bool(frame.carried) and bool(re.search("(?:" + alternation(frame.carried) + ")了?$", text[c.c_start:m.start()]))
    convened = carried and not _TALLY.search(tail)
    if frame.targets and not (c.date_text or people or named_target or convened or (c.lead_date[0] and c.si <= 2)):
        return None
    if not frame.targets and frame.carried and not (c.date_text or _held_in_clause(text, frame, c.c_start, m.start())):
        return None   # "提高干部培训水平": a training that nobody holds is a topic
    who = agent.label if agent is not None else unnamed.group("who")
    if frame.label == "object":
        label = who + m.group() + text[m.end():min(tail_end, m.end() + 12)]
    else:
        label = who + text[_modifier_start(text, m.start(), c.c_start):m.end()]
    ev = c.new(label[:_MAX_EVENT_NAME * 2])
    # "某某到甲县、乙县调研": the actor and the trip as printed name it too
    trip = re.search(r"(?:到|赴|深入|走进|来到|莅临)", text[c.c_start:m.start()])
    if trip and agent is not None and agent.end <= c.c_start + trip.start():
        ev.aliases.append(agent.label + text[c.c_start + trip.start():m.end()])
    # a body organises an inspection; a person leads it (虎强带队督导)
    if agent is not None:
        ev.roles.append((frame.subject_role(agent.kind), agent))
    _targets(text, article, ev, m, c.si)
    _campaigns_of(article, ev, c.c_start, tail_end)
    c.current[kind] = ev
    return ev


def _held_in_clause(text: str, frame: Frame, lo: int, pos: int) -> bool:
    """A verb of holding the activity stands in its clause before it ("举办……培训班", "开展……演练")."""
    return bool(re.search(alternation(frame.carried), text[lo:pos]))


def _award(c: _Ctx) -> Optional[Event]:
    text, m, article = c.text, c.m, c.article
    if m.group() in c.frame.present:
        return _presentation(c)
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


def _presentation(c: _Ctx) -> Optional[Event]:
    """"甲为/向乙授牌": 甲 gives, 乙 (the units between 为/向 and the verb) receives."""
    text, m, article = c.text, c.m, c.article
    within = [ev for k, ev in c.current.items() if isinstance(ev, Event) and m.group() in frames()[k].roles
              and not c.other_day(ev)]
    if within:
        return within[-1]   # "举行授旗仪式，某某为志愿队授旗": the ceremony's giver, not a new event
    to = None
    for t in re.finditer(r"[为向给]", text[c.c_start:m.start()]):
        to = c.c_start + t.start()
    if to is None:
        return None
    giver = agent_before(text, article, to, c.si, AGENTS, fallback=False)
    targets = agents_in(article, to + 1, m.start(), AGENTS)
    if not targets and COUNTED_BUSINESSES.search(text, to + 1, m.start()) and c.si + 1 < len(article.sentences):
        # "为3家企业授牌。它们分别是甲、乙、丙": the units counted here are named in the next sentence
        nxt = article.sentences[c.si + 1]
        if _NAMED_NEXT.match(text, nxt.start):
            targets = [t for t in agents_in(article, nxt.start, nxt.end, AGENTS) if t.kind in ("Enterprise", "Institution")]
    if giver is None or not (targets or c.date_text):
        return None
    ev = c.new(giver.label + text[to:m.end()])
    ev.roles.append(("giver", giver))
    ev.roles.extend(("target", t) for t in targets)
    c.current.setdefault("Awards", []).append(ev)
    return ev


#: the next sentence that names the units a presentation counted ("为3家企业授牌。它们分别是……")
_NAMED_NEXT = re.compile(r"(?:他们|它们|其中|分别|包括|依次)")


#: "调研中，", "检查期间，", "考察时，": the activity being reported, not a new one
_DURING = re.compile(r"(?:中|期间|时|过程中)[，,]")
_PROGRAMME = re.compile(r"^[\u4e00-\u9fff]{0,8}工作(?:自|从|于|将|已|开始|以来)")
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
    frame = frame_of(ev)
    kinds = frame.targets
    if not kinds:
        return
    for t in agents_after(text, article, m.start(), si, kinds):
        if not any(a is t for _, a in ev.roles):
            ev.roles.append((frame.object_role, t))
    # "到/赴 X 调研": the place or unit between the motion verb and the trigger
    c_start = clause_start(text, m.start(), article.sentences[si].start)
    mv = _MOTION_BEFORE.search(text, c_start, m.start())
    if mv:
        for t in agents_in(article, mv.end(), m.start(), kinds + ("Area",)):
            if t.kind == "Area" and _UNITS_OF.search(text[t.end:m.start()]):
                continue   # "深入某区多家商贸企业调研": the area only says where the enterprises are
            if not any(a is t for _, a in ev.roles):
                ev.roles.append(("target", t))


#: "到/赴/在 X 调研": the verb (or 在) before the unit an activity goes to
_MOTION_BEFORE = re.compile(r"(?:到|赴|深入|走进|来到|莅临|前往|在)")
#: generic units after an area name: the area qualifies them ("某区多家商贸企业")
_UNITS_OF = re.compile(r"企业|公司|项目|园区|单位|工地|车间")


def _stops(text: str, article: Article, ev: Event, si: int, sent: Sentence) -> None:
    """"（某某）先后来到甲公司、乙公司和丙研究院": further stops of the visit being reported."""
    frame = frame_of(ev)
    date_text, _ = _date(text, sent.start, sent.end)
    if date_text and ev.date_text and date_text != ev.date_text and not _is_period(text, sent, date_text):
        return
    pattern = _stops_re(frame)
    for m in pattern.finditer(text, sent.start, sent.end):
        c_end = clause_end(text, m.end(), sent.end)
        units = [t for t in agents_in(article, m.end(), c_end, ("Enterprise", "Institution"))]
        # only a list that starts right after the verb: "到甲公司、乙公司", not "到基层了解甲公司情况"
        if not units or units[0].start - m.end() > 4:
            continue
        for t in units:
            if not any(a is t for _, a in ev.roles):
                ev.roles.append(("target", t))
    # "在甲公司，某某查看了……": a sentence that opens at a unit reports the visit's next stop
    opening = re.match(r"(?:随后|接着|之后)?[，,]?在", text[sent.start:sent.end])
    if opening:
        c_end = clause_end(text, sent.start + opening.end(), sent.end)
        units = agents_in(article, sent.start + opening.end(), c_end, ("Enterprise", "Institution"))
        if units and units[0].start == sent.start + opening.end() and units[-1].end == c_end:
            for t in units:
                if not any(a is t for _, a in ev.roles):
                    ev.roles.append(("target", t))


@lru_cache(maxsize=None)
def _stops_re(frame: Frame) -> re.Pattern:
    return re.compile("(?:" + alternation(frame.stops) + ")了?")


def _is_period(text: str, sent: Sentence, date_text: str) -> bool:
    """"自今年2月21日开始": a date that opens a period, not the day of a happening."""
    k = text.find(date_text, sent.start, sent.end)
    return k >= 0 and bool(re.search(r"(?:自|从|截至|截止|至)(?:今年|去年|\d{4}年)?$", text[max(sent.start, k - 6):k]))


def _campaigns_of(article: Article, ev: Event, lo: int, hi: int):
    for c in article.mentions:
        if c.kind == "Campaign" and lo <= c.start and c.end <= hi + 2 and c not in ev.campaigns:
            ev.campaigns.append(c)


