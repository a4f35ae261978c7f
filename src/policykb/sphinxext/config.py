"""The extension's settings, read from ``conf.py`` and checked once on ``config-inited``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..languages import LANGUAGE_CODES, SOURCE_LANGUAGE
from ..sitemap import DEFAULT_BASE_URL, check_base_url


@dataclass(frozen=True)
class PolicyKBConfig:
    """``policykb_*`` settings in ``conf.py``."""

    kb_dir: str = "kb"
    """The library folder, relative to the source folder."""
    languages: tuple[str, ...] = LANGUAGE_CODES
    """Every language the site is built in (for the switcher and hreflang links)."""
    base_url: str = DEFAULT_BASE_URL
    """Where the site is published (``<base_url><lang>/`` per language): absolute links."""

    @classmethod
    def register(cls, app: Sphinx) -> None:
        """Declare the ``policykb_*`` config values and their check."""
        for item in fields(cls):
            app.add_config_value(f"policykb_{item.name}", item.default, "env",
                                 types=(list, tuple) if item.name == "languages" else ())
        app.connect("config-inited", cls._check, priority=100)

    @classmethod
    def of(cls, config: Config) -> PolicyKBConfig:
        """The settings of a loaded Sphinx config."""
        values: dict[str, Any] = {item.name: getattr(config, f"policykb_{item.name}")
                                  for item in fields(cls)}
        values["languages"] = tuple(values["languages"])
        return cls(**values)

    @classmethod
    def _check(cls, app: Sphinx, config: Config) -> None:
        settings = cls.of(config)
        if not (Path(app.srcdir) / settings.kb_dir).is_dir():
            raise ConfigError(f"policykb_kb_dir: folder '{settings.kb_dir}' not found in "
                              f"{app.srcdir}")
        for code in settings.languages:
            try:
                Locale.parse(code)
            except (ValueError, UnknownLocaleError):
                raise ConfigError(f"policykb_languages: '{code}' is not a CLDR locale") from None
        language = config.language or SOURCE_LANGUAGE
        if language not in settings.languages:
            raise ConfigError(f"language '{language}' is not in policykb_languages "
                              f"({', '.join(settings.languages)})")
        try:
            config.policykb_base_url = check_base_url(settings.base_url)
        except ValueError as error:
            raise ConfigError(f"policykb_base_url: {error}") from None
        # Sphinx writes each page's canonical link from it
        config.html_baseurl = f"{config.policykb_base_url}{language}/"
