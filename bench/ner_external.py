"""govkg's entity finder on text nobody here wrote: CLUENER2020 dev and People's Daily test.

    .venv/bin/python bench/ner_external.py                 # rules, CRF, combined; both sets (~1-2 min)
    .venv/bin/python bench/ner_external.py --quick 50      # the first 50 sentences of each set
    .venv/bin/python bench/ner_external.py --systems rules --json

Each sentence becomes a one-sentence page (kg.read.page_from_bytes) that goes through
kg.pipeline.process_page; mentions are mapped to the sets' types and scored entity by entity (exact
character span and type). Type maps:
  CLUENER:        Person -> name, GovernmentBody -> government, Enterprise -> company,
                  Institution -> organization, a post's title word -> position
  People's Daily: Person -> PER, Area/Place -> LOC, GovernmentBody/Enterprise/Institution -> ORG
Systems:
  rules     the product pipeline with the learned person finder switched off (kg.extract.crf.ENABLED)
  pipeline  the product pipeline as shipped: rules + people the CRF finds next to a title or role word
  crf       kg.extract.crf.tag alone, in the set's text style (CLUENER "web", People's Daily "news")
  union     rules + every CRF span (a span both find once)
  priority  rules, then CRF spans that overlap no rule span
Published BiLSTM-CRF figures on CLUENER (CLUENER2020 paper) are printed beside ours. Runs from the repo
(the data is ../shared/external); exits 0 with a message when that folder is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXTERNAL = ROOT.parent / "shared" / "external"
CLUENER_DEV = EXTERNAL / "cluener2020" / "dev.json"
PD_TEST = EXTERNAL / "peoples-daily-ner" / "test.bio"

CLUENER_TYPES = {"Person": "name", "GovernmentBody": "government", "Enterprise": "company",
                 "Institution": "organization", "Title": "position"}
PD_TYPES = {"Person": "PER", "Area": "LOC", "Place": "LOC", "Location": "LOC",
            "GovernmentBody": "ORG", "Enterprise": "ORG", "Institution": "ORG"}
#: BiLSTM-CRF F1 on CLUENER2020 dev, from the CLUENER2020 paper / README
PUBLISHED = {"name": 74.04, "government": 77.26, "company": 72.27, "position": 70.16, "organization": 65.78}
SYSTEMS = ["rules", "pipeline", "crf", "union", "priority"]

Span = tuple[int, int, str]


# ---------------------------------------------------------------- data

def read_cluener(path: Path, limit: int | None = None) -> list[tuple[str, set[Span]]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            gold = {(s, e + 1, t) for t, surfaces in d.get("label", {}).items() if t in CLUENER_TYPES.values()
                    for spans in surfaces.values() for s, e in spans}   # offsets are inclusive
            out.append((d["text"], gold))
            if limit and len(out) >= limit:
                break
    return out


def read_bio(path: Path, limit: int | None = None) -> list[tuple[str, set[Span]]]:
    """``char TAG`` lines, a blank line between sentences; B-X starts an entity, I-X continues it."""
    out, chars, tags = [], [], []

    def flush():
        if chars:
            out.append(("".join(chars), bio_spans(tags)))
        chars.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split()
            if len(parts) < 2:
                flush()
                if limit and len(out) >= limit:
                    return out
                continue
            chars.append(parts[0])
            tags.append(parts[-1])
    flush()
    return out[:limit] if limit else out


def bio_spans(tags: list[str]) -> set[Span]:
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
            spans.add((start, i, kind))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, kind = i, tag[2:]
    return spans


# ---------------------------------------------------------------- systems

def rule_spans(text: str) -> set[tuple[int, int, str]]:
    """govkg kinds over ``text``'s characters: (start, end, kind) for mentions and post titles."""
    from kg.pipeline import process_page
    from kg.read import page_from_bytes

    page = process_page(page_from_bytes(text.encode("utf-8"), "sentence.txt"))
    out = set()
    for article in page.articles:
        for m in article.mentions:
            if m.role == "nested":        # an area inside a body's name: the flat sets do not nest
                continue
            s, e = page.to_original(m.start, m.end)
            out.add((s, e, m.kind))
        for post in article.posts:
            span = _title_span(page.raw, post)
            if span:
                out.add((*span, "Title"))
    return out


def _title_span(raw: str, post) -> tuple[int, int] | None:
    """Where a post's title word is printed: the occurrence nearest its holder's name."""
    person = post.person
    best = None
    i = raw.find(post.title)
    while i >= 0:
        gap = person.start - (i + len(post.title)) if i < person.start else i - person.end
        if gap >= 0 and (best is None or gap < best[0]):
            best = (gap, i)
        i = raw.find(post.title, i + 1)
    return (best[1], best[1] + len(post.title)) if best else None


def crf_spans(text: str, style: str = "news") -> set[tuple[int, int, str]]:
    from kg.extract import crf
    return set(crf.tag(text, style))


