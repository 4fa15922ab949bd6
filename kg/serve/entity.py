"""One page per IRI: what the graph says about an entity (or article, sentence, post, event...).

HTML for people (label, class, aliases, posts, events, relations both ways, articles, source sentences),
or the IRI's concise bounded description (CBD) as Turtle / JSON-LD / N-Triples for RDF clients. Read
straight from the store's indexes (no query planning), every list capped. All page text is escaped:
headlines and sentences come from OCR'd pages and may hold markup.
"""
from __future__ import annotations

import html
from collections import defaultdict
from urllib.parse import quote

import pyoxigraph as ox

from ..query.formats import MEDIA_TYPES, compact, write_rdf
from ..names_zh import zh_name
from ..vocab import ID_BASE

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
G = "https://w3id.org/govkg/ontology#"
ROLES = ("organizer", "chair", "speaker", "leader", "attendee", "host", "target", "giver", "participant")
RELATIONS = ("conducts", "serves", "gaveBannerTo", "subOrganizationOf", "locatedIn", "cooperatesWith", "issued",
             "partOf")
CAP = 300   # rows per section; the rest is counted, not shown
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"


def _named(term) -> str:
    """A class or property as its CURIE and its Chinese name (kg.names_zh, the ontology's labels)."""
    zh = zh_name(term.value, "")
    return f"{compact(term)} {zh}" if zh else compact(term)


def nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


class Graph:
    """Small read helpers over a Store, deduplicating triples stated in several named graphs."""

    def __init__(self, store: ox.Store):
        self.store = store

    def triples(self, s=None, p=None, o=None, limit: int | None = None) -> tuple[list[ox.Triple], int]:
        seen: dict[tuple, ox.Triple] = {}
        total = 0
        for q in self.store.quads_for_pattern(s, p, o, None):
            key = (q.subject, q.predicate, q.object)
            if key in seen:
                continue
            total += 1
            if limit is None or len(seen) < limit:
                seen[key] = ox.Triple(q.subject, q.predicate, q.object)
            else:
                seen[key] = None  # counted, not kept
        return [t for t in seen.values() if t is not None], total

    def objects(self, s, p: str) -> list:
        return sorted({q.object for q in self.store.quads_for_pattern(s, nn(p), None, None)}, key=str)

    def subjects(self, p: str, o, limit: int = CAP) -> tuple[list, int]:
        found = sorted({q.subject for q in self.store.quads_for_pattern(None, nn(p), o, None)}, key=str)
        return found[:limit], len(found)

    def value(self, s, p: str):
        objs = self.objects(s, p)
        return objs[0] if objs else None

    def label(self, node) -> str:
        if isinstance(node, ox.Literal):
            return node.value
        lab = self.value(node, RDFS + "label") or self.value(node, SCHEMA + "headline")
        return lab.value if isinstance(lab, ox.Literal) else compact(node)


def cbd(store: ox.Store, iri: str) -> list[ox.Triple]:
    """Concise bounded description: the IRI's outgoing triples, following blank-node objects."""
    g = Graph(store)
    out: list[ox.Triple] = []
    todo, done = [nn(iri)], set()
    while todo:
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        triples, _ = g.triples(s=node)
        out.extend(triples)
        todo.extend(t.object for t in triples if isinstance(t.object, ox.BlankNode))
    return sorted(out, key=str)


def entity_response(store: ox.Store, iri: str, fmt: str, base: str = "") -> tuple:
    """Worker job: ("ok", 200, media type, body) or ("error", 404, message)."""
    triples = cbd(store, iri)
    if not triples and not next(iter(store.quads_for_pattern(None, None, nn(iri), None)), None):
        return ("error", 404, f"nothing is known about <{iri}> in this graph")
    if fmt in ("turtle", "jsonld", "ntriples", "rdfxml"):
        import io
        out = io.BytesIO()
        write_rdf(triples, fmt, out)
        return ("ok", 200, MEDIA_TYPES[fmt], out.getvalue())
    return ("ok", 200, "text/html; charset=utf-8", render_entity(store, iri, base).encode())


# --- HTML ----------------------------------------------------------------------------------------

def esc(x) -> str:
    return html.escape(str(x), quote=True)


