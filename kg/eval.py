"""Score a built graph against gold annotations: the documented scoring of the project's scorer.

    from kg.eval import evaluate, format_table
    report = evaluate(["gold/000.json"], ["exports/graph.ttl"])
    print(format_table(report))
    report = evaluate(gold_files, ["exports/"], per_doc=True)   # independent articles


Gold files follow the gold format (docs/gold-format.md; users annotate their own pages). The rules,
which give the same numbers as the reference scorer (shared/eval/score.py run with the ontology):

- a node's *forms* are its rdfs:label and skos:altLabel values, normalised (NFKC, no white space, no
  quotation or book-title marks); a campaign also counts its core without a generic suffix (活动, 行动...);
- a predicted node matches a gold entity of the same type when they share a form; each side is matched
  at most once (maximum bipartite matching), so an entity split over two nodes costs a false positive;
- classes follow the govkg hierarchy (an Official is a Person, a Meeting an Event);
- posts (org:Membership) and plain relations match on subject and object forms (and the normalised
  title for holdsPost+title), duplicates counted once;
- events are paired greedily, closest first: same name beats same date beats shared participants, and
  two events with different month-days never pair; inside each pair participants match by forms, those
  with the same role first (so an agent with two roles is not paired crosswise), then the rest;
- by default all gold files are pooled (pages of one corpus, whose entities recur across pages); per
  document (``per_doc=True``) each gold file is scored only against what the graph derives from the input
  file its "doc" names (see DocScope), and the counts of all files are summed.

The graph is read in file order with pyoxigraph's parser (fast on big builds), keeping only the
predicates scored; file order matters only where the reference breaks ties the same way.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .vocab import GOVKG, ORG, PROV, RDF, RDFS, SKOS

# ---------------------------------------------------------------- what is scored

#: gold entity type -> ontology class (gold "Organization" is the ontology's Institution)
ENTITY_TYPES = {
    "Person": GOVKG.Person,
    "GovernmentBody": GOVKG.GovernmentBody,
    "Area": GOVKG.Area,
    "Enterprise": GOVKG.Enterprise,
    "Organization": GOVKG.Institution,
    "Campaign": GOVKG.Campaign,
    "Place": GOVKG.Place,
    "Document": GOVKG.Document,
}
CORE_TYPES = ["Person", "GovernmentBody", "Area", "Enterprise", "Organization", "Campaign"]
#: gold predicate -> property, scored as plain (subject, object) pairs
SIMPLE_RELATIONS = {
    "conducts": GOVKG.conducts,
    "serves": GOVKG.serves,
    "gaveBannerTo": GOVKG.gaveBannerTo,
    "subOrganizationOf": GOVKG.subOrganizationOf,
    "partOf": GOVKG.partOf,
}
CAMPAIGN_OBJECT = ("conducts", "partOf")
ROLES = ["organizer", "chair", "speaker", "leader", "attendee", "host", "target", "giver"]
CORE_RELATIONS = ("holdsPost+title", "conducts", "serves", "gaveBannerTo")

#: the govkg class hierarchy under the scored classes (ontology/govkg.ttl; tests/test_eval.py checks
#: they agree), so scoring needs no ontology file; rdfs:subClassOf triples in the inputs add to it
SUBCLASSES = {
    str(GOVKG.Official): str(GOVKG.Person),
    str(GOVKG.Journalist): str(GOVKG.Person),
    str(GOVKG.Meeting): str(GOVKG.Event),
    str(GOVKG.Inspection): str(GOVKG.Event),
    str(GOVKG.Visit): str(GOVKG.Event),
    str(GOVKG.Training): str(GOVKG.Event),
    str(GOVKG.Award): str(GOVKG.Event),
}

#: gold-format types and predicates: anything else is an annotation mistake worth one line
GOLD_ENTITY_TYPES = set(ENTITY_TYPES) | {"Event"}
GOLD_PREDICATES = {"holdsPost", "participatedIn", "locatedIn", "cooperatesWith", "issued"} | set(SIMPLE_RELATIONS)
GOLD_ROLES = set(ROLES) | {""}

_AUTHOR = ("https://schema.org/author", "http://schema.org/author")
_QUOTES = "\"'“”‘’「」『』《》〈〉【】"
_GENERIC_SUFFIX = re.compile(r"(专项行动|集中月活动|活动|行动|工作法|工作|改革|制度|工程|战略)$")

#: graph file suffix -> parser format (the reference scorer's list)
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
           ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
           ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
           ".n3": ox.RdfFormat.N3}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in text if not ch.isspace() and ch not in _QUOTES)


def forms(names, campaign: bool = False) -> frozenset[str]:
    """The normalised names a node or gold entity can be matched by."""
    out = set()
    for name in names:
        n = norm(name)
        if n:
            out.add(n)
            core = _GENERIC_SUFFIX.sub("", n) if campaign else ""
            if core:
                out.add(core)
    return frozenset(out)


def month_day(text: str) -> str | None:
    """"MM-DD" from an xsd:date, a gold "MM-DD" or printed "3月20日"; None when there is none."""
    for pattern, groups in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", (2, 3)), (r"^(\d{1,2})-(\d{1,2})$", (1, 2)),
                            (r"(\d{1,2})月(\d{1,2})日", (1, 2))):
        m = re.search(pattern, text.strip() if pattern.startswith("^") else text)
        if m:
            return f"{int(m.group(groups[0])):02d}-{int(m.group(groups[1])):02d}"
    return None


# ---------------------------------------------------------------- the graph side

_KEPT = {str(p) for p in (RDF.type, RDFS.label, SKOS.altLabel, RDFS.subClassOf, ORG.member, ORG.organization,
                          GOVKG.title, GOVKG.date, GOVKG.dateText, GOVKG.participant)}
_KEPT |= {str(p) for p in SIMPLE_RELATIONS.values()} | {str(GOVKG[r]) for r in ROLES} | set(_AUTHOR)
#: what says which input file a node or a triple comes from (per-document scoring)
_KEPT |= {str(p) for p in (GOVKG.sourceFile, GOVKG.mentionedIn, PROV.wasDerivedFrom,
                           RDF.subject, RDF.predicate, RDF.object)}


def _term(t) -> str:
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return getattr(t, "value", None) or str(t)   # an RDF-star triple term has no value


class GraphIndex:
    """The scored triples of some graph files, each once, objects in first-seen file order."""

    def __init__(self):
        self.objects: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
        self.pairs: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)

    def add_file(self, path: Path) -> None:
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise KgError(f"{path}: unknown RDF format (expected one of {', '.join(sorted(FORMATS))})")
        try:
            for q in ox.parse(path=str(path), format=fmt):
                p = q.predicate.value
                if p in _KEPT:
                    s, o = _term(q.subject), _term(q.object)
                    self.objects[(s, p)][o] = None
                    self.pairs[p][(s, o)] = None
        except (SyntaxError, ValueError) as err:
            raise KgError(f"{path}: not valid {path.suffix[1:]} RDF: {str(err).splitlines()[0]}") from None
        except OSError as err:
            raise KgError(f"{path}: cannot read: {err.strerror or err}") from None

    def values(self, s: str, p) -> list[str]:
        return list(self.objects.get((s, str(p)), ()))

    def subject_objects(self, p) -> list[tuple[str, str]]:
        return list(self.pairs.get(str(p), ()))

    def labels(self, node: str) -> set[str]:
        return set(self.values(node, RDFS.label)) | set(self.values(node, SKOS.altLabel))

    def instances(self, cls) -> list[str]:
        """Nodes typed with ``cls`` or a subclass, sorted by IRI."""
        parents = dict(SUBCLASSES)
        children = defaultdict(set)
        for c, parent in parents.items():
            children[parent].add(c)
        for c, parent in self.subject_objects(RDFS.subClassOf):
            children[parent].add(c)
        classes, todo = {str(cls)}, [str(cls)]
        while todo:
            for c in children[todo.pop()] - classes:
                classes.add(c)
                todo.append(c)
        return sorted({s for s, c in self.subject_objects(RDF.type) if c in classes})

    def statements(self, s: str, p: str, o: str) -> list[str]:
        """The rdf:Statement nodes reifying the triple (s, p, o)."""
        if not hasattr(self, "_statements"):
            by_triple = defaultdict(list)
            for st, subj in self.subject_objects(RDF.subject):
                for pred in self.values(st, RDF.predicate):
                    for obj in self.values(st, RDF.object):
                        by_triple[(subj, pred, obj)].append(st)
            self._statements = by_triple
        return self._statements.get((s, p, o), [])


class DocScope:
    """Which nodes and triples of the graph come from one input file (per-document scoring).

    An entity belongs to the file when it is govkg:mentionedIn an article whose govkg:sourceFile names the
    file (by base name); a Membership or Event when it is prov:wasDerivedFrom (or mentionedIn) such an
    article; a plain triple when a reifying rdf:Statement is derived from such an article or, when no
    statement says where it comes from, when both ends belong to the file."""

    def __init__(self, index: GraphIndex, doc: str):
        self.index = index
        name = Path(doc).name
        self.articles = {a for a, f in index.subject_objects(GOVKG.sourceFile) if Path(f).name == name}
        self.nodes = {n for n, a in index.subject_objects(GOVKG.mentionedIn) if a in self.articles}

    def has(self, node: str) -> bool:
        return node in self.nodes or self.derived(node)

    def derived(self, node: str) -> bool:
        return any(a in self.articles for p in (PROV.wasDerivedFrom, GOVKG.mentionedIn)
                   for a in self.index.values(node, p))

    def triple(self, s: str, p, o: str) -> bool:
        sourced = [st for st in self.index.statements(s, str(p), o) if self.index.values(st, PROV.wasDerivedFrom)]
        if sourced:
            return any(self.derived(st) for st in sourced)
        return s in self.nodes and o in self.nodes


def predicted(index: GraphIndex, scope: DocScope | None = None) -> dict:
    """What the graph claims, as forms: entities by type, journalists, officials, relations, events;
    with a scope, only what comes from its input file."""
    def node_forms(node, campaign=False):
        return forms(index.labels(node), campaign)

    keep = scope.has if scope else (lambda node: True)
    derived = scope.derived if scope else (lambda node: True)
    pred = {"entities": {}, "relations": defaultdict(list), "events": []}
    for gtype, cls in ENTITY_TYPES.items():
        pred["entities"][gtype] = [node_forms(n, gtype == "Campaign") for n in index.instances(cls) if keep(n)]
    journalists = {n for n in index.instances(GOVKG.Journalist) if keep(n)}
    for author in _AUTHOR:
        journalists.update(o for a, o in index.subject_objects(author) if scope is None or a in scope.articles)
    pred["journalists"] = [node_forms(n) for n in sorted(journalists)]
    pred["officials"] = [node_forms(n) for n in index.instances(GOVKG.Official) if keep(n)]
    memberships = [s for s, c in index.subject_objects(RDF.type) if c == str(ORG.Membership) and derived(s)]
    for m in memberships:
        titles = {norm(t) for t in index.values(m, GOVKG.title)} or {""}
        for person in index.values(m, ORG.member):
            for org in index.values(m, ORG.organization):
                for title in titles:
                    pred["relations"]["holdsPost"].append((node_forms(person), node_forms(org), title))
    for name, prop in SIMPLE_RELATIONS.items():
        for s, o in index.subject_objects(prop):
            if scope is not None and not scope.triple(s, prop, o):
                continue
            pred["relations"][name].append((node_forms(s), node_forms(o, name in CAMPAIGN_OBJECT), ""))
    for ev in index.instances(GOVKG.Event):
        if not derived(ev):
            continue
        date = None
        for d in index.values(ev, GOVKG.date) + index.values(ev, GOVKG.dateText):
            date = month_day(d) or date      # the last readable one, printed text over xsd:date
        parts = [(node_forms(a), role) for role in ROLES for a in index.values(ev, GOVKG[role])]
        parts += [(node_forms(a), "") for a in index.values(ev, GOVKG.participant)]
        pred["events"].append({"date": date, "labels": node_forms(ev), "participants": parts})
    return pred


def load_graph(paths) -> GraphIndex:
    """Graph files, or build folders (their graph.ttl), read into one index."""
    from .graph.store import resolve_graph_path

    index = GraphIndex()
    for p in paths:
        index.add_file(resolve_graph_path(p))
    return index


# ---------------------------------------------------------------- the gold side

def _check_gold(doc, path) -> None:
    """One line naming the file and the first problem when ``doc`` is not a gold annotation."""
    def fail(msg):
        raise KgError(f"{path}: not a gold file: {msg}")

    if not isinstance(doc, dict):
        fail("the top level must be a JSON object")
    for key in ("entities", "relations"):
        if not isinstance(doc.get(key), list):
            fail(f'"{key}" must be a list')
    ids = set()
    for n, e in enumerate(doc["entities"]):
        where = f"entities[{n}]"
        if not isinstance(e, dict):
            fail(f"{where} is not an object")
        for key in ("id", "type", "name"):
            if not isinstance(e.get(key), str) or not e[key].strip():
                fail(f'{where} has no "{key}" string')
        if e["type"] not in GOLD_ENTITY_TYPES:
            fail(f'{where} ({e["id"]}): unknown type "{e["type"]}" (expected {", ".join(sorted(GOLD_ENTITY_TYPES))})')
        aliases = e.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            fail(f'{where} ({e["id"]}): "aliases" must be a list of strings')
        if e["type"] == "Event" and e.get("date") is not None and not isinstance(e["date"], str):
            fail(f'{where} ({e["id"]}): "date" must be a string or null')
        if e["id"] in ids:
            fail(f'{where}: duplicate id "{e["id"]}"')
        ids.add(e["id"])
    for n, r in enumerate(doc["relations"]):
        where = f"relations[{n}]"
        if not isinstance(r, dict) or not all(isinstance(r.get(k), str) for k in ("s", "p", "o")):
            fail(f'{where} needs "s", "p" and "o" strings')
        if r["p"] not in GOLD_PREDICATES:
            fail(f'{where}: unknown predicate "{r["p"]}"')
        for end in ("s", "o"):
            if r[end] not in ids:
                fail(f'{where}: "{end}" refers to unknown id "{r[end]}"')
        for key in ("title", "role"):
            if not isinstance(r.get(key, ""), str):
                fail(f'{where}: "{key}" must be a string')
        if r["p"] == "participatedIn" and r.get("role", "") not in GOLD_ROLES:
            fail(f'{where}: unknown role "{r["role"]}" (expected {", ".join(ROLES)})')


def read_gold(path) -> dict:
    """A validated gold annotation file."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise KgError(f"{path}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise KgError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise KgError(f"{path}: not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})") from None
    _check_gold(doc, path)
    return doc


