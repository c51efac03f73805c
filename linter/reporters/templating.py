"""The Jinja environment for the HTML and Markdown reports: autoescape on, strict undefined."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment


@lru_cache(maxsize=1)
def environment() -> Environment:
    import jinja2

    from linter.reporters import markdown_escape, view
    from linter.resources import data_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,  # everything from the draft is escaped unless a filter says otherwise
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape.inline
    env.filters["mdcell"] = markdown_escape.cell
    env.globals["count"] = view.count
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
