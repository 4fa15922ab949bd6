"""Provenance and time: every assertion of the seeds build is traceable to its article and its sentence,
and the sentence is found in the ORIGINAL input file at the recorded character offsets."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pyoxigraph as ox
import pytest

from kg.pipeline import build
from kg.text.normalize import normalize
from kg import vocab
from kg.vocab import DCTERMS, GOVKG, ORG, PROV, RDF, RDFS, ROLE_PROPERTIES, SCHEMA, SKOS, TIME

#: predicates that state a fact between two nodes: each use must be backed by an rdf:Statement
FACT_PREDICATES = {str(p) for p in (
    GOVKG.conducts, GOVKG.serves, GOVKG.gaveBannerTo, GOVKG.subOrganizationOf, GOVKG.locatedIn,
    GOVKG.cooperatesWith, GOVKG.issued, GOVKG.partOf, GOVKG.location, GOVKG.mentionedIn,
    SCHEMA.author, SCHEMA.areaServed, SKOS.closeMatch, *ROLE_PROPERTIES.values())}


def N(term) -> ox.NamedNode:
    return term if isinstance(term, ox.NamedNode) else ox.NamedNode(str(term))


class Graph:
    """The quads of a build, indexed by subject."""

    def __init__(self, quads):
        self.by_s = defaultdict(lambda: defaultdict(set))
        self.triples = set()
        for q in quads:
            t = q.triple
            self.triples.add(t)
            self.by_s[t.subject][t.predicate].add(t.object)

    def objects(self, s, p):
        return self.by_s[s][N(p)]

    def of_type(self, cls):
        return [s for s, po in self.by_s.items() if N(cls) in po[N(RDF.type)]]


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    result = build([str(seeds_dir)], out=None)
    return result, Graph(result.quads), {p.uid: p for p in result.pages}


def _comparable(text: str) -> str:
    """Text without what OCR and normalisation change: spaces, line breaks, width and quote style."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[\"“”]", '"', text)


def _value(term) -> str:
    return term.value


def test_every_evidence_sentence_is_found_at_its_offsets_in_the_original_file(seeds):
    _result, g, pages = seeds
    sentences = g.of_type(GOVKG.Sentence)
    assert len(sentences) > 100
    for s in sentences:
        (text,) = g.objects(s, GOVKG.text)
        (start,) = g.objects(s, GOVKG.charStart)
        (end,) = g.objects(s, GOVKG.charEnd)
        (article,) = g.objects(s, GOVKG.inArticle)
        (page_node,) = g.objects(article, GOVKG.onPage)
        (source,) = g.objects(article, GOVKG.sourceFile)
        uid = page_node.value.rsplit("/", 1)[1]
        page = pages[uid]
        assert page.name == source.value
        piece = page.raw[int(start.value):int(end.value)]
        # the slice, normalised the same way the pipeline normalises a page, is the sentence
        assert _comparable(normalize(piece)[0]) == _comparable(text.value), (uid, start.value, text.value)
        # the raw slice itself holds the same characters, give or take OCR spaces, line breaks and widths
        assert _comparable(piece) == _comparable(text.value), (uid, start.value, text.value)


def test_every_assertion_has_evidence(seeds):
    _result, g, _pages = seeds
    statements = g.of_type(RDF.Statement)
    assert len(statements) > 300
    for st in statements:
        assert g.objects(st, PROV.wasDerivedFrom), st
        if g.objects(st, DCTERMS.source):
            continue          # read from reference data (the division table), not from a sentence
        evidence = g.objects(st, GOVKG.evidence)
        assert evidence, f"statement without evidence: {st}"
        articles = g.objects(st, PROV.wasDerivedFrom)
        for sent in evidence:
            assert N(GOVKG.Sentence) in g.objects(sent, RDF.type)
            assert g.objects(sent, GOVKG.inArticle) <= articles, st
    for cls in (ORG.Membership, GOVKG.Event):
        nodes = [n for n in g.by_s if any(N(c) in g.objects(n, RDF.type) for c in _subclasses(g, cls))]
        assert nodes
        for n in nodes:
            assert g.objects(n, PROV.wasDerivedFrom), n
            assert g.objects(n, GOVKG.evidence), f"{n} has no evidence"


def _subclasses(g, cls):
    if cls == GOVKG.Event:
        return [GOVKG.Event, GOVKG.Meeting, GOVKG.Inspection, GOVKG.Visit, GOVKG.Training, GOVKG.Award]
    return [cls]


