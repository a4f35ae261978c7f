"""``make bench``: build synthetic libraries of several sizes and print speed and size.

For each size: the seconds to build all five languages from scratch, seconds per
page, HTML bytes per block page, and the seconds to rebuild after one block file
changes. Targets: seconds per page at the largest size at most 1.2 x the smallest;
at most 40 KB of HTML per block page.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .build import build_sites
from .languages import LANGUAGE_CODES
from .loader import VARIABLES_FILE
from .problems import Problem
from .yamlfile import read_yaml

CATEGORIES = ("returns", "complaints", "branches", "sop", "training", "contact", "privacy",
              "feedback", "governance")
SITE_FILES = ("conf.py", "docutils.conf", "index.rst", "pages", "templates")
WORDS = ("customer", "staff", "refund", "receipt", "branch", "manager", "complaint",
         "exchange", "policy", "service", "answer", "return", "item", "store", "credit",
         "delivery", "record", "shift", "counter", "team", "review", "week", "clear", "short",
         "promise", "check", "written", "training", "channel", "phone", "e-mail", "fair",
         "quickly")
MAX_BLOCK_PAGE_BYTES = 40_000
MAX_PER_PAGE_GROWTH = 1.2


@dataclass(frozen=True)
class Figures:
    """What one size measured."""

    blocks: int
    pages: int
    seconds: float
    block_page_bytes: list[int]
    rebuild_seconds: float

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _block_yaml(rng: random.Random, index: int, category: str, ids: list[str],
                shared: str) -> str:
    """A block shaped like a real one: variables of several types, plural and switched clauses."""
    related = "\n".join(f"  - {other}" for other in rng.sample(ids, 3) if other != ids[index])
    guidance = "\n".join(f"  - {_sentence(rng, 14)} {_sentence(rng, 12)} {_sentence(rng, 16)}"
                         for _ in range(3))
    return f"""id: {ids[index]}
category: {category}
title: {_sentence(rng, 3)[:-1]} {index}
summary: {_sentence(rng, 14)}
questions:
{chr(10).join(f"  - {_sentence(rng, 10)[:-1]}?" for _ in range(4))}
guidance:
{guidance}
variables:
  period_{index}:
    type: count
    unit: days
    label: {_sentence(rng, 2)[:-1]}
    help: {_sentence(rng, 9)}
    default: {rng.randint(2, 60)}
  fee_{index}:
    type: money
    currency: EUR
    label: {_sentence(rng, 2)[:-1]}
    default: {rng.randint(1, 90)}
  method_{index}:
    type: choice
    label: {_sentence(rng, 2)[:-1]}
    options:
      first: {_sentence(rng, 3)[:-1]}
      second: {_sentence(rng, 3)[:-1]}
    default: first
  extra_{index}:
    type: yesno
    label: {_sentence(rng, 3)[:-1]}
    default: false
clauses:
  - id: period
    count: period_{index}
    text: "{{business_name}} {_sentence(rng, 6)[:-1]} {{period_{index}}} day."
    text_plural: "{{business_name}} {_sentence(rng, 6)[:-1]} {{period_{index}}} days."
  - id: first
    when: {{method_{index}: first}}
    text: {_sentence(rng, 12)[:-1]} {{fee_{index}}}.
  - id: second
    when: {{method_{index}: second}}
    text: {_sentence(rng, 14)}
  - id: extra
    when: extra_{index}
    text: "{_sentence(rng, 18)} {shared}"
  - id: step-one
    heading: {_sentence(rng, 2)[:-1]}
    list: numbered
    text: {_sentence(rng, 10)}
  - id: step-two
    list: numbered
    text: {_sentence(rng, 11)}
