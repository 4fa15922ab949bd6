"""Organisations, areas and places: names ending in a known suffix, and administrative divisions.

- GovernmentBody: [jurisdiction][function words][organ suffix]: 区市场监管局, 经开区生态环境分局, 管城区委;
- Enterprise: ... 有限公司 / 集团 / 分公司 / 项目部 / 停车场, and "X等N家公司" (X is a company);
- Institution: ... 大学 / 学院 / 研究院 / 科技园 / 产业园 / 时报;
- Area: divisions of GB/T 2260 (from public data), zones (经开区, 示范区, 综合保税区), 镇/乡/村/社区/街道;
- Place: roads, sites, residential compounds (普济路西堆土场, 财富天阶小区).
Overlaps are settled by length (longest wins), areas may nest inside bodies (经开区 in 经开区建设局).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import alternation, table, words
from ..lexicons import divisions
from ..model import Mention
from ..text.literals import LiteralMatcher, PrefixSet, SuffixSet
from .edges import function_words, name_start
from .places import find_sites, refine_places
from .spans import boundary_before, division_ends, is_cjk, scan_left
from .titles import title_at

_NUMERALS = "一二三四五六七八九十两几多百千万"
KIND_PRIORITY = {"GovernmentBody": 5, "Enterprise": 4, "Institution": 3, "Area": 2, "Place": 1}
ZONE_WORDS = ("经济技术开发区", "高新技术产业开发区", "综合保税区", "经开区", "高新区", "示范区", "综保区",
              "保税区", "自贸区", "开发区", "新区", "度假区", "产业城")
LOCAL_UNITS = ("街道", "社区", "镇", "乡", "村")
#: counties and cities missing from the division data (renamed, new, or fictional in tests): a two-
#: character name right after a boundary ("，东湖县召开"); 县城, 市场, 城市 are words, not names
_COUNTY_CITY = re.compile(r"([\u4e00-\u9fff]{2})(县|市)(?![场民值面容貌井集城域级长])")
RELATIVE_PREFIXES = ("省", "市", "区", "县", "镇", "乡")
#: a suffix followed by one of these characters is part of another word (办公, 局势, 部署, 党组织)
_BAN_AFTER = {"办": set("公理事法好件成结学到实"), "局": set("势面限部级"), "委": set("托派屈婉"), "厅": set("堂"),
              "村": set("民庄落区级"), "镇": set("定静压区级"), "乡": set("亲村土愁镇建区级"), "社区": set(""),
              "部": set("门署分长位队件"), "党组": set("织"), "党委": set("员"), "工委": set("员"),
              "处": set("理置罚分在于长级处"), "科": set("长学技研室目普员教创协级"), "厂": set("街路区房长"), "院": set("长士子落内外"), "校": set("长区园"), "学校": set("长区园"),
              "路": set("线径由费口"), "街": set("道头区巷"), "巷": set("子道")}
#: the character before 乡/村 that makes a common word of it (家乡, 故乡, 之乡, 下乡, 农村, 乡村)
_COMMON_UNIT_WORDS = {"乡": "故家之老同下返回", "村": "农乡"}
#: words that end like a road but are not names (道路, 思路, 一路)
_COMMON_ROADS = re.compile(r"(?:道|马|公|铁|水|电|网|线|思|出|门|套|后|前|一|处|条|小|大|沿|上|逛|老|新)$")


@lru_cache(maxsize=1)
def _suffix_re() -> tuple[re.Pattern, dict[str, str]]:
    kinds: dict[str, str] = {}
    for kind, name in (("Place", "place_suffixes"), ("Institution", "institution_suffixes"),
                       ("Enterprise", "enterprise_suffixes"), ("GovernmentBody", "organ_suffixes")):
        for w in words(name):
            kinds[w] = kind     # later lists win: organ words over place words (中心, 站)
    return re.compile(alternation(kinds)), kinds


@lru_cache(maxsize=1)
def _division_re() -> LiteralMatcher:
    forms = [f for f in divisions.all_forms() if len(f) >= 3 or (len(f) == 2 and f[-1] not in "区县市")]
    return LiteralMatcher(forms)   # same matches as re.compile(alternation(forms)), ~20x faster


@lru_cache(maxsize=1)
def _not_bodies() -> frozenset[str]:
    return frozenset(words("not_bodies"))


@lru_cache(maxsize=1)
def _not_body_ends() -> SuffixSet:
    return SuffixSet(w for w in _not_bodies() if len(w) >= 2)


@lru_cache(maxsize=1)
def _generic_stems() -> frozenset[str]:
    return frozenset(words("generic_stems"))


@lru_cache(maxsize=1)
def _generic_prefixes() -> PrefixSet:
    return PrefixSet(_generic_stems())


def continues_word(suffix: str, nxt: str) -> bool:
    """True when ``suffix`` followed by ``nxt`` is part of another word (科|教, 办|公, 部|署)."""
    return nxt in _BAN_AFTER.get(suffix, ())


def _generic(stem: str) -> bool:
    """A stem made of generic words only (相关, 新增专用, 周边道, 六个): no proper name in it."""
    g = _generic_stems()
    if stem in g or (len(stem) <= 2 and stem[-2:] in g):
        return True
    for w in _generic_prefixes().prefixes(stem):   # the generic words stem starts with (set look-ups)
        if len(stem) - len(w) <= 2 and (len(stem) - len(w) == 0 or len(w) >= 2):
            return True
    if re.match(r"^[0-9一二三四五六七八九十两几多]+[个家名位批项]", stem):
        return True
    return False


@lru_cache(maxsize=4096)
def _nominal(stem: str) -> bool:
    """False when the stem is only verbs/adverbs/function words (疏通社区, 清理道路): no name in it."""
    import rjieba
    tags = [t for _, t in rjieba.tag(stem)]
    return any(t[0] in "nsjzgxe" or t in ("nr", "ns", "nt", "nz", "eng") for t in tags)


def _valid_stem(stem: str, suffix: str, kind: str) -> bool:
    if not stem:
        return False
    if _generic(stem):
        return False
    if kind == "GovernmentBody" and len(suffix) == 1 and len(stem) < 2 and stem not in RELATIVE_PREFIXES:
        return False
    if kind == "Enterprise" and len(suffix) == 1 and len(stem) < 2:
        return False          # 大厂, 药厂, 该店: a common noun, not a company's name
    if suffix == "厂" and stem[-1] in "办建开进":
        return False          # 回乡办厂, 进厂: a verb and its object, not a factory's name
    if stem[-1] in "不没未别":
        return False          # 决不办, 不办: a negated verb, not an office
    if kind == "Place" and suffix in ("路", "街", "巷") and (_COMMON_ROADS.search(stem) or len(stem) > 5):
        return False
    if kind == "Area" and not _nominal(stem):
        return False
    if (stem + suffix) in _not_bodies() or _not_body_ends().ends(stem + suffix):
        return False
    return True


def find_orgs(text: str, lo: int, hi: int) -> list[Mention]:
    """Candidate organisation/area/place mentions in ``text[lo:hi]`` (overlaps not yet settled)."""
    out: list[Mention] = []
    pattern, kinds = _suffix_re()
    pos = lo
    while True:
        m = pattern.search(text, pos, hi)
        if not m:
            break
        pos = m.start() + 1
        suffix, kind = m.group(), kinds[m.group()]
        nxt = text[m.end()] if m.end() < hi else ""
        if nxt in _BAN_AFTER.get(suffix, ()):
            continue
        t = title_at(text, m.start(), hi)
        if t and len(t) > len(suffix) and not _area_before(text, m.start(), lo):
            continue    # 市城管局党组书记: the title 党组书记, not a body 市城管局党组; but 某镇党委书记 is 某镇党委 + 书记
        start = scan_left(text, m.start(), lo)
        if kind == "GovernmentBody":
            start = _past_function_words(text, start, lo)
            start = _across_conjunction(text, start, lo)
        edge = m.start()
        if kind == "Enterprise":
            n = boundary_before(text, start)
            if n and text[start - n - 2:start - n] == "集团":   # 某某集团联合化工有限公司: a group's company
                edge = start - n                                 # (the group's name decides the left edge)
                start = scan_left(text, edge, lo)
        if kind in ("GovernmentBody", "Institution", "Enterprise"):
            start += name_start(text[start:edge], kind)   # not the verb or subject before the name
        if kind == "GovernmentBody":
            start = _past_lower_division(text, start, m.end())
            start = _past_quote(text, start, m.end())
        if kind in ("GovernmentBody", "Institution") and text[start - 2:start] == "全国" and start - 2 >= lo \
                and text[start:m.end()] in _national_organs():
            start -= 2          # 全国人大常委会, 全国政协: the country's own organ
        if kind == "Place":
            start = _after_area_prefix(text, start, m.start())
        stem = text[start:m.start()]
        if not _valid_stem(stem, suffix, kind):
            continue
        if stem[0] in "个家名位批项所座" and start > lo and (text[start - 1].isdigit() or text[start - 1] in _NUMERALS):
            continue   # "4家液化气公司": a count of unnamed companies
        if stem[0] in "个家所座" and start > lo and text[start - 1] in "这那该每此":
            continue   # "这所纪念馆", "该家公司": a demonstrative and a classifier, no name
        if all(c in _NUMERALS or c.isdigit() for c in stem):
            continue   # "几十处", "三部": a count
        if kind == "GovernmentBody" and start > lo and text[start - 1] == "各":
            continue   # "各街道人大工委", "各县区政府": every body of a kind, not a named one
        if kind == "Place" and len(stem) > 8:
            continue
        out.append(Mention(kind, text[start:m.end()], start, m.end()))
    out.extend(_organ_units(text, out, hi))
    out.extend(_short_companies(text, lo, hi))
    out.extend(find_areas(text, lo, hi))
    out.extend(find_sites(text, lo, hi))       # Place/Institution suffixes with stem rules (kg.extract.places)
    return refine_places(text, out)


@lru_cache(maxsize=1)
def _unit_words() -> tuple[str, ...]:
    return words("organ_units")


def _organ_units(text: str, found: list[Mention], hi: int) -> list[Mention]:
    """省统计局 + 数据中心: a unit printed straight after a body's name is a body of its own."""
    out = []
    for m in found:
        if m.kind != "GovernmentBody":
            continue
        unit = next((w for w in _unit_words() if text.startswith(w, m.end) and m.end + len(w) <= hi), "")
        if unit:
            out.append(Mention("GovernmentBody", text[m.start:m.end + len(unit)], m.start, m.end + len(unit)))
    return out


