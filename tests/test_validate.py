"""SHACL validation: the hand-made fixture conforms; broken copies fail with readable, located messages."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.cli import main
from kg.errors import KgError
from kg.graph.store import load_store
from kg.validate import validate
from kg.vocab import GOVKG, ID, ORG, RDF, RDFS, SCHEMA

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
N = ox.NamedNode


def n(term) -> ox.NamedNode:
    return N(str(term))


POST = n(ID["post/a1"])
EVENT = n(ID["event/900_mini/1/1"])
ARTICLE = n(ID["article/900_mini/1"])
SENTENCE = n(ID["sentence/900_mini/20-70"])
PERSON = n(ID["person/张明远"])
BODY = n(ID["body/东风区/东风区发展和改革委员会"])


@pytest.fixture
def store() -> ox.Store:
    return load_store(MINI)


def drop(store: ox.Store, s, p, o=None) -> None:
    for q in list(store.quads_for_pattern(s, n(p), o)):
        store.remove(q)


def add(store: ox.Store, s, p, o) -> None:
    store.add(ox.Quad(s, n(p), o))


def only(report, severity="violation"):
    return [r for r in report.results if r.severity == severity]


def test_fixture_conforms(store):
    report = validate(store)
    assert report.conforms
    assert report.results == []
    assert report.triples == len(store)


def test_membership_needs_one_person_member(store):
    drop(store, POST, ORG.member)
    report = validate(store)
    assert not report.conforms
    [v] = report.violations
    assert (v.focus, v.path, v.message) == (POST.value, "org:member", "post has no org:member")
    assert str(v) == "violation: id:post/a1: org:member: post has no org:member"

    add(store, POST, ORG.member, BODY)  # a body is not a person
    [v] = validate(store).violations
    assert v.message == "org:member of a post is not a govkg:Person"
    assert v.value == "id:body/东风区/东风区发展和改革委员会"


def test_membership_one_organization_and_a_title(store):
    add(store, POST, ORG.organization, BODY)
    drop(store, POST, GOVKG.title)
    messages = {v.message for v in validate(store).violations}
    assert any("more than one org:organization" in m for m in messages)
    assert any("no govkg:title" in m for m in messages)


def test_event_needs_a_participant(store):
    for role in ("chair", "speaker", "organizer"):
        drop(store, EVENT, GOVKG[role])
    [v] = validate(store).violations
    assert v.focus == EVENT.value and v.focus_label == "东风区优化营商环境推进会"
    assert "no participant" in v.message
    assert v.path.startswith("govkg:participant|organizer|chair")


def test_event_has_one_type_and_an_xsd_date(store):
    add(store, EVENT, RDF.type, n(GOVKG.Visit))
    add(store, EVENT, GOVKG.date, ox.Literal("4月29日"))
    messages = sorted(v.message for v in validate(store).violations)
    assert any("more than one event type" in m for m in messages)
    assert any("xsd:date" in m for m in messages)


def test_entity_exactly_one_chinese_label(store):
    add(store, PERSON, RDFS.label, ox.Literal("张主任", language="zh"))
    [v] = validate(store).violations
    assert v.path == "rdfs:label" and "more than one rdfs:label" in v.message
    assert v.focus_label in ("张明远", "张主任")
    assert "id:person/张明远" in str(v)

    drop(store, PERSON, RDFS.label)
    [v] = validate(store).violations
    assert v.message.startswith("entity has no rdfs:label")

    add(store, PERSON, RDFS.label, ox.Literal("Zhang"))
    [v] = validate(store).violations
    assert "@zh" in v.message and v.value == '"Zhang"'


def test_entity_with_two_classes(store):
    add(store, PERSON, RDF.type, n(GOVKG.GovernmentBody))
    messages = {v.message for v in validate(store).violations}
    assert any("more than one govkg class" in m for m in messages)


def test_article_and_sentence_offsets(store):
    add(store, ARTICLE, SCHEMA.headline, ox.Literal("另一个标题", language="zh"))
    drop(store, ARTICLE, GOVKG.sourceFile)
    drop(store, SENTENCE, GOVKG.charEnd)
    add(store, SENTENCE, GOVKG.charEnd, ox.Literal("10", datatype=N("http://www.w3.org/2001/XMLSchema#integer")))
    drop(store, SENTENCE, GOVKG.text)
    found = {(v.focus, v.path) for v in validate(store).violations}
    assert (ARTICLE.value, "schema:headline") in found
    assert (ARTICLE.value, "govkg:sourceFile") in found
    assert (SENTENCE.value, "govkg:charStart") in found    # 20 is not less than 10
    assert (SENTENCE.value, "govkg:text") in found


def test_relation_ranges(store):
    add(store, BODY, GOVKG.serves, PERSON)  # serves points at an enterprise, not a person
    [v] = validate(store).violations
    assert v.focus == PERSON.value and "govkg:serves" in v.message


def test_missing_evidence_is_only_a_warning(store):
    drop(store, POST, GOVKG.evidence)
    report = validate(store)
    assert report.conforms
    [w] = report.warnings
    assert w.severity == "warning" and w.path == "govkg:evidence"


def test_accepts_paths_folders_and_rdflib_graphs(tmp_path):
    assert validate(str(MINI)).conforms
    shutil.copy(MINI, tmp_path / "graph.ttl")
    assert validate(tmp_path).conforms
    g = rdflib.Graph().parse(MINI)
    before = len(g)
    assert validate(g).conforms
    assert len(g) == before  # the ontology was mixed into a copy, not into the caller's graph


def test_missing_graph_is_one_line_error(tmp_path):
    with pytest.raises(KgError, match="no such graph file"):
        validate(tmp_path / "nothing.ttl")
    with pytest.raises(KgError, match="no such SHACL shapes file"):
        validate(MINI, shapes=tmp_path / "none.ttl")


def test_cli_conforms_and_violations(tmp_path, capsys):
    assert main(["validate", "--graph", str(MINI)]) == 0
    assert capsys.readouterr().out == "conforms\n"

    broken = tmp_path / "graph.ttl"
    text = MINI.read_text(encoding="utf-8").replace('govkg:title "书记"@zh ;', "")
    broken.write_text(text, encoding="utf-8")
    assert main(["validate", "--graph", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["violation: id:post/a1: govkg:title: post has no govkg:title (the post word, e.g. 书记)"]
    assert "1 violation" in err

    assert main(["validate", "--graph", str(tmp_path / "missing.ttl")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "missing.ttl" in err


def test_cli_help_is_informative(capsys):
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    out = capsys.readouterr().out
    assert "--shapes" in out and "exit status 1" in out
