"""Build every language site in parallel and publish them together, or not at all.

Layout under the build folder (``_build``)::

    doctrees/<lang>/   Sphinx's environment per language, so builds stay incremental
    work/<lang>/       Sphinx's HTML output per language, updated in place
    html/              the published site: <lang>/ for each language, index.html and
                       countries/<lang>.js (the countries a business may switch to)

``html/`` is replaced only after every requested language built successfully, so
a failed build never leaves a half-written site behind.

One build at a time: a build holds ``.lock`` in the build folder (``flock``) and a
second one waits for it. A language's build writes ``work/<lang>.unfinished`` before
Sphinx starts and removes it when Sphinx succeeded; a build that finds it (the last one
was killed or failed) drops that language's environment and output, which may be
partial, and builds it afresh.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .answers import SCHEMA_FILE, schema_text
from .cache import CACHE_VARIABLE, KB_CACHE
from .catalogs import messages_dir
from .interface import published_catalog
from .languages import LANGUAGE_CODES, SOURCE_LANGUAGE, language
from .loader import load_library
from .model import Library
from .sitemap import DEFAULT_BASE_URL, alternates, check_base_url, write_crawler_files

SOURCE_PATTERNS = ("index.rst", "pages/*.rst", "kb/*/*.yaml", "kb/*.yaml")
SITE_TITLE = "Customer-service policy library"
"""The site's title as the theme writes it (translated in each ``sphinx.po``)."""
COUNTRY_DATA = "countries.js"
"""The countries a business may switch to, as a language's build writes them beside its
pages (:func:`policykb.sphinxext.details.countries_script`); publishing moves the file to
``countries/<lang>.js`` at the root, so that language pages carry only their own country."""
COUNTRIES_FOLDER = "countries"
FAVICON = "favicon.ico"
"""The theme's small icon, also copied to the site's root."""
LOCK_FILE = ".lock"
UNFINISHED = ".unfinished"


class BuildError(Exception):
    """A build that cannot go on; the message says why and nothing was published."""


@dataclass(frozen=True)
class LanguageBuild:
    """What one ``sphinx-build`` run did."""

    lang: str
    returncode: int
    seconds: float
    output: str


