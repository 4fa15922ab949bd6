"""kg serve over real HTTP: the server runs in-process (uvicorn in a thread) on a free loopback port."""
from __future__ import annotations

import json
import select
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
ID = "https://w3id.org/govkg/id/"
TIMEOUT = 2.0
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 129^4 rows


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from kg.serve import QueryPool, create_app

    pool = QueryPool([FIXTURE], size=2, memory_mb=2048)
    pool.start()
    app = create_app(pool, timeout=TIMEOUT, max_results=100)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    pool.close()


def http(url, data=None, headers=None, method=None):
    """(status, headers, body bytes) for any status."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get(base, query, accept=None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


OFFICIALS = "SELECT ?p ?l WHERE { ?p a govkg:Official ; rdfs:label ?l } ORDER BY ?l"


def labels(body: bytes) -> list[str]:
    return [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]


# --- the SPARQL protocol -------------------------------------------------------------------------

def test_get_json(server):
    status, headers, body = get(server, OFFICIALS, "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert labels(body) == ["赵文华", "钱立新"]


def test_default_is_json(server):
    status, headers, body = get(server, OFFICIALS)
    assert status == 200 and labels(body) == ["赵文华", "钱立新"]


def test_post_form_and_direct(server):
    data = urllib.parse.urlencode({"query": OFFICIALS}).encode()
    status, _, body = http(f"{server}/sparql", data, {"Content-Type": "application/x-www-form-urlencoded",
                                                     "Accept": "application/sparql-results+json"})
    assert status == 200 and labels(body) == ["赵文华", "钱立新"]
    status, _, body = http(f"{server}/sparql", OFFICIALS.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 200 and labels(body) == ["赵文华", "钱立新"]


def test_accept_variants(server):
    status, headers, body = get(server, OFFICIALS, "application/sparql-results+xml")
    assert status == 200 and "sparql-results+xml" in headers["Content-Type"]
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [e.text for e in ET.fromstring(body).findall(".//r:binding[@name='l']/r:literal", ns)] == \
        ["赵文华", "钱立新"]
    status, headers, body = get(server, OFFICIALS, "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines() == ["p,l", f"{ID}person/赵文华,赵文华", f"{ID}person/钱立新,钱立新"]
    status, headers, body = get(server, OFFICIALS, "text/tab-separated-values")
    assert status == 200 and body.decode().splitlines()[1] == f'<{ID}person/赵文华>\t"赵文华"@zh'
    # q-values: the client prefers CSV over JSON
    status, headers, _ = get(server, OFFICIALS, "application/sparql-results+json;q=0.5, text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    status, _, body = get(server, OFFICIALS, "image/png")
    assert status == 406 and b"acceptable" in body


def test_construct_describe_ask(server):
    q = f"DESCRIBE <{ID}person/赵文华>"
    status, headers, body = get(server, q, "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    assert (rdflib.URIRef(f"{ID}person/赵文华"), rdflib.RDFS.label, rdflib.Literal("赵文华", lang="zh")) in g
    status, headers, body = get(server, f"CONSTRUCT WHERE {{ <{ID}person/赵文华> ?p ?o }}", "application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    g = rdflib.Graph().parse(data=body.decode(), format="json-ld")
    assert len(g) == 4
    status, _, body = get(server, "ASK { ?s a govkg:Meeting }", "application/sparql-results+json")
    assert json.loads(body) == {"head": {}, "boolean": True}


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("PREFIX govkg: <https://w3id.org/govkg/ontology#>\n"
                    "SELECT ?l WHERE { ?e a govkg:Enterprise ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert [b["l"]["value"] for b in result["results"]["bindings"]] == ["明远科技有限公司"]
    client.setMethod(POST)
    assert client.query().convert()["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    client.setQuery(f"CONSTRUCT WHERE {{ <{ID}campaign/万人助万企> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=client.query().convert().decode(), format="turtle")
    assert (rdflib.URIRef(f"{ID}campaign/万人助万企"), rdflib.RDF.type,
            rdflib.URIRef("https://w3id.org/govkg/ontology#Campaign")) in g


def test_malformed_query_is_400_with_position(server):
    status, _, body = get(server, "SELECT ?s WHERE {\n ?s ?p \n}")
    assert status == 400 and b"line 2" in body and b"column" in body


def test_cors(server):
    status, headers, _ = http(f"{server}/sparql?" + urllib.parse.urlencode({"query": OFFICIALS}),
                              headers={"Origin": "http://example.org"})
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = http(f"{server}/sparql", method="OPTIONS", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]


# --- read-only and closed ------------------------------------------------------------------------

@pytest.fixture
def listener():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock
    sock.close()


def assert_nothing_connected(sock):
    readable, _, _ = select.select([sock], [], [], 0.5)
    assert readable == [], "the server made an outbound connection"


def test_service_refused_without_connecting(server, listener):
    port = listener.getsockname()[1]
    for q in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
              f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}",
              f"ASK {{ FILTER EXISTS {{ service <http://localhost:{port}/> {{ ?s ?p ?o }} }} }}"):
        status, _, body = get(server, q)
        assert status == 400 and b"SERVICE" in body, body
        status, _, body = http(f"{server}/sparql", q.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 400
    assert_nothing_connected(listener)


def test_load_from_and_updates_refused(server, listener):
    port = listener.getsockname()[1]
    remote = f"http://127.0.0.1:{port}/data.ttl"
    cases = [
        ("query", f"LOAD <{remote}>", b"not allowed"),
        ("query", f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}", b"FROM"),
        ("query", f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", b"FROM NAMED"),
        ("query", "INSERT DATA { <http://a> <http://b> <http://c> }", b"not allowed"),
        ("query", "CLEAR ALL", b"not allowed"),
        ("update", f"LOAD <{remote}>", b"read-only"),
        ("update", "DELETE WHERE { ?s ?p ?o }", b"read-only"),
    ]
    for field, text, expected in cases:
        status, _, body = http(f"{server}/sparql", urllib.parse.urlencode({field: text}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 400 and expected in body, (text, body)
    status, _, body = http(f"{server}/sparql", f"LOAD <{remote}>".encode(),
                           {"Content-Type": "application/sparql-update"})
    assert status == 400 and b"read-only" in body
    status, _, body = http(f"{server}/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * { ?s ?p ?o } LIMIT 1", "default-graph-uri": remote}))
    assert status == 400
    assert_nothing_connected(listener)
    status, _, body = get(server, "ASK { ?s ?p ?o }")  # and the graph is unchanged
    assert status == 200 and json.loads(body)["boolean"] is True


# --- limits --------------------------------------------------------------------------------------

def test_timeout_is_a_quick_503_and_the_server_recovers(server):
    started = time.monotonic()
    status, headers, body = get(server, HEAVY)
    elapsed = time.monotonic() - started
    assert status == 503 and b"timed out" in body, body
    assert elapsed < TIMEOUT + 3, elapsed
    # the other worker answers at once; the killed one is replaced in the background
    status, _, body = get(server, OFFICIALS)
    assert status == 200 and labels(body) == ["赵文华", "钱立新"]
    # two heavy queries at once (both workers) still give 503s, and afterwards all is well again
    results = []
    threads = [threading.Thread(target=lambda: results.append(get(server, HEAVY)[0])) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results == [503, 503]
    deadline = time.monotonic() + 30
    ok = 0
    while ok < 3 and time.monotonic() < deadline:
        ok = ok + 1 if get(server, OFFICIALS)[0] == 200 else 0
    assert ok == 3


def test_result_size_limit(server):
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")  # 129 rows > 100
    assert status == 413 and b"more than 100 rows" in body and b"LIMIT" in body
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 100")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 100


def test_oversized_body(server):
    status, _, _ = http(f"{server}/sparql", b"#" * (2 << 20), {"Content-Type": "application/sparql-query"})
    assert status == 413


# --- pages ---------------------------------------------------------------------------------------

def test_entity_page_html_is_escaped(server):
    path = urllib.parse.quote("/id/institution/test")
    status, headers, body = http(server + path, headers={"Accept": "text/html"})
    text = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<script>" not in text and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;研究院" in text
    assert "script-src" not in headers["Content-Security-Policy"] and "default-src 'none'" in \
        headers["Content-Security-Policy"]


def test_entity_page_content(server):
    status, _, body = http(server + urllib.parse.quote("/id/person/赵文华"), headers={"Accept": "text/html"})
    text = body.decode()
    assert status == 200
    for expected in ("<h1>赵文华</h1>", "govkg:Official", "赵主任", "主任", "高新区管委会", "优化营商环境推进会",
                     "chair", "赵文华主持召开优化营商环境推进会", "900_test.txt", "[10, 60)"):
        assert expected in text, expected
    assert 'href="/id/body/' in text  # neighbours link to their own pages
    status, _, body = http(server + urllib.parse.quote("/id/body/高新区/经济发展局"))
    text = body.decode()
    assert "万人助万企" in text and "明远科技有限公司" in text and "钱立新" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text


def test_entity_content_negotiation(server):
    url = server + urllib.parse.quote("/id/person/赵文华")
    status, headers, body = http(url, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and "Accept" in headers["Vary"]
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    me = rdflib.URIRef(f"{ID}person/赵文华")
    assert (me, rdflib.SKOS.altLabel, rdflib.Literal("赵主任", lang="zh")) in g
    assert all(s == me for s in g.subjects())  # its CBD: what is said about it
    status, headers, body = http(url, headers={"Accept": "application/ld+json"})
    assert status == 200 and json.loads(body)[0]["@id"] == str(me)
    status, _, body = http(url + "?format=turtle")
    assert status == 200 and b"@prefix" in body
    status, _, body = http(server + urllib.parse.quote("/id/person/没有这个人"))
    assert status == 404


def test_home_page(server):
    status, headers, body = http(server + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<html" in body.lower()[:2000] or b"<!doctype" in body.lower()[:100]


def test_query_form_for_browsers(server):
    status, headers, body = http(server + "/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert status == 200 and b"<form" in body


def test_binds_loopback_by_default():
    from kg.cli import make_parser

    args = make_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def test_named_queries_over_http(server):
    status, _, body = http(server + "/query")
    assert status == 200 and "entity" in {q["name"] for q in json.loads(body)}
    status, headers, body = http(server + "/query/entity?" + urllib.parse.urlencode({"name": "赵主任"}),
                                 headers={"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "post,主任,高新区管委会" in body.decode()
    # the value is a term, not query text
    status, _, body = http(server + "/query/entity?" + urllib.parse.urlencode({"name": 'x" } } SERVICE <http://127.0.0.1:9/> {'}))
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    status, _, body = http(server + "/query/entity")
    assert status == 400 and b"name=" in body
    status, _, body = http(server + "/query/nosuch")
    assert status == 400 and b"named queries" in body


@pytest.mark.parametrize("mode", ["fork", "spawn"])
def test_pool_kills_and_replaces_workers(mode):
    """Both ways of starting workers: a runaway query is killed, the pool heals and keeps answering."""
    import asyncio

    from kg.serve import PoolError, QueryPool

    if mode == "fork" and not hasattr(__import__("os"), "fork"):
        pytest.skip("no fork on this platform")
    pool = QueryPool([FIXTURE], size=1, mode=mode)
    pool.start()

    async def scenario():
        await pool.attach()
        assert (await pool.run(("ping",), 5))[3] == b"pong"
        with pytest.raises(PoolError) as err:
            await pool.run(("sparql", HEAVY, [], None), 0.5)
        assert err.value.status == 503
        reply = await pool.run(("sparql", "ASK { ?s a govkg:Official }", ["json"], None), 30)
        assert json.loads(reply[3])["boolean"] is True

    try:
        asyncio.run(scenario())
        assert pool.restarts == 1 and pool.triples == 129
    finally:
        pool.close()


def test_unloadable_graph_is_one_clear_error(tmp_path):
    from kg.errors import KgError
    from kg.serve import QueryPool

    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(KgError, match="bad.ttl"):
        QueryPool([bad], size=1).start()


def test_construct_size_limit(server):
    status, _, body = get(server, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert status == 413 and b"more than 100 triples" in body
