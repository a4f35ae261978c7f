"""Web-ready documents: the HTML that `policykb assemble` writes passes the Nu Html Checker."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import PROJECT
from .test_documents import assemble, frame_args

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(*pages: Path) -> str:
    """The Nu Html Checker's errors on ``pages`` (empty when they are valid)."""
    missing = ("Java (apt-get install default-jre-headless)" if shutil.which("java") is None
               else None if VNU.is_file() else "the Nu Html Checker (npm ci)")
    if missing:
        message = f"HTML validation skipped: {missing} is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    return run.stderr + run.stdout if run.returncode else ""


def test_the_online_store_policy_is_valid_html(tmp_path: Path) -> None:
    pages = []
    for lang in ("en", "uk"):
        output = f"policy-{lang}.html"
        result = assemble(tmp_path, "--kit", "online-store", "--lang", lang,
                          *frame_args(tmp_path, "customer-policy"), output=output)
        assert result.exit_code == 0, result.output
        pages.append(tmp_path / output)
    assert vnu_errors(*pages) == ""
