"""The HTTP side of kg serve (Starlette): SPARQL 1.1 Protocol at /sparql, bundled queries at /query/NAME,
entity pages at /id/..., the network page at /. No graph and no query run in this process: jobs go to
kg.serve.pool's workers.
"""
from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..vocab import ID_BASE
from .entity import CSP
from .page import PAGE_CSP
from .pool import PoolError, QueryPool

MAX_BODY = 1 << 20   # bytes of a POSTed query
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

#: the formats a query can never be answered in, for 406 messages
ACCEPTABLE = ("application/sparql-results+json, application/sparql-results+xml, text/csv, "
              "text/tab-separated-values (SELECT, ASK); text/turtle, application/ld+json, application/n-triples, "
              "application/rdf+xml (CONSTRUCT, DESCRIBE)")
#: parameters SPARQL clients use to name the result format (SPARQLWrapper sends all three)
FORMAT_PARAMS = ("format", "output", "results")


def accepted_formats(accept: str | None, override=None) -> list[str]:
    """What the client takes, best first, as kg.query.formats tokens (q-values honoured; format=
    values, a name or a list of media types, come first); [] means "anything"."""
    from ..query.formats import accepted

    values = [override] if isinstance(override, str) else list(override or ())
    return accepted(accept, values)


def _graph_format(formats: list[str], default: str | None = "html") -> str | None:
    """The first of html / an RDF format the client takes (entity pages, the service description)."""
    from ..query.formats import GRAPH_FORMATS, negotiate

    for token in formats:
        if token == "html":
            return "html"
        if token == "*":
            return default
        fmt = negotiate([token], graph=True)
        if fmt in GRAPH_FORMATS[:4]:
            return fmt
    return default if not formats else None


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

    service_descriptions: dict[tuple[str, str], Response] = {}

    async def service_description(request: Request, fmt: str) -> Response:
        """The SPARQL Service Description (RDF), computed once per endpoint IRI and format."""
        endpoint = str(request.url.replace(query="", fragment=""))
        key = (endpoint, fmt)
        if key not in service_descriptions:
            response = await run(("service", endpoint, fmt), max(timeout, 120.0))
            if response.status_code != 200:
                return response
            service_descriptions[key] = response
        cached = service_descriptions[key]
        return Response(cached.body, media_type=cached.media_type, headers={**SECURITY_HEADERS, "Vary": "Accept"})

    def form_page(request: Request) -> Response:
        from .page import sparql_page

        return HTMLResponse(sparql_page(request.scope.get("root_path", "")),
                            headers={**SECURITY_HEADERS, "Content-Security-Policy": PAGE_CSP, "Vary": "Accept"})

    async def sparql(request: Request) -> Response:
        pairs = list(request.query_params.multi_items())
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await _read_body(request)
            if body is None:
                return error(413, f"request body larger than {MAX_BODY} bytes")
            if ctype == "application/sparql-update":
                return error(400, "updates are not allowed: this endpoint is read-only")
            if ctype == "application/sparql-query":
                text = _decode(body)
                pairs = [(k, v) for k, v in pairs if k != "query"] + [("query", text)]
            elif ctype in ("application/x-www-form-urlencoded", ""):
                text = _decode(body)
                if text is False:
                    return error(400, "the request body is not valid UTF-8")
                form = parse_qsl(text or "", keep_blank_values=True)
                if any(k == "update" for k, _ in form):
                    return error(400, "updates are not allowed: this endpoint is read-only")
                if body and not any(k == "query" for k, _ in form) and not any(k == "query" for k, _ in pairs):
                    return error(400, "missing query parameter")
                pairs += form
            else:
                return error(415, f"unsupported content type {ctype!r}: send application/sparql-query or "
                                  f"a form (application/x-www-form-urlencoded) with query=...")
        params: dict[str, list] = {}
        for key, value in pairs:
            params.setdefault(key, []).append(value)
        if "update" in params:
            return error(400, "updates are not allowed: this endpoint is read-only")
        if any(params.get("default-graph-uri", [])) or any(params.get("named-graph-uri", [])):
            return error(400, "default-graph-uri / named-graph-uri are not supported: the dataset is this "
                              "graph; use FROM / FROM NAMED with the graph's own (id:) graph names")
        format_values = [v for k in FORMAT_PARAMS for v in params.get(k, [])]
        formats = accepted_formats(request.headers.get("accept"), format_values)
        queries = params.get("query")
        if not queries:
            if request.method == "POST":
                return error(400, "missing query: send ?query=... (GET), a form with query=... or an "
                                  "application/sparql-query body (POST)")
            # no query: the page for people, the service description (Turtle by default) for programs
            fmt = _graph_format(formats, default="turtle")
            if fmt == "html":
                return form_page(request)
            if fmt is None:
                return error(406, f"cannot describe the service in media type {formats[0].lstrip('?-')!r}; "
                                  f"acceptable: text/html, text/turtle, application/ld+json, "
                                  f"application/n-triples, application/rdf+xml")
            return await service_description(request, fmt)
        if len(queries) > 1:
            return error(400, "more than one query parameter")
        query = queries[0]
        if query is False:
            return error(400, "the query is not valid UTF-8")
        usable = [f for f in formats if f != "html"]
        if request.method in ("GET", "HEAD") and formats[:1] == ["html"] and not format_values:
            return form_page(request)   # a browser following a link: the page runs the query and shows a table
        if formats and not [f for f in usable if not f.startswith(("?", "-"))]:
            return error(406, f"cannot answer with media type {formats[0].lstrip('?-')!r}; acceptable: {ACCEPTABLE}")
        return await run(("sparql", query, usable, max_results))

    async def named(request: Request) -> Response:
        """/query/NAME?param=value: a bundled query with parameters bound as RDF terms (not pasted)."""
        from ..query.named import list_queries

        name = request.path_params.get("name")
        if not name:
            listing = [{"name": q.name, "title": q.title, "params": list(q.params),
                        "url": f"{request.scope.get('root_path', '')}/query/{q.name}"} for q in list_queries()]
            return JSONResponse(listing, headers=SECURITY_HEADERS)
        params = {k: v for k, v in request.query_params.items() if k not in FORMAT_PARAMS}
        formats = accepted_formats(request.headers.get("accept"),
                                   [v for k in FORMAT_PARAMS for v in request.query_params.getlist(k)])
        usable = [f for f in formats if f != "html"]
        if formats and not [f for f in usable if not f.startswith(("?", "-"))]:
            return error(406, f"cannot answer with media type {formats[0].lstrip('?-')!r}; acceptable: {ACCEPTABLE}")
        return await run(("named", name, params, usable, max_results))

    async def entity(request: Request) -> Response:
        path = request.path_params["path"]
        iri = ID_BASE + path
        formats = accepted_formats(request.headers.get("accept"), request.query_params.getlist("format"))
        fmt = _graph_format(formats) or "html"
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

    async def static(request: Request) -> Response:
        """The query page's script and style (kg/serve/static/), shipped with the package: no CDN."""
        from .page import static_file

        found = static_file(request.path_params["name"])
        if found is None:
            return error(404, "no such file")
        body, media = found
        return Response(body, media_type=media, headers={**SECURITY_HEADERS, "Cache-Control": "max-age=3600"})

    routes = [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/sparql", sparql, methods=["GET", "POST", "HEAD"]),
        Route("/static/{name}", static, methods=["GET", "HEAD"]),
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
