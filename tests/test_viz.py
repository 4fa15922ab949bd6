"""The network page (kg.viz, `kg viz`): offline, injection-safe, filters, node cap, deterministic output.

Fast checks on the HTML text; tests/test_browser.py loads the same pages in headless Chromium.
"""
from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.graph.network import project
from kg.graph.store import load_store
from kg.viz import render_html, write_html
from kg.vocab import GOVKG, RDF, RDFS

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "viz_mini.ttl"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '"><img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
]


def synthetic_store(n: int) -> ox.Store:
    spec = importlib.util.spec_from_file_location("viz_synth", FIXTURES / "viz_synth.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.synthetic_store(n)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_store(MINI)


@pytest.fixture(scope="module")
def page(store) -> str:
    return render_html(store)


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m, "data block missing"
    return json.loads(m.group(1))


def shown_labels(html: str) -> set[str]:
    return {d["label"] for d in page_data(html)["details"]}


def outside_scripts(html: str) -> str:
    return re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)


# --- offline ------------------------------------------------------------------------------------

def test_page_holds_no_http_url_and_loads_nothing(page):
    assert not re.search(r"https?://", page, re.I), "an http(s) URL in the page"
    assert not re.search(r"(?:src|href)\s*=|<link\b|@import|url\((?!\"?data:)", outside_scripts(page), re.I)
    # exactly three script elements (vis-network, data, app) and nothing can close one early
    assert page.count("</script") == 3 and "<script" not in outside_scripts(page)
    assert len(re.findall(r"<script\b[^>]*>.*?</script>", page, re.S)) == 3


def test_vis_network_is_inlined_and_csp_allows_only_our_scripts(page):
    assert "vis-network" in page and "new vis.Network" in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_written_as_utf8_atomically(store, tmp_path):
    out = write_html(store, tmp_path / "sub" / "network.html")
    text = out.read_bytes().decode("utf-8")
    assert "王家鹏" in text and '<meta charset="utf-8">' in text
    assert [p.name for p in out.parent.iterdir()] == ["network.html"]  # no temp file left


def test_failed_render_keeps_the_old_page(store, tmp_path, monkeypatch):
    out = tmp_path / "network.html"
    out.write_text("old", encoding="utf-8")
    import kg.viz
    monkeypatch.setattr(kg.viz, "render_html", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        kg.viz.write_html(store, out)
    assert out.read_text(encoding="utf-8") == "old" and len(list(tmp_path.iterdir())) == 1


# --- safe ---------------------------------------------------------------------------------------

def test_hostile_text_only_escaped(page):
    for bad in HOSTILE + ["<b>头条</b>", "<i>院长</i>", "<img", "onerror=\"", "<script>alert"]:
        assert bad not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    # the data still carries the exact text: the page shows it, as text
    data = page_data(page)
    labels = {d["label"] for d in data["details"]}
    assert set(HOSTILE[:1] + HOSTILE[2:]) <= labels
    assert any(HOSTILE[1] in d["aliases"] for d in data["details"])
    assert any(a[0].startswith("<b>头条</b>") for a in data["articles"])
    assert any(s[0].startswith("</script>") for s in data["sentences"])


def test_hostile_title_escaped_in_heading(store):
    out = render_html(store, title='</title><script>alert(1)</script> http://x.example')
    assert "<script>alert(1)" not in out and "&lt;/title&gt;&lt;script&gt;alert(1)" in out
    assert not re.search(r"https?://", out)


def test_app_never_writes_html(page):
    app = re.findall(r"<script>(.*?)</script>", page, re.S)[1]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in app


# --- content ------------------------------------------------------------------------------------

def test_nodes_match_projection_with_class_styles(store, page):
    g = project(store)
    data = page_data(page)
    assert len(data["nodes"]) == g.number_of_nodes() == data["total"] == 20
    assert len(data["edges"]) == g.number_of_edges()
    by_label = {d["label"]: (d, n) for d, n in zip(data["details"], data["nodes"])}
    wang, node = by_label["王家鹏"]
    assert wang["cls"] == "Official" and wang["aliases"] == ["王主任"]
    assert node["shape"] == "dot" and node["color"]["background"] == "#d62728"
    assert by_label["示范区管委会"][1]["shape"] == "square"
    assert by_label["示范区管委会"][1]["size"] > node["size"]  # size grows with degree
    assert wang["posts"] == ["主任 · 示范区管委会 (管委会主任)"]
    sentences = [data["sentences"][i] for i in wang["src"]]
    assert ["会上，示范区管委会主任王家鹏主持会议并讲话。", "示范区召开优化营商环境推进会", "001_a.txt"] in sentences
    assert [data["articles"][i] for i in wang["arts"]] == [["示范区召开优化营商环境推进会", "001_a.txt"]]
    assert {c["key"] for c in data["classes"]} >= {"Official", "GovernmentBody", "Campaign", "Meeting"}
    labels = {e["label"] for e in data["edges"]}
    assert {"主任", "开展", "赠送锦旗给", "出席者"} <= labels  # posts by title, relations by the ontology's @zh
    from kg.names_zh import zh_names
    relation_labels = {e["label"] for e in data["edges"] if e["color"] != "#c0392b"}
    assert relation_labels <= set(zh_names().values()), "an edge label that is not a Chinese name"
    assert data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])


