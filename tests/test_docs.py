"""Every example in the ``--help`` texts and in the README runs, and is true of a build of seeds/.

In the spirit of sqlite-utils' tests/test_docs.py: the examples are read from the docs themselves, so a
new example is tested without anyone writing a test for it. Each runs in a scratch folder holding what
the examples assume (seeds/, the seeds built into exports/ and out/, a folder of pages, a query file, a
gold file); ``kg`` runs in-process, anything piped after it in bash. `kg serve` examples are started as
a test server over the same build and the curl examples sent to it; `kg push` goes to a local stand-in
Graph Store.
"""
from __future__ import annotations

import glob
import http.server
import urllib.error
import json
import re
import shlex
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.cli import COMMANDS, main, make_parser

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEED_PAGES = sorted((ROOT / "seeds").glob("*.txt"))

#: words in an example that stand for something the reader fills in: the line is a synopsis
PLACEHOLDERS = re.compile(r"\[|\]|\\\||…|\b(?:QUERY|FILE|DIR|URL|NAME|PATH|N|S)\b")


def help_examples() -> list[tuple[str, str]]:
    """(command, example line) for every line under "examples:" in each sub-command's --help."""
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    out = []
    for name in COMMANDS:
        if name not in sub.choices:
            continue
        epilog = (sub.choices[name].description or "") + "\n" + (sub.choices[name].epilog or "")
        lines = epilog.split("examples:", 1)[1].splitlines()[1:] if "examples:" in epilog else []
        joined = []
        for line in lines:
            if not line.strip():
                break
            if joined and joined[-1].endswith("\\"):
                joined[-1] = joined[-1][:-1] + " " + line.strip()
            elif line.startswith("  ") and not line.startswith("   " * 2):
                joined.append(line.strip())
        out += [(name, line) for line in joined]
    return out


def readme_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def readme_commands() -> list[str]:
    """`kg ...` in the README's prose that are runnable examples, not synopses."""
    spans = re.findall(r"`(kg [^`]+)`", README.read_text(encoding="utf-8"))
    # a bare `kg serve` in a sentence names the command; an example has arguments
    return sorted({s for s in spans if not PLACEHOLDERS.search(s) and (len(s.split()) > 2 or s.split()[1][0] == "-")})


def readme_iris() -> list[str]:
    return sorted(set(re.findall(r"`(id:[^`<>\s]+)`", README.read_text(encoding="utf-8"))))


# ---------------------------------------------------------------- the scratch folder

