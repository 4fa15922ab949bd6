"""Binary relations read from one sentence: conducts, serves, gaveBannerTo, issued.

- conducts: every campaign an actor launches or carries out; the actor is the subject of the clause
  (or of the sentence, or the article's topic when the subject is dropped);
- serves: a serve verb (走访, 帮扶, 指导, 解决……) followed by an enterprise in the same clause; and each
  enterprise a visit or inspection goes to ("先后来到甲公司、乙公司"), served by whoever leads the visit
  (its leader, else the organ that carries it out);
- gaveBannerTo: banner (锦旗) frames: "A将一面锦旗送到B", "A给B送来锦旗", "A向B赠送锦旗";
- issued: "A印发/出台/制定《文件》".
subOrganizationOf and locatedIn need canonical names and are made by kg.resolve.
"""
from __future__ import annotations

import re

from ..lexicons import alternation, relation_verbs
from ..model import Article, Relation
from .agents import agent_before, agents_after, agents_in, clause_start, topic, unnamed_subject
from .event_roles import titles_only

#: who carries out public campaigns: bodies, areas, institutions (a company is rarely the actor)
CONDUCTORS = ("GovernmentBody", "Area", "Institution")
_ISSUE = re.compile(r"(?:印发|出台|制定|发布|下发|出台了|印发了|制定了|发布了)")


def find_relations(text: str, article: Article) -> list[Relation]:
    out: list[Relation] = []
    out.extend(_conducts(text, article))
    out.extend(_serves(text, article))
    out.extend(_serves_of_visits(article))
    out.extend(_banners(text, article))
    out.extend(_issued(text, article))
    return out


def _conducts(text: str, article: Article) -> list[Relation]:
    """The clause's actor conducts the campaign; so does the actor the article is about (its reports
    are about what that actor carries out), unless the campaign sits in another actor's document.
    In a speech ("某某强调，要大力推进甲行动") the speaker calls for it and so carries it out, unless the
    speech names who does it ("乙镇将继续开展……"); one told what to do ("乙办事处要……") does not count."""
    out = []
    about = topic(article)
    speakers = _speakers(text, article)
    subjects = _speech_subjects(text, article, speakers)
    led = _led_campaigns(article)
    for m in article.mentions:
        if m.kind != "Campaign" or m.role == "nested" or id(m) in led:
            continue
        if _OCCASION.match(text, m.end) and not _conducted_occasion(text, m.start):
            continue    # "以甲战略建设为契机": the campaign is the occasion, not what the actor carries out
        adjacent = _adjacent_actor(text, article, m)
        if adjacent is not None:
            out.append(Relation("conducts", adjacent, m, m.sentence))
            continue
        speech = speakers.get(m.sentence)
        if speech is not None and speech[1] <= m.start:
            speaker, said_from = speech
            agent = agent_before(text, article, m.start, m.sentence, CONDUCTORS, fallback=False)
            if agent is None or agent.start < said_from or _ADDRESSED.match(text, agent.end):
                agent = subjects.get(m.sentence)
            out.append(Relation("conducts", agent or speaker, m, m.sentence))
            continue
        agent = agent_before(text, article, m.start, m.sentence, CONDUCTORS)
        if agent is not None:
            out.append(Relation("conducts", agent, m, m.sentence))
        if about is not None and (agent is None or agent.label != about.label):
            out.append(Relation("conducts", about, m, m.sentence))
    # who holds (or, failing an organ, leads) an event of a campaign carries the campaign out
    for ev in article.events:
        organs = [a for r, a in ev.roles if r == "organizer" and a.kind in CONDUCTORS]
        leaders = [a for r, a in ev.roles if r == "leader" and a.kind == "Person"][:1]
        for c in ev.campaigns:
            # a leader only for the campaign named where the event is told ("围绕甲整治工作到乙县调研")
            for agent in organs or (leaders if c.sentence == ev.sentence else []):
                out.append(Relation("conducts", agent, c, ev.sentence))
    return out


def _speech_subjects(text: str, article: Article, speakers: dict[int, tuple]) -> dict[int, object]:
    """"他强调，乙镇坚持……；……落实甲制度": the actor a report opens with does what the rest of it tells,
    up to the end of the sentence (semicolons go on with it). Sentence index -> that actor."""
    out = {}
    for si in sorted(speakers):
        speaker, said_from = speakers[si]
        sent = article.sentences[si]
        first = [a for a in agents_in(article, said_from, sent.end, CONDUCTORS) if a.role not in ("nested", "anaphor")][:1]
        if first and not text[said_from:first[0].start].strip() and not _ADDRESSED.match(text, first[0].end):
            out[si] = first[0]
        elif si - 1 in out and speakers.get(si - 1, (None,))[0] is speaker and _after_semicolon(text, article, si):
            out[si] = out[si - 1]
    return out


