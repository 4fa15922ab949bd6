"""Event frames are data (kg/lexicons/frames.tsv), validated at load: mistakes are errors, not ignored."""
from __future__ import annotations

import pytest

from kg.lexicons.frames import FrameError, frames, parse, role_verbs
from kg.vocab import EVENT_CLASSES, ROLE_PROPERTIES

GOOD = "Gathering\tclass\tMeeting\nGathering\tshape\tconvened\nGathering\ttrigger\t茶话会|联欢会\n"


def test_the_shipped_frames_load_and_use_known_classes_and_roles():
    fs = frames()
    assert {"Meeting", "Inspection", "Visit", "Training", "Award"} <= set(fs)
    for f in fs.values():
        assert f.cls in EVENT_CLASSES and f.trigger
        assert {r for spec in f.roles.values() for r in spec.split("+")} <= set(ROLE_PROPERTIES)
    assert role_verbs()["主持"] == "chair"


def test_a_new_kind_is_one_frame():
    fs = parse(GOOD)
    assert fs["Gathering"].trigger == ("联欢会", "茶话会")     # longest first, then by code point
    # the * frame's role verbs hold in every frame
    fs = parse("*\trole\t主持=chair\n" + GOOD)
    assert fs["Gathering"].roles == {"主持": "chair"}


@pytest.mark.parametrize("line, problem", [
    ("Gathering\tclass\tParty\n", "unknown event class 'Party'"),
    ("Gathering\tshape\tdance\n", "unknown shape 'dance'"),
    ("Gathering\trole\t主持=boss\n", "unknown role in '主持=boss'"),
    ("Gathering\tsubject\tRobot=leader\n", "unknown agent kind 'Robot'"),
    ("Gathering\ttargets\tEnterprise|Planet\n", "unknown agent kind 'Planet'"),
    ("Gathering\ttrigers\t茶话会\n", "unknown slot 'trigers'"),
    ("Gathering\tobject\tguest\n", "unknown role 'guest'"),
    ("Gathering\ttrigger\n", "expected 'frame<TAB>slot<TAB>value'"),
])
def test_mistakes_are_errors_naming_file_and_line(line, problem):
    with pytest.raises(FrameError) as err:
        parse(GOOD + line, "frames.tsv")
    assert problem in str(err.value) and "frames.tsv line 4" in str(err.value)


def test_a_frame_without_triggers_is_an_error():
    with pytest.raises(FrameError, match="needs a class, a shape and triggers"):
        parse("Gathering\tclass\tMeeting\nGathering\tshape\tconvened\n")


def test_every_row_of_verbs_tsv_is_read_by_an_extractor():
    from kg.lexicons import RELATION_VERB_ROWS, relation_verbs
    assert set(relation_verbs()) == set(RELATION_VERB_ROWS)
    assert "开展" in relation_verbs()["conducts"] and "走访" in relation_verbs()["serves"]
