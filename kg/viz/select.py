"""Which part of the projection to draw: --focus/--depth, --campaign, --min-degree and the node cap."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import networkx as nx

from ..errors import KgError
from .style import EVENT_KEYS, local_name


@dataclass
class View:
    graph: nx.MultiDiGraph            # what is drawn
    degree: dict[str, int]            # distinct neighbours in the whole projection (node size)
    total: int                        # nodes in the whole projection
    centres: list[str] = field(default_factory=list)   # focus / campaign nodes, always kept
    notes: list[str] = field(default_factory=list)     # messages for the page and stderr


def norm(s: str) -> str:
    """Loose form for name matching: NFKC (full-width -> half-width), case-folded, no spaces."""
    return "".join(unicodedata.normalize("NFKC", s).casefold().split())


def names(g: nx.MultiDiGraph, n: str) -> list[str]:
    d = g.nodes[n]
    return [d.get("label") or "", *(d.get("aliases") or ())]


def find(g: nx.MultiDiGraph, name: str, *, cls: str | None = None, what: str = "entity") -> list[str]:
    """Nodes whose IRI, label or alias is ``name``; else those whose names contain it; else KgError."""
    pool = [n for n in sorted(g) if cls is None or local_name(g.nodes[n].get("cls", "")) == cls]
    want = norm(name)
    exact = [n for n in pool if n == name or any(norm(x) == want for x in names(g, n))]
    if exact:
        return exact
    partial = [n for n in pool if want and any(want in norm(x) for x in names(g, n))]
    if partial:
        return partial
    best = sorted(pool, key=lambda n: (-g.degree(n), n))[:5]   # the best-known names as examples
    hint = ", ".join(g.nodes[n].get("label", n) for n in best)
    raise KgError(f"no {what} named {name!r} in the graph" + (f" (for example: {hint})" if hint else ""))


def around(g: nx.MultiDiGraph, centres: list[str], depth: int) -> set[str]:
    """Nodes within ``depth`` hops of any centre, ignoring edge direction."""
    und = g.to_undirected(as_view=True)
    keep = set(centres)
    frontier = set(centres)
    for _ in range(max(depth, 0)):
        frontier = {m for n in frontier for m in und.neighbors(n)} - keep
        keep |= frontier
    return keep


def around_campaign(g: nx.MultiDiGraph, campaigns: list[str]) -> set[str]:
    """A campaign, whoever is linked to it, and the participants of its events."""
    first = around(g, campaigns, 1)
    events = [n for n in first if local_name(g.nodes[n].get("cls", "")) in EVENT_KEYS]
    return first | around(g, events, 1)


def choose(g: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1, campaign: str | None = None,
           min_degree: int = 0, max_nodes: int = 2000) -> View:
    und = g.to_undirected(as_view=True)
    degree = {n: len(set(und.neighbors(n)) - {n}) for n in g}
    keep = set(g)
    centres: list[str] = []
    notes: list[str] = []
    if campaign:
        found = find(g, campaign, cls="Campaign", what="campaign")
        centres += found
        keep &= around_campaign(g, found)
    if focus:
        sub = g.subgraph(keep)
        found = find(sub, focus)
        centres += found
        keep &= around(sub, found, depth)
    if min_degree > 0:
        keep = {n for n in keep if degree[n] >= min_degree} | set(centres)
    if max_nodes and len(keep) > max_nodes:
        ranked = sorted(keep, key=lambda n: (n not in centres, -degree[n], n))
        notes.append(f"Showing the {max_nodes} most connected of {len(keep)} nodes (node cap --max-nodes "
                     f"{max_nodes}); narrow the view with --focus, --campaign or --min-degree.")
        keep = set(ranked[:max_nodes])
    if not keep:
        notes.append("Nothing to draw: the graph has no entities or events" if not g else
                     f"Nothing to draw: no node has {min_degree} or more neighbours (lower --min-degree).")
    return View(graph=g.subgraph(sorted(keep)).copy(), degree=degree, total=g.number_of_nodes(),
                centres=sorted(set(centres)), notes=notes)