class Page:
    def __init__(self, store: ox.Store, base: str):
        self.g = Graph(store)
        self.base = base.rstrip("/")
        self.sources: dict[ox.NamedNode, set[str]] = defaultdict(set)  # sentence -> what it supports

    def href(self, node) -> str | None:
        if isinstance(node, ox.NamedNode) and node.value.startswith(ID_BASE):
            return f"{self.base}/id/{quote(node.value[len(ID_BASE):], safe='/')}"
        return None

    def link(self, node, text: str | None = None) -> str:
        text = self.g.label(node) if text is None else text
        h = self.href(node)
        return f'<a href="{esc(h)}">{esc(text)}</a>' if h else esc(text)

    def cite(self, node, what: str) -> str:
        """Remember node's evidence sentences as sources of ``what``; return footnote links."""
        marks = []
        for s in self.g.objects(node, G + "evidence"):
            self.sources[s].add(what)
            marks.append(f'<a href="#s-{esc(quote(s.value, safe=""))}" title="source sentence">¶</a>')
        return " ".join(marks)


def _table(head: list[str], rows: list[list[str]], total: int | None = None) -> str:
    if not rows:
        return ""
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    more = (f'<p class="more">… and {total - len(rows)} more (use /sparql for all)</p>'
            if total is not None and total > len(rows) else "")
    return f"<table><tr>{th}</tr>{body}</table>{more}"


def render_entity(store: ox.Store, iri: str, base: str = "") -> str:
    page = Page(store, base)
    g = page.g
    node = nn(iri)
    label = g.label(node)
    classes = [_named(c) for c in g.objects(node, RDF + "type")]
    aliases = [a.value for a in g.objects(node, SKOS + "altLabel") if isinstance(a, ox.Literal)]
    sections: list[tuple[str, str]] = []

    # literal facts (adminCode, dateText, headline, text, offsets...)
    facts = []
    for t in g.triples(s=node, limit=CAP)[0]:
        if isinstance(t.object, ox.Literal) and t.predicate.value not in (RDFS + "label", SKOS + "altLabel"):
            facts.append([esc(_named(t.predicate)), esc(t.object.value)])
    sections.append(("Facts", _table(["property", "value"], sorted(facts))))

    # posts held (entity is the member) and posts in this organisation (entity is the organisation)
    for prop, other, heading in ((ORG + "member", ORG + "organization", "Posts"),
                                 (ORG + "organization", ORG + "member", "Members")):
        posts, total = g.subjects(prop, node)
        rows = []
        for post in posts:
            title = g.value(post, G + "title")
            title_s = title.value if isinstance(title, ox.Literal) else ""
            for o in g.objects(post, other):
                what = f"{label} {title_s} {g.label(o)}" if heading == "Posts" else f"{g.label(o)} {title_s}"
                rows.append([esc(title_s), page.link(o), page.link(post, "post") + " " + page.cite(post, what)])
        sections.append((heading, _table(["title", "organization" if heading == "Posts" else "person", "source"],
                                         rows, total)))

    # reified statements about the entity, by (predicate, other end): their sentences are the sources
    stated: dict[str, dict[tuple, list]] = {}
    for direction, side, other_side in (("→", RDF + "subject", RDF + "object"), ("←", RDF + "object", RDF + "subject")):
        stmts, _ = g.subjects(side, node, limit=10 * CAP)
        stated[direction] = defaultdict(list)
        for st in stmts:
            stated[direction][(g.value(st, RDF + "predicate"), g.value(st, other_side))].append(st)

    # events, with the entity's role (source: the sentence stating the role, else the event's)
    rows, total = [], 0
    for role in ROLES:
        events, n = g.subjects(G + role, node)
        total += n
        for ev in events:
            date = g.value(ev, G + "date") or g.value(ev, G + "dateText")
            kind = ", ".join(_named(c) for c in g.objects(ev, RDF + "type"))
            what = f"{role} of {g.label(ev)}"
            sources = stated["←"].get((nn(G + role), ev)) or [ev]
            rows.append([esc(date.value if date else ""), page.link(ev), esc(kind), esc(role),
                         " ".join(page.cite(x, what) for x in sources)])
    rows.sort(key=lambda r: r[0])
    sections.append(("Events", _table(["date", "event", "type", "role", "source"], rows[:CAP], total)))

    # participants, when the IRI is an event
    rows = []
    for role in ROLES:
        for agent in g.objects(node, G + role):
            rows.append([esc(role), page.link(agent)])
    if rows:
        page.cite(node, label)
    sections.append(("Participants", _table(["role", "who"], rows)))

    # relations both ways, with the sentences of their reified statements
    rows = []
    for direction in ("→", "←"):
        evidence = stated[direction]
        for rel in RELATIONS:
            pairs = ([(t.object) for t in g.triples(s=node, p=nn(G + rel), limit=CAP)[0]] if direction == "→"
                     else [t.subject for t in g.triples(p=nn(G + rel), o=node, limit=CAP)[0]])
            for other in pairs:
                marks = " ".join(page.cite(st, f"{label} {rel} {g.label(other)}" if direction == "→"
                                           else f"{g.label(other)} {rel} {label}")
                                 for st in evidence.get((nn(G + rel), other), []))
                rows.append([esc(f"{rel} {direction}" if direction == "→" else f"{direction} {rel}"),
                             page.link(other), marks])
    sections.append(("Relations", _table(["relation", "with", "source"], rows)))

    # articles the entity is mentioned in
    arts, total = [t.object for t in g.triples(s=node, p=nn(G + "mentionedIn"), limit=CAP)[0]], None
    rows = [[page.link(a), esc(_lit(g.value(a, G + "sourceFile")))] for a in arts]
    sections.append(("Mentioned in", _table(["article", "file"], rows)))

    # every other link, both directions (authors, sentences of an article, graph plumbing)
    shown = {RDF + "type", RDFS + "label", SKOS + "altLabel", G + "mentionedIn", G + "evidence"} | \
            {G + r for r in ROLES + RELATIONS}
    out_links, n_out = g.triples(s=node, limit=CAP)
    in_links, n_in = g.triples(o=node, limit=CAP)
    rows = [[esc(compact(t.predicate) + " →"), page.link(t.object)] for t in out_links
            if isinstance(t.object, (ox.NamedNode, ox.BlankNode)) and t.predicate.value not in shown]
    rows += [[esc("← " + compact(t.predicate)), page.link(t.subject)] for t in in_links
             if t.predicate.value not in shown | {ORG + "member", ORG + "organization", RDF + "subject",
                                                  RDF + "object"}]
    sections.append(("Neighbours", _table(["link", "node"], rows, max(n_out + n_in, len(rows)))))

    # source sentences, with article, file and offsets
    if isinstance(g.value(node, G + "text"), ox.Literal):
        page.sources.setdefault(node, set())
    rows = []
    for s in sorted(page.sources, key=str)[:CAP]:
        text = g.value(s, G + "text")
        art = g.value(s, G + "inArticle")
        start, end = g.value(s, G + "charStart"), g.value(s, G + "charEnd")
        where = f"{_lit(g.value(art, G + 'sourceFile')) if art else ''} [{_lit(start)}, {_lit(end)})"
        rows.append([f'<span id="s-{esc(quote(s.value, safe=""))}">{esc(_lit(text))}</span>',
                     esc("; ".join(sorted(page.sources[s]))),
                     (page.link(art) if art else "") + f"<br><small>{esc(where)}</small>"])
    sections.append(("Source sentences", _table(["sentence", "supports", "article / file [start, end)"], rows,
                                                len(page.sources))))

    body = "".join(f"<h2>{esc(h)}</h2>{content}" for h, content in sections if content)
    alias_html = f'<p>also: {esc("、".join(aliases))}</p>' if aliases else ""
    return _document(label, f"""<h1>{esc(label)}</h1>
<p class="meta">{esc(" ".join(classes) or "resource")} · <code>{esc(iri)}</code>
 · <a href="?format=turtle">Turtle</a> <a href="?format=jsonld">JSON-LD</a></p>{alias_html}
{body or "<p>No statements about this resource.</p>"}""", page.base)


