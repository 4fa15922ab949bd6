"""Areas of one page: which real area each printed area name denotes, as a key that depends on the page
alone (so adding pages never changes it).

Keys are paths under ``area:``:
- a GB/T 2260 division: its code, ``area:410104`` (管城区 = 管城回族区); a short form shared by several
  divisions is settled by the other divisions the page names, else it stays a plain name;
- a zone qualified by a division: ``area:410100/经济技术开发区`` (郑州经开区 = 郑州市经济技术开发区);
- a zone qualified by another zone's short form: ``area:经济技术开发区/综合保税区`` (经开综保区, inside 经开区);
- a bare zone word takes the qualified zone the same page prints (经开区 -> 郑州经开区), or an alias the page
  gives in parentheses (示范区（高新区）: 高新区 = 示范区), else stays bare: ``area:示范区``;
- a town, village, community or street under the area the article is about: ``area:410104/北下街街道``.
A qualifier that is not a name (改善经开区, 来经开区: words the name scan swallowed) is dropped when the
page also prints the bare zone word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.orgs import ZONE_WORDS
from ..lexicons import divisions
from ..model import Page
from ..text.literals import LiteralMatcher
from .names import clean, expand

LOCAL_UNITS = ("街道", "社区", "镇", "乡", "村")
NATIONAL = ("国家级", "国家", "省级")
GENERIC_ZONE = "开发区"                  # any kind of development zone       # designations, not places: 国家高新区 = the page's 高新区
_PAREN = re.compile(r"^(.+?)[（(]([^）)]+)[）)]$")
_ZONES = tuple(sorted(ZONE_WORDS, key=len, reverse=True))


@dataclass(frozen=True)
class AreaRef:
    key: str             # "area:410104", "area:410100/经济技术开发区", "area:示范区"
    label: str           # the printed form (qualifier junk removed)
    level: str           # province | city | county | zone | local | other | virtual
    code: str = ""       # GB/T 2260 code when the area is a division

    @property
    def path(self) -> str:
        return self.key[len("area:"):]

    @property
    def real(self) -> bool:
        """False for a placeholder such as "the city 示范区 lies in" (no Area node is made for it)."""
        return self.level != "virtual"


def division_level(code: str) -> str:
    d = divisions.by_code(code)
    if d is None:
        return "other"
    return {1: "province", 2: "city"}.get(d.level, "county")


def division_ref(code: str, label: str = "") -> AreaRef:
    d = divisions.by_code(code)
    return AreaRef(f"area:{code}", label or (d.name if d else code), division_level(code), code)


def parent_key(key: str) -> str:
    """The area that contains ``key`` ('' when unknown): path parent, or the GB/T 2260 parent."""
    path = key[len("area:"):]
    if "/" in path:
        return "area:" + path.rsplit("/", 1)[0]
    if path.isdigit():
        d = divisions.by_code(path)
        if d is not None and d.parent and divisions.by_code(d.parent) is not None:
            # a municipality's grouping rows (北京市's 市辖区) are no place: its districts lie in the city
            return f"area:{divisions.real_city(d.parent)}"
    return ""


def city_scope(key: str) -> str:
    """The city-level area around ``key``, used to tell people with one name apart: 管城回族区 -> 郑州市;
    a zone qualified by a division -> that division's city; a bare zone -> the zone itself."""
    if not key:
        return ""
    root = key[len("area:"):].split("/", 1)[0]
    if root.isdigit():
        d = divisions.by_code(root)
        while d is not None and d.level > 2 and d.parent and divisions.by_code(d.parent) is not None:
            d = divisions.by_code(d.parent)
        return f"area:{divisions.real_city(d.code)}" if d is not None else f"area:{root}"
    return f"area:{root}"


def zone_word(name: str) -> str:
    for z in _ZONES:
        if name.endswith(z):
            return z
    return ""


def _trie_pattern(words: list[str]) -> str:
    """A regex that matches the longest of ``words``, as a character trie (fast with thousands of words)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@lru_cache(maxsize=1)
def _division_re() -> LiteralMatcher:
    """Division names worth scanning for (2-character 区/县/市 forms are too often ordinary words).
    LiteralMatcher gives the same leftmost-longest matches as re.compile(_trie_pattern(forms)), ~10x faster."""
    forms = [f for f in divisions.all_forms() if len(f) >= 3 or (len(f) == 2 and f[-1] not in "区县市")]
    return LiteralMatcher(forms)


def match_division(text: str, i: int, hi: int | None = None) -> int:
    """End of the longest division name starting at ``i`` (``i`` when none)."""
    m = _division_re().match(text, i, len(text) if hi is None else hi)
    return m.end() if m else i


def scan_divisions(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """Every division name in ``text[lo:hi]`` (also inside other names: 焦作市宏达力公司 names 焦作市),
    longest first, left to right, without overlaps."""
    hi = len(text) if hi is None else hi
    return [(m.start(), m.end(), m.group()) for m in _division_re().finditer(text, lo, hi) if m.end() > m.start()]


def _inside(span: tuple, spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies within one of the sorted ``spans``."""
    from bisect import bisect_right
    k = bisect_right(spans, (span[0], float("inf"))) - 1
    return k >= 0 and spans[k][0] <= span[0] and span[1] <= spans[k][1]


