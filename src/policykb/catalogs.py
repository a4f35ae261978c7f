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
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from . import __version__
from .languages import LANGUAGE_CODES, SOURCE_LANGUAGE, language
from .plurals import plural_rule

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
    """Read a ``.po`` file; :class:`babel.messages.pofile.PoFileError` if it is broken.

    Babel's reader drops the previous source of fuzzy entries (``#| msgid``); it is
    restored here so that translators keep seeing what changed.
    """
    raw = path.read_bytes()
    catalog = read_po(io.BytesIO(raw), locale=lang, abort_invalid=True)
    if b"#| " in raw:
        _restore_previous_ids(catalog, raw.decode(catalog.charset or "utf-8", "replace"))
        for message in catalog:  # Babel reads "#| msgid" lines as translator comments
            message.user_comments = [comment for comment in message.user_comments
                                     if not comment.startswith("|")]
    return catalog


_ENTRY_LINE = re.compile(r'^(#\| )?(msgctxt|msgid_plural|msgid)? ?(".*")$')


def _restore_previous_ids(catalog: Catalog, text: str) -> None:
    for entry in text.split("\n\n"):
        fields: dict[str, str] = {}
        current = ""
        for line in entry.splitlines():
            match = _ENTRY_LINE.match(line.strip())
            if match is None:
                current = ""
                continue
            previous, keyword, literal = match.groups()
            if keyword:
                current = ("previous " if previous else "") + keyword
            if current:
                fields[current] = fields.get(current, "") + unescape(literal)
        if "previous msgid" in fields and "msgid" in fields:
            message = catalog.get(fields["msgid"], fields.get("msgctxt"))
            if message is not None:
                message.previous_id = [fields["previous msgid"]] + (
                    [fields["previous msgid_plural"]] if "previous msgid_plural" in fields
                    else [])


def new_catalog(lang: str | None, domain: str) -> Catalog:
    """An empty catalog with the headers Poedit expects (plural forms from CLDR)."""
    catalog = Catalog(locale=lang, domain=domain, project=PROJECT, version=__version__,
                      msgid_bugs_address="", charset="utf-8",
                      copyright_holder="The policykb authors", fuzzy=False)
    catalog.language_team = language(lang).english_name if lang else ""
    if lang:
        _set_plural_rule(catalog, lang)
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
        if message.id and catalog.get(message.id, message.context) is None:
            key = (_singular(message.id), message.context)
            revived = _pop_obsolete(catalog, key) or _pop_reverted(catalog, key)
            if revived is not None:
                revived.id = message.id
                catalog[message.id] = revived
    previous = {(_singular(message.id), message.context): message.previous_id
                for message in catalog if message.id and message.fuzzy and message.previous_id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=True,
                   keep_user_comments=True, update_creation_date=True)
    for message in catalog:  # Babel forgets the previous source of entries still fuzzy
        if message.id and message.fuzzy and not message.previous_id:
            message.previous_id = previous.get((_singular(message.id), message.context), [])
    _normalise_headers(catalog, lang)
    return catalog


def _singular(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else str(msgid[0])


def _pop_obsolete(catalog: Catalog, key: tuple[str, str | None]) -> Message | None:
    """An obsolete entry whose source has come back."""
    for obsolete_key, message in list(catalog.obsolete.items()):
        if (_singular(message.id), message.context) == key:
            del catalog.obsolete[obsolete_key]
            return message
    return None


def _pop_reverted(catalog: Catalog, key: tuple[str, str | None]) -> Message | None:
    """A fuzzy entry whose source went back to the text it was translated from."""
    for message in list(catalog):
        if message.id and message.fuzzy and message.previous_id and \
                (message.previous_id[0], message.context) == key:
            catalog.delete(message.id, message.context)
            message.flags.discard("fuzzy")
            message.previous_id = []
            return message
    return None


def _normalise_headers(catalog: Catalog, lang: str) -> None:
    """Language and Plural-Forms from the project's tables, whatever an editor left."""
    catalog.locale = lang
    _set_plural_rule(catalog, lang)


def _set_plural_rule(catalog: Catalog, lang: str) -> None:
    """The ``Plural-Forms`` Babel writes: the project's rule, not the installed CLDR's."""
    catalog.mime_headers = [("Plural-Forms", plural_rule(lang).header)]


def is_translated(message: Message) -> bool:
    """A message whose translation is complete and not marked fuzzy."""
    if message.fuzzy or not message.id:
        return False
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return bool(strings) and all(strings)


__all__ = ["PoFileError"]
