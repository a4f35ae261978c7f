"""The Sphinx extension: kb YAML files become block and kit pages of a lean site.

Enable it in ``conf.py`` with ``extensions = ["policykb.sphinxext"]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .. import __version__, search
from ..catalogs import KB_DOMAIN_DIR, compile_catalog
from ..interface import write_translations_js
from ..languages import SOURCE_LANGUAGE
from ..problems import display_path
from . import details, nodes, status
from .builder import BuilderDirective
from .config import PolicyKBConfig
from .pages import CategoriesDirective, KitsDirective, category_pages, page_context
from .parser import LibraryParser
from .state import depend_on_interface_catalogs, load, outdated_by_catalogs

logger = logging.getLogger(__name__)


def _add_message_catalogs(app: Sphinx, config: Config) -> None:
    """Interface strings of the extension come from ``<locale_dir>/<lang>/policykb.mo``.

    Every catalog of the language is compiled here, before Sphinx would: one that
    does not parse cleanly is not used (its pages show English) and is reported at
    its line (kb catalogs are reported when the library's translations are read).
    ``locale_dirs`` become absolute: Sphinx looks for ``sphinx.js`` relative to the
    working directory, not to the source folder.
    """
    config.locale_dirs = [str(Path(app.srcdir) / folder) for folder in config.locale_dirs]
    language = config.language or SOURCE_LANGUAGE
    for locale_dir in config.locale_dirs:
        folder = Path(locale_dir) / language / "LC_MESSAGES"
        for po_file in sorted(folder.rglob("*.po")):
            problem = compile_catalog(po_file, language)
            if problem is not None and po_file.relative_to(folder).parts[0] != KB_DOMAIN_DIR:
                logger.warning(f"cannot read catalog ({problem}); English is shown for its "
                               "messages", location=f"{display_path(po_file)}:{problem.lineno}",
                               type="policykb", subtype="translation")
        app.add_message_catalog("policykb", locale_dir)
        # The browser's strings (search results); Sphinx looks for this file when the
        # builder starts, before builder-inited.
        if (folder / "sphinx.po").is_file():
            write_translations_js(folder / "sphinx.po", folder / "sphinx.js", language)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the parser, nodes, directives and page hooks."""
    PolicyKBConfig.register(app)
    app.connect("config-inited", _add_message_catalogs)
    app.add_source_suffix(".yaml", "policykb")
    app.add_source_parser(LibraryParser)
    nodes.register(app)
    details.register(app)
    status.register(app)
    search.register(app)
    app.add_directive("policykb-categories", CategoriesDirective)
    app.add_directive("policykb-kits", KitsDirective)
    app.add_directive("policykb-builder", BuilderDirective)
    app.connect("builder-inited", load)
    app.connect("env-get-outdated", outdated_by_catalogs)
    app.connect("source-read", depend_on_interface_catalogs)
    app.connect("html-collect-pages", category_pages)
    app.connect("html-page-context", page_context)
    return {
        "version": __version__,
        "env_version": 11,  # bump when indexing or page building changes
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
