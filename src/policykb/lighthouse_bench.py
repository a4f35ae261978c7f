"""Lighthouse on a phone: performance, LCP and CLS of the builder, the home page and a block
page of every language, in Debian's Chromium.

Part of ``make bench`` (a benchmark that prints figures, not a test). Lighthouse comes
from npm (``bench/package.json``, installed by ``make bench``); its mobile defaults apply
(a mid-range phone, simulated slow 4G).
The targets of issue 20: performance at least 90 and CLS below 0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .browser import chromium_path, serve
from .languages import LANGUAGE_CODES

LIGHTHOUSE = Path("bench") / "node_modules" / ".bin" / "lighthouse"
PAGES = {"builder": "pages/builder.html", "home": "index.html",
         "block": "kb/returns/return-window.html"}
"""The pages measured, by the name the report gives them."""
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
TARGET_PERFORMANCE = 90
TARGET_CLS = 0.1


@dataclass(frozen=True)
class Figures:
    """What Lighthouse measured on one page."""

    performance: int
    lcp_seconds: float
    cls: float

    @property
    def on_target(self) -> bool:
        return self.performance >= TARGET_PERFORMANCE and self.cls < TARGET_CLS


def measure(url: str, lighthouse: Path) -> Figures:
    """Run Lighthouse (mobile, performance only) on ``url``."""
    with tempfile.TemporaryDirectory(prefix="pkb-lighthouse-") as folder:
        report = Path(folder) / "report.json"
        run = subprocess.run(
            [str(lighthouse), url, "--quiet", "--only-categories=performance",
             "--output=json", f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"],
            capture_output=True, text=True, check=False, timeout=600,
            env={**os.environ, "CHROME_PATH": chromium_path() or "/usr/bin/chromium"})
        if run.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {run.stderr.strip()[-500:]}")
        data = json.loads(report.read_text("utf-8"))
    audits = data["audits"]
    return Figures(round(100 * (data["categories"]["performance"]["score"] or 0)),
                   audits["largest-contentful-paint"]["numericValue"] / 1000,
                   audits["cumulative-layout-shift"]["numericValue"])


def main() -> None:
    """Entry point of ``python -m policykb.lighthouse_bench [HTML_ROOT]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_root", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--langs", default=" ".join(LANGUAGE_CODES))
    parser.add_argument("--pages", default=" ".join(PAGES), help="of: " + " ".join(PAGES))
    arguments = parser.parse_args()
    lighthouse = LIGHTHOUSE.resolve()
    if not lighthouse.is_file() or chromium_path() is None:
        sys.exit("Lighthouse benchmark skipped: it needs npm's lighthouse "
                 "(npm ci --prefix bench) and Chromium (apt-get install chromium)")
    print(f"Lighthouse, mobile (targets: performance >= {TARGET_PERFORMANCE}, "
          f"CLS < {TARGET_CLS})")
    print(f"{'page':<8} {'lang':<4} {'perf':>4} {'LCP s':>6} {'CLS':>6}")
    on_target = True
    with serve(arguments.html_root) as base:
        for name in arguments.pages.split():
            for lang in arguments.langs.split():
                figures = measure(f"{base}/{lang}/{PAGES[name]}", lighthouse)
                on_target = on_target and figures.on_target
                print(f"{name:<8} {lang:<4} {figures.performance:>4} {figures.lcp_seconds:>6.1f} "
                      f"{figures.cls:>6.3f}{'' if figures.on_target else '  below target'}",
                      flush=True)
    print("all on target" if on_target else "some pages are below target")


if __name__ == "__main__":
    main()
