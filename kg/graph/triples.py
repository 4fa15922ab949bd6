"""Stage 6: resolved pages -> RDF quads (pyoxigraph terms), following design/output-contract.md.

Provenance model (docs/provenance.md):
- each article is a govkg:Article; each sentence that supports an assertion is a govkg:Sentence with its
  text and character offsets in the ORIGINAL input file (via the normalisation offset map);
- posts (org:Membership) and events carry prov:wasDerivedFrom <article> and govkg:evidence <sentence>;
- every plain relation triple (conducts, serves, gaveBannerTo, subOrganizationOf, locatedIn, issued,
  partOf, role properties, mentionedIn, schema:author, schema:areaServed, skos:closeMatch) is also
  described by an rdf:Statement (standard reification) with prov:wasDerivedFrom <article> and
  govkg:evidence <sentence>; area hierarchy links read from GB/T 2260 also say dcterms:source <gbt2260>;
- time: an event has govkg:dateText (as printed) and govkg:date (xsd:date, only when the year is
  printed); a post is dated by the article that states it: org:memberDuring <interval>, the interval
  time:inside the article's time:Instant (rdfs:label = the dateline as printed, time:inXSDDate when the
  year is printed, time:inDateTime month/day), and the instant prov:wasDerivedFrom the article;
- in the TriG export, each article's assertions sit in a named graph named by the article's IRI.
Quads come out sorted, so serialisations are byte-identical across runs.
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..extract.events import DATE
from ..model import Article, Page
from ..resolve import Resolver
from ..resolve.entities import Entity
from ..vocab import (DCTERMS, EVENT_CLASSES, GOVKG, ORG, PROV, RDF, RDFS, ROLE_PROPERTIES, SCHEMA, SKOS, TIME,
                     XSD)
from . import iris

_NN: dict[str, ox.NamedNode] = {}


def nn(iri) -> ox.NamedNode:
    s = str(iri)
    node = _NN.get(s)
    if node is None:
        node = _NN[s] = ox.NamedNode(s)
    return node


def zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=nn(XSD.integer))


A = nn(RDF.type)
# terms used for every statement and sentence (namespace attribute lookups are slow)
_STATEMENT = nn(RDF.Statement)
_SUBJECT = nn(RDF.subject)
_PREDICATE = nn(RDF.predicate)
_OBJECT = nn(RDF.object)
_DERIVED = nn(PROV.wasDerivedFrom)
_EVIDENCE = nn(GOVKG.evidence)
_SENTENCE = nn(GOVKG.Sentence)
_TEXT = nn(GOVKG.text)
_START = nn(GOVKG.charStart)
_END = nn(GOVKG.charEnd)
_IN_ARTICLE = nn(GOVKG.inArticle)
_MENTIONED_IN = nn(GOVKG.mentionedIn)
DEFAULT = ox.DefaultGraph()

ENTITY_CLASS = {
    "GovernmentBody": GOVKG.GovernmentBody, "Area": GOVKG.Area, "Enterprise": GOVKG.Enterprise,
    "Institution": GOVKG.Institution, "Campaign": GOVKG.Campaign, "Place": GOVKG.Place,
    "Document": GOVKG.Document,
}


class QuadSink:
    """Collects quads without duplicates; ``sorted()`` gives the deterministic output order."""

    def __init__(self):
        self.quads: set[ox.Quad] = set()

    def add(self, s, p, o, g=DEFAULT):
        self.quads.add(ox.Quad(s, p, o, g))

    def sorted(self) -> list[ox.Quad]:
        """By (graph, subject, predicate, object). Sorted graph by graph: the sort keys of one graph at a
        time are alive, not those of all quads (that was the build's memory peak), same order."""
        literal = ox.Literal

        def key(q):
            o = q.object
            return (q.subject.value, q.predicate.value, o.value, str(o) if isinstance(o, literal) else "")
        groups: dict[str, list[ox.Quad]] = {}
        for q in self.quads:
            g = q.graph_name
            groups.setdefault("" if isinstance(g, ox.DefaultGraph) else g.value, []).append(q)
        out: list[ox.Quad] = []
        for g in sorted(groups):
            part = groups.pop(g)
            part.sort(key=key)
            out.extend(part)
        return out


class GraphBuilder:
    def __init__(self, resolver: Resolver):
        self.r = resolver
        self.sink = QuadSink()
        self.person_posts: dict[str, int] = defaultdict(int)
        self._sentences: dict[tuple, ox.NamedNode] = {}

    # ---------------------------------------------------------------- helpers
    def entity_node(self, key: str) -> ox.NamedNode:
        return nn(iris.key_iri(key))

    def sentence_node(self, page: Page, article: Article, si: int, g) -> ox.NamedNode | None:
        if si < 0 or si >= len(article.sentences):
            return None
        cached = self._sentences.get((page.uid, article.index, si, g))
        if cached is not None:
            return cached
        s = article.sentences[si]
        o_start, o_end = page.to_original(s.start, s.end)
        node = nn(iris.sentence_iri(page.uid, o_start, o_end))
        add = self.sink.add
        add(node, A, _SENTENCE, g)
        add(node, _TEXT, zh(s.text), g)
        add(node, _START, integer(o_start), g)
        add(node, _END, integer(o_end), g)
        add(node, _IN_ARTICLE, nn(iris.article_iri(page.uid, article.index)), g)
        self._sentences[(page.uid, article.index, si, g)] = node
        return node

    def statement(self, s, p, o, article_node, sentence_node, g, more=(), source=None):
        """Assert s p o and describe it with a reified statement pointing at its evidence.
        ``more``: further (article, sentence) pairs that support it; ``source``: reference data used."""
        add = self.sink.add
        add(s, p, o, g)
        st = nn(iris.statement_iri(str(s), str(p), str(o), str(article_node)))
        add(st, A, _STATEMENT, g)
        add(st, _SUBJECT, s, g)
        add(st, _PREDICATE, p, g)
        add(st, _OBJECT, o, g)
        for a_node, s_node in ((article_node, sentence_node), *more):
            add(st, _DERIVED, a_node, g)
            if s_node is not None:
                add(st, _EVIDENCE, s_node, g)
        if source is not None:
            add(st, nn(DCTERMS.source), source, g)

    # ---------------------------------------------------------------- pages
    def add_page(self, page: Page) -> None:
        add = self.sink.add
        p_node = nn(iris.page_iri(page.uid))
        add(p_node, A, nn(GOVKG.Page))
        add(p_node, nn(GOVKG.sourceFile), ox.Literal(page.name))
        if page.content_hash:
            add(p_node, nn(GOVKG.contentHash), ox.Literal(page.content_hash))
        for article in page.articles:
            self.add_article(page, article, p_node)

    def add_article(self, page: Page, article: Article, p_node) -> None:
        add = self.sink.add
        a_node = nn(iris.article_iri(page.uid, article.index))
        g = a_node
        o_start, o_end = page.to_original(article.start, max(article.end, article.start + 1))
        add(a_node, A, nn(GOVKG.Article))
        if article.headline:
            add(a_node, nn(SCHEMA.headline), zh(article.headline))
        add(a_node, nn(GOVKG.sourceFile), ox.Literal(page.name))
        add(a_node, _START, integer(o_start))
        add(a_node, _END, integer(o_end))
        add(a_node, nn(GOVKG.articleIndex), integer(article.index))
        add(a_node, nn(GOVKG.onPage), p_node)
        for j in article.journalists:
            if j.entity:
                self.statement(a_node, nn(SCHEMA.author), self.entity_node(j.entity), a_node,
                               self.sentence_node(page, article, j.sentence, g), g)
        # mentions: one reified mentionedIn per entity and article, evidenced by its first sentence
        first: dict[str, int] = {}
        for m in article.mentions:
            if m.entity and m.entity not in first and m.names_entity:
                first[m.entity] = m.sentence
        for key, si in sorted(first.items()):
            self.statement(self.entity_node(key), _MENTIONED_IN, a_node, a_node,
                           self.sentence_node(page, article, si, g), g)
        for post in article.posts:
            self.add_post(page, article, post, a_node, g)
        for rel in article.relations:
            if rel.subject.entity and rel.object.entity and rel.subject.entity != rel.object.entity:
                self.statement(self.entity_node(rel.subject.entity), nn(GOVKG[rel.predicate]),
                               self.entity_node(rel.object.entity), a_node,
                               self.sentence_node(page, article, rel.sentence, g), g)
        for k, ev in enumerate(article.events, 1):
            self.add_event(page, article, ev, k, a_node, g)

    def add_post(self, page, article, post, a_node, g) -> None:
        if not post.person.entity or post.org is None or not post.org.entity:
            return
        add = self.sink.add
        person, org = self.entity_node(post.person.entity), self.entity_node(post.org.entity)
        node = nn(iris.post_iri(str(person), str(org), post.title))
        if post.org.kind in ("GovernmentBody", "Area"):      # a public post makes an Official
            self.person_posts[post.person.entity] += 1
        add(node, A, nn(ORG.Membership))
        add(node, nn(ORG.member), person)
        add(node, nn(ORG.organization), org)
        add(node, nn(GOVKG.title), zh(post.title))
        add(node, nn(GOVKG.titleText), zh(post.text), g)
        if post.status:
            add(node, nn(GOVKG.postStatus), ox.Literal(post.status), g)
        add(node, _DERIVED, a_node, g)
        sent = self.sentence_node(page, article, post.sentence, g)
        if sent is not None:
            add(node, _EVIDENCE, sent, g)
        # dated by the article that states it: held during an interval that contains the article's time
        during = nn(iris.interval_iri(str(node.value)))
        add(node, nn(ORG.memberDuring), during, g)
        add(during, A, nn(TIME.Interval), g)
        add(during, nn(TIME.inside), self.article_instant(page, article, a_node, g), g)

    def article_instant(self, page, article, a_node, g) -> ox.NamedNode:
        """The time an article speaks of: its dateline (本报讯 3月20日上午), else its first dated event."""
        node = nn(iris.instant_iri(page.uid, article.index))
        add = self.sink.add
        add(node, A, nn(TIME.Instant), g)
        add(node, _DERIVED, a_node, g)
        found = article_date(page, article)
        if found is None:
            return node
        text, year, month, day, si = found
        add(node, nn(RDFS.label), zh(text), g)
        desc = nn(f"{node.value}/date")
        add(node, nn(TIME.inDateTime), desc, g)
        add(desc, A, nn(TIME.DateTimeDescription), g)
        add(desc, nn(TIME.unitType), nn(TIME.unitDay), g)
        add(desc, nn(TIME.month), ox.Literal(f"--{month:02d}", datatype=nn(XSD.gMonth)), g)
        add(desc, nn(TIME.day), ox.Literal(f"---{day:02d}", datatype=nn(XSD.gDay)), g)
        if year:
            add(desc, nn(TIME.year), ox.Literal(f"{year:04d}", datatype=nn(XSD.gYear)), g)
            add(node, nn(TIME.inXSDDate), ox.Literal(f"{year:04d}-{month:02d}-{day:02d}", datatype=nn(XSD.date)), g)
        sent = self.sentence_node(page, article, si, g)
        if sent is not None:
            add(node, _EVIDENCE, sent, g)
        return node

    def add_event(self, page, article, ev, k, a_node, g) -> None:
        add = self.sink.add
        node = nn(iris.event_iri(page.uid, article.index, k))
        add(node, A, nn(EVENT_CLASSES.get(ev.kind, GOVKG.Event)))
        add(node, nn(RDFS.label), zh(ev.name))
        for alias in sorted(set(ev.aliases) - {ev.name}):
            add(node, nn(SKOS.altLabel), zh(alias))
        if ev.date:
            add(node, nn(GOVKG.date), ox.Literal(ev.date, datatype=nn(XSD.date)))
        if ev.date_text:
            add(node, nn(GOVKG.dateText), zh(ev.date_text))
        add(node, _DERIVED, a_node, g)
        sent = self.sentence_node(page, article, ev.sentence, g)
        if sent is not None:
            add(node, _EVIDENCE, sent, g)
        for role, m in ev.roles:
            if m.entity:
                self.statement(node, nn(ROLE_PROPERTIES[role]), self.entity_node(m.entity), a_node,
                               self.sentence_node(page, article, m.sentence, g) or sent, g)
        if ev.location is not None and ev.location.entity:
            self.statement(node, nn(GOVKG.location), self.entity_node(ev.location.entity), a_node, sent, g)
        for c in ev.campaigns:
            if c.entity:
                self.statement(node, nn(GOVKG.partOf), self.entity_node(c.entity), a_node, sent, g)

    # ---------------------------------------------------------------- entities
    def add_facts(self) -> None:
        """Facts that identity implies (kg.resolve Fact), each with the mention(s) it came from."""
        for f in self.r.facts:
            support = []
            for page, article, si in f.evidence:
                a_node = nn(iris.article_iri(page.uid, article.index))
                support.append((a_node, self.sentence_node(page, article, si, a_node)))
            (a_node, s_node), more = support[0], support[1:]
            source = nn(iris.GBT2260) if f.source == "gbt2260" else None
            self.statement(self.entity_node(f.subject), nn(FACT_PROPERTIES[f.predicate]),
                           self.entity_node(f.object), a_node, s_node, a_node, more, source)

    def add_entities(self) -> None:
        add = self.sink.add
        if any(f.source == "gbt2260" for f in self.r.facts):
            src = nn(iris.GBT2260)
            add(src, nn(RDFS.label), zh("GB/T 2260 中华人民共和国行政区划代码（cpca 数据）"))
        for key, ent in sorted(self.r.entities.items()):
            node = self.entity_node(key)
            add(node, A, nn(self.entity_class(key, ent)))
            add(node, nn(RDFS.label), zh(ent.label))
            for alt in ent.alt_labels:
                add(node, nn(SKOS.altLabel), zh(alt))
            for stem, index in ent.articles:
                add(node, _MENTIONED_IN, nn(iris.article_iri(stem, index)))
            if ent.code:
                add(node, nn(GOVKG.adminCode), ox.Literal(ent.code))

    def entity_class(self, key: str, ent: Entity):
        if ent.kind == "Person":
            # a journalist's only post is at the newspaper of the byline (记者): still a Journalist
            if ent.role == "official" or (self.person_posts.get(key) and ent.role != "journalist"):
                return GOVKG.Official
            if ent.role == "journalist":
                return GOVKG.Journalist
            return GOVKG.Person
        return ENTITY_CLASS[ent.kind]


def build_quads(pages: list[Page], resolver: Resolver) -> list[ox.Quad]:
    for page in pages:
        page.uid = page.uid or page.stem
    b = GraphBuilder(resolver)
    resolver.finish()
    for page in pages:
        b.add_page(page)
    b.add_facts()
    b.add_entities()
    return b.sink.sorted()


FACT_PROPERTIES = {
    "subOrganizationOf": GOVKG.subOrganizationOf,
    "locatedIn": GOVKG.locatedIn,
    "areaServed": SCHEMA.areaServed,
    "closeMatch": SKOS.closeMatch,
}


def article_date(page: Page, article: Article):
    """(text, year or 0, month, day, sentence index) of the article's dateline, else of its first dated
    event; None when the article prints no date."""
    text = page.text
    for si, s in enumerate(article.sentences[:4]):
        m = DATE.search(text, s.start, s.end)
        if m:
            return m.group(), int(m.group(1) or 0), int(m.group(2)), int(m.group(3)), si
    for ev in article.events:
        if ev.date_text:
            m = DATE.search(ev.date_text)
            if m:
                return ev.date_text, int(m.group(1) or 0), int(m.group(2)), int(m.group(3)), ev.sentence
    return None
