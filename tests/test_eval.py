"""kg eval: the documented scoring, its agreement with the reference scorer, and gold validation."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import eval as ke
from kg.cli import main
from kg.errors import KgError

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
GOLD = FIX / "eval_gold.json"
GRAPH = FIX / "eval_graph.ttl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
PERDOC_GOLD = [FIX / "eval_perdoc_a.json", FIX / "eval_perdoc_b.json"]
PERDOC_GRAPH = FIX / "eval_perdoc_graph.ttl"


def test_report_on_the_fixture():
    r = ke.evaluate([GOLD], [GRAPH])
    ent, rel = r["entities"], r["relations"]
    # an Official counts as a Person; "孙 浩" and "孙浩" are one gold person split over two nodes
    assert (ent["Person"]["tp"], ent["Person"]["pred"], ent["Person"]["gold"]) == (4, 5, 5)
    # matched through the altLabel 区委 / the gold alias 区交通运输局; 有关部门 is a false positive
    assert (ent["GovernmentBody"]["tp"], ent["GovernmentBody"]["pred"]) == (2, 3)
    # full-width ＡＢ normalises to AB; “暖企”行动 matches through its core; 《》 are dropped
    assert ent["Enterprise"]["f1"] == ent["Campaign"]["f1"] == ent["Document"]["f1"] == 1.0
    assert ent["Journalist"]["tp"] == 1 and ent["Official"]["gold"] == 3
    # 副区长 is not the gold's 区长: the post counts without the title, not with it
    assert rel["holdsPost"]["tp"] == 2 and rel["holdsPost+title"]["tp"] == 1
    assert r["events"]["tp"] == 1 and r["events"]["pred"] == 2
    # organizer and chair right, 赵立新 found with the wrong role (speaker, gold attendee)
    assert (r["participants"]["tp"], r["participants"]["role_accuracy"]) == (3, 0.6667)
    assert r["summary"]["entities_core"]["f1"] == 0.8696   # 10 of 12 predicted, 10 of 11 gold


def test_cli_prints_the_table_and_json(capsys):
    assert main(["eval", "--gold", str(GOLD), "--graph", str(GRAPH)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("Person                  0.800  0.800  0.800   tp=4")
    assert "SUMMARY entities_core_f1=0.870 relations_core_f1=0.667" in out
    assert main(["eval", "--gold", str(GOLD), "--graph", str(GRAPH), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == ke.evaluate([GOLD], [GRAPH])


def test_graph_folder_means_its_graph_ttl(tmp_path, capsys):
    (tmp_path / "graph.ttl").write_bytes(GRAPH.read_bytes())
    assert main(["eval", "--gold", str(GOLD), "--graph", str(tmp_path)]) == 0
    assert "tp=4    pred=5    gold=5" in capsys.readouterr().out


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not on this machine")
@pytest.mark.parametrize("as_json", [False, True])
def test_agrees_with_the_reference_scorer(as_json):
    extra = ["--json"] if as_json else []
    ref = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--graph", str(GRAPH),
                          "--ontology", str(ROOT / "ontology"), *extra],
                         capture_output=True, text=True, check=True).stdout
    ours = subprocess.run([sys.executable, "-m", "kg", "eval", "--gold", str(GOLD), "--graph", str(GRAPH), *extra],
                          capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert ours == ref


def _counts(m):
    return m["tp"], m["pred"], m["gold"]


def test_per_doc_scores_each_gold_file_against_its_own_page():
    pooled = ke.evaluate(PERDOC_GOLD, [PERDOC_GRAPH])
    r = ke.evaluate(PERDOC_GOLD, [PERDOC_GRAPH], per_doc=True)
    # pooled, 冯静 of both pages is one gold person; per page she is found twice (once in each page),
    # and the journalist 林海 is no Person node of page a (he is its author only)
    assert _counts(pooled["entities"]["Person"]) == (4, 4, 4)
    assert _counts(r["entities"]["Person"]) == (4, 4, 5)
    assert _counts(r["entities"]["Journalist"]) == (1, 1, 1)
    # the enterprise is mentioned only in page b: page a's gold misses it
    assert _counts(r["entities"]["Enterprise"]) == (1, 1, 2)
    assert _counts(r["entities"]["GovernmentBody"]) == (2, 2, 3)
    # serves is derived from page b by its statement, though its subject is mentioned only in page a
    assert _counts(r["relations"]["serves"]) == (1, 1, 2)
    # no statement: subOrganizationOf belongs to page b, where both ends are mentioned
    assert _counts(r["relations"]["subOrganizationOf"]) == (1, 1, 1)
    assert _counts(r["relations"]["holdsPost+title"]) == (2, 2, 2)
    # each event is scored against the gold of the page it is derived from
    assert _counts(r["events"]) == (2, 2, 2) and _counts(r["participants"]) == (4, 4, 4)
    assert r["participants"]["role_ok"] == 4
    assert r["summary"]["entities_core"]["f1"] == 0.8571     # 9 of 9 predicted, 9 of 12 gold


def test_per_doc_counts_are_the_sums_of_single_files():
    both = ke.evaluate(PERDOC_GOLD, [PERDOC_GRAPH], per_doc=True)
    one = [ke.evaluate([g], [PERDOC_GRAPH], per_doc=True) for g in PERDOC_GOLD]
    for part in ("entities", "relations"):
        for name, m in both[part].items():
            assert m["tp"] == sum(x[part][name]["tp"] for x in one)
            assert m["gold"] == sum(x[part][name]["gold"] for x in one)


def test_per_doc_cli_prints_the_table(capsys):
    args = ["eval", "--per-doc", "--gold", *map(str, PERDOC_GOLD), "--graph", str(PERDOC_GRAPH)]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "Person                  1.000  0.800  0.889   tp=4    pred=4    gold=5"
    assert out[-1] == ("SUMMARY entities_core_f1=0.857 relations_core_f1=0.857 events_f1=1.000 "
                       "participants_f1=1.000")
    assert main(args + ["--json"]) == 0
    assert json.loads(capsys.readouterr().out) == ke.evaluate(PERDOC_GOLD, [PERDOC_GRAPH], per_doc=True)


def test_per_doc_gold_needs_its_doc_and_warns_when_no_article_comes_from_it(tmp_path, capsys):
    doc = json.loads(PERDOC_GOLD[0].read_text(encoding="utf-8"))
    del doc["doc"]
    nodoc = _gold(tmp_path, doc, "nodoc.json")
    assert main(["eval", "--per-doc", "--gold", str(nodoc), "--graph", str(PERDOC_GRAPH)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{nodoc}: not a gold file: no \"doc\"" in err[0]
    # without --per-doc the doc is not needed
    assert main(["eval", "--gold", str(nodoc), "--graph", str(PERDOC_GRAPH)]) == 0
    capsys.readouterr()
    other = _gold(tmp_path, {**doc, "doc": "c.txt"}, "other.json")
    assert main(["eval", "--per-doc", "--gold", str(other), "--graph", str(PERDOC_GRAPH)]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == f'kg eval: warning: {other}: no article of the graph comes from "c.txt": scored against nothing'
    assert "Person                  0.000  0.000  0.000   tp=0    pred=0    gold=3" in captured.out


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not on this machine")
@pytest.mark.parametrize("as_json", [False, True])
def test_per_doc_agrees_with_the_reference_scorer(as_json):
    extra = ["--json"] if as_json else []
    files = [*map(str, PERDOC_GOLD), "--graph", str(PERDOC_GRAPH)]
    ref = subprocess.run([sys.executable, str(SCORER), "--per-doc", "--gold", *files,
                          "--ontology", str(ROOT / "ontology"), *extra],
                         capture_output=True, text=True, check=True).stdout
    ours = subprocess.run([sys.executable, "-m", "kg", "eval", "--per-doc", "--gold", *files, *extra],
                          capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert ours == ref


def test_an_agent_with_two_roles_is_not_paired_crosswise():
    a = frozenset({"陶然"})
    pred = [{"date": None, "labels": frozenset({"会议"}), "participants": [(a, "chair"), (a, "speaker")]}]
    gold = [{"date": None, "labels": frozenset({"会议"}), "participants": [(a, "speaker"), (a, "chair")]}]
    r = ke.score_events(pred, gold)["participants"]
    assert (r["tp"], r["role_ok"], r["role_accuracy"]) == (2, 2, 1.0)


def test_builtin_hierarchy_is_the_ontologys():
    import rdflib
    from rdflib.namespace import RDFS
    g = rdflib.Graph().parse(ROOT / "ontology" / "govkg.ttl")
    scored = {str(c) for c in ke.ENTITY_TYPES.values()} | {str(ke.GOVKG.Event), str(ke.GOVKG.Official),
                                                           str(ke.GOVKG.Journalist)}
    declared = {str(s): str(o) for s, o in g.subject_objects(RDFS.subClassOf) if str(o) in scored}
    assert declared == ke.SUBCLASSES


def test_matching_is_maximum_not_greedy():
    # left 0 could take right 0 or 1, left 1 only right 0: greedy would pair one, the maximum is two
    assert sorted(ke.max_matching([[0, 1], [0]], 2)) == [(0, 1), (1, 0)]
    assert ke.max_matching([[0], [0], [0]], 1) == [(0, 0)]
    assert ke.max_matching([[], [1]], 2) == [(1, 1)]


def test_forms_and_dates():
    assert ke.forms(["“万人助万企”活动"], campaign=True) == {"万人助万企活动", "万人助万企"}
    assert ke.forms(["《 条例 》", ""]) == {"条例"}
    assert ke.month_day("3月20日上午") == "03-20"
    assert ke.month_day("2020-03-05") == "03-05"
    assert ke.month_day("04-29") == "04-29"
    assert ke.month_day("上午") is None


def _gold(tmp_path, doc, name="bad.json") -> Path:
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return p


GOOD_ENTITY = {"id": "P1", "type": "Person", "name": "赵立新", "aliases": [], "role": "official"}


@pytest.mark.parametrize("doc, problem", [
    ("{not json", "not valid JSON"),
    ([], "top level must be a JSON object"),
    ({"entities": []}, '"relations" must be a list'),
    ({"entities": [{"id": "P1", "type": "Person"}], "relations": []}, 'no "name"'),
    ({"entities": [{**GOOD_ENTITY, "type": "Human"}], "relations": []}, 'unknown type "Human"'),
    ({"entities": [{**GOOD_ENTITY, "aliases": "赵"}], "relations": []}, '"aliases" must be a list'),
    ({"entities": [GOOD_ENTITY, GOOD_ENTITY], "relations": []}, 'duplicate id "P1"'),
    ({"entities": [GOOD_ENTITY], "relations": [{"s": "P1", "p": "holdsPost", "o": "G9"}]}, 'unknown id "G9"'),
    ({"entities": [GOOD_ENTITY], "relations": [{"s": "P1", "p": "likes", "o": "P1"}]}, 'unknown predicate "likes"'),
])
def test_malformed_gold_is_one_line_naming_the_file(tmp_path, capsys, doc, problem):
    bad = _gold(tmp_path, doc)
    with pytest.raises(KgError) as err:
        ke.evaluate([bad], [GRAPH])
    assert str(bad) in str(err.value) and problem in str(err.value)
    assert main(["eval", "--gold", str(GOLD), str(bad), "--graph", str(GRAPH)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg eval: error: {bad}")


def test_missing_default_build_names_the_working_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "--gold", str(GOLD)]) == 1
    err = capsys.readouterr().err
    assert f"exports/: no such folder in the working directory {tmp_path}" in err


def test_missing_inputs_are_one_line(tmp_path, capsys):
    assert main(["eval", "--gold", str(tmp_path / "nope.json"), "--graph", str(GRAPH)]) == 1
    assert "nope.json: cannot read" in capsys.readouterr().err
    assert main(["eval", "--gold", str(GOLD), "--graph", str(tmp_path / "none.ttl")]) == 1
    assert "none.ttl: no such graph file" in capsys.readouterr().err
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    assert main(["eval", "--gold", str(GOLD), "--graph", str(broken)]) == 1
    assert "broken.ttl: not valid ttl RDF" in capsys.readouterr().err