def gold_side(paths) -> dict:
    """What the annotators say, as forms. Entities of one type and normalised name merge across files."""
    gold = {"entities": defaultdict(dict), "relations": defaultdict(list), "events": [],
            "journalists": {}, "officials": {}}
    for path in paths:
        doc = read_gold(path)
        by_id = {e["id"]: e for e in doc["entities"]}

        def names(e):
            return [e["name"]] + list(e.get("aliases", []))

        for e in doc["entities"]:
            if e["type"] in ENTITY_TYPES:
                slot = gold["entities"][e["type"]].setdefault(norm(e["name"]), set())
                slot |= forms(names(e), e["type"] == "Campaign")
            if e["type"] == "Person" and e.get("role") in ("journalist", "official"):
                table = gold["journalists"] if e["role"] == "journalist" else gold["officials"]
                table.setdefault(norm(e["name"]), set()).update(forms(names(e)))
        events = {e["id"]: {"date": month_day(e.get("date") or ""), "labels": forms(names(e)), "participants": []}
                  for e in doc["entities"] if e["type"] == "Event"}
        for r in doc["relations"]:
            s, o = by_id[r["s"]], by_id[r["o"]]
            if r["p"] == "holdsPost":
                gold["relations"]["holdsPost"].append((forms(names(s)), forms(names(o)), norm(r.get("title", ""))))
            elif r["p"] in SIMPLE_RELATIONS:
                gold["relations"][r["p"]].append(
                    (forms(names(s)), forms(names(o), r["p"] in CAMPAIGN_OBJECT), ""))
            elif r["p"] == "participatedIn" and r["o"] in events:
                events[r["o"]]["participants"].append((forms(names(s)), r.get("role", "")))
        gold["events"] += list(events.values())
    return gold


