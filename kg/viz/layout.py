"""Node positions computed once in Python, so the browser draws at once with physics off.

networkx's spring_layout needs SciPy above 500 nodes and its dense solver takes ~6 s at 2,000 nodes, so
this is a small Fruchterman-Reingold of our own: exact for small components, repulsion estimated from a
fixed-size random sample of nodes for big ones (O(n*k) instead of O(n^2)). Each connected component is
laid out alone and the components are packed in rows, biggest first, which keeps the many small
clusters of a news graph readable. Seeded and sorted: the same graph gives the same coordinates.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

EDGE_PX = 110         # typical edge length on screen
GAP_PX = 70           # between packed components
SAMPLE = 256          # repulsion sample per iteration for big components
ITERATIONS = 80
TINY = 3              # components this small are packed in a grid block
CELL_PX = 45          # grid spacing of that block
BIG = 4000            # components above this get half the iterations


def fruchterman_reingold(n: int, edges: np.ndarray, seed: int = 7, iterations: int = ITERATIONS) -> np.ndarray:
    """Positions (n, 2) with ideal edge length 1; ``edges`` is an (m, 2) int array."""
    rng = np.random.RandomState(seed)
    side = math.sqrt(n)
    pos = rng.rand(n, 2) * side
    if n == 1:
        return np.zeros((1, 2))
    if n > BIG:   # a WebGL-sized component: fewer, cheaper steps (its own sample keeps repulsion honest)
        iterations = iterations // 2
    temp = side / 8
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        if n <= SAMPLE:
            others, weight = pos, 1.0
        else:
            others, weight = pos[rng.choice(n, SAMPLE, replace=False)], n / SAMPLE
        # per coordinate, not as matrix products: OpenBLAS on (n, 2) @ (2, k) is slower than this
        dx = pos[:, 0, None] - others[None, :, 0]
        dy = pos[:, 1, None] - others[None, :, 1]
        w = weight / np.maximum(dx * dx + dy * dy, 1e-4)       # repulsion k^2/d along (p_i - p_j)/d
        disp = np.stack([(dx * w).sum(1), (dy * w).sum(1)], 1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = d * np.sqrt((d ** 2).sum(-1))[:, None]       # attraction d^2/k
            np.subtract.at(disp, edges[:, 0], pull)
            np.add.at(disp, edges[:, 1], pull)
        disp += (pos.mean(0) - pos) * 0.05                       # mild gravity keeps leaves close
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp -= cool
    return landscape(pos - pos.mean(0))


def landscape(pos: np.ndarray) -> np.ndarray:
    """Rotate so the longest extent is horizontal: screens are wider than tall."""
    if len(pos) < 3:
        return pos
    vals, vecs = np.linalg.eigh(np.cov(pos.T))
    main = vecs[:, np.argmax(vals)]
    main = main if main[np.argmax(np.abs(main))] > 0 else -main   # fixed sign: deterministic
    rot = np.array([[main[0], main[1]], [-main[1], main[0]]])
    return pos @ rot.T


def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[int, int]]:
    """Integer screen coordinates for every node of ``g``."""
    # built by hand: networkx's to_undirected views iterate sets, whose order changes per process
    und = nx.Graph()
    und.add_nodes_from(sorted(g))
    und.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in g.edges() if a != b}))
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for comp in comps:
        index = {n: i for i, n in enumerate(comp)}
        edges = np.array(sorted((min(index[a], index[b]), max(index[a], index[b]))
                                for a, b in und.subgraph(comp).edges()), dtype=int)
        pos = fruchterman_reingold(len(comp), edges.reshape(-1, 2), seed=seed) * EDGE_PX
        lo, hi = pos.min(0), pos.max(0)
        boxes.append((comp, pos - lo, hi - lo))
    # shelf packing: rows of components, as wide as the biggest component or a square's side; the
    # tiny ones (isolated nodes, pairs, triples) go in a compact block of their own below, so they do
    # not line the canvas in one long row
    big = [b for b in boxes if len(b[0]) > TINY]
    tiny = [b for b in boxes if len(b[0]) <= TINY]
    total = sum((w + GAP_PX) * (h + GAP_PX) for _, _, (w, h) in big)
    width = max([math.sqrt(total) * 1.3] + [w for _, _, (w, _h) in big]) if big else 0.0
    out: dict[str, tuple[int, int]] = {}
    x = y = row_h = 0.0
    for comp, pos, (w, h) in big:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + GAP_PX, 0.0
        for n, (px, py) in zip(comp, pos):
            out[n] = (int(round(x + px)), int(round(y + py)))
        x += w + GAP_PX
        row_h = max(row_h, h)
    if tiny:
        cell = max(max(w for _, _, (w, _h) in tiny), max(h for _, _, (_w, h) in tiny)) + CELL_PX
        cols = max(1, math.ceil(math.sqrt(len(tiny) * 2)))        # twice as wide as tall
        block_w = cols * cell
        x0 = max(0.0, (width - block_w) / 2)
        y0 = y + row_h + (GAP_PX * 2 if big else 0)
        for k, (comp, pos, _size) in enumerate(tiny):
            cx, cy = x0 + (k % cols) * cell, y0 + (k // cols) * cell
            for n, (px, py) in zip(comp, pos):
                out[n] = (int(round(cx + px)), int(round(cy + py)))
    return out