@lru_cache(maxsize=1)
def _national_organs() -> frozenset[str]:
    return frozenset(r[1] for r in table("national") if len(r) >= 2 and r[0] == "organ")


def _past_quote(text: str, start: int, end: int) -> int:
    """"当好“娘家人”区城管局": a quoted word before a body that names its own area is not part of it
    (示范区“四城联创”指挥部 keeps its quote: nothing after it names an area)."""
    q = text.rfind("”", start, end)
    if q < 0 or q + 1 >= end:
        return start
    return q + 1 if body_prefix(text[q + 1:end]) else start


_HIGHER = {"区": "市省", "县": "市省", "市": "省"}


@lru_cache(maxsize=1)
def _leading_forms() -> frozenset[str]:
    return frozenset(words("leading_organs")) | {"政协", "人大", "纪委", "监委"}


def _past_lower_division(text: str, start: int, end: int) -> int:
    """"住某区市政协委员": a district's name before the city's own organ (市政协, 市委, 市政府) is not part
    of it (a district has no 市政协); the body starts at 市. Departments (某区市场监管局) are left alone."""
    name = text[start:end]
    prefix = body_prefix(name)
    rest = name[len(prefix):]
    if prefix and rest[:1] in _HIGHER.get(prefix[-1], "") and rest[1:] in _leading_forms():
        return start + len(prefix)
    return start