@contextmanager
def build_lock(out: Path, waiting: Callable[[], None] | None = None) -> Iterator[int]:
    """Hold ``out/.lock`` while building; call ``waiting`` first if another build has it.

    Yields the lock's file descriptor: Sphinx processes inherit it, so that a build whose
    own process was killed holds the lock until its Sphinx processes end too."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK_FILE).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield handle.fileno()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_sites(source: Path, out: Path, langs: list[str], *, strict: bool = False,
                waiting: Callable[[], None] | None = None,
                base_url: str = DEFAULT_BASE_URL) -> str:
    """Build ``langs`` from ``source`` into ``out/html`` for publishing at ``base_url``;
    return a short report.

    Waits for another build of ``out`` to end (calling ``waiting`` first)."""
    unknown = [lang for lang in langs if lang not in LANGUAGE_CODES]
    if unknown or not langs:
        raise BuildError(f"unknown language {' '.join(unknown) or '(none given)'}; "
                         f"choose from: {' '.join(LANGUAGE_CODES)}")
    try:
        base = check_base_url(base_url)
    except ValueError as error:
        raise BuildError(str(error)) from None
    with build_lock(out, waiting) as lock:
        return _build_sites(source, out, langs, strict, lock, base)


def _build_sites(source: Path, out: Path, langs: list[str], strict: bool, lock: int,
                 base: str) -> str:
    cache = out / KB_CACHE
    result = load_library(source / "kb", cache)
    if result.problems:
        listing = "\n".join(str(problem) for problem in result.problems)
        raise BuildError(f"{listing}\nThe library has problems; nothing was built or "
                         "published.")
    started = time.perf_counter()
    for lang in langs:
        _forget_unfinished_build(out, lang)
        _forget_removed_sources(source, out, lang)
    with ThreadPoolExecutor(max_workers=len(langs)) as pool:
        builds = list(pool.map(lambda lang: _sphinx_build(source, out, lang, strict, cache, lock,
                                                          base), langs))
    messages = [line for build in builds for line in _prefixed(build)]
    failed = [build.lang for build in builds if build.returncode != 0]
    if failed:
        raise BuildError("\n".join([*messages, f"Build failed for: {' '.join(failed)}. The "
                                    "published site was left as it was."]))
    publish(source, out, langs, result.library, base)
    timings = ", ".join(f"{build.lang} {build.seconds:.1f} s" for build in builds)
    summary = (f"Built {len(langs)} language{'s' if len(langs) > 1 else ''} in "
               f"{time.perf_counter() - started:.1f} s ({timings}) into {out / 'html'}")
    return "\n".join([*messages, summary])


def _sphinx_build(source: Path, out: Path, lang: str, strict: bool, cache: Path,
                  lock: int, base: str) -> LanguageBuild:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", f"language={lang}",
               "-D", f"policykb_base_url={base}", "-d", str(out / "doctrees" / lang)]
    if strict:
        command += ["-W", "--keep-going"]
    command += [str(source), str(out / "work" / lang)]
    started = time.perf_counter()
    environment = {**os.environ, CACHE_VARIABLE: str(cache.resolve())}
    unfinished = out / "work" / f"{lang}{UNFINISHED}"
    unfinished.touch()
    process = subprocess.run(command, capture_output=True, text=True, check=False,
                             env=environment, pass_fds=(lock,))
    if process.returncode == 0:
        unfinished.unlink()
    return LanguageBuild(lang, process.returncode, time.perf_counter() - started,
                         (process.stdout + process.stderr).strip())


def _prefixed(build: LanguageBuild) -> list[str]:
    return [f"[{build.lang}] {line}" for line in build.output.splitlines() if line.strip()]


def source_files(source: Path) -> list[str]:
    """The source files of the site, relative to ``source``, sorted."""
    found = {path.relative_to(source).as_posix()
             for pattern in SOURCE_PATTERNS for path in source.glob(pattern)}
    return sorted(found)


def _forget_unfinished_build(out: Path, lang: str) -> None:
    """Start ``lang`` afresh when its last build did not finish: Sphinx's environment
    and search index may then cover only some pages, and would be trusted."""
    if (out / "work" / f"{lang}{UNFINISHED}").exists():
        shutil.rmtree(out / "doctrees" / lang, ignore_errors=True)
        shutil.rmtree(out / "work" / lang, ignore_errors=True)


def _forget_removed_sources(source: Path, out: Path, lang: str) -> None:
    """Start the output afresh when a source file disappeared, so its page goes too."""
    manifest = out / "work" / f"{lang}.sources"
    current = "\n".join(source_files(source)) + "\n"
    if manifest.is_file():
        previous = set(manifest.read_text("utf-8").splitlines())
        if previous - set(current.splitlines()):
            shutil.rmtree(out / "work" / lang, ignore_errors=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(current, "utf-8")


def publish(source: Path, out: Path, langs: list[str], library: Library,
            base: str = DEFAULT_BASE_URL) -> None:
    """Replace ``out/html`` by the new sites in one swap; keep languages not rebuilt.
    The root holds the language chooser, ``sitemap.xml``, ``robots.txt``, the icon
    that browsers ask for at ``/favicon.ico`` and the answers file's JSON Schema
    of ``library`` (``answers.schema.json``)."""
    site, staging, previous = out / "html", out / "html.new", out / "html.old"
    if not site.exists() and previous.is_dir():  # the last publish was killed mid-swap
        os.replace(previous, site)
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / COUNTRIES_FOLDER).mkdir()
    for lang in LANGUAGE_CODES:
        rebuilt = lang in langs
        built = out / "work" / lang if rebuilt else site / lang
        if built.is_dir():
            shutil.copytree(built, staging / lang, ignore=shutil.ignore_patterns(
                ".buildinfo", "_sources", COUNTRY_DATA))
        countries = (built / COUNTRY_DATA if rebuilt
                     else site / COUNTRIES_FOLDER / f"{lang}.js")
        if countries.is_file():
            shutil.copyfile(countries, staging / COUNTRIES_FOLDER / f"{lang}.js")
    present = [lang for lang in LANGUAGE_CODES if (staging / lang).is_dir()]
    (staging / "index.html").write_text(render_language_index(source, present, base), "utf-8")
    write_crawler_files(staging, base, present)
    (staging / SCHEMA_FILE).write_text(schema_text(library), "utf-8")
    if present:
        shutil.copyfile(staging / present[0] / "_static" / FAVICON, staging / FAVICON)
    if site.exists():
        os.replace(site, previous)
    os.replace(staging, site)
    shutil.rmtree(previous, ignore_errors=True)


def render_language_index(source: Path, present: list[str],
                          base: str = DEFAULT_BASE_URL) -> str:
    """The root page: sends a visitor to the language their browser asks for."""
    environment = Environment(loader=FileSystemLoader(source / "templates"),
                              autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    template = environment.get_template("language-index.html")
    languages = [{"code": code, "name": language(code).native_name,
                  "english": language(code).english_name,
                  "title": _site_title(source / "locales", code)} for code in present]
    return template.render(languages=languages, default=SOURCE_LANGUAGE,
                           alternates=alternates(base, "index.html", present) if present else [],
                           canonical=base + "index.html")


def _site_title(locale_dir: Path, lang: str) -> str:
    """The site's title in ``lang``, from its interface catalog (English if missing)."""
    path = messages_dir(locale_dir, lang) / "sphinx.po"
    if lang != SOURCE_LANGUAGE and path.is_file():
        message = published_catalog(path, lang)[0].get(SITE_TITLE)
        if message is not None:
            return str(message.string)
    return SITE_TITLE
