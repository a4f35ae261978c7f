"""The Sphinx extension: kb YAML files become block and kit pages of a lean site.

Enable it in ``conf.py`` with ``extensions = ["policykb.sphinxext"]``.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import sphinx.locale
from sphinx.application import Sphinx
from sphinx.config import Config

from .. import __version__, search
from ..interface import (
    POLICYKB_DOMAIN,
    SPHINX_DOMAIN,
    page_catalogs,
    write_published_mo,
    write_translations_js,
)
from ..languages import SOURCE_LANGUAGE
from . import builder, details, nodes, status
from .config import PolicyKBConfig
from .meta import page_meta
from .pages import CategoriesDirective, KitsDirective, category_pages, page_context
from .parser import LibraryParser
from .preview import PreviewDirective
from .state import depend_on_interface_catalogs, load, outdated_by_catalogs, warn


def _add_message_catalogs(app: Sphinx, config: Config) -> None:
    """The interface strings, theme strings and site pages a page shows come from
    ``<locale_dir>/<lang>/LC_MESSAGES``, through ``.mo`` files that hold only the
    publishable translations (every other message is shown in English, with a warning).

    A catalog that does not parse cleanly is not used (its pages show English) and is
    reported at its line (kb catalogs are reported when the library's translations are
    read).
    ``locale_dirs`` become absolute: Sphinx looks for ``sphinx.js`` relative to the
    working directory, not to the source folder.
    """
    config.locale_dirs = [str(Path(app.srcdir) / folder) for folder in config.locale_dirs]
    language = config.language or SOURCE_LANGUAGE
    translators: dict[str, gettext.NullTranslations] = {}
    for locale_dir in config.locale_dirs:
        folder = Path(locale_dir) / language / "LC_MESSAGES"
        for po_file in page_catalogs(folder):
            warn(write_published_mo(po_file, language), "translation")
        for domain in (POLICYKB_DOMAIN, SPHINX_DOMAIN):
            mo_file = folder / f"{domain}.mo"
            if mo_file.is_file() and domain not in translators:
                with mo_file.open("rb") as stream:
                    translators[domain] = gettext.GNUTranslations(stream)
        # The browser's strings (search results); Sphinx looks for this file when the
        # builder starts, before builder-inited.
        if (folder / "sphinx.po").is_file():
            write_translations_js(folder / "sphinx.po", folder / "sphinx.js", language)
    # Sphinx read sphinx.mo (compiling it from the whole .po when older) before any
    # extension ran: its theme strings are replaced by the published ones, with Sphinx's
    # own translations behind them.
    builtin = gettext.translation(SPHINX_DOMAIN, Path(sphinx.locale.__file__).parent,
                                  [language], fallback=True)
    theme = translators.get(SPHINX_DOMAIN)
    if theme is not None:
        theme.add_fallback(builtin)
    app.translator = sphinx.locale.translators["general", SPHINX_DOMAIN] = theme or builtin
    sphinx.locale.translators["general", POLICYKB_DOMAIN] = \
        translators.get(POLICYKB_DOMAIN) or gettext.NullTranslations()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the parser, nodes, directives and page hooks."""
    PolicyKBConfig.register(app)
    app.connect("config-inited", _add_message_catalogs)
    app.add_source_suffix(".yaml", "policykb")
    app.add_source_parser(LibraryParser)
    nodes.register(app)
    details.register(app)
    builder.register(app)
    status.register(app)
    search.register(app)
    app.add_directive("policykb-categories", CategoriesDirective)
    app.add_directive("policykb-kits", KitsDirective)
    app.add_directive("policykb-preview", PreviewDirective)
    app.connect("builder-inited", load)
    app.connect("env-get-outdated", outdated_by_catalogs)
    app.connect("source-read", depend_on_interface_catalogs)
    app.connect("html-collect-pages", category_pages)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", page_meta)
    return {
        "version": __version__,
        "env_version": 11,  # bump when indexing or page building changes
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
