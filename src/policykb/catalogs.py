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

import hashlib
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from . import __version__
from .languages import LANGUAGE_CODES, SOURCE_LANGUAGE, language
from .merge import (
    Memory,
    drop_redundant_obsolete,
    merge,
    previous_context,
    set_previous_context,
    translations_of,
)
from .plurals import plural_rule

TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE)
LC_MESSAGES = "LC_MESSAGES"
KB_DOMAIN_DIR = "kb"
PROJECT = "Customer-service policy library"
COPYRIGHT_HOLDER = "The policykb authors"
TRANSLATORS_ADDRESS = "translators@policykb.org"
TRANSLATORS = f"policykb translators <{TRANSLATORS_ADDRESS}>"
"""Who every catalog names as its team and last translator (headers written by update-po)."""
WIDTH = 79
"""Line width of every catalog update-po writes (site pages too, after sphinx-intl)."""
_CREATION_DATE = re.compile(r'^"POT-Creation-Date: [^"]*\\n"\n', re.M)


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


class CatalogError(PoFileError):
    """A catalog that does not parse cleanly; ``lineno`` is 1-based (0: the whole file)."""

    def __init__(self, reason: str, lineno: int) -> None:
        Exception.__init__(self, reason)
        self.catalog = Catalog()
        self.line = ""
        self.lineno = lineno


_STRING = r'"(?:[^"\\]|\\[\\"ntr])*"'
_PO_LINE = re.compile(
    rf'^(?:#~ |#\| )?(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d\])[ \t]+)?{_STRING}$')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    """True if ``text`` holds a character no page may show (NUL, DEL, C0/C1 but tab, newline)."""
    return _CONTROL.search(text) is not None


def check_syntax(raw: bytes) -> None:
    """Raise :class:`CatalogError` at the first line that is not valid PO.

    Babel's reader silently cuts an unterminated string and lets NUL and other
    control characters through; a catalog must be UTF-8 text whose every message
    line holds complete, quoted strings.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CatalogError("not UTF-8 text", raw[:error.start].count(b"\n") + 1) from None
    for number, line in enumerate(text.splitlines(), 1):
        if has_control_characters(line.rstrip("\r")):
            raise CatalogError("holds a control character (a NUL byte or a binary file?)",
                               number)
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith(("#~", "#|"))):
            continue
        if not _PO_LINE.match(stripped):
            reason = "unterminated string" if stripped.count('"') % 2 else \
                "not a PO line (keyword, quoted string or comment expected)"
            raise CatalogError(reason, number)


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a ``.po`` file; :class:`CatalogError` (a ``PoFileError``) at its line if broken.

    Babel's reader drops the previous source of fuzzy entries (``#| msgid``); it is
    restored here so that translators keep seeing what changed.
    """
    raw = path.read_bytes()
    check_syntax(raw)
    try:
        catalog = read_po(io.BytesIO(raw), locale=lang, abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        raise CatalogError(str(error).rsplit(" on ", 1)[0], error.lineno + 1) from None
    except (ValueError, LookupError) as error:  # e.g. a malformed header
        raise CatalogError(f"cannot be read: {error}", 0) from None
    if b"#| " in raw:
        _restore_previous_ids(catalog, raw.decode("utf-8"))
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
                if "previous msgctxt" in fields:
                    set_previous_context(message, fields["previous msgctxt"])


def new_catalog(lang: str | None, domain: str) -> Catalog:
    """An empty catalog with the headers Poedit expects (plural forms from CLDR)."""
    catalog = Catalog(locale=lang, domain=domain, project=PROJECT, version=__version__,
                      msgid_bugs_address=TRANSLATORS_ADDRESS, charset="utf-8",
                      copyright_holder=COPYRIGHT_HOLDER, fuzzy=False)
    if lang:
        set_headers(catalog, lang)
    else:
        catalog.language_team = ""
    return catalog


def set_headers(catalog: Catalog, lang: str) -> None:
    """The project's header comment, team, translator and plural rule; no fuzzy header."""
    name = language(lang).english_name
    found = re.search(r"Copyright \(C\) (\d{4})", catalog.header_comment or "")
    year = found.group(1) if found else str(datetime.now(UTC).year)
    catalog.header_comment = (
        f"# {name} translations for {PROJECT}.\n"
        f"# Copyright (C) {year} {COPYRIGHT_HOLDER}\n"
        f"# This file is distributed under the same license as the {PROJECT} project.\n"
        f"# {TRANSLATORS}, {year}.\n#")
    catalog.language_team = f"{name} <{TRANSLATORS_ADDRESS}>"
    catalog.last_translator = TRANSLATORS
    catalog.msgid_bugs_address = TRANSLATORS_ADDRESS
    catalog.project = PROJECT
    catalog.version = __version__
    catalog.fuzzy = False
    _normalise_headers(catalog, lang)


def stamp_revision(catalog: Catalog, changed: bool) -> None:
    """``PO-Revision-Date``: now when a translation changed, or when it was never set."""
    if changed or not isinstance(catalog.revision_date, datetime):
        catalog.revision_date = datetime.now(UTC)


def render_catalog(catalog: Catalog, template: bool = False, width: int = WIDTH) -> str:
    """The text of a catalog as it goes to disk.

    The previous source of a fuzzy message (``#| msgctxt``, ``#| msgid``) is written
    here as valid PO strings (Babel wraps it as free text, which msgfmt rejects), and
    an obsolete message keeps its ``#, fuzzy`` flag.
    """
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width, sort_output=False, sort_by_file=False,
             ignore_obsolete=template, include_previous=False, omit_header=False)
    text = buffer.getvalue().decode("utf-8")
    if template:
        return text
    chunks = text.split("\n\n")
    messages = [message for message in catalog if message.id]
    obsolete = list(catalog.obsolete.values())
    if len(chunks) != 2 + len(messages) + len(obsolete):
        raise ValueError("a catalog entry holds a blank line")  # never with write_po
    for index, message in enumerate(messages, 1):
        if message.previous_id:
            chunks[index] = _insert_before_message(chunks[index],
                                                   _previous_lines(message, width))
    for index, message in enumerate(obsolete, 1 + len(messages)):
        if message.fuzzy:
            chunks[index] = _insert_before_message(chunks[index], ["#, fuzzy"])
    return "\n\n".join(chunks)


