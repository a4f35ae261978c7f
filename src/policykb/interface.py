"""The interface catalogs: every word of the theme, search and extension.

* ``policykb`` holds the strings of the Sphinx extension (``_()`` in ``sphinxext``).
* ``sphinx`` holds the strings of our theme templates plus the Sphinx strings that
  reach our pages (search page, search results, permalink titles). Sphinx's own
  catalogs are missing (tl), nearly empty (ta) or filed under another code (uk is
  ``uk_UA``), so the project keeps its own, seeded from Sphinx's where they exist.

The browser reads the ``sphinx`` catalog from ``sphinx.js``, written from the
``.po`` file by :func:`write_translations_js`. Both it and the ``.mo`` files Sphinx
reads (:func:`write_published_mo`, also for the site pages) hold only the messages
that may be published (:func:`published_catalog`).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import sphinx
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .catalogs import (
    KB_DOMAIN_DIR,
    PoFileError,
    has_control_characters,
    is_translated,
    new_catalog,
    read_catalog,
)
from .checks import publication_problems
from .files import write_atomically
from .plurals import plural_rule
from .problems import Problem

POLICYKB_DOMAIN = "policykb"
SPHINX_DOMAIN = "sphinx"
_SPHINX_PAGE_SOURCES = ("themes/basic/search.html", "themes/basic/static/searchtools.js",
                        "themes/basic/static/sphinx_highlight.js")
_SPHINX_CATALOG_CODES = {"uk": "uk_UA"}


def _add_extracted(catalog: Catalog, folder: Path, method_map: list[tuple[str, str]],
                   prefix: str) -> None:
    for filename, lineno, message, comments, context in extract_from_dir(
            str(folder), method_map, keywords={"_": None, "ngettext": (1, 2)},
            comment_tags=("Translators:",)):
        location = (f"{prefix}/{filename}", lineno)
        existing = catalog.get(message, context)
        if existing is not None:
            existing.locations.append(location)
        else:
            catalog.add(message, locations=[location], auto_comments=comments, context=context)


def policykb_template() -> Catalog:
    """The template of the extension's interface strings."""
    catalog = new_catalog(None, POLICYKB_DOMAIN)
    package = Path(str(resources.files("policykb")))
    _add_extracted(catalog, package / "sphinxext", [("**.py", "python")],
                   "src/policykb/sphinxext")
    _add_extracted(catalog, package, [("documents.py", "python"), ("hours.py", "python")],
                   "src/policykb")
    return catalog


def _sphinx_pot() -> Catalog:
    return read_catalog(Path(sphinx.__file__).parent / "locale" / "sphinx.pot")


def sphinx_template(project: Path) -> Catalog:
    """Our theme's strings and the Sphinx strings our pages show."""
    catalog = new_catalog(None, SPHINX_DOMAIN)
    _add_extracted(catalog, project / "templates" / "policykb",
                   [("**.html", "jinja2.ext:babel_extract")], "templates/policykb")
    for message in _sphinx_pot():
        places = [place for place, _ in message.locations]
        shown = any(place.endswith(_SPHINX_PAGE_SOURCES) for place in places) or (
            isinstance(message.id, str) and message.id.startswith("Link to this "))
        if message.id and shown and catalog.get(message.id, message.context) is None:
            catalog.add(message.id, string=message.string, locations=message.locations,
                        auto_comments=["Shown by Sphinx's search page or theme"],
                        context=message.context)
    return catalog


