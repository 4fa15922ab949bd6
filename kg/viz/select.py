"""Which nodes to draw: --focus/--depth, --campaign, --min-degree and the node cap, asked of the store.

Nothing here walks the whole graph in Python: names are matched over the nodes' labels, neighbourhoods
are grown one SPARQL query per hop, and the cap keeps the most connected nodes (kg.viz.summary).
Identical events (a replicated corpus repeats each one: same class, name, date and participants) are
drawn once, with how many there are.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from ..errors import KgError
from . import summary
from .style import EVENT_KEYS


@dataclass
class View:
    graph: nx.MultiDiGraph            # what is drawn
    degree: dict[str, int]            # distinct neighbours in the whole graph (node size)
    total: int                        # nodes in the whole graph
    centres: list[str] = field(default_factory=list)   # focus / campaign nodes, always kept
    notes: list[str] = field(default_factory=list)     # messages for the page and stderr
    copies: dict[str, int] = field(default_factory=dict)  # event drawn once -> how many identical ones
    candidates: int = 0               # nodes the filters let through, before the cap


def norm(s: str) -> str:
    """Loose form for name matching: NFKC (full-width -> half-width), case-folded, no spaces."""
    return "".join(unicodedata.normalize("NFKC", s).casefold().split())


def find(store: ox.Store, name: str, *, cls: str | None = None, what: str = "entity",
         pool: set[str] | None = None) -> list[str]:
    """Nodes whose IRI, label or alias is ``name``; else those whose names contain it; else KgError."""
    table = summary.names(store, cls)
    if pool is not None:
        table = {n: v for n, v in table.items() if n in pool}
    want = norm(name)
    exact = [n for n in sorted(table) if n == name or any(norm(x) == want for x in table[n])]
    if exact:
        return exact
    partial = [n for n in sorted(table) if want and any(want in norm(x) for x in table[n])]
    if partial:
        return partial
    best = [n for n, _ in summary.ranked(store, among=sorted(table) if pool is not None or cls else None, limit=5)]
    labels = summary.node_records(store, best)
    hint = ", ".join(labels[n]["label"] for n in best if n in labels)
    raise KgError(f"no {what} named {name!r} in the graph" + (f" (for example: {hint})" if hint else ""))


def around(store: ox.Store, centres: list[str], depth: int, pool: set[str] | None = None) -> set[str]:
    """Nodes within ``depth`` hops of any centre, ignoring edge direction (inside ``pool`` if given)."""
    keep = set(centres)
    frontier = set(centres)
    for _ in range(max(depth, 0)):
        frontier = summary.neighbours(store, frontier) - keep
        if pool is not None:
            frontier &= pool
        if not frontier:
            break
        keep |= frontier
    return keep


def around_campaign(store: ox.Store, campaigns: list[str]) -> set[str]:
    """A campaign, whoever is linked to it, and the participants of its events."""
    first = around(store, campaigns, 1)
    records = summary.node_records(store, sorted(first))
    events = [n for n in first if records.get(n, {}).get("cls") in EVENT_KEYS]
    return first | around(store, events, 1)


def event_signatures(store: ox.Store, nodes: list[str]) -> dict[str, tuple]:
    """event -> (class, label, date, outgoing edges): equal signatures are the same event read twice.
    Two passes over the store's events (not one query per chunk of nodes), then kept for ``nodes``."""
    wanted = set(nodes)
    classes = " ".join(f"<{c}>" for c in sorted(summary.EVENT_IRIS))
    head: dict[str, list] = {}
    for r in summary.select(store, f"""SELECT ?e ?c ?l ?d WHERE {{ VALUES ?c {{ {classes} }} ?e a ?c
            OPTIONAL {{ ?e rdfs:label ?l }} OPTIONAL {{ ?e govkg:dateText ?d }} }}"""):
        e = r["e"].value
        if e in wanted:
            h = head.setdefault(e, [set(), set(), set()])
            h[0].add(r["c"].value)
            for i, key in ((1, "l"), (2, "d")):
                if r[key] is not None:
                    h[i].add(r[key].value)
    out_edges: dict[str, set] = defaultdict(set)
    for r in summary.select(store, f"""SELECT ?s ?p ?o WHERE {{ {summary._EDGES}
            {{ SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {classes} }} ?s a ?c }} }} }}"""):
        if r["s"].value in head:
            out_edges[r["s"].value].add((r["p"].value, r["o"].value))
    return {e: (frozenset(h[0]), frozenset(h[1]), frozenset(h[2]), frozenset(out_edges.get(e, ())))
            for e, h in head.items()}


def collapse(store: ox.Store, ranked: list[tuple[str, int]], signatures: dict[tuple, str],
             copies: dict[str, int]) -> list[tuple[str, int]]:
    """``ranked`` without the events already met (same signature): the first one stands for them all,
    and ``copies`` counts them. ``signatures`` carries what was met from one batch to the next."""
    sigs = event_signatures(store, [n for n, _ in ranked])
    kept = []
    for n, d in ranked:
        sig = sigs.get(n)
        if sig is not None and sig[3]:      # an event with no participants is not known to be the same
            rep = signatures.setdefault(sig, n)
            copies[rep] = copies.get(rep, 0) + 1
            if rep != n:
                continue
        kept.append((n, d))
    return kept


def choose(store: ox.Store, *, focus: str | None = None, depth: int = 1, campaign: str | None = None,
           min_degree: int = 0, max_nodes: int = 2000) -> View:
    total = summary.count_nodes(store)
    pool: set[str] | None = None        # None: the whole graph
    centres: list[str] = []
    notes: list[str] = []
    if campaign:
        found = find(store, campaign, cls="Campaign", what="campaign")
        centres += found
        pool = around_campaign(store, found)
    if focus:
        found = find(store, focus, pool=pool)
        centres += found
        pool = around(store, found, depth, pool)
    among = sorted(pool) if pool is not None else None
    ranked = summary.ranked(store, among=among, min_degree=min_degree)
    # identical events: the most connected of each group stands for it (signatures: one pass over the events)
    copies: dict[str, int] = {}
    kept = collapse(store, ranked, {}, copies)
    copies = {n: c for n, c in copies.items() if c > 1}
    degree = dict(ranked)
    for c in centres:   # a centre is drawn whatever its degree
        if c not in degree:
            degree[c] = dict(summary.ranked(store, among=[c])).get(c, 0)
    candidates = len(kept)   # what the filters let through, identical events counted once
    order = sorted((n for n, _ in kept), key=lambda n: (n not in centres, -degree.get(n, 0), n))
    keep = set(order[:max_nodes] if max_nodes else order) | set(centres)
    if max_nodes and candidates > max_nodes:
        notes.append(f"Showing the {max_nodes} most connected of {candidates} nodes (node cap --max-nodes "
                     f"{max_nodes}); narrow the view with --focus, --campaign or --min-degree.")
    if copies:
        notes.append(f"{sum(copies.values()) - len(copies)} identical events (same name, date and participants) "
                     f"are drawn once each, marked ×N.")
    if not keep:
        notes.append("Nothing to draw: the graph has no entities or events" if not total else
                     f"Nothing to draw: no node has {min_degree} or more neighbours (lower --min-degree).")
    g = summary.subgraph(store, sorted(keep))
    return View(graph=g, degree={n: degree.get(n, 0) for n in g}, total=total, centres=sorted(set(centres)),
                notes=notes, copies={n: c for n, c in copies.items() if n in g}, candidates=candidates)