INVENTED_GOLD = {
    "doc": SEED_PAGES[1].name,
    "articles": [],
    "entities": [{"id": "P1", "type": "Person", "name": "王家鹏", "aliases": [], "role": "official"}],
    "relations": [],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory, seeds_build):
    """What the examples assume, built once; each example gets a copy."""
    _, built = seeds_build
    root = tmp_path_factory.mktemp("docs-template")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    for out in ("exports", "out"):
        (root / out).mkdir()
        for name in ("graph.ttl", "graph.trig"):
            shutil.copy(built / name, root / out / name)
    (root / "pages" / "2020").mkdir(parents=True)
    shutil.copy(SEED_PAGES[0], root / "pages" / "2020")
    shutil.copy(SEED_PAGES[1], root / "a.txt")
    shutil.copy(SEED_PAGES[2], root / "b.txt")
    (root / "my-query.rq").write_text("SELECT ?o ?l WHERE { ?o a govkg:Official ; rdfs:label ?l } LIMIT 5\n",
                                      encoding="utf-8")
    (root / "gold").mkdir()
    (root / "gold" / "000.json").write_text(json.dumps(INVENTED_GOLD, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture
def scratch(template, tmp_path, monkeypatch):
    work = tmp_path / "work"
    shutil.copytree(template, work)
    monkeypatch.chdir(work)
    return work


def split_example(line: str) -> tuple[list[str], str]:
    """``kg ... | tail`` -> (kg argv, shell tail); globs expanded; comments dropped."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars="|>")
    lexer.whitespace_split = True
    tokens = list(lexer)
    cut = next((i for i, t in enumerate(tokens) if t in ("|", ">", ">>")), len(tokens))
    head = tokens[:cut]
    tail = line[line.index(tokens[cut]):] if cut < len(tokens) else ""
    tail = tail.split(" #", 1)[0].strip()
    assert head[0] == "kg", line
    argv = []
    for token in head[1:]:
        if "*" in token and " " not in token and glob.glob(token):
            argv += sorted(glob.glob(token))
        else:
            argv.append(token)
    return argv, tail


def run_example(line: str, capsysbinary) -> bytes:
    """Run ``line`` in the current folder; its output (after the pipe, if any)."""
    (Path.cwd() / "tmp").mkdir(exist_ok=True)
    argv, tail = split_example(line.replace(" /tmp/", " tmp/"))   # inside the scratch folder
    try:
        status = main(argv)
    except SystemExit as err:   # --help, --version
        status = err.code
    captured = capsysbinary.readouterr()
    assert status == 0, f"{line}: exit status {status}: {captured.err.decode()[-500:]}"
    if not tail:
        return captured.out
    if tail.startswith(">"):
        tail = "cat " + tail
    else:
        tail = tail[1:]
    tail = re.sub(r"\bpython\b", shlex.quote(sys.executable), tail)
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", tail], input=captured.out, capture_output=True,
                          timeout=120)
    assert proc.returncode == 0, f"{line}: {tail}: {proc.stderr.decode()[-500:]}"
    return proc.stdout


def rows_of(output: bytes) -> int:
    """Result rows in a kg query output (table, CSV, JSON)."""
    text = output.decode()
    m = re.search(r"^\((\d+) rows?\)$", text, re.M)
    if m:
        return int(m.group(1))
    if text.lstrip().startswith("{"):
        return len(json.loads(text)["results"]["bindings"])
    return max(len(text.splitlines()) - 1, 0)


# ---------------------------------------------------------------- kg ... --help examples

RUN_HERE = [(c, e) for c, e in help_examples() if c not in ("serve", "push")]


def test_help_texts_have_examples():
    commands = {c for c, _ in help_examples()}
    assert {"build", "query", "export", "stats", "validate", "serve", "eval", "push"} <= commands


@pytest.mark.parametrize("command, example", RUN_HERE, ids=[e for _, e in RUN_HERE])
def test_help_example_runs(scratch, capsysbinary, command, example):
    out = run_example(example, capsysbinary)
    if command == "query" and "--list" not in example:
        if "DESCRIBE" in example:
            assert "王家鹏" in out.decode(), "the DESCRIBE example describes nothing"
        elif ">" in example:
            target = scratch / example.rsplit(">", 1)[1].split()[0]
            assert rows_of(target.read_bytes()) > 0, f"{example}: no rows"
        else:
            assert rows_of(out) > 0, f"{example}: no rows"
    if command == "eval":
        assert b"Person" in out or b"entities_core" in out


# ---------------------------------------------------------------- kg serve and curl examples

@pytest.fixture(scope="module")
def live(seeds_build):
    """A server over the seeds build, as `kg serve` starts it."""
    from conftest import live_server

    _, built = seeds_build
    with live_server([built / "graph.ttl"], timeout=30) as url:
        yield url


def fetch(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def curl(line: str, base: str):
    """The few curl options the examples use: -H, --data-urlencode (a POSTed form), the URL."""
    tokens = shlex.split(line.split(" #", 1)[0])[1:]
    headers, form, url = {}, [], None
    while tokens:
        t = tokens.pop(0)
        if t == "-H":
            key, _, value = tokens.pop(0).partition(":")
            headers[key.strip()] = value.strip()
        elif t == "--data-urlencode":
            key, _, value = tokens.pop(0).partition("=")
            form.append((key, value))
        else:
            url = t
    parts = urllib.parse.urlsplit(url)
    assert (parts.hostname, parts.port) == ("127.0.0.1", 8000), "examples use kg serve's default address"
    target = base + urllib.parse.quote(parts.path) + (f"?{parts.query}" if parts.query else "")
    data = urllib.parse.urlencode(form).encode() if form else None
    return fetch(target, data, headers)


SERVE = [e for c, e in help_examples() if c == "serve"]


@pytest.mark.parametrize("example", SERVE, ids=SERVE)
def test_serve_example(scratch, live, example):
    if example.startswith("kg "):
        args = make_parser().parse_args(shlex.split(example.split(" #", 1)[0])[1:])
        from kg.graph.store import resolve_graph_path
        for graph in args.graph or [None]:
            assert resolve_graph_path(graph).is_file()
        return
    status, body = curl(example, live)
    assert status == 200, f"{example}: HTTP {status}: {body[:200]!r}"
    assert "王家鹏" in body.decode() or len(body.decode().splitlines()) > 1


def test_serve_help_paths_answer(live):
    """The paths the description of kg serve shows (/query/entity?name=..., /id/...) answer."""
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    text = sub.choices["serve"].description
    paths = {p for p in re.findall(r"(?<![\w/])(/(?:query|id)/[^\s;,)]+)", text) if not PLACEHOLDERS.search(p)
             and "..." not in p}
    assert paths
    for path in sorted(paths):
        path, _, query = path.partition("?")
        status, body = fetch(live + urllib.parse.quote(path) + ("?" + urllib.parse.quote(query, safe="=&")
                                                               if query else ""))
        assert status == 200 and "王家鹏" in body.decode(), f"{path}: HTTP {status}"


# ---------------------------------------------------------------- kg push examples

class StandIn(http.server.BaseHTTPRequestHandler):
    """A Graph Store that takes everything."""
    received: list = []

    def _take(self):
        length = int(self.headers.get("Content-Length") or 0)
        StandIn.received.append((self.command, self.path, len(self.rfile.read(length))))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _take

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    StandIn.received = []
    yield srv.server_address[1]
    srv.shutdown()


PUSH = [e for c, e in help_examples() if c == "push"]


@pytest.mark.parametrize("example", PUSH, ids=PUSH)
def test_push_example(scratch, stand_in, capsysbinary, example):
    local = re.sub(r"http://localhost:\d+", f"http://127.0.0.1:{stand_in}", example)
    run_example(local, capsysbinary)
    assert StandIn.received and all(n > 0 for _, _, n in StandIn.received)


# ---------------------------------------------------------------- the README

def test_readme_python_example(scratch, capsys):
    (code,) = readme_blocks("python")
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out
    assert "pages" in out or "articles" in out          # the summary
    assert re.search(r"^\S+ \S+ \S+", out, re.M)         # and at least one post: person, title, body
    assert "王家鹏 主任" in out


def test_readme_sparql_example(scratch, capsysbinary):
    (query,) = readme_blocks("sparql")
    assert main(["query", query]) == 0
    assert rows_of(capsysbinary.readouterr().out) > 0, "the README's provenance query finds nothing"


README_COMMANDS = readme_commands()


@pytest.mark.parametrize("example", README_COMMANDS, ids=README_COMMANDS)
def test_readme_command(scratch, capsysbinary, example):
    out = run_example(example, capsysbinary)
    if example.startswith("kg query") and "--list" not in example:
        assert rows_of(out) > 0, f"{example}: no rows"


def test_readme_iris_exist(seeds_build):
    from kg.graph.store import load_store
    from kg.vocab import ID_BASE

    import pyoxigraph as ox

    _, built = seeds_build
    store = load_store(built / "graph.ttl")
    iris = readme_iris()
    assert iris
    for iri in iris:
        node = ox.NamedNode(ID_BASE + iri[len("id:"):])
        assert next(iter(store.quads_for_pattern(node, None, None, None)), None), f"{iri} is not in the seeds build"


def test_readme_quick_start_targets_exist():
    (block,) = [b for b in readme_blocks("sh") if "make demo" in b]
    for target in re.findall(r"^make (\S+)", block, re.M):
        proc = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, f"make {target}: {proc.stderr[:300]}"


def test_license_is_an_spdx_expression():
    """project.license as a TOML table ({text = ...}) is deprecated by PEP 639 and setuptools."""
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(meta["license"], str) and meta["license"] == "MIT"
