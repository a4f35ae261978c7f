"""The builder's saved answers and branches: markup, and the data its script reads.

"Save my answers" writes the answers file (the format ``policykb assemble --values``
reads; see ``policykb.js``, "saved answers"); "Open answers" reads one back and checks it
against the published ``answers.schema.json`` at the site's root, with messages in the
page's language. The branch editor keeps each branch's own values of the variables
marked ``per_branch`` (empty: the business-wide value), and the branch selector beside
the document shows one branch's edition or every branch in a table. Nothing leaves the
browser.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from sphinx.locale import get_translation

from ..answers import CHANNELS, SCHEMA_FILE, per_branch_variables
from ..i18n import Localizer
from ..model import Library, Variable
from .details import _field

_ = get_translation("policykb")

def messages() -> dict[str, str]:
    """Messages the script shows about answers files and branches, in the page's language."""
    return {
        "at": _("Line {line}"),
        "opened": _("Answers opened from {file}."),
        "notOpened": _("{file} was not opened, and nothing has changed:"),
        "syntax": _("the builder cannot read this line. Check its indentation, quotes and "
                    "brackets."),
        "unsupported": _("YAML anchors (&), aliases (*), tags (!) and several documents (---) "
                         "are not supported here: write each value out in full."),
        "json": _("this is not valid JSON."),
        "unknown": _("this is not part of an answers file."),
        "missing": _("“{key}” is missing."),
        "wrong": _("this value does not fit here."),
        "notChoice": _("“{value}” is not one of the choices."),
        "duplicate": _("the same entry appears twice."),
        "noSchema": _("The builder could not load the description of the answers file "
                      "({file}). Open the builder from the website, not from a saved page."),
        "newBranch": _("Branch {number}"),
        "branchName": _("Give the branch the name customers know it by."),
        "branchId": _("Use lower-case letters a–z, digits and hyphens, starting with a letter "
                      "or digit."),
        "branchIdTaken": _("Another branch already has this ID."),
        "kit": _("Kit"), "document": _("Document"), "country": _("Where do you sell?"),
        "effective": _("In force from"), "version": _("Version"),
        "leftOut": _("Optional parts"), "values": _("Your details"),
        "channels": _("How you sell"), "branches": _("Branches"),
    }


def schema_address(docname: str) -> str:
    """The address of :data:`SCHEMA_FILE` relative to the page ``docname`` of a language site
    (``<root>/<lang>/<docname>.html``)."""
    return "../" * (docname.count("/") + 1) + SCHEMA_FILE


def _branch_field(variable: Variable, localizer: Localizer, library: Library) -> str:
    """The field of ``variable`` as in "Your details", for the branch being edited: its ids
    prefixed so that they are the page's only ones."""
    markup = re.sub(r'(?<=["\s])pkb-([fhe])-', r"pkb-b\1-", _field(variable, localizer, library))
    return markup.replace('data-field="', 'data-branch-field="', 1)


COMMAND = re.compile(r"policykb assemble(?: --branch)?")
"""The command line a message names: code, the same in every language."""


def _commands_as_code(text: str) -> str:
    """``text`` (escaped) with the command it names marked as code."""
    return COMMAND.sub(r"<code>\g<0></code>", text)


def answers_html(library: Library, localizer: Localizer, docname: str) -> str:
    """"Save my answers", "Open answers", the branch editor and the branch selector of the
    document, with the data the script needs; hidden until the script runs."""
    words = {key: _commands_as_code(escape(str(message))) for key, message in {
        "title": _("Your answers"),
        "intro": _("Save your answers in a file to keep them, to use them on another device "
                   "or to give them to policykb assemble. The file stays on your device: "
                   "nothing is sent anywhere."),
        "save": _("Save my answers"), "open": _("Open answers"), "branches": _("Branches"),
        "branchesHelp": _("If customers deal with more than one branch, list them here. A "
                          "detail left empty is the business-wide one."),
        "edit": _("Edit branch"), "add": _("Add a branch"), "remove": _("Remove this branch"),
        "name": _("Branch name"), "id": _("Branch ID"),
        "idHelp": _("Lower-case letters a–z, digits and hyphens: it names the branch for "
                    "policykb assemble --branch."),
        "view": _("Document for"), "all": _("All branches (table)"),
    }.items()}
    fields = "".join(_branch_field(variable, localizer, library)
                     for variable in per_branch_variables(library).values())
    content: dict[str, Any] = {
        "schema": schema_address(docname),
        "perBranch": list(per_branch_variables(library)),
        "channels": CHANNELS,
        "messages": {key: str(message) for key, message in messages().items()},
    }
    data = json.dumps(content, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return (
        '<section class="pkb-answers" hidden aria-labelledby="pkb-answers-title">'
        f'<h2 id="pkb-answers-title">{words["title"]}</h2>'
        f'<p class="pkb-help">{words["intro"]}</p><p class="pkb-answers-actions">'
        f'<button type="button" class="pkb-save-answers">{words["save"]}</button> '
        f'<label for="pkb-open-answers">{words["open"]}</label> '
        '<input type="file" id="pkb-open-answers" accept=".yaml,.yml,.json,application/json">'
        '</p><div class="pkb-answers-status" role="status" aria-live="polite"></div>'
        '<fieldset class="pkb-branches" aria-describedby="pkb-branches-help">'
        f'<legend>{words["branches"]}</legend>'
        f'<p class="pkb-help" id="pkb-branches-help">{words["branchesHelp"]}</p>'
        f'<p><label for="pkb-branch-edit">{words["edit"]}</label> '
        '<select id="pkb-branch-edit"></select> '
        f'<button type="button" class="pkb-branch-add">{words["add"]}</button> '
        f'<button type="button" class="pkb-branch-remove">{words["remove"]}</button></p>'
        '<div class="pkb-branch-fields" hidden>'
        f'<div class="pkb-field"><label for="pkb-branch-name">{words["name"]}</label>'
        '<div class="pkb-input"><input type="text" id="pkb-branch-name" autocomplete="off" '
        'aria-describedby="pkb-be-name"></div>'
        '<p class="pkb-error" id="pkb-be-name" role="alert" hidden></p></div>'
        f'<div class="pkb-field"><label for="pkb-branch-id">{words["id"]}</label>'
        '<div class="pkb-input"><input type="text" id="pkb-branch-id" autocomplete="off" '
        'spellcheck="false" aria-describedby="pkb-bh-id pkb-be-id"></div>'
        f'<p class="pkb-help" id="pkb-bh-id">{words["idHelp"]}</p>'
        '<p class="pkb-error" id="pkb-be-id" role="alert" hidden></p></div>'
        f"{fields}</div></fieldset></section>"
        f'<p class="pkb-branch-view" hidden><label for="pkb-branch">{words["view"]}</label> '
        f'<select id="pkb-branch"><option value="">{words["all"]}</option></select></p>'
        f'<script type="application/json" id="pkb-answers-data">{data}</script>')
