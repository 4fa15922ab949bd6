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
    from conftest import live_server

    with live_server([FIXTURE], size=2, timeout=TIMEOUT, max_results=100) as url:
        yield url


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


# --- standard clients: SPARQLWrapper, every query form and every return format it offers ---------

ZHAO = f"{ID}person/赵文华"
FORMS = {
    "SELECT": "SELECT ?l WHERE { ?e a govkg:Enterprise ; rdfs:label ?l }",
    "ASK": "ASK { ?s a govkg:Meeting }",
    "CONSTRUCT": f"CONSTRUCT WHERE {{ <{ZHAO}> ?p ?o }}",
    "DESCRIBE": f"DESCRIBE <{ZHAO}>",
}
#: (query kind, SPARQLWrapper format) -> what comes back when the format is one the form has
NATIVE = {
    ("results", "json"): "json", ("results", "xml"): "xml", ("results", "csv"): "csv", ("results", "tsv"): "tsv",
    ("graph", "turtle"): "turtle", ("graph", "n3"): "turtle", ("graph", "xml"): "rdfxml",
    ("graph", "rdf+xml"): "rdfxml", ("graph", "rdf"): "rdfxml", ("graph", "json-ld"): "jsonld",
    ("graph", "json"): "jsonld", ("graph", "csv"): "csv", ("graph", "tsv"): "tsv",
}
#: formats SPARQLWrapper asks with "Accept: */*" only: with only content negotiation, the default comes
CONNEG_STAR = {("results", f) for f in ("turtle", "n3", "rdf", "rdf+xml", "json-ld")} | \
    {("graph", f) for f in ("rdf", "json", "csv", "tsv")}


def _check_converted(form, got, value):
    """The converted result holds the fixture's answer."""
    from xml.dom.minidom import Document

    if got == "json":
        assert isinstance(value, dict)
        if form == "ASK":
            assert value["boolean"] is True
        else:
            assert [b["l"]["value"] for b in value["results"]["bindings"]] == ["明远科技有限公司"]
    elif got == "xml":
        assert isinstance(value, Document)
        text = value.toxml()
        assert ("<boolean>true</boolean>" in text) if form == "ASK" else ("明远科技有限公司" in text)
    elif got in ("csv", "tsv"):
        text = value.decode()
        if form == "ASK":
            assert text.strip() == "true"
        elif form == "SELECT":
            assert "明远科技有限公司" in text
        else:
            assert ZHAO in text and "赵文华" in text
    else:
        if got == "turtle":
            g = rdflib.Graph().parse(data=value.decode(), format="turtle")
        else:
            g = value  # rdflib graph parsed by SPARQLWrapper (RDF/XML, JSON-LD)
        assert (rdflib.URIRef(ZHAO), rdflib.RDFS.label, rdflib.Literal("赵文华", lang="zh")) in g
        assert len(set(g.subjects())) == 1


