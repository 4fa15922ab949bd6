"""kg stats: counts per class and property over the merged graphs, as an aligned table or JSON."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg.cli import main
from kg.graph.store import load_store
from kg.query.formats import text_width
from kg.stats import format_table, stats
from kg.vocab import ID, RDFS

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"


def test_counts_of_the_fixture():
    s = stats(load_store(MINI))
    assert s["triples"] == 72 and s["named_graphs"] == 0
    assert s["summary"] == {"entities": 7, "events": 1, "posts": 1, "articles": 1, "sentences": 2, "pages": 1,
                            "statements": 1}
    classes = {r["class"]: r for r in s["classes"]}
    assert classes["govkg:GovernmentBody"]["count"] == 2
    assert classes["govkg:Official"] == {"class": "govkg:Official", "zh": "官员", "count": 1}
    assert classes["org:Membership"]["zh"] == "任职"
    props = {r["property"]: r["count"] for r in s["properties"]}
    assert props["rdfs:label"] == 8 and props["govkg:mentionedIn"] == 7 and props["govkg:chair"] == 1
    assert sum(props.values()) == s["triples"]
    counts = [r["count"] for r in s["properties"]]
    assert counts == sorted(counts, reverse=True)


def test_a_triple_in_two_named_graphs_counts_once():
    store = load_store(MINI)
    person = ox.NamedNode(str(ID["person/张明远"]))
    label = ox.Literal("张明远", language="zh")
    for g in ("a", "b"):
        store.add(ox.Quad(person, ox.NamedNode(str(RDFS.label)), label, ox.NamedNode(str(ID[f"article/x/{g}"]))))
    s = stats(store)
    assert s["triples"] == 72 and s["named_graphs"] == 2 and s["quads"] == 74
    assert {r["property"]: r["count"] for r in s["properties"]}["rdfs:label"] == 8


def test_table_is_aligned_with_chinese_names():
    lines = format_table(stats(load_store(MINI))).splitlines()
    start = lines.index("classes") + 1
    rows = lines[start:lines.index("", start)]
    assert len({text_width(r) for r in rows}) == 1  # counts right-aligned in one column despite 2-wide chars
    assert any("govkg:Official" in r and "官员" in r for r in rows)


def test_cli_table_and_json(capsys):
    assert main(["stats", "--graph", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(": 72 triples") and "entities" in out
    assert main(["stats", "--graph", str(MINI), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["events"] == 1 and doc["graph"].endswith("mini.ttl")


def test_cli_missing_graph(tmp_path, capsys):
    assert main(["stats", "--graph", str(tmp_path / "x.ttl")]) == 1
    assert "x.ttl" in capsys.readouterr().err
