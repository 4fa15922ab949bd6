"""Event roles: who takes part in an event, and how, read from the sentences that report it.

The role verbs of the event's frame (kg/lexicons/frames.tsv) after each actor give its roles
("王家鹏出席会议并讲话" = attendee + speaker); lists share the last member's verb: 、-lists, comma-separated
clauses of titled officials, bodies whose staff take part ("某局、某委主要负责同志参加"); speech verbs
(表示, 强调) make speakers; on the receiving side of a delegation (一行, 莅临) the ones who 陪同 are hosts;
those whose report is heard (听取某局汇报) speak.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons.frames import Frame, frames
from ..model import Article, Event, Mention, Sentence
from .agents import AGENTS, PHRASE_OPENER, agents_in, clause_end, clause_start
from .titles import collective_re, title_re


def frame_of(ev: Event) -> Frame:
    """The frame an event was read by."""
    if ev.frame:
        return frames()[ev.frame]
    return next(f for f in frames().values() if f.cls == ev.kind)


@lru_cache(maxsize=None)
def _role_map(frame: Frame) -> list[tuple[str, str]]:
    """Role words an actor's own verb can carry; organizers come from the convening verb only."""
    return sorted(((w, r) for w, r in frame.roles.items() if r != "organizer"), key=lambda kv: -len(kv[0]))


def _visitors(text: str, article: Article, ev: Event, sent: Sentence) -> bool:
    """The event's actors came from elsewhere ("某某一行莅临……"): its lead or this sentence says so."""
    frame = frame_of(ev)
    if not frame.visitors:
        return False
    lead = article.sentences[ev.sentence] if 0 <= ev.sentence < len(article.sentences) else sent
    return any(w in text[s.start:s.end] for s in (lead, sent) for w in frame.visitors)


