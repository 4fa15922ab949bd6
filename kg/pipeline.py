"""The pipeline: pages in, a graph out.

    read -> normalise -> segment -> extract      (per page: ``process_page``, parallel with jobs > 1)
    -> resolve -> triples -> write               (per build: ``build``)

Each stage is a plain function over the objects of kg.model, so any of them can be called alone.
"""
from __future__ import annotations

import os
import sys
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from time import perf_counter
from typing import Iterator

from .errors import InputError, KgError
from .extract import extract_page
from .cache import CACHE_DIR, PageCache, cached_process
from .collection import Collection, Finder
from .graph.runs import TripleCounts
from .model import Article, Page, Sentence
from .read import find_pages, folders, page_uid
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
    duplicates: int = 0        # pages with the same bytes as an earlier page (one page in the graph, both file names)
    quads: list = field(default_factory=list)    # in-memory builds (out=None) only: sorted pyoxigraph Quads
    outputs: dict[str, Path] = field(default_factory=dict)
    chars: int = 0             # characters of the built pages' decoded text
    triple_counts: TripleCounts | None = None
    n_quads: int = 0           # quads of graph.trig (distinct)
    seconds: Counter = field(default_factory=Counter)   # per stage: extract resolve quads merge write store viz

    @property
    def store(self):
        """The built graph as a pyoxigraph Store, for notebooks: the build's on-disk store (read-only) or,
        for an in-memory build (out=None), its quads in a new store."""
        import pyoxigraph as ox
        from .export import GRAPH_TTL
        from .graph.store import load_store

        if "turtle" in self.outputs or (self.outputs and not self.quads):
            return load_store(Path(next(iter(self.outputs.values()))).parent / GRAPH_TTL)
        store = ox.Store()
        store.extend(self.quads)
        return store

    @property
    def graph(self):
        """The built graph as an rdflib Dataset (named graphs kept), for tools that speak rdflib."""
        import pyoxigraph as ox
        from rdflib import Dataset

        import warnings

        ds = Dataset(default_union=True)
        with warnings.catch_warnings():     # rdflib's N-Quads parser warns about its own ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(data=self.store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
        return ds

    def counts(self) -> dict[str, Counter]:
        c = self.triple_counts or TripleCounts()
        return {"classes": c.classes, "properties": c.properties}

    def summary(self) -> str:
        c = self.counts()
        n_articles = sum(len(p.articles) for p in self.pages)
        lines = [f"pages: {len(self.pages)} built, {len(self.errors)} failed; articles: {n_articles}"]
        if self.cache_hits or self.cache_misses or self.duplicates:
            parts = [f"{self.cache_hits} pages unchanged since the last build (reused)"] if self.cache_hits else []
            if self.duplicates:
                parts.append(f"{self.duplicates} the same bytes as another page (built once)")
            parts.append(f"{self.cache_misses} extracted")
            lines.append("cache: " + ", ".join(parts))
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
        lines.append(f"triples: {self.triple_counts.triples if self.triple_counts else 0}")
        for name, path in self.outputs.items():
            lines.append(f"wrote {name}: {path}")
        return "\n".join(lines)


def iter_pages(paths: list[str | Path], jobs: int = 1, progress: bool = False,
               errors: list[InputError] | None = None, cache: PageCache | None = None,
               mapper=None, collection: Collection | Finder | None = None) -> Iterator[Page]:
    """Read and extract every page (files, or folders searched recursively for *.txt), yielding each
    in file order as soon as it is ready (a page that fails is appended to ``errors`` instead).

    ``jobs`` > 1 extracts in that many processes, a bounded number of pages ahead of the consumer (so
    a slow consumer never piles up extracted pages); results come in file order, so the output is the
    same as with one. ``cache`` (kg.cache.PageCache) skips pages whose bytes it already knows.
    ``mapper(func, items)`` -> results in order replaces the local processes: a cluster runs the
    per-page stages (kg.distributed.dask_mapper); resolution and export stay here.
    ``collection``: one description for every page, or a Finder (default: each folder's collection.toml);
    a description that cannot be read stops the build here, before any page is read."""
    files, errs = find_pages(paths)
    if errors is not None:
        errors.extend(errs)
    finder = collection if isinstance(collection, Finder) else Finder(
        folders(paths), fixed=collection)
    described = {f: finder(f) for f in files}
    bar = _progress(len(files)) if progress and len(files) > PROGRESS_MIN_FILES else None
    cache_dir, fp = (str(cache.root), cache.fp) if cache is not None else (None, None)
    args = [(str(f), cache_dir, fp) for f in files]

    if mapper is not None:
        results = mapper(_load_and_process_args, args)
    elif jobs > 1 and len(files) > 1:
        results = _pool_map(_load_and_process_args, args, jobs)
    else:
        results = (_load_and_process(*a) for a in args)
    try:
        for f, (page, hit) in zip(files, results):
            if bar:
                bar.update(1)
            if isinstance(page, InputError):
                if errors is not None:
                    errors.append(page)
                continue
            if cache is not None:
                if page.content_hash in cache.used:
                    cache.duplicates += 1          # the same bytes as a page of this build
                elif hit:
                    cache.hits += 1
                else:
                    cache.misses += 1
                cache.used.add(page.content_hash)
            page.uid = page_uid(page.content_hash)
            describe(page, described[f], f)
            yield page
    finally:
        if bar:
            bar.close()


