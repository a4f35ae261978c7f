"""Random English edits, ``update-po`` after each, and what happened to the translations.

``python -m policykb.po_fuzz --sequences 1000`` copies the library and the catalogs
of the chosen languages to a temporary folder and runs sequences of random edits
of the kinds an author makes (:data:`EDITS`), running the real update-po after
each. After every run it checks that no translation written before is lost (each
is still active, fuzzy or obsolete, with all its plural forms) and that every
catalog written passes ``msgfmt -c``; at the end of a sequence it restores the
English exactly and checks that every translation is active again and every
catalog is as it was. ``tests/test_translation.py`` runs the same sequences on
the small test library under Hypothesis.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from .cache import KB_CACHE
from .catalogs import kb_catalogs, messages_dir, read_catalog
from .countries import COUNTRIES_DIR
from .loader import KITS_DIR, load_library
from .merge import Strings, has_translation, ids, strings_of
from .update import update_po

_yaml = YAML()
_yaml.preserve_quotes = True
_yaml.width = 4096


def _load(path: Path) -> Any:
    return _yaml.load(path.read_text("utf-8"))


def _dump(path: Path, data: Any) -> None:
    buffer = io.StringIO()
    _yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), "utf-8")


class Library:
    """The ``kb/`` folder of a project copy, edited the way an author would."""

    def __init__(self, kb: Path, original: Path) -> None:
        self.kb = kb
        self.original = original

    def blocks(self) -> list[Path]:
        return sorted(path for path in self.kb.glob("*/*.yaml")
                      if path.parent.name not in (KITS_DIR, COUNTRIES_DIR))

    def _references(self, old: str, new: str | None) -> None:
        """Point every ``related``, kit entry and ``:block:`` link at ``new`` (or drop them)."""
        role = re.compile(rf":block:`{re.escape(old)}`")
        for path in self.kb.rglob("*.yaml"):
            text = path.read_text("utf-8")
            if old not in text:
                continue
            text = role.sub(f":block:`{new}`" if new else "another block", text)
            path.write_text(text, "utf-8")
            data = _load(path)
            if not isinstance(data, CommentedMap):
                continue
            for key in ("related", "blocks"):
                entries = data.get(key)
                if not isinstance(entries, list):
                    continue
                for index in reversed(range(len(entries))):
                    entry = entries[index]
                    name = entry.get("block") if isinstance(entry, dict) else entry
                    if name != old:
                        continue
                    if new is None:
                        del entries[index]
                    elif isinstance(entry, dict):
                        entry["block"] = new
                    else:
                        entries[index] = new
            _dump(path, data)

    def change_sentence(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        data = _load(path)
        places: list[tuple[Any, Any]] = [(data, "title"), (data, "summary")]
        for key in ("questions", "guidance", "checklist"):
            places += [(data[key], index) for index in range(len(data.get(key) or []))]
        places += [(clause, "text") for clause in data.get("clauses") or []]
        owner, key = rng.choice(places)
        words = str(owner[key]).split(" ")
        at = rng.randrange(len(words))
        words.insert(at, rng.choice(["always", "clearly", "really", "then"]))
        owner[key] = " ".join(words)
        _dump(path, data)
        return True

    def add_block(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        new_id = f"{path.stem}-extra{rng.randrange(100)}"
        target = path.with_name(f"{new_id}.yaml")
        if target.exists():
            return False
        data = _load(path)
        data["id"] = new_id
        _dump(target, data)
        return True

    def delete_block(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        path.unlink()
        self._references(path.stem, None)
        return True

    def rename_block(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        new_id = f"{path.stem}-renamed"
        data = _load(path)
        data["id"] = new_id
        _dump(path.with_name(f"{new_id}.yaml"), data)
        path.unlink()
        self._references(path.stem, new_id)
        return True

    def move_block(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        others = sorted({block.parent for block in self.blocks()} - {path.parent})
        if not others:
            return False
        folder = rng.choice(others)
        data = _load(path)
        data["category"] = folder.name
        _dump(folder / path.name, data)
        path.unlink()
        return True

    def reorder(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        data = _load(path)
        key = rng.choice(["questions", "guidance", "clauses", "checklist"])
        items = data.get(key)
        if not isinstance(items, list) or len(items) < 2:
            return False
        first, second = rng.sample(range(len(items)), 2)
        items[first], items[second] = items[second], items[first]
        _dump(path, data)
        return True

    def rename_variable(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        data = _load(path)
        variables = data.get("variables")
        if not isinstance(variables, dict) or not variables:
            return False
        old = rng.choice(sorted(variables))
        new = f"{old}_x"
        renamed = CommentedMap((new if name == old else name, value)
                               for name, value in variables.items())
        data["variables"] = renamed
        text = io.StringIO()
        _yaml.dump(data, text)
        pattern = re.compile(rf"(?<![\w]){re.escape(old)}(?![\w])")
        placeholder = re.compile(rf"\{{{re.escape(old)}\}}")
        lines = []
        for line in text.getvalue().splitlines(keepends=True):
            line = placeholder.sub(f"{{{new}}}", line)
            if re.match(r"\s*(-\s*)?(count|when):", line):
                line = pattern.sub(new, line)
            lines.append(line)
        path.write_text("".join(lines), "utf-8")
        return True

    def toggle_plural(self, rng: random.Random) -> bool:
        path = rng.choice(self.blocks())
        data = _load(path)
        clauses = data.get("clauses") or []
        if not clauses:
            return False
        clause = rng.choice(clauses)
        if "count" in clause:  # the clause no longer depends on a number
            name = clause.pop("count")
            clause.pop("text_plural", None)
            clause["text"] = str(clause["text"]).replace(f"{{{name}}}", "a few")
            variables = data.get("variables") or {}
            if name in variables and f"{{{name}}}" not in str(clauses):
                del variables[name]
        else:
            counts = [name for name, variable in (data.get("variables") or {}).items()
                      if isinstance(variable, dict) and variable.get("type") == "count"
                      and f"{{{name}}}" in str(clause["text"])]
            if not counts:
                return False
            clause["count"] = counts[0]
            clause["text_plural"] = f"{clause['text']} (several)"
        _dump(path, data)
        return True

    def revert(self, rng: random.Random) -> bool:
        restore(self.original, self.kb)
        return True


EDITS: dict[str, Callable[[Library, random.Random], bool]] = {
    "change a sentence": Library.change_sentence,
    "add a block": Library.add_block,
    "delete a block": Library.delete_block,
    "rename a block": Library.rename_block,
    "move a block": Library.move_block,
    "reorder": Library.reorder,
    "rename a variable": Library.rename_variable,
    "plural on/off": Library.toggle_plural,
    "revert": Library.revert,
}


def restore(source: Path, target: Path) -> None:
    """Make the folder ``target`` an exact copy of ``source`` (copying only what differs)."""
    wanted = {path.relative_to(source): path for path in source.rglob("*") if path.is_file()}
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not (source / relative).is_dir():
            path.rmdir()
    for relative, original in wanted.items():
        copy, status = target / relative, original.stat()
        if not copy.is_file() or (copy.stat().st_mtime_ns, copy.stat().st_size) != \
                (status.st_mtime_ns, status.st_size):
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(original, copy)


Entry = tuple[str, str | None, tuple[str, ...]]
"""A catalog's path under ``LC_MESSAGES``, a msgctxt and the msgid(s)."""


