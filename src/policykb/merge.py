"""Merging a template into a language's catalog without losing a translation.

Every translation a catalog holds was written for one English text (its *source*):
an active message's own ``msgctxt`` and ``msgid``, a fuzzy message's previous ones
(``#| msgctxt``, ``#| msgid``), an obsolete message's own. The sources of every
catalog of a language form its :class:`Memory`. Merging a template message then
tries, in order:

1. the same ``msgctxt`` and ``msgid`` in the catalog: kept as it is;
2. the exact English and context anywhere in the memory (a revert, a moved file, a
   clause that becomes plural again): revived, active;
3. the exact English under another context (a renamed block, clause or variable):
   fuzzy, with the old context as ``#| msgctxt``;
4. a similar English in the same catalog (difflib, as msgmerge): fuzzy, with the
   previous source as ``#| msgid``.

A translation whose message goes away, or whose message changes between singular
and plural, is kept as an obsolete ``#~`` entry under its source, all plural forms
included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches

from babel.messages.catalog import Catalog, Message

Ids = tuple[str, ...]
"""``(msgid,)`` or ``(msgid, msgid_plural)``."""
Strings = str | tuple[str, ...]
Source = tuple[Ids, str | None]
"""The English a translation was written for: its ids and its ``msgctxt``."""

_PREVIOUS_CONTEXT = "policykb_previous_context"


def previous_context(message: Message) -> str | None:
    """The ``msgctxt`` of a fuzzy message's previous source (its own unless recorded)."""
    found = getattr(message, _PREVIOUS_CONTEXT, None)
    return str(found) if found is not None else message.context


def set_previous_context(message: Message, context: str | None) -> None:
    """Record the ``msgctxt`` of a fuzzy message's previous source."""
    setattr(message, _PREVIOUS_CONTEXT, context)


def ids(message: Message) -> Ids:
    """The message's ``msgid`` and, for a plural message, its ``msgid_plural``."""
    value = message.id
    return tuple(str(part) for part in value) if isinstance(value, list | tuple) \
        else (str(value),)


def strings_of(message: Message) -> Strings:
    """The translation of ``message``: a string, or a tuple of plural forms."""
    value = message.string
    return tuple(str(part) for part in value) if isinstance(value, list | tuple) \
        else str(value or "")


def has_translation(message: Message) -> bool:
    """True when at least one form of the message is translated."""
    strings = strings_of(message)
    return any(strings) if isinstance(strings, tuple) else bool(strings)


def source(message: Message) -> Source | None:
    """The English the translation of ``message`` was written for, when it is known."""
    if not message.fuzzy:
        return ids(message), message.context
    previous = tuple(str(part) for part in message.previous_id or ())
    if previous and (len(previous) > 1) == isinstance(strings_of(message), tuple):
        return previous, previous_context(message)
    return None


@dataclass
class Memory:
    """Every translation of a language, by its source (best first: active, obsolete, fuzzy)."""

    exact: dict[Source, Strings] = field(default_factory=dict)
    by_ids: dict[Ids, tuple[str | None, Strings]] = field(default_factory=dict)

    @classmethod
    def of(cls, catalogs: Iterable[Catalog]) -> Memory:
        """The memory of ``catalogs``."""
        memory = cls()
        catalogs = list(catalogs)
        active = [message for catalog in catalogs for message in catalog if message.id]
        obsolete = [message for catalog in catalogs for message in catalog.obsolete.values()]
        for group in ([m for m in active if not m.fuzzy], [m for m in obsolete if not m.fuzzy],
                      [m for m in active if m.fuzzy]):
            for message in group:
                found = source(message)
                if found is not None and has_translation(message):
                    memory.exact.setdefault(found, strings_of(message))
                    memory.by_ids.setdefault(found[0], (found[1], strings_of(message)))
        return memory


def merge(template: Catalog, catalog: Catalog, memory: Memory | None = None) -> bool:
    """Bring ``catalog``'s messages in line with ``template``; True if a translation changed.

    ``memory`` is the language's whole library; the catalog's own messages are
    always part of it.
    """
    before = translations_of(catalog)
    merging = _Merge(catalog, [Memory.of([catalog])] + ([memory] if memory else []))
    pending = [merging.exact(message) for message in template if message.id]
    merged = [merging.similar(message) if needs else message for message, needs in pending]
    merging.finish(merged)
    return translations_of(catalog) != before


