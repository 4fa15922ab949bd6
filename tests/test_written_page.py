"""A page written for the tests, in the newspapers' style but about a county no seed page mentions
(and that the division data does not list), encoded in GBK: the general rules must carry it."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.store import load_store
from kg.pipeline import build
from kg.vocab import PREFIXES

PAGE = Path(__file__).parent / "fixtures" / "page_written.txt"
PREFIX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("written")
    src = d / "in" / "page.txt"
    src.parent.mkdir()
    src.write_bytes(PAGE.read_text(encoding="utf-8").encode("gbk"))
    result = build([str(src.parent)], out=d / "out", viz=False)
    assert not result.errors
    return load_store(d / "out" / "graph.ttl")


def rows(store, q):
    return {tuple(t.value for t in r) for r in store.query(PREFIX + q)}


def test_posts_including_area_heads_and_county_leaders(store):
    posts = rows(store, """SELECT ?n ?t ?o WHERE { ?m a org:Membership ; org:member/rdfs:label ?n ;
        govkg:title ?t ; org:organization/rdfs:label ?o }""")
    assert ("欧阳明", "书记", "东湖县委") in posts or ("欧阳明", "书记", "县委") in posts
    assert ("皇甫云", "县长", "东湖县") in posts
    assert {("马晓东", "县领导", "东湖县"), ("钱多多", "县领导", "东湖县"), ("孙立", "县领导", "东湖县")} <= posts
    assert ("秦卫国", "局长", "县商务局") in posts or any(p[0] == "秦卫国" and p[1] == "局长" for p in posts)


def test_meeting_roles(store):
    roles = rows(store, """SELECT ?r ?n WHERE { ?e a govkg:Meeting ; ?p ?x . ?x rdfs:label ?n .
        VALUES (?p ?r) { (govkg:organizer "organizer") (govkg:chair "chair") (govkg:speaker "speaker")
                         (govkg:attendee "attendee") } }""")
    assert {("organizer", "东湖县"), ("chair", "皇甫云"), ("speaker", "欧阳明"), ("attendee", "马晓东")} <= roles
    assert ("speaker", "青山镇") in roles


def test_campaigns_but_not_slogans(store):
    camps = {r[0] for r in rows(store, "SELECT ?l WHERE { ?c a govkg:Campaign ; rdfs:label ?l }")}
    assert {"万企兴万村", "放管服", "一窗受理"} <= camps
    assert "一把手" not in camps


def test_visit_banner_and_journalists(store):
    assert rows(store, """SELECT ?c WHERE { ?c rdfs:label "东湖远航物流股份有限公司"@zh ;
        govkg:gaveBannerTo/rdfs:label ?b FILTER(CONTAINS(STR(?b), "商务局")) }""")
    assert rows(store, """SELECT ?v WHERE { ?v a govkg:Visit ; govkg:target/rdfs:label "东湖远航物流股份有限公司"@zh }""")
    names = {r[0] for r in rows(store, "SELECT ?n WHERE { ?j a govkg:Journalist ; rdfs:label ?n }")}
    assert names == {"甄美丽", "柏青"}
