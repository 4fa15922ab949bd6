"""Named queries as data: ``kg/query/queries/NAME.rq``, each with a header of ``# key: value`` comments.

    # title: Officials and their posts
    # params: name@zh         (variables the caller must bind with --param; "@zh": a plain value is
                              tagged @zh, as labels are, so the query can look it up in the index)
    # example: kg query entity --param name=王家鹏
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError

QUERY_DIR = Path(__file__).with_name("queries")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    params: tuple[str, ...]
    languages: dict            # param -> language tag given to plain values ("" = none)
    example: str
    text: str
    path: Path


def read_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    specs = [p for p in meta.get("params", "").replace(",", " ").split() if p]
    languages = {spec.partition("@")[0]: spec.partition("@")[2] for spec in specs}
    name = path.stem
    return NamedQuery(name, meta.get("title", name), tuple(languages), languages,
                      meta.get("example", f"kg query {name}"), text, path)


def list_queries() -> list[NamedQuery]:
    return [read_query_file(p) for p in sorted(QUERY_DIR.glob("*.rq"))]


def get_query(name: str) -> NamedQuery:
    path = QUERY_DIR / f"{name}.rq"
    if not name or "/" in name or not path.is_file():
        import difflib

        names = [q.name for q in list_queries()]
        close = difflib.get_close_matches(name.lower(), names, n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise QueryError(f"no named query {name!r}{hint} (named queries: {', '.join(names)})")
    return read_query_file(path)


def check_params(query: NamedQuery, given) -> None:
    missing = [p for p in query.params if p not in given]
    if missing:
        needs = " ".join(f"--param {p}=..." for p in missing)
        raise QueryError(f"query {query.name!r} needs {needs} (example: {query.example})")
