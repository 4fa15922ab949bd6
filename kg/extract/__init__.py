"""Stage 4: find entities, posts, relations and events in each article.

``PIPELINE`` below is the whole extract layer: named steps over one ``Doc`` (kg.extract.doc), each with the
layers it reads and writes. Sentence steps find names (campaigns, documents, organisations and areas,
people, posts and personnel decisions) clause by clause; article steps then read credits, add the people
a learned tagger and later mentions find, task forces and anaphors, and build events and relations from
the assembled mentions. Each finder lives in its own module: kg.extract.{campaigns, documents, orgs, edges,
places, lists, people, titles, appointments, bylines, crf, short_names, anaphora, events, agents,
relations}.
"""
from __future__ import annotations

import re

from ..model import Article, Mention, Page, Post, Relation
from .doc import Doc, Step, check, run
from .anaphora import find_anaphora
from .appointments import find_appointments
from .bylines import find_bylines
from .campaigns import find_campaigns, find_documents, task_force_campaigns
from .documents import find_named_documents
from .crf import crf_people
from .events import find_events
from .lists import counted_companies, distribute_organ, inherit_parent, propagate
from .orgs import find_orgs, listed_pairs, settle, split_pairs
from .people import find_people
from .relations import find_relations
from .short_names import division_stems, office_stems
from ..text.segment import is_credit_sentence

_QUOTE = re.compile(r"“[^“”\n]{1,40}”")
AGENT_KINDS = ("Person", "GovernmentBody", "Area", "Enterprise", "Institution")


def _sentence_index(article: Article, pos: int) -> int:
    for i, s in enumerate(article.sentences):
        if s.start <= pos < s.end:
            return i
    return -1


# ---------------------------------------------------------------- sentence steps

def _campaigns(doc: Doc) -> None:
    doc.add("campaigns", find_campaigns(doc.text, doc.lo, doc.hi))


def _documents(doc: Doc) -> None:
    found = find_documents(doc.text, doc.lo, doc.hi)
    found += [d for d in find_named_documents(doc.text, doc.lo, doc.hi)     # named without 《》
              if not any(b.start < d.end and d.start < b.end for b in found)]
    doc.add("documents", found)


def _slogans(doc: Doc) -> None:
    # slogans in quotes (long, or with a space) are text, not names: “全心全意为企业 优化营商办实事”
    doc.add("slogans", [Mention("Campaign", m.group(), m.start(), m.end())
                        for m in _QUOTE.finditer(doc.text, doc.lo, doc.hi) if len(m.group()) > 12 or " " in m.group()])


def _orgs(doc: Doc) -> None:
    text, lo, hi = doc.text, doc.lo, doc.hi
    named = doc.here("campaigns") + doc.here("documents")
    shielded = named + doc.here("slogans")
    orgs = settle([o for o in find_orgs(text, lo, hi) if not any(c.start <= o.start and o.end <= c.end for c in shielded)])
    orgs = split_pairs(orgs)
    orgs = orgs + listed_pairs(text, orgs)
    orgs = orgs + propagate(text, lo, hi, orgs + named)
    orgs = inherit_parent(text, orgs + distribute_organ(text, orgs))
    doc.add("orgs", sorted(orgs, key=lambda m: (m.start, -m.end)))


def _people(doc: Doc) -> None:
    orgs = doc.here("orgs")
    people, posts = find_people(doc.text, doc.lo, doc.hi, orgs)
    named = {p.start for p in people}
    appointed, decisions = find_appointments(doc.text, doc.lo, doc.hi, orgs)
    doc.add("people", people + [p for p in appointed if p.start not in named])
    doc.add("posts", [(pc, pc.status, doc.si) for pc in posts] +
            [(pc, status, doc.si) for pc, status in decisions if pc.person.start not in named])


def _overlaps(doc: Doc) -> None:
    """The overlap policy between people and organisations of one sentence."""
    people, si = doc.here("people"), doc.si
    # a short division name inside a person's name (丰台 in 王丰台) is the name, not the area
    inside = {id(o) for o in doc.here("orgs") for p in people if o.kind == "Area" and p.start < o.start and o.end <= p.end}
    doc.remove("orgs", lambda o: id(o) not in inside)
    orgs = [o for o in doc.here("orgs") if o.role != "nested"]
    doc.remove("people", lambda p: p.sentence != si or not any(o.start < p.end and p.start < o.end for o in orgs))


# ---------------------------------------------------------------- article steps

def _credits(doc: Doc) -> None:
    doc.add("credits", find_bylines(doc.page, doc.article))   # journalists, their newspapers, sources


def _posts(doc: Doc) -> None:
    """Posts of the people that stayed; an organisation a post made (区委统战部) becomes a mention."""
    kept = {id(p) for p in doc.layer("people")}
    known = {id(m) for m in doc.layer("orgs")}
    for pc, status, si in doc.layer("posts"):
        if id(pc.person) not in kept:
            continue
        if pc.org is not None and id(pc.org) not in known:
            pc.org.sentence = si
            known.add(id(pc.org))
            doc.add("post_orgs", [pc.org])
        doc.article.posts.append(Post(pc.person, pc.title, pc.org, pc.text, si, status))


def _mentions_so_far(doc: Doc) -> list[Mention]:
    return [m for name in MENTION_LAYERS if name in doc.layers for m in doc.layer(name)]