def test_focus_and_depth(store):
    one = shown_labels(render_html(store, focus="王家鹏", depth=1))
    assert one == {"王家鹏", "示范区管委会", "优化营商环境推进会"}
    two = shown_labels(render_html(store, focus="王主任", depth=2))  # aliases work too
    assert one < two and {"郑州市", "张晓红", "优化营商环境专项行动"} <= two and "金水区" not in two
    data = page_data(render_html(store, focus="王家鹏"))
    assert [data["details"][i]["label"] for i in data["centres"]] == ["王家鹏"]


def test_campaign(store):
    shown = shown_labels(render_html(store, campaign="优化营商环境专项行动"))
    assert shown == {"优化营商环境专项行动", "示范区管委会", "优化营商环境推进会",
                     "王家鹏", "张晓红", "市民服务中心"}
    assert "全民健身月" in shown_labels(render_html(store, campaign="健身"))  # part of a name


def test_unknown_names_are_one_line_errors(store, capsys):
    from kg.errors import KgError
    with pytest.raises(KgError, match="no entity named '无此人'"):
        render_html(store, focus="无此人")
    with pytest.raises(KgError, match="no campaign named '王家鹏'"):
        render_html(store, campaign="王家鹏")  # a person is not a campaign


def test_min_degree(store):
    shown = shown_labels(render_html(store, min_degree=2))
    assert "孤立地点" not in shown and "李明" not in shown and "示范区管委会" in shown
    assert all(d["degree"] >= 2 for d in page_data(render_html(store, min_degree=2))["details"])


def test_node_cap_message_in_page_and_stderr(store, capsys):
    html = render_html(store, max_nodes=5)
    data = page_data(html)
    assert len(data["nodes"]) == 5 and data["total"] == 20
    assert "示范区管委会" in {d["label"] for d in data["details"]}  # the most connected are kept
    msg = "Showing the 5 most connected of 20 nodes"
    assert msg in outside_scripts(html) and msg in capsys.readouterr().err


def test_deterministic(store, tmp_path):
    first = render_html(store)
    assert render_html(store) == first
    # the same triples loaded in another order, as N-Triples, and as TriG with named graphs
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode().splitlines()
    nt = tmp_path / "g.nt"
    nt.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    assert render_html(load_store(nt)) == first
    trig = ox.Store()
    trig.extend(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://w3id.org/govkg/id/article/g"))
                for q in store)
    path = tmp_path / "g.trig"
    path.write_bytes(trig.dump(format=ox.RdfFormat.TRIG))
    assert render_html(load_store(path)) == first


def test_large_graph_capped_deterministic(capsys):
    store = synthetic_store(1200)
    html = render_html(store, max_nodes=1000)
    data = page_data(html)
    assert len(data["nodes"]) == 1000 and data["total"] == 1200
    assert "most connected of 1200 nodes" in capsys.readouterr().err
    assert render_html(store, max_nodes=1000, warn=lambda m: None) == html


# --- command line -------------------------------------------------------------------------------

def test_cli_writes_page(tmp_path, capsys):
    out = tmp_path / "net.html"
    assert main(["viz", "--graph", str(MINI), "--out", str(out), "--focus", "王家鹏", "--depth", "2"]) == 0
    assert "王家鹏" in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out.strip() == str(out)


def test_cli_reads_build_folder(tmp_path):
    (tmp_path / "graph.ttl").write_bytes(MINI.read_bytes())
    out = tmp_path / "network.html"
    assert main(["viz", "--graph", str(tmp_path), "--out", str(out), "--campaign", "全民健身月"]) == 0
    assert out.exists()


@pytest.mark.parametrize("args, message", [
    (["--focus", "无此人"], "no entity named '无此人'"),
    (["--graph", "nowhere/graph.ttl"], "nowhere/graph.ttl: no such graph file"),
])
def test_cli_errors_are_one_line(tmp_path, capsys, args, message):
    base = ["viz", "--graph", str(MINI), "--out", str(tmp_path / "n.html")]
    assert main(base + args) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_depth_needs_focus(capsys):
    assert main(["viz", "--graph", str(MINI), "--depth", "2"]) == 2
    assert "--depth needs --focus" in capsys.readouterr().err


