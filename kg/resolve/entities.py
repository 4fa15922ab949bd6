"""The entity registry: mentions -> keys -> entities, plus the facts identity implies.

A key depends only on the page it was read from (its names, its areas, the lexicons), never on other
pages: the same input gives the same keys, and adding a page cannot rename a node another page made.
Mentions on different pages are one node exactly when their keys are equal; weaker evidence across
pages (a bare 经开区 and a 郑州经开区, one name in two compatible places) becomes skos:closeMatch.

Facts that identity implies carry the mention they came from (page, article, sentence):
subOrganizationOf (a department under its area or parent body), schema:areaServed (every body with a
known area), locatedIn (an area in the area that contains it: GB/T 2260 parents, zones in their city).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..extract.orgs import continues_word, body_prefix
from ..lexicons import alternation, divisions, table, words
from ..model import Article, Mention, Page
from . import coref
from .coref import leading_organs
from .areas import AreaRef, PageAreas, city_scope, division_ref, parent_key, zone_word
from .jurisdiction import RELATIVE, Jurisdiction, page_jurisdictions
from .names import campaign_key, clean, expand, is_abbreviation

_PAREN_HEAD = re.compile(r"^[（(]([^）)]{1,10})[）)]")
_HOSTED = ("党委", "党总支", "党支部", "党组", "纪委", "工会", "团委")
NATIONAL = AreaRef("area:全国", "全国", "virtual")


@lru_cache(maxsize=1)
def _national() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    rows = table("national")
    return tuple(tuple(r[1] for r in rows if r[0] == kind) for kind in ("prefix", "ministry_except", "title"))


@lru_cache(maxsize=1)
def _division_organs() -> frozenset[str]:
    return frozenset(words("division_organs"))


@lru_cache(maxsize=1)
def _area_organs() -> frozenset[str]:
    return frozenset(words("area_organs"))


@lru_cache(maxsize=1)
def _organ_suffixes() -> tuple[str, ...]:
    return words("organ_suffixes")


@lru_cache(maxsize=1)
def _host_suffixes() -> tuple[str, ...]:
    return words("institution_suffixes") + words("enterprise_suffixes")


def _organ_ends_at(name: str, cut: int) -> bool:
    """An organ word ends exactly at ``cut`` and no organ word runs across it (九龙办|事处 is no cut)."""
    if not name[:cut].endswith(_organ_suffixes()):
        return False
    ending = max((w for w in _organ_suffixes() if name[:cut].endswith(w)), key=len)
    if cut < len(name) and continues_word(ending, name[cut]):
        return False   # 金水科|教园区管委会: 科教 is one word, 金水科 no body
    for w in _organ_suffixes():
        for start in range(max(0, cut - len(w) + 1), cut):
            if name.startswith(w, start) and start + len(w) > cut:
                return False
    return True


def split_body(name: str) -> tuple[str, str]:
    """(jurisdiction prefix, organ part) of a body name: 区城管局党建办 -> (区, 城管局党建办);
    示范区（高新区）党工委 -> (示范区, 党工委)."""
    prefix = body_prefix(name)
    rest = name[len(prefix):]
    ph = _PAREN_HEAD.match(rest)
    if prefix and ph and zone_word(clean(ph.group(1))):
        rest = rest[ph.end():]
    return prefix, rest


def is_national(name: str) -> bool:
    prefixes, ministry_except, _titles = _national()
    if name.startswith(prefixes):
        return True
    return name.endswith("部") and len(name) >= 4 and not name.endswith(ministry_except)


@lru_cache(maxsize=1)
def _democratic_parties() -> tuple[str, ...]:
    return tuple(sorted(words("democratic_parties"), key=len, reverse=True))


def _democratic_party(name: str) -> bool:
    """民盟某区委, 某区民盟委员会: a democratic party's body (its own organisation, not the area's)."""
    parties = _democratic_parties()
    return name.startswith(parties) or name[len(body_prefix(name)):].startswith(parties)


#: the page part of a key scoped to one page (kg.read.page_uid: 16 hex digits of its content hash)
_PAGE_SCOPE = re.compile(r"[0-9a-f]{16}")

_PARTY = "中共"
@lru_cache(maxsize=1)
def _town_organ() -> re.Pattern:
    """某镇党委: a town's name and one of its leading organs (town_organs.txt)."""
    return re.compile(r"^([\u4e00-\u9fff]{1,4}?[镇乡])(" + alternation(words("town_organs")) + ")$")

