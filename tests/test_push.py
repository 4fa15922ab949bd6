"""kg push against a real SPARQL server (`oxigraph serve`, PyPI package oxigraph) on loopback, plus
retry/failure behaviour against a scripted HTTP server."""
from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.pipeline import build
from kg.push import push

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def start_oxigraph(tmp_path, *options):
    exe = oxigraph_binary()
    if exe is None:
        pytest.skip("oxigraph server not installed (pip install oxigraph: the test extra)")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}",
                             *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/query?query=" + urllib.parse.quote("ASK {}"), timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode()[:500]}")
            time.sleep(0.05)
    return proc, base


@pytest.fixture
def server(tmp_path):
    proc, base = start_oxigraph(tmp_path)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def union_server(tmp_path):
    """Oxigraph with --union-default-graph: plain queries see every named graph."""
    proc, base = start_oxigraph(tmp_path, "--union-default-graph")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def sparql(base: str, query: str) -> list[dict]:
    req = urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["results"]["bindings"]


def per_graph(base: str) -> Counter:
    rows = sparql(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    out = Counter({r["g"]["value"]: int(r["n"]["value"]) for r in rows})
    default = sparql(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")   # default graph only (no union flag)
    out[""] = int(default[0]["n"]["value"])
    return +out


def local_per_graph(trig: Path) -> Counter:
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    out = Counter()
    for q in store:
        out["" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value] += 1
    return +out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    build(SEEDS[:2], out=out, viz=False, cache=False)
    return out


@pytest.mark.parametrize("mode", ["graphs", "dataset"])
def test_push_keeps_every_named_graph(server, built, mode):
    stats = push(built, server + "/store", chunk=500, mode=mode)
    expected = local_per_graph(built / "graph.trig")
    assert per_graph(server) == expected
    assert stats.quads == sum(expected.values())
    assert stats.triples == distinct_triples(built / "graph.trig") < stats.quads
    assert stats.default_quads == expected[""]
    assert len(expected) > 5 and "" in expected
    if mode == "graphs":
        assert stats.requests >= len(expected)


def test_push_again_is_idempotent_and_replaces_graphs(server, built, tmp_path):
    push(built, server + "/store", chunk=7)                 # many chunks per graph: PUT then POSTs
    push(built, server + "/store", chunk=100_000)
    assert per_graph(server) == local_per_graph(built / "graph.trig")


def test_cli_push(server, built):
    proc = subprocess.run([sys.executable, "-m", "kg", "push", server + "/store", "--graph", str(built)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    expected = local_per_graph(built / "graph.trig")
    quads, triples = sum(expected.values()), distinct_triples(built / "graph.trig")
    first, second = proc.stdout.splitlines()
    assert first.startswith(f"pushed {quads} quads ({triples} distinct triples) in {len(expected) - 1} named "
                            f"graphs and the default graph to ")
    # the count a user's first COUNT(*) on the server gives, said in advance
    assert f"the default graph holds {expected['']} of them" in second and "--union-default-graph" in second
    assert per_graph(server) == expected
    assert int(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"]) == expected[""]


def test_push_a_turtle_file_goes_to_the_default_graph(server, built):
    push(built / "graph.ttl", server + "/store")
    n = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"]
    assert int(n) == len(list(ox.parse(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)))


def distinct_triples(trig: Path) -> int:
    return len({q.triple for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)})


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
COUNT_DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
EVENTS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* <https://w3id.org/govkg/ontology#Event> }"
RDFS_PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def count(base: str, query: str) -> int:
    return int(sparql(base, RDFS_PREFIX + query)[0]["n"]["value"])


def local_events(built: Path) -> int:
    from kg.validate import DEFAULT_ONTOLOGY

    store = ox.Store()
    store.bulk_load(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)
    store.bulk_load(path=str(DEFAULT_ONTOLOGY), format=ox.RdfFormat.TURTLE)
    return int(next(iter(store.query(RDFS_PREFIX + EVENTS, use_default_graph_as_union=True)))[0].value)


def test_union_default_graph_server_counts_quads_and_distinct_triples(union_server, built):
    """Documented in kg push --help: on a union default graph COUNT(*) gives the quads, DISTINCT the triples."""
    stats = push(built, union_server + "/store")
    assert count(union_server, COUNT) == stats.quads
    assert count(union_server, COUNT_DISTINCT) == stats.triples


@pytest.mark.parametrize("mode", ["graphs", "dataset"])
def test_union_copy_fills_the_default_graph_of_a_plain_server(server, built, mode):
    stats = push(built, server + "/store", union_copy=True, chunk=500, mode=mode)
    expected = local_per_graph(built / "graph.trig")
    assert stats.union_copy == stats.triples == distinct_triples(built / "graph.trig")
    assert count(server, COUNT) == stats.triples                    # a plain COUNT sees every triple once
    got = per_graph(server)
    assert {g: n for g, n in got.items() if g} == {g: n for g, n in expected.items() if g}   # graphs kept
    push(built, server + "/store", union_copy=True, mode=mode)        # again: the same, not doubled
    assert count(server, COUNT) == stats.triples


def test_with_ontology_class_hierarchy_queries_work(union_server, built, capsys):
    from kg.commands.push import summary
    from kg.validate import DEFAULT_ONTOLOGY

    push(built, union_server + "/store")
    assert count(union_server, EVENTS) == 0          # events are Meetings, Visits ...: no class says they are Events
    stats = push(built, union_server + "/store", ontology=DEFAULT_ONTOLOGY)
    assert stats.ontology > 100 and "https://w3id.org/govkg/ontology" in stats.graph_names
    assert count(union_server, EVENTS) == local_events(built) > 0
    assert "the ontology:" in summary(stats, union_server)


def test_with_ontology_from_the_cli_and_a_missing_file(server, built, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "push", server + "/store", "--graph", str(built),
                           "--with-ontology", "--union-copy"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "the ontology:" in proc.stdout and "--union-copy" in proc.stdout
    assert count(server, EVENTS) == local_events(built) > 0          # a plain server, thanks to the union copy
    with pytest.raises(KgError, match="no ontology file"):
        push(built, server + "/store", ontology=tmp_path / "none.ttl")


# ---------------------------------------------------------------- retries and failures (scripted server)

class Scripted(http.server.BaseHTTPRequestHandler):
    script: list[int] = []
    seen: list[tuple[str, str]] = []

    def _answer(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        Scripted.seen.append((self.command, self.path))
        status = Scripted.script.pop(0) if Scripted.script else 204
        self.send_response(status)
        body = b"" if status < 300 else f"scripted failure {status}\nsecond line".encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Scripted.seen = []
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/store"
    httpd.shutdown()


def test_transient_failures_are_retried_with_backoff(scripted, built):
    _, url = scripted
    Scripted.script = [503, 500, 429]
    waits: list[float] = []
    stats = push(built, url, retries=4, backoff=0.1, sleep=waits.append)
    assert waits == [0.1, 0.2, 0.4]
    assert stats.retries == 3
    assert Scripted.seen[0] == Scripted.seen[1] == Scripted.seen[2] == Scripted.seen[3]   # same request again
    first_method, first_path = Scripted.seen[0]
    assert first_method == "PUT" and ("?default" in first_path or "?graph=" in first_path)


def test_giving_up_is_one_clear_line(scripted, built):
    _, url = scripted
    Scripted.script = [503] * 10
    with pytest.raises(KgError) as err:
        push(built, url, retries=3, backoff=0, sleep=lambda s: None)
    msg = str(err.value)
    assert "\n" not in msg and url in msg and "after 3 tries" in msg and "HTTP 503" in msg
    assert "scripted failure 503" in msg and "second line" not in msg


def test_a_refusal_is_not_retried(scripted, built):
    _, url = scripted
    Scripted.script = [400]
    with pytest.raises(KgError) as err:
        push(built, url, retries=5, backoff=0, sleep=lambda s: None)
    assert "HTTP 400" in str(err.value) and len(Scripted.seen) == 1


def test_no_server_is_one_line_from_the_cli(built):
    port = free_port()
    proc = subprocess.run([sys.executable, "-m", "kg", "push", f"http://127.0.0.1:{port}/store", "--graph", str(built),
                           "--retries", "2", "--backoff", "0.01"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert lines[0].startswith("kg push: error: ") and f"127.0.0.1:{port}" in lines[0] and "after 2 tries" in lines[0]


def test_missing_default_build_says_it_is_relative_to_the_working_directory(tmp_path, monkeypatch, capsys):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    with pytest.raises(KgError) as err:
        push(None, "http://127.0.0.1:1/store")
    assert f"exports/: no such folder in the working directory {tmp_path}" in str(err.value)
    assert "relative to where kg runs" in str(err.value)
    for argv in (["push", "http://127.0.0.1:1/store"], ["serve"]):
        assert main(argv) == 1
        line = capsys.readouterr().err.strip()
        assert "\n" not in line and "relative to where kg runs" in line and str(tmp_path) in line


def test_bad_url_and_missing_graph(tmp_path):
    with pytest.raises(KgError, match="not an http"):
        push(tmp_path, "ftp://example/store")
    with pytest.raises(KgError, match="no such graph file"):
        push(tmp_path / "nothing", "http://127.0.0.1:1/store")
