"""govkg: knowledge graphs of officials, bodies, enterprises, campaigns and events from local news pages.

The Python API mirrors the command line:

    import kg
    result = kg.build(["seeds"], out="exports")   # read, extract, resolve, write
    print(result.summary())                       # counts per class and relation
"""
__version__ = "0.1.0"

_LAZY = {"build": "pipeline", "BuildResult": "pipeline", "process_page": "pipeline", "load_store": "graph.store"}


def __getattr__(name):  # lazy, so that `kg query` does not pay for the extractor's imports
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