_COMMITTEES = frozenset({"委", "党委", "党工委"})     # a party committee's organ word, as keys spell it


@lru_cache(maxsize=1)
def _party_departments() -> frozenset[str]:
    return frozenset(expand(w) for w in words("party_departments"))


@dataclass
class Fact:
    """A fact implied by identity: (subject key, predicate, object key) and the mentions behind it."""
    subject: str
    predicate: str                 # subOrganizationOf | locatedIn | areaServed | closeMatch
    object: str
    evidence: list[tuple[Page, Article, int]]
    source: str = ""               # "gbt2260" when the link comes from the division table


@dataclass
class Entity:
    key: str
    kind: str
    labels: Counter = field(default_factory=Counter)     # printed surface form -> count
    anaphoric: set = field(default_factory=set)           # 该局, 全区: altLabels, never the label
    constructed: str = ""                                 # 示范区城管局 built from area + organ (区城管局)
    preferred: str = ""                                   # label fixed by a rule (official area name)
    articles: list[tuple[str, int]] = field(default_factory=list)   # (page uid, article index)
    mentions: list[tuple[Page, Article, Mention]] = field(default_factory=list)
    role: str = ""                                        # Person: official | journalist | other
    area: str = ""                                        # key of the jurisdiction (bodies, people)
    code: str = ""                                        # Area: GB/T 2260 code

    @property
    def label(self) -> str:
        if self.preferred:
            return self.preferred
        names = [s for s in self.labels if s not in self.anaphoric]
        if self.kind == "GovernmentBody":
            explicit = [s for s in names if body_prefix(clean(s)) not in RELATIVE]
            if explicit:
                names = explicit
            elif self.constructed:
                return self.constructed
        if not names and self.constructed:
            return self.constructed
        plain = [s for s in names if "（" not in s and "(" not in s] or names
        if not plain:
            return self.constructed or (sorted(self.labels)[0] if self.labels else self.key.split("/")[-1])
        return max(plain, key=lambda s: (len(clean(s)), self.labels[s], s))

    @property
    def alt_labels(self) -> list[str]:
        main = self.label
        forms = set(self.labels) | set(self.anaphoric)
        if self.constructed:
            forms.add(self.constructed)
        return sorted(s for s in forms if s != main)