# ---------------------------------------------------------------- matching and scores

def max_matching(adj: list[list[int]], n_right: int) -> list[tuple[int, int]]:
    """Maximum bipartite matching by augmenting paths (Kuhn), left nodes in order, each one's
    neighbours in the order given; iterative, so big graphs need no deep recursion.
    Returns the (left, right) pairs sorted by right."""
    match_r = [-1] * n_right
    for start in range(len(adj)):
        seen: set[int] = set()
        stack = [[start, 0, -1]]          # frames: left node, next neighbour position, right node tried
        while stack:
            frame = stack[-1]
            i, k = frame[0], frame[1]
            while k < len(adj[i]) and adj[i][k] in seen:
                k += 1
            if k == len(adj[i]):
                stack.pop()               # no augmenting path through i
                continue
            j = adj[i][k]
            frame[1], frame[2] = k + 1, j
            seen.add(j)
            if match_r[j] == -1:          # free right node: flip the path
                for left, _, right in stack:
                    match_r[right] = left
                break
            stack.append([match_r[j], 0, -1])
    return [(match_r[j], j) for j in range(n_right) if match_r[j] != -1]


def _adjacency(left: list[frozenset], right: list) -> list[list[int]]:
    """For each left form set, the right items (in order) sharing a form: found through an index."""
    by_form = defaultdict(list)
    for j, forms_j in enumerate(right):
        for f in forms_j:
            by_form[f].append(j)
    return [sorted({j for f in forms_i for j in by_form.get(f, ())}) for forms_i in left]


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall, F1 (rounded to 4 places); an empty side counts as perfect only when both are."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score_entities(pred: list[frozenset], gold: list[set]) -> dict:
    return prf(len(max_matching(_adjacency(pred, gold), len(gold))), len(pred), len(gold))