def _past_function_words(text: str, start: int, lo: int) -> int:
    """组织部, 宣传部: a boundary verb that is the organ's function word is part of the name; 共和新路街道:
    a one-character boundary word (和) that is part of a name word with the character before it."""
    n = boundary_before(text, start)
    while n and start - n >= lo and (text[start - n:start] in function_words()
                                     or (n == 1 and start - 2 >= lo and _name_word(text[start - 2:start]))):
        start = scan_left(text, start - n - (n == 1), lo)
        n = boundary_before(text, start)
    return start


@lru_cache(maxsize=4096)
def _name_word(word: str) -> bool:
    """True when jieba reads ``word`` as one proper noun (共和), not as X + a function word (并报, 区和)."""
    import rjieba
    tags = rjieba.tag(word)
    return len(tags) == 1 and tags[0][1] in ("nz", "ns", "nt")


def _across_conjunction(text: str, start: int, lo: int) -> int:
    """"区政务服务和大数据管理局": a 和/与 inside a body name, when the left part opens with a jurisdiction
    and is not itself a complete body (then it would be a list: "区财政局和税务局")."""
    if start - 1 <= lo or text[start - 1] not in "和与":
        return start
    left_start = scan_left(text, start - 1, lo, max_len=10)
    left = text[left_start:start - 1]
    if not left or _ends_with_suffix(left):
        return start
    if left[0] in RELATIVE_PREFIXES or _division_re().match(left):
        return left_start
    return start


