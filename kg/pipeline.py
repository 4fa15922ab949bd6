"""The pipeline: pages in, a graph out.

    read -> normalise -> segment -> extract      (per page: ``process_page``, parallel with jobs > 1)
    -> resolve -> triples -> write               (per build: ``build``)

Each stage is a plain function over the objects of kg.model, so any of them can be called alone.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, KgError
from .extract import extract_page
from .model import Page
from .read import find_pages, page_ids, read_page
from .resolve import Resolver, resolve_pages
from .text.normalize import normalize_page
from .text.segment import segment

PROGRESS_MIN_FILES = 5


def process_page(page: Page) -> Page:
    """Normalise, segment and extract one page (no cross-page work)."""
    return extract_page(segment(normalize_page(page)))


def _load_and_process(path: str) -> Page | InputError:
    try:
        return process_page(read_page(path))
    except InputError as err:
        return err


@dataclass
class BuildResult:
    pages: list[Page] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    resolver: Resolver | None = None
    quads: list = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def counts(self) -> dict[str, Counter]:
        from .vocab import GOVKG, ORG, RDF
        classes: Counter = Counter()
        props: Counter = Counter()
        seen = set()
        for q in self.quads:
            t = q.triple
            if t in seen:
                continue
            seen.add(t)
            p = t.predicate.value
            if p == str(RDF.type):
                classes[t.object.value.rsplit("#", 1)[-1]] += 1
            elif p.startswith(str(GOVKG._NS)) or p.startswith(str(ORG)):
                props[p.rsplit("#", 1)[-1]] += 1
        return {"classes": classes, "properties": props}

    def summary(self) -> str:
        c = self.counts()
        n_articles = sum(len(p.articles) for p in self.pages)
        lines = [f"pages: {len(self.pages)} built, {len(self.errors)} failed; articles: {n_articles}"]
        entity_classes = ["Official", "Journalist", "Person", "GovernmentBody", "Area", "Enterprise",
                          "Institution", "Campaign", "Place", "Document"]
        event_classes = ["Meeting", "Inspection", "Visit", "Training", "Award", "Event"]
        lines.append("entities: " + ", ".join(f"{k} {c['classes'].get(k, 0)}" for k in entity_classes))
        lines.append("events:   " + ", ".join(f"{k} {c['classes'].get(k, 0)}" for k in event_classes))
        rels = ["Membership", "conducts", "serves", "gaveBannerTo", "subOrganizationOf", "locatedIn", "issued", "partOf"]
        counts = dict(c["properties"])
        counts["Membership"] = c["classes"].get("Membership", 0)
        lines.append("relations: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in rels))
        roles = ["organizer", "chair", "speaker", "leader", "attendee", "host", "target", "giver"]
        lines.append("event roles: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in roles))
        lines.append(f"triples: {len({q.triple for q in self.quads})}")
        for name, path in self.outputs.items():
            lines.append(f"wrote {name}: {path}")
        return "\n".join(lines)


def extract_pages(paths: list[str | Path], jobs: int = 1, progress: bool = False,
                  errors: list[InputError] | None = None) -> list[Page]:
    """Read and extract every page (files, or folders searched recursively for *.txt)."""
    files, errs = find_pages(paths)
    if errors is not None:
        errors.extend(errs)
    bar = _progress(len(files)) if progress and len(files) > PROGRESS_MIN_FILES else None
    results: list[Page | InputError] = []
    if jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for r in pool.map(_load_and_process, [str(f) for f in files], chunksize=4):
                results.append(r)
                if bar:
                    bar.update(1)
    else:
        for f in files:
            results.append(_load_and_process(str(f)))
            if bar:
                bar.update(1)
    if bar:
        bar.close()
    ids = page_ids(files, paths)
    pages = []
    for f, r in zip(files, results):
        if isinstance(r, InputError):
            if errors is not None:
                errors.append(r)
        else:
            r.uid = ids[f]
            pages.append(r)
    return pages


def _progress(total: int):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True)


def build(paths: list[str | Path], out: str | Path | None = "exports", *, jobs: int = 1,
          quiet: bool = True, viz: bool = True) -> BuildResult:
    """Build the graph of ``paths`` and (when ``out`` is given) write graph.ttl, graph.trig, network.html."""
    from .export import NETWORK_HTML, write_graph
    from .graph.triples import build_quads

    result = BuildResult()
    result.pages = extract_pages(paths, jobs=jobs, progress=not quiet, errors=result.errors)
    result.resolver = resolve_pages(result.pages)
    result.quads = build_quads(result.pages, result.resolver)
    if out is not None:
        if not result.pages and result.errors:
            return result   # nothing readable: keep the previous exports untouched
        result.outputs.update(write_graph(out, result.quads))
        if viz:
            result.outputs["network"] = _write_network(result, Path(out) / NETWORK_HTML)
    return result


def _write_network(result: BuildResult, path: Path) -> Path:
    import pyoxigraph as ox
    try:
        from .viz import write_html
    except ImportError as err:  # the viewer is optional for the API, required for the CLI's default
        raise KgError(f"cannot write {path}: {err}") from None
    store = ox.Store()
    store.extend(result.quads)
    write_html(store, path)
    return path