def _previous_lines(message: Message, width: int) -> list[str]:
    lines = []
    context = previous_context(message)
    if context is not None and context != message.context:
        lines.append(f"#| msgctxt {normalize(context, prefix='#| ', width=width)}")
    keywords = ("msgid", "msgid_plural")
    lines += [f"#| {keyword} {normalize(value, prefix='#| ', width=width)}"
              for keyword, value in zip(keywords, message.previous_id, strict=False)]
    return lines


def _insert_before_message(chunk: str, lines: list[str]) -> str:
    rows = chunk.split("\n")
    at = next(index for index, row in enumerate(rows)
              if row.startswith(("msgctxt", "msgid", "#~ msgctxt", "#~ msgid")))
    return "\n".join(rows[:at] + lines + rows[at:])


def update_catalog(template: Catalog, existing: Catalog | None, lang: str,
                   memory: Memory | None = None) -> Catalog:
    """Merge ``template`` into a language's catalog, keeping every translation.

    See :func:`policykb.merge.merge`: exact matches keep their translation, the
    library's translation memory revives reverted, moved and renamed text, a changed
    source keeps its old translation as fuzzy, and a removed one becomes obsolete.
    The headers are the project's; ``PO-Revision-Date`` moves only when a
    translation changed.
    """
    catalog = existing if existing is not None else new_catalog(lang, template.domain or "")
    set_headers(catalog, lang)
    changed = merge(template, catalog, memory)
    catalog.creation_date = template.creation_date
    stamp_revision(catalog, changed and existing is not None)
    return catalog


def _normalise_headers(catalog: Catalog, lang: str) -> None:
    """Language and Plural-Forms from the project's tables, whatever an editor left."""
    catalog.locale = lang
    _set_plural_rule(catalog, lang)


def _set_plural_rule(catalog: Catalog, lang: str) -> None:
    """The ``Plural-Forms`` Babel writes: the project's rule, not the installed CLDR's."""
    catalog.mime_headers = [("Plural-Forms", plural_rule(lang).header)]


def signature(catalog: Catalog) -> str:
    """A digest of everything :func:`render_catalog` writes, except the date headers."""
    def entry(message: Message) -> tuple[object, ...]:
        return (message.id, message.context, message.string, sorted(message.flags),
                message.locations, message.auto_comments, message.user_comments,
                message.previous_id, previous_context(message))
    headers = [(name, value) for name, value in catalog.mime_headers
               if name not in ("POT-Creation-Date", "PO-Revision-Date")]
    content = (catalog.header_comment, headers, [entry(m) for m in catalog if m.id],
               [entry(m) for m in catalog.obsolete.values()])
    return hashlib.sha256(repr(content).encode()).hexdigest()


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless only ``POT-Creation-Date`` would change; True if written.

    (``PO-Revision-Date`` changes only when a translation did: see :func:`stamp_revision`.)
    """
    if path.is_file():
        old = path.read_text("utf-8", "replace")
        if _CREATION_DATE.sub("", old) == _CREATION_DATE.sub("", text):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return True


def is_translated(message: Message) -> bool:
    """A message whose translation is complete and not marked fuzzy."""
    if message.fuzzy or not message.id:
        return False
    strings = message.string if isinstance(message.string, list | tuple) else [message.string]
    return bool(strings) and all(strings)


__all__ = ["CatalogError", "Memory", "PoFileError", "drop_redundant_obsolete", "translations_of"]