def test_every_fact_triple_is_reified_with_its_evidence(seeds):
    _result, g, _pages = seeds
    reified = set()
    for st in g.of_type(RDF.Statement):
        (s,) = g.objects(st, RDF.subject)
        (p,) = g.objects(st, RDF.predicate)
        (o,) = g.objects(st, RDF.object)
        reified.add((s, p, o))
    facts = [t for t in g.triples if t.predicate.value in FACT_PREDICATES]
    assert len(facts) > 300
    missing = [t for t in facts if (t.subject, t.predicate, t.object) not in reified]
    assert not missing, missing[:5]
    used = {t.predicate.value for t in facts}
    for p in (GOVKG.subOrganizationOf, GOVKG.locatedIn, GOVKG.mentionedIn, SCHEMA.author, SCHEMA.areaServed):
        assert str(p) in used


def test_area_hierarchy_cites_the_division_table_not_a_sentence(seeds):
    """郑州市 locatedIn 河南省 comes from GB/T 2260, not from the sentences that name 管城区 (issue 11)."""
    _result, g, _pages = seeds
    found = 0
    for st in g.of_type(RDF.Statement):
        if N(GOVKG.locatedIn) in g.objects(st, RDF.predicate) and g.objects(st, DCTERMS.source):
            found += 1
            assert not g.objects(st, GOVKG.evidence)
            (source,) = g.objects(st, PROV.wasDerivedFrom)
            assert N(PROV.Entity) in g.objects(source, RDF.type)
            assert any(str(v.value).startswith("cpca") for v in g.objects(source, DCTERMS.hasVersion))
    assert found >= 2


def test_posts_are_dated_by_the_article_that_states_them(seeds):
    _result, g, _pages = seeds
    dated = 0
    for post in g.of_type(ORG.Membership):
        assert g.objects(post, PROV.wasDerivedFrom)
        intervals = g.objects(post, ORG.memberDuring)
        assert len(intervals) == 1
        (interval,) = intervals
        assert N(TIME.Interval) in g.objects(interval, RDF.type)
        instants = g.objects(interval, TIME.inside)
        assert instants
        for inst in instants:
            assert g.objects(inst, PROV.wasDerivedFrom) <= g.objects(post, PROV.wasDerivedFrom)
            for label in g.objects(inst, RDFS.label):
                dated += 1
                assert re.search(r"\d+月\d+日", label.value)
                (desc,) = g.objects(inst, TIME.inDateTime)
                (month,) = g.objects(desc, TIME.month)
                assert month.datatype == N(vocab.XSD.gMonth)
                assert g.objects(inst, GOVKG.evidence)
    assert dated >= 3


def test_xsd_dates_only_when_the_year_is_printed(seeds):
    _result, g, _pages = seeds
    for inst in g.of_type(TIME.Instant):
        for d in g.objects(inst, TIME.inXSDDate):
            (label,) = g.objects(inst, RDFS.label)
            assert label.value.startswith(d.value[:4] + "年")


def test_who_held_which_post_when_is_one_query(seeds):
    result, _g, _pages = seeds
    store = ox.Store()
    store.extend(result.quads)
    q = """
    PREFIX org: <http://www.w3.org/ns/org#> PREFIX time: <http://www.w3.org/2006/time#>
    PREFIX govkg: <https://w3id.org/govkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX schema: <https://schema.org/>
    SELECT ?person ?title ?org ?when ?headline WHERE {
      ?post org:member/rdfs:label ?person ; govkg:title ?title ; org:organization/rdfs:label ?org ;
            org:memberDuring/time:inside ?t .
      ?t prov:wasDerivedFrom ?article .
      OPTIONAL { ?t rdfs:label ?when }
      OPTIONAL { ?article schema:headline ?headline }
    }"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    by_person = {(r["person"].value, r["title"].value): r for r in rows}
    assert ("虎强", "书记") in by_person
    assert by_person[("虎强", "书记")]["when"].value.startswith("3月")
    assert by_person[("虎强", "书记")]["org"].value in ("管城区委", "管城回族区委")


def test_where_does_this_fact_come_from_query_in_the_docs(seeds):
    """The query printed in docs/provenance.md runs and points at the original file and offsets."""
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[1] / "docs" / "provenance.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", doc, re.S).group(1)
    result, _g, pages = seeds
    store = ox.Store()
    store.extend(result.quads)
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert rows
    for r in rows[:50]:
        page = next(p for p in pages.values() if p.name == r["file"].value)
        piece = page.raw[int(r["start"].value):int(r["end"].value)]
        assert _comparable(normalize(piece)[0]) == _comparable(r["sentence"].value)
