"""Checks of translated messages: what ``policykb check-po`` reports and the build refuses.

A translation that changes the placeholders or the markup of its source, or holds
what no page may show (HTML, a script link, a directive, control characters...), is
never published: :func:`publication_problems` is the one rule that the build of kb
pages, interface and theme strings, site pages and the browser's strings applies, and
the build shows English instead. ``check-po`` also reports plural forms
that do not fit the language, a wrong ``Plural-Forms`` header, text in the wrong
script and a translation copied from the English.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from . import markup
from .catalogs import KB_DOMAIN_DIR, PoFileError, all_catalogs, messages_dir, read_catalog
from .extract import library_messages, template_catalog
from .frames import NAME_FRAME_COMMENT, NameFrames, load_name_frames, name_frame_problems
from .model import Library
from .plurals import header_problem, plural_rule
from .problems import Problem
from .yamlfile import read_yaml

GLOSSARY_FILE = "glossary.yaml"

# Every pattern here runs in linear time: no two repeats can match the same characters
# (a catalog may hold 100,000 '<' in one message).
_FORMATS = re.compile(r"\{[a-z_][a-z0-9_]*\}|%\([a-z_]+\)[sd]|%[sd]|\$\{[A-Za-z_]+\}")
_REST_LINK = re.compile(r"`[^`<>]*<([^`<>]+)>`_{1,2}")
_REST_MARKUP = re.compile(r":[a-z:-]+:`[^`]*`|`[^`<>]*<[^`<>]+>`_{1,2}|\*\*|``")
_NOT_WORDS = re.compile(r"\{[^{}]*\}|%\([^()]*\)[sd]|\$\{[^{}]*\}|https?://\S+|(?<!\S)[^\s@]+@\S+"
                        r"|:[a-z-]+:`[^`]*`|<[^<>]+>")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?")
_SCRIPT_URL = re.compile(r"\b(?:java|vb)script\s*:|\bdata:(?:[a-z-]+/[a-z0-9.+-]+)?(?:;[^,\s]*)?,",
                         re.I)
_LINK_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = ("http", "https")
_DIRECTIVE = re.compile(r"^[ \t]*\.\.(?:[ \t]|$)|\|[^|\s]+\|_{0,2}(?!\S)", re.M)
_MARKUP_CHARS = "*`"
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
_PERCENT_FORMAT = re.compile(r"%%|%\([a-z_]+\)[sd]|%[sd]")
MAX_LENGTH_FACTOR, MAX_LENGTH_SLACK = 4, 400
"""A translation longer than 4 times its source plus 400 characters is a mistake."""

SCRIPTS = {
    "ta": ("TAMIL",),
    "el": ("GREEK",),
    "uk": ("CYRILLIC",),
    "tl": ("LATIN",),
}
"""The letters a translation is written in (names from the Unicode character database)."""
RUSSIAN_ONLY = set("ыЫэЭъЪёЁ")


def placeholders(text: str) -> Counter[str]:
    """Placeholders of every format used in the project: {name}, %(name)s, %s, ${name}."""
    return Counter(_FORMATS.findall(text))


def markup_signature(text: str, kb: bool) -> tuple[object, ...]:
    """What markup a text holds, independent of word order."""
    if kb:
        parsed = markup.parse(text)
        styles = Counter(seg.style for seg in parsed.segments if isinstance(seg, markup.Styled))
        roles = Counter((role.name, role.target) for role in parsed.roles())
        return (tuple(sorted(styles.items())), tuple(sorted(roles.items())), parsed.errors)
    found = Counter(re.sub(r"`[^`<]*<", "`<", token) for token in _REST_MARKUP.findall(text))
    return tuple(sorted(found.items()))


def _strings(message: Message) -> list[str]:
    value = message.string
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


def _sources(message: Message) -> list[str]:
    value = message.id
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


def _tags(text: str) -> Counter[str]:
    """The HTML tags in ``text`` (reST links, whose target is in <>, left out)."""
    return Counter(tag.lower() for tag in _HTML_TAG.findall(_REST_LINK.sub(" ", text)))


def content_problems(string: str, source: str) -> list[str]:
    """What a translation holds that its source does not and no page may show: HTML,
    script or data links, links outside the site and the web, reST directives, control
    and bidirectional characters, unbalanced ``*`` or backticks, a lone ``%`` in a
    %-format string, an absurd length."""
    problems = []
    known = _tags(source)
    added = [tag for tag in _tags(string) if tag not in known]
    if added:
        problems.append(f"holds HTML {' '.join(added)[:80]}; a translation is text only")
    if _SCRIPT_URL.search(string) and not _SCRIPT_URL.search(source):
        problems.append("holds a javascript: or data: link")
    targets = [match.group(1) for match in _REST_LINK.finditer(string)]
    schemes = {scheme.group(1).lower() for target in targets
               if (scheme := _LINK_SCHEME.match(target))}
    if schemes - set(_SAFE_SCHEMES):
        unsafe = ", ".join(f"{scheme}:" for scheme in sorted(schemes - set(_SAFE_SCHEMES)))
        problems.append(f"links to a {unsafe} address; a link may only point inside the site "
                        "or to http(s)")
    if len(_DIRECTIVE.findall(string)) > len(_DIRECTIVE.findall(source)):
        problems.append("holds reST explicit markup ('.. ', a directive, or a |substitution|)")
    controls = sorted({char for char in string if char in _BIDI_CONTROLS or (
        unicodedata.category(char) == "Cc" and char not in "\n\t")} - set(source))
    if controls:
        shown = ", ".join(f"U+{ord(char):04X}" for char in controls[:5])
        problems.append(f"holds invisible control or bidirectional characters ({shown})")
    for char in _MARKUP_CHARS:
        if string.count(char) != source.count(char):
            problems.append(f"unbalanced markup: {string.count(char)} '{char}' where the "
                            f"English has {source.count(char)}")
    if _PERCENT_FORMAT.search(source) and "%" in _PERCENT_FORMAT.sub("", string):
        problems.append("holds a lone '%' in a %-format string: write '%%' for a percent sign")
    if len(string) > MAX_LENGTH_FACTOR * len(source) + MAX_LENGTH_SLACK:
        problems.append(f"is {len(string):,} characters long, the English {len(source):,}: "
                        "too long to be its translation")
    return problems


def publication_problems(message: Message, kb: bool) -> list[str]:
    """Why a translated message must not be published: placeholders or markup changed, or
    content that no page may show (see :func:`content_problems`). The one rule for every
    catalog: kb messages, interface strings, theme and site pages."""
    problems = []
    sources = _sources(message)
    wanted = placeholders(" ".join(sources))
    for index, string in enumerate(_strings(message)):
        if not string:
            continue
        form = f"plural form {index}: " if len(_strings(message)) > 1 else ""
        problems += [form + problem for problem in
                     content_problems(string, sources[min(index, len(sources) - 1)])]
        got = placeholders(string)
        if set(got) != set(wanted):
            missing = sorted(set(wanted) - set(got))
            extra = sorted(set(got) - set(wanted))
            detail = "; ".join(part for part in (
                f"drops {', '.join(missing)}" if missing else "",
                f"adds {', '.join(extra)}" if extra else "") if part)
            problems.append(f"{form}placeholders differ from the source: {detail}")
        if markup_signature(string, kb) != markup_signature(_sources(message)[0], kb):
            problems.append(f"{form}markup differs from the source (keep **, *, roles and "
                            "links exactly as in the English)")
    return problems


def _letters(text: str) -> list[str]:
    return [char for char in _NOT_WORDS.sub(" ", text) if char.isalpha()]


def script_problem(text: str, lang: str) -> str | None:
    """Why ``text`` is not written in the script of ``lang``, or None."""
    letters = _letters(text)
    if not letters:
        return None
    if lang == "uk" and RUSSIAN_ONLY & set(letters):
        found = "".join(sorted(RUSSIAN_ONLY & set(letters)))
        return f"holds letters that Ukrainian does not use ({found}): is it Russian?"
    expected = SCRIPTS.get(lang)
    if expected is None:
        return None
    def script(char: str) -> str:
        return unicodedata.name(char, "").split(" ")[0]
    scripts = Counter(script(char) for char in letters)
    foreign = sorted(name for name in scripts if name not in (*expected, "LATIN"))
    if foreign:
        return f"holds {', '.join(foreign).lower()} letters; {lang} is written in " \
               f"{expected[0].lower()} script"
    if expected[0] != "LATIN" and scripts[expected[0]] < scripts["LATIN"]:
        return f"is mostly in Latin letters; {lang} is written in {expected[0].lower()} script"
    return None


@dataclass(frozen=True)
class GlossaryTerm:
    """An English term and how a language renders it, from ``locales/<lang>/glossary.yaml``.

    ``match`` lists stems, one of which a translation of a text holding the term must
    contain (stems, because Greek, Tamil and Ukrainian inflect).
    """

    english: str
    translation: str
    match: tuple[str, ...]

    def in_source(self, text: str) -> bool:
        """True if ``text`` holds the term, singular or plural ("policy", "policies")."""
        singular = re.escape(self.english)
        if re.search(r"[^aeiou]y$", self.english):
            pattern = rf"{singular[:-1]}(y|ies)"
        else:
            pattern = rf"{singular}(s|es)?"
        return re.search(rf"\b{pattern}\b", text, re.I) is not None

    def in_translation(self, text: str) -> bool:
        lowered = text.casefold()
        return any(stem.casefold() in lowered for stem in self.match)


@dataclass(frozen=True)
class LanguageRules:
    """What ``locales/<lang>/glossary.yaml`` asks of every translation in the language."""

    terms: tuple[GlossaryTerm, ...] = ()
    name_frames: NameFrames | None = None
    names: frozenset[str] = frozenset()
    """The placeholders that hold a proper name (variables marked ``proper_name``)."""


def load_language_rules(locale_dir: Path, lang: str,
                        names: frozenset[str] = frozenset()) -> tuple[LanguageRules, list[Problem]]:
    """The glossary and name frames of ``lang`` (none if it has no glossary) and any problem
    in its file; ``names`` are the placeholders the name frames apply to."""
    path = locale_dir / lang / GLOSSARY_FILE
    if not path.is_file():
        return LanguageRules(names=names), []
    document = read_yaml(path)
    if isinstance(document, Problem):
        return LanguageRules(names=names), [document]
    entries = document.data.get("terms") if isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        return LanguageRules(names=names), [
            Problem(path, 1, "the glossary needs a list 'terms' of {en, translation, match}")]
    terms, problems = [], []
    for index, entry in enumerate(entries):
        ok = isinstance(entry, dict) and isinstance(entry.get("en"), str) \
            and isinstance(entry.get("translation"), str) \
            and isinstance(entry.get("match"), list) and entry["match"] \
            and all(isinstance(stem, str) and stem for stem in entry["match"])
        if not ok:
            problems.append(Problem(path, document.line(("terms", index)),
                                    "a term needs 'en', 'translation' and a list 'match' of "
                                    "stems"))
            continue
        terms.append(GlossaryTerm(entry["en"], entry["translation"], tuple(entry["match"])))
    frames, frame_problems = load_name_frames(document)
    return LanguageRules(tuple(terms), frames, names), problems + frame_problems


def check_catalog(path: Path, lang: str,
                  rules: LanguageRules | None = None) -> Iterator[Problem]:
    """Every finding in one catalog, each at the line of its message."""
    try:
        catalog = read_catalog(path, lang)
    except PoFileError as error:
        yield Problem(path, getattr(error, "lineno", 0), f"cannot read catalog: {error}")
        return
    yield from _check_header(path, catalog, lang)
    kb = "/LC_MESSAGES/kb/" in path.as_posix()
    nplurals = plural_rule(lang).forms
    for message in catalog:
        # a fuzzy message is never published: its old translation waits for the translator
        if not message.id or message.fuzzy or not any(_strings(message)):
            continue
        line = message.lineno or 0
        for problem in publication_problems(message, kb):
            yield Problem(path, line, problem)
        if isinstance(message.id, list | tuple) and len(_strings(message)) != nplurals:
            yield Problem(path, line, f"has {len(_strings(message))} plural forms; {lang} "
                                      f"needs {nplurals}")
        yield from _script_or_copy(path, line, message, lang)
        if kb and rules is not None:
            yield from _glossary_problems(path, line, message, rules.terms)
            yield from _name_problems(path, line, message, lang, rules)


_ROLE = re.compile(r":[a-z-]+:`[^`]*`")


def _glossary_problems(path: Path, line: int, message: Message,
                       glossary: tuple[GlossaryTerm, ...]) -> Iterator[Problem]:
    # a link's target (:block:`refund-method`) is an id, not a word of the text
    source, strings = _ROLE.sub(" ", " ".join(_sources(message))), _strings(message)
    for term in glossary:
        if term.in_source(source) and not all(term.in_translation(text) for text in strings):
            yield Problem(path, line, f"glossary: '{term.english}' is translated as "
                                      f"'{term.translation}' in this language")


def _name_problems(path: Path, line: int, message: Message, lang: str,
                   rules: LanguageRules) -> Iterator[Problem]:
    if rules.name_frames is None or any(comment.startswith(NAME_FRAME_COMMENT)
                                        for comment in message.user_comments):
        return
    for problem in name_frame_problems(_strings(message), rules.names, rules.name_frames, lang):
        yield Problem(path, line, problem)


SAME_AS_SOURCE = "same-as-source"
"""A translator comment (``# same-as-source: reason``) that accepts a copy of the English."""


def _script_or_copy(path: Path, line: int, message: Message, lang: str) -> Iterator[Problem]:
    """At most one finding per message: a copy of the English, else the wrong script."""
    sources = _sources(message)
    accepted = any(comment.startswith(SAME_AS_SOURCE) for comment in message.user_comments)
    for index, string in enumerate(_strings(message)):
        if accepted:
            return
        if string == sources[min(index, len(sources) - 1)] and len(_letters(string)) > 3:
            yield Problem(path, line, "translation is a copy of the English source (if that "
                                      f"is right, add the comment '# {SAME_AS_SOURCE}: reason')")
            return
        reason = script_problem(string, lang)
        if reason:
            yield Problem(path, line, f"translation {reason}")
            return


def _check_header(path: Path, catalog: Catalog, lang: str) -> Iterator[Problem]:
    header = dict(catalog.mime_headers)
    problem = header_problem(header.get("Plural-Forms", ""), lang)
    if problem:
        yield Problem(path, _header_line(path, "Plural-Forms"), problem)
    if header.get("Language") != lang:
        yield Problem(path, _header_line(path, "Language"),
                      f"Language header is '{header.get('Language')}'; expected '{lang}'")


def _header_line(path: Path, name: str) -> int:
    """The line of a header field in a catalog (1 if it is missing)."""
    with path.open(encoding="utf-8", errors="replace") as stream:
        for number, line in enumerate(stream, start=1):
            if line.startswith(f'"{name}:'):
                return number
            if number > 40:
                break
    return 1


_MSGFMT_LINE = re.compile(r"^(?P<path>.+?\.po):(?P<line>\d+): (?P<message>.+)$")
_MSGFMT_NOTICES = ("still has the initial default value", "header field 'Last-Translator'")


def msgfmt_problems(path: Path) -> list[Problem]:
    """GNU ``msgfmt -c`` on one catalog; its notices about untouched headers are left out."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [Problem(path, 0, "msgfmt not found: install GNU gettext to check catalogs")]
    process = subprocess.run([msgfmt, "-c", "-o", os.devnull, str(path)], capture_output=True,
                             text=True, check=False)
    problems = []
    for row in process.stderr.splitlines():
        match = _MSGFMT_LINE.match(row)
        if match and not any(notice in row for notice in _MSGFMT_NOTICES):
            problems.append(Problem(path, int(match["line"]), f"msgfmt: {match['message']}"))
    if process.returncode != 0 and not problems:
        problems.append(Problem(path, 0, f"msgfmt -c failed: {process.stderr.strip()}"))
    return problems


def check_po(locale_dir: Path, langs: list[str], msgfmt: bool = True,
             names: frozenset[str] = frozenset()) -> list[Problem]:
    """Findings in every catalog of ``langs`` (with GNU msgfmt -c), by file and line;
    ``names`` are the placeholders that hold a proper name."""
    problems: list[Problem] = []
    for lang in langs:
        rules, problems_in_glossary = load_language_rules(locale_dir, lang, names)
        problems += problems_in_glossary
        for path in all_catalogs(locale_dir, lang):
            problems += check_catalog(path, lang, rules)
            if msgfmt:
                problems += msgfmt_problems(path)
    return sorted(problems)


def out_of_step_problems(locale_dir: Path, langs: list[str], library: Library) -> list[Problem]:
    """Kb catalogs that no longer match the library: an entry whose English is not in the
    library (a msgid edited by hand: its translation is never shown) or a message of the
    library the catalog lacks. Both mean: run ``make update-po``."""
    problems: list[Problem] = []
    for kb_relative, messages in library_messages(library).items():
        relative = Path(KB_DOMAIN_DIR) / kb_relative.with_suffix(".po")
        template = template_catalog(messages, kb_relative, relative.stem)
        wanted = {(message.id, message.context) for message in template if message.id}
        for lang in langs:
            path = messages_dir(locale_dir, lang) / relative
            try:
                catalog = read_catalog(path, lang) if path.is_file() else None
            except PoFileError:
                continue  # reported by check_catalog
            if catalog is None:
                problems.append(Problem(path, 0, "missing: the library has messages for it; "
                                                 "run make update-po"))
                continue
            found = {(message.id, message.context) for message in catalog if message.id}
            for message in catalog:
                if message.id and (message.id, message.context) not in wanted:
                    problems.append(Problem(path, message.lineno or 1,
                                            "this English is not in the library (edited by "
                                            "hand?), so its translation is never shown; run "
                                            "make update-po"))
            missing = len(wanted - found)
            if missing:
                problems.append(Problem(path, 1, f"{missing} message{'s' if missing != 1 else ''}"
                                                 " of the library missing; run make update-po"))
    return sorted(problems)