def _ends_with_suffix(name: str) -> bool:
    return any(name.endswith(w) for w in _suffix_re()[1])


def _after_area_prefix(text: str, start: int, end: int) -> int:
    """"经开区经北二路": the place is 经北二路; the area in front of it is a separate mention."""
    if text[start] in RELATIVE_PREFIXES and end - start >= 3:
        start += 1                 # 市人民路: 人民路 in this city
    z = re.match("|".join(ZONE_WORDS), text[start:end])
    m = z or _division_re().match(text, start, end)
    if m:
        cut = start + (m.end() - m.start() if z else m.end() - start)
        if end - cut >= 2:
            return cut
    return start


def _area_before(text: str, i: int, lo: int) -> bool:
    """True when an area name ends at ``i`` (某镇, 某区, 示范区): its 党委/党工委 is the area's own organ."""
    return text[i - 1:i] in ("镇", "乡", "区", "县", "市", "村", "道", "省") if i > lo else False


_N_COMPANIES = re.compile(r"等\s*[0-9一二三四五六七八九十两几多]+\s*家(?:公司|企业)")


def _short_companies(text: str, lo: int, hi: int) -> list[Mention]:
    """"指导云豪汽车等4家公司": the name before 等N家公司 is a company."""
    out = []
    for m in _N_COMPANIES.finditer(text, lo, hi):
        start = scan_left(text, m.start(), lo, max_len=10)
        if 2 <= m.start() - start <= 10:
            out.append(Mention("Enterprise", text[start:m.start()], start, m.start()))
    return out


def find_areas(text: str, lo: int, hi: int) -> list[Mention]:
    out: list[Mention] = []
    for m in _division_re().finditer(text, lo, hi):
        out.append(Mention("Area", m.group(), m.start(), m.end()))
    zone = re.compile("|".join(ZONE_WORDS))
    for m in zone.finditer(text, lo, hi):
        start = scan_left(text, m.start(), lo, max_len=10)
        start += name_start(text[start:m.start()])        # not the verb before it (了解某某开发区)
        stem = text[start:m.start()]
        if stem and (stem in _generic_stems() or stem[-1] in "全该本各" or (len(stem) > 4 and not _named(stem))):
            start = m.start()
        # a division name right before the zone word belongs to it (郑州经开区)
        out.append(Mention("Area", text[start:m.end()], start, m.end()))
    for m in _COUNTY_CITY.finditer(text, lo, hi):
        start = scan_left(text, m.start(2), lo, max_len=3)
        stem = text[start:m.start(2)]
        # a numeral makes a group of counties (北三县, 环京四县), not one
        if (len(stem) == 2 and not _generic(stem) and not re.search("[省市县区个全各该本一二三四五六七八九十两]", stem)
                and not any(a.start <= start < a.end for a in out)):
            out.append(Mention("Area", text[start:m.end()], start, m.end()))
    out.extend(a for a in _short_counties(text, lo, hi) if not any(o.start < a.end and a.start < o.end for o in out))
    unit = re.compile("|".join(LOCAL_UNITS))
    for m in unit.finditer(text, lo, hi):
        nxt = text[m.end()] if m.end() < hi else ""
        if nxt in _BAN_AFTER.get(m.group(), ()) or (m.group() == "街道" and nxt == "办"):
            continue
        if m.group() in ("镇", "乡", "村") and nxt in "长委":
            pass  # 镇长: a title follows, the 镇 is still a name
        start = scan_left(text, m.start(), lo, max_len=6)
        stem = text[start:m.start()]
        if len(stem) > 4:
            start = _after_division(text, start, m.start()) or m.start() - 2
            stem = text[start:m.start()]
        if len(stem) < 2 or _generic(stem) or stem[-1] in "全该本各等和与乡镇村城" or not all(is_cjk(c) for c in stem):
            continue
        if stem[-1] in _COMMON_UNIT_WORDS.get(m.group(), ""):
            continue    # 家乡, 故乡, 龙舟之乡, 农村: words, not a township's or village's name
        if m.group() != "街道" and not _nominal(stem):
            continue
        if boundary_before(text, start + 1) and start + 1 < m.start():
            continue
        # a 街道 in news text is the street office acting as a unit (speaks, reports, is led)
        kind = "GovernmentBody" if m.group() == "街道" else "Area"
        out.append(Mention(kind, text[start:m.end()], start, m.end()))
    return out


