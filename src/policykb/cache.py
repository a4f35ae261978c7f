"""A cache of parsed and schema-checked kb files, so unchanged files are not parsed again.

Parsing YAML with line numbers costs about 10 ms a file; with thousands of blocks and
five language builds that would dominate every build. Entries are keyed by the file's
path, modification time and size, and the whole cache by the package version and the
schemas, so any change to a file, a schema or the code starts that entry afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__

_FORMAT = 2  # bump when what is cached changes (2: the publication rule of translations)
KB_CACHE = "kb-cache.pickle"
"""The cache's file name, in the build folder (or a language's doctree folder)."""
CACHE_VARIABLE = "POLICYKB_KB_CACHE"
"""Set by ``policykb build`` so every language build reuses the cache its check filled."""


def _fingerprint() -> str:
    digest = hashlib.sha256(f"{_FORMAT}:{__version__}".encode())
    for schema in sorted(resources.files("policykb.schemas").iterdir(), key=lambda p: p.name):
        if schema.name.endswith(".json"):
            digest.update(schema.read_bytes())
    return digest.hexdigest()


class FileCache:
    """Results computed from files, reused while the file is unchanged."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fingerprint = _fingerprint()
        self.entries: dict[tuple[str, str], tuple[int, int, Any]] = {}
        self.changed = False
        if path is not None:
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            with path.open("rb") as stream:
                fingerprint, entries = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError,
                AttributeError, ImportError):
            return
        if fingerprint == self.fingerprint and isinstance(entries, dict):
            self.entries = entries

    @staticmethod
    def _stamp(file: Path) -> tuple[int, int] | None:
        try:
            status = file.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    def get(self, file: Path, kind: str) -> Any | None:
        """The value stored for ``file`` and ``kind`` if the file has not changed since."""
        entry = self.entries.get((str(file), kind))
        if entry is None or entry[:2] != self._stamp(file):
            return None
        return entry[2]

    def put(self, file: Path, kind: str, value: Any) -> None:
        """Remember ``value`` for the current state of ``file``."""
        stamp = self._stamp(file)
        if stamp is not None:
            self.entries[(str(file), kind)] = (*stamp, value)
            self.changed = True

    def save(self) -> None:
        """Write the cache if anything changed (atomically: readers never see half a file)."""
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".kb-cache-")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((self.fingerprint, self.entries), stream,
                            protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
        self.changed = False
