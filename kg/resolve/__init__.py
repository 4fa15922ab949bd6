"""Stage 5: one node per real thing.

Every mention gets an entity key that depends only on its own page; mentions with the same key are one
node, whose label is the fullest printed form and whose other surface forms become skos:altLabel.

- kg.resolve.names: normalisation and abbreviations (城管局 = 城市管理局, 管城区 = 管城回族区);
- kg.resolve.areas: area keys (GB/T 2260 codes, zones qualified by their city, towns under their area);
- kg.resolve.jurisdiction: the area each article is about, so 区城管局/市政府/区委/全区 find their place;
- kg.resolve.coref: within a page, short forms and anaphors (四创指挥部, 该局, 该公司) -> the full entity;
- kg.resolve.entities: the registry, the facts identity implies (subOrganizationOf, locatedIn,
  schema:areaServed) and the cross-page candidate links (skos:closeMatch).
"""
from __future__ import annotations

from .entities import Entity, Fact, Resolver, resolve_isolated, resolve_pages

__all__ = ["Entity", "Fact", "Resolver", "resolve_isolated", "resolve_pages"]