@pytest.mark.parametrize("only_conneg", [False, True], ids=["format+accept", "accept-only"])
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("form", list(FORMS))
def test_sparqlwrapper_every_form_and_return_format(server, form, method, only_conneg):
    import warnings

    import SPARQLWrapper as sw

    kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "results"
    for fmt in sw.Wrapper._allowedFormats:
        client = sw.SPARQLWrapper(f"{server}/sparql")
        client.setQuery(FORMS[form])
        client.setMethod(method)
        client.setOnlyConneg(only_conneg)
        client.setReturnFormat(fmt)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            response = client.query()
            value = response.convert()
        default = "json" if kind == "results" else "turtle"
        native = NATIVE.get((kind, fmt))
        expected = default if native is None or (only_conneg and (kind, fmt) in CONNEG_STAR) else native
        ctype = response.info()["content-type"]
        assert ctype.startswith(
            {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
             "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
             "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}[expected]), (fmt, ctype)
        _check_converted(form, expected, value)
        mismatch = [w for w in caught if "Format requested" in str(w.message)]
        if expected == native:  # the client got what it asked for: it does not complain
            assert not mismatch, (fmt, mismatch[0].message)


def test_construct_as_rdfxml_and_ntriples(server):
    q = f"CONSTRUCT WHERE {{ <{ZHAO}> ?p ?o }}"
    status, headers, body = get(server, q, "application/rdf+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml")
    g = rdflib.Graph().parse(data=body.decode(), format="xml")
    assert (rdflib.URIRef(ZHAO), rdflib.RDFS.label, rdflib.Literal("赵文华", lang="zh")) in g
    status, headers, body = get(server, q, "application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=body.decode(), format="nt")) == len(g)
    # a comma-separated format= list is read like an Accept header, not as one media type
    status, headers, _ = get(server, q, format="application/ld+json,application/x-json+ld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    status, headers, _ = get(server, q, format="text/turtle;q=0.5, application/rdf+xml")
    assert headers["Content-Type"].startswith("application/rdf+xml")
    # several format values: the first understood one wins
    status, headers, _ = http(f"{server}/sparql?" + urllib.parse.urlencode(
        [("query", q), ("format", "rdf"), ("format", "application/rdf+xml")]))
    assert status == 200 and headers["Content-Type"].startswith("application/rdf+xml")


def test_accept_q_values_and_wildcards(server):
    # q=0 refuses a format even when a wildcard would allow it
    status, headers, _ = get(server, OFFICIALS, "application/sparql-results+json;q=0, */*;q=0.1")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    status, headers, _ = get(server, OFFICIALS, "text/*")
    assert headers["Content-Type"].startswith("text/csv")
    status, headers, _ = get(server, OFFICIALS, "application/x-unknown;q=1.0, text/tab-separated-values;q=0.2")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    # a CONSTRUCT cannot be SPARQL results: said so, with what is acceptable
    status, _, body = get(server, FORMS["CONSTRUCT"], "application/sparql-results+json")
    assert status == 406 and b"text/turtle" in body


def test_accepted_tokens():
    from kg.query.formats import accepted, negotiate, parse_accept

    assert parse_accept("a/b;q=0.5, c/d, e/f;q=0.9;level=1") == [("c/d", 1.0), ("e/f", 0.9), ("a/b", 0.5)]
    assert accepted("text/turtle;q=0.5, application/rdf+xml") == ["rdfxml", "turtle"]
    assert accepted(None, ["json-ld", "application/ld+json,application/x-json+ld"]) == ["jsonld"]
    assert accepted("*/*", ["turtle"]) == ["turtle", "*"]
    assert negotiate(["turtle", "*"], graph=False) == "json"      # a SELECT asked for Turtle: the default
    assert negotiate(["xml"], graph=True) == "rdfxml" and negotiate(["xml"], graph=False) == "xml"
    assert negotiate(["json"], graph=True) == "jsonld"
    assert negotiate(["-json", "*"], graph=False) == "xml"
    assert negotiate(["?image/png"], graph=False) is None
    assert negotiate([], graph=True) == "turtle"


# --- the service description ---------------------------------------------------------------------

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.mark.parametrize("accept, rdf_format", [
    (None, "turtle"), ("*/*", "turtle"), ("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_service_description_without_a_query(server, accept, rdf_format):
    status, headers, body = http(f"{server}/sparql", headers={"Accept": accept} if accept else {})
    assert status == 200 and "Accept" in headers["Vary"]
    g = rdflib.Graph().parse(data=body.decode(), format=rdf_format)
    me = rdflib.URIRef(f"{server}/sparql")
    assert (me, rdflib.RDF.type, SD.Service) in g
    assert (me, SD.endpoint, me) in g
    assert (me, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (me, SD.feature, SD.UnionDefaultGraph) in g
    formats = set(g.objects(me, SD.resultFormat))
    assert {rdflib.URIRef("http://www.w3.org/ns/formats/" + f)
            for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "RDF_XML", "N-Triples", "Turtle")} <= formats
    # the default graph's size, in distinct triples (the fixture: 129)
    triples = [int(o) for o in g.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#triples"))]
    assert triples and set(triples) == {129}


def test_service_description_refuses_what_it_cannot_write(server):
    status, _, body = http(f"{server}/sparql", headers={"Accept": "image/png"})
    assert status == 406 and b"text/turtle" in body


# --- the query page for people -------------------------------------------------------------------

def test_query_page_is_offline_with_its_own_script(server):
    status, headers, body = http(f"{server}/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    page = body.decode()
    assert status == 200 and '<form id="query-form"' in page
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    # everything comes from this server: no CDN, no inline script that runs
    import re
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page)
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all('type="application/json"' in s or 'src="/static/' in s for s in scripts)
    for name, media in (("sparql.js", "text/javascript"), ("sparql.css", "text/css")):
        status, headers, body = http(f"{server}/static/{name}")
        assert status == 200 and headers["Content-Type"].startswith(media) and len(body) > 500
    assert http(f"{server}/static/..%2Fapp.py")[0] == 404
    assert http(f"{server}/static/nope.js")[0] == 404
    # the bundled queries without parameters are offered as examples
    examples = json.loads(re.search(r'id="kg-examples">(.*?)</script>', page, re.S).group(1))
    assert "officials" in {e["name"] for e in examples} and all(e["query"] for e in examples)


def test_browser_following_a_query_link_gets_the_page(server):
    status, headers, body = get(server, OFFICIALS, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"sparql.js" in body
    # ... unless it asks for a format
    status, headers, body = get(server, OFFICIALS, "text/html,*/*;q=0.8", format="csv")
    assert headers["Content-Type"].startswith("text/csv")


# --- SELECT * keeps the query's variable order -----------------------------------------------------

def test_select_star_keeps_the_variable_order(server):
    q = "SELECT * WHERE { ?zed a govkg:Official ; rdfs:label ?label . OPTIONAL { ?post org:member ?zed } }"
    status, _, body = get(server, q, "application/sparql-results+json")
    assert json.loads(body)["head"]["vars"] == ["zed", "label", "post"]
    status, _, body = get(server, q, "text/csv")
    assert body.decode().splitlines()[0] == "zed,label,post"
    rows = json.loads(get(server, q + " ORDER BY ?label", "application/sparql-results+json")[2])["results"]["bindings"]
    assert rows[0]["label"]["value"] == "赵文华" and rows[0]["zed"]["value"] == ZHAO


# --- the query page in a real browser (headless Chromium, all other network blocked) ---------------

@pytest.fixture(scope="module")
def browser():
    import os
    import shutil
    import tempfile

    chromium = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    chromedriver = os.environ.get("KG_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        reason = "selenium is not installed"
    else:
        reason = next((f"{p} not found" for p in (chromium, chromedriver) if not os.access(p, os.X_OK)), None)
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"{reason}; run `make browser-deps` to enable the browser tests")
    os.environ["SE_AVOID_STATS"] = "true"
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(chromedriver), options=opts)
    d.set_page_load_timeout(60)
    try:
        yield d
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait_for(browser, script: str, what: str):
    deadline = time.monotonic() + 20
    while True:
        value = browser.execute_script(script)
        if value:
            return value
        assert time.monotonic() < deadline, f"the page never showed {what}"
        time.sleep(0.05)


def test_query_page_shows_a_results_table(server, browser):
    browser.get(f"{server}/sparql?" + urllib.parse.urlencode({"query": OFFICIALS}))
    rows = _wait_for(browser, "return [...document.querySelectorAll('#results tbody tr')]"
                              ".map(tr => [...tr.cells].map(td => td.textContent))", "a table")
    assert rows == [["1", "id:person/赵文华", "赵文华@zh"], ["2", "id:person/钱立新", "钱立新@zh"]]
    headers = browser.execute_script("return [...document.querySelectorAll('#results th')].map(th => th.textContent)")
    assert headers == ["#", "?p", "?l"]
    link = browser.execute_script("return document.querySelector('#results tbody a.iri').getAttribute('href')")
    assert link == "/id/person/%E8%B5%B5%E6%96%87%E5%8D%8E"
    assert "2 rows" in browser.execute_script("return document.getElementById('status').textContent")
    # a CONSTRUCT typed into the editor and run: its triples as a table
    browser.execute_script("document.getElementById('query').value = arguments[0];"
                           "document.getElementById('run').click()", FORMS["CONSTRUCT"])
    triples = _wait_for(browser, "const h = [...document.querySelectorAll('#results th')].map(t => t.textContent);"
                                 "return h.includes('?subject') && document.querySelectorAll('#results tbody tr').length",
                        "the triples")
    assert triples == 4
    # a malformed query: the server's one-line message, no table
    browser.execute_script("document.getElementById('query').value = 'SELECT ?s WHERE {';"
                           "document.getElementById('run').click()")
    message = _wait_for(browser, "const e = document.getElementById('error'); return !e.hidden && e.textContent",
                        "the error")
    assert message.startswith("HTTP 400: malformed query")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "400" not in e["message"]]
    assert errors == []   # nothing blocked by the page's Content-Security-Policy, no script errors