def _unique(rels, with_title: bool) -> list[tuple]:
    seen, out = set(), []
    for s, o, t in rels:
        key = (frozenset(s), frozenset(o), t if with_title else "")
        if key not in seen:
            seen.add(key)
            out.append((s, o, t))
    return out


def score_relations(pred, gold, with_title: bool = False) -> dict:
    p, g = _unique(pred, with_title), _unique(gold, with_title)
    by_subject = _adjacency([s for s, _, _ in p], [s for s, _, _ in g])
    adj = [[j for j in js if p[i][1] & g[j][1] and (not with_title or p[i][2] == g[j][2])]
           for i, js in enumerate(by_subject)]
    return prf(len(max_matching(adj, len(g))), len(p), len(g))


def _strength(e: dict, g: dict) -> int:
    """0 when two events cannot be the same; else higher for a closer match."""
    if e["date"] and g["date"] and e["date"] != g["date"]:
        return 0
    shared = sum(1 for pa, _ in e["participants"] for ga, _ in g["participants"] if pa & ga)
    same_name = bool(e["labels"] & g["labels"])
    if not shared and not same_name:
        return 0
    return 100 * same_name + 10 * bool(e["date"] and e["date"] == g["date"]) + shared


def score_events(pred_events: list[dict], gold_events: list[dict]) -> dict:
    # only pairs sharing a name or a participant form can have a strength: find them through an index
    def keys(e):
        return [("name", f) for f in e["labels"]] + [("agent", f) for a, _ in e["participants"] for f in a]
    index = defaultdict(set)
    for j, g in enumerate(gold_events):
        for k in keys(g):
            index[k].add(j)
    candidates = []
    for i, e in enumerate(pred_events):
        for j in set().union(*(index.get(k, ()) for k in keys(e))):
            s = _strength(e, gold_events[j])
            if s:
                candidates.append((s, i, j))
    # greedy, closest first (ties: later events first, as the reference scorer does)
    used_p, used_g, pairs = set(), set(), []
    for s, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    tp = role_ok = 0
    for i, j in pairs:
        pp, gp = pred_events[i]["participants"], gold_events[j]["participants"]
        # same agent and same role first, so that an agent with two roles is not paired crosswise
        same = max_matching([[b for b, (ga, gr) in enumerate(gp) if pa & ga and pr == gr] for pa, pr in pp], len(gp))
        rest_p = [a for a in range(len(pp)) if a not in {a for a, _ in same}]
        rest_g = [b for b in range(len(gp)) if b not in {b for _, b in same}]
        other = max_matching([[k for k, b in enumerate(rest_g) if pp[a][0] & gp[b][0]] for a in rest_p], len(rest_g))
        tp += len(same) + len(other)
        role_ok += len(same)
    participants = prf(tp, sum(len(e["participants"]) for e in pred_events),
                       sum(len(e["participants"]) for e in gold_events))
    participants["role_accuracy"] = round(role_ok / tp, 4) if tp else 0.0
    participants["role_ok"] = role_ok
    return {"events": prf(len(pairs), len(pred_events), len(gold_events)), "participants": participants}


