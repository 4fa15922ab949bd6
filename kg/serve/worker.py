"""A query worker process: holds the graph, answers one job at a time over a multiprocessing pipe.

User queries run here, never in the HTTP process: a runaway pyoxigraph query cannot be interrupted
from Python (evaluation happens in Rust, often before the first row), so the server kills the whole
worker on timeout and starts a fresh one (kg.serve.pool; workers are forked from a "zygote" that
holds the loaded graph, so a fresh one is ready in milliseconds). Every query is checked by
kg.query.safety before it runs, so SERVICE never reaches pyoxigraph's HTTP client.

Jobs (tuples) and replies:
    ("sparql", text, formats, max_rows) -> ("ok", status, media_type, body)   formats: kg.query.formats tokens
    ("named", name, {param: value}, formats, max_rows)   a bundled query, parameters bound as terms
    ("entity", iri, fmt, base)          -> ("ok", 200, media_type, body) | ("error", 404, message)
    ("page",)                           -> ("ok", 200, "text/html", network page)
    ("service", endpoint_iri, fmt)      -> ("ok", 200, media_type, SPARQL service description)
    any failure                         -> ("error", status, one-line message)
"""
from __future__ import annotations

import io
import signal


def die_with_parent() -> None:
    """Linux: get SIGKILL when the parent dies, so a worker busy with a runaway query is not orphaned.

    "The parent" is the *thread* that started us: only ask when that thread lives as long as the pool
    (the pool's caller or the zygote), not for processes started by short-lived respawn threads."""
    import os
    try:
        import ctypes
        parent = os.getppid()
        if ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL) == 0 and os.getppid() != parent:
            os._exit(1)  # PR_SET_PDEATHSIG = 1; the parent went away before we asked
    except (OSError, AttributeError):
        pass  # not Linux: workers still exit when their pipe closes


def load(conn, paths: list[str], memory_mb: int = 0, watch_parent: bool = True):
    """Cap memory, load the graph and parse the bundled queries; tell the pool how it went."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's business; it stops us
    if watch_parent:
        die_with_parent()
    if memory_mb and hasattr(__import__("resource"), "RLIMIT_AS"):
        import resource
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from ..errors import KgError
    from ..graph.store import load_store

    try:
        store = load_store(*paths)
    except KgError as err:
        conn.send(("failed", str(err)))
        return None
    except MemoryError:
        conn.send(("failed", f"not enough memory to load the graph (worker limit {memory_mb} MB; "
                             f"raise --memory-limit)"))
        return None
    _warm_up()
    conn.send(("ready", len(store)))
    return store


def main(conn, paths: list[str], memory_mb: int = 0, watch_parent: bool = True) -> None:
    """Entry point of a standalone worker ("spawn" mode): load the graph, then serve jobs."""
    store = load(conn, paths, memory_mb, watch_parent)
    if store is not None:
        serve(conn, store)


def serve(conn, store) -> None:
    """Answer jobs one at a time until the pipe closes."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(handle(store, job))


def zygote(ctrl, paths: list[str], memory_mb: int = 0, watch_parent: bool = True) -> None:
    """Entry point of the zygote ("fork" mode): load the graph once, then fork ready workers on demand.

    The zygote is single-threaded (pyoxigraph's loader leaves no threads behind), so fork is safe;
    workers share the loaded graph copy-on-write and start in milliseconds, which is what makes
    killing a runaway query cheap. Protocol on ``ctrl``: ("fork",) + a socket passed with
    send_handle -> ("forked", pid).
    """
    import os
    from multiprocessing.connection import Connection
    from multiprocessing.reduction import recv_handle

    store = load(ctrl, paths, memory_mb, watch_parent)
    if store is None:
        return
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed workers
    while True:
        try:
            msg = ctrl.recv()
            fd = recv_handle(ctrl)
        except (EOFError, OSError):
            return
        if msg[0] != "fork":
            os.close(fd)
            continue
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                ctrl.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                die_with_parent()
                serve(Connection(fd), store)
            except BaseException:
                code = 1
            finally:
                os._exit(code)  # never return into the zygote's loop or run its exit handlers
        os.close(fd)
        ctrl.send(("forked", pid))


def _warm_up() -> None:
    """Build rdflib's SPARQL grammar and parse the bundled queries now, not in the first request."""
    from ..query.named import list_queries
    from ..query.safety import check_query

    for q in list_queries():
        check_query(q.text)


def handle(store, job: tuple) -> tuple:
    from ..errors import QueryError
    from ..query.formats import TooManyResults

    try:
        kind = job[0]
        if kind == "sparql":
            return run_sparql(store, *job[1:])
        if kind == "named":
            return run_named(store, *job[1:])
        if kind == "entity":
            from .entity import entity_response
            return entity_response(store, *job[1:])
        if kind == "page":
            return network_page(store)
        if kind == "service":
            from ..query.formats import MEDIA_TYPES
            from .service import describe
            return ("ok", 200, MEDIA_TYPES[job[2]], describe(store, job[1], job[2]))
        if kind == "ping":
            return ("ok", 200, "text/plain", b"pong")
        return ("error", 500, f"unknown job {kind!r}")
    except TooManyResults as err:
        return ("error", 413, str(err))
    except QueryError as err:
        return ("error", 400, str(err))
    except MemoryError:
        return ("error", 503, "the query needs more memory than the server allows")
    except Exception as err:  # a bug, not the user's fault: say what it was, keep serving
        return ("error", 500, f"internal error: {type(err).__name__}: {err}")


def run_named(store, name: str, raw: dict[str, str], formats: list[str], max_rows: int | None) -> tuple:
    """A bundled query (kg/query/queries/NAME.rq) with its parameters bound as RDF terms."""
    from ..query.engine import parse_params
    from ..query.named import check_params, get_query

    query = get_query(name)
    params = parse_params([f"{k}={v}" for k, v in raw.items()], query.languages)
    check_params(query, params)
    return run_sparql(store, query.text, formats, max_rows, params)


def run_sparql(store, text: str, formats: list[str], max_rows: int | None, params: dict | None = None) -> tuple:
    """Check, run and serialise one query; ``formats`` are acceptable result formats, best first."""
    from ..query.engine import execute
    from ..query.formats import GRAPH_FORMATS, MEDIA_TYPES, SELECT_FORMATS, negotiate, write_result
    from ..query.safety import check_query

    checked = check_query(text)
    graph_result = checked.form in ("CONSTRUCT", "DESCRIBE")
    usable = GRAPH_FORMATS if graph_result else SELECT_FORMATS[:4]
    fmt = negotiate(formats, graph_result)
    if fmt is None:
        wanted = ", ".join(MEDIA_TYPES[f].split(";")[0] for f in usable)
        return ("error", 406, f"cannot answer a {checked.form} query in the requested media types; "
                              f"acceptable: {wanted}")
    result = execute(store, checked, params or {})
    out = io.BytesIO()
    write_result(result, fmt, out, max_rows=max_rows)
    return ("ok", 200, MEDIA_TYPES[fmt], out.getvalue())


def network_page(store) -> tuple:
    try:
        from ..viz import render_html
    except ImportError:
        from .entity import placeholder_page
        return ("ok", 200, "text/html; charset=utf-8", placeholder_page(store).encode())
    return ("ok", 200, "text/html; charset=utf-8", render_html(store).encode())

