"""The library as one Sphinx process sees it: loaded once, shared by every page."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..cache import CACHE_VARIABLE, KB_CACHE
from ..i18n import Localizer
from ..languages import SOURCE_LANGUAGE
from ..loader import load_library
from ..model import Library
from ..problems import display_path
from .config import PolicyKBConfig

logger = logging.getLogger(__name__)


@dataclass
class State:
    """What the extension keeps for one build: the library and the page language."""

    library: Library
    localizer: Localizer
    kb_dir: Path


_states: WeakKeyDictionary[BuildEnvironment, State] = WeakKeyDictionary()


def load(app: Sphinx) -> None:
    """Load ``kb/`` (on ``builder-inited``); every problem becomes a warning at its line."""
    settings = PolicyKBConfig.of(app.config)
    kb_dir = Path(app.srcdir) / settings.kb_dir
    cache = os.environ.get(CACHE_VARIABLE) or Path(app.doctreedir) / KB_CACHE
    result = load_library(kb_dir, Path(cache))
    for problem in result.problems:
        where = display_path(problem.path)
        logger.warning(problem.message, location=f"{where}:{problem.line}" if problem.line
                       else where, type="policykb", subtype="validation")
    language = app.config.language or SOURCE_LANGUAGE
    _states[app.env] = State(result.library, Localizer(language), kb_dir)


def state(env: BuildEnvironment) -> State:
    """The state loaded for the build that owns ``env``."""
    return _states[env]