def test_cli_rejects_bad_numbers(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["viz", "--depth", "-1"])
    assert exc.value.code == 2 and "must be 0 or more" in capsys.readouterr().err


def test_empty_views_say_why(store, capsys):
    empty = render_html(ox.Store())
    assert page_data(empty)["nodes"] == [] and "Nothing to draw: the graph has no entities" in empty
    assert "no node has 99 or more neighbours" in render_html(store, min_degree=99)


# labels come from decoded text, where kg.read has already replaced lone surrogates by U+FFFD
# (tests/test_read_surrogates.py); a store cannot hold one anyway (pyoxigraph refuses to encode it)
_TEXT_CHARS = st.characters(blacklist_categories=("Cs",))


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/&'\"=!-:x王\u2028\u2029 \n")) | _TEXT_CHARS, min_size=1,
               max_size=40))
def test_any_label_round_trips_inside_the_data_block(label):
    s = ox.Store()
    node = ox.NamedNode("https://w3id.org/govkg/id/person/p")
    s.add(ox.Quad(node, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(GOVKG.Official))))
    s.add(ox.Quad(node, ox.NamedNode(str(RDFS.label)), ox.Literal(label, language="zh")))
    out = render_html(s, title=label)
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', out, re.S).group(1)
    assert "<" not in block and "\u2028" not in block and "://" not in block
    assert json.loads(block)["details"][0]["label"] == label
    assert out.count("</script") == 3


