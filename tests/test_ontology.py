"""ontology/govkg.ttl declares exactly kg.vocab's GOVKG terms, documented, with the hierarchy the scorer needs."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef

from kg.graph.network import PARENT
from kg.vocab import (
    EVENT_CLASSES, GOVKG, ONTOLOGY_IRI, ORG, PROV, ROLE_PROPERTIES, SCHEMA, SEM, SH, govkg_terms,
)

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
NS = str(GOVKG._NS)
CLASSES = ["Person", "Official", "Journalist", "GovernmentBody", "Area", "Enterprise", "Institution", "Campaign",
           "Event", "Meeting", "Inspection", "Visit", "Training", "Award", "Place", "Document", "Article",
           "Sentence", "Page"]


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY / "govkg.ttl")


def superclasses(g: rdflib.Graph, cls) -> set:
    out, todo = set(), [cls]
    while todo:
        for sup in g.objects(todo.pop(), RDFS.subClassOf):
            if sup not in out:
                out.add(sup)
                todo.append(sup)
    return out


def subclasses(g: rdflib.Graph, cls) -> set:
    """What score.py computes: cls and everything below it through rdfs:subClassOf."""
    out, todo = {cls}, [cls]
    while todo:
        for sub in g.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in out:
                out.add(sub)
                todo.append(sub)
    return out


def test_declares_exactly_the_vocab_terms(onto):
    used = {str(t)[len(NS):] for t in onto.all_nodes() if isinstance(t, URIRef) and str(t).startswith(NS)}
    used |= {str(p)[len(NS):] for p in onto.predicates() if str(p).startswith(NS)}
    assert used == set(govkg_terms())
    for name in govkg_terms():
        types = set(onto.objects(GOVKG[name], RDF.type))
        expected = {OWL.Class} if name in CLASSES else {OWL.ObjectProperty, OWL.DatatypeProperty}
        assert types & expected, f"govkg:{name} is not declared as {expected}"


@pytest.mark.parametrize("name", govkg_terms())
def test_every_term_has_zh_en_labels_and_comment(onto, name):
    term = GOVKG[name]
    langs = {lit.language for lit in onto.objects(term, RDFS.label)}
    assert {"zh", "en"} <= langs, f"govkg:{name} labels: {langs}"
    comments = [c for c in onto.objects(term, RDFS.comment) if c.language == "en"]
    assert comments and len(str(comments[0])) > 10
    assert (term, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)) in onto


def test_ontology_header(onto):
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionInfo) is not None
    titles = {t.language for t in onto.objects(o, rdflib.DCTERMS.title)}
    assert {"zh", "en"} <= titles
    assert onto.value(o, rdflib.DCTERMS.description) is not None


def test_no_individuals(onto):
    """Only the ontology header and OWL structure are typed: never an instance of a govkg or ORG class."""
    for s, o in onto.subject_objects(RDF.type):
        assert not str(o).startswith(NS), f"{s} typed {o} in the ontology"
        assert o in {OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.FunctionalProperty,
                     OWL.SymmetricProperty, OWL.AllDisjointClasses}, o


def test_hierarchy_the_scorer_uses(onto):
    assert subclasses(onto, GOVKG.Person) == {GOVKG.Person, GOVKG.Official, GOVKG.Journalist}
    assert subclasses(onto, GOVKG.Event) == {GOVKG[c] for c in EVENT_CLASSES}
    for leaf in ("GovernmentBody", "Area", "Enterprise", "Institution", "Campaign", "Place", "Document",
                 "Official", "Journalist", "Meeting", "Article", "Sentence", "Page"):
        assert subclasses(onto, GOVKG[leaf]) == {GOVKG[leaf]}, f"something is a subclass of govkg:{leaf}"
    for org_class in ("GovernmentBody", "Enterprise", "Institution"):
        assert (GOVKG[org_class], RDFS.subClassOf, URIRef(str(ORG.Organization))) in onto
    # an Area is not a Place, nor an organization class of the contract
    assert GOVKG.Place not in superclasses(onto, GOVKG.Area)
    assert URIRef(str(ORG.Organization)) not in superclasses(onto, GOVKG.Area)


def test_network_parent_table_matches_ontology(onto):
    for child, parent in PARENT.items():
        assert (URIRef(child), RDFS.subClassOf, URIRef(parent)) in onto


def test_alignments(onto):
    sup = lambda c: superclasses(onto, GOVKG[c])  # noqa: E731
    assert {rdflib.FOAF.Person, URIRef(str(SCHEMA.Person))} <= sup("Official")
    assert URIRef(str(SEM.Event)) in sup("Meeting")
    assert URIRef(str(SCHEMA.NewsArticle)) in sup("Article")
    # events carry prov:wasDerivedFrom (a prov:Entity's property); PROV-O makes Activity and Entity disjoint
    assert URIRef(str(PROV.Activity)) not in sup("Event")
    assert (GOVKG.subOrganizationOf, RDFS.subPropertyOf, URIRef(str(ORG.subOrganizationOf))) in onto
    assert (GOVKG.evidence, RDFS.subPropertyOf, URIRef(str(PROV.wasDerivedFrom))) in onto
    for prop in ROLE_PROPERTIES.values():
        assert (URIRef(str(prop)), RDFS.subPropertyOf, GOVKG.participant) in onto
        assert onto.value(URIRef(str(prop)), RDFS.domain) == GOVKG.Event


def test_every_property_has_domain_and_range(onto):
    for name in govkg_terms():
        if name not in CLASSES:
            assert onto.value(GOVKG[name], RDFS.domain) is not None, name
            assert onto.value(GOVKG[name], RDFS.range) is not None, name


def test_files_parse_with_pyoxigraph():
    for name in ("govkg.ttl", "shapes.ttl"):
        store = ox.Store()
        store.bulk_load(path=str(ONTOLOGY / name), format=ox.RdfFormat.TURTLE)
        assert len(store) > 100


def test_shapes_target_the_contract():
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    targets = set(shapes.objects(None, SH.targetClass))
    for name in ("Person", "Official", "Journalist", "GovernmentBody", "Area", "Enterprise", "Institution",
                 "Campaign", "Place", "Document", "Event", "Meeting", "Article", "Sentence"):
        assert GOVKG[name] in targets, name
    assert URIRef(str(ORG.Membership)) in targets
    # every constraint explains itself
    for shape in set(shapes.subjects(SH.path, None)):
        assert shapes.value(shape, SH.message) is not None, shape
    # the scorer loads every file of ontology/: shapes must not type anything with a govkg class
    assert not any(str(o).startswith(NS) for o in shapes.objects(None, RDF.type))