def _crf_people(doc: Doc) -> None:
    # names the rules missed, by a title or role word
    doc.add("crf_people", crf_people(doc.text, doc.article, _mentions_so_far(doc)))


def _later(doc: Doc) -> None:
    doc.add("later", _later_mentions(doc.text, doc.article, _mentions_so_far(doc)))


def _short_names(doc: Doc) -> None:
    """Names the article gives in short once it has given them in full, or as a counted list."""
    so_far = _mentions_so_far(doc)
    a = doc.article
    lo, hi = (a.sentences[0].start, a.sentences[-1].end) if a.sentences else (0, 0)
    doc.add("short_names", division_stems(doc.text, a, so_far)        # 金水区 … 金水
            + office_stems(doc.text, a, so_far)                 # 某某街办事处 … 某某街
            + counted_companies(doc.text, lo, hi, so_far))      # 3家企业……分别是甲、乙、丙


def _task_forces(doc: Doc) -> None:
    pairs = task_force_campaigns([m for m in _mentions_so_far(doc) if m.kind == "GovernmentBody"])
    doc.add("task_forces", [c for _, c in pairs])
    doc.add("task_force_links", pairs)


def _anaphors(doc: Doc) -> None:
    doc.add("anaphors", find_anaphora(doc.text, doc.article, _mentions_so_far(doc)))   # antecedents: kg.resolve


def _assemble(doc: Doc) -> None:
    """article.mentions: every span layer, one mention per (kind, span), in text order."""
    mentions = list(doc.article.mentions) + _mentions_so_far(doc)
    for m in mentions:
        if m.sentence < 0:
            m.sentence = _sentence_index(doc.article, m.start)
    mentions.sort(key=lambda m: (m.start, -m.end, m.kind))
    doc.article.mentions = _dedupe(mentions)


def _events(doc: Doc) -> None:
    doc.article.events = find_events(doc.text, doc.article)


def _relations(doc: Doc) -> None:
    doc.article.relations = find_relations(doc.text, doc.article)
    doc.article.relations.extend(Relation("conducts", b, c, b.sentence) for b, c in doc.layer("task_force_links"))


#: the span layers that become article.mentions, in the order they are merged
MENTION_LAYERS = ("credits", "campaigns", "documents", "orgs", "people", "post_orgs", "crf_people", "later",
                  "short_names", "task_forces", "anaphors")
_NAMES = ("credits", "campaigns", "documents", "orgs", "people", "post_orgs")

#: the extract pipeline: each step a named component with the layers it reads and writes
PIPELINE: list[Step] = [
    Step("campaigns", _campaigns, writes=("campaigns",)),
    Step("documents", _documents, writes=("documents",)),
    Step("slogans", _slogans, writes=("slogans",)),
    Step("orgs", _orgs, reads=("campaigns", "documents", "slogans"), writes=("orgs",)),
    Step("people", _people, reads=("orgs",), writes=("people", "posts")),
    Step("overlaps", _overlaps, reads=("people", "orgs"), writes=("orgs", "people")),
    Step("credits", _credits, writes=("credits",), per_sentence=False),
    Step("posts", _posts, reads=("people", "orgs", "posts"), writes=("post_orgs", "article"), per_sentence=False),
    Step("crf_people", _crf_people, reads=_NAMES, writes=("crf_people", "article"), per_sentence=False),  # + posts
    Step("later", _later, reads=_NAMES + ("crf_people",), writes=("later",), per_sentence=False),
    Step("short_names", _short_names, reads=_NAMES + ("crf_people", "later"), writes=("short_names",),
         per_sentence=False),
    Step("task_forces", _task_forces, reads=_NAMES + ("crf_people", "later", "short_names"),
         writes=("task_forces", "task_force_links"), per_sentence=False),
    Step("anaphors", _anaphors, reads=_NAMES + ("crf_people", "later", "short_names", "task_forces"), writes=("anaphors",),
         per_sentence=False),
    Step("assemble", _assemble, reads=MENTION_LAYERS, writes=("article",), per_sentence=False),
    Step("events", _events, reads=("article",), writes=("article",), per_sentence=False),
    Step("relations", _relations, reads=("article", "task_force_links"), writes=("article",), per_sentence=False),
]
check(PIPELINE)


def extract_article(page: Page, article: Article) -> Article:
    """Run the extract pipeline over one article (credit lines are read by the credits step only)."""
    run(PIPELINE, Doc(page, article), skip=lambda d: is_credit_sentence(article, article.sentences[d.si]))
    return article


def _later_mentions(text: str, article: Article, mentions: list[Mention]) -> list[Mention]:
    """A person named once with a title is later named alone ("虎强表示"): find those mentions."""
    roles = {}
    for m in mentions:
        if m.kind == "Person" and m.role != "journalist":
            roles.setdefault(m.text, m.role or "official")   # named alone later, the same person
    names = set(roles)
    if not names:
        return []
    from .crf import Taken
    taken = Taken((m.start, m.end) for m in mentions)   # a scan of every mention was quadratic
    out = []
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    for si, sent in enumerate(article.sentences):
        for m in pattern.finditer(text, sent.start, sent.end):
            if taken.overlaps(m.start(), m.end()):
                continue
            out.append(Mention("Person", m.group(), m.start(), m.end(), sentence=si, role=roles[m.group()]))
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


__all__ = ["extract_page", "extract_article", "AGENT_KINDS", "PIPELINE"]
