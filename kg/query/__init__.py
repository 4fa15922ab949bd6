"""SPARQL over built graphs: safety checks, named queries (queries/*.rq), execution and formatting."""
