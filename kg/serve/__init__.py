"""kg serve: a read-only SPARQL 1.1 endpoint, entity pages and the network page over a built graph.

    from kg.serve import QueryPool, create_app
    pool = QueryPool(["exports/graph.ttl"], size=2); pool.start()
    app = create_app(pool, timeout=30, max_results=100_000)     # any ASGI server runs it

Queries run in worker processes (kg.serve.pool) that are killed when they exceed the time limit.
"""
from __future__ import annotations

from .app import accepted_formats, create_app
from .pool import PoolError, QueryPool

__all__ = ["QueryPool", "PoolError", "create_app", "accepted_formats"]
