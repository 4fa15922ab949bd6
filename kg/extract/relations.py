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
from .agents import agent_before, agents_after, agents_in, clause_start, topic

_BANNER_TO = re.compile(r"(锦旗)?[^，。；]{0,12}?(?:送到|送至|送给|赠送给|交到|递到|献给)")
_BANNER_GIVE = re.compile(r"(?:给|向|为)")
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
    are about what that actor carries out), unless the campaign sits in another actor's document."""
    out = []
    about = topic(article)
    for m in article.mentions:
        if m.kind != "Campaign" or m.role == "nested":
            continue
        speaker = _speaker_of(text, article, m)
        if speaker is not None:
            # "某某强调，要扎实开展甲行动": the official who calls for it carries it out in this text
            out.append(Relation("conducts", speaker, m, m.sentence))
            continue
        agent = agent_before(text, article, m.start, m.sentence, CONDUCTORS)
        if agent is not None:
            out.append(Relation("conducts", agent, m, m.sentence))
        if about is not None and (agent is None or agent.label != about.label):
            out.append(Relation("conducts", about, m, m.sentence))
    # the organ that holds an event of a campaign carries the campaign out
    for ev in article.events:
        for role, agent in ev.roles:
            if role == "organizer" and agent.kind in CONDUCTORS:
                out.extend(Relation("conducts", agent, c, ev.sentence) for c in ev.campaigns)
    return out


#: "某某指出/强调/要求，要……": a call for action whose subject is the official speaking
_CALL = re.compile(r"^(?:指出|强调|要求|提出)[，,：:]")


def _speaker_of(text: str, article: Article, m) -> "Mention | None":
    """The official whose call for action (指出/强调/要求) the campaign stands in, if any."""
    if m.sentence < 0:
        return None
    sent = article.sentences[m.sentence]
    people = [p for p in agents_in(article, sent.start, m.start, ("Person",)) if _CALL.match(text, p.end)]
    if not people:
        return None
    p = people[-1]
    # the call must open the sentence (after an adverbial like "调研中，"): its subject is the official
    return p if clause_start(text, p.start, sent.start) - sent.start <= 8 else None


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
            if not verbs.search(window):
                continue
            agent = agent_before(text, article, ent.start, si, ("GovernmentBody", "Area", "Person"))
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
        for role in _VISITOR_ROLES:
            cands = [m for r, m in ev.roles if r == role and m.kind in ("Person", "GovernmentBody", "Area")]
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
