"""The query page at /sparql for people: an editor, example queries, a results table (YASGUI-like).

Everything it needs ships in kg/serve/static/ (sparql.js, sparql.css): offline, no CDN. The page gets
the predeclared prefixes and the bundled queries (those without parameters) as JSON data blocks, so
the script compacts IRIs the way kg query does and offers the same examples. Without JavaScript the
form still posts the query and the server answers in the chosen format.
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

from ..vocab import ID_BASE, PREFIXES

STATIC = Path(__file__).with_name("static")
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
#: scripts and styles from this server only, fetch() to this server only; nothing inline runs
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

DEFAULT_QUERY = """SELECT ?person ?title ?organization WHERE {
  ?post org:member ?p ; org:organization ?o ; govkg:title ?title .
  ?p rdfs:label ?person . ?o rdfs:label ?organization .
} LIMIT 100"""


def _json_block(id_: str, value) -> str:
    # "</" cannot close the block early; the block is data (type application/json), never run
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{id_}">{text}</script>'


@lru_cache(maxsize=8)
def sparql_page(base: str = "") -> str:
    from ..query.named import list_queries

    examples = [{"name": q.name, "title": q.title, "query": q.text} for q in list_queries() if not q.params]
    config = {"base": base, "idBase": ID_BASE, "prefixes": PREFIXES}
    b = html.escape(base, quote=True)
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>govkg SPARQL</title><link rel="icon" href="data:,"><link rel="stylesheet" href="{b}/static/sparql.css"></head>
<body><nav><a href="{b}/">network</a> · <a href="{b}/query">bundled queries (JSON)</a> ·
<a href="{b}/sparql?format=turtle">service description</a></nav>
<h1>govkg SPARQL endpoint</h1>
<p class="note">Read-only SPARQL 1.1 over the graph. Prefixes {html.escape(" ".join(p + ":" for p in PREFIXES))}
are predeclared. SERVICE, LOAD, updates and remote FROM are refused. Ctrl+Enter runs the query.</p>
<form id="query-form" method="post" action="{b}/sparql">
<p><label>example <select id="examples"><option value="">—</option></select></label></p>
<textarea id="query" name="query" spellcheck="false">{html.escape(DEFAULT_QUERY)}</textarea>
<p><label>download as <select name="format" id="format"><option>json</option><option>xml</option>
<option>csv</option><option>tsv</option><option>turtle</option><option>ntriples</option><option>jsonld</option>
<option>rdfxml</option></select></label> <button type="submit" id="download">Download</button>
<button type="button" id="run" hidden>Run</button></p>
</form>
<p id="status" role="status"></p>
<pre id="error" hidden></pre>
<div id="results"></div>
{_json_block("kg-config", config)}
{_json_block("kg-examples", examples)}
<script src="{b}/static/sparql.js"></script>
</body></html>
"""


def static_file(name: str) -> tuple[bytes, str] | None:
    """(body, media type) of a file in kg/serve/static/, or None (no paths outside it)."""
    path = STATIC / name
    if "/" in name or name.startswith(".") or path.suffix not in STATIC_TYPES or not path.is_file():
        return None
    return path.read_bytes(), STATIC_TYPES[path.suffix]
