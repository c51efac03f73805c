"""The Starlette application: the form page, the review page, and the headers every page gets."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from linter import __version__
from linter.serve.uploads import Limits, UploadError

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from linter.serve.pool import Pool

# No script, no frame, nothing from another origin: the pages are HTML and inline CSS only,
# and a form posts back here alone.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",  # drafts under review are confidential: no copy in a cache
    "cross-origin-opener-policy": "same-origin",
}


@dataclass
class State:
    """What the server holds for its lifetime: the pool, the caps, the private upload folder."""

    pool: Pool
    limits: Limits = field(default_factory=Limits)
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="disclosure-lint-")))
    packs: tuple[str, ...] = field(default_factory=lambda: _builtin_packs())


def _builtin_packs() -> tuple[str, ...]:
    from linter.packs.loader import builtin_packs

    return tuple(builtin_packs())


def form_page(state: State, message: str = "", status: int = 200) -> HTMLResponse:
    from linter.reporters import templating
    from linter.scope import FORMS

    html = templating.render("serve/form.html.j2", message=message, forms=FORMS,
                             packs=state.packs, limits=state.limits,
                             tool={"version": __version__})
    return HTMLResponse(html, status_code=status)


def create_app(state: State, hosts: tuple[str, ...] = ("*",)) -> Starlette:
    """The app over ``state``; its folder is emptied after every response, removed at exit.
    ``hosts``: the Host headers answered (a loopback server answers its own names only, so a
    web page cannot reach it through a rebound DNS name)."""

    async def home(request: Request) -> Response:
        return form_page(state)

    async def review(request: Request) -> Response:
        folder = Path(tempfile.mkdtemp(dir=state.root))
        try:
            return await _review(request, folder)
        except UploadError as exc:
            return form_page(state, exc.message, exc.status)
        except Exception as exc:  # one line on the page, as the CLI would say it; no traceback
            return form_page(state, f"internal error: {type(exc).__name__}: {exc}", 500)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    async def _review(request: Request, folder: Path) -> Response:
        from linter.serve import review as reviews
        from linter.serve.uploads import receive

        received = await receive(request.headers.get("content-type", ""),
                                 request.headers.get("content-length"), request.stream(),
                                 folder, state.limits)
        if not received.drafts:
            return form_page(state, "Choose a file or paste the text to review.", 400)
        blank = folder / "blank-config.yaml"
        blank.write_text("{}\n", encoding="utf-8")
        try:
            opts = reviews.options(received, state.packs, str(blank))
        except reviews.ChoiceError as exc:
            return form_page(state, str(exc), 400)
        from starlette.concurrency import run_in_threadpool

        result = await reviews.run(received, opts, state.pool)
        plain = await run_in_threadpool(result.to_plain)
        shown = reviews.names(received)
        downloads = await reviews.docx_downloads(plain, shown, state.pool)
        report = reviews.rename(plain, shown, folder)
        # rendering a batch of filings takes a while: off the event loop, so that the form
        # and other reviews are answered meanwhile
        return HTMLResponse(await run_in_threadpool(reviews.page, report, downloads))

    async def not_found(request: Request, exc: Exception) -> Response:
        return form_page(state, f"{request.url.path}: no such page", 404)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.pool.close()
            shutil.rmtree(state.root, ignore_errors=True)

    routes = [Route("/", home, methods=["GET"]), Route("/review", review, methods=["POST"]),
              Route("/review", lambda r: RedirectResponse("/", 303), methods=["GET"])]
    middleware = [Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware,
                     exception_handlers={404: not_found, 405: not_found})


class SecurityHeaders:
    """ASGI middleware: the same security headers on every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
