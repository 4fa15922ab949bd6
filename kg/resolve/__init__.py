"""Stage 5: one node per real thing.

Every mention gets an entity key; mentions with the same key are one node, whose label is the
fullest printed form and whose other surface forms become skos:altLabel.

Keys, by kind:
- Area: the GB/T 2260 code when the name is a division (管城区 = 管城回族区), else the expanded zone name
  (经开综保区 = 经开综合保税区); a bare zone word (经开区) takes the qualified form printed on the same page
  (郑州经开区); "示范区（高新区）" gives both names to one area.
- GovernmentBody: (jurisdiction, expanded organ name). A relative prefix (区城管局, 区委, 市政府) belongs to the
  area the article is about; so the same string on pages about different areas is different nodes.
- Person: the name within the page's jurisdiction; across pages, same name and compatible area.
- Campaign: the quoted core without its generic tail (“万人助万企”活动 = 万人助万企).
- Enterprise, Institution, Place, Document: the expanded name.
"""
from __future__ import annotations

from .entities import Entity, Resolver, resolve_pages

__all__ = ["Entity", "Resolver", "resolve_pages"]
