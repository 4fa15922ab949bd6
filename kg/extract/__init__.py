"""Stage 4: find entities, posts, relations and events in each article.

Components run in order over one Article, each reading what the previous ones found:
    mentions (orgs, areas, places, campaigns, documents, people)  -> kg.extract.{orgs,campaigns,people}
    later mentions of known people by name alone                   -> here
    events with dates, places and roles                            -> kg.extract.events
    conducts / serves / gaveBannerTo / issued                      -> kg.extract.relations
"""
from __future__ import annotations

import re

from ..model import Article, Mention, Page, Post, Relation
from .anaphora import find_anaphora
from .appointments import find_appointments
from .bylines import find_bylines
from .campaigns import find_campaigns, find_documents, task_force_campaigns
from .documents import find_named_documents
from .crf import crf_people
from .events import find_events
from .lists import distribute_organ, propagate
from .orgs import find_orgs, settle
from .people import find_people
from .relations import find_relations
from ..text.segment import is_credit_sentence

_QUOTE = re.compile(r"“[^“”\n]{1,40}”")
AGENT_KINDS = ("Person", "GovernmentBody", "Area", "Enterprise", "Institution")


def _sentence_index(article: Article, pos: int) -> int:
    for i, s in enumerate(article.sentences):
        if s.start <= pos < s.end:
            return i
    return -1


def extract_article(page: Page, article: Article) -> Article:
    text = page.text
    mentions: list[Mention] = list(article.mentions)
    mentions.extend(find_bylines(page, article))   # journalists, their newspapers, credited sources
    for si, sent in enumerate(article.sentences):
        lo, hi = sent.start, sent.end
        if is_credit_sentence(article, sent):
            continue  # a credit line ("记者 张三", "编辑：李四"): read by find_bylines, not content
        campaigns = find_campaigns(text, lo, hi)
        documents = find_documents(text, lo, hi)
        documents += [d for d in find_named_documents(text, lo, hi)     # named without 《》 (kg.extract.documents)
                      if not any(b.start < d.end and d.start < b.end for b in documents)]
        # slogans in quotes (long, or with a space) are text, not names: “全心全意为企业 优化营商办实事”
        slogans = [Mention("Campaign", m.group(), m.start(), m.end()) for m in _QUOTE.finditer(text, lo, hi)
                   if len(m.group()) > 12 or " " in m.group()]
        shielded = campaigns + documents + slogans
        orgs = [o for o in find_orgs(text, lo, hi)
                if not any(c.start <= o.start and o.end <= c.end for c in shielded)]
        orgs = settle(orgs)
        orgs = orgs + propagate(text, lo, hi, orgs + campaigns + documents)
        orgs = sorted(orgs + distribute_organ(text, orgs), key=lambda m: (m.start, -m.end))
        people, posts = find_people(text, lo, hi, orgs)
        named = {p.start for p in people}
        appointed, decisions = find_appointments(text, lo, hi, orgs)
        people += [p for p in appointed if p.start not in named]
        status = {id(pc.person): st for pc, st in decisions}
        posts += [pc for pc, _ in decisions if pc.person.start not in named]
        people = [p for p in people if not any(o.start < p.end and p.start < o.end for o in orgs if o.role != "nested")]
        kept_people = {id(p) for p in people}
        for m in campaigns + documents + orgs + people:
            m.sentence = si
        mentions.extend(campaigns + documents + orgs + people)
        for pc in posts:
            if id(pc.person) in kept_people:
                if pc.org is not None and pc.org not in mentions:
                    pc.org.sentence = si
                    mentions.append(pc.org)
                article.posts.append(Post(pc.person, pc.title, pc.org, pc.text, si, status.get(id(pc.person), "")))
    mentions.extend(crf_people(text, article, mentions))   # names the rules missed, by a title or role word
    mentions.extend(_later_mentions(text, article, mentions))
    task_forces = task_force_campaigns([m for m in mentions if m.kind == "GovernmentBody"])
    mentions.extend(c for _, c in task_forces)
    mentions.extend(find_anaphora(text, article, mentions))   # 该局, 全区: antecedents set by kg.resolve
    for m in mentions:
        if m.sentence < 0:
            m.sentence = _sentence_index(article, m.start)
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    article.mentions = _dedupe(mentions)
    article.events = find_events(text, article)
    article.relations = find_relations(text, article)
    article.relations.extend(Relation("conducts", b, c, b.sentence) for b, c in task_forces)
    return article


def _later_mentions(text: str, article: Article, mentions: list[Mention]) -> list[Mention]:
    """A person named once with a title is later named alone ("虎强表示"): find those mentions."""
    names = {m.text for m in mentions if m.kind == "Person" and m.role != "journalist"}
    if not names:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    for si, sent in enumerate(article.sentences):
        for m in pattern.finditer(text, sent.start, sent.end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            out.append(Mention("Person", m.group(), m.start(), m.end(), sentence=si, role="official"))
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen = set()
    out = []
    for m in mentions:
        key = (m.kind, m.start, m.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(m)
    return out


def extract_page(page: Page) -> Page:
    """Pipeline component: fills mentions, posts, events and relations of every article."""
    for article in page.articles:
        extract_article(page, article)
    return page


__all__ = ["extract_page", "extract_article", "AGENT_KINDS"]