def assign_roles(text: str, article: Article, ev: Event, si: int, sent: Sentence):
    frame = frame_of(ev)
    roles = _role_map(frame)
    hosted = frame.hosted if _visitors(text, article, ev, sent) else {}
    _listed_before(text, article, ev, sent, roles, hosted)
    _reports_heard(text, article, ev, sent)
    for actor in agents_in(article, sent.start, sent.end, AGENTS):
        if actor.kind != "Person" and PHRASE_OPENER.search(text, clause_start(text, actor.start, sent.start), actor.start):
            continue   # "围绕支持某市发展与参会代表座谈": a name inside the phrase's object takes no part
        # role words after the actor, in the same clause, skipping over a list of names ("、")
        e = clause_end(text, actor.end, sent.end)
        window = text[actor.end:e]
        if re.match(r"^[（(][^）)]*[）)]", window):  # "杨树亮(左三)": photo position
            window = re.sub(r"^[（(][^）)]*[）)]", "", window)
        if window.startswith(("、", "和", "及", "与")) and actor.kind != "Person" and _next_in_list(article, actor, text):
            continue  # not the last of a list: the list's role word comes after the last name
        if window.startswith("、"):
            tail = _list_end_role(window, roles) if actor.kind == "Person" and not _next_in_list(article, actor, text) \
                else None
            if tail is not None:   # "甲、秘书长乙、外聘专家和全体成员参加": the list's closing verb is each name's
                ev.roles.extend((r, actor) for r in hosted.get(tail[0], tail[1]).split("+") if r != "organizer")
            continue
        staff = _STAFF.match(window) if actor.kind != "Person" else None
        after_title = title_re().match(window) if actor.kind == "Person" else None
        if not staff and actor.kind == "GovernmentBody":
            staff = _unnamed_head(text, article, actor, window)
        if staff:
            window = window[staff.end():]   # "某局、某委主要负责同志参加": the bodies take part
        elif after_title and not text.startswith(("、", "，", "关于", "的"), actor.end + after_title.end()):
            window = window[after_title.end():]   # "王某所长首先介绍了": the title after the name
        elif window.startswith("的") or title_re().match(window) or collective_re().match(window) \
                or (actor.kind == "Area" and collective_re().match(text, actor.end - 1)):
            continue  # 某局的, 管委会主任王家鹏: the actor qualifies a person, the person has the role
        reach = 12
        if actor.kind == "Person" and _AND_OTHERS.match(window):
            reach = 30   # "某某以及其他会员代表等参加": the others share the verb, the person too
        elif _DID.match(window):
            reach = len(window)   # "某某作了关于……的专题汇报": the noun at the clause's end is the act
        # a role word after another actor is that actor's ("甲对乙一行的到来表示欢迎": 一行 is 乙's)
        # (not one joined to it, "甲和秘书长乙一同调研", nor inside the object of 作了/以及其他)
        others = [o.start - actor.end for o in agents_in(article, actor.end, e, AGENTS)
                  if o is not actor and not (text[actor.end:actor.end + 1] in "、和及与"
                                             and titles_only(text[actor.end + 1:o.start]))]
        cut = min(others) if others and actor.kind == "Person" and reach == 12 else len(window) + 1
        # "甲等陪同乙考察团一行": who is led after 陪同 is the one accompanied; 甲 does not lead
        escort = window.find("陪同")
        found = []
        for word, role in roles:
            k = window.find(word)
            if "+" in role and k > reach and _is_subject(text, article, actor, sent):
                k = reach   # "某局负责人代表某区对某院一行来访表示欢迎": the subject welcomes, however long the object
            if 0 <= k <= reach and not any(word in f for f, _ in found):
                if window[:k].endswith(("的", "重要")):
                    continue   # "某某关于……的重要讲话精神": a noun, not the actor's act
                if "+" in role and not _is_subject(text, article, actor, sent):
                    continue   # "甲对乙一行的到来表示欢迎": only the one who speaks welcomes
                if k >= cut and "+" not in role:
                    continue
                if 0 <= escort < k and role == "leader":
                    continue
                found.append((word, hosted.get(word, role)))
        if not found and ev.sentence < si and actor.kind in _SPEAKERS and actor.role != "anaphor" \
                and _is_subject(text, article, actor, sent):
            # "某某对……给予了充分肯定": after a 对/就 phrase the speech verb may come at the clause's end
            reach = len(window) if window.startswith(("对", "就")) else 20
            for word, role in frame.speech.items():
                k = window.find(word)
                if 0 <= k <= reach:
                    found.append((word, role))
                    break
        if not found:
            continue
        group = _list_before(article, actor, text)
        if actor.kind == "Person":
            group = _clause_list_before(text, article, group[0], sent) + group
        for word, role_spec in found:
            for role in role_spec.split("+"):
                for member in group:
                    if role == "organizer" and member.kind == "Person":
                        continue
                    r = role
                    if word == "一行" and member.kind != "Person":
                        r = "attendee"   # 某学院一行: a delegation attends; 某人一行: that person leads it
                    ev.roles.append((r, member))


def _list_end_role(window: str, roles) -> tuple[str, str] | None:
    """(word, role) of the role verb that closes a list of people, at the end of its clause (…和全体成员参加)."""
    for word, role in roles:
        k = window.rfind(word)
        if k > 0 and len(window) - (k + len(word)) <= 4 and "+" not in role:
            return word, role
    return None


def _unnamed_head(text: str, article: Article, body: Mention, window: str):
    """"某区政协主席和区委有关负责人一行": a body's head named by the title alone stands for the body (the
    match of the title), unless a name follows the title (管委会主任王某: the person takes the role)."""
    t = title_re().match(window)
    if not t or window[t.end():t.end() + 1] not in ("及", "和", "与", "等") and not window.startswith("一行", t.end()):
        return None
    at = body.end + t.end()
    if agents_in(article, at, clause_end(text, at, len(text)), ("Person",)):
        return None   # 书记及副书记王某: the title belongs to a person named after it
    return t