def seed_from_sphinx(catalog: Catalog, lang: str) -> None:
    """Fill empty translations from Sphinx's own catalog for ``lang``, if it has one."""
    code = _SPHINX_CATALOG_CODES.get(lang, lang)
    path = Path(sphinx.__file__).parent / "locale" / code / "LC_MESSAGES" / "sphinx.po"
    if not path.is_file():
        return
    with path.open("rb") as stream:  # Sphinx's file: some of its entries hold control characters
        theirs = read_po(stream)
    for message in catalog:
        if not message.id or is_translated(message) or message.fuzzy:
            continue
        source = theirs.get(message.id, message.context)
        if source is not None and is_translated(source) and not has_control_characters(
                " ".join(source.string) if isinstance(source.string, list | tuple)
                else str(source.string)):
            strings = source.string
            if isinstance(message.id, list | tuple) != isinstance(strings, list | tuple):
                continue
            if isinstance(strings, list | tuple) and len(strings) != plural_rule(lang).forms:
                continue
            message.string = strings


def published_catalog(po_file: Path, lang: str) -> tuple[Catalog, list[Problem]]:
    """The messages of an interface or site-page catalog that may be published: complete,
    not fuzzy and passing :func:`policykb.checks.publication_problems`. Each one held
    back is a problem at its line; the page shows the English instead."""
    published = new_catalog(lang, po_file.stem)
    try:
        catalog = read_catalog(po_file, lang)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return published, [Problem(po_file, getattr(error, "lineno", 1) or 1,
                                   f"cannot read catalog ({error}); English is shown for "
                                   "its messages")]
    rule = plural_rule(lang)  # never the catalog's own Plural-Forms
    published.mime_headers = [(name, rule.header if name.lower() == "plural-forms" else value)
                              for name, value in catalog.mime_headers]
    problems = []
    for message in catalog:
        if not is_translated(message):
            continue
        reasons = publication_problems(message, kb=False)
        forms = message.string if isinstance(message.string, list | tuple) else [message.string]
        if isinstance(message.id, list | tuple) and len(forms) != rule.forms:
            reasons.append(f"has {len(forms)} plural forms instead of {rule.forms}")
        if reasons:
            problems += [Problem(po_file, message.lineno or 1, f"{reason}; English is shown "
                                                                "instead") for reason in reasons]
        else:
            published[message.id] = message
    return published, problems


def page_catalogs(messages: Path) -> Iterator[Path]:
    """The catalogs Sphinx reads in ``locales/<lang>/LC_MESSAGES``: interface and site
    pages (the kb catalogs are read by the extension itself)."""
    for path in sorted(messages.rglob("*.po")):
        if path.relative_to(messages).parts[0] != KB_DOMAIN_DIR:
            yield path


def write_published_mo(po_file: Path, lang: str) -> list[Problem]:
    """The ``.mo`` beside ``po_file`` with only its publishable messages (see
    :func:`published_catalog`), written when it changed and never older than the ``.po``
    (so that Sphinx does not compile the whole ``.po`` over it)."""
    catalog, problems = published_catalog(po_file, lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo_file = po_file.with_suffix(".mo")
    if not mo_file.is_file() or mo_file.read_bytes() != buffer.getvalue():
        write_atomically(mo_file, buffer.getvalue())
    if mo_file.stat().st_mtime < po_file.stat().st_mtime:
        os.utime(mo_file)
    return problems


def write_translations_js(po_file: Path, js_file: Path, lang: str) -> None:
    """``sphinx.js`` for the browser: the publishable messages of ``po_file``."""
    catalog, _ = published_catalog(po_file, lang)
    messages: dict[str, str | list[str]] = {}
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, list | tuple) and isinstance(message.string, list | tuple):
            messages[str(message.id[0])] = [str(form) for form in message.string]
        else:
            messages[str(message.id)] = str(message.string)
    # Sphinx's ngettext indexes the forms with the expression's value; a C expression
    # such as ``(n != 1)`` is a boolean in JavaScript, so it is made a number.
    body = json.dumps({"locale": lang, "messages": dict(sorted(messages.items())),
                       "plural_expr": f"Number({plural_rule(lang).expression})"},
                      ensure_ascii=False, indent=1)
    text = f"Documentation.addTranslations({body});\n"
    if not js_file.is_file() or js_file.read_text("utf-8") != text:
        js_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(js_file, text.encode("utf-8"))
