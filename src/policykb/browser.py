"""Serve a built site on loopback and drive Debian's Chromium with Playwright.

Used by the search evaluation and the browser tests. Chromium is the system's
(``/usr/bin/chromium``, Debian package ``chromium``); Playwright never downloads one.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test and evaluation output clean."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str | None:
    """The system Chromium, if it is installed."""
    return CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (a Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium is not installed: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_bench_arguments(description: str) -> argparse.Namespace:
    """The command line of a browser benchmark: the built site's root and the languages."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("html_root", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--langs", default="en uk")
    return parser.parse_args()
