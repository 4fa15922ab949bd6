"""Project the RDF graph onto a property graph (networkx MultiDiGraph): for the viewer, GraphML and CSV.

    from kg.graph.network import project
    g = project(store)                     # store: pyoxigraph Store (named graphs are merged)
    g.nodes["https://w3id.org/govkg/id/person/王家鹏"]
    # {'iri': ..., 'label': '王家鹏', 'cls': 'Official', 'kind': 'entity', 'aliases': [...], 'articles': [...], 'date': ''}

Nodes are the resources typed with an entity or event class (key = IRI, or "_:id" for a blank node):
  iri, label (the @zh rdfs:label, else any label, else the IRI's last segment), cls (local name of the
  most specific govkg class), kind ("entity" or "event"), aliases (sorted skos:altLabels without the
  label), articles (sorted article IRIs: govkg:mentionedIn, or prov:wasDerivedFrom for events),
  date (events: govkg:date, else govkg:dateText; "" otherwise).
Edges link two nodes:
  - any triple between two nodes (relations such as govkg:serves, event roles such as govkg:chair,
    govkg:location, govkg:partOf): key = label = the property's local name, kind "relation" or "role";
  - each post (org:Membership): member -> organization, key "post:<title>", label = the title,
    kind "post", predicate "org:memberOf", membership = the Membership IRI(s).
  Every edge also has prop (property IRI), predicate (CURIE), articles and evidence (sorted sentence
  texts from the reified statement, the Membership or the event that states it).
Articles, sentences, statements and memberships are not nodes. Nodes and edges are inserted in sorted
order, so the same graph always gives the same projection (and byte-identical GraphML/CSV).
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from ..vocab import (ENTITY_CLASSES, EVENT_CLASSES, GOVKG, ORG, PROV, RDF, RDFS, RELATION_PROPERTIES,
                     ROLE_PROPERTIES, SCHEMA, SKOS)
from ..vocab import curie as vocab_curie

#: class -> its parent among the node classes (ontology/govkg.ttl; tests check they agree)
PARENT = {
    str(GOVKG.Official): str(GOVKG.Person),
    str(GOVKG.Journalist): str(GOVKG.Person),
    **{str(c): str(GOVKG.Event) for c in EVENT_CLASSES.values() if c != GOVKG.Event},
}
ENTITY_IRIS = frozenset(str(c) for c in ENTITY_CLASSES.values())
EVENT_IRIS = frozenset(str(c) for c in EVENT_CLASSES.values())
ROLE_IRIS = frozenset(str(GOVKG[r]) for r in ("participant", "organizer", "chair", "speaker", "leader",
                                               "attendee", "host", "target", "giver"))
MEMBER_OF = str(ORG.memberOf)
#: the properties that link two nodes (what kg.viz.summary counts as edges; posts come from org:Membership)
EDGE_PROPERTIES = tuple(sorted({str(p) for p in (*ROLE_PROPERTIES.values(), *RELATION_PROPERTIES.values(),
                                                 GOVKG.participant, GOVKG.location, SCHEMA.areaServed,
                                                 SKOS.closeMatch)}))

_N = ox.NamedNode


def local_name(iri: str) -> str:
    """The part after the last '#' or '/' (the class or property name)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def curie(iri: str) -> str:
    """prefix:local for the PREFIXES namespaces (longest match), else the IRI."""
    return vocab_curie(iri) or iri


