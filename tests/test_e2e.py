"""End to end over the bundled seed pages: concrete facts a reader of the pages can check."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.store import load_store
from kg.vocab import PREFIXES

PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def ask(store, body: str) -> bool:
    return bool(store.query(PREFIX + "ASK { " + body + " }").__bool__())


def select(store, query: str):
    return [[t.value if t is not None else None for t in row] for row in store.query(PREFIX + query)]


@pytest.fixture(scope="module")
def store(seeds_build):
    _, out = seeds_build
    return load_store(out / "graph.ttl")


def test_outputs_exist(seeds_build):
    result, out = seeds_build
    assert len(result.pages) == 5 and not result.errors
    for name in ("graph.ttl", "graph.trig", "network.html"):
        assert (out / name).stat().st_size > 0


def test_wang_jiapeng_heads_the_management_committee(store):
    assert ask(store, """
        ?p rdfs:label "王家鹏"@zh ; a govkg:Official .
        ?m a org:Membership ; org:member ?p ; org:organization ?o ; govkg:title "主任"@zh .
        ?o a govkg:GovernmentBody ; rdfs:label|skos:altLabel ?l .
        FILTER(CONTAINS(STR(?l), "管委会") && CONTAINS(STR(?l), "示范区"))""")


def test_two_posts_in_one_bureau(store):
    titles = {r[0] for r in select(store, """SELECT ?t WHERE {
        ?p rdfs:label "杨树亮"@zh . ?m org:member ?p ; org:organization ?o ; govkg:title ?t .
        ?o rdfs:label|skos:altLabel "市城管局"@zh }""")}
    assert {"党组书记", "局长"} <= titles


def test_company_gave_a_banner_to_a_bureau(store):
    assert ask(store, """
        ?c rdfs:label "河南清绮信息科技有限公司"@zh ; a govkg:Enterprise ; govkg:gaveBannerTo ?b .
        ?b a govkg:GovernmentBody""")
    assert ask(store, """?e a govkg:Award ; govkg:giver ?c ; govkg:target ?b .
        ?c rdfs:label "河南清绮信息科技有限公司"@zh""")


def test_byline_journalists_are_authors_of_their_articles(store):
    rows = select(store, """SELECT ?file ?headline ?name WHERE {
        ?a a govkg:Article ; govkg:sourceFile ?file ; schema:author ?j . OPTIONAL { ?a schema:headline ?headline }
        ?j a govkg:Journalist ; rdfs:label ?name }""")
    by = {(f, n) for f, _, n in rows}
    assert ("001_6062cc997fbd3bd9.txt", "付凯明") in by
    assert ("002_5adc3b2768a65fa1.txt", "谢鹏飞") in by and ("002_5adc3b2768a65fa1.txt", "李超") in by
    assert ("003_8d0d1993ea090080.txt", "柴琳琳") in by
    heads = {(h, n) for _, h, n in rows}
    assert ("示范区开展环保攻坚扬尘污染防治督导活动", "付凯明") in heads


def test_meeting_with_date_and_roles(store):
    rows = select(store, """SELECT ?date ?role ?who WHERE {
        VALUES ?role { govkg:organizer govkg:chair govkg:speaker govkg:attendee }
        ?e a govkg:Meeting ; govkg:dateText ?date ; ?role ?x . ?x rdfs:label ?who }""")
    roles = {(d, r.rsplit("#", 1)[1], w) for d, r, w in rows}
    assert ("3月20日上午", "chair", "张艳敏") in roles
    assert ("3月20日上午", "speaker", "虎强") in roles or ("3月20日上午", "attendee", "虎强") in roles


def test_areas_have_codes_and_parents(store):
    assert ask(store, """?a rdfs:label "管城回族区"@zh ; govkg:adminCode "410104" ; govkg:locatedIn+ ?p .
        ?p govkg:adminCode "410000" """)


def test_turtle_round_trip_is_isomorphic(seeds_build, tmp_path):
    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    again = tmp_path / "again.ttl"
    again.write_text(g.serialize(format="turtle"), encoding="utf-8")
    assert isomorphic(g, Graph().parse(again, format="turtle"))
    trig = ox.Store()
    trig.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert len(list(trig.named_graphs())) >= 20


def test_network_page_has_no_remote_url(seeds_build):
    _, out = seeds_build
    html = (out / "network.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    assert "王家鹏" in html


def test_cli_build_summary_and_exit_status(tmp_path, seeds_dir):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "good.txt").write_text((seeds_dir / "003_8d0d1993ea090080.txt").read_text(encoding="utf-8"), encoding="gbk")
    (bad / "bin.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(bad), "--out", str(out), "--no-viz"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    err_lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(err_lines) == 1 and "bin.txt" in err_lines[0] and "Traceback" not in r.stderr
    assert "pages: 1 built, 1 failed" in r.stdout
    assert "虎强" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_build_is_deterministic(tmp_path, seeds_dir):
    from kg.pipeline import build
    a, b = tmp_path / "a", tmp_path / "b"
    build([str(seeds_dir)], out=a, viz=False)
    build([str(seeds_dir)], out=b, viz=False)
    for name in ("graph.ttl", "graph.trig"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_seeds_graph_conforms_to_the_shapes(seeds_build):
    from kg.validate import validate
    _, out = seeds_build
    report = validate(out / "graph.ttl")
    assert report.conforms, [str(v) for v in report.violations][:5]


def test_build_result_gives_the_graph_to_notebooks(tmp_path):
    """BuildResult.store (pyoxigraph) and .graph (rdflib), for an in-memory build and a written one."""
    from kg.pipeline import build
    from kg.vocab import GOVKG

    for out in (None, tmp_path / "out"):
        result = build([Path(__file__).resolve().parents[1] / "seeds"], out=out, viz=False, cache=False)
        rows = list(result.store.query(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{GOVKG.Official}> }}",
                                       use_default_graph_as_union=True))
        assert int(rows[0]["n"].value) > 10
        assert len(set(result.graph.subjects(predicate=None, object=None))) > 100
