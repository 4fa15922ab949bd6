"""Administrative divisions of China (GB/T 2260 names and codes) from the public data the ``cpca``
package ships (cpca/resources/adcodes.csv: province, city and county level, with 12-digit codes).

The file is read directly (importing cpca itself would pull in pandas at start-up). Short forms are
derived by general rules, not listed by hand: 河南省 -> 河南, 郑州市 -> 郑州, 管城回族区 -> 管城区 and 管城
(an ethnic-district name drops the nationality, as newspapers write it).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区",
             "新区", "省", "市", "区", "县", "旗", "盟")


@dataclass(frozen=True)
class Division:
    code: str        # 6-digit GB/T 2260 code, e.g. "410104"
    name: str        # official name, e.g. "管城回族区"
    level: int       # 1 province, 2 prefecture city, 3 county/district
    parent: str      # code of the parent division ("" for provinces)


def _read_csv() -> str:
    try:
        dist = metadata.distribution("cpca")
        path = dist.locate_file("cpca/resources/adcodes.csv")
        return open(path, encoding="utf-8").read()
    except (metadata.PackageNotFoundError, OSError):
        return resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Division], dict[str, tuple[str, ...]]]:
    by_code: dict[str, Division] = {}
    for row in csv.DictReader(io.StringIO(_read_csv())):
        full = row["adcode"].strip()
        code = full[:6]
        if code.endswith("0000"):
            level, parent = 1, ""
        elif code.endswith("00"):
            level, parent = 2, code[:2] + "0000"
        else:
            level, parent = 3, code[:4] + "00"
        by_code[code] = Division(code, row["name"].strip(), level, parent)
    # municipalities' districts hang under the province code when no city row exists
    for code, d in list(by_code.items()):
        if d.parent and d.parent not in by_code:
            by_code[code] = Division(code, d.name, d.level, d.code[:2] + "0000" if d.code[:2] + "0000" in by_code else "")
    names: dict[str, list[str]] = {}
    for d in by_code.values():
        for form in forms_of(d.name, d.level):
            names.setdefault(form, []).append(d.code)
    return by_code, {k: tuple(sorted(set(v))) for k, v in names.items()}


@lru_cache(maxsize=1)
def nationalities() -> tuple[str, ...]:
    try:
        dist = metadata.distribution("cpca")
        text = open(dist.locate_file("cpca/resources/56_nations.csv"), encoding="utf-8").read()
    except (metadata.PackageNotFoundError, OSError):
        text = ""
    names = [line.strip() for line in text.splitlines() if line.strip()]
    return tuple(sorted(names, key=len, reverse=True))


def forms_of(name: str, level: int = 3) -> list[str]:
    """Official name plus the short forms newspapers use."""
    out = [name]
    for nat in nationalities():
        for suffix in ("自治县", "自治州", "区", "县"):
            if name.endswith(nat + suffix) and len(name) > len(nat + suffix) + 1:
                stem = name[: -len(nat + suffix)]
                out.append(stem + ("县" if suffix == "自治县" else "州" if suffix == "自治州" else suffix))
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2 and level <= 2:
            out.append(name[: -len(suffix)])
            break
    return out


def by_code(code: str) -> Division | None:
    return _load()[0].get(code[:6])


def lookup(name: str) -> tuple[Division, ...]:
    """Divisions a surface form may name (several when the short form is shared)."""
    codes = _load()[1].get(name, ())
    table = _load()[0]
    return tuple(table[c] for c in codes)


def all_forms() -> tuple[str, ...]:
    """Every surface form, longest first (for building matchers)."""
    return tuple(sorted(_load()[1], key=lambda s: (-len(s), s)))


def ancestors(code: str) -> list[Division]:
    out = []
    d = by_code(code)
    while d is not None and d.parent:
        d = by_code(d.parent)
        if d is not None:
            out.append(d)
    return out


@lru_cache(maxsize=1)
def county_stems() -> dict[str, tuple[str, ...]]:
    """Districts and counties by their bare stem (金水区 -> 金水, 某某县 -> 某某): how web articles often name
    the district they are about. Not surface forms: most such stems are also ordinary words, so they count
    only as a last resort (kg.resolve.jurisdiction). Stems that are another division's form are left out."""
    forms = _load()[1]
    out: dict[str, list[str]] = {}
    for d in _load()[0].values():
        if d.level != 3:
            continue
        for form in forms_of(d.name, d.level):
            for suffix in ("区", "县"):
                stem = form[: -len(suffix)]
                if form.endswith(suffix) and len(stem) >= 2 and stem not in forms:
                    out.setdefault(stem, []).append(d.code)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def real_city(code: str) -> str:
    """The city a level-2 code stands for: itself, or for the data's grouping rows of a municipality
    (天津市's 市辖区 and 县) the municipality, since 市 in a Tianjin district's article means 天津市."""
    d = by_code(code)
    if d is not None and d.name in ("市辖区", "县") and d.parent:
        return d.parent
    return code
