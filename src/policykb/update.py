"""``make update-po``: extract every message and update every catalog of every language.

Library text and interface strings are extracted with context and plurals and
merged by :func:`policykb.catalogs.update_catalog`, with every kb catalog of the
language as translation memory; site pages go through ``sphinx-build -b gettext``
and sphinx-intl, and get the same headers afterwards. If any catalog cannot be
read, each is reported with its file and line and no catalog is changed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from sphinx_intl import basic as sphinx_intl

from .cache import KB_CACHE
from .catalogs import (
    KB_DOMAIN_DIR,
    Memory,
    PoFileError,
    all_catalogs,
    drop_redundant_obsolete,
    messages_dir,
    read_catalog,
    render_catalog,
    set_headers,
    signature,
    stamp_revision,
    translations_of,
    update_catalog,
    write_if_changed,
)
from .extract import library_messages, template_catalog
from .interface import (
    POLICYKB_DOMAIN,
    SPHINX_DOMAIN,
    policykb_template,
    seed_from_sphinx,
    sphinx_template,
)
from .loader import load_library
from .problems import display_path


class UpdateError(Exception):
    """Update-po stopped; the message names the files and lines at fault."""


@dataclass
class UpdateReport:
    """Which catalogs were written and how many stayed as they were."""

    written: list[Path] = field(default_factory=list)
    unchanged: int = 0

    def __str__(self) -> str:
        lines = [f"updated {display_path(path)}" for path in self.written]
        lines.append(f"{len(self.written)} catalogs updated, {self.unchanged} unchanged")
        return "\n".join(lines)


def templates(project: Path, build_dir: Path) -> dict[Path, Catalog]:
    """Template catalogs keyed by their path under ``LC_MESSAGES`` (e.g. ``kb/x/y.po``).

    The library is read through the build's cache of parsed kb files.
    """
    result = load_library(project / "kb", build_dir / KB_CACHE)
    if result.problems:
        raise UpdateError("\n".join(str(problem) for problem in result.problems)
                          + "\nFix the library first; no catalog was changed.")
    found: dict[Path, Catalog] = {}
    for kb_relative, messages in library_messages(result.library).items():
        relative = Path(KB_DOMAIN_DIR) / kb_relative.with_suffix(".po")
        found[relative] = template_catalog(messages, kb_relative, relative.stem)
    found[Path(f"{POLICYKB_DOMAIN}.po")] = policykb_template()
    found[Path(f"{SPHINX_DOMAIN}.po")] = sphinx_template(project)
    return found


def update_po(project: Path, langs: Sequence[str], build_dir: Path,
              purge_obsolete: bool = False, site_pages: bool = True) -> UpdateReport:
    """Update the kb, interface and site catalogs of ``langs`` under ``project/locales``.

    ``purge_obsolete`` drops every obsolete entry (after a release) and the kb
    catalogs whose source is gone; ``site_pages=False`` leaves the site pages'
    catalogs alone (no Sphinx run).
    """
    locale_dir = project / "locales"
    wanted = templates(project, build_dir)
    report = UpdateReport()
    existing = {lang: _read_existing(locale_dir, lang, wanted) for lang in langs}
    written = Written(build_dir / "update-po.json")
    _write_templates(wanted, build_dir / "pot", written)
    for lang in langs:
        _update_language(locale_dir, lang, existing[lang], wanted, purge_obsolete, report,
                         written)
    if site_pages:
        _update_site_pages(project, langs, build_dir / "gettext")
    for lang in langs if site_pages else ():
        before = {relative: catalog for relative, catalog in existing[lang].items()
                  if relative not in wanted and relative.parts[0] != KB_DOMAIN_DIR}
        _normalise_site_pages(locale_dir, lang, before, wanted, purge_obsolete, report,
                              written)
    written.save()
    return report


def _write_templates(wanted: dict[Path, Catalog], pot_dir: Path,
                     written: Written) -> None:
    """``_build/pot/**.pot``, for editors that update a catalog from a template."""
    for relative, template in wanted.items():
        path = (pot_dir / relative).with_suffix(".pot")
        digest = signature(template)
        if not written.unchanged(path, digest):
            write_if_changed(path, render_catalog(template, template=True))
            written.record(path, digest, template)


class Written:
    """What update-po wrote last time (``_build/update-po.json``).

    A catalog whose file is as written and whose content is the same is not rendered
    again (rendering dominates update-po's time); a catalog whose translations differ
    from those update-po last wrote was edited since, and gets a new
    ``PO-Revision-Date``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            saved = json.loads(path.read_text("utf-8"))
            self.files: dict[str, list[object]] = dict(saved["files"])
            self.translations: dict[str, str] = dict(saved["translations"])
        except (OSError, ValueError, KeyError, TypeError):
            self.files, self.translations = {}, {}

    @staticmethod
    def _digest(catalog: Catalog) -> str:
        found = sorted(repr(entry) for entry in translations_of(catalog))
        return hashlib.sha256("\n".join(found).encode()).hexdigest()

    def edited(self, path: Path, catalog: Catalog | None) -> bool:
        """True if the translations of ``catalog`` (as read) changed since update-po wrote
        ``path`` last; False when it never did."""
        last = self.translations.get(str(path))
        return catalog is not None and last is not None and last != self._digest(catalog)

    @staticmethod
    def _stat(path: Path) -> list[object]:
        status = path.stat()
        return [status.st_mtime_ns, status.st_size]

    def unchanged(self, path: Path, digest: str) -> bool:
        """True if ``path`` is the file written last time for content ``digest``."""
        return path.is_file() and self.files.get(str(path)) == [*self._stat(path), digest]

    def record(self, path: Path, digest: str, catalog: Catalog) -> None:
        self.files[str(path)] = [*self._stat(path), digest]
        if catalog.locale is not None:  # a language's catalog, not a template
            self.translations[str(path)] = self._digest(catalog)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"files": self.files, "translations": self.translations},
                                        indent=0, sort_keys=True), "utf-8")


def _update_language(locale_dir: Path, lang: str, existing: dict[Path, Catalog | None],
                     wanted: dict[Path, Catalog], purge_obsolete: bool,
                     report: UpdateReport, written: Written) -> None:
    """The kb and interface catalogs of one language; the kb ones share one memory.

    An obsolete entry whose translation is active elsewhere (a moved or renamed block
    moved back) is dropped, and so is a kb catalog left with no entry.
    """
    catalogs = {relative: catalog for relative, catalog in existing.items()
                if relative in wanted or relative.parts[0] == KB_DOMAIN_DIR}
    memory = Memory.of(catalog for relative, catalog in catalogs.items()
                       if catalog is not None and relative.parts[0] == KB_DOMAIN_DIR)
    merged = {}
    for relative, catalog in catalogs.items():
        template = wanted.get(relative) or Catalog(domain=relative.stem)
        kb = relative.parts[0] == KB_DOMAIN_DIR
        edited = written.edited(messages_dir(locale_dir, lang) / relative, catalog)
        merged[relative] = update_catalog(template, catalog, lang, memory if kb else None)
        stamp_revision(merged[relative], edited)
        if relative == Path(f"{SPHINX_DOMAIN}.po"):
            seed_from_sphinx(merged[relative], lang)
        if purge_obsolete:
            merged[relative].obsolete = {}
    drop_redundant_obsolete(catalog for relative, catalog in merged.items()
                            if relative.parts[0] == KB_DOMAIN_DIR)
    for relative, catalog in merged.items():
        path = messages_dir(locale_dir, lang) / relative
        if relative not in wanted and not catalog.obsolete:
            path.unlink()
            report.written.append(path)
        else:
            _write(path, catalog, report, written)


def _write(path: Path, catalog: Catalog, report: UpdateReport, written: Written) -> None:
    digest = signature(catalog)
    if not written.unchanged(path, digest) and write_if_changed(path, render_catalog(catalog)):
        report.written.append(path)
    else:
        report.unchanged += 1
    written.record(path, digest, catalog)


def _read_existing(locale_dir: Path, lang: str,
                   wanted: dict[Path, Catalog]) -> dict[Path, Catalog | None]:
    """Every catalog of ``lang``: the wanted ones, kb ones whose source is gone, site pages."""
    folder = messages_dir(locale_dir, lang)
    paths = {folder / relative for relative in wanted} | set(all_catalogs(locale_dir, lang))
    catalogs: dict[Path, Catalog | None] = {}
    errors = []
    for path in sorted(paths):
        try:
            catalogs[path.relative_to(folder)] = _read(path, lang) if path.is_file() else None
        except PoFileError as error:
            line = getattr(error, "lineno", 0)
            errors.append(f"{display_path(path)}:{line}: cannot read catalog: {error}")
    if errors:
        raise UpdateError("\n".join(errors) + "\nFix these catalogs first; no catalog was "
                                              "changed.")
    return catalogs


_parsed: dict[tuple[Path, str], tuple[tuple[int, int], bytes]] = {}


def _read(path: Path, lang: str) -> Catalog:
    """:func:`read_catalog`, remembered for the process while the file is unchanged
    (repeated updates, as in ``policykb.po_fuzz``, re-read only what changed)."""
    status = path.stat()
    key, stamp = (path.resolve(), lang), (status.st_mtime_ns, status.st_size)
    if key not in _parsed or _parsed[key][0] != stamp:
        _parsed[key] = (stamp, pickle.dumps(read_catalog(path, lang)))
    catalog: Catalog = pickle.loads(_parsed[key][1])
    return catalog


def _normalise_site_pages(locale_dir: Path, lang: str, before: dict[Path, Catalog | None],
                          wanted: dict[Path, Catalog], purge_obsolete: bool,
                          report: UpdateReport, written: Written) -> None:
    """The project's headers in the catalogs sphinx-intl wrote (no fuzzy header)."""
    folder = messages_dir(locale_dir, lang)
    for path in all_catalogs(locale_dir, lang):
        relative = path.relative_to(folder)
        if relative in wanted or relative.parts[0] == KB_DOMAIN_DIR:
            continue
        catalog = read_catalog(path, lang)
        old = before.get(relative)
        set_headers(catalog, lang)
        stamp_revision(catalog, old is not None and (
            translations_of(old) != translations_of(catalog) or written.edited(path, old)))
        if purge_obsolete:
            catalog.obsolete = {}
        _write(path, catalog, report, written)


SITE_PAGES = "index.rst,pages/*.rst"
"""The reST pages; kb pages are left out, their catalogs are ours (sphinx-intl would
otherwise meet an empty template at the same path as a kb catalog)."""


def _update_site_pages(project: Path, langs: Sequence[str], pot_dir: Path) -> None:
    """Site pages: Sphinx's gettext builder, then sphinx-intl."""
    process = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-E",
         "-D", f"include_patterns={SITE_PAGES}", "-d", str(pot_dir.parent / "doctrees-gettext"),
         str(project), str(pot_dir)], capture_output=True, text=True, check=False)
    if process.returncode != 0:
        raise UpdateError(f"sphinx-build -b gettext failed:\n{process.stderr.strip()}")
    sphinx_intl.update(str(project / "locales"), str(pot_dir), list(langs), jobs=1)
