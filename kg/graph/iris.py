"""Stable, readable IRIs for everything the graph names.

An IRI is derived from the entity key (kg.resolve), never from a counter or a label that a new page could
change: the same input gives the same IRIs, and adding a page does not rename existing nodes.
Chinese characters stay readable (IRIs are Unicode); characters that IRIs forbid are percent-encoded.
"""
from __future__ import annotations

import hashlib

from ..vocab import ID_BASE

_UNSAFE = set(' <>"{}|\\^`#?%[]') | {chr(c) for c in range(0x20)} | {"\x7f"}


def _escape(segment: str) -> str:
    out = []
    for ch in segment:
        if ch in _UNSAFE or ch.isspace():
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
        else:
            out.append(ch)
    return "".join(out)


def key_iri(key: str) -> str:
    """Entity key ("area:410104", "body:area:410104/城市管理局") -> IRI under the id namespace."""
    kind, _, rest = key.partition(":")
    parts = [p for p in rest.replace(":", "/").split("/") if p]
    return ID_BASE + kind + "/" + "/".join(_escape(p) for p in parts)


def digest(*parts: str, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def page_iri(stem: str) -> str:
    return f"{ID_BASE}page/{_escape(stem)}"


def article_iri(stem: str, index: int) -> str:
    return f"{ID_BASE}article/{_escape(stem)}/{index}"


def sentence_iri(stem: str, start: int, end: int) -> str:
    return f"{ID_BASE}sentence/{_escape(stem)}/{start}-{end}"


def event_iri(stem: str, article: int, k: int) -> str:
    return f"{ID_BASE}event/{_escape(stem)}/{article}/{k}"


def post_iri(person: str, org: str, title: str) -> str:
    return f"{ID_BASE}post/{digest(person, org, title)}"


def statement_iri(s: str, p: str, o: str, article: str) -> str:
    return f"{ID_BASE}statement/{digest(s, p, o, article)}"