def describe(page: Page, collection: Collection | None, path: str | Path) -> Page:
    """Give a page what its collection says: the paper, its home area, the issue date and year."""
    if collection:
        issued = collection.issue_date(path)
        page.issued = issued.isoformat() if issued else ""
        page.year = collection.issue_year(path)
        page.home = collection.home_code
        page.newspaper = collection.newspaper
    return page


def extract_pages(paths: list[str | Path], jobs: int = 1, progress: bool = False,
                  errors: list[InputError] | None = None, cache: PageCache | None = None,
                  mapper=None, collection: Collection | Finder | None = None) -> list[Page]:
    """Every extracted page in a list (see iter_pages; a build streams them instead)."""
    return list(iter_pages(paths, jobs=jobs, progress=progress, errors=errors, cache=cache, mapper=mapper,
                           collection=collection))


def _pool_map(func, items: list, jobs: int) -> Iterator:
    """``map(func, items)`` in ``jobs`` processes, in order, at most a few batches ahead."""
    from concurrent.futures import ProcessPoolExecutor

    batch = max(1, min(16, len(items) // (jobs * 8)))
    batches = [items[i:i + batch] for i in range(0, len(items), batch)]
    ahead = jobs * 4
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque = deque()
        todo = iter(batches)
        for b in islice(todo, ahead):
            pending.append(pool.submit(_run_batch, func, b))
        while pending:
            done = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_run_batch, func, nxt))
            yield from done


def _run_batch(func, items: list) -> list:
    return [func(item) for item in items]


def _load_and_process_args(args: tuple) -> tuple[Page | InputError, bool]:
    return _load_and_process(*args)


def _progress(total: int):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True)


class GraphStages:
    """Resolution and triples, page by page: each page's quads leave as soon as it is resolved.

    A page whose resolution or triples raise is dropped (its half-made quads and facts with it) and
    reported; the others are built. ``release`` then frees what no later stage reads (see release_page),
    so memory holds the entities, not the pages."""

    def __init__(self, sink, release: bool):
        from .graph.triples import GraphBuilder

        self.resolver = Resolver()
        self.builder = GraphBuilder(self.resolver)
        self.sink = sink
        self.release = release
        self.failed_uids: set[str] = set()
        self.seconds: Counter = Counter()

    def add(self, page: Page, errors: list[InputError]) -> bool:
        r, b = self.resolver, self.builder
        n_facts = len(r.facts)
        t1 = None
        try:
            t0 = perf_counter()
            r.add(page)
            t1 = perf_counter()
            b.add_page(page)
            b.add_facts(r.facts[n_facts:])
            keys = b.take()
            self.seconds["resolve"] += t1 - t0
            self.seconds["quads"] += perf_counter() - t1
        except Exception as err:  # noqa: BLE001 - one page must not cost the build
            b.discard()
            del r.facts[n_facts:]
            self.failed_uids.add(page.uid)
            stage = "resolution" if t1 is None else "building its graph"
            errors.append(InputError(page.path, f"{stage} failed ({_describe(err)})"))
            return False
        t = perf_counter()
        self.sink(keys)
        self.seconds["runs"] += perf_counter() - t
        if self.release:
            release_page(page, r)
        return True

    def finish(self, errors: list[InputError]) -> None:
        r, b = self.resolver, self.builder
        n_facts = len(r.facts)
        try:
            r.finish()
            # a page that failed after the resolver saw it may hold an entity's first mention
            b.add_facts(f for f in r.facts[n_facts:]
                        if not any(page.uid in self.failed_uids for page, _a, _s in f.evidence))
        except Exception as err:  # noqa: BLE001 - cross-page links lost, the pages' facts kept
            b.discard()
            del r.facts[n_facts:]
            errors.append(InputError("(all pages)", f"cross-page matching failed ({_describe(err)}); "
                                                    f"skos:closeMatch links left out"))
        b.add_entities(self.failed_uids, flush=self.sink)
        self.sink(b.take())