def test_byte_identical_across_processes(tmp_path):
    """Same graph, another interpreter (another str hash seed): the same bytes. Set order must not leak
    (networkx subgraph views of small components iterate a set: this graph has three components)."""
    import os
    import subprocess
    import sys
    code = (
        "import sys, importlib.util\n"
        "from kg.graph.store import load_store\nfrom kg.viz import write_html\n"
        f"spec = importlib.util.spec_from_file_location('s', {str(FIXTURES / 'viz_synth.py')!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "write_html(m.synthetic_store(600, parts=3), sys.argv[1] + '/big.html')\n"
        f"write_html(load_store({str(MINI)!r}), sys.argv[1] + '/focus.html', focus='示范区管委会', depth=2)\n"
    )
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        subprocess.run([sys.executable, "-c", code, str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(out)
    for name in ("big.html", "focus.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


# --- scale: a bounded summary asked of the store ---------------------------------------------------

ID = "https://w3id.org/govkg/id/"


def _event_store(copies: int) -> ox.Store:
    """The same meeting read from ``copies`` articles (a replicated corpus): same name, date, people."""
    s = ox.Store()
    n = ox.NamedNode
    person, body = n(ID + "person/甲某"), n(ID + "body/某区/某局")
    for iri, cls, label in ((person, GOVKG.Official, "甲某"), (body, GOVKG.GovernmentBody, "某局")):
        s.add(ox.Quad(iri, n(str(RDF.type)), n(str(cls))))
        s.add(ox.Quad(iri, n(str(RDFS.label)), ox.Literal(label, language="zh")))
    for k in range(copies):
        ev, art = n(ID + f"event/p{k}/1/1"), n(ID + f"article/p{k}/1")
        for p, o in ((RDF.type, n(str(GOVKG.Meeting))), (RDFS.label, ox.Literal("某局推进会", language="zh")),
                     (GOVKG.dateText, ox.Literal("4月29日", language="zh")), (GOVKG.chair, person),
                     (GOVKG.organizer, body)):
            s.add(ox.Quad(ev, n(str(p)), o, art))
    return s


def test_identical_events_are_drawn_once_with_their_count(capsys):
    html = render_html(_event_store(5))
    data = page_data(html)
    labels = [d["label"] for d in data["details"]]
    assert labels.count("某局推进会 ×5") == 1 and "某局推进会" not in labels
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 2
    assert "4 identical events" in capsys.readouterr().err
    # different participants: not the same event
    s = _event_store(2)
    s.add(ox.Quad(ox.NamedNode(ID + "event/p1/1/1"), ox.NamedNode(str(GOVKG.attendee)),
                  ox.NamedNode(ID + "body/某区/某局")))
    assert sum(d["label"] == "某局推进会" for d in page_data(render_html(s))["details"]) == 2


def test_page_never_projects_the_whole_graph(store, monkeypatch):
    import kg.graph.network
    monkeypatch.setattr(kg.graph.network, "project", lambda *a, **k: 1 / 0)
    assert len(page_data(render_html(store))["nodes"]) == 20


def test_degrees_are_counted_by_the_store(store):
    from kg.viz import summary
    ranked = summary.ranked(store)
    g = project(store).to_undirected()
    assert [d for _, d in ranked] == sorted((d for _, d in ranked), reverse=True)
    assert dict(ranked) == {n: len(set(g[n]) - {n}) for n in g}


def test_sort_date_reads_month_and_day():
    from kg.viz.summary import sort_date
    assert sort_date(None, "4月29日下午") == "--04-29" and sort_date("2020-03-20", "3月20日") == "2020-03-20"
    assert sort_date(None, "2021年7月6日") == "2021-07-06" and sort_date(None, "上周") == ""
    assert sort_date(None, "7月6日") < sort_date(None, "7月30日")
    assert sort_date(None, "某日", "--07-06") == "--07-06"   # govkg:monthDay (xsd:gMonthDay) first


def test_date_filter_lists_the_events_dates(page):
    assert re.search(r'<select id="kg-date-from"[^>]*><option value="--04-29" selected>', page)


# --- engines ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def webgl_page(store) -> str:
    return render_html(store, engine="webgl", title="t")


def test_webgl_page_is_offline_with_vendored_sigma(webgl_page):
    assert not re.search(r"https?://", webgl_page, re.I)
    assert 'data-engine="webgl"' in webgl_page and "new Sigma(" in webgl_page
    scripts = re.findall(r"<script>(.*?)</script>", webgl_page, re.S)
    assert len(scripts) == 3  # graphology, sigma, app (plus the JSON block)
    csp = html.unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', webgl_page).group(1))
    for body in scripts:
        assert "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'" in csp
    data = page_data(webgl_page)
    assert len(data["nodes"]) == 20 and data["engine"] == "webgl"
    assert {data["edgeLabels"][e[2]] for e in data["edges"]} >= {"主任", "开展"}


def test_vendored_files_match_their_record():
    from kg.viz.assets import VENDOR
    record = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    for pkg in record["packages"]:
        assert (VENDOR / pkg["licence_file"]).read_text(encoding="utf-8").strip(), pkg["name"]
        assert pkg["license"] == "MIT" and pkg["npm_integrity"].startswith("sha512-")
        if "file" in pkg:
            assert pkg["version"] in pkg["file"]
            assert hashlib.sha256((VENDOR / pkg["file"]).read_bytes()).hexdigest() == pkg["sha256"]


def test_engine_auto_picks_by_size(store, page):
    assert 'data-engine="vis"' in page
    big = synthetic_store(2200)
    assert page_data(render_html(big, warn=lambda m: None))["engine"] == "webgl"
    assert page_data(render_html(big, engine="vis", warn=lambda m: None))["engine"] == "vis"
    from kg.errors import KgError
    with pytest.raises(KgError, match="unknown engine"):
        render_html(store, engine="canvas")


def test_cli_engine_option(tmp_path):
    out = tmp_path / "w.html"
    assert main(["viz", "--graph", str(MINI), "--out", str(out), "--engine", "webgl"]) == 0
    assert 'data-engine="webgl"' in out.read_text(encoding="utf-8")


# --- names -----------------------------------------------------------------------------------------

def test_class_names_come_from_the_ontology(page):
    from kg.names_zh import zh_name
    from kg.vocab import ENTITY_CLASSES, EVENT_CLASSES
    data = page_data(page)
    for c in data["classes"]:
        assert c["zh"] == zh_name(GOVKG[c["key"]]), c
    assert all(zh_name(c) for c in [*ENTITY_CLASSES.values(), *EVENT_CLASSES.values()])
    assert zh_name(GOVKG.GovernmentBody) in page  # the legend


def test_no_english_edge_label_among_chinese_ones():
    from kg.names_zh import zh_names
    from kg.graph.network import EDGE_PROPERTIES
    from kg.viz.style import edge_label_zh
    for prop in EDGE_PROPERTIES:   # schema:areaServed, skos:closeMatch included
        assert edge_label_zh(prop) in zh_names().values(), prop
        assert not re.search(r"[A-Za-z]", edge_label_zh(prop)), prop


# --- layout ----------------------------------------------------------------------------------------

def test_isolated_nodes_form_a_block_not_a_row():
    import networkx as nx
    from kg.viz.layout import layout
    g = nx.MultiDiGraph()
    g.add_edges_from((f"a{i}", f"a{i + 1}") for i in range(30))
    g.add_nodes_from(f"z{i:03d}" for i in range(200))
    pos = layout(g)
    xs = [pos[f"z{i:03d}"][0] for i in range(200)]
    ys = [pos[f"z{i:03d}"][1] for i in range(200)]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert height > 0 and width / height < 4
    main_bottom = max(pos[f"a{i}"][1] for i in range(31))
    assert min(ys) > main_bottom  # below the connected part, not mixed into it
