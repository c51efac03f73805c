"""`disclosure-lint serve`: the local review page (the `serve` extra: Starlette, uvicorn)."""