def combine(rules: set, learned: set, how: str) -> set:
    if how == "union":
        return rules | learned
    taken = [(s, e) for s, e, _ in rules]
    return rules | {x for x in learned if not any(s < x[1] and x[0] < e for s, e in taken)}


def predict(texts: list[str], system: str, rules_cache: dict, style: str = "news") -> tuple[list[set], float]:
    """Spans of every sentence under ``system`` and the seconds it took."""
    from kg.extract import crf

    t0 = time.perf_counter()
    out = []
    for text in texts:
        if system == "crf":
            out.append(crf_spans(text, style))
            continue
        if system == "pipeline":
            out.append(rule_spans(text))
            continue
        if text not in rules_cache:
            saved, crf.ENABLED = crf.ENABLED, False
            try:
                rules_cache[text] = rule_spans(text)
            finally:
                crf.ENABLED = saved
        rules = rules_cache[text]
        out.append(rules if system == "rules" else combine(rules, crf_spans(text, style), system))
    return out, time.perf_counter() - t0


# ---------------------------------------------------------------- scoring

def score(gold: list[set], pred: list[set], types: list[str]) -> dict[str, dict]:
    counts = defaultdict(lambda: [0, 0, 0])      # tp, pred, gold
    for g, p in zip(gold, pred):
        for t in types:
            gt = {x for x in g if x[2] == t}
            pt = {x for x in p if x[2] == t}
            c = counts[t]
            c[0] += len(gt & pt)
            c[1] += len(pt)
            c[2] += len(gt)
    out = {}
    for t in types + ["micro"]:
        tp, n_pred, n_gold = (counts[t] if t != "micro" else
                              [sum(counts[x][k] for x in types) for k in range(3)])
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = {"p": round(100 * p, 1), "r": round(100 * r, 1), "f1": round(100 * f, 1),
                  "tp": tp, "pred": n_pred, "gold": n_gold}
    return out


def mapped(spans: set, table: dict[str, str]) -> set[Span]:
    return {(s, e, table[k]) for s, e, k in spans if k in table}


def run(limit: int | None, systems: list[str]) -> dict:
    datasets = {
        "cluener2020/dev": (read_cluener(CLUENER_DEV, limit), CLUENER_TYPES,
                            ["name", "government", "company", "organization", "position"], "web"),
        "peoples-daily/test": (read_bio(PD_TEST, limit), PD_TYPES, ["PER", "LOC", "ORG"], "news"),
    }
    warm = "市城管局局长杨树亮到企业调研"      # load lexicons and the model before anything is timed
    rule_spans(warm)
    crf_spans(warm)
    report = {}
    for name, (data, table, types, style) in datasets.items():
        texts, gold = [t for t, _ in data], [g for _, g in data]
        chars = sum(len(t) for t in texts)
        cache: dict = {}
        report[name] = {"sentences": len(texts), "chars": chars, "systems": {}}
        for system in systems:
            pred, seconds = predict(texts, system, cache, style)
            rep = score(gold, [mapped(p, table) for p in pred], types)
            rep["seconds"] = round(seconds, 2)
            rep["chars_per_s"] = round(chars / seconds) if seconds else None
            report[name]["systems"][system] = rep
    return report


def print_report(report: dict) -> None:
    for name, rep in report.items():
        systems = rep["systems"]
        types = [t for t in next(iter(systems.values())) if t not in ("seconds", "chars_per_s")]
        print(f"\n{name}: {rep['sentences']} sentences, {rep['chars']} characters; F1 (P/R) per type, exact spans")
        head = f"{'type':<13}" + "".join(f"{s:>20}" for s in systems)
        if name.startswith("cluener"):
            head += f"{'BiLSTM-CRF':>12}"
        print(head)
        for t in types:
            line = f"{t:<13}" + "".join(
                f"{systems[s][t]['f1']:>8.1f} ({systems[s][t]['p']:>4.1f}/{systems[s][t]['r']:>4.1f})" for s in systems)
            if name.startswith("cluener"):
                line += f"{PUBLISHED[t]:>12.1f}" if t in PUBLISHED else f"{'':>12}"
            print(line)
        print(f"{'seconds':<13}" + "".join(f"{systems[s]['seconds']:>20.1f}" for s in systems))
        print(f"{'chars/s':<13}" + "".join(f"{systems[s]['chars_per_s'] or 0:>20}" for s in systems))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", type=int, metavar="N", help="only the first N sentences of each set")
    ap.add_argument("--systems", nargs="+", choices=SYSTEMS, default=SYSTEMS)
    ap.add_argument("--model", metavar="FILE", help="a CRF model file other than the packaged one")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if args.model:
        from kg.extract import crf
        crf.use_model(args.model)
    if not (CLUENER_DEV.exists() and PD_TEST.exists()):
        print(f"ner_external: {EXTERNAL} is not on this machine; nothing to measure")
        return 0
    report = run(args.quick, args.systems)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