class Resolver:
    """Assigns entity keys to mentions, page by page; holds the entities and facts of a whole build."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self._fact_keys: set[tuple] = set()
        self._finished = False
        self._article_refs: dict[str, set] = {}   # entity key -> set(ent.articles): O(1) membership

    # ------------------------------------------------------------------ keys of one mention
    def body_key(self, m: Mention, j: Jurisdiction, areas: PageAreas) -> tuple[str, str, str, AreaRef | None]:
        """(key, printed label, constructed label, area) of a government body mention."""
        name = clean(m.label)
        for organ in _HOSTED:            # 河南财政金融学院党委: the organ of an institution, not of an area
            host = name[: -len(organ)]
            if name.endswith(organ) and host.endswith(_host_suffixes()):
                return f"body:机构/{expand(host)}/{organ}", name, "", None
        if name.startswith(_PARTY) and len(name) > len(_PARTY) + 2:
            name = name[len(_PARTY):]            # 中共某区委 is 某区委 (the label keeps 中共)
        prefix, rest = split_body(name)
        if not prefix and (county := areas.short_county(name)):
            prefix, rest = county, name[len(county):]
        label, constructed = m.label, ""
        if not prefix:
            scope = NATIONAL if is_national(name) else (areas.stem_division(name) or j.here)
        elif prefix in RELATIVE:
            scope = j.at(prefix)
            if scope.level == "zone" and expand(rest) in _division_organs():
                scope = j.unknown(prefix)       # 区政协 on a zone's page: a district's, not the zone's
            if scope.real and scope.label:
                d = divisions.by_code(scope.code) if scope.code else None
                constructed = (d.name if d else scope.label) + rest
        else:
            scope = areas.ref(prefix, j.main)
            if scope.label != clean(prefix) and not scope.label.endswith(clean(prefix)):
                label = scope.label + name[len(prefix):]          # 改善经开区… -> 经开区…
        town = _town_organ().match(rest)
        if town and scope.level != "local":      # 某镇党委 is the town's own committee, not one of the district's
            scope = areas.ref(town.group(1), scope if scope.real else None)
            rest = town.group(2)
        organ = expand(rest) or expand(name)
        return f"body:{scope.path}/{organ}", label, constructed, scope

    def key_for(self, m: Mention, j: Jurisdiction, areas: PageAreas):
        """(key, printed label, constructed label, area ref or None)."""
        if m.kind == "Area":
            ref = areas.ref(m.label, j.main)       # label: the full form of a bare stem (金水 of 金水区)
            return ref.key, (m.text if ref.label == clean(m.text) else ref.label), "", ref
        if m.kind == "GovernmentBody":
            return self.body_key(m, j, areas)
        if m.kind == "Person":
            scope = j.person_scope
            return (f"person:{scope[5:]}/{m.label}" if scope else f"person:{m.label}"), m.text, "", None
        if m.kind == "Campaign":
            return f"campaign:{campaign_key(m.name or m.text)}", m.text, "", None
        return f"{m.kind.lower()}:{expand(m.label)}", m.text, "", None

    # ------------------------------------------------------------------ a page
    def add(self, page: Page) -> None:
        for article in page.articles:          # resolving a page again starts from its extraction
            article.mentions = [m for m in article.mentions if m.role not in ("implied", "stem")]
            for post in article.posts:
                if post.org is not None and post.org.role == "implied":
                    post.org = None
        if page.home:      # the paper's own area (kg.collection): its node exists even if no page names it
            self._entity(f"area:{page.home}", "Area")
        areas = PageAreas(page)
        juris = page_jurisdictions(page, areas)
        found: list[tuple[Article, Jurisdiction, Mention, str, str, str, AreaRef | None]] = []
        for article, j in zip(page.articles, juris):
            for m in article.mentions:
                if m.role == "anaphor":
                    continue
                key, label, constructed, ref = self.key_for(m, j, areas)
                found.append((article, j, m, key, label, constructed, ref))
        for article, j in zip(page.articles, juris):
            for ref, start, end, si in j.stems:     # 金水 in 维护金水形象, taken as the article's district
                m = Mention("Area", page.text[start:end], start, end, sentence=si, role="stem", entity=ref.key)
                article.mentions.append(m)
                found.append((article, j, m, ref.key, m.text, "", ref))
        found = self._one_person_per_name(page, found)
        alias = self._page_aliases(found)
        scopes: dict[str, AreaRef | None] = {}
        for article, j, m, key, label, constructed, ref in found:
            m.entity = alias.get(key, key)
            if m.kind == "GovernmentBody":
                scopes.setdefault(m.entity, ref)
        for article, j in zip(page.articles, juris):
            self._anaphors(article, j)
            self._post_areas(article, j)
        parents = self._body_parents(scopes)
        found += self._implied_parents(found, scopes, parents)
        registered = {id(m) for _a, _j, m, *_ in found}
        for article, j, m, key, label, constructed, ref in found:
            self._register(page, article, m, label, constructed, ref)
            if m.kind == "GovernmentBody":
                self._body_facts(page, article, m, scopes.get(m.entity), parents.get(m.entity))
            if m.kind == "Area" and ref is not None:
                self._area_facts(page, article, m, ref)
            if m.kind == "Person" and not self.entities[m.entity].area:
                scope = m.entity[len("person:"):].rpartition("/")[0]
                self.entities[m.entity].area = f"area:{scope}" if scope else ""
        for article in page.articles:
            for m in article.mentions:
                if id(m) not in registered and m.entity:
                    self._register(page, article, m, m.text, "", None)
            for k, ev in enumerate(article.events, 1):
                ev.key = f"event:{page.uid or page.stem}/{article.index}/{k}"

    def _one_person_per_name(self, page: Page, found: list) -> list:
        """One name on one page is one person, placed in the city of the body or area of its post, else
        of its first mention's article; in the whole country when the page gives it a national title."""
        titles = _national()[2]
        scope: dict[str, str] = {}
        national = {m.label for _a, _j, m, *_ in found
                    if m.kind == "Person" and page.text.startswith(titles, m.end)}
        # a post places its holder: 二七科技园区管委会主任刘晓峰 is of 郑州, whatever page reports it
        refs = {id(m): ref for _a, _j, m, _k, _l, _c, ref in found}
        for article in page.articles:
            for post in article.posts:
                ref = refs.get(id(post.org)) if post.org is not None else None
                if ref is not None and ref.real and post.person.label not in national:
                    scope.setdefault(post.person.label, f"person:{city_scope(ref.key)[5:]}/{post.person.label}")
        out = []
        for article, j, m, key, label, constructed, ref in found:
            if m.kind == "Person":
                if m.label in national:
                    key = f"person:全国/{m.label}"
                key = scope.setdefault(m.label, key)
            out.append((article, j, m, key, label, constructed, ref))
        return out

    def _page_aliases(self, found) -> dict[str, str]:
        organs: dict[str, set[str]] = defaultdict(set)
        enterprises: set[str] = set()
        institutions: set[str] = set()
        campaigns: set[str] = set()
        for _a, _j, m, key, *_ in found:
            if m.kind == "GovernmentBody" and not key.startswith("body:机构/"):
                scope, _, organ = key[len("body:"):].rpartition("/")
                organs[scope].add(organ)
            elif m.kind == "Enterprise":
                enterprises.add(key[len("enterprise:"):])
            elif m.kind == "Institution":
                institutions.add(key[len("institution:"):])
            elif m.kind == "Campaign":
                campaigns.add(key[len("campaign:"):])
        alias = {"body:" + k: "body:" + v for k, v in coref.body_aliases(organs).items()}
        # 九龙办事处 (no area in the name) = the page's 经开区九龙办事处, whatever article it is in
        explicit: dict[str, set[str]] = defaultdict(set)
        bare: set[str] = set()
        for _a, _j, m, key, *_ in found:
            if m.kind == "GovernmentBody" and not key.startswith("body:机构/"):
                organ = key.rpartition("/")[2]
                placed = body_prefix(clean(m.label)) or _town_organ().match(clean(m.label))   # 某镇党委 names its town
                (explicit[organ] if placed else bare).add(key)
        for key in bare:
            cands = explicit.get(key.rpartition("/")[2], set()) - {key}
            if len(cands) == 1 and key not in alias:
                alias[key] = cands.pop()
        alias.update({"enterprise:" + k: "enterprise:" + v for k, v in coref.enterprise_aliases(enterprises).items()})
        alias.update({"institution:" + k: "institution:" + v for k, v in coref.institution_aliases(institutions).items()})
        alias.update({"campaign:" + k: "campaign:" + v for k, v in coref.campaign_aliases(campaigns).items()})
        return coref.close(alias)

    def _anaphors(self, article: Article, j: Jurisdiction) -> None:
        for m in article.mentions:
            if m.role != "anaphor":
                continue
            head = m.text[1:]
            if m.kind == "Area" and head in RELATIVE:
                ref = j.at(head)
                m.entity = ref.key if ref.real else None
                continue
            ante = coref.antecedent(article, m)
            m.entity = ante.entity if ante is not None else None

    def _post_areas(self, article: Article, j: Jurisdiction) -> None:
        """区长, 区领导 with no organ named: the post belongs to the area the title's prefix means."""
        for post in article.posts:
            if post.org is not None:
                continue
            t = re.sub(r"^(?:常务)?副", "", post.title)
            if t[:1] not in RELATIVE:
                continue    # 秘书长, 研究员, 州长 with no organ named: not a post of the page's area
            named = _government_post(article, post, t[0])
            if named is not None:
                post.org = named    # 县政府副县长 X … 副县长 X: one post, of the government the page names
                continue
            ref = j.at(t[0])
            if not ref.real:
                continue
            m = Mention("Area", ref.label, post.person.start, post.person.start, sentence=post.sentence,
                        role="implied", entity=ref.key)
            post.org = m
            article.mentions.append(m)

    def _implied_parents(self, found, scopes, parents) -> list:
        """市城管局党建办 on a page that never prints 市城管局 alone: the 市城管局 it names is a body too."""
        out = []
        todo = [(a, j, m, scopes.get(m.entity)) for a, j, m, key, *_ in found
                if m.kind == "GovernmentBody" and m.entity == key]
        while todo:
            article, j, m, scope = todo.pop()
            if m.entity in parents or scope is None or m.entity.startswith("body:机构/"):
                continue
            prefix, rest = split_body(clean(m.label))
            for cut in range(len(rest) - 1, 2, -1):
                pre = rest[:cut]
                organ = expand(pre)
                if not _organ_ends_at(rest, cut) or pre in _organ_suffixes() or organ in leading_organs():
                    continue
                key = f"body:{scope.path}/{organ}"
                parents[m.entity] = key
                if key not in scopes:
                    scopes[key] = scope
                    text = prefix + pre
                    pm = Mention("GovernmentBody", text, m.start, m.start + len(text), sentence=m.sentence,
                                 role="implied", entity=key)
                    article.mentions.append(pm)
                    constructed = ""
                    if prefix in RELATIVE and scope.real and scope.label:
                        d = divisions.by_code(scope.code) if scope.code else None
                        constructed = (d.name if d else scope.label) + pre
                    out.append((article, j, pm, key, text, constructed, scope))
                    todo.append((article, j, pm, scope))
                break
        return out

    def _body_parents(self, scopes: dict[str, AreaRef | None]) -> dict[str, str]:
        """Body key -> the body it is part of, read from its name (市城管局党建办 -> 市城管局)."""
        by_scope: dict[str, set[str]] = defaultdict(set)
        for key in scopes:
            scope, _, organ = key.rpartition("/")
            by_scope[scope].add(organ)
        out = {}
        for key in scopes:
            scope, _, organ = key.rpartition("/")
            for cut in range(len(organ) - 1, 0, -1):
                pre = organ[:cut]
                if not _organ_ends_at(organ, cut):
                    continue
                if pre in by_scope[scope]:
                    out[key] = f"{scope}/{pre}"
                    break
                if len(pre) >= 3:
                    cands = {o for o in by_scope[scope] if o != organ and o.endswith(pre) and not organ.startswith(o)}
                    if len(cands) == 1:             # 指挥部督导组 -> the page's one 指挥部
                        out[key] = f"{scope}/{cands.pop()}"
                        break
            if key not in out and organ in _party_departments():
                committees = by_scope[scope] & _COMMITTEES
                if len(committees) == 1:            # 组织部 -> the page's 区委 (a department of the committee)
                    out[key] = f"{scope}/{committees.pop()}"
        return out

    # ------------------------------------------------------------------ registry
    def _entity(self, key: str, kind: str) -> Entity:
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key, kind)
            path = key[len("area:"):]
            if kind == "Area" and path.isdigit():
                ent.code = path
                d = divisions.by_code(path)
                ent.preferred = d.name if d else ""
        return ent

    def _register(self, page: Page, article: Article, m: Mention, label: str, constructed: str,
                  ref: AreaRef | None) -> None:
        ent = self._entity(m.entity, m.kind if m.role != "anaphor" else self._kind_of(m.entity, m.kind))
        if m.role == "anaphor":
            ent.anaphoric.add(m.text)
        elif m.role != "implied":
            ent.labels[label] += 1
            if m.text != label and clean(m.text) in clean(label) \
                    and not (m.kind == "GovernmentBody" and divisions.lookup(m.text)):
                ent.labels[m.text] += 1              # the printed form (管委会) beside the completed one;
                                                     # not an area's name (甲 of 甲、乙市市场监管局)
            if m.kind == "Campaign" and m.name:
                core = clean(m.name)
                ent.labels[core] += 1
                if len(core) > len(ent.preferred):
                    ent.preferred = core
            elif m.name and m.name != m.text:
                ent.labels[m.name] += 1
        elif not ent.labels and not ent.preferred:
            ent.labels[label] += 1
        if constructed and not ent.constructed:
            ent.constructed = constructed
        if m.kind == "Area" and ref is not None and m.role != "anaphor":
            pm = re.match(r"^(.+?)[（(]([^）)]+)[）)]$", clean(m.text))
            if pm:
                ent.labels[pm.group(2)] += 1
        ref_a = (page.uid or page.stem, article.index)
        seen = self._article_refs.get(m.entity)
        if seen is None or len(seen) != len(ent.articles):    # (re)built if the list changed elsewhere
            seen = self._article_refs[m.entity] = set(ent.articles)
        if ref_a not in seen and m.names_entity:   # was a list scan: quadratic for an entity in every article
            seen.add(ref_a)
            ent.articles.append(ref_a)
        ent.mentions.append((page, article, m))
        if m.kind == "Person" and m.role != "anaphor":
            if m.role == "official":
                ent.role = "official"
            elif m.role == "journalist" and ent.role != "official":
                ent.role = "journalist"
            ent.role = ent.role or m.role or "other"
        if m.kind == "GovernmentBody" and ref is not None and not ent.area:
            ent.area = ref.key if ref.real else ""

    def _kind_of(self, key: str, default: str) -> str:
        ent = self.entities.get(key)
        return ent.kind if ent is not None else default

    def _fact(self, s: str, p: str, o: str, page: Page, article: Article, si: int, source: str = "") -> None:
        """Record a fact once per article (its first mention there is the evidence)."""
        k = (s, p, o, page.uid or page.stem, article.index)
        if k not in self._fact_keys:
            self._fact_keys.add(k)
            self.facts.append(Fact(s, p, o, [(page, article, si)], source))

    def _ensure_area(self, key: str, label: str = "") -> bool:
        """Make the Area node for an area key that no mention named (a parent); False if not an area."""
        if key in self.entities:
            return self.entities[key].kind == "Area"
        ent = self._entity(key, "Area")
        if not ent.preferred:
            ent.constructed = label or key.rsplit("/", 1)[-1]
        elif label and label != ent.preferred:
            ent.constructed = label          # the form the page printed (金水 for 金水区): an altLabel
        return True

    def _body_facts(self, page, article, m: Mention, scope: AreaRef | None, parent: str | None) -> None:
        body = m.entity
        if scope is not None and scope.real:
            self._ensure_area(scope.key, scope.label)
            if scope.key in self.entities:
                self._fact(body, "areaServed", scope.key, page, article, m.sentence)
        organ = body.rpartition("/")[2]
        if parent is not None:
            self._fact(body, "subOrganizationOf", parent, page, article, m.sentence)
        elif (scope is not None and scope.real and (organ not in leading_organs() or organ in _area_organs())
              and not organ.endswith(_ZONE_ORGANS)    # 某某科技园管委会: its own zone's organ, not the area's
              and scope.key in self.entities
              and not _democratic_party(clean(m.label))):
            self._fact(body, "subOrganizationOf", scope.key, page, article, m.sentence)

    def _area_facts(self, page, article, m: Mention, ref: AreaRef) -> None:
        key = ref.key
        while True:
            parent = parent_key(key)
            if not parent or not self._ensure_area(parent):
                break
            source = "gbt2260" if key[5:].isdigit() else ""
            self._fact(key, "locatedIn", parent, page, article, m.sentence, source)
            key = parent

    # ------------------------------------------------------------------ across pages
    def release(self, page: Page) -> dict[int, set[int]]:
        """Forget what only ``page``'s own triples needed, once they are written (a streamed build):
        its facts (already handed on) and every entity's mentions but the first. Returns, per article
        (by id), the sentence indexes later stages still read: those of the first mentions on this page,
        the evidence of cross-page facts that ``finish`` makes."""
        keep: dict[int, set[int]] = {}
        for article in page.articles:
            for m in (*article.mentions, *article.journalists):
                ent = self.entities.get(m.entity) if m.entity else None
                if ent is None or not ent.mentions:
                    continue
                first_page, first_article, first_mention = ent.mentions[0]
                if first_page is page:
                    keep.setdefault(id(first_article), set()).add(first_mention.sentence)
                if len(ent.mentions) > 1:
                    del ent.mentions[1:]
        self._fact_keys.clear()         # keys of facts per (page, article): never asked again
        del self.facts[:]
        return keep

    def _relative_candidates(self, bodies: list[str]) -> set[tuple[str, str]]:
        """县工信局 on a page that names no county (its key is scoped to the page) and the one 工信局 of a
        county the build knows: a candidate identity, not a merge (a collection's home area merges them)."""
        from .jurisdiction import prefix_class

        placed: dict[tuple[str, str], list[str]] = defaultdict(list)
        loose = []
        for key in bodies:
            scope, _, organ = key[len("body:"):].rpartition("/")
            head, _, prefix = scope.partition("/")
            if prefix in RELATIVE and _PAGE_SCOPE.fullmatch(head):
                loose.append((key, prefix, organ))
            elif scope.isdigit() and divisions.by_code(scope) is not None:
                placed[(prefix_class(division_ref(scope)), organ)].append(key)
        out = set()
        for key, prefix, organ in loose:
            found = placed.get((prefix, organ), [])
            if len(found) == 1:
                out.add(tuple(sorted((key, found[0]))))
        return out

    def finish(self) -> None:
        """Record cross-page candidate identities (skos:closeMatch); call once after the last page."""
        if self._finished:
            return
        self._finished = True
        pairs: set[tuple[str, str]] = set()
        by_kind: dict[str, list[str]] = defaultdict(list)
        for key, ent in self.entities.items():
            by_kind[ent.kind].append(key)
        # zones: a bare zone word and the qualified zones of that word
        zones: dict[str, list[str]] = defaultdict(list)
        for key in by_kind["Area"]:
            last = key.rsplit("/", 1)[-1].split(":", 1)[-1]
            if zone_word(last) and not last[:1].isdigit():
                zones[last].append(key)
        close_areas: set[tuple[str, str]] = set()
        for word, keys in zones.items():
            bare = f"area:{word}"
            if bare in keys:
                for k in keys:
                    if k != bare:
                        close_areas.add((bare, k))
        shared: dict[str, list[str]] = defaultdict(list)       # 朝阳区@page1, 朝阳区@page2
        for key in by_kind["Area"]:
            if "@" in key:
                shared[key.split("@", 1)[0]].append(key)
        for keys in shared.values():
            keys.sort()
            close_areas.update((a, b) for i, a in enumerate(keys) for b in keys[i + 1:])
        pairs |= close_areas
        related = {a: set() for pair in close_areas for a in pair}
        for a, b in close_areas:
            related[a].add(b)
            related[b].add(a)
        # bodies with one organ in closely matching areas
        for a in by_kind["GovernmentBody"]:
            organ = a.rpartition("/")[2]
            for area in related.get(self.entities[a].area, ()):
                b = f"body:{area[5:]}/{organ}"
                if b in self.entities and a < b:
                    pairs.add((a, b))
        pairs |= self._relative_candidates(by_kind["GovernmentBody"])
        # people: one name, compatible places (one unknown, or one place inside or close to the other)
        people: dict[str, list[str]] = defaultdict(list)
        for key in by_kind["Person"]:
            people[key.rsplit("/", 1)[-1].split(":", 1)[-1]].append(key)
        for name, keys in people.items():
            for a in keys:
                for b in keys:
                    if a < b and _compatible(self.entities[a].area, self.entities[b].area, related):
                        pairs.add((a, b))
        # campaigns and enterprises: contractions across pages (same first character)
        for kind, strip in (("Campaign", lambda k: k[len("campaign:"):]),
                            ("Enterprise", lambda k: coref.enterprise_core(k[len("enterprise:"):]))):
            buckets: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for key in by_kind[kind]:
                core = strip(key)
                if core:
                    buckets[core[0]].append((core, key))
            for items in buckets.values():
                for ca, a in items:
                    for cb, b in items:
                        if a != b and len(ca) < len(cb) and (is_abbreviation(ca, cb, same_end=kind == "Campaign")
                                                             or (kind == "Enterprise" and cb.startswith(ca))):
                            pairs.add(tuple(sorted((a, b))))
        for a, b in sorted(pairs):
            ea, eb = self.entities[a], self.entities[b]
            if ea.mentions and eb.mentions:
                pa, aa, ma = ea.mentions[0]
                pb, ab, mb = eb.mentions[0]
                self.facts.append(Fact(a, "closeMatch", b, [(pa, aa, ma.sentence), (pb, ab, mb.sentence)]))


