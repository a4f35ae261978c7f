"""Every clause of the real library, filled with real names, stays grammatical.

A business name never inflects, so each language frames it (glossary ``name_frames``).
This test renders every clause of every block in tl, el, ta and uk with names of several
grammatical kinds and checks each place a name lands with the same rule check-po uses,
so a new message cannot bring the problem back. A name that ends in a full stop
("Α.Ε.", "Inc.") must not double the stop of its sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.assemble import _Filler, localizer_for
from policykb.catalogs import kb_catalogs, read_catalog
from policykb.checks import load_language_rules
from policykb.countries import country_for_language, for_country
from policykb.frames import NAME_FRAME_COMMENT
from policykb.loader import load_library
from policykb.model import Library

PROJECT = Path(__file__).resolve().parents[1]
NAMES = {
    "el": ["Φούρνος Παπαδόπουλος", "Ταβέρνα Η Ωραία", "Καφέ Λουλούδι", "Παπαδόπουλος Α.Ε."],
    "uk": ["Кав’ярня Ранок", "ТОВ «Світанок»", "Іваненко"],
    "ta": ["சரவணா ஸ்டோர்ஸ்", "முருகன் இட்லி கடை", "லங்கா டிரேடர்ஸ் (பிரைவேட்) லிமிடெட்"],
    "tl": ["Tindahan ni Aling Nena", "Kainan sa Kanto Inc.", "Reyes Hardware"],
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(PROJECT / "kb").library


def reviewed_exceptions(lang: str) -> set[str | None]:
    """Contexts of the messages a reviewer accepted with '# name-frame: reason'."""
    found = set()
    for path in kb_catalogs(PROJECT / "locales", lang):
        for message in read_catalog(path, lang):
            if any(comment.startswith(NAME_FRAME_COMMENT) for comment in message.user_comments):
                found.add(message.context)
    return found


@pytest.mark.parametrize("lang", sorted(NAMES))
def test_every_clause_is_grammatical_with_real_names(library: Library, lang: str) -> None:
    rules, problems = load_language_rules(PROJECT / "locales", lang, library.proper_names())
    assert problems == [] and rules.name_frames is not None, problems
    localizer, _ = localizer_for(PROJECT / "locales", lang)
    accepted = reviewed_exceptions(lang)
    failures: list[str] = []
    filled = 0
    library = for_country(library, country_for_language(library, lang))  # its defaults
    for name in NAMES[lang]:
        filler = _Filler(library, localizer, dict.fromkeys(library.proper_names(), name))
        for block in library.blocks.values():
            for clause in block.clauses:
                if clause.text.context in accepted:
                    continue
                forms = [localizer.text(clause.text)] if clause.text_plural is None else \
                    list(localizer.plural_forms(clause.text, clause.text_plural))
                for form in forms:
                    sentence = "".join(run.text for run in filler.inline(form))
                    start = sentence.find(name)
                    while start != -1:
                        filled += 1
                        end = start + len(name)
                        if not rules.name_frames.allows(sentence, start, end):
                            failures.append(f"{clause.text.context}: {sentence}")
                        if name.endswith(".") and sentence[end:end + 1] == ".":
                            failures.append(f"{clause.text.context}: double full stop: "
                                            f"{sentence}")
                        start = sentence.find(name, end)
    assert filled > 20 * len(NAMES[lang])
    assert failures == [], f"{len(failures)} sentences:\n" + "\n".join(sorted(set(failures)))
