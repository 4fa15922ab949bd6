"""Stable, readable IRIs for everything the graph names.

An IRI is a function of the entity key (kg.resolve), and a key depends only on the page it was read
from: the same input gives the same IRIs, and adding a page does not rename existing nodes. Labels
(which can change as pages are added: the fullest printed form wins) never enter an IRI.

Readable: Chinese characters stay as they are (IRIs are Unicode); a GB/T 2260 code is followed by the
division's official name (``id:area/410104-管城回族区``, ``id:body/410104-管城回族区/城市管理局``,
``id:person/410100-郑州市/虎强``). Characters that IRIs forbid are percent-encoded.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..lexicons import divisions
from ..vocab import ID_BASE

_UNSAFE = set(' <>"{}|\\^`#?%[]') | {chr(c) for c in range(0x20)} | {"\x7f"}
_CODE = re.compile(r"^\d{6}$")


_NEEDS_ESCAPE = re.compile(r"[\s<>\"{}|\\^`#?%\[\]\x00-\x1f\x7f]")


def _escape(segment: str) -> str:
    if not _NEEDS_ESCAPE.search(segment):
        return segment
    out = []
    for ch in segment:
        if ch in _UNSAFE or ch.isspace():
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
        else:
            out.append(ch)
    return "".join(out)


def _segment(part: str) -> str:
    if _CODE.match(part):
        d = divisions.by_code(part)
        if d is not None:
            return f"{part}-{d.name}"
    return part


@lru_cache(maxsize=65536)
def key_iri(key: str) -> str:
    """Entity key ("area:410104", "body:410104/城市管理局", "person:示范区/王家鹏") -> IRI."""
    kind, _, rest = key.partition(":")
    if kind not in ("area", "body", "person"):     # names, not paths: a "/" inside stays one segment
        return ID_BASE + kind + "/" + _escape(rest).replace("/", "%2F")
    parts = [p for p in rest.split("/") if p]
    return ID_BASE + kind + "/" + "/".join(_escape(_segment(p)) for p in parts)


def digest(*parts: str, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def page_iri(stem: str) -> str:
    return f"{ID_BASE}page/{_escape(stem)}"


def periodical_iri(name: str) -> str:
    """The newspaper a collection of pages comes from (kg.collection: newspaper)."""
    return f"{ID_BASE}periodical/{_escape(name)}"


def article_iri(stem: str, index: int) -> str:
    return f"{ID_BASE}article/{_escape(stem)}/{index}"


def sentence_iri(stem: str, start: int, end: int) -> str:
    return f"{ID_BASE}sentence/{_escape(stem)}/{start}-{end}"


def event_iri(stem: str, article: int, k: int) -> str:
    return f"{ID_BASE}event/{_escape(stem)}/{article}/{k}"


def post_iri(person: str, org: str, title: str) -> str:
    return f"{ID_BASE}post/{digest(person, org, title)}"


def interval_iri(post: str) -> str:
    """The time:Interval during which a post was held (one per post)."""
    return f"{post}/during"


def instant_iri(stem: str, index: int) -> str:
    """The time an article speaks of (its dateline), a time:Instant."""
    return f"{ID_BASE}time/{_escape(stem)}/{index}"


def statement_iri(s: str, p: str, o: str, article: str) -> str:
    return f"{ID_BASE}statement/{digest(s, p, o, article)}"


#: the reference data that area hierarchy facts come from
GBT2260 = f"{ID_BASE}source/gbt2260"