@dataclass
class State:
    """The kb catalogs of one language: active translations and every translation held."""

    active: dict[Entry, Strings] = field(default_factory=dict)
    held: set[Strings] = field(default_factory=set)
    fuzzy: int = 0
    texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, locale_dir: Path, lang: str) -> State:
        state = cls()
        folder = messages_dir(locale_dir, lang)
        for path in kb_catalogs(locale_dir, lang):
            relative = path.relative_to(folder).as_posix()
            text, active, held, fuzzy = _read(path, lang)
            state.texts[relative] = text
            state.active.update({(relative, *entry): strings for entry, strings in active})
            state.held |= held
            state.fuzzy += fuzzy
        return state


_Parsed = tuple[str, list[tuple[tuple[str | None, tuple[str, ...]], Strings]], set[Strings], int]
_parsed: dict[tuple[Path, int, int], _Parsed] = {}


def _read(path: Path, lang: str) -> _Parsed:
    """A catalog's text (without dates), active translations, all translations, fuzzy count."""
    status = path.stat()
    key = (path, status.st_mtime_ns, status.st_size)
    if len(_parsed) > 5000:  # a long run: keep memory bounded
        _parsed.clear()
    if key not in _parsed:
        catalog = read_catalog(path, lang)
        active, held, fuzzy = [], set(), 0
        for obsolete, messages in ((False, list(catalog)), (True, catalog.obsolete.values())):
            for message in messages:
                if not message.id or not has_translation(message):
                    continue
                strings = strings_of(message)
                held.add(strings)
                fuzzy += message.fuzzy
                if not message.fuzzy and not obsolete:
                    active.append(((message.context, ids(message)), strings))
        _parsed[key] = (_DATES.sub("", path.read_text("utf-8")), active, held, fuzzy)
    return _parsed[key]


_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', re.M)


@dataclass
class Figures:
    """What the sequences did to the translations."""

    sequences: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    updates: int = 0
    lost: int = 0
    msgfmt_failures: int = 0
    not_active_after_revert: int = 0
    fuzzy_after_revert: int = 0
    changed_after_revert: int = 0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.edits.items()))
        return "\n".join([
            f"sequences: {self.sequences}",
            f"edits: {sum(self.edits.values())} ({kinds}); {self.skipped} drawn edits left "
            "the library invalid and were undone",
            f"update-po runs: {self.updates}",
            f"translations lost: {self.lost}",
            f"msgfmt -c failures: {self.msgfmt_failures}",
            f"after restoring the English: {self.not_active_after_revert} translations not "
            f"active, {self.fuzzy_after_revert} fuzzy left, {self.changed_after_revert} "
            "catalogs not as they were",
        ])

    @property
    def clean(self) -> bool:
        return not (self.lost or self.msgfmt_failures or self.not_active_after_revert
                    or self.fuzzy_after_revert or self.changed_after_revert)


