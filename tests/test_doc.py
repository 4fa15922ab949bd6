"""kg.extract.doc: the extract pipeline is a table of named steps over declared layers."""
from __future__ import annotations

import pytest

from kg.extract import PIPELINE
from kg.extract.doc import Doc, LayerError, Step, check, run
from kg.model import Article, Mention, Page, Sentence


def _doc(text: str) -> Doc:
    page = Page(path="t.txt", raw=text, text=text)
    article = Article(index=1, start=0, end=len(text), sentences=[Sentence(0, len(text), text)])
    return Doc(page, article)


def test_the_shipped_pipeline_reads_only_what_earlier_steps_write():
    check(PIPELINE)
    names = [s.name for s in PIPELINE]
    assert names.index("orgs") < names.index("people") < names.index("events")


def test_a_step_cannot_write_a_layer_it_does_not_declare():
    def sneaky(doc):
        doc.add("people", [Mention("Person", "张三", 0, 2)])

    with pytest.raises(LayerError, match="sneaky.*people"):
        run([Step("sneaky", sneaky, writes=("orgs",))], _doc("张三出席。"))


def test_a_step_cannot_read_a_layer_it_does_not_declare():
    with pytest.raises(LayerError, match="reads layer 'orgs'"):
        run([Step("nosy", lambda d: d.layer("orgs"))], _doc("张三出席。"))


def test_a_pipeline_reading_before_writing_is_refused():
    with pytest.raises(LayerError, match="before any step writes"):
        check([Step("b", lambda d: None, reads=("a",)), Step("a", lambda d: None, writes=("a",))])


def test_sentence_steps_see_their_sentence_and_tag_what_they_add():
    text = "甲。乙。"
    page = Page(path="t.txt", raw=text, text=text)
    article = Article(index=1, start=0, end=4, sentences=[Sentence(0, 2, "甲。"), Sentence(2, 4, "乙。")])

    def first_char(doc):
        doc.add("chars", [Mention("Person", doc.text[doc.lo], doc.lo, doc.lo + 1)])

    doc = run([Step("chars", first_char, writes=("chars",))], Doc(page, article))
    assert [(m.text, m.sentence) for m in doc.layers["chars"]] == [("甲", 0), ("乙", 1)]
