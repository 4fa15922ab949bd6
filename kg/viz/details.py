"""What the side panel says about each shown node: posts, dates, codes and the sentences it came from.

Sentences and articles are stored once in tables and referenced by index, so a node's provenance
costs a few integers in the page however often a sentence is shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..vocab import PREFIXES

MAX_SENTENCES = 8   # per node; the panel says when there are more
MAX_ARTICLES = 12   # likewise
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


def collect(store: ox.Store, labels: dict[str, str], max_sentences: int = MAX_SENTENCES,
            sourced: set[str] | None = None) -> Details:
    """Panel records for the nodes in ``labels`` (iri -> label); every query is bounded by those nodes.
    ``sourced``: the nodes whose sentences and articles are looked up (default: all; one query each)."""
    from .summary import chunks, values

    shown = sorted(labels)
    rec = {iri: {"posts": [], "facts": [], "src": [], "more": 0, "arts": []} for iri in shown}
    posts: set[tuple[str, str, str, str | None]] = set()
    by_node: dict[str, set[str]] = {}
    mentions: dict[str, set[str]] = {}
    ends = dict(labels)  # labels of every post's ends: the other end may be filtered out of the view
    facts = {"dateText": "date", "date": "date (ISO)", "adminCode": "admin code"}
    for part in chunks(shown):
        v = values("n", part)
        for row in select(store, f"""SELECT ?n ?p ?v WHERE {{ {v}
                VALUES ?p {{ govkg:dateText govkg:date govkg:adminCode }} ?n ?p ?v }}"""):
            fact = [facts[row["p"].value.rsplit("#", 1)[1]], row["v"].value]
            if fact not in rec[row["n"].value]["facts"]:
                rec[row["n"].value]["facts"].append(fact)
    # posts: every membership once (as many as the posts of the archive, not its triples; a VALUES join
    # here makes the in-memory store try each membership in each named graph), kept for the shown nodes
    wanted = set(shown)
    for row in select(store, """SELECT DISTINCT ?p ?o ?t ?tt WHERE { ?m org:member ?p ; org:organization ?o .
            OPTIONAL { ?m govkg:title ?t } OPTIONAL { ?m govkg:titleText ?tt } }"""):
        p, o = row["p"].value, row["o"].value
        if p in wanted or o in wanted:
            posts.add((p, o, text(row["t"]) or text(row["tt"]) or "", text(row["tt"])))
    other_ends = sorted({e for p, o, _, _ in posts for e in (p, o)} - wanted)
    for part in chunks(other_ends):
        for row in select(store, f"SELECT ?n ?l WHERE {{ {values('n', part)} ?n rdfs:label ?l }}"):
            ends[row["n"].value] = min(ends.get(row["n"].value, row["l"].value), row["l"].value)
    for p, o, title, written in posts:
        suffix = f" ({written})" if written and written != title else ""
        if p in rec:
            rec[p]["posts"].append(f"{title} · {ends.get(o, o)}{suffix}")
        if o in rec:
            rec[o]["posts"].append(f"{ends.get(p, p)} · {title}{suffix}")

    # The sentences a node was read from (its own evidence, and that of the statements, posts and events
    # naming it) and the articles mentioning it: a hub of a big archive has thousands, so each node asks
    # for a few and the panel says "more": the first ones the store's index yields (ORDER BY would make
    # the store sort every one of a hub's sentences and articles: 5 s more at 2M triples, minutes for the
    # sentences' join), so the same triples in the same kind of store give the same page, but an on-disk
    # and an in-memory store may pick different ones for a hub with more than the panel shows.
    more_sentences: dict[str, int] = {}
    more_articles: dict[str, int] = {}
    with_sources = [n for n in shown if sourced is None or n in sourced]
    for n in with_sources if max_sentences else ():
        node = str(ox.NamedNode(n))
        # the statements/posts/events naming it, distinct first (each is in many named graphs), a few
        found = [r["s"].value for r in select(store, f"""SELECT DISTINCT ?s WHERE {{ {{ {node} govkg:evidence ?s }}
                 UNION {{ {{ SELECT DISTINCT ?x WHERE {{ ?x ?p {node} }} LIMIT {4 * (max_sentences + 1)} }}
                          ?x govkg:evidence ?s }} }} LIMIT {max_sentences + 1}""")]
        by_node[n], more_sentences[n] = set(found[:max_sentences]), int(len(found) > max_sentences)
    for n in with_sources:
        node = str(ox.NamedNode(n))
        found = [r["a"].value for r in select(store, f"SELECT DISTINCT ?a WHERE {{ {node} govkg:mentionedIn ?a }} "
                                                     f"LIMIT {MAX_ARTICLES + 1}")]
        mentions[n], more_articles[n] = set(found[:MAX_ARTICLES]), int(len(found) > MAX_ARTICLES)
    wanted_sentences = sorted(set().union(*by_node.values())) if by_node else []
    sentences: dict[str, tuple] = {}
    sentence_article: dict[str, str] = {}
    for part in chunks(wanted_sentences):
        for row in select(store, f"""SELECT ?n ?t ?start ?a WHERE {{ {values("n", part)} ?n govkg:text ?t .
                OPTIONAL {{ ?n govkg:charStart ?start }} OPTIONAL {{ ?n govkg:inArticle ?a }} }}"""):
            start = int(row["start"].value) if row["start"] is not None else 0
            sentences[row["n"].value] = (start, row["t"].value)
            sentence_article[row["n"].value] = text(row["a"]) or ""
    wanted_articles = sorted(set(sentence_article.values()) | set().union(*mentions.values()) if mentions
                             else set(sentence_article.values()))
    articles: dict[str, list[str]] = {}
    for part in chunks([a for a in wanted_articles if a]):
        for row in select(store, f"""SELECT ?n ?h ?f WHERE {{ {values("n", part)} ?n a govkg:Article .
                OPTIONAL {{ ?n schema:headline ?h }} OPTIONAL {{ ?n govkg:sourceFile ?f }} }}"""):
            articles[row["n"].value] = [text(row["h"]) or "", text(row["f"]) or ""]
    full = {s: (articles.get(sentence_article[s], ["", ""])[1], start, body, articles.get(sentence_article[s], ["", ""])[0])
            for s, (start, body) in sentences.items()}

    out = Details()
    sent_index: dict[str, int] = {}
    art_index: dict[str, int] = {}
    for iri, r in rec.items():
        r["posts"] = sorted(set(r["posts"]))
        r["facts"] = sorted(r["facts"])
        ordered = sorted((s for s in by_node.get(iri, ()) if s in full), key=lambda s: (full[s], s))
        r["more"] = more_sentences.get(iri, 0)
        r["arts_more"] = more_articles.get(iri, 0)
        if sourced is not None and iri not in sourced:
            r["unsourced"] = 1   # the panel points to a focused view for its sources
        for s in ordered:
            if s not in sent_index:
                file, _, body, headline = full[s]
                sent_index[s] = len(out.sentences)
                out.sentences.append([body, headline, file])
            r["src"].append(sent_index[s])
        arts = [a for a in mentions.get(iri, ()) if a in articles]
        for a in sorted(arts, key=lambda a: (articles[a][1], articles[a][0], a)):
            if a not in art_index:
                art_index[a] = len(out.articles)
                out.articles.append(articles[a])
            r["arts"].append(art_index[a])
        out.nodes[iri] = r
    return out
