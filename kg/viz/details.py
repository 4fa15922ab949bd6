"""What the side panel says about each shown node: posts, dates, codes and the sentences it came from.

Sentences and articles are stored once in tables and referenced by index, so a node's provenance
costs a few integers in the page however often a sentence is shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..vocab import PREFIXES

MAX_SENTENCES = 8   # per node; the panel says how many more there are
_PREFIX_TEXT = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def select(store: ox.Store, query: str):
    """Rows of a SELECT over the union of all graphs (TriG builds keep triples in named graphs)."""
    return store.query(_PREFIX_TEXT + query, use_default_graph_as_union=True)


def text(term) -> str | None:
    return None if term is None else term.value


@dataclass
class Details:
    nodes: dict[str, dict] = field(default_factory=dict)     # iri -> panel record
    sentences: list[list[str]] = field(default_factory=list)  # [text, headline, file]
    articles: list[list[str]] = field(default_factory=list)   # [headline, file]


def collect(store: ox.Store, labels: dict[str, str]) -> Details:
    """Panel records for the nodes in ``labels`` (iri -> label)."""
    shown = set(labels)
    rec = {iri: {"posts": [], "facts": [], "src": [], "more": 0, "arts": []} for iri in sorted(shown)}

    ends = {}  # labels of every post's ends: the other end may be filtered out of the view
    for row in select(store, """SELECT ?x ?l WHERE { ?m org:member|org:organization ?x . ?x rdfs:label ?l }"""):
        ends[row["x"].value] = min(ends.get(row["x"].value, row["l"].value), row["l"].value)
    ends.update(labels)
    for row in select(store, """SELECT DISTINCT ?p ?o ?t ?tt WHERE {
            ?m a org:Membership ; org:member ?p ; org:organization ?o .
            OPTIONAL { ?m govkg:title ?t } OPTIONAL { ?m govkg:titleText ?tt } }"""):
        p, o = row["p"].value, row["o"].value
        title = text(row["t"]) or text(row["tt"]) or ""
        written = text(row["tt"])
        suffix = f" ({written})" if written and written != title else ""
        if p in shown:
            rec[p]["posts"].append(f"{title} · {ends.get(o, o)}{suffix}")
        if o in shown:
            rec[o]["posts"].append(f"{ends.get(p, p)} · {title}{suffix}")

    facts = {"dateText": "date", "date": "date (ISO)", "adminCode": "admin code"}
    for row in select(store, """SELECT ?s ?p ?v WHERE {
            VALUES ?p { govkg:dateText govkg:date govkg:adminCode } ?s ?p ?v }"""):
        s = row["s"].value
        if s in shown:
            rec[s]["facts"].append([facts[row["p"].value.rsplit("#", 1)[1]], row["v"].value])

    articles = {row["a"].value: [text(row["h"]) or "", text(row["f"]) or ""]
                for row in select(store, """SELECT ?a ?h ?f WHERE { ?a a govkg:Article .
                    OPTIONAL { ?a schema:headline ?h } OPTIONAL { ?a govkg:sourceFile ?f } }""")}
    sentences = {}
    for row in select(store, """SELECT ?s ?t ?start ?a WHERE { ?s govkg:text ?t .
            OPTIONAL { ?s govkg:charStart ?start } OPTIONAL { ?s govkg:inArticle ?a } }"""):
        art = articles.get(text(row["a"]), ["", ""])
        start = int(row["start"].value) if row["start"] is not None else 0
        sentences[row["s"].value] = (art[1], start, row["t"].value, art[0])

    by_node: dict[str, set[str]] = {}
    for row in select(store, """SELECT DISTINCT ?n ?s WHERE {
            { ?x govkg:evidence ?s . ?x ?p ?n FILTER(isIRI(?n)) } UNION { ?n govkg:evidence ?s } }"""):
        n = row["n"].value
        if n in shown and row["s"].value in sentences:
            by_node.setdefault(n, set()).add(row["s"].value)
    mentions: dict[str, set[str]] = {}
    for row in select(store, "SELECT ?n ?a WHERE { ?n govkg:mentionedIn ?a }"):
        if row["n"].value in shown and row["a"].value in articles:
            mentions.setdefault(row["n"].value, set()).add(row["a"].value)

    out = Details()
    sent_index: dict[str, int] = {}
    art_index: dict[str, int] = {}
    for iri, r in rec.items():
        r["posts"] = sorted(set(r["posts"]))
        r["facts"] = sorted(r["facts"])
        ordered = sorted(by_node.get(iri, ()), key=lambda s: (sentences[s], s))
        r["more"] = max(0, len(ordered) - MAX_SENTENCES)
        for s in ordered[:MAX_SENTENCES]:
            if s not in sent_index:
                file, _, body, headline = sentences[s]
                sent_index[s] = len(out.sentences)
                out.sentences.append([body, headline, file])
            r["src"].append(sent_index[s])
        for a in sorted(mentions.get(iri, ()), key=lambda a: (articles[a][1], articles[a][0], a)):
            if a not in art_index:
                art_index[a] = len(out.articles)
                out.articles.append(articles[a])
            r["arts"].append(art_index[a])
        out.nodes[iri] = r
    return out

