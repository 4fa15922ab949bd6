"""Stage 6: resolved pages -> RDF quads, following design/output-contract.md.

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

Quads are made as keys of strings (kg.graph.nquads), page by page: ``GraphBuilder.add_page`` needs only
that page and its entity keys, so a build can write each page's quads to disk as it goes
(kg.graph.runs) and keep nothing per quad in memory. What needs every page (an entity's class, labels
and articles; the cross-page skos:closeMatch facts) comes last, from the resolver.
Sorted keys give the output order, so serialisations are byte-identical across runs.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pyoxigraph as ox

from ..extract.events import DATE
from ..model import Article, Page
from ..resolve import Resolver
from ..resolve.entities import Entity
from ..vocab import (DCTERMS, EVENT_CLASSES, GOVKG, ORG, PROV, RDF, RDFS, ROLE_PROPERTIES, SCHEMA, SKOS, TIME,
                     XSD)
from .. import collection
from . import iris
from .nquads import checked_iri, integer, plain, to_quads, typed, zh

# IRIs as strings, looked up once (namespace attribute lookups are slow)
A = str(RDF.type)
_STATEMENT = str(RDF.Statement)
_SUBJECT = str(RDF.subject)
_PREDICATE = str(RDF.predicate)
_OBJECT = str(RDF.object)
_DERIVED = str(PROV.wasDerivedFrom)
_EVIDENCE = str(GOVKG.evidence)
_SENTENCE = str(GOVKG.Sentence)
_TEXT = str(GOVKG.text)
_START = str(GOVKG.charStart)
_END = str(GOVKG.charEnd)
_IN_ARTICLE = str(GOVKG.inArticle)
_MENTIONED_IN = str(GOVKG.mentionedIn)
_LABEL = str(RDFS.label)
_ALT_LABEL = str(SKOS.altLabel)
_SOURCE_FILE = str(GOVKG.sourceFile)
_AUTHOR = str(SCHEMA.author)
_GBT2260 = iris.GBT2260
_DEFAULT = ""

ENTITY_CLASS = {
    "GovernmentBody": GOVKG.GovernmentBody, "Area": GOVKG.Area, "Enterprise": GOVKG.Enterprise,
    "Institution": GOVKG.Institution, "Campaign": GOVKG.Campaign, "Place": GOVKG.Place,
    "Document": GOVKG.Document,
}

_TERMS: dict[object, str] = {}


def term(iri) -> str:
    """str() of a vocabulary term, cached (GOVKG[name] and str(URIRef) cost microseconds)."""
    s = _TERMS.get(iri)
    if s is None:
        s = _TERMS[iri] = str(iri)
    return s


def _nt(iri: str) -> str:
    """str() of the pyoxigraph NamedNode: the form digests of posts and statements were made from."""
    return "<" + iri + ">"


def _division_data_version() -> str:
    """The version of the division table: the cpca package that ships it."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return f"cpca {version('cpca')}"
    except PackageNotFoundError:      # pragma: no cover - cpca is a dependency
        return "cpca"


