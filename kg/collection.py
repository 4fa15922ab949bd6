"""What the pages of one folder share: the newspaper, its home jurisdiction, the issue dates.

A county paper prints 县工信局 and 县长 on every page, and only some pages name the county. A collection
description (``collection.toml`` in the pages' folder, or ``kg build --collection FILE``, or the options
``--newspaper/--home/--year``) says what those relative names mean on every page, and which day each page
was printed, so dates get their year::

    newspaper = "青岚日报"          # the paper (a schema:Periodical in the graph)
    home = "青岚县"                 # its own area: a GB/T 2260 division name ...
    code = "410122"                 # ... or code (needed when the name is shared: 朝阳区)
    year = 2021                     # the issues' year, when neither the page nor its file name says
    dates = '(?P<year>\\d{4})-?(?P<month>\\d\\d)-?(?P<day>\\d\\d)'   # issue date in the file's path
    [issues]                        # issue dates of single pages, by path inside the folder
    "p2.txt" = 2021-07-30

Every key is optional. Paths in ``dates``/``[issues]`` are relative to the folder of the description,
with "/" between folders. A folder's description covers the pages under it, down to the next folder that
has its own. Nothing here depends on file names for identity: IRIs come from page contents (kg.read).
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from .errors import InputError

FILE_NAME = "collection.toml"
KEYS = ("newspaper", "home", "code", "year", "dates", "issues")

#: a reported day later than the issue by more than this was in the previous year (a January issue
#: reporting 12月28日); announcements of coming days stay in the issue's year
AHEAD = timedelta(days=62)


@dataclass(frozen=True)
class Collection:
    newspaper: str = ""
    home_code: str = ""            # GB/T 2260 code of the home jurisdiction ("" when not given)
    home_name: str = ""
    year: int = 0
    dates: re.Pattern | None = None
    issues: dict[str, date] = field(default_factory=dict)
    folder: Path | None = None     # paths in dates/issues are relative to it
    source: str = ""               # where it came from (file name or "options"), for messages

    def __bool__(self) -> bool:
        return bool(self.newspaper or self.home_code or self.year or self.dates or self.issues)

    def relative(self, path: str | Path) -> str:
        p = Path(os.path.abspath(path))
        if self.folder is not None:
            try:
                return p.relative_to(os.path.abspath(self.folder)).as_posix()
            except ValueError:
                pass
        return p.name

    def issue_date(self, path: str | Path) -> date | None:
        """The day the page was printed: its [issues] entry, else the date the ``dates`` pattern reads
        from its path (a pattern without day groups gives none)."""
        rel = self.relative(path)
        if rel in self.issues:
            return self.issues[rel]
        m = self._match(rel)
        if m is not None and {"year", "month", "day"} <= set(m.groupdict()):
            try:
                return date(int(m["year"]), int(m["month"]), int(m["day"]))
            except (TypeError, ValueError):
                return None
        return None

    def issue_year(self, path: str | Path) -> int:
        """The year of the page's issue: from its date, a ``year`` group of the pattern, or ``year``."""
        d = self.issue_date(path)
        if d is not None:
            return d.year
        m = self._match(self.relative(path))
        if m is not None and m.groupdict().get("year"):
            return int(m["year"])
        return self.year

    def _match(self, rel: str):
        return self.dates.search(rel) if self.dates is not None else None


def date_of(month: int, day: int, issued: date | None, year: int) -> date | None:
    """The full date of "M月D日" printed on a page of that issue (or year); None when unknown or invalid."""
    if issued is not None:
        for y in (issued.year, issued.year - 1):
            try:
                d = date(y, month, day)
            except ValueError:
                continue
            if d - issued <= AHEAD:
                return d
        return None
    if year:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------- reading a description

