"""kg query: safety checks, parameters as terms, result formats, named queries, the CLI."""
from __future__ import annotations

import csv
import io
import json
import select
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import QueryError
from kg.graph.store import load_store
from kg.query.engine import execute, parse_param, parse_params, run_query
from kg.query.formats import text_width, write_result, write_table
from kg.query.named import get_query, list_queries
from kg.query.safety import check_query

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
ID = "https://w3id.org/govkg/id/"


@pytest.fixture(scope="module")
def store():
    return load_store(FIXTURE)


def rows_of(result):
    return [tuple(None if t is None else t.value for t in row) for row in result.rows]


def kg(*args, capsysbinary=None):
    code = main(list(args))
    out = capsysbinary.readouterr() if capsysbinary else None
    return code, out


# --- safety --------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE ?endpoint { ?a ?b ?c } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } } } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_is_refused(query):
    with pytest.raises(QueryError, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize("query, op", [
    ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
    ("LOAD <http://x/> INTO GRAPH <http://y/>", "LOAD"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT DATA"),
    ("DELETE DATA { <http://a> <http://b> <http://c> }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://g>", "DROP"),
    ("CREATE GRAPH <http://g>", "CREATE"),
    ("ADD <http://a> TO <http://b>", "ADD"),
    ("MOVE DEFAULT TO <http://b>", "MOVE"),
    ("COPY <http://a> TO DEFAULT", "COPY"),
    ("PREFIX ex: <http://e/>\nINSERT { ?s ex:p 1 } WHERE { broken", "INSERT"),
])
def test_updates_are_refused(query, op):
    with pytest.raises(QueryError, match="not allowed") as err:
        check_query(query)
    assert op in str(err.value)


@pytest.mark.parametrize("query", [
    "SELECT * FROM <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/>\nSELECT * FROM ex:data WHERE { ?s ?p ?o }",
])
def test_remote_datasets_are_refused(query):
    with pytest.raises(QueryError, match="FROM.*not allowed"):
        check_query(query)


def test_own_named_graphs_may_be_selected():
    checked = check_query("SELECT * FROM <https://w3id.org/govkg/id/article/x/1> WHERE { ?s ?p ?o }")
    assert checked.has_from


@pytest.mark.parametrize("query", [
    "SELECT ?service ?load WHERE { ?service ?load ?o }",           # variables named like keywords
    'SELECT * WHERE { ?s ?p "SERVICE LOAD" }',                    # inside a string
    "PREFIX service: <http://e/>\nSELECT * WHERE { ?s service:load ?o }  # SERVICE in a comment",
])
def test_keywords_elsewhere_are_fine(query):
    assert check_query(query).form == "SELECT"


def test_malformed_query_reports_line_and_column():
    with pytest.raises(QueryError) as err:
        check_query("SELECT ?s\nWHERE {\n  ?s rdfs:label \n}")
    msg = str(err.value)
    assert "malformed query at line" in msg and "column" in msg
    assert "\n" not in msg
    # the position refers to the user's text, not to the predeclared prefixes
    with pytest.raises(QueryError, match=r"line 3, column 14"):
        check_query("SELECT *\nWHERE {\n    ?s ?p ?o ?x }")


def test_unknown_prefix_is_named():
    with pytest.raises(QueryError, match="unknown prefix 'foo:'"):
        check_query("SELECT * WHERE { ?s foo:bar ?o }")


def test_prefixes_are_predeclared_unless_the_query_declares_them(store):
    checked = check_query("PREFIX govkg: <urn:other#>\nASK { ?s govkg:title ?o }")
    assert checked.text.count("PREFIX govkg:") == 1 and "urn:other#" in checked.text
    assert execute(store, checked).boolean is False
    assert run_query(store, "ASK { ?s govkg:title ?o }").boolean is True
    assert run_query(store, "ASK { ?s a xsd:string }").boolean is False


def test_service_never_connects(store):
    """pyoxigraph would federate SERVICE over HTTP: the check must stop it before execution."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    try:
        with pytest.raises(QueryError):
            run_query(store, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
        readable, _, _ = select.select([listener], [], [], 0.3)
        assert readable == [], "something connected to the SERVICE endpoint"
    finally:
        listener.close()


# --- parameters ----------------------------------------------------------------------------------

def test_param_terms():
    assert parse_param("王家鹏") == ox.Literal("王家鹏")
    assert parse_param("王家鹏", "zh") == ox.Literal("王家鹏", language="zh")
    assert parse_param('"王家鹏"@zh') == ox.Literal("王家鹏", language="zh")
    assert parse_param('"2020-03-20"^^xsd:date') == ox.Literal(
        "2020-03-20", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert parse_param(f"<{ID}person/x>") == ox.NamedNode(f"{ID}person/x")
    assert parse_param("govkg:Official") == ox.NamedNode("https://w3id.org/govkg/ontology#Official")
    assert parse_param("http://not-a-prefix") == ox.Literal("http://not-a-prefix")
    with pytest.raises(QueryError):
        parse_param('"unterminated')
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["novalue"])


def test_params_are_bound_as_terms_not_text(store):
    # a value that would break out of a pasted string literal is just a string that matches nothing
    evil = '赵文华" } ?s ?p ?o . FILTER("1'
    q = "SELECT ?p ?name WHERE { ?p rdfs:label ?l FILTER(STR(?l) = ?name) }"
    assert rows_of(execute(store, check_query(q), parse_params([f"name={evil}"]))) == []
    rows = rows_of(execute(store, check_query(q), parse_params(["name=赵文华"])))
    assert rows == [(f"{ID}person/赵文华", "赵文华")]


def test_param_must_be_projected_and_exist(store):
    with pytest.raises(QueryError, match="SELECT clause"):
        execute(store, check_query("SELECT ?p WHERE { ?p rdfs:label ?name }"), parse_params(["name=x"]))
    with pytest.raises(QueryError, match="no variable"):
        execute(store, check_query("SELECT * WHERE { ?p rdfs:label ?l }"), parse_params(["name=x"]))


def test_from_selects_a_named_graph(tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_text(f"""<{ID}article/a/1> {{ <{ID}person/甲> <http://www.w3.org/2000/01/rdf-schema#label> "甲"@zh . }}
<{ID}article/a/2> {{ <{ID}person/乙> <http://www.w3.org/2000/01/rdf-schema#label> "乙"@zh . }}
""", encoding="utf-8")
    s = load_store(trig)
    q = "SELECT ?l WHERE { ?p rdfs:label ?l }"  # the default graph is the union of the article graphs
    assert sorted(r[0] for r in rows_of(run_query(s, q))) == ["乙", "甲"]
    q = f"SELECT ?l FROM <{ID}article/a/2> WHERE {{ ?p rdfs:label ?l }}"
    assert [r[0] for r in rows_of(run_query(s, q))] == ["乙"]


# --- formats -------------------------------------------------------------------------------------

def test_table_aligns_chinese_and_escapes_control_characters():
    variables = ["name", "org", "n"]
    rows = [(ox.Literal("王家鹏", language="zh"), ox.Literal("郑州航空港经济综合实验区管委会"), ox.Literal("1")),
            (ox.Literal("Li"), ox.Literal("ab"), ox.Literal("22")),
            (ox.Literal("x\x1b[31m红\u3000"), None, ox.Literal("3"))]
    out = io.BytesIO()
    write_table(variables, rows, out)
    lines = out.getvalue().decode().splitlines()
    assert "\x1b" not in out.getvalue().decode() and "\\x1b" in lines[4]
    assert "红\u3000" in lines[4]  # ideographic space is text, not a control character
    # the second column starts at the same display column on every line (CJK counts two)
    starts = {second_column(line) for line in lines[:4]}
    assert len(starts) == 1, lines
    third = {text_width(line[:line.rstrip().rindex("  ") + 2]) for line in lines[:5]}
    assert len(third) == 1, lines  # so does the third
    assert lines[-1] == "(3 rows)"


def test_table_cuts_long_cells():
    out = io.BytesIO()
    write_table(["t"], [(ox.Literal("长" * 100),)], out, cell_width=20)
    cell = out.getvalue().decode().splitlines()[2]
    assert cell.endswith("…") and text_width(cell) <= 20


def second_column(line: str) -> int:
    """Display column where the second cell of a table line starts."""
    import re
    m = re.search(r"\S  +(?=\S)", line)
    return text_width(line[:m.end()])


def _select(store):
    return execute(store, check_query(
        "SELECT ?p ?l ?n WHERE { ?p a govkg:Official ; rdfs:label ?l . BIND(1 AS ?n) OPTIONAL { ?p govkg:none ?x } }"
        " ORDER BY ?l"))


def test_csv_tsv_json_xml(store):
    out = io.BytesIO()
    assert write_result(_select(store), "csv", out) == 2
    table = list(csv.reader(io.StringIO(out.getvalue().decode())))
    assert table[0] == ["p", "l", "n"] and table[1] == [f"{ID}person/赵文华", "赵文华", "1"]
    assert out.getvalue().endswith(b"\r\n")

    out = io.BytesIO()
    write_result(_select(store), "tsv", out)
    lines = out.getvalue().decode().splitlines()
    assert lines[0] == "?p\t?l\t?n"
    assert lines[1] == f'<{ID}person/赵文华>\t"赵文华"@zh\t"1"^^<http://www.w3.org/2001/XMLSchema#integer>'

    out = io.BytesIO()
    write_result(_select(store), "json", out)
    doc = json.loads(out.getvalue())
    assert doc["head"]["vars"] == ["p", "l", "n"]
    b = doc["results"]["bindings"][0]
    assert b["p"] == {"type": "uri", "value": f"{ID}person/赵文华"}
    assert b["l"] == {"type": "literal", "value": "赵文华", "xml:lang": "zh"}
    assert b["n"]["datatype"].endswith("#integer")

    out = io.BytesIO()
    write_result(_select(store), "xml", out)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(out.getvalue())
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["p", "l", "n"]
    lit = root.find("r:results/r:result/r:binding[@name='l']/r:literal", ns)
    assert lit.text == "赵文华" and lit.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"


def test_ask_and_construct(store):
    out = io.BytesIO()
    write_result(run_query(store, "ASK { ?s a govkg:Meeting }"), "json", out)
    assert json.loads(out.getvalue()) == {"head": {}, "boolean": True}
    out = io.BytesIO()
    write_result(run_query(store, f"DESCRIBE <{ID}person/赵文华>"), "table", out)
    import rdflib
    g = rdflib.Graph().parse(data=out.getvalue().decode(), format="turtle")
    assert (rdflib.URIRef(f"{ID}person/赵文华"), rdflib.RDFS.label, rdflib.Literal("赵文华", lang="zh")) in g


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", "TURTLE"), ("ntriples", "N_TRIPLES"),
                                              ("jsonld", "JSON_LD"), ("rdfxml", "RDF_XML")])
def test_construct_in_every_rdf_format_on_the_command_line(fmt, rdf_format, capsysbinary):
    import pyoxigraph as ox
    q = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a govkg:Official ; rdfs:label ?l }"
    code, out = kg("query", q, "--graph", str(FIXTURE), "--format", fmt, capsysbinary=capsysbinary)
    assert code == 0
    parsed = list(ox.parse(out.out, format=getattr(ox.RdfFormat, rdf_format)))
    assert parsed and len(parsed) == len(list(run_query(load_store(FIXTURE), q).triples))


def test_an_rdf_format_for_a_select_is_one_line_with_what_fits(capsys):
    assert main(["query", "SELECT ?s WHERE { ?s a govkg:Official }", "--graph", str(FIXTURE), "-f", "turtle"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "format turtle is for CONSTRUCT and DESCRIBE results" in err and "csv" in err


# --- named queries -------------------------------------------------------------------------------

def test_named_queries_are_listed_with_titles():
    names = {q.name: q for q in list_queries()}
    assert {"officials", "campaigns", "enterprises", "events", "banners", "entity", "provenance",
            "posts-history"} <= set(names)
    assert all(q.title and q.title != q.name for q in names.values())
    assert names["entity"].params == ("name",) and names["entity"].languages == {"name": "zh"}


def test_a_misspelt_named_query_gets_did_you_mean():
    with pytest.raises(QueryError) as err:
        get_query("oficials")
    assert "did you mean officials?" in str(err.value) and "named queries: banners" in str(err.value)
    with pytest.raises(QueryError) as err:
        get_query("Entiy")
    assert "did you mean entity?" in str(err.value)
    with pytest.raises(QueryError) as err:
        get_query("zzz")
    assert "did you mean" not in str(err.value)


def named(store, query_name, **params):
    q = get_query(query_name)
    result = execute(store, check_query(q.text), parse_params([f"{k}={v}" for k, v in params.items()],
                                                              q.languages))
    return [dict(zip(result.variables, (None if t is None else t.value for t in row))) for row in result.rows]


def test_officials(store):
    rows = named(store, "officials")
    assert {(r["person"], r["title"], r["organization"]) for r in rows} == {
        ("赵文华", "主任", "高新区管委会"), ("钱立新", "局长", "高新区经济发展局")}
    assert all(r["article"].startswith(f"{ID}article/") for r in rows)


def test_campaigns_enterprises_banners_events(store):
    assert [(r["campaign"], r["agent"], r["agentClass"], r["articles"]) for r in named(store, "campaigns")] == [
        ("万人助万企", "高新区经济发展局", "GovernmentBody", "1")]
    assert [(r["enterprise"], r["servedBy"]) for r in named(store, "enterprises")] == [
        ("明远科技有限公司", "高新区经济发展局")]
    banners = named(store, "banners")
    assert [(r["giver"], r["recipient"], r["file"]) for r in banners] == [
        ("明远科技有限公司", "高新区经济发展局", "900_test.txt")]
    assert "赠送锦旗" in banners[0]["sentence"]
    events = named(store, "events")
    assert [e["event"] for e in events] == ["优化营商环境推进会", "赠送锦旗"]  # dated first
    assert events[0]["date"] == "2020-03-20" and "chair: 赵文华" in events[0]["participants"]


def test_entity_by_name_and_alias(store):
    rows = named(store, "entity", name="赵文华")
    got = {(r["section"], r["property"], r["value"]) for r in rows}
    assert ("class", "rdf:type", "Official") in got
    assert ("post", "主任", "高新区管委会") in got
    assert ("event", "chair", "2020-03-20 优化营商环境推进会") in got
    assert ("label", "skos:altLabel", "赵主任") in got
    post = next(r for r in rows if r["section"] == "post")
    assert "赵文华主持召开" in post["source"]
    assert {(r["section"], r["value"]) for r in named(store, "entity", name="赵主任")} == \
        {(r["section"], r["value"]) for r in rows}
    body = {(r["section"], r["property"], r["value"]) for r in named(store, "entity", name="经济发展局")}
    assert ("relation", "conducts →", "万人助万企") in body
    assert ("relation", "← gaveBannerTo", "明远科技有限公司") in body
    assert ("member", "局长", "钱立新") in body
    assert named(store, "entity", name="无此人") == []


def test_provenance_gives_sentence_file_and_offsets(store):
    rows = named(store, "provenance", name="明远科技有限公司")
    banner = next(r for r in rows if r["predicate"] == "gaveBannerTo")
    assert banner["file"] == "900_test.txt" and (banner["charStart"], banner["charEnd"]) == ("420", "480")
    assert banner["sentence"].startswith("明远科技有限公司向经济发展局赠送锦旗")


def test_posts_history(store):
    rows = named(store, "posts-history")
    assert {(r["person"], r["title"], r["when"]) for r in rows} == {
        ("赵文华", "主任", "2020-03-20"), ("钱立新", "局长", "2020-03-20")}


def test_bundled_queries_on_a_synthetic_graph():
    """Every bundled query runs on a graph of the build's shape, beyond the hand-written fixture."""
    sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
    from query_synth import make_graph

    s = ox.Store()
    s.bulk_extend(make_graph(20_000))
    some_person = next(s.query("SELECT ?l WHERE { ?p a govkg:Official ; rdfs:label ?l } LIMIT 1",
                               prefixes={"govkg": "https://w3id.org/govkg/ontology#",
                                         "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}))[0].value
    for q in list_queries():
        rows = named(s, q.name, **({"name": some_person} if q.params else {}))
        assert rows, q.name


# --- CLI -----------------------------------------------------------------------------------------

def test_cli_list(capsysbinary):
    code, out = kg("query", "--list", capsysbinary=capsysbinary)
    text = out.out.decode()
    assert code == 0 and "entity --param name=..." in text and "officials" in text


def test_cli_table_and_formats(capsysbinary):
    code, out = kg("query", "officials", "--graph", str(FIXTURE), capsysbinary=capsysbinary)
    lines = out.out.decode().splitlines()
    assert code == 0 and lines[0].split()[:3] == ["person", "title", "organization"]
    assert len({second_column(line) for line in lines[:4]}) == 1, lines

    code, out = kg("query", "entity", "--param", "name=赵文华", "--graph", str(FIXTURE), "--format", "json",
                   capsysbinary=capsysbinary)
    doc = json.loads(out.out)
    assert code == 0 and "name" in doc["head"]["vars"]
    assert any(b["section"]["value"] == "post" for b in doc["results"]["bindings"])

    code, out = kg("query", "SELECT ?l WHERE { ?p a govkg:Official ; rdfs:label ?l } ORDER BY DESC(?l)",
                   "--graph", str(FIXTURE), "-f", "csv", capsysbinary=capsysbinary)
    assert code == 0 and out.out.decode() == "l\r\n钱立新\r\n赵文华\r\n"


def test_cli_query_file_and_params(tmp_path, capsysbinary):
    rq = tmp_path / "who.rq"
    rq.write_text("# params: name\nSELECT ?p ?name WHERE { ?p rdfs:label ?l FILTER(STR(?l) = ?name) }\n",
                  encoding="utf-8")
    code, out = kg("query", str(rq), "-p", "name=钱立新", "--graph", str(FIXTURE), "-f", "tsv",
                   capsysbinary=capsysbinary)
    assert code == 0 and f"<{ID}person/钱立新>" in out.out.decode()


def test_cli_errors_are_one_line_with_status_2(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "kg", "query", *args], capture_output=True, text=True,
                              cwd=tmp_path, timeout=60)

    r = run("SELECT ?s WHERE {\n  ?s ?p\n}")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "line 2" in r.stderr and "column" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert r.returncode == 2 and "SERVICE" in r.stderr and "Traceback" not in r.stderr
    r = run("entity")
    assert r.returncode == 2 and "--param name=" in r.stderr
    r = run("officials")  # no exports/ here
    assert r.returncode == 1 and "kg build" in r.stderr and "Traceback" not in r.stderr
    r = run("nosuchquery")
    assert r.returncode == 2 and "named queries:" in r.stderr


def test_engine_errors_point_into_the_users_text(store):
    """A query rdflib accepts but pyoxigraph refuses: the position is shifted past the predeclared prefixes."""
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        run_query(store, "SELECT ?x\n  (COUNT(?x) AS ?x) { ?x ?p ?o }")


# --- DataFrames for notebooks (pandas optional) ----------------------------------------------------

def test_dataframe_from_a_select_a_named_query_and_a_construct(store):
    pd = pytest.importorskip("pandas")
    from kg.query.formats import dataframe

    df = dataframe(store, "SELECT * WHERE { ?p a govkg:Official ; rdfs:label ?l } ORDER BY ?l")
    assert list(df.columns) == ["p", "l"] and list(df["l"]) == ["赵文华", "钱立新"]
    assert df["p"][0] == "https://w3id.org/govkg/id/person/赵文华"
    counted = dataframe(FIXTURE, "SELECT (COUNT(*) AS ?n) WHERE { ?p a govkg:Official }")
    assert counted["n"][0] == 2 and isinstance(counted["n"][0].item(), int)   # numbers are numbers
    entity = dataframe(FIXTURE, "entity", name="赵主任")
    assert "高新区管委会" in set(entity["value"])
    triples = dataframe(store, "CONSTRUCT WHERE { <https://w3id.org/govkg/id/person/赵文华> rdfs:label ?l }")
    assert list(triples.columns) == ["subject", "predicate", "object"] and triples["object"][0] == "赵文华"
    assert isinstance(dataframe(store, "ASK { ?s a govkg:Meeting }"), pd.DataFrame)


def test_dataframe_without_pandas_is_one_clear_error(store, monkeypatch):
    from kg.query.formats import dataframe

    monkeypatch.setitem(sys.modules, "pandas", None)      # as if pandas were not installed
    with pytest.raises(QueryError, match="pip install pandas"):
        dataframe(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
