"""Lone surrogates (U+D800..U+DFFF without their pair) never get past kg.read: they become U+FFFD.

They cannot be written as UTF-8, so one of them in a label would break every export and the network
page. Strict UTF-8 and GB18030 never produce them; UTF-16/32 files and Python callers can.
"""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.read import decode, replace_lone_surrogates

SENTENCE = "本报讯 区城管局局长李小明出席会议。" * 4


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                        (codecs.BOM_UTF32_LE, "utf-32-le")])
@pytest.mark.parametrize("lone", ["\ud800", "\udfff", "\ud83d"])
def test_lone_surrogate_after_a_bom_is_replaced_not_fatal(bom, codec, lone):
    data = bom + (SENTENCE + lone + SENTENCE).encode(codec, "surrogatepass")
    text, _enc = decode(data, "p.txt")
    assert text == SENTENCE + "\ufffd" + SENTENCE
    text.encode("utf-8")  # encodable: no surrogate left


def test_python_callers_get_the_same_rule():
    from kg.read import page_from_bytes
    page = page_from_bytes(codecs.BOM_UTF16_LE + ("王\ud800" + SENTENCE).encode("utf-16-le", "surrogatepass"), "p.txt")
    assert page.raw.startswith("王\ufffd")


def test_surrogate_pairs_are_kept():
    emoji = "\U0001F600"
    data = codecs.BOM_UTF16_LE + (SENTENCE + emoji).encode("utf-16-le")
    assert decode(data, "p.txt")[0] == SENTENCE + emoji


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_replace_lone_surrogates_leaves_encodable_text(s):
    out = replace_lone_surrogates(s)
    out.encode("utf-8")
    assert len(out) == len(s)
    assert all(a == b or (0xD800 <= ord(a) <= 0xDFFF and b == "\ufffd") for a, b in zip(s, out))