def _after_semicolon(text: str, article: Article, si: int) -> bool:
    prev = article.sentences[si - 1]
    return text[prev.start:prev.end].rstrip()[-1:] in ("；", ";")


def _led_campaigns(article: Article) -> set[int]:
    """Campaigns named where an event led by an official (no organ holding it) is told: he carries them out."""
    out = set()
    for ev in article.events:
        if any(r == "organizer" and a.kind in CONDUCTORS for r, a in ev.roles):
            continue
        if any(r == "leader" and a.kind == "Person" for r, a in ev.roles):
            out.update(id(c) for c in ev.campaigns if c.sentence == ev.sentence)
    return out


#: a campaign taken as the occasion of something else ("以……为契机")
_OCCASION = re.compile(r"[\u4e00-\u9fff]{0,4}?为契机")

def _conducted_occasion(text: str, start: int) -> bool:
    """"以开展甲活动为契机": a conduct verb between 以 and the campaign, so it is carried out all the same."""
    k = text.rfind("以", max(0, start - 12), start)
    return k >= 0 and any(v in text[k:start] for v in relation_verbs()["conducts"])


#: "某某指出/强调/要求/提出要求……，": a speech opens; what follows is what the speaker says
_CALL = re.compile(r"(?:指出|强调|要求|提出要求|表示)[，,：:]")
#: "某某要……": one told what to do, not one who does it
_ADDRESSED = re.compile(r"(?:要|必须|务必|应当|应)")
#: a sentence that carries on the speech before it: "要……", "一是……", "同时，……"
_GOES_ON = re.compile(r"(?:要|一是|二是|三是|四是|五是|六是|同时|此外|另外|并)")
#: adverbs between an actor and the campaign it carries out ("某镇深入推进放管服改革")
_ADVERBS = re.compile(r"(?:持续|深入|全面|进一步|大力|不断|扎实|积极|着力|认真|切实|全力)*$")


def _speakers(text: str, article: Article) -> dict[int, tuple]:
    """Sentence index -> (speaker, where the speech starts) for the sentences of a speech: one that opens
    with "某某/他强调，" (or whose subject 提出要求：), and the ones that go on with it (要……, 一是……,
    某办事处要……, or after a semicolon)."""
    out: dict[int, tuple] = {}
    last_person = None
    for si, sent in enumerate(article.sentences):
        head = text[sent.start:min(sent.end, sent.start + 30)]
        call = _CALL.search(head)
        speaker, said_from = None, sent.start
        if call:
            opener = text[sent.start:sent.start + call.start()]
            people = [p for p in agents_in(article, sent.start, sent.start + call.start(), ("Person",))]
            if people and people[-1].end == sent.start + call.start() and len(opener) <= 24:
                speaker = people[-1]
            elif opener.endswith(("他", "她")) and last_person is not None:
                speaker = last_person
            said_from = sent.start + call.end()
        else:
            colon = _CALL_COLON.search(text, sent.start, sent.end)
            first = agents_in(article, sent.start, sent.end, ("Person",) + CONDUCTORS)[:1]
            if colon and first and first[0].kind == "Person" \
                    and titles_only(text[clause_start(text, first[0].start, sent.start):first[0].start]):
                speaker, said_from = first[0], colon.end()   # "某某……提出要求：一是……"
        if speaker is not None:
            out[si] = (speaker, said_from)
        elif si - 1 in out and _goes_on(text, article, article.sentences[si - 1], sent):
            out[si] = (out[si - 1][0], sent.start)
        people = [p for p in agents_in(article, sent.start, sent.end, ("Person",))]
        if people:
            last_person = people[0]
    return out


#: a speech introduced by a colon anywhere in the sentence
_CALL_COLON = re.compile(r"(?:指出|强调|要求|提出要求|表示)[：:]")


def _goes_on(text: str, article: Article, prev, sent) -> bool:
    """The sentence carries on the speech of ``prev``."""
    if text[prev.end - 1:prev.end] in "；;" or _GOES_ON.match(text, sent.start):
        return True
    first = agents_in(article, sent.start, min(sent.end, sent.start + 16), CONDUCTORS)[:1]
    return bool(first) and first[0].start == sent.start and bool(_ADDRESSED.match(text, first[0].end))


def _adjacent_actor(text: str, article: Article, m):
    """"某镇深入推进放管服改革": an area or organ right before the campaign (adverbs between) carries it out."""
    if m.sentence < 0:
        return None
    sent = article.sentences[m.sentence]
    before = [a for a in agents_in(article, max(sent.start, m.start - 8), m.start, CONDUCTORS) if a.role != "anaphor"]
    if not before:
        return None
    a = before[-1]
    return a if _ADVERBS.fullmatch(text[a.end:m.start]) and a.end <= m.start else None


