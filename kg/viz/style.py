"""How each class looks: colour, vis-network shape, legend glyph and names (zh, en).

Order is the legend's order and the tie-break when a node has several classes (most specific first).
Shapes are ones vis-network sizes by ``size`` (label drawn below), so node size can show degree.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClassStyle:
    key: str      # local name of the govkg class
    zh: str
    en: str
    color: str
    shape: str    # vis-network shape
    glyph: str    # legend symbol with the same outline


STYLES: tuple[ClassStyle, ...] = (
    ClassStyle("Official", "官员", "Official", "#d62728", "dot", "●"),
    ClassStyle("Journalist", "记者", "Journalist", "#9467bd", "dot", "●"),
    ClassStyle("Person", "人物", "Person", "#e377c2", "dot", "●"),
    ClassStyle("GovernmentBody", "政府机构", "Gov. body", "#1f77b4", "square", "■"),
    ClassStyle("Area", "行政区", "Area", "#2ca02c", "hexagon", "⬢"),
    ClassStyle("Enterprise", "企业", "Enterprise", "#ff7f0e", "diamond", "◆"),
    ClassStyle("Institution", "事业单位", "Institution", "#17becf", "triangle", "▲"),
    ClassStyle("Campaign", "专项行动", "Campaign", "#bcbd22", "star", "★"),
    ClassStyle("Document", "文件", "Document", "#7f7f7f", "square", "■"),
    ClassStyle("Place", "地点", "Place", "#8c564b", "triangleDown", "▼"),
    ClassStyle("Meeting", "会议", "Meeting", "#6baed6", "dot", "●"),
    ClassStyle("Inspection", "调研检查", "Inspection", "#74c476", "dot", "●"),
    ClassStyle("Visit", "走访", "Visit", "#fdae6b", "dot", "●"),
    ClassStyle("Training", "培训", "Training", "#9e9ac8", "dot", "●"),
    ClassStyle("Award", "表彰", "Award", "#fa9fb5", "dot", "●"),
    ClassStyle("Event", "活动", "Event", "#bdbdbd", "dot", "●"),
)

BY_KEY = {s.key: s for s in STYLES}
RANK = {s.key: i for i, s in enumerate(STYLES)}
EVENT_KEYS = frozenset({"Meeting", "Inspection", "Visit", "Training", "Award", "Event"})
UNKNOWN = ClassStyle("Thing", "其他", "Other", "#c7c7c7", "dot", "●")


def style_of(cls: str) -> ClassStyle:
    """Style for a class given as local name or full IRI."""
    return BY_KEY.get(local_name(cls), UNKNOWN)


def local_name(iri: str) -> str:
    """Last segment of an IRI (after '#' or '/'); classes and properties are named this way in the page."""
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


#: relation local name -> short Chinese edge label (the English name goes in the edge tooltip)
RELATION_ZH = {
    "conducts": "开展", "serves": "服务", "gaveBannerTo": "赠送锦旗", "subOrganizationOf": "隶属",
    "locatedIn": "位于", "cooperatesWith": "合作", "issued": "印发", "partOf": "属于",
    "organizer": "主办", "chair": "主持", "speaker": "讲话", "leader": "带队", "attendee": "参加",
    "host": "接待", "target": "对象", "giver": "颁发", "location": "地点", "participant": "参与",
    "author": "作者", "member": "任职",
}
