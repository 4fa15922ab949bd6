"""Which area an article is about, so that relative names (区城管局, 市政府, 区委, 全区) get their place.

Evidence, weighted by where it is printed (dateline 4, headline 3, first body sentence 2, elsewhere 1):
- the areas the article names (管城回族区, 示范区, 郑州经开区); division names the mention finder did not
  mark (焦作城管) count half; names inside company or institution names (厦工机械（焦作）有限公司) not at all;
- the relative prefixes its bodies use (市城管局 says the article is about a city).
From these, one "home" per relative prefix: 区 -> the district or zone, 县 -> the county, 市 -> the city
(named, or the parent of the district), 省 -> the province, 镇/乡 -> the town. An article that names no
area inherits its page's homes. A prefix with no home gets a placeholder scoped to the page, so
unresolvable names stay apart across pages ("when unsure, keep apart").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..extract.orgs import body_prefix
from ..lexicons import divisions
from ..model import Article, Page
from .areas import AreaRef, PageAreas, city_scope, division_ref
from ..text.literals import LiteralMatcher
from .names import clean

RELATIVE = ("省", "市", "区", "县", "镇", "乡")
_DATELINE = re.compile(r"(?:讯|\d{1,2}月\d{1,2}日电)")     # 本报郑州讯, 新华社郑州3月2日电
DATELINE_WEIGHT = 4.0
#: the paper's own area (kg.collection: home) counts as this much evidence on each of its pages: less than
#: one area printed anywhere, so a page about a neighbouring county keeps that county as its home, but
#: enough to fill the prefixes (县, 市, 省) a page leaves open
HOME_WEIGHT = 0.25
_SPECIFIC = {"区": 0, "县": 0, "市": 1, "省": 2, "镇": 3, "乡": 3}


@dataclass
class Jurisdiction:
    page_uid: str
    homes: dict[str, AreaRef] = field(default_factory=dict)
    main: AreaRef | None = None
    #: districts or counties named only by their bare stem and taken as evidence: (ref, start, end, sentence)
    stems: list[tuple[AreaRef, int, int, int]] = field(default_factory=list)

    def at(self, prefix: str) -> AreaRef:
        """The area a relative prefix (区, 市 ...) means here; a page-scoped placeholder when unknown."""
        ref = self.homes.get(prefix)
        if ref is not None:
            return ref
        return self.unknown(prefix)

    def unknown(self, prefix: str) -> AreaRef:
        """The page-scoped placeholder for a 区/市 ... the page does not name."""
        return AreaRef(f"area:{self.page_uid}/{prefix}", prefix, "virtual")

    @property
    def here(self) -> AreaRef:
        """The area an unprefixed local name (九龙办事处, 指挥部) belongs to."""
        return self.main if self.main is not None else AreaRef(f"area:{self.page_uid}", "", "virtual")

    @property
    def person_scope(self) -> str:
        """City-level key that tells people with one name apart ('' when the page names no area)."""
        return city_scope(self.main.key) if self.main is not None and self.main.real else ""


def _headline_count(article: Article) -> int:
    n = 0
    for s in article.sentences:
        if article.headline and s.text.strip() and s.text.strip() in article.headline:
            n += 1
        else:
            break
    return n


def _weights(article: Article) -> list[float]:
    h = _headline_count(article)
    out = []
    for i, _s in enumerate(article.sentences):
        out.append(3.0 if i < h else 2.0 if i == h else 1.0)
    return out


def prefix_class(ref: AreaRef) -> str:
    """The relative prefix an area answers to: 区 for districts and zones, 市 for cities ..."""
    if ref.level == "zone":
        bare = re.sub(r"[（(][^）)]*[）)]", "", clean(ref.label))
        return "区" if bare.endswith("区") or not bare else ""    # an 产业城 is no 区 (区领导, 全区 mean another)
    if ref.level == "province":
        return "省"
    if ref.level == "city":
        return "市"
    if ref.level == "county":
        name = divisions.by_code(ref.code).name if ref.code else ref.label
        if name.endswith("市"):
            return "市"
        if name.endswith(("县", "旗")):
            return "县"
        return "区"
    if ref.level == "local":
        for p in ("镇", "乡"):
            if ref.label.endswith(p):
                return p
    if ref.level == "other":
        # a county or city the division data does not list (new, renamed): its own suffix says which
        for suffix, p in (("县", "县"), ("旗", "县"), ("市", "市"), ("区", "区"), ("省", "省")):
            if ref.label.endswith(suffix) and len(ref.label) > 2:
                return p
    return ""


class Evidence:
    """Weighted area evidence of one article (or a whole page, summed)."""

    def __init__(self):
        self.score: dict[str, float] = defaultdict(float)
        self.first: dict[str, int] = {}
        self.refs: dict[str, AreaRef] = {}
        self.relative: dict[str, float] = defaultdict(float)
        self.stems: list[tuple[AreaRef, float, int, int, int]] = []   # last resort (see stem_evidence)

    def add(self, ref: AreaRef, w: float, pos: int) -> None:
        self.score[ref.key] += w
        self.refs.setdefault(ref.key, ref)
        self.first[ref.key] = min(self.first.get(ref.key, pos), pos)

    def merge(self, other: "Evidence") -> None:
        for k, w in other.score.items():
            self.add(other.refs[k], w, other.first[k])
        for p, w in other.relative.items():
            self.relative[p] += w
        self.stems.extend(other.stems)

    def best(self, cls: str) -> AreaRef | None:
        keys = [k for k in self.score if prefix_class(self.refs[k]) == cls]
        if not keys:
            return None
        return self.refs[max(keys, key=lambda k: (self.score[k], -self.first[k], k))]

    def homes(self) -> dict[str, AreaRef]:
        homes = {p: r for p in RELATIVE if (r := self.best(p)) is not None}
        base = homes.get("区") or homes.get("县")
        if "市" not in homes and base is not None and base.key.startswith("area:") :
            city = city_scope(base.key)
            if city and city != base.key and city[5:].isdigit() and divisions.by_code(city[5:]).level == 2:
                homes["市"] = division_ref(divisions.real_city(city[5:]))
        if "省" not in homes:
            for p in ("市", "区", "县"):
                r = homes.get(p)
                root = r.key[5:].split("/", 1)[0] if r else ""
                if root.isdigit():
                    homes["省"] = division_ref(root[:2] + "0000")
                    break
        if "市" not in homes and base is not None:
            homes["市"] = AreaRef(f"{base.key}/所在市", "市", "virtual")
        if "省" not in homes and "市" in homes:
            homes["省"] = AreaRef(f"{homes['市'].key}/所在省", "省", "virtual")
        return homes

    def main(self, homes: dict[str, AreaRef]) -> AreaRef | None:
        """The area the article is about: the best-supported home, preferring the more specific."""
        best, best_key = None, None
        for p, ref in homes.items():
            if not ref.real or ref.level == "local":
                continue
            s = self.score.get(ref.key, 0.0) + self.relative.get(p, 0.0)
            key = (s, -_SPECIFIC[p], -self.first.get(ref.key, 0))
            if best_key is None or key > best_key:
                best, best_key = ref, key
        return best


def article_evidence(page: Page, article: Article, areas: PageAreas) -> Evidence:
    """Areas named in the article (towns and villages apart: they are placed under the main area later).
    Division names inside company or institution names (厦工机械（焦作）有限公司) are not evidence."""
    ev = Evidence()
    weights = _weights(article)
    covered = []
    for m in article.mentions:
        if m.sentence < 0 or m.sentence >= len(weights) or m.role == "anaphor":
            continue
        w = weights[m.sentence]
        if m.kind in ("Enterprise", "Institution", "Place"):
            covered.append((m.start, m.end))
        if m.kind == "Area":
            if _DATELINE.match(page.text, m.end):
                w = DATELINE_WEIGHT
            ref = areas.ref(m.text)
            if ref.level != "local":
                ev.add(ref, w, m.start)
            covered.append((m.start, m.end))
        elif m.kind == "GovernmentBody":
            p = body_prefix(clean(m.label))
            if p in RELATIVE:
                ev.relative[p] += w
    starts = [d[0] for d in areas.divisions]
    for si, s in enumerate(article.sentences):
        k = bisect_left(starts, s.start)
        for start, end, form in areas.divisions[k:bisect_left(starts, s.end, k)]:
            if end > s.end:
                continue
            if any(a <= start and end <= b for a, b in covered):
                continue
            d = areas._division(form)
            if d is not None:
                w = DATELINE_WEIGHT if _DATELINE.match(page.text, end) else weights[si] * 0.5
                ev.add(division_ref(d.code, form), w, start)
    if any(ev.relative.get(p) for p in ("区", "县")):
        ev.stems = stem_evidence(article, areas, weights, covered)
    return ev


def _within(code: str, outer: str) -> bool:
    """Whether division ``code`` lies in division ``outer`` (or is it)."""
    return code == outer or any(d.code == outer for d in divisions.ancestors(code)) or (
        divisions.real_city(code[:4] + "00") == outer)


@lru_cache(maxsize=1)
def _stem_matcher() -> LiteralMatcher:
    return LiteralMatcher(sorted(divisions.county_stems(), key=lambda s: (-len(s), s)))


def stem_evidence(article: Article, areas: PageAreas, weights: list[float],
                  covered: list[tuple[int, int]]) -> list[tuple[AreaRef, float, int, int, int]]:
    """A district or county named by its bare stem (维护金水形象 in an article whose bodies say 区委, 区政府):
    counted only when the page names no district or county at all (page_jurisdictions), and only where
    the word segmenter reads the stem as a place name of its own, so 和平发展 or 城关镇 never count."""
    from ..extract.short_names import word_spans
    out = []
    for si, s in enumerate(article.sentences):
        found = [m for m in _stem_matcher().finditer(s.text)]
        if not found:
            continue
        tokens = word_spans(s.text, 0, len(s.text))
        for m in found:
            if tokens.get(m.start()) != (m.end(), "ns"):
                continue
            start = s.start + m.start()
            if any(a <= start < b for a, b in covered):
                continue
            d = areas._division_among(divisions.county_stems()[m.group()])
            if d is not None:
                out.append((division_ref(d.code, m.group()), weights[si] * 0.5, start, start + len(m.group()), si))
    return out


def page_jurisdictions(page: Page, areas: PageAreas) -> list[Jurisdiction]:
    """One Jurisdiction per article; articles that name no area take the page's."""
    per_article = [article_evidence(page, a, areas) for a in page.articles]
    whole = Evidence()
    for ev in per_article:
        whole.merge(ev)
    used: dict[int, list[tuple[AreaRef, int, int, int]]] = defaultdict(list)
    named = [r for c in ("市", "省") if (r := whole.best(c)) is not None and r.code]
    for p in ("区", "县"):
        if whole.relative.get(p) and whole.best(p) is None:
            for k, ev in enumerate(per_article):
                for ref, w, start, end, si in ev.stems:
                    # 太湖 on a page about a Jiangsu city is the lake, not 太湖县 of Anhui
                    if prefix_class(ref) == p and all(_within(ref.code, r.code) for r in named):
                        ev.add(ref, w, start)
                        whole.add(ref, w, start)
                        used[k].append((ref, start, end, si))
    if page.home and divisions.by_code(page.home) is not None:
        whole.add(division_ref(page.home), HOME_WEIGHT, len(page.text))
    page_homes = whole.homes()
    page_main = whole.main(page_homes)
    out = []
    for k, (article, ev) in enumerate(zip(page.articles, per_article)):
        homes = ev.homes()
        main = ev.main(homes)
        if main is None:
            homes, main = dict(page_homes), page_main
        else:
            for p, ref in page_homes.items():
                if p not in homes or (not homes[p].real and ref.real):
                    homes[p] = ref
        for p in ("镇", "乡"):            # towns: the one the article names most, placed under its area
            local = _best_local(article, areas, main, p)
            if local is not None:
                homes[p] = local
        out.append(Jurisdiction(page.uid or page.stem, homes, main, used.get(k, [])))
    return out


def _best_local(article: Article, areas: PageAreas, main: AreaRef | None, unit: str) -> AreaRef | None:
    counts: dict[str, tuple[int, AreaRef]] = {}
    for m in article.mentions:
        if m.kind == "Area" and m.role != "anaphor" and clean(m.text).endswith(unit):
            ref = areas.ref(m.text, main)
            if ref.level == "local":
                n, _ = counts.get(ref.key, (0, ref))
                counts[ref.key] = (n + 1, ref)
    if not counts:
        return None
    return max(counts.values(), key=lambda c: (c[0], c[1].key))[1]