def release_page(page: Page, resolver: Resolver) -> None:
    """Free a page whose quads are written: keep only what later stages read.

    Later stages read, of a page, only the sentence of each entity's first mention (the evidence of
    cross-page skos:closeMatch facts, Resolver.finish) and the articles' count. So the text, offset map,
    mentions, posts, events and the other sentences go; kept sentences carry ORIGINAL offsets and the
    offset map is emptied (Page.to_original is then the identity). The resolver's per-page facts are
    written already, and its entities keep their first mention only (Resolver.release)."""
    keep = resolver.release(page)
    for article in page.articles:
        needed = keep.get(id(article), ())
        sentences = article.sentences
        article.sentences = [None] * len(sentences)
        for si in needed:
            if 0 <= si < len(sentences):
                s = sentences[si]
                o_start, o_end = page.to_original(s.start, s.end)
                article.sentences[si] = Sentence(o_start, o_end, s.text)
        article.mentions, article.journalists, article.posts, article.relations, article.events = [], [], [], [], []
    page.text = page.raw = ""
    page.offsets = array("i")


def build(paths: list[str | Path], out: str | Path | None = "exports", *, jobs: int = 1,
          quiet: bool = True, viz: bool = True, cache: bool | str | Path = True, mapper=None,
          store: bool = True, collection: Collection | Finder | None = None) -> BuildResult:
    """Build the graph of ``paths`` and (when ``out`` is given) write graph.ttl, graph.trig, the
    graph.oxigraph/ store (``store``) and network.html (``viz``).

    With ``out``, pages stream through: each is extracted, resolved and turned into quads that go to
    sorted runs on disk (OUT/.kgbuild-*), then freed; the runs are merged into the outputs at the end,
    so memory grows with the entities, not with the corpus. Without ``out`` everything stays in memory
    and ``result.quads`` holds the sorted quads (for small inputs and tests); the graph is the same.

    ``cache``: True keeps per-page extraction results in OUT/.kgcache (incremental builds), a path puts
    them there, False extracts every page afresh. The output is the same either way.

    ``collection`` (kg.collection): what the pages share (newspaper, home area, issue dates); by default
    each folder's collection.toml."""
    result = BuildResult()
    page_cache = None
    if cache is not False and cache is not None and (out is not None or cache is not True):
        page_cache = PageCache(Path(out) / CACHE_DIR if cache is True else Path(cache))
    pages = iter_pages(paths, jobs=jobs, progress=not quiet, errors=result.errors, cache=page_cache,
                       mapper=mapper, collection=collection)
    if out is None:
        _build_in_memory(list(pages), result)
        _cache_counts(result, page_cache)
        return result

    import shutil
    import tempfile

    from .export import NETWORK_HTML, write_sorted
    from .graph.runs import SortedRuns, write_nquads, write_ntriples

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _sweep_stale_work(out)
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-", dir=out))
    try:
        runs = SortedRuns(work)
        stages = GraphStages(runs.add, release=True)
        _run_stages(stages, pages, result)
        result.resolver = stages.resolver
        _cache_counts(result, page_cache)
        if not result.pages and result.errors:
            return result   # nothing readable: keep the previous exports untouched
        t = perf_counter()
        result.triple_counts = TripleCounts()
        write_ntriples(runs.triple_chunks(), work / "graph.nt", result.triple_counts)
        result.n_quads = write_nquads(runs.quad_chunks(), work / "graph.nq")
        for p in runs.quad_runs + runs.triple_runs:
            p.unlink()
        result.seconds["merge"] += perf_counter() - t
        result.outputs.update(write_sorted(out, work / "graph.nq", work / "graph.nt", store=store,
                                           seconds=result.seconds))
        result.outputs["ontology"] = _write_ontology(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if viz:
        t = perf_counter()
        result.outputs["network"] = _write_network(out, out / NETWORK_HTML)
        result.seconds["viz"] += perf_counter() - t
    if page_cache is not None:
        page_cache.prune()   # only after the exports are written: an interrupted build keeps it all
    return result


WORK_PREFIX = ".kgbuild-"      # OUT/.kgbuild-PID-XXXX: a build's sorted runs while it runs


def _sweep_stale_work(out: Path) -> None:
    """Remove the work folders of builds that were killed (their process is gone); a build still running
    in the same OUT keeps its own."""
    import shutil

    for d in out.glob(WORK_PREFIX + "*"):
        pid = d.name[len(WORK_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        shutil.rmtree(d, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:          # exists, another user's
        return True
    return True


def _build_in_memory(pages: list[Page], result: BuildResult) -> None:
    """All pages resolved together (kg.resolve.resolve_isolated: a page whose resolution fails is
    dropped and the rest resolved again without it), then their quads, kept in ``result.quads``."""
    from .graph.nquads import to_quads, triple_line
    from .graph.triples import GraphBuilder

    result.resolver, failed = resolve_isolated(pages)
    gone = {id(p) for p, _ in failed}
    result.errors.extend(InputError(p.path, f"resolution failed ({_describe(err)})") for p, err in failed)
    b = GraphBuilder(result.resolver)
    keys: set[str] = set()
    failed_uids: set[str] = {p.uid for p, _ in failed}
    for page in pages:
        if id(page) in gone:
            continue
        try:
            b.add_page(page)
        except Exception as err:  # noqa: BLE001 - one page must not cost the build
            b.discard()
            failed_uids.add(page.uid)
            result.errors.append(InputError(page.path, f"building its graph failed ({_describe(err)})"))
            continue
        keys |= b.take()
        result.pages.append(page)
        result.chars += len(page.raw)
    b.add_facts(f for f in result.resolver.facts if not any(p.uid in failed_uids for p, _a, _s in f.evidence))
    b.add_entities(failed_uids)
    keys |= b.take()
    ordered = sorted(keys)
    result.triple_counts = TripleCounts()
    for line in sorted({triple_line(k) for k in ordered}):
        result.triple_counts.add(line)
    result.quads = to_quads(ordered)
    result.n_quads = len(ordered)


def _run_stages(stages: GraphStages, pages: Iterator[Page], result: BuildResult) -> None:
    t = perf_counter()
    for page in pages:
        result.seconds["extract"] += perf_counter() - t
        chars = len(page.raw)
        if stages.add(page, result.errors):
            result.pages.append(page)
            result.chars += chars
        t = perf_counter()
    result.seconds["extract"] += perf_counter() - t
    t = perf_counter()
    stages.finish(result.errors)
    stages.seconds["quads"] += perf_counter() - t
    result.seconds.update(stages.seconds)


def _cache_counts(result: BuildResult, page_cache: PageCache | None) -> None:
    if page_cache is not None:
        result.cache_hits, result.cache_misses = page_cache.hits, page_cache.misses
        result.duplicates = page_cache.duplicates


def _write_ontology(out: Path) -> Path:
    """OUT/ontology.ttl: the classes and properties the graph uses, for tools that load the exports
    (``?e a/rdfs:subClassOf* govkg:Event``); unchanged bytes are not rewritten."""
    from .export import ONTOLOGY_TTL, write_bytes
    from .validate import DEFAULT_ONTOLOGY

    path, data = out / ONTOLOGY_TTL, DEFAULT_ONTOLOGY.read_bytes()
    try:
        if path.is_file() and path.read_bytes() == data:
            return path
    except OSError:
        pass
    return write_bytes(path, data)


def _write_network(out: Path, path: Path) -> Path:
    try:
        from .viz import write_html
    except ImportError as err:  # the viewer is optional for the API, required for the CLI's default
        raise KgError(f"cannot write {path}: {err}") from None
    from .graph.store import open_graph
    write_html(open_graph(out), path)
    return path
