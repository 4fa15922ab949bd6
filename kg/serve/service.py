"""The SPARQL 1.1 Service Description of the endpoint (kg/serve/service.ttl filled in for one graph)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph as ox

TEMPLATE = Path(__file__).with_name("service.ttl")


def counts(store: ox.Store) -> dict[str, int]:
    """Distinct triples of the union default graph, quads, named graphs."""
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    triples = int(next(iter(store.query(distinct, use_default_graph_as_union=True)))[0].value)
    return {"triples": triples, "quads": len(store), "graphs": sum(1 for _ in store.named_graphs())}


def describe(store: ox.Store, endpoint: str, fmt: str) -> bytes:
    """The description of the service at ``endpoint`` (its absolute IRI) as ``fmt`` (an RDF format)."""
    from ..query.formats import write_rdf

    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {"endpoint": endpoint, **counts(store)}.items():
        text = text.replace("{" + key + "}", str(value))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.TURTLE)]
    prefixes = dict(re.findall(r"@prefix (\w+): <([^>]+)>", text))
    out = io.BytesIO()
    write_rdf(triples, fmt, out, prefixes=prefixes)
    return out.getvalue()
