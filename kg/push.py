"""Send a built graph to a SPARQL server over the SPARQL 1.1 Graph Store HTTP Protocol, in chunks.

    from kg.push import push
    stats = push("exports", "http://localhost:7878/store")

The build's graph.trig is read as a stream (a graph file of any size; a Turtle file goes to the default
graph). Named graphs are kept: the first chunk of each graph is a ``PUT ?graph=<iri>`` (replacing what
the server held under that name, so pushing again is idempotent), the following chunks of the same
graph are ``POST ?graph=<iri>`` (added); the default graph uses ``?default``. Chunk bodies are N-Triples.
With ``mode="dataset"``, chunks of N-Quads are POSTed to the service URL itself instead (a widespread
extension, served by Oxigraph and Fuseki: one request per chunk rather than per graph).

Quads and triples: a build states many triples in several article graphs, so what is sent is counted
as quads (statements in a graph), and the distinct triples among them are counted too. A server
answers a plain ``SELECT (COUNT(*) AS ?n) { ?s ?p ?o }`` from its default graph only, unless it is set
to make the default graph the union of the named graphs (Oxigraph: ``oxigraph serve
--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``). Where that cannot be set,
``union_copy=True`` also fills the default graph with every distinct triple (replacing it): plain
queries then see everything, at the cost of storing each triple twice. ``ontology=PATH`` also sends the
govkg ontology (ontology/govkg.ttl) into the named graph ``https://w3id.org/govkg/ontology`` (and the
union copy), so that ``?e a/rdfs:subClassOf* govkg:Event`` finds every kind of event.

Requests reuse one keep-alive connection. A connection error, a timeout, 408, 429 or a 5xx is retried
with exponential backoff (``retries`` attempts, ``backoff`` seconds doubling, Retry-After honoured);
re-sending is harmless because adding triples that are already there changes nothing. Any other
answer, or the last failed attempt, raises a KgError with one line: the URL, the graph, the status
and the server's first line of explanation.
"""
from __future__ import annotations

import base64
import http.client
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pyoxigraph as ox

from .errors import KgError, missing_default
from .vocab import ONTOLOGY_IRI

CHUNK_TRIPLES = 20_000
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
NT = "application/n-triples"
NQ = "application/n-quads"


@dataclass
class PushStats:
    quads: int = 0                 # statements sent, each in its graph (named or default)
    triples: int = 0               # distinct triples among them
    default_quads: int = 0         # of the quads, those in the default graph (union copy included)
    union_copy: int = 0            # triples sent to the default graph as the union copy
    ontology: int = 0              # ontology triples sent (graph ONTOLOGY_IRI)
    graphs: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    graph_names: list[str] = field(default_factory=list)