def msgfmt_failures(paths: Sequence[Path]) -> list[str]:
    """GNU ``msgfmt -c`` on each catalog; the error output of each that fails."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise RuntimeError("msgfmt not found: install GNU gettext")
    failures = []
    for path in paths:
        process = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)],
                                 capture_output=True, text=True, check=False)
        if process.returncode != 0:
            failures.append(process.stderr.strip())
    return failures


class Fuzzer:
    """A project copy whose kb is edited and whose catalogs are updated after each edit."""

    def __init__(self, project: Path, langs: Sequence[str]) -> None:
        self.project = project
        self.langs = list(langs)
        self.library = Library(project / "kb", project / "kb.original")
        if not self.library.original.exists():
            shutil.copytree(self.library.kb, self.library.original)
        self.update()
        self.locales_original = project / "locales.original"
        if not self.locales_original.exists():
            shutil.copytree(project / "locales", self.locales_original)
        self.before = {lang: State.read(project / "locales", lang) for lang in self.langs}

    def update(self) -> list[Path]:
        report = update_po(self.project, self.langs, self.project / "_build", site_pages=False)
        return [path for path in report.written if path.is_file()]

    def run(self, edits: Sequence[tuple[str, int]], figures: Figures) -> None:
        """One sequence: each edit (kind, seed), update-po after it, then the revert."""
        figures.sequences += 1
        for kind, seed in edits:
            snapshot = self.project / "kb.before-edit"
            restore_or_copy(self.library.kb, snapshot)
            EDITS[kind](self.library, random.Random(seed))
            if load_library(self.library.kb, self.project / "_build" / KB_CACHE).problems:
                restore(snapshot, self.library.kb)
                figures.skipped += 1
                continue
            figures.edits[kind] += 1
            self.check(self.update(), figures, f"after {kind} (seed {seed})")
        restore(self.library.original, self.library.kb)
        self.check(self.update(), figures, "after the revert")
        for lang in self.langs:
            after, before = State.read(self.project / "locales", lang), self.before[lang]
            missing = [entry for entry, strings in before.active.items()
                       if after.active.get(entry) != strings]
            changed = [name for name in set(before.texts) | set(after.texts)
                       if before.texts.get(name) != after.texts.get(name)]
            figures.not_active_after_revert += len(missing)
            figures.fuzzy_after_revert += max(0, after.fuzzy - before.fuzzy)
            figures.changed_after_revert += len(changed)
            if missing or changed or after.fuzzy > before.fuzzy:
                figures.failures.append(f"{lang} after {edits}: not active {missing[:3]}, "
                                        f"changed {changed[:3]}")
        restore(self.locales_original, self.project / "locales")

    def check(self, written: list[Path], figures: Figures, when: str) -> None:
        for lang in self.langs:
            held = State.read(self.project / "locales", lang).held
            lost = [strings for strings in self.before[lang].active.values()
                    if strings not in held]
            figures.lost += len(lost)
            if lost:
                figures.failures.append(f"{lang} {when}: lost {lost[:3]}")
        figures.updates += 1
        failures = msgfmt_failures(written)
        figures.msgfmt_failures += len(failures)
        figures.failures += [f"{when}: {failure}" for failure in failures]


def restore_or_copy(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source`` (replacing any previous copy)."""
    if not target.exists():
        shutil.copytree(source, target)
    else:
        restore(source, target)


def copy_project(project: Path, target: Path, langs: Sequence[str]) -> Path:
    """The parts of ``project`` update-po reads: kb, templates and the catalogs of ``langs``."""
    for folder in ("kb", "templates"):
        shutil.copytree(project / folder, target / folder)
    for lang in langs:
        shutil.copytree(project / "locales" / lang, target / "locales" / lang)
    return target


def random_edits(rng: random.Random, most: int) -> list[tuple[str, int]]:
    """1 to ``most`` edits, each a kind and a seed."""
    return [(rng.choice(sorted(EDITS)), rng.randrange(2**32))
            for _ in range(rng.randint(1, most))]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policykb.po_fuzz``: print the figures; exit 1 if any translation suffered."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sequences", type=int, default=1000)
    parser.add_argument("--most-edits", type=int, default=3)
    parser.add_argument("--langs", default="uk")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--project", type=Path, default=Path("."))
    options = parser.parse_args(argv)
    rng = random.Random(options.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="po-fuzz-") as folder:
        fuzzer = Fuzzer(copy_project(options.project, Path(folder) / "project",
                                     options.langs.split()), options.langs.split())
        figures = Figures()
        for number in range(options.sequences):
            fuzzer.run(random_edits(rng, options.most_edits), figures)
            if (number + 1) % 25 == 0:
                print(f"-- {time.perf_counter() - started:.0f} s\n{figures}", file=sys.stderr,
                      flush=True)
    print(figures)
    for failure in figures.failures[:20]:
        print(f"  {failure}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0 if figures.clean else 1


if __name__ == "__main__":
    sys.exit(main())
