"""How each class looks: colour, vis-network shape, legend glyph and names (zh, en).

Order is the legend's order and the tie-break when a node has several classes (most specific first).
Shapes are ones vis-network sizes by ``size`` (label drawn below), so node size can show degree.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..names_zh import zh_name
from ..vocab import GOVKG


@dataclass(frozen=True)
class ClassStyle:
    key: str      # local name of the govkg class
    en: str
    color: str
    shape: str    # vis-network shape
    glyph: str    # legend symbol with the same outline

    @property
    def zh(self) -> str:
        """The ontology's rdfs:label@zh (kg.names_zh: the same names as kg stats and entity pages)."""
        return zh_name(GOVKG._NS + self.key if self.key != "Thing" else "", "其他")


STYLES: tuple[ClassStyle, ...] = (
    ClassStyle("Official", "Official", "#d62728", "dot", "●"),
    ClassStyle("Journalist", "Journalist", "#9467bd", "dot", "●"),
    ClassStyle("Person", "Person", "#e377c2", "dot", "●"),
    ClassStyle("GovernmentBody", "Gov. body", "#1f77b4", "square", "■"),
    ClassStyle("Area", "Area", "#2ca02c", "hexagon", "⬢"),
    ClassStyle("Enterprise", "Enterprise", "#ff7f0e", "diamond", "◆"),
    ClassStyle("Institution", "Institution", "#17becf", "triangle", "▲"),
    ClassStyle("Campaign", "Campaign", "#bcbd22", "star", "★"),
    ClassStyle("Document", "Document", "#7f7f7f", "square", "■"),
    ClassStyle("Place", "Place", "#8c564b", "triangleDown", "▼"),
    ClassStyle("Meeting", "Meeting", "#6baed6", "dot", "●"),
    ClassStyle("Inspection", "Inspection", "#74c476", "dot", "●"),
    ClassStyle("Visit", "Visit", "#fdae6b", "dot", "●"),
    ClassStyle("Training", "Training", "#9e9ac8", "dot", "●"),
    ClassStyle("Award", "Award", "#fa9fb5", "dot", "●"),
    ClassStyle("Event", "Event", "#bdbdbd", "dot", "●"),
)

BY_KEY = {s.key: s for s in STYLES}
RANK = {s.key: i for i, s in enumerate(STYLES)}
EVENT_KEYS = frozenset({"Meeting", "Inspection", "Visit", "Training", "Award", "Event"})
UNKNOWN = ClassStyle("Thing", "Other", "#c7c7c7", "dot", "●")


def style_of(cls: str) -> ClassStyle:
    """Style for a class given as local name or full IRI."""
    return BY_KEY.get(local_name(cls), UNKNOWN)


def local_name(iri: str) -> str:
    """Last segment of an IRI (after '#' or '/'); classes and properties are named this way in the page."""
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def edge_label_zh(prop: str) -> str:
    """Chinese edge label of a property IRI (the ontology's rdfs:label@zh), else its local name."""
    return zh_name(prop) or local_name(prop)