class GraphStore:
    """A Graph Store Protocol endpoint reached over one persistent HTTP(S) connection."""

    def __init__(self, url: str, *, timeout: float = 60.0, retries: int = 5, backoff: float = 0.5,
                 sleep=time.sleep):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise KgError(f"{url}: not an http(s) URL of a Graph Store endpoint (e.g. http://localhost:7878/store)")
        self.url = url
        self.scheme, self.host = parts.scheme, parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.path = parts.path or "/"
        self.query = parts.query
        self.headers = {}
        if parts.username:
            token = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            self.headers["Authorization"] = "Basic " + base64.b64encode(token).decode()
        self.timeout, self.retries, self.backoff, self.sleep = timeout, max(1, retries), backoff, sleep
        self.conn: http.client.HTTPConnection | None = None
        self.requests = 0
        self.retried = 0

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
            self.conn = cls(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def target(self, graph: str | None) -> str:
        """Request path for a named graph (``?graph=``), the default graph (``?default``) or the dataset."""
        extra = ("default" if graph == "" else f"graph={quote(graph, safe='')}") if graph is not None else ""
        query = "&".join(q for q in (self.query, extra) if q)
        return self.path + ("?" + query if query else "")

    def send(self, method: str, graph: str | None, body: bytes, content_type: str) -> None:
        where = "the dataset" if graph is None else ("the default graph" if graph == "" else f"graph <{graph}>")
        path = self.target(graph)
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            problem = ""
            try:
                conn = self._connect()
                conn.request(method, path, body=body, headers={**self.headers, "Content-Type": content_type})
                resp = conn.getresponse()
                text = resp.read()
                self.requests += 1
                if 200 <= resp.status < 300:
                    return
                first = text.decode("utf-8", "replace").strip().splitlines()[:1]
                problem = f"HTTP {resp.status} {resp.reason}" + (f": {first[0][:300]}" if first else "")
                if resp.status not in RETRY_STATUS:
                    raise KgError(f"{self.url}: {method} {where} refused: {problem}")
                retry_after = resp.getheader("Retry-After")
                if retry_after and retry_after.isdigit():
                    delay = max(delay, min(float(retry_after), 60.0))
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
            except (OSError, http.client.HTTPException) as err:
                self.close()
                reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
                if isinstance(err, socket.timeout):
                    reason = f"no answer within {self.timeout:g} s"
                problem = f"cannot reach {self.host}:{self.port}: {reason}"
            if attempt == self.retries:
                tries = f" (after {self.retries} tries)" if self.retries > 1 else ""
                raise KgError(f"{self.url}: {method} {where} failed{tries}: {problem}")
            self.retried += 1
            self.sleep(delay)
            delay *= 2


def _chunks(path: Path, size: int):
    """(graph name or "" for the default graph, [triples]) in file order, at most ``size`` per chunk."""
    from .graph.store import FORMATS

    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError(f"{path}: unknown RDF format (expected .trig, .nq, .ttl, .nt ...)")
    graph, batch = None, []
    try:
        for q in ox.parse(path=str(path), format=fmt):
            g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            if g != graph or len(batch) >= size:
                if batch:
                    yield graph, batch
                graph, batch = g, []
            batch.append(q.triple)
    except SyntaxError as err:
        raise KgError(f"{path}: not valid RDF: {str(err).splitlines()[0]}") from None
    except OSError as err:
        raise KgError(f"{path}: cannot read: {err.strerror or err}") from None
    if batch:
        yield graph, batch


def source_file(arg: str | Path | None) -> Path:
    """The build folder's graph.trig (named graphs) when there is one, else the given graph file."""
    from .export import GRAPH_TRIG
    from .graph.store import resolve_graph_path

    if not arg and not Path("exports").exists():
        raise missing_default()
    p = Path(arg) if arg else Path("exports")
    if p.is_dir() and (p / GRAPH_TRIG).is_file():
        return p / GRAPH_TRIG
    return resolve_graph_path(arg)


def default_ontology() -> Path:
    """ontology/govkg.ttl of this copy of govkg (a source checkout or an editable install)."""
    from .validate import DEFAULT_ONTOLOGY

    return DEFAULT_ONTOLOGY


def _ontology_chunks(path: Path, size: int):
    """The ontology file's triples as chunks of the graph named by the ontology IRI."""
    if not Path(path).is_file():
        raise KgError(f"{path}: no ontology file there (give --with-ontology FILE)")
    for _, triples in _chunks(Path(path), size):
        for i in range(0, len(triples), size):
            yield ONTOLOGY_IRI, triples[i:i + size]


def push(graph: str | Path | None, url: str, *, chunk: int = CHUNK_TRIPLES, mode: str = "graphs",
         retries: int = 5, backoff: float = 0.5, timeout: float = 60.0, progress=None, sleep=time.sleep,
         union_copy: bool = False, ontology: str | Path | None = None) -> PushStats:
    """Send ``graph`` (a build folder or graph file) to the Graph Store at ``url``; see the module doc."""
    if mode not in ("graphs", "dataset"):
        raise KgError(f"unknown push mode {mode!r} (graphs or dataset)")
    if chunk < 1:
        raise KgError("--chunk must be at least 1")
    store = GraphStore(url, timeout=timeout, retries=retries, backoff=backoff, sleep=sleep)
    path = source_file(graph)
    if ontology is not None and not Path(ontology).is_file():
        raise KgError(f"{ontology}: no ontology file there (give --with-ontology FILE)")
    stats = PushStats()
    started = time.perf_counter()
    seen: set[str] = set()
    distinct: set[int] = set()       # hashes of the triples sent: the distinct count, the union copy

    def sources():
        yield from _chunks(path, chunk)
        if ontology is not None:
            yield from _ontology_chunks(Path(ontology), chunk)

    def count(g: str, triples: list) -> None:
        stats.quads += len(triples)
        if g == "":
            stats.default_quads += len(triples)
        if g == ONTOLOGY_IRI:
            stats.ontology += len(triples)
        distinct.update(hash(t) for t in triples)
        if progress:
            progress(stats.quads)

    try:
        if mode == "graphs":
            for g, triples in sources():
                if union_copy and g == "":
                    continue   # the union copy below replaces the default graph, its own triples included
                method = "POST" if g in seen else "PUT"
                if g not in seen:
                    seen.add(g)
                    stats.graph_names.append(g)
                store.send(method, g, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), NT)
                count(g, triples)
        else:
            batch: list[ox.Quad] = []
            for g, triples in sources():
                if union_copy and g == "":
                    continue
                if g not in seen:
                    seen.add(g)
                    stats.graph_names.append(g)
                gn = ox.DefaultGraph() if g == "" else ox.NamedNode(g)
                batch.extend(ox.Quad(t.subject, t.predicate, t.object, gn) for t in triples)
                count(g, triples)
                if len(batch) >= chunk:
                    store.send("POST", None, ox.serialize(batch, format=ox.RdfFormat.N_QUADS), NQ)
                    batch = []
            if batch:
                store.send("POST", None, ox.serialize(batch, format=ox.RdfFormat.N_QUADS), NQ)
        if union_copy:
            _send_union(store, sources(), chunk, mode, stats, distinct)
            seen.add("")
            if "" not in stats.graph_names:
                stats.graph_names.append("")
    finally:
        store.close()
    stats.triples = len(distinct)
    stats.graphs = len(seen)
    stats.requests, stats.retries = store.requests, store.retried
    stats.seconds = time.perf_counter() - started
    return stats


def _send_union(store: GraphStore, chunks, size: int, mode: str, stats: PushStats, distinct: set[int]) -> None:
    """Every distinct triple of every graph into the default graph (the first request replaces it)."""
    sent: set[int] = set()
    batch: list[ox.Triple] = []
    first = True

    def flush():
        nonlocal first, batch
        if mode == "graphs":
            store.send("PUT" if first else "POST", "", ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES), NT)
        else:
            quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in batch]
            store.send("POST", None, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), NQ)
        stats.union_copy += len(batch)
        stats.quads += len(batch)
        stats.default_quads += len(batch)
        first, batch = False, []

    for _, triples in chunks:
        for t in triples:
            h = hash(t)
            if h not in sent:
                sent.add(h)
                distinct.add(h)
                batch.append(t)
                if len(batch) >= size:
                    flush()
    if batch or (first and mode == "graphs"):
        flush()   # an empty PUT still empties the default graph: it holds the union, which is empty
