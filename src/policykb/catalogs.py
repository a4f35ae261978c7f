"""Where the gettext catalogs live, and reading, updating and writing them safely.

Layout (one folder per translated language)::

    locales/<lang>/LC_MESSAGES/kb/<category>/<block>.po   a block's text
    locales/<lang>/LC_MESSAGES/kb/categories.po            category titles
    locales/<lang>/LC_MESSAGES/kb/variables.po             business-wide variables
    locales/<lang>/LC_MESSAGES/kb/kits/<kit>.po            a kit's text
    locales/<lang>/LC_MESSAGES/policykb.po                 the extension's interface
    locales/<lang>/LC_MESSAGES/sphinx.po                   theme, search and Sphinx strings
    locales/<lang>/LC_MESSAGES/index.po, pages/*.po        site pages (sphinx-intl)

All reading and writing goes through Babel's ``read_po``/``write_po``. Updating
never loses a translation: a changed source makes it fuzzy, a removed source
keeps it as an obsolete ``#~`` entry, and a source that comes back revives it.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from . import __version__
from .languages import LANGUAGE_CODES, SOURCE_LANGUAGE, language

TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE)
LC_MESSAGES = "LC_MESSAGES"
KB_DOMAIN_DIR = "kb"
PROJECT = "Customer-service policy library"
_DATE_HEADERS = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', re.M)


def messages_dir(locale_dir: Path, lang: str) -> Path:
    """``locales/<lang>/LC_MESSAGES``."""
    return locale_dir / lang / LC_MESSAGES


def kb_catalog_path(locale_dir: Path, lang: str, kb_relative: Path) -> Path:
    """The catalog of one kb file: ``kb/returns/window.yaml`` -> ``.../kb/returns/window.po``."""
    return messages_dir(locale_dir, lang) / KB_DOMAIN_DIR / kb_relative.with_suffix(".po")


def kb_catalogs(locale_dir: Path, lang: str) -> Iterator[Path]:
    """Every kb catalog of ``lang``, sorted."""
    root = messages_dir(locale_dir, lang) / KB_DOMAIN_DIR
    yield from sorted(root.rglob("*.po"))


def all_catalogs(locale_dir: Path, lang: str) -> list[Path]:
    """Every catalog of ``lang``: kb, interface and site pages."""
    return sorted(messages_dir(locale_dir, lang).rglob("*.po"))


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a ``.po`` file; :class:`babel.messages.pofile.PoFileError` if it is broken."""
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, abort_invalid=True)


def new_catalog(lang: str | None, domain: str) -> Catalog:
    """An empty catalog with the headers Poedit expects (plural forms from CLDR)."""
    catalog = Catalog(locale=lang, domain=domain, project=PROJECT, version=__version__,
                      msgid_bugs_address="", charset="utf-8",
                      copyright_holder="The policykb authors", fuzzy=False)
    catalog.language_team = language(lang).english_name if lang else ""
    return catalog


def render_catalog(catalog: Catalog, template: bool = False) -> str:
    """The text of a catalog as it goes to disk."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79, sort_output=False, sort_by_file=False,
             ignore_obsolete=template, include_previous=not template,
             omit_header=False)
    return buffer.getvalue().decode("utf-8")


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless only the date headers would change; True if written."""
    if path.is_file():
        old = path.read_text("utf-8")
        if _DATE_HEADERS.sub("", old) == _DATE_HEADERS.sub("", text):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return True


def update_catalog(template: Catalog, existing: Catalog | None, lang: str) -> Catalog:
    """Merge ``template`` into a language's catalog, keeping every translation.

    Exact matches keep their translation; a source that changed keeps the old
    translation marked fuzzy (with the previous ``msgid`` for the translator);
    a source that disappeared goes to the obsolete ``#~`` entries; and an
    obsolete entry whose source comes back is revived.
    """
    template = copy.deepcopy(template)  # Babel inserts new template messages as they are
    catalog = existing if existing is not None else new_catalog(lang, template.domain or "")
    for message in template:
        if message.id:
            key = (message.id if isinstance(message.id, str) else message.id[0],
                   message.context)
            revived = _pop_obsolete(catalog, key)
            if revived is not None and catalog.get(revived.id, revived.context) is None:
                catalog[revived.id] = revived
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=True,
                   keep_user_comments=False, update_creation_date=True)
    _normalise_headers(catalog, lang)
    return catalog


def _pop_obsolete(catalog: Catalog, key: tuple[str, str | None]) -> Message | None:
    for obsolete_key, message in list(catalog.obsolete.items()):
        singular = message.id if isinstance(message.id, str) else message.id[0]
        if (singular, message.context) == key:
            del catalog.obsolete[obsolete_key]
            return message
    return None


def _normalise_headers(catalog: Catalog, lang: str) -> None:
    """Language and Plural-Forms from CLDR, whatever an editor left in the file."""
    catalog.locale = lang
    # Babel derives both from the locale once they are unset (reading a file sets them).
    catalog._num_plurals = None
    catalog._plural_expr = None


def compile_catalog(po_file: Path, lang: str) -> None:
    """Write the ``.mo`` beside ``po_file`` when it is missing or older (broken files skipped)."""
    mo_file = po_file.with_suffix(".mo")
    if not po_file.is_file() or (mo_file.is_file()
                                 and mo_file.stat().st_mtime >= po_file.stat().st_mtime):
        return
    try:
        catalog = read_catalog(po_file, lang)
    except PoFileError:
        return
    with mo_file.open("wb") as stream:
        write_mo(stream, catalog, use_fuzzy=False)


def is_translated(message: Message) -> bool:
    """A message whose translation is complete and not marked fuzzy."""
    if message.fuzzy or not message.id:
        return False
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return bool(strings) and all(strings)


__all__ = ["PoFileError"]