#: organs that govern a zone of their own, named before them (某某园区管委会, 某某园区党工委)
_ZONE_ORGANS = ("管理委员会", "党工委")


def _government_post(article: Article, post, level: str):
    """The organ of the same person's same title elsewhere in the article, if it is the government of a
    division of this level (县政府, 某某县人民政府 for 副县长)."""
    for other in article.posts:
        o = other.org
        if (other is post or o is None or other.title != post.title
                or other.person.text != post.person.text):
            continue
        if re.search(level + r"(?:人民)?政府$", o.text):
            return o
    return None


def _compatible(a: str, b: str, related: dict[str, set[str]]) -> bool:
    if not a or not b:
        return True
    if b in related.get(a, ()):
        return True
    if city_scope(a) == city_scope(b) or a[5:].startswith(b[5:] + "/") or b[5:].startswith(a[5:] + "/"):
        return True
    ra, rb = a[5:].split("/", 1)[0], b[5:].split("/", 1)[0]      # 郑州市 lies in 河南省
    if ra.isdigit() and rb.isdigit():
        return rb in {d.code for d in divisions.ancestors(ra)} or ra in {d.code for d in divisions.ancestors(rb)}
    return False


def resolve_pages(pages: list[Page]) -> Resolver:
    r = Resolver()
    for page in pages:
        r.add(page)
    r.finish()
    return r