def micro(parts: list[dict]) -> dict:
    return prf(sum(x["tp"] for x in parts), sum(x["pred"] for x in parts), sum(x["gold"] for x in parts))


def compare(pred: dict, gold: dict) -> dict:
    """The report: entities, relations, events, participants and the summary (the reference's JSON)."""
    report = {"entities": {}, "relations": {}}
    for gtype in ENTITY_TYPES:
        report["entities"][gtype] = score_entities(pred["entities"][gtype], list(gold["entities"][gtype].values()))
    report["entities"]["Journalist"] = score_entities(pred["journalists"], list(gold["journalists"].values()))
    report["entities"]["Official"] = score_entities(pred["officials"], list(gold["officials"].values()))
    posts_p, posts_g = pred["relations"]["holdsPost"], gold["relations"]["holdsPost"]
    report["relations"]["holdsPost"] = score_relations(posts_p, posts_g)
    report["relations"]["holdsPost+title"] = score_relations(posts_p, posts_g, with_title=True)
    for name in SIMPLE_RELATIONS:
        report["relations"][name] = score_relations(pred["relations"][name], gold["relations"][name])
    report.update(score_events(pred["events"], gold["events"]))
    report["summary"] = _summary(report)
    return report


def _summary(report: dict) -> dict:
    return {
        "entities_core": micro([report["entities"][t] for t in CORE_TYPES]),
        "relations_core": micro([report["relations"][r] for r in CORE_RELATIONS]),
        "events": report["events"],
        "participants": report["participants"],
    }