checklist:
{chr(10).join(f"  - {_sentence(rng, 9)}" for _ in range(4))}
related:
{related}
reviewed: 2026-11-01
"""


def write_library(project: Path, target: Path, blocks: int, seed: int = 7) -> list[Path]:
    """A site in ``target`` with the project's pages and theme and ``blocks`` synthetic blocks."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    kb = target / "kb"
    shutil.copytree(project / "kb", kb, ignore=lambda folder, names: [
        name for name in names if name.endswith(".yaml") and Path(folder) != project / "kb"])
    rng = random.Random(seed)
    ids = [f"block-{index:05d}" for index in range(blocks)]
    shared = " ".join(f"{{{name}}}." for name in _business_wide_names(kb))
    files = []
    for index in range(blocks):
        category = CATEGORIES[index % len(CATEGORIES)]
        path = kb / category / f"{ids[index]}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_block_yaml(rng, index, category, ids, shared), "utf-8")
        files.append(path)
    (kb / "kits").mkdir(exist_ok=True)
    kit_blocks = "\n".join(f"  - {block_id}" for block_id in ids[:12])
    (kb / "kits" / "bench-kit.yaml").write_text(
        f"id: bench-kit\ntitle: Bench kit\nsummary: {_sentence(rng, 8)}\n"
        f"introduction:\n  - {_sentence(rng, 20)}\nblocks:\n{kit_blocks}\n", "utf-8")
    return files


def _business_wide_names(kb: Path) -> list[str]:
    """The project's business-wide variables, so every synthetic block uses them all."""
    document = read_yaml(kb / VARIABLES_FILE)
    assert not isinstance(document, Problem), document
    return sorted(document.data["variables"])


def measure(project: Path, blocks: int, langs: list[str]) -> Figures:
    """Build a synthetic library of ``blocks`` blocks from scratch, then after one edit."""
    with tempfile.TemporaryDirectory(prefix=f"policykb-bench-{blocks}-") as folder:
        site = Path(folder)
        files = write_library(project, site, blocks)
        started = time.perf_counter()
        build_sites(site, site / "_build", langs)
        seconds = time.perf_counter() - started
        html = site / "_build" / "html"
        pages = sum(1 for _ in html.glob("*/**/*.html"))
        block_pages = [path.stat().st_size for path in html.glob("*/kb/*/block-*.html")]
        changed = files[len(files) // 2]
        changed.write_text(changed.read_text("utf-8").replace("summary: ", "summary: Edited. ",
                                                              1), "utf-8")
        started = time.perf_counter()
        build_sites(site, site / "_build", langs)
        rebuild = time.perf_counter() - started
    return Figures(blocks, pages, seconds, block_pages, rebuild)


def report(results: list[Figures]) -> tuple[str, bool]:
    """The table of figures and whether the targets are met."""
    lines = [f"{'blocks':>7} {'pages':>7} {'build s':>8} {'s/page':>8} {'KB/block page':>14} "
             f"{'max KB':>7} {'rebuild s':>10}"]
    for figures in results:
        sizes = figures.block_page_bytes
        lines.append(f"{figures.blocks:>7} {figures.pages:>7} {figures.seconds:>8.1f} "
                     f"{figures.seconds_per_page:>8.4f} {statistics.mean(sizes) / 1000:>14.1f} "
                     f"{max(sizes) / 1000:>7.1f} {figures.rebuild_seconds:>10.1f}")
    smallest, largest = results[0], results[-1]
    growth = largest.seconds_per_page / smallest.seconds_per_page
    largest_page = max(max(figures.block_page_bytes) for figures in results)
    ok = growth <= MAX_PER_PAGE_GROWTH and largest_page <= MAX_BLOCK_PAGE_BYTES
    lines.append(f"s/page at {largest.blocks} blocks = {growth:.2f} x at {smallest.blocks} "
                 f"(target <= {MAX_PER_PAGE_GROWTH}); largest block page "
                 f"{largest_page / 1000:.1f} KB (target <= {MAX_BLOCK_PAGE_BYTES / 1000:.0f} KB)"
                 f": {'OK' if ok else 'TARGET MISSED'}")
    return "\n".join(lines), ok


def main() -> None:
    """Entry point of ``python -m policykb.bench [SIZE ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--langs", default=" ".join(LANGUAGE_CODES))
    arguments = parser.parse_args()
    results = []
    for size in sorted(arguments.sizes):
        print(f"building {size} blocks in {arguments.langs}...", flush=True)
        results.append(measure(arguments.project.resolve(), size, arguments.langs.split()))
    table, ok = report(results)
    print(table)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
