"""The library as one Sphinx process sees it: loaded once, shared by every page."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..cache import CACHE_VARIABLE, KB_CACHE, FileCache
from ..catalogs import kb_catalog_path, messages_dir
from ..countries import country_for_language, for_country
from ..i18n import Localizer, load_kb_translations
from ..interface import POLICYKB_DOMAIN, SPHINX_DOMAIN
from ..languages import SOURCE_LANGUAGE
from ..loader import load_library
from ..model import Library
from ..problems import Problem, display_path
from .config import PolicyKBConfig

logger = logging.getLogger(__name__)


@dataclass
class State:
    """What the extension keeps for one build: the library and the page language."""

    library: Library
    """The library with the defaults of the site language's country."""
    localizer: Localizer
    kb_dir: Path
    locale_dir: Path
    interface_catalogs: list[Path]
    """The page language's catalogs of interface strings (``policykb.po``, ``sphinx.po``)."""


_states: WeakKeyDictionary[BuildEnvironment, State] = WeakKeyDictionary()


def load(app: Sphinx) -> None:
    """Load ``kb/`` (on ``builder-inited``); every problem becomes a warning at its line."""
    settings = PolicyKBConfig.of(app.config)
    kb_dir = Path(app.srcdir) / settings.kb_dir
    cache = Path(os.environ.get(CACHE_VARIABLE) or Path(app.doctreedir) / KB_CACHE)
    result = load_library(kb_dir, cache)
    warn(result.problems, "validation")
    language = app.config.language or SOURCE_LANGUAGE
    locale_dir = Path(app.srcdir) / (app.config.locale_dirs or ["locales"])[0]
    translations = None
    if language != SOURCE_LANGUAGE:
        po_cache = FileCache(cache.with_name(f"po-cache-{language}.pickle"))
        translations = load_kb_translations(locale_dir, language, po_cache)
        warn(translations.problems, "translation")
    messages = messages_dir(locale_dir, language)
    interface = [messages / f"{domain}.po" for domain in (POLICYKB_DOMAIN, SPHINX_DOMAIN)]
    library = for_country(result.library, country_for_language(result.library, language))
    _states[app.env] = State(library, Localizer(language, translations), kb_dir,
                             locale_dir, [path for path in interface if path.is_file()])


def warn(problems: list[Problem], subtype: str) -> None:
    """Each problem as a Sphinx warning at its file and line."""
    for problem in problems:
        where = display_path(problem.path)
        logger.warning(problem.message, location=f"{where}:{problem.line}" if problem.line
                       else where, type="policykb", subtype=subtype)


def state(env: BuildEnvironment) -> State:
    """The state loaded for the build that owns ``env``."""
    return _states[env]


def outdated_by_catalogs(app: Sphinx, env: BuildEnvironment, added: set[str],
                         changed: set[str], removed: set[str]) -> list[str]:
    """Re-read every library page when a kb catalog appears or disappears.

    Changes inside a catalog are ordinary dependencies of the pages using it.
    """
    current = tuple(str(path) for path in state(env).localizer.translations.files)
    previous = getattr(env, "policykb_catalogs", None)
    env.policykb_catalogs = current  # type: ignore[attr-defined]
    if previous is None or previous == current:
        return []
    return sorted(name for name in env.found_docs if name.startswith("kb/"))


def depend_on_interface_catalogs(app: Sphinx, docname: str, source: list[str]) -> None:
    """Every page shows interface strings: re-read it when their catalogs change."""
    for catalog in state(app.env).interface_catalogs:
        app.env.note_dependency(str(catalog))


def note_library_sources(env: BuildEnvironment, paths: list[Path]) -> None:
    """Rebuild the current page when one of these kb files or its catalog changes."""
    current = state(env)
    for path in paths:
        env.note_dependency(str(path))
        if not current.localizer.is_source:
            catalog = kb_catalog_path(current.locale_dir, current.localizer.lang,
                                      path.relative_to(current.library.root))
            if catalog.is_file():
                env.note_dependency(str(catalog))