def load(path: str | Path) -> Collection:
    """Read a collection description; an InputError naming the file and the problem if it is wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such collection description") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(str(path), f"not valid TOML ({err})") from None
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from None
    return from_dict(data, str(path), path.parent)


def from_dict(data: dict, source: str, folder: Path | None = None) -> Collection:
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(KEYS)})"
            raise InputError(source, f"unknown key {key!r}{hint}")
    newspaper = _text(data, "newspaper", source)
    code, name = home(_text(data, "home", source), _text(data, "code", source), source)
    year = data.get("year", 0)
    if not isinstance(year, int) or isinstance(year, bool) or (year and not 1000 <= year <= 9999):
        raise InputError(source, f"year must be a four-digit number, not {year!r}")
    pattern = None
    if data.get("dates"):
        try:
            pattern = re.compile(_text(data, "dates", source))
        except re.error as err:
            raise InputError(source, f"dates is not a regular expression ({err})") from None
        groups = set(pattern.groupindex)
        if not groups & {"year", "month", "day"} or ({"month", "day"} & groups and not {"year", "month", "day"} <= groups):
            raise InputError(source, "dates needs the named groups (?P<year>...), (?P<month>...) and (?P<day>...), "
                                     "or (?P<year>...) alone")
    issues = {}
    table = data.get("issues", {})
    if not isinstance(table, dict):
        raise InputError(source, "[issues] must be a table of \"path\" = YYYY-MM-DD")
    for rel, d in table.items():
        if isinstance(d, str):
            try:
                d = date.fromisoformat(d)
            except ValueError:
                d = None
        if not isinstance(d, date) or hasattr(d, "hour"):
            raise InputError(source, f"[issues] {rel!r}: expected a date such as 2021-07-30")
        issues[rel.replace("\\", "/")] = d
    return Collection(newspaper, code, name, year, pattern, issues, folder, source)


def _text(data: dict, key: str, source: str) -> str:
    value = data.get(key, "")
    if isinstance(value, int) and not isinstance(value, bool) and key == "code":
        value = str(value)
    if not isinstance(value, str):
        raise InputError(source, f"{key} must be text, not {value!r}")
    return value.strip()


def home(name: str, code: str, source: str) -> tuple[str, str]:
    """(code, official name) of the home jurisdiction from a division name and/or code."""
    from .lexicons import divisions

    if not name and not code:
        return "", ""
    if code:
        d = divisions.by_code(code) if re.fullmatch(r"\d{6}", code) else None
        if d is None:
            raise InputError(source, f"code {code!r} is not a GB/T 2260 division code")
        if name and d.name != name and d not in divisions.lookup(name):
            raise InputError(source, f"home {name!r} is not division {code} ({d.name})")
        return d.code, d.name
    found = divisions.lookup(name)
    if not found:
        close = difflib.get_close_matches(name, divisions.all_forms(), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise InputError(source, f"home {name!r} is not a division name{hint}; give its GB/T 2260 code instead")
    if len(found) > 1:
        listed = ", ".join(f"{d.code} {_full_name(d)}" for d in found[:5])
        raise InputError(source, f"home {name!r} names {len(found)} divisions ({listed}): give the code instead")
    return found[0].code, found[0].name


def _full_name(d) -> str:
    from .lexicons import divisions

    return "".join(a.name for a in reversed(divisions.ancestors(d.code)) if a.name != "市辖区") + d.name


def with_options(base: Collection | None, *, newspaper: str = "", home_name: str = "", year: int = 0) -> Collection:
    """A description with command-line options over it (``--newspaper``, ``--home``, ``--year``)."""
    c = base or Collection(source="options")
    if newspaper:
        c = replace(c, newspaper=newspaper)
    if home_name:
        digits = home_name.isdigit()
        code, name = home("" if digits else home_name, home_name if digits else "", "--home")
        c = replace(c, home_code=code, home_name=name)
    if year:
        c = replace(c, year=year)
    return c


class Finder:
    """The description that covers a page: the nearest collection.toml in its folder or above, up to the
    folder given on the command line (``fixed`` replaces them all)."""

    def __init__(self, roots: list[Path], fixed: Collection | None = None, overrides: dict | None = None):
        self.roots = [Path(os.path.abspath(r)) for r in roots]     # abspath: no file-system access
        self.fixed = fixed
        self.overrides = {k: v for k, v in (overrides or {}).items() if v}
        self._by_folder: dict[Path, Collection | None] = {}
        self._overridden: dict[int, Collection] = {}

    def __call__(self, page_path: str | Path) -> Collection | None:
        if self.fixed is not None:
            return self.fixed
        p = Path(os.path.abspath(page_path))
        found = None
        stop = next((r for r in self.roots if r == p.parent or r in p.parents), p.parent)
        for folder in (p.parent, *p.parent.parents):
            found = self._at(folder)
            if found is not None or folder == stop:
                break
        if self.overrides:     # once per description, not once per page (--home is looked up once)
            key = id(found)
            if key not in self._overridden:
                self._overridden[key] = with_options(found, **self.overrides)
            found = self._overridden[key]
        return found

    def _at(self, folder: Path) -> Collection | None:
        if folder not in self._by_folder:
            f = folder / FILE_NAME
            try:
                present = f.is_file()
            except OSError:       # a folder we may not look into has no description we could use
                present = False
            self._by_folder[folder] = load(f) if present else None
        return self._by_folder[folder]
