"""Shared fixtures: Sphinx's test roots live in tests/roots/ (see sphinx.testing.fixtures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOTS


def copy_root(name: str, destination: Path) -> Path:
    """A private, writable copy of test root ``name`` (symlinks resolved)."""
    shutil.copytree(ROOTS / f"test-{name}", destination)
    return destination


@pytest.fixture
def library_src(tmp_path: Path) -> Path:
    """A writable copy of the small test library, with the project's templates."""
    return copy_root("library", tmp_path / "src")