def resolve_isolated(pages: list[Page]) -> tuple[Resolver, list[tuple[Page, Exception]]]:
    """Resolve ``pages`` so that no page can stop the others: (resolver, [(page, error)] of dropped pages).

    A page whose resolution raises is dropped and resolution starts again without it (a failed ``add``
    may have registered part of the page, so the resolver is not reused). When the cross-page step
    (``finish``) raises, the page that makes it fail on its own is dropped; if no single page does, the
    build keeps its pages and loses only the cross-page links, reported against the first page."""
    failed: list[tuple[Page, Exception]] = []
    dropped: set[int] = set()
    while True:
        kept = [p for p in pages if id(p) not in dropped]
        r, current = Resolver(), None
        try:
            for current in kept:
                r.add(current)
        except Exception as err:  # noqa: BLE001 - one page's bug must not cost the build
            failed.append((current, err))
            dropped.add(id(current))
            continue
        try:
            r.finish()
            return r, failed
        except Exception as err:  # noqa: BLE001
            culprit = next((p for p in kept if _finish_fails(p)), None)
            if culprit is None:
                r._finished = True
                r.facts = [f for f in r.facts if f.predicate != "closeMatch"]
                failed.append((kept[0], err)) if kept else None
                return r, failed
            failed.append((culprit, err))
            dropped.add(id(culprit))


def _finish_fails(page: Page) -> bool:
    try:
        resolve_pages([page])
        return False
    except Exception:  # noqa: BLE001
        return True


__all__ = ["Entity", "Fact", "Resolver", "resolve_pages", "resolve_isolated"]