#: "作了/做了/进行了 ……汇报": a light verb whose object names the act
_DID = re.compile(r"^(?:分别)?(?:作了|做了|进行了|作|做)")
#: a person followed by "and others" ("以及其他……", "等"): the verb after the others is the person's too
_AND_OTHERS = re.compile(r"^(?:以及|及|和|等)(?:其他|其它|有关|相关|各)")
#: who can be heard speaking at an event (an area is a place; its organs speak)
_SPEAKERS = ("Person", "GovernmentBody", "Institution")
def _listed_before(text: str, article: Article, ev: Event, sent: Sentence, roles, hosted) -> None:
    """"……张三，某院院长李四，某会理事会理事长，各村负责人列席会议": the clauses of titled officials
    (or of an organ and its head's title) before a role verb's clause share that verb."""
    for word, role_spec in roles:
        k = text.find(word, sent.start, sent.end)
        if k < 0 or any(r == "organizer" for r in role_spec.split("+")):
            continue
        c_start = clause_start(text, k, sent.start)
        own = agents_in(article, c_start, k, AGENTS)
        if own and own[-1].kind == "Person":
            continue   # the actor rule has this list already
        members: list[Mention] = []
        pos = c_start
        while pos > sent.start and text[pos - 1] in "，,":
            p_start = clause_start(text, pos - 1, sent.start)
            in_clause = agents_in(article, p_start, pos - 1, AGENTS)
            people = [m for m in in_clause if m.kind == "Person"]
            group = _list_before(article, people[-1], text) if people else []
            if people and people[-1].end == pos - 1 and _only_titles(text, article, p_start, group[0]):
                members[:0] = group
            elif not people and in_clause and titles_only(text[in_clause[-1].end:pos - 1]) \
                    and text[in_clause[-1].end:pos - 1] and in_clause[0].start == p_start:
                members[:0] = [in_clause[-1]]   # "某会理事会理事长": the organ whose head takes part
            elif not people and in_clause and pos - 1 - p_start <= 14 and not any(w in text[p_start:pos] for w, _ in roles):
                pass   # an organ's head, unnamed, in the list: skip over it
            else:
                break
            pos = p_start
        for member in members:
            for role in role_spec.split("+"):
                ev.roles.append((hosted.get(word, role), member))
        if members:
            return


#: "听取了甲局、乙委关于……的汇报": those whose report is heard speak
_HEARD = re.compile(r"听取(?:了)?")
_REPORT = re.compile(r"(?:工作)?(?:汇报|报告|情况介绍|介绍)")


def _reports_heard(text: str, article: Article, ev: Event, sent: Sentence) -> None:
    for h in _HEARD.finditer(text, sent.start, sent.end):
        c_end = clause_end(text, h.end(), sent.end)
        report = _REPORT.search(text, h.end(), c_end)
        if not report:
            continue
        speakers = [a for a in agents_in(article, h.end(), report.start(), _SPEAKERS) if a.role != "anaphor"]
        # only the reporters, not what the report is about: they stand right after 听取 (a list of them)
        if speakers and speakers[0].start == h.end():
            for a in _list_after(article, speakers[0], text):
                ev.roles.append(("speaker", a))


def _list_after(article: Article, first: Mention, text: str) -> list[Mention]:
    """The actors joined by 、/和 that start with ``first``."""
    group = [first]
    cur = first
    while cur.end < len(text) and text[cur.end] in "、和及":
        nxt = [m for m in article.mentions if m.start == cur.end + 1 and m.kind in AGENTS and m.role != "nested"]
        if not nxt:
            break
        cur = nxt[0]
        group.append(cur)
    return group


#: the staff of bodies that stand for them: 某局主要负责同志, 有关部门负责人
_STAFF = re.compile(r"^(?:等)?(?:部门|单位)?的?(?:主要|有关|相关)?(?:负责同志|负责人|同志|领导)")


def _next_in_list(article: Article, m: Mention, text: str) -> bool:
    """Another agent follows ``m`` right after a list joiner (、和及与)."""
    return any(o.start == m.end + 1 and o.kind in AGENTS and o.role != "nested" for o in _after(article, m))