@lru_cache(maxsize=1)
def _short_county_re() -> LiteralMatcher:
    return LiteralMatcher([f for f in divisions.all_forms() if len(f) == 2 and f[-1] == "县"])


def _short_counties(text: str, lo: int, hi: int) -> list[Mention]:
    """Counties with a one-character stem (X县). Most such pairs are also the tail of a word (示范县, 提高县域,
    担任县长), so one counts only where a name can start (a clause start, a boundary word, a division name
    before it), not before 域/级/城/长/委书记, and only on a text that also names its city or province."""
    out = []
    for m in _short_county_re().finditer(text, lo, hi):
        s, e = m.start(), m.end()
        nxt = text[e:e + 1]
        if nxt in ("域", "级", "城", "长") or text.startswith(("委书记", "委副书记"), e):
            continue
        if s > 0 and is_cjk(text[s - 1]) and not boundary_before(text, s) and not division_ends(text, s):
            continue
        if boundary_before(text, s + 1) == 1:      # 和县: the conjunction 和 + 县
            continue
        parents = {a.code for d in divisions.lookup(m.group()) for a in divisions.ancestors(d.code)}
        if any(form in text for code in sorted(parents) for form in _forms_of_code(code)):
            out.append(Mention("Area", m.group(), s, e))
    return out


@lru_cache(maxsize=4096)
def _forms_of_code(code: str) -> tuple[str, ...]:
    d = divisions.by_code(code)
    if d is None or d.name in ("市辖区", "县"):
        return ()
    return tuple(f for f in divisions.forms_of(d.name, d.level) if len(f) >= 2)


def _after_division(text: str, start: int, end: int) -> int:
    """江城区都家营街道: where a long stem's division name ends, when a 3-4 character name follows it; 0 if
    none (the caller keeps the last two characters)."""
    for j in range(end - 2, start + 1, -1):
        if end - j <= 4 and division_ends(text, j):
            return j
    return 0


def _named(stem: str) -> bool:
    """A long zone qualifier is a name when it opens with one (某县先进制造业, 长三角一体化发展 开发区/示范区),
    not when it is a description (推动高质量发展示范区)."""
    import rjieba
    first = rjieba.tag(stem)[0]
    return bool(_division_re().match(stem)) or first[1] in ("ns", "nr", "nz", "nt", "j")


@lru_cache(maxsize=1)
def _organ_pairs() -> tuple[tuple[str, str], ...]:
    rows = table("organ_pairs")
    if any(len(r) != 2 for r in rows):
        raise ValueError("kg/lexicons/organ_pairs.tsv: each row is two organ words")
    return tuple((a, b) for a, b in rows)


def split_pairs(mentions: list[Mention]) -> list[Mention]:
    """区委区政府 -> 区委 + 区政府; 示范区党工委管委会 -> 示范区党工委 + 管委会 (named 示范区管委会)."""
    out = []
    for m in mentions:
        parts = _pair(m) if m.kind == "GovernmentBody" else None
        out.extend(parts or [m])
    return out