def merge_reports(reports: list[dict]) -> dict:
    """Per-document reports summed: tp, pred and gold of every measure added up (micro-average)."""
    out = {"entities": {}, "relations": {}}
    for part in ("entities", "relations"):
        for name in reports[0][part]:
            out[part][name] = micro([r[part][name] for r in reports])
    out["events"] = micro([r["events"] for r in reports])
    out["participants"] = micro([r["participants"] for r in reports])
    ok = sum(r["participants"]["role_ok"] for r in reports)
    out["participants"]["role_ok"] = ok
    out["participants"]["role_accuracy"] = round(ok / out["participants"]["tp"], 4) if out["participants"]["tp"] else 0.0
    out["summary"] = _summary(out)
    return out


def evaluate(gold_paths, graph_paths, per_doc: bool = False, warn=None) -> dict:
    """Score graph files (or folders of them) against gold files; the report as a dict.

    per_doc: score each gold file only against what the graph derives from the input file its "doc"
    names, and sum the counts (for collections of independent articles). ``warn(line)`` is told about
    a gold file whose input file no article of the graph comes from."""
    if not per_doc:
        gold = gold_side(gold_paths)      # gold first: a bad gold file fails before a big parse
        return compare(predicted(load_graph(graph_paths)), gold)
    docs = [(path, read_gold(path)) for path in gold_paths]
    for path, doc in docs:
        if not isinstance(doc.get("doc"), str) or not doc["doc"].strip():
            raise KgError(f'{path}: not a gold file: no "doc" string naming its input file (needed per document)')
    index = load_graph(graph_paths)
    reports = []
    for path, doc in docs:
        scope = DocScope(index, doc["doc"])
        if not scope.articles and warn:
            warn(f'{path}: no article of the graph comes from "{doc["doc"]}": scored against nothing')
        reports.append(compare(predicted(index, scope), gold_side([path])))
    return merge_reports(reports)


def format_table(report: dict) -> str:
    """The reference scorer's table, line for line."""
    def row(name, m):
        return (f"{name:<22} {m['p']:>6.3f} {m['r']:>6.3f} {m['f1']:>6.3f}   "
                f"tp={m['tp']:<4} pred={m['pred']:<4} gold={m['gold']}")
    lines = [f"{'':<22} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [row(name, m) for name, m in report["entities"].items()]
    lines += [row(name, m) for name, m in report["relations"].items()]
    lines += [row("events", report["events"]), row("participants", report["participants"])]
    lines.append(f"participant role accuracy: {report['participants']['role_accuracy']:.3f}")
    s = report["summary"]
    lines.append(f"SUMMARY entities_core_f1={s['entities_core']['f1']:.3f} "
                 f"relations_core_f1={s['relations_core']['f1']:.3f} "
                 f"events_f1={s['events']['f1']:.3f} participants_f1={s['participants']['f1']:.3f}")
    return "\n".join(lines)


def format_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1)
