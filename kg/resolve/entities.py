"""The entity registry: mentions -> keys -> entities, with jurisdiction inference per article."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..extract.orgs import ZONE_WORDS, body_prefix
from ..lexicons import divisions
from ..model import Article, Mention, Page
from .names import campaign_key, clean, division_of, expand

RELATIVE = ("省", "市", "区", "县", "镇", "乡")
_PAREN = re.compile(r"^(.+?)[（(]([^）)]+)[）)](.*)$")


@dataclass
class Entity:
    key: str
    kind: str
    labels: Counter = field(default_factory=Counter)     # surface form -> count
    preferred: str = ""                                   # label chosen by a rule (fullest printed form)
    articles: list[tuple[str, int]] = field(default_factory=list)   # (page stem, article index)
    mentions: list[tuple[Page, Article, Mention]] = field(default_factory=list)
    role: str = ""                                        # Person: official | journalist | other
    area: str = ""                                        # key of the jurisdiction (bodies, people)
    code: str = ""                                        # Area: GB/T 2260 code

    @property
    def label(self) -> str:
        if self.preferred:
            return self.preferred
        return max(self.labels, key=lambda s: (len(clean(s)), self.labels[s], s)) if self.labels else self.key

    @property
    def alt_labels(self) -> list[str]:
        main = self.label
        return sorted(s for s in self.labels if s != main)


class Resolver:
    """Assigns entity keys to mentions, page by page; holds the entities of a whole build."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}

    # ------------------------------------------------------------------ areas
    def area_key(self, name: str, page_zones: dict[str, str]) -> tuple[str, str]:
        """(key, canonical label) of an area name on a page."""
        m = _PAREN.match(name)
        if m and not m.group(3):
            name = m.group(1)
        d = division_of(name)
        if d is not None:
            return f"area:{d.code}", d.name
        exp = expand(name)
        if exp in page_zones:
            return page_zones[exp]
        return f"area:{exp}", clean(name)

    def page_zones(self, page: Page) -> dict[str, str]:
        """Bare zone words on a page -> the qualified zone printed on it (经开区 -> 郑州经开区)."""
        zones: dict[str, tuple[str, str]] = {}
        forms = {clean(m.text) for a in page.articles for m in a.mentions if m.kind == "Area"}
        for f in sorted(forms, key=len):
            for z in ZONE_WORDS:
                if f.endswith(z) and f != z and len(f) - len(z) <= 4:
                    zones.setdefault(expand(z), (f"area:{expand(f)}", f))
        return zones

    # ------------------------------------------------------------------ articles
    def article_area(self, page: Page, article: Article, zones) -> tuple[str, str]:
        """The area an article is about: first area of its headline, else of its body, else the page's."""
        cands = [m for m in article.mentions if m.kind == "Area" and m.role != "nested"]
        nested = [m for m in article.mentions if m.kind == "Area"]
        for pool in (cands, nested):
            if pool:
                return self.area_key(pool[0].text, zones)
        return "", ""

    # ------------------------------------------------------------------ keys
    def key_for(self, m: Mention, area_key: str, area_label: str, zones) -> tuple[str, str]:
        """(key, preferred label or '') of a mention."""
        name = m.label
        if m.kind == "Area":
            return self.area_key(m.text, zones)
        if m.kind == "GovernmentBody":
            prefix = body_prefix(name)
            rest = name[len(prefix):]
            if prefix in RELATIVE or not prefix:
                scope = area_key or "area:?"
                # 区委 inside 管城区委 is "管城区" + "委": same body as a relative "区委" in an article about 管城区
                pref = (area_label + rest) if prefix and area_label and area_label.endswith(prefix) else ""
                if prefix and area_label and not area_label.endswith(prefix):
                    scope = f"{scope}/{prefix}"
                return f"body:{scope}/{expand(rest)}", pref
            pkey, plabel = self.area_key(prefix, zones)
            return f"body:{pkey}/{expand(rest)}", ""
        if m.kind == "Person":
            return f"person:{name}", ""
        if m.kind == "Campaign":
            return f"campaign:{campaign_key(name)}", clean(m.name) if m.name else ""
        return f"{m.kind.lower()}:{expand(name)}", ""

    def add(self, page: Page) -> None:
        zones = self.page_zones(page)
        for article in page.articles:
            a_key, a_label = self.article_area(page, article, zones)
            article.area = a_key
            for m in article.mentions:
                key, pref = self.key_for(m, a_key, a_label, zones)
                m.entity = key
                ent = self.entities.get(key)
                if ent is None:
                    ent = self.entities[key] = Entity(key, m.kind)
                    if m.kind == "Area" and key.startswith("area:") and key[5:].isdigit():
                        ent.code = key[5:]
                        ent.preferred = divisions.by_code(ent.code).name
                if m.kind == "Campaign" and m.name:
                    ent.labels[clean(m.name)] += 1
                    ent.labels[m.text] += 1
                elif m.name and m.name != m.text:
                    ent.labels[m.name] += 1
                    ent.labels[m.text] += 1
                else:
                    ent.labels[m.text] += 1
                if pref and m.kind == "GovernmentBody":
                    ent.labels[pref] += 1
                if m.kind == "Campaign" and m.name:
                    ent.preferred = ent.preferred or clean(m.name)
                if m.kind == "Area":
                    pm = _PAREN.match(clean(m.text))
                    if pm and not pm.group(3):
                        ent.labels[pm.group(2)] += 1
                ref = (page.stem, article.index)
                if ref not in ent.articles:
                    ent.articles.append(ref)
                ent.mentions.append((page, article, m))
                if m.kind == "Person":
                    if m.role == "official" or ent.role == "official":
                        ent.role = "official" if m.role != "journalist" or ent.role == "official" else ent.role
                    if m.role == "journalist" and ent.role != "official":
                        ent.role = "journalist"
                    ent.role = ent.role or m.role or "other"
                if m.kind in ("GovernmentBody", "Person") and not ent.area:
                    ent.area = a_key
            for ev in article.events:
                ev.key = f"event:{page.stem}/{article.index}/{article.events.index(ev) + 1}"
            for post in article.posts:
                if post.org is None and a_key:
                    post.org = Mention("Area", a_label, post.person.start, post.person.start,
                                       sentence=post.sentence, entity=a_key)
                    ent = self.entities.setdefault(a_key, Entity(a_key, "Area"))
                    ent.labels[a_label] += 0

    def areas_of_bodies(self) -> list[tuple[str, str]]:
        """(body key, area key) for subOrganizationOf."""
        out = []
        for key, ent in sorted(self.entities.items()):
            if ent.kind != "GovernmentBody":
                continue
            scope = key[len("body:"):].rsplit("/", 1)[0]
            if scope.startswith("area:") and scope != "area:?" and "/" not in scope and scope in self.entities:
                out.append((key, scope))
        return out


    def area_parents(self) -> list[tuple[str, str]]:
        """(area key, parent area key) from GB/T 2260 codes; zones sit in the division that prefixes them."""
        out = []
        for key, ent in sorted(self.entities.items()):
            if ent.kind != "Area":
                continue
            parent = None
            if ent.code:
                d = divisions.by_code(ent.code)
                if d is not None and d.parent:
                    parent = divisions.by_code(d.parent)
            else:
                for form in divisions.all_forms():
                    if ent.label.startswith(form) and len(ent.label) > len(form):
                        found = divisions.lookup(form)
                        parent = found[0] if len(found) == 1 else None
                        break
            while parent is not None:
                pkey = f"area:{parent.code}"
                pent = self.entities.get(pkey)
                if pent is None:
                    pent = self.entities[pkey] = Entity(pkey, "Area", code=parent.code, preferred=parent.name)
                    pent.labels[parent.name] += 1
                out.append((key, pkey))
                key = pkey
                d = divisions.by_code(parent.code)
                parent = divisions.by_code(d.parent) if d and d.parent else None
        return sorted(set(out))


def resolve_pages(pages: list[Page]) -> Resolver:
    r = Resolver()
    for page in pages:
        r.add(page)
    return r