class _Merge:
    def __init__(self, catalog: Catalog, memories: list[Memory]) -> None:
        self.catalog = catalog
        self.memories = memories
        self.old = {(ids(message)[0], message.context): message
                    for message in catalog if message.id}
        self.used: set[tuple[str, str | None]] = set()
        self.obsolete = dict(catalog.obsolete)
        self.reshaped: list[Message] = []

    def exact(self, template: Message) -> tuple[Message, bool]:
        """Steps 1 and 2; the message and whether it still needs a translation."""
        message = _from_template(template, self.catalog)
        key = (ids(message)[0], message.context)
        old = self.old.get(key)
        if old is not None:
            self.used.add(key)
            message.user_comments = list(old.user_comments)
            if ids(old) == ids(message):
                _take(message, old, fuzzy=old.fuzzy)
                if message.fuzzy:
                    self._revive(message)
                return message, False
            if len(ids(old)) != len(ids(message)):
                self.reshaped.append(old)  # its plural forms (or singular) stay obsolete
        if self._revive(message):
            return message, False
        if old is not None:
            _take(message, old, fuzzy=True)
            return message, False
        return message, True

    def similar(self, message: Message) -> Message:
        """Steps 3 and 4."""
        for memory in self.memories:
            found = memory.by_ids.get(ids(message))
            if found is not None:
                context, strings = found
                message.string = _reshape(strings, message)
                message.flags.add("fuzzy")
                message.previous_id = list(ids(message))
                set_previous_context(message, context)
                return message
        candidates = {ids(old)[0].lower().strip(): key for key, old in self.old.items()
                      if key not in self.used and has_translation(old)}
        close = get_close_matches(ids(message)[0].lower().strip(), candidates, 1)
        if close:
            old = self.old[candidates[close[0]]]
            self.used.add(candidates[close[0]])
            if len(ids(old)) != len(ids(message)):
                self.reshaped.append(old)
            _take(message, old, fuzzy=True)
        return message

    def _revive(self, message: Message) -> bool:
        wanted = (ids(message), message.context)
        for memory in self.memories:
            if wanted in memory.exact:
                message.string = memory.exact[wanted]
                message.flags.discard("fuzzy")
                message.previous_id = []
                set_previous_context(message, None)
                key = self.catalog._key_for(message.id, message.context)
                if key in self.obsolete and ids(self.obsolete[key]) == wanted[0]:
                    del self.obsolete[key]
                return True
        return False

    def finish(self, merged: list[Message]) -> None:
        """Install the merged messages; keep every translation left over as obsolete."""
        active = {(ids(message), message.context) for message in merged
                  if not message.fuzzy and has_translation(message)}
        leftover = [old for key, old in self.old.items() if key not in self.used]
        for old in self.reshaped + leftover:
            self._keep_obsolete(old, active)
        self.catalog._messages = {self.catalog._key_for(message.id, message.context): message
                                  for message in merged}
        self.catalog.obsolete = self.obsolete

    def _keep_obsolete(self, old: Message, active: set[Source]) -> None:
        if not has_translation(old):
            return
        found = source(old)
        previous = (tuple(str(part) for part in old.previous_id or ()), previous_context(old))
        if found is None and previous in active:
            return  # a first plural form, or a singular, of a translation now active again
        if found is None:  # a fuzzy translation of unknown English: kept, still fuzzy
            entry = Message(old.id, strings_of(old), flags={"fuzzy"},
                            user_comments=old.user_comments, context=old.context)
        elif found in active:
            return
        else:
            msgid = found[0][0] if len(found[0]) == 1 else found[0]
            entry = Message(msgid, strings_of(old), user_comments=old.user_comments,
                            context=found[1])
        key = self.catalog._key_for(entry.id, entry.context)
        present = self.obsolete.get(key)
        if present is None or present.fuzzy or not entry.fuzzy:
            self.obsolete[key] = entry


def _from_template(template: Message, catalog: Catalog) -> Message:
    plural = isinstance(template.id, list | tuple)
    return Message(template.id, ("",) * catalog.num_plurals if plural else "",
                   locations=list(template.locations), flags=set(template.flags),
                   auto_comments=list(template.auto_comments), context=template.context)


def _take(message: Message, old: Message, fuzzy: bool) -> None:
    """``old``'s translation for ``message``, fuzzy with the source it was written for."""
    message.string = _reshape(strings_of(old), message)
    if not fuzzy:
        return
    message.flags.add("fuzzy")
    if old.fuzzy:
        message.previous_id = list(old.previous_id or [])
        set_previous_context(message, previous_context(old))
    else:
        message.previous_id = list(ids(old))
        set_previous_context(message, old.context)


def _reshape(strings: Strings, message: Message) -> Strings:
    """``strings`` as the forms ``message`` takes (a plural gets its first form filled)."""
    if not isinstance(message.id, list | tuple):
        return strings[0] if isinstance(strings, tuple) else strings
    if isinstance(strings, tuple):
        return strings
    return (strings,) + ("",) * (len(strings_of(message)) - 1)


def drop_redundant_obsolete(catalogs: Iterable[Catalog]) -> None:
    """Forget obsolete entries whose English, context and translation are active somewhere,
    and obsolete fuzzy entries whose translation is active somewhere (under any English):
    neither holds a translation the library would otherwise lose."""
    catalogs = list(catalogs)
    active = {(ids(message), message.context, strings_of(message)) for catalog in catalogs
              for message in catalog if message.id and not message.fuzzy}
    active_strings = {strings for _, _, strings in active}

    def worth_keeping(message: Message) -> bool:
        if message.fuzzy:
            return strings_of(message) not in active_strings
        return (ids(message), message.context, strings_of(message)) not in active

    for catalog in catalogs:
        catalog.obsolete = {key: message for key, message in catalog.obsolete.items()
                            if worth_keeping(message)}


def translations_of(catalog: Catalog) -> set[tuple[object, ...]]:
    """Every translation of ``catalog`` with its English, fuzziness and obsoleteness."""
    return {(ids(message), message.context, strings_of(message), message.fuzzy, obsolete)
            for obsolete, messages in ((False, list(catalog)),
                                       (True, list(catalog.obsolete.values())))
            for message in messages if message.id and has_translation(message)}
