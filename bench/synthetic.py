"""A synthetic graph in the shape `kg build` writes, of any size: for timing validate, export, stats, query.

    .venv/bin/python bench/synthetic.py 2000 /tmp/synth.ttl      # 2000 articles, ~50k triples
    .venv/bin/python bench/synthetic.py --triples 1000000 /tmp/synth/graph.ttl

Deterministic (seeded); names are made of random CJK characters, never real ones. Triples are
generated and serialised as a stream, so 10M triples need no more memory than 10k.
"""
from __future__ import annotations

import random
import sys
from typing import Iterator

import pyoxigraph as ox

from kg.vocab import GOVKG, ID, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

N = ox.NamedNode
A = N(str(RDF.type))
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
#: triples per article, about (for --triples)
PER_ARTICLE = 60


def _iri(term) -> ox.NamedNode:
    return N(str(term))


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=N(str(XSD.integer)))


def generate(articles: int, seed: int = 1) -> Iterator[ox.Triple]:
    rnd = random.Random(seed)
    name = lambda k: "".join(rnd.choice(HAN) for _ in range(k))  # noqa: E731

    def t(s, p, o):
        return ox.Triple(s, _iri(p) if not isinstance(p, ox.NamedNode) else p, o)

    pool: dict[str, list[ox.NamedNode]] = {k: [] for k in ("person", "body", "area", "enterprise", "campaign")}
    classes = {"person": GOVKG.Official, "body": GOVKG.GovernmentBody, "area": GOVKG.Area,
               "enterprise": GOVKG.Enterprise, "campaign": GOVKG.Campaign}
    for k, cls in classes.items():
        for _ in range(max(5, articles // 2)):
            node = _iri(ID[f"{k}/{name(4)}"])
            pool[k].append(node)
            yield t(node, RDF.type, _iri(cls))
            yield t(node, RDFS.label, _zh(name(4)))
            if rnd.random() < 0.3:
                yield t(node, SKOS.altLabel, _zh(name(3)))
    for a in range(articles):
        page = f"{a // 4:04d}_synth"
        art = _iri(ID[f"article/{page}/{a % 4 + 1}"])
        yield t(art, RDF.type, _iri(GOVKG.Article))
        yield t(art, SCHEMA.headline, _zh(name(12)))
        yield t(art, GOVKG.sourceFile, ox.Literal(page + ".txt"))
        yield t(art, GOVKG.charStart, _int(a % 4 * 1000))
        yield t(art, GOVKG.charEnd, _int(a % 4 * 1000 + 900))
        yield t(art, GOVKG.articleIndex, _int(a % 4 + 1))
        sents = []
        for k in range(3):
            s = _iri(ID[f"sentence/{page}/{a % 4 * 1000 + k * 100}-{a % 4 * 1000 + k * 100 + 90}"])
            sents.append(s)
            yield t(s, RDF.type, _iri(GOVKG.Sentence))
            yield t(s, GOVKG.text, _zh(name(40)))
            yield t(s, GOVKG.charStart, _int(a % 4 * 1000 + k * 100))
            yield t(s, GOVKG.charEnd, _int(a % 4 * 1000 + k * 100 + 90))
            yield t(s, GOVKG.inArticle, art)
        people = rnd.sample(pool["person"], 2)
        body, area, ent, camp = (rnd.choice(pool[k]) for k in ("body", "area", "enterprise", "campaign"))
        for node in (*people, body, area, ent, camp):
            yield t(node, GOVKG.mentionedIn, art)
        post = _iri(ID[f"post/{a}"])
        for p, o in ((RDF.type, _iri(ORG.Membership)), (ORG.member, people[0]), (ORG.organization, body),
                     (GOVKG.title, _zh("局长")), (PROV.wasDerivedFrom, art), (GOVKG.evidence, sents[0])):
            yield t(post, p, o)
        ev = _iri(ID[f"event/{page}/{a % 4 + 1}/1"])
        for p, o in ((RDF.type, _iri(GOVKG.Meeting)), (RDFS.label, _zh(name(8))), (GOVKG.dateText, ox.Literal("4月29日")),
                     (GOVKG.chair, people[0]), (GOVKG.attendee, people[1]), (GOVKG.organizer, area),
                     (GOVKG.partOf, camp), (PROV.wasDerivedFrom, art), (GOVKG.evidence, sents[1])):
            yield t(ev, p, o)
        for k, (s, p, o) in enumerate(((body, GOVKG.serves, ent), (body, GOVKG.conducts, camp))):
            yield t(s, p, o)
            st = _iri(ID[f"statement/{a}-{k}"])
            for pp, oo in ((RDF.type, _iri(RDF.Statement)), (RDF.subject, s), (RDF.predicate, _iri(p)), (RDF.object, o),
                           (PROV.wasDerivedFrom, art), (GOVKG.evidence, sents[2])):
                yield t(st, pp, oo)


def write(articles: int, path: str) -> None:
    ox.serialize(generate(articles), path, ox.RdfFormat.TURTLE, prefixes=PREFIXES)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--triples":
        n, path = int(args[1]) // PER_ARTICLE, args[2]
    else:
        n, path = int(args[0]), args[1]
    write(n, path)
    print(f"{path}: {n} articles")