class PageAreas:
    """Area names of one page -> AreaRef."""

    def __init__(self, page: Page):
        self.text = page.text
        self.uid = page.uid or page.stem
        self.compact = re.sub(r"\s+", "", page.text)
        named = [clean(m.text) for a in page.articles for m in a.mentions
                 if m.kind == "Area" and m.role != "anaphor"]
        # divisions the page names unambiguously: they settle shared short forms (朝阳区 of which city?)
        self.codes: set[str] = set()
        # (start, end, form) in page.text, scanned once; not inside a person's name (丰台 in 王丰台)
        people = sorted((m.start, m.end) for a in page.articles for m in a.mentions if m.kind == "Person")
        self.divisions = [d for d in scan_divisions(page.text) if not _inside(d, people)]
        self.named_codes: set[str] = set()
        for _s, _e, form in self.divisions:
            found = divisions.lookup(form)
            if len(found) == 1:
                self.named_codes.add(found[0].code)
                self.codes.add(found[0].code)
                self.codes.update(d.code for d in divisions.ancestors(found[0].code))
        self.aliases: dict[str, str] = {}      # 高新区 -> 示范区 (from 示范区（高新区）)
        forms = sorted({_PAREN.sub(r"\1", n) for n in named}, key=len, reverse=True)
        for m in re.finditer(r"[（(]([^（）()]{2,10})[）)]", self.compact):
            inner = clean(m.group(1))
            if not zone_word(inner):
                continue
            before = self.compact[max(0, m.start() - 12):m.start()]
            main = next((f for f in forms if before.endswith(f) and f != inner), None)
            if main is not None and (zone_word(main) or self._division(main) is not None):
                self.aliases.setdefault(expand(inner), main)
        self.zone_names = {_PAREN.sub(r"\1", n) for n in named if zone_word(_PAREN.sub(r"\1", n))}
        # counties with a one-character stem (滑县) that the page names as areas (kg.extract.orgs checked them)
        self.short_counties = {n for n in named if len(n) == 2 and n[1] == "县"}
        # bare zone word -> the one qualified form of it printed on the page
        self.qualified: dict[str, str] = {}
        seen: dict[str, set[str]] = {}
        for n in named:
            n = _PAREN.sub(r"\1", n)
            z = zone_word(n)
            if z and n != z:
                q = n[: -len(z)]
                if self._division(q) is not None:
                    seen.setdefault(expand(z), set()).add(n)
        for z, forms in seen.items():
            if len(forms) == 1:
                self.qualified[z] = next(iter(forms))
        # 开发区 is the generic word: 某市开发区 on a page that prints 某市经济技术开发区 is that zone
        self.zone_words: dict[str, set[str]] = {}
        for z, forms in seen.items():
            for f in forms:
                d = self._division(f[: -len(zone_word(f))])
                if d is not None:
                    self.zone_words.setdefault(d.code, set()).add(z)

    # ------------------------------------------------------------------ helpers
    def _division(self, name: str):
        return self._division_among(tuple(d.code for d in divisions.lookup(clean(name))))

    def _division_among(self, codes: tuple[str, ...]):
        """The one division of ``codes`` meant here: the only one, or the only one near the page's others."""
        found = [d for c in codes if (d := divisions.by_code(c)) is not None]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            near = [d for d in found if d.parent in self.codes or d.code in self.codes]
            if len(near) == 1:
                return near[0]
        return None

    def _qualifier_is_name(self, q: str, z: str) -> bool:
        """"改善经开区": 改善 is not part of the zone's name when the page prints 经开区 on its own too."""
        full = q + z
        n_full = self.compact.count(full)
        # the zone word alone: not as the end of the zone names the page prints with a qualifier
        n_bare = self.compact.count(z) - sum(self.compact.count(f) for f in self.zone_names if f != z and f.endswith(z))
        return n_full >= 2 or n_bare <= n_full

    def _named_zone(self, n: str) -> AreaRef | None:
        """A zone with a name of its own under a division: 某市新材料开发区 is area:<某市>/新材料开发区, and
        新材料开发区 on a page that prints 某市新材料开发区 (and no other) is the same zone."""
        e = match_division(n, 0)
        if e and len(n) - e >= 3 and zone_word(n[e:]) != n[e:]:
            d = self._division(n[:e])
            if d is not None:
                return AreaRef(f"area:{d.code}/{expand(n[e:])}", n, "zone")
            return None
        longer = {f for f in self.zone_names if f != n and f.endswith(n) and match_division(f, 0) == len(f) - len(n)}
        if len(longer) == 1:
            full = longer.pop()
            d = self._division(full[: len(full) - len(n)])
            if d is not None:
                return AreaRef(f"area:{d.code}/{expand(n)}", n, "zone")
        return None

    def short_county(self, name: str) -> str:
        """滑县政协 on a page that names 滑县: the one-character county is the body's prefix ('' if not)."""
        return name[:2] if len(name) > 2 and name[:2] in self.short_counties else ""

    def stem_division(self, name: str) -> AreaRef | None:
        """金水科教园区管委会 on a page that names 金水区: the name starts with the division's stem."""
        for n in (3, 2):
            stem = name[:n]
            if len(name) <= n + 1:
                continue
            for suffix in ("区", "县", "市"):
                d = self._division(stem + suffix)
                if d is not None and d.code in self.named_codes and not name.startswith(stem + suffix):
                    return division_ref(d.code, d.name)
        return None

    # ------------------------------------------------------------------ keys
    def ref(self, name: str, home: AreaRef | None = None, _depth: int = 0) -> AreaRef:
        """The area a printed name denotes on this page (``home``: the area the article is about)."""
        n = clean(name)
        m = _PAREN.match(n)
        if m:
            n = m.group(1)
        d = self._division(n)
        if d is not None:
            return division_ref(d.code, n)
        chained = self._chain(n)
        if chained is not None:
            return chained
        shared = divisions.lookup(n)
        if shared:       # 朝阳区 of which city? The page does not say: keep it to this page (closeMatch links)
            return AreaRef(f"area:{n}@{self.uid}", n, division_level(shared[0].code))
        z = zone_word(n)
        if z:
            return self._zone(n, z, _depth)
        for unit in LOCAL_UNITS:
            if n.endswith(unit) and len(n) > len(unit):
                if home is not None and home.real and home.level != "local":
                    return AreaRef(f"{home.key}/{n}", n, "local")
                return AreaRef(f"area:{n}", n, "local")
        return AreaRef(f"area:{expand(n)}", n, "other")

    def _chain(self, n: str) -> AreaRef | None:
        """河南省郑州市金水区 = 金水区: divisions printed one inside the other (the last one counts; its
        parents settle a shared short name); a town after them (闵行区某镇) is that town, under them."""
        i, last = 0, None
        while i < len(n):
            e = match_division(n, i)
            if e == i:
                break
            found = divisions.lookup(n[i:e])
            if last is not None:
                found = tuple(d for d in found if last.code in {a.code for a in divisions.ancestors(d.code)})
            if len(found) != 1:
                return None
            last, i = found[0], e
        if last is None or i == 0 or (i < len(n) and not (n.endswith(("镇", "乡")) and len(n) - i >= 2)):
            return None
        if i == len(n):
            return division_ref(last.code, n)
        return AreaRef(f"area:{last.code}/{n[i:]}", n[i:], "local")

    #: a zone's key may lead through another zone form of the page (its alias, its qualified form, its
    #: short form's parent); each step is a different printed form, so a chain longer than this is a cycle
    MAX_ZONE_STEPS = 4

    def _zone(self, n: str, z: str, depth: int = 0) -> AreaRef:
        if depth > self.MAX_ZONE_STEPS:
            return AreaRef(f"area:{expand(n)}", n, "zone")
        q = n[: -len(z)]
        ez = expand(z)
        if q in NATIONAL:
            q = ""
        if q:
            d = self._division(q)
            if d is not None:
                specific = self.zone_words.get(d.code, set()) - {GENERIC_ZONE}
                if ez == GENERIC_ZONE and len(specific) == 1:
                    ez = next(iter(specific))
                return AreaRef(f"area:{d.code}/{ez}", n, "zone")
            for tail in ("区", "开发区"):
                if zone_word(q + tail) == q + tail:          # 经开 + 区: a zone's short form
                    parent = self._zone(q + tail, zone_word(q + tail), depth + 1)
                    return AreaRef(f"{parent.key}/{ez}", n, "zone")
            if self._qualifier_is_name(q, z):
                named = self._named_zone(n)
                if named is not None:
                    return named
                return AreaRef(f"area:{expand(n)}", n, "zone")
            n = z
        # a bare zone word: the page's qualified form or parenthesised alias, else itself
        if ez in self.aliases:
            main = self.ref(self.aliases[ez], _depth=depth + 1)
            return AreaRef(main.key, n, main.level, main.code)
        if ez in self.qualified:
            # the qualified form has its own zone word: 经济技术开发区 may be printed qualified as 郑州经开区
            qualified = self.qualified[ez]
            main = self._zone(qualified, zone_word(qualified), depth + 1)
            return AreaRef(main.key, n, "zone")
        if ez == GENERIC_ZONE:
            # 开发区 on a page about one zone (经开区, 某某高新区) is that zone
            others = {o for o in self.zone_names if o != n and expand(o) != GENERIC_ZONE}
            if len(others) == 1:
                main = self.ref(next(iter(others)), _depth=depth + 1)
                return AreaRef(main.key, n, main.level, main.code)
        return AreaRef(f"area:{ez}", n, "zone")
