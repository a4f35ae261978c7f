"""Translation progress per language and part of the site (``policykb stats``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogs import (
    KB_DOMAIN_DIR,
    PoFileError,
    all_catalogs,
    is_translated,
    messages_dir,
    read_catalog,
)


@dataclass
class Progress:
    """Message counts of one language in one part of the site."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def share(self) -> float:
        """The translated share, 0 to 1 (1 when there is nothing to translate)."""
        return self.translated / self.total if self.total else 1.0

    def add(self, other: Progress) -> None:
        self.translated += other.translated
        self.fuzzy += other.fuzzy
        self.untranslated += other.untranslated


def part_of(relative: Path) -> str:
    """The part of the site a catalog belongs to: a kb category, 'kits', 'site' or 'interface'."""
    parts = relative.parts
    if parts[0] == KB_DOMAIN_DIR:
        return parts[1] if len(parts) > 2 else "library"
    if relative.name in ("sphinx.po", "policykb.po"):
        return "interface"
    return "site"


def catalog_progress(path: Path, lang: str) -> Progress:
    """Counts of one catalog (a broken file counts as nothing translated)."""
    progress = Progress()
    try:
        catalog = read_catalog(path, lang)
    except PoFileError:
        return progress
    for message in catalog:
        if not message.id:
            continue
        if is_translated(message):
            progress.translated += 1
        elif message.fuzzy:
            progress.fuzzy += 1
        else:
            progress.untranslated += 1
    return progress


def language_progress(locale_dir: Path, lang: str) -> dict[str, Progress]:
    """Progress of ``lang`` per part of the site, parts sorted by name."""
    parts: dict[str, Progress] = {}
    folder = messages_dir(locale_dir, lang)
    for path in all_catalogs(locale_dir, lang):
        parts.setdefault(part_of(path.relative_to(folder)), Progress()).add(
            catalog_progress(path, lang))
    return dict(sorted(parts.items()))


def total(parts: dict[str, Progress]) -> Progress:
    """All parts added up."""
    result = Progress()
    for progress in parts.values():
        result.add(progress)
    return result


def table(locale_dir: Path, langs: list[str]) -> str:
    """A terminal table: per language and part, translated / fuzzy / untranslated."""
    rows = [f"{'lang':<5} {'part':<12} {'translated':>10} {'fuzzy':>6} {'untransl.':>9} "
            f"{'done':>6}"]
    for lang in langs:
        parts = language_progress(locale_dir, lang)
        for name, progress in [*parts.items(), ("ALL", total(parts))]:
            rows.append(f"{lang:<5} {name:<12} {progress.translated:>10} {progress.fuzzy:>6} "
                        f"{progress.untranslated:>9} {progress.share:>6.0%}")
    return "\n".join(rows)