def _key(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _depth(cls: str) -> int:
    depth = 0
    while cls in PARENT:
        cls, depth = PARENT[cls], depth + 1
    return depth


def _most_specific(classes: set[str]) -> str:
    """Deepest class first (Official before Person), then by name: one answer for any set."""
    return min(classes, key=lambda c: (-_depth(c), local_name(c)))


def _values(store: ox.Store, predicate, subjects) -> dict[str, set]:
    """subject key -> set of object terms, for subjects in ``subjects`` (all graphs merged)."""
    out: dict[str, set] = defaultdict(set)
    for q in store.quads_for_pattern(None, _N(str(predicate)), None):
        s = _key(q.subject)
        if s in subjects:
            out[s].add(q.object)
    return out


def project(store: ox.Store) -> nx.MultiDiGraph:
    """The entity/event network of ``store`` (see the module docstring for attributes)."""
    classes: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, _N(str(RDF.type)), None):
        c = q.object.value if isinstance(q.object, ox.NamedNode) else ""
        if c in ENTITY_IRIS or c in EVENT_IRIS:
            classes[_key(q.subject)].add(c)
    nodes = set(classes)

    labels = _values(store, RDFS.label, nodes)
    alt = _values(store, SKOS.altLabel, nodes)
    mentions = _values(store, GOVKG.mentionedIn, nodes)
    derived = _values(store, PROV.wasDerivedFrom, nodes)
    dates = _values(store, GOVKG.date, nodes)
    date_texts = _values(store, GOVKG.dateText, nodes)
    evidence = _evidence(store)

    g = nx.MultiDiGraph()
    for n in sorted(nodes):
        cls = _most_specific(classes[n])
        kind = "event" if cls in EVENT_IRIS else "entity"
        lits = labels.get(n, set())
        zh = sorted(lit.value for lit in lits if (lit.language or "").startswith("zh"))
        label = (zh or sorted(lit.value for lit in lits) or [local_name(n)])[0]
        aliases = sorted({lit.value for lit in alt.get(n, set()) | lits} - {label})
        arts = mentions.get(n, set()) | (derived.get(n, set()) if kind == "event" else set())
        date = sorted(t.value for t in dates.get(n, ()) or date_texts.get(n, ()))
        g.add_node(n, iri=n, label=label, cls=local_name(cls), kind=kind, aliases=aliases,
                   articles=sorted(_key(a) for a in arts), date=date[0] if date else "")

    edges: dict[tuple[str, str, str], dict] = {}
    for q in store.quads_for_pattern(None, None, None):
        s, p, o = _key(q.subject), q.predicate.value, q.object
        if s not in nodes or isinstance(q.object, ox.Literal) or p == str(RDF.type):
            continue
        o = _key(o)
        if o not in nodes:
            continue
        name = local_name(p)
        e = edges.setdefault((s, o, name), {
            "label": name, "kind": "role" if p in ROLE_IRIS else "relation", "prop": p,
            "predicate": curie(p), "articles": set(), "evidence": set()})
        stated = evidence["stmt"].get((s, p, o))
        if stated is not None:  # a reified statement says where the triple was read
            e["articles"] |= evidence["stmt_articles"].get((s, p, o), set())
            e["evidence"] |= stated
        elif s in evidence["node"] or s in derived:  # an event's facts: the event's own sources
            e["articles"] |= {_key(a) for a in derived.get(s, ())}
            e["evidence"] |= evidence["node"].get(s, set())

    for m, post in _posts(store).items():
        person, org = post["member"], post["organization"]
        if person not in nodes or org not in nodes:
            continue
        title = "、".join(sorted(post["title"])) or "member"
        e = edges.setdefault((person, org, "post:" + title), {
            "label": title, "kind": "post", "prop": MEMBER_OF, "predicate": curie(MEMBER_OF),
            "articles": set(), "evidence": set(), "membership": set(), "titleText": set()})
        e["membership"].add(m)
        e["titleText"] |= post["titleText"]
        e["articles"] |= post["articles"]
        e["evidence"] |= evidence["node"].get(m, set())

    for (s, o, key) in sorted(edges):
        attrs = {k: (sorted(v) if isinstance(v, set) else v) for k, v in edges[(s, o, key)].items()}
        g.add_edge(s, o, key=key, **attrs)
    return g


def _posts(store: ox.Store) -> dict[str, dict]:
    """Membership key -> member, organization (one each; extra ones ignored), titles, articles."""
    members = {_key(q.subject) for q in store.quads_for_pattern(None, _N(str(RDF.type)), _N(str(ORG.Membership)))}
    posts: dict[str, dict] = {}
    for m in members:
        posts[m] = {"member": None, "organization": None, "title": set(), "titleText": set(), "articles": set()}
    for prop, field in ((ORG.member, "member"), (ORG.organization, "organization")):
        for s, objs in _values(store, prop, members).items():
            posts[s][field] = min(_key(o) for o in objs)
    for prop, field in ((GOVKG.title, "title"), (GOVKG.titleText, "titleText")):
        for s, objs in _values(store, prop, members).items():
            posts[s][field] = {o.value for o in objs}
    for s, objs in _values(store, PROV.wasDerivedFrom, members).items():
        posts[s]["articles"] = {_key(o) for o in objs}
    return posts


def _evidence(store: ox.Store) -> dict[str, dict]:
    """Sentence texts behind facts: "node" (Membership/event key -> texts), "stmt" ((s, p, o) -> texts),
    "stmt_articles" ((s, p, o) -> article keys) from the reified rdf:Statements."""
    text = {}
    for q in store.quads_for_pattern(None, _N(str(GOVKG.text)), None):
        text[_key(q.subject)] = q.object.value
    node: dict[str, set] = defaultdict(set)
    for q in store.quads_for_pattern(None, _N(str(GOVKG.evidence)), None):
        t = text.get(_key(q.object))
        if t:
            node[_key(q.subject)].add(t)
    parts: dict[str, dict] = defaultdict(dict)
    for prop in (RDF.subject, RDF.predicate, RDF.object):
        for q in store.quads_for_pattern(None, _N(str(prop)), None):
            if not isinstance(q.object, ox.Literal):
                parts[_key(q.subject)][str(prop)] = _key(q.object)
    stmt: dict[tuple, set] = defaultdict(set)
    stmt_articles: dict[tuple, set] = defaultdict(set)
    articles = _values(store, PROV.wasDerivedFrom, set(parts))
    for st, spo in parts.items():
        if len(spo) == 3:
            triple = (spo[str(RDF.subject)], spo[str(RDF.predicate)], spo[str(RDF.object)])
            stmt[triple] |= node.get(st, set())
            stmt_articles[triple] |= {_key(a) for a in articles.get(st, ())}
    return {"node": node, "stmt": stmt, "stmt_articles": stmt_articles}
