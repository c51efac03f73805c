"""Start the review page: check the extra is installed, bind, say where, open a browser."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
import socket
import sys
import threading
import webbrowser
from dataclasses import dataclass

from linter.errors import LintError

# The web stack of the `serve` extra, by module name.
WEB_STACK = ("starlette", "uvicorn", "python_multipart")
LOOPBACK_NAMES = ("localhost", "127.0.0.1")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
    jobs: int = 0  # worker processes; 0: one per core, at most 4
    max_files: int = 20
    timeout: float = 120.0  # seconds one file may take before the page reports it


def require_web_stack() -> None:
    """One line, not an ImportError, when the extra is missing."""
    missing = [name for name in WEB_STACK if importlib.util.find_spec(name) is None]
    if missing:
        raise LintError("serve", f"needs {', '.join(missing)}: "
                                 "pip install 'disclosure-lint[serve]'")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free port); a one-line error when it cannot be had."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(info[4])
        sock.listen(128)
    except OSError as exc:
        raise LintError(f"{host}:{port}", f"cannot listen: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve(options: ServeOptions) -> int:
    """Run until interrupted; return the exit code."""
    require_web_stack()
    import uvicorn

    from linter.packs.loader import builtin_packs
    from linter.serve.app import State, create_app
    from linter.serve.pool import Pool
    from linter.serve.uploads import Limits

    sock = bind(options.host, options.port)
    local = is_loopback(options.host)
    if not local:
        print(f"disclosure-lint: warning: serving on {options.host}, not only this computer: "
              "anyone who can reach it can upload drafts and read the reports", file=sys.stderr)
    jobs = options.jobs or min(os.cpu_count() or 1, 4)
    packs = tuple(builtin_packs())
    pool = Pool(jobs, packs, options.timeout)
    state = State(pool, Limits(max_files=options.max_files), packs=packs)
    # A loopback server answers to its own names only (a DNS-rebinding page cannot use it).
    hosts = LOOPBACK_NAMES if local and ":" not in options.host else ("*",)
    config = uvicorn.Config(create_app(state, hosts),
                            log_level="warning", access_log=False, server_header=False,
                            lifespan="on")
    pool.warm()
    url = url_of(sock)
    print(f"disclosure-lint: the review page is at {url} (Ctrl+C to stop)", file=sys.stderr,
          flush=True)
    if options.open_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    uvicorn.Server(config).run(sockets=[sock])
    return 0
