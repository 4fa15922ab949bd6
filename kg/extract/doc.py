"""The document the extract components share: one article, its text, and typed span layers.

spaCy-style: a ``Doc`` flows through named ``Step``s; each reads the layers it declares and writes only
the layers it declares (``Doc.add`` refuses any other), so what a component depends on and what it makes
are visible in one table (``kg.extract.PIPELINE``) and checked when the pipeline is built.

Layers hold ``kg.model`` objects: span layers hold ``Mention``s (lexicon and rule hits: ``campaigns``,
``documents``, ``slogans``, ``orgs``, ``people``, ``journalists``, ``later``, ``task_forces``,
``anaphors``, ``crf_people``), record layers hold posts (``posts``: ``(PostCandidate, status)``), events and
relations. Sentence steps run once per sentence with ``doc.lo``/``doc.hi``/``doc.si`` set to it and add to
the layers; article steps run once, after every sentence.

One overlap policy for names: within a sentence ``kg.extract.orgs.settle`` (the longest span wins, areas
may nest in bodies and institutions); a person never overlaps an organisation (the organisation wins, but a
division inside a person's name is the name); across the article, one mention per (kind, span).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import Article, Page


class LayerError(RuntimeError):
    """A step wrote a layer it does not declare, or read one no earlier step writes."""


@dataclass(frozen=True)
class Step:
    name: str
    func: Callable[["Doc"], None]
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    per_sentence: bool = True


@dataclass
class Doc:
    page: Page
    article: Article
    layers: dict[str, list] = field(default_factory=dict)
    lo: int = 0                 # the current sentence (sentence steps)
    hi: int = 0
    si: int = -1
    _step: Step | None = None
    #: what sentence steps add, by layer and sentence: here() and remove() in a sentence touch only its own
    #: items (a scan of the whole layer per sentence was quadratic in a long article)
    _by_sentence: dict[str, dict[int, list]] = field(default_factory=dict)
    _stale: set[str] = field(default_factory=set)     # layers whose flat list must be rebuilt from those

    @property
    def text(self) -> str:
        return self.page.text

    def _check_read(self, name: str) -> None:
        if self._step is not None and name not in self._step.reads and name not in self._step.writes:
            raise LayerError(f"step {self._step.name!r} reads layer {name!r} it does not declare")

    def layer(self, name: str) -> list:
        """Everything in layer ``name`` so far (the current step must declare it in reads or writes)."""
        self._check_read(name)
        self._rebuild(name)
        return self.layers.setdefault(name, [])

    def _rebuild(self, name: str) -> None:
        if name in self._stale:     # sentences were added in order: their lists, in order, are the layer
            self._stale.discard(name)
            self.layers[name] = [m for items in self._by_sentence[name].values() for m in items]

    def flush(self) -> None:
        """Bring every layer's flat list up to date (run() does it after the sentence steps)."""
        for name in sorted(self._stale):
            self._rebuild(name)

    def _bucket(self, name: str) -> list:
        return self._by_sentence.setdefault(name, {}).setdefault(self.si, [])

    def here(self, name: str) -> list:
        """The items of layer ``name`` found in the current sentence."""
        self._check_read(name)
        return [m for m in self._by_sentence.get(name, {}).get(self.si, ())
                if getattr(m, "sentence", self.si) == self.si]

    def add(self, name: str, items) -> list:
        if self._step is not None and name not in self._step.writes:
            raise LayerError(f"step {self._step.name!r} writes layer {name!r} it does not declare")
        items = list(items)
        sentence_step = self._step is not None and self._step.per_sentence
        for m in items:
            if sentence_step and getattr(m, "sentence", None) == -1:
                m.sentence = self.si
        if sentence_step:
            self._bucket(name).extend(items)
            self._stale.add(name)
            self.layers.setdefault(name, [])     # the layer exists (its list is rebuilt when read)
        else:
            self.layer(name).extend(items)
        return items

    def remove(self, name: str, keep: Callable) -> None:
        """Drop the items for which ``keep`` is false (a declared write): in a sentence step, of the
        current sentence's items; in an article step, of the whole layer."""
        if self._step is not None and name not in self._step.writes:
            raise LayerError(f"step {self._step.name!r} writes layer {name!r} it does not declare")
        if self._step is not None and self._step.per_sentence:
            bucket = self._bucket(name)
            bucket[:] = [m for m in bucket if keep(m)]
            self._stale.add(name)
        else:
            self.layers[name] = [m for m in self.layer(name) if keep(m)]


def check(pipeline: list[Step], given: tuple[str, ...] = ()) -> None:
    """Every layer a step reads is written by an earlier step (or given); names are unique."""
    written = set(given)
    names = set()
    for step in pipeline:
        if step.name in names:
            raise LayerError(f"two steps named {step.name!r}")
        names.add(step.name)
        missing = [r for r in step.reads if r not in written]
        if missing:
            raise LayerError(f"step {step.name!r} reads {missing} before any step writes them")
        written.update(step.writes)


def run(pipeline: list[Step], doc: Doc, skip: Callable[[Doc], bool] = lambda d: False) -> Doc:
    """Sentence steps over each sentence (``skip`` leaves some out), then the article steps, in order."""
    sentence_steps = [s for s in pipeline if s.per_sentence]
    for si, sent in enumerate(doc.article.sentences):
        doc.lo, doc.hi, doc.si = sent.start, sent.end, si
        if skip(doc):
            continue
        for step in sentence_steps:
            doc._step = step
            step.func(doc)
    doc.si = -1
    doc.flush()
    for step in pipeline:
        if not step.per_sentence:
            doc._step = step
            step.func(doc)
    doc._step = None
    return doc


__all__ = ["Doc", "Step", "LayerError", "check", "run"]
