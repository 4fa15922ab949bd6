"""RDF terms and quads as N-Quads text, without Python term objects.

A build makes millions of quads; a pyoxigraph ``Quad`` costs ~10 us and ~600 bytes, one string a
fraction of that. A quad is a *key*: the string ``graph NUL subject NUL predicate NUL object-value NUL
object-literal`` (graph "" = the default graph; object-literal "" when the object is an IRI, else its
N-Triples form). IRIs hold no NUL, and the N-Triples form escapes it, so a key is unique and splits
back unambiguously (the last NUL starts the literal); sorting keys as strings sorts quads graph by
graph, then by subject, predicate and object value, the order the pyoxigraph-term version used (up to
object values that themselves contain NUL, which normalisation does not leave in the text). The N-Quads
and N-Triples lines are spelt from the key alone.

Literal escaping follows oxigraph's N-Triples writer byte for byte (tests/test_nquads.py compares them),
so the lines can be re-read by pyoxigraph and re-serialised as Turtle/TriG identical to before.
"""
from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox

from ..vocab import XSD

_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                 ord('"'): '\\"', ord("\\"): "\\\\"})
_XSD_INTEGER = str(XSD.integer)


class Lit(NamedTuple):
    """A literal: its lexical value and its N-Triples spelling."""
    value: str
    nt: str


def quoted(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def zh(text: str) -> Lit:
    return Lit(text, quoted(text) + "@zh")


def plain(text: str) -> Lit:
    return Lit(text, quoted(text))


def typed(text: str, datatype: str) -> Lit:
    return Lit(text, quoted(text) + "^^<" + datatype + ">")


def integer(n: int) -> Lit:
    s = str(n)
    return Lit(s, '"' + s + '"^^<' + _XSD_INTEGER + ">")


def key(s: str, p: str, o, g: str = "") -> str:
    """The sort key (and the whole content) of a quad; ``o`` an IRI string or a Lit."""
    if type(o) is str:
        return f"{g}\0{s}\0{p}\0{o}\0"
    return f"{g}\0{s}\0{p}\0{o.value}\0{o.nt}"


def split(k: str) -> tuple[str, str, str, str]:
    """(graph, subject, predicate, object in N-Triples form) of a key."""
    g, s, p, rest = k.split("\0", 3)
    cut = rest.rindex("\0")
    lit = rest[cut + 1:]
    return g, s, p, lit or "<" + rest[:cut] + ">"


def triple_line(k: str) -> str:
    """``<s> <p> o .`` (no newline) of a quad key: the N-Triples line of its triple."""
    _g, s, p, o = split(k)
    return f"<{s}> <{p}> {o} ."


def quad_line(k: str) -> str:
    g, s, p, o = split(k)
    return f"<{s}> <{p}> {o} <{g}> .\n" if g else f"<{s}> <{p}> {o} .\n"


def quad_line_bytes(k: bytes) -> bytes:
    """``quad_line`` of a UTF-8 key, as UTF-8."""
    g, s, p, rest = k.split(b"\0", 3)
    cut = rest.rindex(b"\0")
    o = rest[cut + 1:] or b"<" + rest[:cut] + b">"
    return b"<%s> <%s> %s <%s> .\n" % (s, p, o, g) if g else b"<%s> <%s> %s .\n" % (s, p, o)


def triple_lines_bytes(keys) -> set[bytes]:
    """The distinct ``triple_line``s of UTF-8 keys, as UTF-8 (one loop: this runs for every quad)."""
    out: set[bytes] = set()
    add = out.add
    for k in keys:
        _g, s, p, rest = k.split(b"\0", 3)
        cut = rest.rindex(b"\0")
        add(b"<%s> <%s> %s ." % (s, p, rest[cut + 1:] or b"<" + rest[:cut] + b">"))
    return out


def checked_iri(iri: str) -> str:
    """``iri`` if it is a valid IRI, else ValueError (pyoxigraph's check: the lines must re-parse)."""
    ox.NamedNode(iri)
    return iri


def to_quads(keys) -> list[ox.Quad]:
    """pyoxigraph Quads of sorted keys, in that order (for callers that want term objects)."""
    text = "".join(quad_line(k) for k in keys)
    return list(ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
