"""policykb: a multilingual library of customer-service policy templates."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policykb")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
