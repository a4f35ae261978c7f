# A small library for the tests; mirrors the project's conf.py.
project = "Test library"
copyright = "2026, Test"
extensions = ["policykb.sphinxext"]
root_doc = "index"
include_patterns = ["index.rst", "builder.rst", "kb/*/*.yaml"]
language = "en"
smartquotes = False
html_theme = "policykb"
html_theme_path = ["templates"]
html_use_index = False
html_copy_source = False
html_permalinks_icon = "#"
policykb_languages = ["en", "tl", "el", "ta", "uk"]
