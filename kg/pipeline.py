"""The pipeline: pages in, a graph out.

    read -> normalise -> segment -> extract      (per page: ``process_page``, parallel with jobs > 1)
    -> resolve -> triples -> write               (per build: ``build``)

Each stage is a plain function over the objects of kg.model, so any of them can be called alone.
"""
from __future__ import annotations

import sys
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, KgError
from .extract import extract_page
from .cache import CACHE_DIR, PageCache, cached_process
from .model import Article, Page
from .read import find_pages, page_ids
from .resolve import Resolver, resolve_isolated
from .text.normalize import normalize_page
from .text.segment import segment

PROGRESS_MIN_FILES = 5
#: an "article" longer than this is not one (a page with no line breaks, a pasted dump): it is cut into
#: consecutive parts of whole sentences, so extraction stays linear in the page's length
MAX_ARTICLE_CHARS = 20_000


def process_page(page: Page) -> Page:
    """Normalise, segment and extract one page (no cross-page work)."""
    page = extract_page(cap_articles(segment(normalize_page(page))))
    # the offset map as a compact array (4 bytes a character, not a 36-byte Python int): it was 60% of
    # a processed page's memory; indexing (Page.to_original) works the same
    page.offsets = array("i", page.offsets)
    return page


def cap_articles(page: Page, limit: int = MAX_ARTICLE_CHARS) -> Page:
    """Cut articles longer than ``limit`` characters into parts of whole sentences (renumbered)."""
    if all(a.end - a.start <= limit for a in page.articles):
        return page
    out: list[Article] = []
    for a in page.articles:
        if a.end - a.start <= limit or len(a.sentences) < 2:
            out.append(a)
            continue
        parts: list[list] = [[]]
        for s in a.sentences:
            if parts[-1] and s.end - parts[-1][0].start > limit:
                parts.append([])
            parts[-1].append(s)
        for k, sents in enumerate(parts):
            lo, hi = sents[0].start, sents[-1].end
            part = Article(index=0, start=a.start if k == 0 else lo, end=hi if k < len(parts) - 1 else a.end,
                           headline=a.headline if k == 0 else "", sentences=sents, kind=a.kind)
            part.journalists = [j for j in a.journalists if lo <= j.start < hi or (k == 0 and j.start < lo)]
            part.mentions = [m for m in a.mentions if lo <= m.start < hi or (k == 0 and m.start < lo)]
            part.credits = [c for c in a.credits if lo <= c[0] < hi or (k == 0 and c[0] < lo)]
            out.append(part)
    for i, a in enumerate(out, 1):
        a.index = i
    page.articles = out
    return page


def _load_and_process(path: str, cache_dir: str | None = None, fp: str | None = None) -> tuple[Page | InputError, bool]:
    """One page through the per-page stages; (page or its one-line error, whether the cache had it).

    Any failure inside extraction is turned into an error naming the file, so one strange page never
    stops a build of thousands (the others are still extracted, and the exit status says so)."""
    try:
        return cached_process(path, cache_dir, fp, process_page)
    except InputError as err:
        return err, False
    except Exception as err:  # noqa: BLE001 - a bug on one page must not cost the build
        return InputError(path, f"extraction failed ({_describe(err)})"), False


def _describe(err: BaseException) -> str:
    """An exception as a few words for a one-line message."""
    if isinstance(err, RecursionError):
        return "nesting too deep"
    if isinstance(err, MemoryError):
        return "out of memory"
    return f"{type(err).__name__}: {' '.join(str(err).split())[:200]}"


@dataclass
class BuildResult:
    pages: list[Page] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    resolver: Resolver | None = None
    cache_hits: int = 0        # pages taken from OUT/.kgcache (not re-extracted)
    cache_misses: int = 0      # pages extracted
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
        if self.cache_hits or self.cache_misses:
            lines.append(f"cache: {self.cache_hits} pages unchanged (reused), {self.cache_misses} extracted")
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
                  errors: list[InputError] | None = None, cache: PageCache | None = None,
                  mapper=None) -> list[Page]:
    """Read and extract every page (files, or folders searched recursively for *.txt).

    ``jobs`` > 1 extracts in that many processes; results come back in file order, so the output is the
    same as with one. ``cache`` (kg.cache.PageCache) skips pages whose bytes it already knows.
    ``mapper(func, items)`` -> results in order replaces the local processes: a cluster runs the
    per-page stages (kg.distributed.dask_mapper); resolution and export stay here."""
    files, errs = find_pages(paths)
    if errors is not None:
        errors.extend(errs)
    bar = _progress(len(files)) if progress and len(files) > PROGRESS_MIN_FILES else None
    results: list[Page | InputError] = []
    cache_dir, fp = (str(cache.root), cache.fp) if cache is not None else (None, None)
    args = [(str(f), cache_dir, fp) for f in files]

    def collect(r):
        page, hit = r
        results.append(page)
        if cache is not None and not isinstance(page, InputError):
            cache.used.add(page.content_hash)
            if hit:
                cache.hits += 1
            else:
                cache.misses += 1
        if bar:
            bar.update(1)

    if mapper is not None:
        for r in mapper(_load_and_process_args, args):
            collect(r)
    elif jobs > 1 and len(files) > 1:
        from concurrent.futures import ProcessPoolExecutor
        chunk = max(1, min(16, len(files) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for r in pool.map(_load_and_process_args, args, chunksize=chunk):
                collect(r)
    else:
        for a in args:
            collect(_load_and_process(*a))
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


def _load_and_process_args(args: tuple) -> tuple[Page | InputError, bool]:
    return _load_and_process(*args)


def _progress(total: int):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True)


def build(paths: list[str | Path], out: str | Path | None = "exports", *, jobs: int = 1,
          quiet: bool = True, viz: bool = True, cache: bool | str | Path = True, mapper=None) -> BuildResult:
    """Build the graph of ``paths`` and (when ``out`` is given) write graph.ttl, graph.trig, network.html.

    ``cache``: True keeps per-page extraction results in OUT/.kgcache (incremental builds), a path puts
    them there, False extracts every page afresh. The output is the same either way."""
    from .export import NETWORK_HTML, write_graph
    from .graph.triples import build_quads

    result = BuildResult()
    page_cache = None
    if cache is not False and cache is not None and (out is not None or cache is not True):
        page_cache = PageCache(Path(out) / CACHE_DIR if cache is True else Path(cache))
    result.pages = extract_pages(paths, jobs=jobs, progress=not quiet, errors=result.errors, cache=page_cache,
                                 mapper=mapper)
    if page_cache is not None:
        result.cache_hits, result.cache_misses = page_cache.hits, page_cache.misses
    result.resolver, failed = resolve_isolated(result.pages)
    if failed:
        gone = {id(p) for p, _ in failed}
        result.pages = [p for p in result.pages if id(p) not in gone]
        result.errors.extend(InputError(p.path, f"resolution failed ({_describe(err)})") for p, err in failed)
    result.quads = build_quads(result.pages, result.resolver)
    if out is not None:
        if not result.pages and result.errors:
            return result   # nothing readable: keep the previous exports untouched
        result.outputs.update(write_graph(out, result.quads))
        if viz:
            result.outputs["network"] = _write_network(result, Path(out) / NETWORK_HTML)
        if page_cache is not None:
            page_cache.prune()   # only after the exports are written: an interrupted build keeps it all
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