def _serves(text: str, article: Article) -> list[Relation]:
    out = []
    verbs = re.compile(alternation(relation_verbs().get("serves", ())))
    for si, sent in enumerate(article.sentences):
        enterprises = agents_in(article, sent.start, sent.end, ("Enterprise",))
        if not enterprises:
            continue
        for ent in enterprises:
            c_start = clause_start(text, ent.start, sent.start)
            window = text[c_start:ent.start]   # the serve verb governs the enterprise in its own clause
            verb = verbs.search(window)
            if not verb:
                continue
            if unnamed_subject(text, c_start, ent.start, anywhere=True):
                continue   # "工作组成员察看了某公司": the subject is not named
            agent = agent_before(text, article, ent.start, si, ("GovernmentBody", "Area", "Person"))
            if agent is not None and re.match(r"(?:等)?陪同", text[agent.end:agent.end + 3]):
                continue   # the one who accompanies the visitors serves no one here
            if agent is not None and agent is not ent:
                out.append(Relation("serves", agent, ent, si))
    return out


#: who serves the enterprises a visit goes to, in order of preference
_VISITOR_ROLES = ("leader", "organizer", "attendee")


def _serves_of_visits(article: Article) -> list[Relation]:
    out = []
    for ev in article.events:
        targets = [m for r, m in ev.roles if r == "target" and m.kind == "Enterprise"]
        if not targets or ev.kind == "Award":
            continue
        visitor = None
        hosts = {m.label for r, m in ev.roles if r == "host"}   # the receiving side serves no one here
        for role in _VISITOR_ROLES:
            cands = [m for r, m in ev.roles if r == role and m.kind in ("Person", "GovernmentBody", "Area")
                     and m.label not in hosts]
            people = [m for m in cands if m.kind == "Person"]
            if cands:
                visitor = (people or cands)[0]
                break
        if visitor is None:
            continue
        out.extend(Relation("serves", visitor, t, t.sentence if t.sentence >= 0 else ev.sentence) for t in targets)
    return out


def _banners(text: str, article: Article) -> list[Relation]:
    out = []
    for si, sent in enumerate(article.sentences):
        for m in re.finditer("锦旗", text[sent.start:sent.end]):
            pos = sent.start + m.start()
            giver, recipient = banner_parties(text, article, pos, si)
            if giver is not None and recipient is not None and giver is not recipient:
                out.append(Relation("gaveBannerTo", giver, recipient, si))
    return out


def banner_parties(text: str, article: Article, pos: int, si: int):
    """(giver, recipient) of the banner mentioned at ``pos``."""
    sent = article.sentences[si]
    c_start = clause_start(text, pos, sent.start)
    kinds = ("Person", "GovernmentBody", "Area", "Enterprise", "Institution")
    # A将一面锦旗送到B / A给B送来锦旗 / A向B赠送锦旗: the giver opens the clause, the recipient follows a verb
    # a giver is the subject right before 将/给/向 ("某公司有关负责人将一面锦旗送到"), not a modifier
    # of another noun ("经开区经北二路某小区群众代表将锦旗送至")
    mark = re.search(r"(?:将|给|向|为)", re.sub(r"“[^”]*”", lambda q: "_" * len(q.group()), text[c_start:pos]))
    mark_at = c_start + mark.start() if mark else pos
    before = [m for m in agents_in(article, c_start, mark_at, kinds)
              if mark_at - m.end <= 6 and not any(o.start >= m.end and o.end <= mark_at for o in article.mentions)]
    before += agents_in(article, mark_at, pos, kinds)
    after_clause = agents_after(text, article, pos, si, kinds)
    giver = before[0] if before else None
    if giver is None and mark and c_start > sent.start:
        # "某政协主席带领某公司负责人，将一面锦旗送到……": the giver stands in the clause before
        prev_start = clause_start(text, c_start - 1, sent.start)
        prev = [m for m in agents_in(article, prev_start, c_start, kinds) if m.role != "nested"]
        companies = [m for m in prev if m.kind in ("Enterprise", "Institution")]
        giver = companies[-1] if companies else (prev[0] if prev else None)
    recipient = None
    if after_clause:
        recipient = after_clause[0]
    elif len(before) >= 2:
        recipient = before[1]
    if giver is None:
        # "获赠企业送出的锦旗" / "收到企业赠送的锦旗": the subject received it
        if "获赠" in text[sent.start:pos] or "收到" in text[sent.start:pos]:
            recipient = agent_before(text, article, pos, si, ("GovernmentBody", "Area", "Person"))
            enterprises = agents_in(article, sent.start, pos, ("Enterprise", "Institution"))
            giver = enterprises[-1] if enterprises else None
    return giver, recipient


def _issued(text: str, article: Article) -> list[Relation]:
    out = []
    for m in article.mentions:
        if m.kind != "Document":
            continue
        window = text[max(0, m.start - 6):m.start]
        if _ISSUE.search(window):
            agent = agent_before(text, article, m.start, m.sentence, ("GovernmentBody", "Area"), fallback=False)
            if agent is not None:
                out.append(Relation("issued", agent, m, m.sentence))
    return out
