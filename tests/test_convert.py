"""Exports: every RDF format round-trips, bytes are stable, the network formats carry the graph's facts."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.cli import main
from kg.convert import CSV_HEADER, FORMATS, export, serialize
from kg.graph.network import project
from kg.graph.store import load_store
from kg.vocab import ID, SKOS

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
ARTICLE = ox.NamedNode(str(ID["article/900_mini/1"]))
PERSON = str(ID["person/张明远"])
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset internals
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
              "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


@pytest.fixture
def store() -> ox.Store:
    """The fixture plus one triple in a named graph (as a TriG build has) and one blank node."""
    s = load_store(MINI)
    s.add(ox.Quad(ox.NamedNode(PERSON), ox.NamedNode(str(SKOS.altLabel)), ox.Literal("张书记", language="zh"), ARTICLE))
    s.add(ox.Quad(ox.BlankNode(), ox.NamedNode(str(SKOS.note)), ox.Literal("匿名节点")))
    return s


def as_dataset(data: bytes, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
    return ds


def graphs(ds: rdflib.Dataset) -> dict[str, rdflib.Graph]:
    """Named graph IRI ("" for the default graph) -> its triples."""
    out: dict[str, rdflib.Graph] = {}
    for s, p, o, g in ds.quads():
        key = "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else str(g)
        out.setdefault(key, rdflib.Graph()).add((s, p, o))
    return out


def union(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    return g


@pytest.fixture
def reference(store) -> rdflib.Dataset:
    return as_dataset(store.dump(format=ox.RdfFormat.N_QUADS), "nq")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld"])
def test_rdf_formats_round_trip(store, reference, fmt):
    data = serialize(store, fmt)
    back = as_dataset(data, fmt)
    assert isomorphic(union(back), union(reference))
    if fmt in ("trig", "nq", "jsonld"):  # named graphs survive
        got, want = graphs(back), graphs(reference)
        assert set(got) == set(want) == {"", ARTICLE.value}
        assert isomorphic(got[ARTICLE.value], want[ARTICLE.value])
    else:
        assert len(union(back)) == len(union(reference))  # the named-graph triple merged in
    again = ox.Store()
    again.load(data, format=OX_FORMATS[fmt])  # and pyoxigraph reads it too
    assert len({q.triple for q in again}) == len(union(reference))


@pytest.mark.parametrize("fmt", FORMATS)
def test_bytes_stable_across_runs_and_load_order(store, fmt):
    first = serialize(store, fmt)
    assert serialize(store, fmt) == first
    shuffled = ox.Store()
    quads = list(store)
    for q in reversed(quads):  # blank node ids differ too: the store mints new ones on re-load
        shuffled.add(q)
    reloaded = ox.Store()
    reloaded.load(store.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    assert serialize(shuffled, fmt) == first
    assert serialize(reloaded, fmt) == first


def test_bytes_stable_across_processes(tmp_path):
    """Different hash seeds (set/dict order) must not change a byte."""
    code = ("import sys,hashlib; from kg.graph.store import load_store; from kg.convert import serialize, FORMATS;"
            f"s=load_store({str(MINI)!r});"
            "print(' '.join(hashlib.sha256(serialize(s,f)).hexdigest() for f in FORMATS))")
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                   cwd=ROOT, check=True).stdout)
    assert outs[0] == outs[1] and len(outs[0].split()) == len(FORMATS)


def test_turtle_uses_project_prefixes(store):
    text = serialize(store, "ttl").decode("utf-8")
    assert text.startswith("@prefix govkg: <https://w3id.org/govkg/ontology#> .\n@prefix id: ")
    assert "govkg:Official" in text and "张明远" in text


def test_jsonld_is_compact_and_readable(store):
    doc = json.loads(serialize(store, "jsonld"))
    assert doc["@context"]["govkg"] == "https://w3id.org/govkg/ontology#"
    nodes = {n["@id"]: n for n in doc["@graph"]}
    person = nodes["id:person/张明远"]
    assert person["@type"] == ["govkg:Official"]
    assert person["rdfs:label"] == [{"@value": "张明远", "@language": "zh"}]
    assert nodes["id:article/900_mini/1"]["govkg:sourceFile"] == ["900_mini.txt"]
    named = [n for n in doc["@graph"] if "@graph" in n]
    assert named == [nodes["id:article/900_mini/1"]]  # the article's object also holds its named graph
    assert named[0]["@graph"][0]["skos:altLabel"] == [{"@value": "张书记", "@language": "zh"}]


def test_projection_nodes_and_edges(store):
    g = project(store)
    assert list(g.nodes) == sorted(g.nodes)  # sorted insertion: deterministic drawings and files
    person = g.nodes[PERSON]
    assert person["label"] == "张明远" and person["cls"] == "Official" and person["kind"] == "entity"
    assert person["aliases"] == ["张书记"]
    event = g.nodes[str(ID["event/900_mini/1/1"])]
    assert event["cls"] == "Meeting" and event["kind"] == "event" and event["date"] == "4月29日下午"
    # articles, sentences, statements, memberships and pages are not nodes
    assert {d["cls"] for _, d in g.nodes(data=True)} <= {
        "Official", "Journalist", "GovernmentBody", "Area", "Enterprise", "Campaign", "Meeting"}
    [(s, o, key, post)] = [e for e in g.edges(keys=True, data=True) if e[3]["kind"] == "post"]
    assert (s, o, key) == (PERSON, str(ID["body/东风区/东风区委"]), "post:书记")
    assert post["label"] == "书记" and post["predicate"] == "org:memberOf"
    assert post["evidence"] == ["4月29日下午，东风区委书记张明远主持召开推进会，区发改委作表态发言。"]
    chair = g.get_edge_data(str(ID["event/900_mini/1/1"]), PERSON)["chair"]
    assert chair["kind"] == "role" and chair["prop"].endswith("#chair")
    serves = g.get_edge_data(str(ID["body/东风区/东风区发展和改革委员会"]), str(ID["enterprise/青禾科技有限公司"]))
    assert serves["serves"]["evidence"] == ["区发改委深入开展“企业服务日”活动，走访青禾科技有限公司。"]


def test_graphml_reads_back(store):
    g = nx.read_graphml(io.BytesIO(serialize(store, "graphml")))
    assert g.nodes[PERSON]["label"] == "张明远"
    assert g.nodes[PERSON]["aliases"] == "张书记"
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert {"书记", "chair", "serves", "subOrganizationOf"} <= labels
    assert "张明远".encode() in serialize(store, "graphml")  # real UTF-8, not character references


def test_csv_rows(store):
    rows = list(csv.reader(io.StringIO(serialize(store, "csv").decode("utf-8"))))
    assert rows[0] == CSV_HEADER
    by_pred = {(r[1], r[2], r[4]): r for r in rows[1:]}
    post = by_pred[("张明远", "org:memberOf", "东风区委")]
    assert post[5] == "书记" and "张明远主持" in post[6]
    assert ("东风区发展和改革委员会", "govkg:serves", "青禾科技有限公司") in by_pred
    assert len(rows) - 1 == project(store).number_of_edges()


def test_export_writes_atomically(store, tmp_path):
    out = tmp_path / "sub" / "g.nt"
    assert export(store, "nt", out) == out
    assert out.read_bytes() == serialize(store, "nt")
    assert [p.name for p in out.parent.iterdir()] == ["g.nt"]  # no temp file left behind


def test_cli_default_output_and_stdout(tmp_path, capsysbinary):
    (tmp_path / "graph.ttl").write_bytes(MINI.read_bytes())
    for fmt in FORMATS:
        assert main(["export", "--format", fmt, "--graph", str(tmp_path)]) == 0
        assert (tmp_path / f"graph.{fmt}").stat().st_size > 500
    capsysbinary.readouterr()
    assert main(["export", "--format", "nt", "--graph", str(tmp_path / "graph.ttl"), "--out", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert out == serialize(load_store(MINI), "nt")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["graph.ttl"] + [f"graph.{f}" for f in FORMATS if f != "ttl"])


def test_cli_reads_trig_for_dataset_formats(tmp_path, store, capsysbinary):
    (tmp_path / "graph.ttl").write_bytes(serialize(store, "ttl"))
    (tmp_path / "graph.trig").write_bytes(serialize(store, "trig"))
    assert main(["export", "--format", "nq", "--graph", str(tmp_path), "--out", "-"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert any(line.endswith(f"<{ARTICLE.value}> .") for line in lines)


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["export", "--format", "ttl", "--graph", str(tmp_path / "none.ttl")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.ttl" in err
    with pytest.raises(SystemExit):
        main(["export", "--format", "xml"])
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "graphml" in capsys.readouterr().out
