"""The objects that flow through the pipeline.

One ``Page`` per input file goes through small components, spaCy-style:

    read (kg.read) -> normalise (kg.text.normalize) -> segment (kg.text.segment)
    -> extract (kg.extract) -> resolve (kg.resolve) -> triples (kg.graph) -> write (kg.export)

Spans are half-open ``[start, end)`` offsets into ``Page.text`` (the normalised text);
``Page.to_original`` maps them back to offsets in ``Page.raw`` (the decoded input file).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A surface form of an entity in a page's normalised text."""
    kind: str                  # Person | GovernmentBody | Area | Enterprise | Institution | Campaign | Place | Document
    text: str                  # surface form as printed (normalised, quotes kept)
    start: int
    end: int
    sentence: int = -1         # index into Article.sentences
    role: str = ""             # Person: "official" | "journalist" | "other"; any: "anaphor", "implied" (a parent the resolver
                               # added), "stem" (kg.resolve.jurisdiction: a district named by its bare stem)
    name: str = ""             # canonical candidate (e.g. campaign core without quotes); defaults to text
    scope: str = ""            # jurisdiction hint: "relative" when the name starts with 区/市/县..., else ""
    entity: Optional[str] = None   # entity key, set by kg.resolve

    @property
    def label(self) -> str:
        return self.name or self.text

    @property
    def names_entity(self) -> bool:
        """Whether the article names the entity here (makes govkg:mentionedIn): not an anaphor (全区, 该局:
        the article refers to something named elsewhere), not a parent the resolver implied."""
        return self.role not in ("anaphor", "implied")


@dataclass
class Post:
    """A person holds a title in an organisation (org: a Mention, or None = the article's area)."""
    person: Mention
    title: str
    org: Optional[Mention]
    text: str                  # the title phrase as written
    sentence: int
    status: str = ""           # "" (held, as the article states it) | appointed | nominated | removed


@dataclass
class Relation:
    predicate: str             # conducts | serves | gaveBannerTo | subOrganizationOf | locatedIn | cooperatesWith | issued | partOf
    subject: Mention
    object: Mention
    sentence: int


@dataclass
class Event:
    kind: str                  # Meeting | Inspection | Visit | Training | Award | Event
    name: str                  # short descriptive name, e.g. "管城区2020年优化营商环境电视电话会议"
    trigger: Sentence          # where it was read (span of the trigger phrase)
    sentence: int
    date_text: str = ""        # "3月20日上午" as printed
    date: str = ""             # ISO date when the page states the year
    roles: list[tuple[str, Mention]] = field(default_factory=list)
    location: Optional[Mention] = None
    campaigns: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    key: str = ""              # set by kg.resolve
    frame: str = ""            # the event frame it was read by (kg/lexicons/frames.tsv), e.g. "Ceremony"


@dataclass
class Article:
    index: int                 # 1-based position on the page
    start: int
    end: int
    headline: str = ""
    journalists: list[Mention] = field(default_factory=list)   # set by kg.extract.bylines
    credits: list[tuple[int, int]] = field(default_factory=list)   # spans of bylines/credit lines (kg.text.segment)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    area: str = ""             # label of the area the article is about (set by kg.resolve)
    kind: str = "news"         # news | caption
    n_headline: int = 0        # the first n sentences are the headline's lines


@dataclass
class Page:
    path: str                  # file name as given on the command line
    raw: str                   # decoded text of the input file
    encoding: str = "utf-8"
    content_hash: str = ""
    text: str = ""             # normalised text
    offsets: list[int] = field(default_factory=list)  # text index -> raw index; len(text) + 1 entries
    articles: list[Article] = field(default_factory=list)
    area: str = ""             # the page's main area label (set by kg.resolve)
    uid: str = ""              # identifier in IRIs: from the page's bytes (kg.read.page_uid), never its file name
    # from the collection description (kg.collection), set when the page is built
    issued: str = ""           # issue date, ISO (2021-07-30), "" when unknown
    year: int = 0              # issue year, 0 when unknown
    home: str = ""             # GB/T 2260 code of the paper's own area: what 县/市/区 mean when the page does not say
    newspaper: str = ""

    @property
    def name(self) -> str:
        from pathlib import PurePath
        return PurePath(self.path).name

    @property
    def stem(self) -> str:
        from pathlib import PurePath
        return PurePath(self.path).stem

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the span of the original text that produced it."""
        if not self.offsets:
            return start, end
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end