@lru_cache(maxsize=1)
def _organ_words() -> tuple[str, ...]:
    return words("organ_suffixes")


def listed_pairs(text: str, mentions: list[Mention]) -> list[Mention]:
    """"某区党工委、管委会": the second organ of a pair, listed bare after the first, is the same area's
    (named 某区管委会; bare when the first is bare too). Not when a longer body starts there (政府办公室)."""
    out = []
    starts = {m.start for m in mentions if m.kind != "Area"}
    for m in mentions:
        if m.kind != "GovernmentBody" or m.role == "nested" or not text.startswith("、", m.end):
            continue
        s = m.end + 1
        if s in starts:
            continue
        for a, b in _organ_pairs():
            if m.label.endswith(a) and text.startswith(b, s) and not text.startswith(_organ_words(), s + len(b)):
                prefix = m.label[: -len(a)]
                out.append(Mention("GovernmentBody", b, s, s + len(b), name=prefix + b if prefix else ""))
                break
    return out


def _pair(m: Mention) -> list[Mention] | None:
    t = m.text
    for a, b in _organ_pairs():
        if not t.endswith(b):
            continue
        i = t.find(a, 1)
        while i > 0:
            prefix, middle = t[:i], t[i + len(a): len(t) - len(b)]
            if middle == "" or prefix.endswith(middle):
                cut = m.start + i + len(a)
                second = Mention("GovernmentBody", t[i + len(a):], cut, m.end, name="" if middle else prefix + b)
                return [Mention("GovernmentBody", t[:i + len(a)], m.start, cut), second]
            i = t.find(a, i + 1)
    return None


@lru_cache(maxsize=1)
def _media_ends() -> SuffixSet:
    return SuffixSet(w for w in words("media_suffixes") if len(w) >= 2)


def _media(name: str) -> bool:
    """某市日报, 某县融媒体中心: a newspaper's title names its city as part of a brand, not as a place."""
    return _media_ends().ends(name)


def settle(cands: list[Mention]) -> list[Mention]:
    """Longest span wins; Areas may nest inside the names of bodies and institutions (kept, marked by
    ``role='nested'``: 某区 in 某区某镇商会), not inside a newspaper's title."""
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -KIND_PRIORITY.get(c.kind, 0), c.start))
    taken: list[Mention] = []
    nested: list[Mention] = []
    for c in ordered:
        clash = [t for t in taken if c.start < t.end and t.start < c.end]
        if not clash:
            taken.append(c)
        elif c.kind == "Area" and all(t.kind in ("GovernmentBody", "Institution") and t.start <= c.start
                                      and c.end <= t.end and not _media(t.text) for t in clash):
            c.role = "nested"
            nested.append(c)
    return sorted(taken + nested, key=lambda c: (c.start, -c.end))


#: words that begin with a jurisdiction character without being one: 市场监管局 is not 市 + 场监管局
_PREFIX_WORDS = frozenset("市场 市民 市容 乡村 区域 县城 县域 省级 市级 区级 县级 镇区 乡镇 市政设".split())


def body_prefix(name: str) -> str:
    """The jurisdiction part of a body name: 经开区生态环境分局 -> 经开区, 区城管局 -> 区."""
    m = _division_re().match(name)
    if m is not None:
        end = m.end()
        while (nxt := _division_re().match(name, end)) is not None and nxt.end() < len(name):
            end = nxt.end()        # 河南省郑州市金水区城管局: the whole chain of divisions
        z = re.match("|".join(ZONE_WORDS), name[end:])
        return name[: end + (z.end() if z else 0)]
    z = re.search("|".join(ZONE_WORDS), name)
    if z and z.end() < len(name):
        return name[: z.end()]
    if name[0] in RELATIVE_PREFIXES and len(name) > 1 and name[:2] not in _PREFIX_WORDS:
        return name[0]
    i = name.find("（") if "（" in name else name.find("(")
    if i > 0 and name[i - 1] in "区市县":
        return name[:i]
    return ""


__all__ = ["find_orgs", "find_areas", "settle", "body_prefix"]
