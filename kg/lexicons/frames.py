"""Event frames (frames.tsv), validated at load: one frame per event kind.

A frame says which words name the event (``trigger``), how a clause tells it (``shape``), which role the
verbs after an actor give (``role``), which role the actor before the trigger takes (``subject``) and what
it can visit (``targets``). The ``*`` frame holds what every frame shares. Anything the extractor would
not understand (an unknown slot, shape, role, class or agent kind) raises :class:`FrameError` naming the
file and line, instead of being silently ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..vocab import EVENT_CLASSES, ROLE_PROPERTIES

SHAPES = ("convened", "activity", "award")
AGENT_KINDS = ("Person", "GovernmentBody", "Area", "Enterprise", "Institution")
_LIST_SLOTS = ("trigger", "convene", "refer", "motion", "carried", "targets", "not_after", "headline", "visitors",
               "stops", "tail", "modifies", "opens", "present")
SLOTS = _LIST_SLOTS + ("class", "shape", "label", "subject", "role", "speech", "hosted", "object")
LABELS = ("object", "modifiers")
COMMON = "*"


class FrameError(ValueError):
    """A frames file that the extractor cannot use: names the file, the line and the problem."""


@dataclass(eq=False)   # hashed by identity: one object per frame
class Frame:
    name: str
    cls: str = ""
    shape: str = ""
    trigger: tuple[str, ...] = ()
    convene: tuple[str, ...] = ()
    refer: tuple[str, ...] = ()
    motion: tuple[str, ...] = ()
    visitors: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    modifies: tuple[str, ...] = ()
    carried: tuple[str, ...] = ()
    label: str = "modifiers"
    object_role: str = "target"   # role of the agents after an activity's trigger
    targets: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()
    subject: dict[str, str] = field(default_factory=dict)   # agent kind (or *) -> role
    roles: dict[str, str] = field(default_factory=dict)     # role verb -> role
    speech: dict[str, str] = field(default_factory=dict)    # speech verb -> role (only inside the event)
    hosted: dict[str, str] = field(default_factory=dict)    # role verb -> role when visitors are received

    def subject_role(self, kind: str) -> str:
        return self.subject.get(kind) or self.subject.get("*", "")


def _longest_first(items) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(items), key=lambda w: (-len(w), w)))


def parse(text: str, source: str = "frames.tsv") -> dict[str, Frame]:
    """Frames of a frames file's text; the ``*`` frame's roles and not_after are merged into every frame."""
    frames: dict[str, Frame] = {}
    raw: dict[str, dict[str, list[str]]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 3 or not all(cells):
            raise FrameError(f"{source} line {n}: expected 'frame<TAB>slot<TAB>value', got {line!r}")
        name, slot, value = cells
        if slot not in SLOTS:
            raise FrameError(f"{source} line {n}: unknown slot {slot!r} (known: {', '.join(SLOTS)})")
        values = [v.strip() for v in value.split("|") if v.strip()]
        frame = frames.setdefault(name, Frame(name))
        raw.setdefault(name, {}).setdefault(slot, []).extend(values)
        if slot == "class":
            if name == COMMON or value not in EVENT_CLASSES:
                raise FrameError(f"{source} line {n}: unknown event class {value!r} "
                                 f"(known: {', '.join(sorted(EVENT_CLASSES))})")
            frame.cls = value
        elif slot == "shape":
            if value not in SHAPES:
                raise FrameError(f"{source} line {n}: unknown shape {value!r} (known: {', '.join(SHAPES)})")
            frame.shape = value
        elif slot == "object":
            if value not in ROLE_PROPERTIES:
                raise FrameError(f"{source} line {n}: unknown role {value!r} (known: {', '.join(sorted(ROLE_PROPERTIES))})")
            frame.object_role = value
        elif slot == "label":
            if value not in LABELS:
                raise FrameError(f"{source} line {n}: unknown label rule {value!r} (known: {', '.join(LABELS)})")
            frame.label = value
        elif slot in ("role", "speech", "subject", "hosted"):
            for v in values:
                word, _, role = v.partition("=")
                if not word or not role or any(r not in ROLE_PROPERTIES for r in role.split("+")):
                    raise FrameError(f"{source} line {n}: unknown role in {v!r} "
                                     f"(known: {', '.join(sorted(ROLE_PROPERTIES))})")
                if slot == "subject" and word not in AGENT_KINDS + ("*",):
                    raise FrameError(f"{source} line {n}: unknown agent kind {word!r}")
                {"role": frame.roles, "speech": frame.speech, "subject": frame.subject,
                 "hosted": frame.hosted}[slot][word] = role
        elif slot == "targets":
            bad = [v for v in values if v not in AGENT_KINDS]
            if bad:
                raise FrameError(f"{source} line {n}: unknown agent kind {bad[0]!r}")
    for name, slots in raw.items():
        frame = frames[name]
        for slot in _LIST_SLOTS:
            setattr(frame, slot, _longest_first(slots.get(slot, ())))
        if name != COMMON and (not frame.cls or not frame.shape or not frame.trigger):
            raise FrameError(f"{source}: frame {name!r} needs a class, a shape and triggers")
    common = frames.pop(COMMON, Frame(COMMON))
    for frame in frames.values():
        frame.roles = {**common.roles, **frame.roles}
        frame.speech = {**common.speech, **frame.speech}
        frame.hosted = {**common.hosted, **frame.hosted}
        frame.not_after = _longest_first(frame.not_after + common.not_after)
        frame.visitors = _longest_first(frame.visitors + common.visitors)
        frame.modifies = _longest_first(frame.modifies + common.modifies)
        frame.headline = _longest_first(frame.headline + common.headline)
    return frames


@lru_cache(maxsize=1)
def frames() -> dict[str, Frame]:
    text = resources.files(__package__).joinpath("frames.tsv").read_text(encoding="utf-8")
    return parse(text, "kg/lexicons/frames.tsv")


@lru_cache(maxsize=1)
def trigger_re() -> re.Pattern:
    """All triggers of all frames, longest first: the one overlap policy (leftmost, then longest, wins)."""
    words = sorted(((w, name) for name, f in frames().items() for w in f.trigger), key=lambda t: (-len(t[0]), t[0]))
    seen: dict[str, str] = {}
    for w, name in words:
        seen.setdefault(w, name)   # a word in two frames belongs to the first, longest-first order
    return re.compile("|".join(re.escape(w) for w in seen))


@lru_cache(maxsize=1)
def trigger_frame() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, f in frames().items():
        for w in f.trigger:
            out.setdefault(w, name)
    return out


@lru_cache(maxsize=1)
def speech_verbs() -> tuple[str, ...]:
    """Every speech verb of every frame (指出, 强调, 希望 ...), longest first."""
    return tuple(sorted({w for f in frames().values() for w in f.speech}, key=lambda w: (-len(w), w)))


def role_verbs() -> dict[str, str]:
    """Every role verb of every frame (the word set other components use as cues)."""
    out: dict[str, str] = {}
    for f in frames().values():
        for w, r in f.roles.items():
            out.setdefault(w, r)
    return out


__all__ = ["Frame", "FrameError", "frames", "parse", "role_verbs", "trigger_re", "trigger_frame", "SHAPES"]