def _after(article: Article, m: Mention) -> list[Mention]:
    return agents_in(article, m.end, m.end + 24, AGENTS)


def _is_subject(text: str, article: Article, actor: Mention, sent: Sentence) -> bool:
    """The actor opens its clause (after a title or an adverbial), so a speech verb after it is its own."""
    c_start = clause_start(text, actor.start, sent.start)
    # an organ that qualifies the person ("街道党工委书记某某") is not a subject before it
    before = [m for m in agents_in(article, c_start, actor.start, AGENTS)
              if not (actor.kind == "Person" and m.kind != "Person" and title_re().fullmatch(text, m.end, actor.start))]
    return not before and not re.search(r"(?:对|向|为|与|和|在|据|经|来|到|听取|感谢|欢迎|邀请)", text[c_start:actor.start])


def _clause_list_before(text: str, article: Article, first: Mention, sent: Sentence) -> list[Mention]:
    """"区委常委甲，副区长乙，区政协副主席丙参加": earlier clauses of only a title and a name share the
    role of the last one."""
    out: list[Mention] = []
    cur = first
    while True:
        c_start = clause_start(text, cur.start, sent.start)
        if c_start <= sent.start or text[c_start - 1] not in "，,":
            break
        p_start = clause_start(text, c_start - 1, sent.start)
        people = [m for m in agents_in(article, p_start, c_start - 1, ("Person",))]
        # the clause must end with its person, and hold nothing but titles and organs before it
        group = _list_before(article, people[-1], text) if people else []
        if not people or people[-1].end != c_start - 1 or not _only_titles(text, article, p_start, group[0]):
            break
        out[:0] = group
        cur = group[0]
    return out


def _only_titles(text: str, article: Article, lo: int, person: Mention) -> bool:
    """What stands before ``person`` from ``lo`` is organs and titles only (no verb): 县委常委、宣传部部长."""
    pos, after_organ = lo, False

    def titles(end: int) -> bool:
        # a contracted title shares the organ's last character: 统战部长 = 统战部 + 部长
        return titles_only(text[pos:end]) or (after_organ and pos < end and titles_only(text[pos - 1:end]))

    for m in sorted(agents_in(article, lo, person.start, ("GovernmentBody", "Area", "Institution", "Enterprise")),
                    key=lambda m: m.start):
        if m.start >= pos:
            if not titles(m.start):
                return False
            pos, after_organ = m.end, True
    return titles(person.start)


#: words that stand in a list of officials besides titles: 拟任……人选, 代表
_LIST_FILLERS = re.compile(r"拟任|人选|候选人|提名|代表|同志")


def titles_only(s: str) -> bool:
    while s:
        s = s.lstrip("、及和")
        if not s:
            break
        m = title_re().match(s) or collective_re().match(s) or _LIST_FILLERS.match(s)
        if not m:
            return False
        s = s[m.end():]
    return True


def _list_before(article: Article, last: Mention, text: str) -> list[Mention]:
    """The actors joined by 、 (and a last 和/及/与) that end with ``last`` (刘明胜、刘春明和许海玲)."""
    group = [last]
    cur = last
    while cur.start > 0:
        prev = []
        if text[cur.start - 1] == "、" or (text[cur.start - 1] in "和及与" and cur is last):
            prev = [m for m in article.mentions if m.end == cur.start - 1 and m.kind in AGENTS and m.role != "nested"]
        elif cur.kind == "Person":
            # "区委书记甲、区长乙参加": a title between the 、 and the next name
            k = text.rfind("、", max(0, cur.start - 16), cur.start)
            if k > 0 and _only_titles(text, article, k + 1, cur):
                prev = [m for m in article.mentions if m.end == k and m.kind == "Person" and m.role != "nested"]
        if not prev:
            break
        cur = prev[0]
        group.insert(0, cur)
    return group


def dedupe_roles(ev: Event):
    seen = set()
    out = []
    for role, m in ev.roles:
        key = (role, m.label, m.kind)
        if key not in seen:
            seen.add(key)
            out.append((role, m))
    ev.roles = out
