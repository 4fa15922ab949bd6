#!/usr/bin/env python3
"""Development aid: list what the extractor missed and what it added, per entity type and relation,
against hand-made gold. Skips cleanly when ../shared is absent.

usage: scripts/gold_diff.py GRAPH.ttl [--real] [--doc 301] [--types Person,Campaign] [--relations conducts,serves]
                            [--events] [--participants]

Without --real: the development gold of the seed pages (../shared/eval/gold), pooled.
With --real: the real articles (../shared/eval/real-dev/gold), each gold file against what the graph
derives from its own input file (as score.py --per-doc); --doc keeps the files whose name starts so.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
RELATIONS = ["holdsPost", "conducts", "serves", "gaveBannerTo", "subOrganizationOf", "partOf"]


def _short(forms) -> str:
    return min(forms, key=len) if forms else "?"


def _participant_diff(score, pe, ge) -> None:
    """Participants the scorer's event matching leaves unmatched: + predicted only, - gold only."""
    res = score.score_events(pe, ge)
    if res["participants"]["tp"] == sum(len(e["participants"]) for e in pe) == sum(len(e["participants"]) for e in ge):
        return
    strength = lambda e, g: (0 if e["date"] and g["date"] and e["date"] != g["date"] else
                             100 * bool(e["labels"] & g["labels"]) + sum(1 for a, _ in e["participants"]
                                                                         for b, _ in g["participants"] if a & b))
    cands = sorted(((strength(e, g), i, j) for i, e in enumerate(pe) for j, g in enumerate(ge)), reverse=True)
    up, ug, pairs = set(), set(), []
    for st, i, j in cands:
        if st and i not in up and j not in ug:
            up.add(i); ug.add(j); pairs.append((i, j))
    for i, j in sorted(pairs):
        pp, gp = pe[i]["participants"], ge[j]["participants"]
        m = score.max_matching(pp, gp, lambda a, b: bool(a[0] & b[0]))
        mp, mg = {a for a, _ in m}, {b for _, b in m}
        extra = [(_short(a), r) for k, (a, r) in enumerate(pp) if k not in mp]
        miss = [(_short(a), r) for k, (a, r) in enumerate(gp) if k not in mg]
        if extra or miss:
            print(f"== participants of {_short(ge[j]['labels'])}")
            for x in extra:
                print("  + ", *x)
            for x in miss:
                print("  - ", *x)
    for i, e in enumerate(pe):
        if i not in up:
            print("== unmatched predicted event", _short(e["labels"]), len(e["participants"]), "participants")
    for j, g in enumerate(ge):
        if j not in ug:
            print("== unmatched gold event", _short(g["labels"]), len(g["participants"]), "participants")


def diff(score, pred, gold, types, rels, events: bool, participants: bool = False) -> None:
    for t in types:
        if t == "Journalist":
            p_sets, g_sets = pred["journalists"], list(gold["journalists"].values())
        else:
            p_sets, g_sets = pred["entities"][t], list(gold["entities"][t].values())
        pairs = score.max_matching(p_sets, g_sets, lambda a, b: bool(a & b))
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        if len(p_sets) == len(mp) and len(g_sets) == len(mg):
            continue
        print(f"== {t}: FP {len(p_sets) - len(mp)}  FN {len(g_sets) - len(mg)}")
        for i, s in enumerate(p_sets):
            if i not in mp:
                print("  + ", sorted(s))
        for j, s in enumerate(g_sets):
            if j not in mg:
                print("  - ", sorted(s))
    for r in rels:
        titled = r == "holdsPost"
        p, gd = score.dedupe(pred["relations"][r], titled), score.dedupe(gold["relations"][r], titled)
        pairs = score.max_matching(p, gd, lambda a, b: bool(a[0] & b[0]) and bool(a[1] & b[1]) and (not titled or a[2] == b[2]))
        mp, mg = {i for i, _ in pairs}, {j for _, j in pairs}
        if len(p) == len(mp) and len(gd) == len(mg):
            continue
        print(f"== {r}: FP {len(p) - len(mp)}  FN {len(gd) - len(mg)}")
        for i, x in enumerate(p):
            if i not in mp:
                print("  + ", _short(x[0]), "->", _short(x[1]), x[2])
        for j, x in enumerate(gd):
            if j not in mg:
                print("  - ", _short(x[0]), "->", _short(x[1]), x[2])
    if participants:
        _participant_diff(score, pred["events"], gold["events"])
    if events:
        print("== events (pred)")
        for e in pred["events"]:
            print("  P", e["date"], _short(e["labels"]), [( _short(a), r) for a, r in e["participants"]])
        print("== events (gold)")
        for e in gold["events"]:
            print("  G", e["date"], _short(e["labels"]), [(_short(a), r) for a, r in e["participants"]])


def main() -> int:
    if not (SHARED / "eval" / "score.py").exists():
        print("../shared/eval is not here: nothing to compare against")
        return 0
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    ap = argparse.ArgumentParser()
    ap.add_argument("graph")
    ap.add_argument("--real", action="store_true", help="real-dev articles, scored per document")
    ap.add_argument("--doc", default="", help="with --real: only gold files whose name starts with this")
    ap.add_argument("--types", default="")
    ap.add_argument("--relations", default="")
    ap.add_argument("--events", action="store_true", help="also print predicted and gold events")
    ap.add_argument("--participants", action="store_true",
                    help="only the event participants the scorer leaves unmatched")
    args = ap.parse_args()
    onto = Path(__file__).resolve().parents[1] / "ontology"
    g = score.load_graph([args.graph], [str(onto)] if onto.exists() else [])
    types = args.types.split(",") if args.types else list(score.ENTITY_TYPES) + ["Journalist"]
    rels = args.relations.split(",") if args.relations else RELATIONS
    if not args.real:
        gold = score.gold_side(sorted(str(p) for p in (SHARED / "eval" / "gold").glob("*.json")))
        diff(score, score.predicted(g), gold, [] if args.participants else types,
             [] if args.participants else rels, args.events, args.participants)
        return 0
    for path in sorted((SHARED / "eval" / "real-dev" / "gold").glob("*.json")):
        if args.doc and not path.name.startswith(args.doc):
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))["doc"]
        print(f"######## {path.name} ({doc})")
        diff(score, score.predicted(g, score.DocScope(g, doc)), score.gold_side([str(path)]),
             [] if args.participants else types, [] if args.participants else rels, args.events, args.participants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