class GraphBuilder:
    """Quad keys of pages, facts and entities. ``take()`` hands over (and forgets) what was made."""

    def __init__(self, resolver: Resolver):
        self.r = resolver
        self.keys: set[str] = set()
        self.person_posts: dict[str, int] = defaultdict(int)
        self._page_posts: list[str] = []
        self._sentences: dict[tuple, str] = {}
        self._entity_iris: dict[str, str] = {}

    def take(self) -> set[str]:
        """The keys made since the last take; the posts counted for entity classes are kept."""
        keys, self.keys = self.keys, set()
        for person in self._page_posts:
            self.person_posts[person] += 1
        self._page_posts = []
        self.uses_gbt2260 |= self._page_gbt2260
        self._page_gbt2260 = False
        self._sentences.clear()
        return keys

    def discard(self) -> None:
        """Forget what was made since the last take (a page that failed half-way)."""
        self.keys = set()
        self._page_posts = []
        self._page_gbt2260 = False
        self._sentences.clear()

    def add(self, s: str, p: str, o, g: str = _DEFAULT) -> None:
        # kg.graph.nquads.key, inlined: this runs for every quad of a build
        if type(o) is str:
            self.keys.add(f"{g}\0{s}\0{p}\0{o}\0")
        else:
            self.keys.add(f"{g}\0{s}\0{p}\0{o.value}\0{o.nt}")

    # ---------------------------------------------------------------- helpers
    def entity_node(self, key: str) -> str:
        iri = self._entity_iris.get(key)
        if iri is None:
            iri = self._entity_iris[key] = checked_iri(iris.key_iri(key))
        return iri

    def sentence_node(self, page: Page, article: Article, si: int, g: str) -> str | None:
        if si < 0 or si >= len(article.sentences):
            return None
        cached = self._sentences.get((page.uid, article.index, si, g))
        if cached is not None:
            return cached
        s = article.sentences[si]
        o_start, o_end = page.to_original(s.start, s.end)
        node = iris.sentence_iri(page.uid, o_start, o_end)
        add = self.add
        add(node, A, _SENTENCE, g)
        add(node, _TEXT, zh(s.text), g)
        add(node, _START, integer(o_start), g)
        add(node, _END, integer(o_end), g)
        add(node, _IN_ARTICLE, iris.article_iri(page.uid, article.index), g)
        self._sentences[(page.uid, article.index, si, g)] = node
        return node

    def statement(self, s: str, p: str, o: str, article_node: str, sentence_node: str | None, g: str,
                  more=(), source: str | None = None):
        """Assert s p o and describe it with a reified statement pointing at its evidence.
        ``more``: further (article, sentence) pairs that support it; ``source``: reference data used."""
        add = self.add
        add(s, p, o, g)
        st = iris.statement_iri(_nt(s), _nt(p), _nt(o), _nt(article_node))
        add(st, A, _STATEMENT, g)
        add(st, _SUBJECT, s, g)
        add(st, _PREDICATE, p, g)
        add(st, _OBJECT, o, g)
        for a_node, s_node in ((article_node, sentence_node), *more):
            add(st, _DERIVED, a_node, g)
            if s_node is not None:
                add(st, _EVIDENCE, s_node, g)
        if source is not None:
            add(st, term(DCTERMS.source), source, g)

    # ---------------------------------------------------------------- pages
    def add_page(self, page: Page) -> None:
        add = self.add
        p_node = checked_iri(iris.page_iri(page.uid))
        add(p_node, A, term(GOVKG.Page))
        add(p_node, _SOURCE_FILE, plain(page.name))
        if page.content_hash:
            add(p_node, term(GOVKG.contentHash), plain(page.content_hash))
        if page.issued:
            add(p_node, term(SCHEMA.datePublished), typed(page.issued, term(XSD.date)))
        if page.newspaper:     # the collection's paper: a schema:Periodical, its own area as spatialCoverage
            paper = checked_iri(iris.periodical_iri(page.newspaper))
            add(p_node, term(SCHEMA.isPartOf), paper)
            add(paper, A, term(SCHEMA.Periodical))
            add(paper, term(SCHEMA.name), zh(page.newspaper))
            if page.home:
                add(paper, term(SCHEMA.spatialCoverage), self.entity_node(f"area:{page.home}"))
        for article in page.articles:
            self.add_article(page, article, p_node)

    def add_article(self, page: Page, article: Article, p_node: str) -> None:
        add = self.add
        a_node = iris.article_iri(page.uid, article.index)
        g = a_node
        o_start, o_end = page.to_original(article.start, max(article.end, article.start + 1))
        add(a_node, A, term(GOVKG.Article))
        if article.headline:
            add(a_node, term(SCHEMA.headline), zh(article.headline))
        add(a_node, _SOURCE_FILE, plain(page.name))
        add(a_node, _START, integer(o_start))
        add(a_node, _END, integer(o_end))
        add(a_node, term(GOVKG.articleIndex), integer(article.index))
        add(a_node, term(GOVKG.onPage), p_node)
        if page.issued:
            add(a_node, term(SCHEMA.datePublished), typed(page.issued, term(XSD.date)))
        for j in article.journalists:
            if j.entity:
                self.statement(a_node, _AUTHOR, self.entity_node(j.entity), a_node,
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
                self.statement(self.entity_node(rel.subject.entity), term(GOVKG[rel.predicate]),
                               self.entity_node(rel.object.entity), a_node,
                               self.sentence_node(page, article, rel.sentence, g), g)
        for k, ev in enumerate(article.events, 1):
            self.add_event(page, article, ev, k, a_node, g)

    def add_post(self, page, article, post, a_node, g) -> None:
        if not post.person.entity or post.org is None or not post.org.entity:
            return
        add = self.add
        person, org = self.entity_node(post.person.entity), self.entity_node(post.org.entity)
        node = iris.post_iri(_nt(person), _nt(org), post.title)
        if post.org.kind in ("GovernmentBody", "Area"):      # a public post makes an Official
            self._page_posts.append(post.person.entity)
        add(node, A, term(ORG.Membership))
        add(node, term(ORG.member), person)
        add(node, term(ORG.organization), org)
        add(node, term(GOVKG.title), zh(post.title))
        add(node, term(GOVKG.titleText), zh(post.text), g)
        if post.status:
            add(node, term(GOVKG.postStatus), plain(post.status), g)
        add(node, _DERIVED, a_node, g)
        sent = self.sentence_node(page, article, post.sentence, g)
        if sent is not None:
            add(node, _EVIDENCE, sent, g)
        # dated by the article that states it: held during an interval that contains the article's time
        during = iris.interval_iri(node)
        add(node, term(ORG.memberDuring), during, g)
        add(during, A, term(TIME.Interval), g)
        add(during, term(TIME.inside), self.article_instant(page, article, a_node, g), g)

    def article_instant(self, page, article, a_node, g) -> str:
        """The time an article speaks of: its dateline (本报讯 3月20日上午), else its first dated event."""
        node = iris.instant_iri(page.uid, article.index)
        add = self.add
        add(node, A, term(TIME.Instant), g)
        add(node, _DERIVED, a_node, g)
        found = article_date(page, article)
        if found is None:
            return node
        text, year, month, day, si = found
        if not year:       # the year the page's issue gives it (kg.collection)
            full = collection.date_of(month, day, _issued(page), page.year)
            year = full.year if full is not None else 0
        add(node, _LABEL, zh(text), g)
        desc = f"{node}/date"
        add(node, term(TIME.inDateTime), desc, g)
        add(desc, A, term(TIME.DateTimeDescription), g)
        add(desc, term(TIME.unitType), term(TIME.unitDay), g)
        add(desc, term(TIME.month), typed(f"--{month:02d}", term(XSD.gMonth)), g)
        add(desc, term(TIME.day), typed(f"---{day:02d}", term(XSD.gDay)), g)
        if year:
            add(desc, term(TIME.year), typed(f"{year:04d}", term(XSD.gYear)), g)
            add(node, term(TIME.inXSDDate), typed(f"{year:04d}-{month:02d}-{day:02d}", term(XSD.date)), g)
        sent = self.sentence_node(page, article, si, g)
        if sent is not None:
            add(node, _EVIDENCE, sent, g)
        return node

    def add_event(self, page, article, ev, k, a_node, g) -> None:
        add = self.add
        node = iris.event_iri(page.uid, article.index, k)
        add(node, A, term(EVENT_CLASSES.get(ev.kind, GOVKG.Event)))
        add(node, _LABEL, zh(ev.name))
        for alias in sorted(set(ev.aliases) - {ev.name}):
            add(node, _ALT_LABEL, zh(alias))
        iso = ev.date or _event_date(page, ev.date_text)
        if iso:
            add(node, term(GOVKG.date), typed(iso, term(XSD.date)))
        if ev.date_text:
            add(node, term(GOVKG.dateText), zh(ev.date_text))
            md = DATE.search(ev.date_text) if not iso else None
            if md and 1 <= int(md.group(2)) <= 12 and 1 <= int(md.group(3)) <= 31:   # sortable without a year
                add(node, term(GOVKG.monthDay), typed(f"--{int(md.group(2)):02d}-{int(md.group(3)):02d}", term(XSD.gMonthDay)))
        add(node, _DERIVED, a_node, g)
        sent = self.sentence_node(page, article, ev.sentence, g)
        if sent is not None:
            add(node, _EVIDENCE, sent, g)
        organizers = {m.entity for role, m in ev.roles if role == "organizer"}
        for role, m in ev.roles:
            if role == "attendee" and m.entity in organizers:
                continue    # who holds the meeting is there: "某会组成人员出席会议" adds no role to it
            if m.entity:
                self.statement(node, term(ROLE_PROPERTIES[role]), self.entity_node(m.entity), a_node,
                               self.sentence_node(page, article, m.sentence, g) or sent, g)
        if ev.location is not None and ev.location.entity:
            self.statement(node, term(GOVKG.location), self.entity_node(ev.location.entity), a_node, sent, g)
        for c in ev.campaigns:
            if c.entity:
                self.statement(node, term(GOVKG.partOf), self.entity_node(c.entity), a_node, sent, g)

    # ---------------------------------------------------------------- entities
    def add_facts(self, facts=None) -> None:
        """Facts that identity implies (kg.resolve Fact), each with the mention(s) it came from
        (default: all the resolver's facts)."""
        for f in (self.r.facts if facts is None else facts):
            support = []
            for page, article, si in f.evidence:
                a_node = iris.article_iri(page.uid, article.index)
                support.append((a_node, self.sentence_node(page, article, si, a_node)))
            (a_node, s_node), more = support[0], support[1:]
            s_iri, p_iri, o_iri = self.entity_node(f.subject), term(FACT_PROPERTIES[f.predicate]), self.entity_node(f.object)
            if f.source == "gbt2260":
                # read from the division table, not from any sentence: it cites the table (its own graph)
                self._page_gbt2260 = True
                self.statement(s_iri, p_iri, o_iri, _GBT2260, None, _GBT2260, (), _GBT2260)
            else:
                self.statement(s_iri, p_iri, o_iri, a_node, s_node, a_node, more)

    uses_gbt2260 = False      # some fact came from the division table (its source node is written)
    _page_gbt2260 = False

    def add_entities(self, skip_articles: set[str] = frozenset(), flush=None, every: int = 100_000) -> None:
        """One node per entity; ``skip_articles``: page uids whose articles do not count (pages that
        failed after the resolver had seen them); an entity seen only there is left out.
        ``flush(keys)``: called with ``take()`` whenever ``every`` keys are made (a streamed build: the
        entities' quads, one mentionedIn per entity and article, are millions at 200 MB)."""
        add = self.add
        if self.uses_gbt2260 or self._page_gbt2260:
            add(_GBT2260, A, term(PROV.Entity))
            add(_GBT2260, _LABEL, zh("GB/T 2260 中华人民共和国行政区划代码（cpca 数据）"))
            add(_GBT2260, term(DCTERMS.hasVersion), plain(_division_data_version()))
        for key, ent in sorted(self.r.entities.items()):
            articles = ent.articles
            if skip_articles:
                articles = [a for a in articles if a[0] not in skip_articles]
                if not articles and ent.articles:
                    continue
            node = self.entity_node(key)
            add(node, A, term(self.entity_class(key, ent)))
            add(node, _LABEL, zh(ent.label))
            for alt in ent.alt_labels:
                add(node, _ALT_LABEL, zh(alt))
            for stem, index in articles:
                add(node, _MENTIONED_IN, iris.article_iri(stem, index))
            if ent.code:
                add(node, term(GOVKG.adminCode), plain(ent.code))
            if flush is not None and len(self.keys) >= every:
                flush(self.take())

    def entity_class(self, key: str, ent: Entity):
        if ent.kind == "Person":
            # a journalist's only post is at the newspaper of the byline (记者): still a Journalist
            if ent.role == "official" or (self.person_posts.get(key) and ent.role != "journalist"):
                return GOVKG.Official
            if ent.role == "journalist":
                return GOVKG.Journalist
            return GOVKG.Person
        return ENTITY_CLASS[ent.kind]


def build_keys(pages: list[Page], resolver: Resolver) -> list[str]:
    """Sorted quad keys of resolved pages (in memory: for small inputs and tests)."""
    for page in pages:
        page.uid = page.uid or page.stem
    b = GraphBuilder(resolver)
    resolver.finish()
    for page in pages:
        b.add_page(page)
    b.add_facts()
    b.add_entities()
    return sorted(b.take())


def build_quads(pages: list[Page], resolver: Resolver) -> list[ox.Quad]:
    """Sorted pyoxigraph quads of resolved pages (in memory)."""
    return to_quads(build_keys(pages, resolver))


FACT_PROPERTIES = {
    "subOrganizationOf": GOVKG.subOrganizationOf,
    "locatedIn": GOVKG.locatedIn,
    "areaServed": SCHEMA.areaServed,
    "closeMatch": SKOS.closeMatch,
}


def _issued(page: Page):
    return date.fromisoformat(page.issued) if page.issued else None


def _event_date(page: Page, date_text: str) -> str:
    """An event's ISO date when its page prints none with a year but the collection dates the page."""
    if not date_text or not (page.issued or page.year):
        return ""
    m = DATE.search(date_text)
    if m is None:
        return ""
    full = collection.date_of(int(m.group(2)), int(m.group(3)), _issued(page), page.year)
    return full.isoformat() if full is not None else ""


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