def _lit(node) -> str:
    return node.value if isinstance(node, ox.Literal) else ("" if node is None else compact(node))


def _document(title: str, main: str, base: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · govkg</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 1.5rem auto; max-width: 72rem;
       padding: 0 1rem; line-height: 1.5; color: #222; }}
nav a {{ margin-right: 1rem; }} .meta {{ color: #555; }} .more {{ color: #777; font-size: .9em; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: .5rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }} code {{ font-size: .85em; word-break: break-all; }}
h2 {{ margin-top: 1.5rem; font-size: 1.15rem; }}
</style></head>
<body><nav><a href="{esc(base)}/">network</a><a href="{esc(base)}/sparql">SPARQL</a></nav>
{main}
</body></html>
"""


def placeholder_page(store: ox.Store, base: str = "") -> str:
    """The home page when the network viewer (kg.viz) is not installed: entities by class, linked."""
    g = Graph(store)
    page = Page(store, base)
    by_class: dict[str, list] = defaultdict(list)
    for q in store.quads_for_pattern(None, nn(RDF + "type"), None, None):
        if q.object.value.startswith(G) and q.object.value[len(G):] not in ("Sentence", "Article", "Page"):
            by_class[q.object.value[len(G):]].append(q.subject)
    parts = []
    for cls in sorted(by_class):
        nodes = sorted(set(by_class[cls]), key=lambda n: g.label(n))
        items = "、".join(page.link(n) for n in nodes[:CAP])
        more = f" … and {len(nodes) - CAP} more" if len(nodes) > CAP else ""
        parts.append(f"<h2>{esc(cls)} ({len(nodes)})</h2><p>{items}{more}</p>")
    return _document("govkg", "<h1>govkg</h1>" + "".join(parts), base)
