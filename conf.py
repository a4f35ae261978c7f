"""Sphinx configuration for the five language sites of the policy library.

Build one language with ``sphinx-build -D language=uk``; ``make html`` builds all
five in parallel (see ``policykb build``).
"""

project = "Customer-service policy library"
author = "The policykb authors"
copyright = "2026"  # the footer adds the holder in the page's language

extensions = ["policykb.sphinxext"]

# Sources: the site pages (reST) and the library itself (kb/*/*.yaml, read by policykb).
root_doc = "index"
include_patterns = ["index.rst", "pages/*.rst", "kb/*/*.yaml"]
# kb/countries/ holds country profiles: data for every page, not pages of their own.
exclude_patterns = ["_build", ".venv", "kb/countries"]

language = "en"
# Each language writes its own quotation marks and apostrophes (« », ’, ʼ); SmartQuotes
# would apply one language's rules to another's text.
smartquotes = False
locale_dirs = ["locales"]
gettext_compact = False
gettext_uuid = False
gettext_location = True

# Library content is text: the policykb parser builds text nodes only, so no reST
# raw or file inclusion can reach a page from kb/. docutils.conf (beside this file)
# turns both off for the site pages too.

html_theme = "policykb"
html_theme_path = ["templates"]
html_title = project
html_static_path = []
html_use_index = False
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_permalinks_icon = "#"

policykb_kb_dir = "kb"
policykb_languages = ["en", "tl", "el", "ta", "uk"]
