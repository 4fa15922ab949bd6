"""Chinese names of classes and properties, one source for the network page, kg stats and entity pages.

They are the ontology's own ``rdfs:label "..."@zh`` (ontology/govkg.ttl), plus a few terms of other
vocabularies the graph uses (schema:, org:, skos:, rdf:...) that the ontology does not label.

    from kg.names_zh import zh_name
    zh_name("https://w3id.org/govkg/ontology#GovernmentBody")   # '党政机关'
    zh_name(GOVKG.attendee)                                      # '出席者'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .vocab import DCTERMS, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS

#: terms outside the ontology that builds write (IRI -> Chinese name)
OTHER_ZH = {
    str(ORG.Membership): "任职", str(RDF.Statement): "来源陈述", str(RDF.type): "类型", str(RDFS.label): "名称",
    str(SKOS.altLabel): "别名", str(SCHEMA.headline): "标题", str(SCHEMA.author): "作者",
    str(SCHEMA.areaServed): "服务区域", str(PROV.wasDerivedFrom): "来源文章", str(ORG.member): "任职人",
    str(ORG.organization): "任职机构", str(ORG.memberOf): "任职于", str(RDF.subject): "陈述主语",
    str(RDF.predicate): "陈述谓语", str(RDF.object): "陈述宾语", str(SKOS.closeMatch): "相近",
    str(DCTERMS.source): "来源",
}


def _ontology_path() -> Path:
    from .validate import DEFAULT_ONTOLOGY
    return DEFAULT_ONTOLOGY


@lru_cache(maxsize=None)
def zh_names(path: str | None = None) -> dict[str, str]:
    """IRI -> Chinese name of every labelled ontology term and of OTHER_ZH (ontology wins)."""
    names = dict(OTHER_ZH)
    onto = Path(path) if path else _ontology_path()
    if not onto.is_file():   # an install without the ontology: English local names are shown instead
        return names
    store = ox.Store()
    store.bulk_load(path=str(onto), format=ox.RdfFormat.TURTLE)
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    from_ontology: dict[str, str] = {}
    for row in store.query(prefixes + """SELECT ?t ?l WHERE { ?t rdfs:label ?l
            FILTER(isIRI(?t) && LANGMATCHES(LANG(?l), "zh")) } ORDER BY ?t ?l"""):
        from_ontology.setdefault(row["t"].value, row["l"].value)   # one per term; the first if several
    names.update(from_ontology)
    return names


def zh_name(iri, default: str | None = None) -> str | None:
    """Chinese name of a class or property IRI (str or rdflib/pyoxigraph term); ``default`` if none."""
    return zh_names().get(str(getattr(iri, "value", iri)), default)
