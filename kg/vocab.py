"""The one place that names IRIs: the govkg ontology terms and the vocabularies it aligns to.

Everything else imports terms from here (``from kg.vocab import GOVKG, ORG``); nothing spells an IRI
by hand. ``GOVKG`` is a closed rdflib ``DefinedNamespace``: a misspelt term raises at import time, and
``tests/test_vocab.py`` checks that the term list and ``ontology/govkg.ttl`` declare the same names.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (  # noqa: F401  (re-exported for the rest of the package)
    DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, URIRef,
)

ONTOLOGY_IRI = "https://w3id.org/govkg/ontology"
ID_BASE = "https://w3id.org/govkg/id/"


class GOVKG(DefinedNamespace):
    """govkg ontology terms (output-contract.md, plus the project's documented extensions)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes of the output contract
    Person: URIRef
    Official: URIRef
    Journalist: URIRef
    GovernmentBody: URIRef
    Area: URIRef
    Enterprise: URIRef
    Institution: URIRef
    Campaign: URIRef
    Event: URIRef
    Meeting: URIRef
    Inspection: URIRef
    Visit: URIRef
    Training: URIRef
    Award: URIRef
    Place: URIRef
    Document: URIRef
    Article: URIRef
    # extension classes: provenance
    Sentence: URIRef
    Page: URIRef

    # properties of the output contract
    mentionedIn: URIRef
    sourceFile: URIRef
    charStart: URIRef
    charEnd: URIRef
    title: URIRef
    participant: URIRef
    organizer: URIRef
    chair: URIRef
    speaker: URIRef
    leader: URIRef
    attendee: URIRef
    host: URIRef
    target: URIRef
    giver: URIRef
    date: URIRef
    dateText: URIRef
    monthDay: URIRef        # --MM-DD (xsd:gMonthDay) of an event whose page prints no year
    location: URIRef
    partOf: URIRef
    conducts: URIRef
    serves: URIRef
    gaveBannerTo: URIRef
    subOrganizationOf: URIRef
    locatedIn: URIRef
    cooperatesWith: URIRef
    issued: URIRef
    # extension properties
    adminCode: URIRef       # GB/T 2260 code of an Area
    evidence: URIRef        # statement / membership / event -> the govkg:Sentence it was read from
    text: URIRef            # the text of a Sentence
    inArticle: URIRef       # Sentence -> Article
    onPage: URIRef          # Article -> Page
    articleIndex: URIRef    # position of an Article on its page (1-based)
    contentHash: URIRef     # sha256 of a page's bytes
    titleText: URIRef       # a post's title phrase as written ("管城区委书记")
    postStatus: URIRef      # appointed / nominated / removed in 任免 articles


ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")   # OWL-Time: when a post was held (org:memberDuring)
SH = Namespace("http://www.w3.org/ns/shacl#")
ID = Namespace(ID_BASE)

#: prefixes written into every serialisation and predeclared for SPARQL queries
PREFIXES: dict[str, str] = {
    "govkg": str(GOVKG._NS),
    "id": ID_BASE,
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "foaf": str(FOAF),
    "sem": str(SEM),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
}

#: gold/extractor entity kind -> ontology class
ENTITY_CLASSES = {
    "Person": GOVKG.Person,
    "Official": GOVKG.Official,
    "Journalist": GOVKG.Journalist,
    "GovernmentBody": GOVKG.GovernmentBody,
    "Area": GOVKG.Area,
    "Enterprise": GOVKG.Enterprise,
    "Institution": GOVKG.Institution,
    "Campaign": GOVKG.Campaign,
    "Place": GOVKG.Place,
    "Document": GOVKG.Document,
}

#: event subtype -> ontology class
EVENT_CLASSES = {
    "Event": GOVKG.Event,
    "Meeting": GOVKG.Meeting,
    "Inspection": GOVKG.Inspection,
    "Visit": GOVKG.Visit,
    "Training": GOVKG.Training,
    "Award": GOVKG.Award,
}

#: event role name -> property (all rdfs:subPropertyOf govkg:participant)
ROLE_PROPERTIES = {
    "organizer": GOVKG.organizer,
    "chair": GOVKG.chair,
    "speaker": GOVKG.speaker,
    "leader": GOVKG.leader,
    "attendee": GOVKG.attendee,
    "host": GOVKG.host,
    "target": GOVKG.target,
    "giver": GOVKG.giver,
}

#: binary relation name -> property
RELATION_PROPERTIES = {
    "conducts": GOVKG.conducts,
    "serves": GOVKG.serves,
    "gaveBannerTo": GOVKG.gaveBannerTo,
    "subOrganizationOf": GOVKG.subOrganizationOf,
    "locatedIn": GOVKG.locatedIn,
    "cooperatesWith": GOVKG.cooperatesWith,
    "issued": GOVKG.issued,
    "partOf": GOVKG.partOf,
}


def govkg_terms() -> list[str]:
    """Local names of every GOVKG term, in declaration order."""
    return [name for name in GOVKG.__annotations__]


#: PREFIXES namespaces, longest first (so id: never wins over a longer namespace that it prefixes)
_BY_LENGTH = sorted(((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda kv: -len(kv[0]))


def curie(iri: str) -> str | None:
    """``prefix:local`` of an IRI in a PREFIXES namespace (the longest that fits), else None: the one
    CURIE shortening of the package; callers choose how to show an IRI outside every namespace."""
    for ns, prefix in _BY_LENGTH:
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return None

