"""Time to re-render the largest kit page after one value changes, in headless Chromium.

Part of ``make bench``; the target is 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from .browser import chromium, page_bench_arguments, serve

TARGET_MS = 16.0
RUNS = 30
_MEASURE_JS = """(runs) => {
  const field = document.querySelector('#pkb-details input[type=number]');
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    field.value = String(run % 7 + 1);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    times.push(performance.now() - started);
  }
  return times;
}"""


def largest_kit_page(site: Path) -> Path:
    """The biggest kit page of one language site."""
    return max(site.glob("kb/kits/*.html"), key=lambda path: path.stat().st_size)


def measure(html_root: Path, lang: str) -> tuple[str, float, int]:
    """The page, the median milliseconds per re-render and the number of clauses on it."""
    page_path = largest_kit_page(html_root / lang)
    with serve(html_root) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/{page_path.relative_to(html_root).as_posix()}")
        page.wait_for_selector("#pkb-details:not([hidden])")
        times = page.evaluate(_MEASURE_JS, RUNS)
        clauses = page.locator(".pkb-clause").count()
        page.evaluate("() => localStorage.clear()")
    return page_path.relative_to(html_root).as_posix(), statistics.median(times), clauses


def main() -> None:
    """Entry point of ``python -m policykb.render_bench [HTML_ROOT]``."""
    arguments = page_bench_arguments(__doc__.splitlines()[0])
    ok = True
    for lang in arguments.langs.split():
        page, milliseconds, clauses = measure(arguments.html_root, lang)
        ok = ok and milliseconds <= TARGET_MS
        print(f"re-render after one change: {page} ({clauses} clauses): {milliseconds:.1f} ms "
              f"median of {RUNS} (target <= {TARGET_MS:.0f} ms)")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
