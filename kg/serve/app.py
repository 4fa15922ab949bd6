"""The HTTP side of kg serve (Starlette): SPARQL 1.1 Protocol at /sparql, bundled queries at /query/NAME,
entity pages at /id/..., the network page at /. No graph and no query run in this process: jobs go to
kg.serve.pool's workers.
"""
from __future__ import annotations

import asyncio
import contextlib
import html
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..vocab import ID_BASE
from .entity import CSP
from .pool import PoolError, QueryPool

MAX_BODY = 1 << 20   # bytes of a POSTed query
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

#: media type -> result format (kg.query.formats names); "*" = the default for the query form
ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/ld+json": "jsonld",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "*/*": "*", "application/*": "*", "text/*": "*",
}
FORMAT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                  "jsonld": "jsonld", "json-ld": "jsonld", "nt": "ntriples", "ntriples": "ntriples",
                  "html": "html"}


def accepted_formats(accept: str | None, override: str | None = None) -> list[str]:
    """Result formats the client takes, best first (q-values honoured); [] means "anything"."""
    if override:
        fmt = FORMAT_ALIASES.get(override.lower()) or ACCEPT.get(override.lower())
        return [fmt] if fmt and fmt != "*" else ["?" + override]
    if not accept:
        return []
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media.lower()))
    formats: list[str] = []
    for _, _, media in sorted(ranked):
        fmt = ACCEPT.get(media)
        if fmt == "*":
            return formats + ["json", "turtle"] if formats else []
        if fmt and fmt not in formats:
            formats.append(fmt)
        if media == "text/html" and "html" not in formats:
            formats.append("html")
    return formats or ["?" + accept[:100]]


def error(status: int, message: str, **headers) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers={**SECURITY_HEADERS, **headers})


def create_app(pool: QueryPool, *, timeout: float = 30.0, max_results: int | None = 100_000,
               page_timeout: float | None = None) -> Starlette:
    """The ASGI app over a started QueryPool (the app attaches it to its event loop at startup)."""
    pages: dict[str, asyncio.Task] = {}

    async def render_page() -> tuple:
        return await pool.run(("page",), page_timeout or max(timeout, 120.0))

    def page_task() -> asyncio.Task:
        """The network page is rendered once (it can take seconds on big graphs), started at startup."""
        task = pages.get("page")
        if task is None or (task.done() and (task.cancelled() or task.exception() is not None
                                             or task.result()[0] != "ok")):
            task = pages["page"] = asyncio.ensure_future(render_page())
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved: no log noise
        return task

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.attach()
        page_task()
        yield
        for task in pages.values():
            task.cancel()

    async def run(job: tuple, limit: float | None = None) -> Response:
        try:
            reply = await pool.run(job, limit or timeout)
        except PoolError as err:
            return error(err.status, str(err), **({"Retry-After": "5"} if err.status == 503 else {}))
        if reply[0] != "ok":
            return error(reply[1], reply[2])
        _, status, media, body = reply
        return Response(body, status_code=status, media_type=media, headers=SECURITY_HEADERS)

    async def sparql(request: Request) -> Response:
        params = dict(request.query_params)
        query = params.get("query")
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await _read_body(request)
            if body is None:
                return error(413, f"request body larger than {MAX_BODY} bytes")
            if ctype == "application/sparql-update":
                return error(400, "updates are not allowed: this endpoint is read-only")
            if ctype == "application/sparql-query":
                query = _decode(body)
            elif ctype in ("application/x-www-form-urlencoded", ""):
                form = {k: v[0] for k, v in parse_qs(_decode(body) or "", keep_blank_values=True).items()}
                if "update" in form:
                    return error(400, "updates are not allowed: this endpoint is read-only")
                params.update(form)
                query = form.get("query", query)
            else:
                return error(415, f"unsupported content type {ctype!r}: send application/sparql-query or "
                                  f"a form (application/x-www-form-urlencoded) with query=...")
            if query is None and body and ctype != "application/sparql-query":
                return error(400, "missing query parameter")
        if "update" in params:
            return error(400, "updates are not allowed: this endpoint is read-only")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return error(400, "default-graph-uri / named-graph-uri are not supported: the dataset is this "
                              "graph; use FROM / FROM NAMED with the graph's own (id:) graph names")
        formats = accepted_formats(request.headers.get("accept"), params.get("format"))
        if query is None:
            if "html" in formats or not formats:
                return HTMLResponse(FORM_PAGE.replace("{base}", html.escape(request.scope.get("root_path", ""))),
                                    headers={**SECURITY_HEADERS, "Content-Security-Policy": CSP})
            return error(400, "missing query: send ?query=... (GET), a form with query=... or an "
                              "application/sparql-query body (POST)")
        if query is False:
            return error(400, "the query is not valid UTF-8")
        usable = [f for f in formats if not f.startswith("?") and f != "html"]
        if formats and not usable:
            return error(406, f"cannot answer with media type {formats[0][1:]!r}; acceptable: "
                              f"application/sparql-results+json, +xml, text/csv, text/tab-separated-values, "
                              f"text/turtle, application/ld+json")
        return await run(("sparql", query, usable, max_results))

    async def named(request: Request) -> Response:
        """/query/NAME?param=value: a bundled query with parameters bound as RDF terms (not pasted)."""
        from ..query.named import list_queries

        name = request.path_params.get("name")
        if not name:
            listing = [{"name": q.name, "title": q.title, "params": list(q.params),
                        "url": f"{request.scope.get('root_path', '')}/query/{q.name}"} for q in list_queries()]
            return JSONResponse(listing, headers=SECURITY_HEADERS)
        params = {k: v for k, v in request.query_params.items() if k != "format"}
        formats = accepted_formats(request.headers.get("accept"), request.query_params.get("format"))
        usable = [f for f in formats if not f.startswith("?") and f != "html"]
        if formats and not usable:
            return error(406, f"cannot answer with media type {formats[0][1:]!r}")
        return await run(("named", name, params, usable, max_results))

    async def entity(request: Request) -> Response:
        path = request.path_params["path"]
        iri = ID_BASE + path
        formats = accepted_formats(request.headers.get("accept"), request.query_params.get("format"))
        fmt = next((f for f in formats if f in ("html", "turtle", "jsonld", "ntriples")), "html")
        if formats and formats[0] == "json":  # plain application/json: JSON-LD is the JSON we have
            fmt = "jsonld"
        response = await run(("entity", iri, fmt, request.scope.get("root_path", "")))
        response.headers["Vary"] = "Accept"
        if fmt == "html":
            response.headers["Content-Security-Policy"] = CSP
        return response

    async def home(request: Request) -> Response:
        try:
            reply = await asyncio.shield(page_task())
        except PoolError as err:
            return error(err.status, str(err))
        if reply[0] != "ok":
            return error(reply[1], reply[2])
        return Response(reply[3], media_type=reply[2], headers=SECURITY_HEADERS)

    routes = [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=["GET", "POST", "HEAD"]),
        Route("/id/{path:path}", entity, methods=["GET", "HEAD"]),
        Route("/query", named, methods=["GET", "HEAD"]),
        Route("/query/{name}", named, methods=["GET", "HEAD"]),
    ]
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                             allow_headers=["Accept", "Content-Type"], max_age=3600)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


async def _read_body(request: Request) -> bytes | None:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes):
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return False


FORM_PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>govkg SPARQL</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
textarea{width:100%;height:14rem;font-family:monospace}</style></head>
<body><nav><a href="{base}/">network</a></nav><h1>govkg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the graph. Prefixes govkg: id: org: prov: schema: skos: rdf: rdfs: xsd: are predeclared.
SERVICE, LOAD, updates and remote FROM are refused.</p>
<form method="post" action="{base}/sparql">
<textarea name="query">SELECT ?person ?title ?organization WHERE {
  ?post org:member ?p ; org:organization ?o ; govkg:title ?title .
  ?p rdfs:label ?person . ?o rdfs:label ?organization .
} LIMIT 100</textarea>
<p><label>format <select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option><option>turtle</option></select></label> <button type="submit">Run</button></p>
</form></body></html>
"""
