"""Streaming build (sorted runs on disk), the persistent store, and the linear-time span tests."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.graph.runs as runs
from kg.export import GRAPH_STORE, write_graph
from kg.graph import nquads
from kg.graph.store import built_store, load_store
from kg.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def streamed(tmp_path_factory):
    """The seeds built with a tiny run size (dozens of runs to merge) and, separately, in memory."""
    out = tmp_path_factory.mktemp("streamed")
    limit, runs.DEFAULT_LIMIT = runs.DEFAULT_LIMIT, 500
    try:
        result = build(SEEDS, out=out, viz=False, cache=False)
    finally:
        runs.DEFAULT_LIMIT = limit
    memory_out = tmp_path_factory.mktemp("memory")
    memory = build(SEEDS, out=None)
    write_graph(memory_out, memory.quads)
    return out, result, memory_out, memory


def test_streamed_build_equals_the_in_memory_build(streamed):
    out, result, memory_out, memory = streamed
    assert not result.errors
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (memory_out / name).read_bytes(), name
    assert result.summary().split("\nwrote")[0] == memory.summary()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]    # runs and temp files removed


def test_streamed_pages_are_released(streamed):
    _out, result, _m, memory = streamed
    assert [p.name for p in result.pages] == [p.name for p in memory.pages]
    assert all(p.text == "" and p.raw == "" for p in result.pages)
    assert result.chars == sum(len(p.raw) for p in memory.pages)


def test_build_leaves_a_store_that_queries_open_instead_of_parsing(streamed):
    out, result, _m, _memory = streamed
    assert result.outputs["store"] == out / GRAPH_STORE
    assert built_store(out / "graph.ttl") == out / GRAPH_STORE
    store = load_store(out / "graph.ttl")
    parsed = ox.Store()
    parsed.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(store) == set(parsed)
    with pytest.raises(Exception):          # read-only: nothing can change the build's store
        store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))


def test_a_replaced_graph_ttl_is_parsed_not_answered_from_the_old_store(streamed, tmp_path):
    out, _result, _m, _memory = streamed
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, copy_function=shutil.copy2)   # copies keep size and mtime: still current
    assert built_store(copy / "graph.ttl") == copy / GRAPH_STORE
    (copy / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert built_store(copy / "graph.ttl") is None
    assert len(load_store(copy / "graph.ttl")) == 1


def test_a_rebuild_replaces_the_store(streamed, tmp_path):
    out = tmp_path / "out"
    build(SEEDS[:1], out=out, viz=False, cache=False)
    one = len(load_store(out / "graph.ttl"))
    build(SEEDS[:2], out=out, viz=False, cache=False)
    assert len(load_store(out / "graph.ttl")) > one
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_a_page_whose_triples_fail_is_dropped_alone(tmp_path, monkeypatch):
    from kg.graph.triples import GraphBuilder

    real = GraphBuilder.add_article
    victim = SEEDS[1].name

    def failing(self, page, article, p_node):
        if page.name == victim:
            raise ValueError("boom")
        return real(self, page, article, p_node)

    monkeypatch.setattr(GraphBuilder, "add_article", failing)
    result = build(SEEDS, out=tmp_path / "out", viz=False, cache=False)
    assert len(result.errors) == 1 and victim in str(result.errors[0])
    assert "boom" in str(result.errors[0])
    assert victim not in [p.name for p in result.pages] and len(result.pages) == len(SEEDS) - 1
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert Path(victim).stem not in ttl            # none of its quads, not even half of them
    assert SEEDS[0].stem in ttl


def test_a_page_whose_resolution_fails_is_dropped_alone(tmp_path, monkeypatch):
    from kg.resolve import Resolver

    real = Resolver.add
    victim = SEEDS[2].name

    def failing(self, page):
        real(self, page)
        if page.name == victim:
            raise RuntimeError("resolver bug")

    monkeypatch.setattr(Resolver, "add", failing)
    result = build(SEEDS, out=tmp_path / "out", viz=False, cache=False)
    assert [victim in str(e) for e in result.errors] == [True]
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert Path(victim).stem not in ttl


def test_cli_exit_status_is_1_when_one_page_fails(tmp_path, monkeypatch, capsys):
    from kg.cli import main
    from kg.graph.triples import GraphBuilder

    real = GraphBuilder.add_page

    def failing(self, page):
        if page.name == SEEDS[0].name:
            raise KeyError("x")
        return real(self, page)

    monkeypatch.setattr(GraphBuilder, "add_page", failing)
    assert main(["build", *map(str, SEEDS[:2]), "--out", str(tmp_path / "o"), "--no-viz", "--no-cache", "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and SEEDS[0].name in err[0] and "Traceback" not in err[0]


def test_literal_escaping_matches_oxigraph():
    text = "".join(chr(i) for i in range(0x80)) + "中文\u2028😀"
    s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    for lit, ours in ((ox.Literal(text), nquads.plain(text)), (ox.Literal(text, language="zh"), nquads.zh(text)),
                      (ox.Literal("12", datatype=ox.NamedNode(str(nquads.XSD.integer))), nquads.integer(12))):
        theirs = ox.serialize([ox.Quad(s, p, lit)], format=ox.RdfFormat.N_QUADS).decode()
        assert nquads.quad_line(nquads.key("urn:s", "urn:p", ours)) == theirs


def test_sorted_runs_merge_to_one_sorted_duplicate_free_stream(tmp_path):
    rnd = random.Random(3)
    keys = {nquads.key(f"urn:s{rnd.randrange(50)}", "urn:p", nquads.plain(str(rnd.randrange(30))),
                       rnd.choice(["", "urn:g1", "urn:g2"])) for _ in range(2000)}
    r = runs.SortedRuns(tmp_path, limit=97)
    items = sorted(keys)
    for i in range(0, len(items), 13):
        r.add(set(items[i:i + 26]))           # overlapping batches: duplicates across runs
    # the runs hold UTF-8 bytes: the same order as the str keys (UTF-8 preserves code-point order)
    assert [k.decode() for k in r.quads()] == sorted(keys)
    assert [line.decode() for line in r.triples()] == sorted({nquads.triple_line(k) for k in keys})
    assert len(r.quad_runs) > 5


def test_byte_lines_equal_the_str_lines():
    text = "".join(chr(i) for i in range(1, 0x80)) + "中文\u2028😀"
    lits = [nquads.plain(text), nquads.zh("王家鹏"), nquads.integer(7), "urn:o\u4e2d"]
    keys = [nquads.key("urn:s", "urn:p", o, g) for o in lits for g in ("", "urn:g")]
    for k in keys:
        assert nquads.quad_line_bytes(k.encode()) == nquads.quad_line(k).encode()
    assert nquads.triple_lines_bytes(k.encode() for k in keys) == {nquads.triple_line(k).encode() for k in keys}
    # code-point order of str keys == byte order of their UTF-8 (across BMP, astral and ASCII)
    rnd = random.Random(7)
    words = ["".join(chr(rnd.choice([rnd.randrange(32, 127), rnd.randrange(0x4e00, 0x9fff),
                                     rnd.randrange(0x10000, 0x1f6ff), 0xffff])) for _ in range(rnd.randrange(6)))
             for _ in range(3000)]
    assert [w.encode() for w in sorted(words)] == sorted(w.encode() for w in words)


def test_triple_counts_of_bytes_equal_those_of_str():
    lines = ["<urn:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/govkg/ontology#Official> .",
             "<urn:a> <https://w3id.org/govkg/ontology#title> \"局长\"@zh .",
             "<urn:a> <http://www.w3.org/ns/org#member> <urn:b> .",
             "<urn:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> \"x\" ."]
    a, b = runs.TripleCounts(), runs.TripleCounts()
    for line in lines:
        a.add(line)
    b.add_bytes([line.encode() for line in lines])
    assert (a.triples, a.classes, a.properties) == (b.triples, b.classes, b.properties)
    assert b.classes == {"Official": 1} and b.properties == {"title": 1, "member": 1}


def test_chunked_merge_equals_a_merge_of_items(tmp_path, monkeypatch):
    monkeypatch.setattr(runs, "CHUNK", 7)       # many chunks per run, ends falling anywhere
    rnd = random.Random(9)
    for trial in range(30):
        paths, union = [], set()
        for r in range(rnd.randrange(1, 6)):
            items = sorted({bytes([rnd.randrange(97, 103) for _ in range(rnd.randrange(1, 4))])
                            for _ in range(rnd.randrange(0, 300))})
            union |= set(items)
            path = tmp_path / f"{trial}-{r}.run"
            runs._write_run(path, items)
            paths.append(path)
        chunks = list(runs.merge_chunks(paths))
        assert [x for c in chunks for x in c] == sorted(union)
        assert all(chunks)


def test_taken_spans_answer_as_the_scan_did():
    from kg.extract.crf import Taken

    rnd = random.Random(5)
    for _ in range(200):
        spans = [(a, a + rnd.randrange(-1, 6)) for a in (rnd.randrange(60) for _ in range(rnd.randrange(8)))]
        taken = Taken(spans)
        for i in range(-2, 70):
            assert taken.covers(i) == any(a <= i < b for a, b in spans)
            for e in range(i + 1, i + 6):
                assert taken.overlaps(i, e) == any(a < e and i < b for a, b in spans)


def test_store_for_an_existing_graph_ttl(streamed, tmp_path):
    from kg.export import store_for

    out, *_ = streamed
    (tmp_path / "graph.ttl").write_bytes((out / "graph.ttl").read_bytes())
    assert built_store(tmp_path / "graph.ttl") is None
    store_for(tmp_path / "graph.ttl")
    assert built_store(tmp_path / "graph.ttl") == tmp_path / GRAPH_STORE
    assert len(load_store(tmp_path / "graph.ttl")) == len(load_store(out / "graph.ttl"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.oxigraph", "graph.ttl"]
