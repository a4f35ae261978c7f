"""Doctree nodes for marked variables and template clauses, and how HTML shows them."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class variable(nodes.inline):
    """A variable's value inside a clause: ``name``, ``type`` and whether it is a default."""


class clause(nodes.paragraph):
    """A template clause; ``when`` and ``count`` attributes say what switches or inflects it."""


class legal_warning(nodes.paragraph):
    """A warning against the chosen country's law; ``when``, ``below`` and ``fact`` say when
    it shows (the page script checks them again as values change)."""


class country_note(nodes.paragraph):
    """Guidance for one country (``country``); only the chosen country's note is shown."""


class form(nodes.inline):
    """One plural form of a clause (``index``); only the one fitting the count is shown."""


def _data_attributes(node: nodes.Element, names: tuple[str, ...]) -> dict[str, Any]:
    return {f"data-{name.replace('_', '-')}": node[name] for name in names if name in node}


def visit_variable_html(self: Any, node: variable) -> None:
    attributes = _data_attributes(node, ("var", "type", "unit", "currency", "currency_var"))
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_variable_html(self: Any, node: variable) -> None:
    self.body.append("</span>")


def visit_clause_html(self: Any, node: clause) -> None:
    attributes = _data_attributes(node, ("clause", "when", "count", "plural"))
    self.body.append(self.starttag(node, "p", "", **attributes))


def visit_legal_warning_html(self: Any, node: legal_warning) -> None:
    attributes = _data_attributes(node, ("warning", "fact", "when", "below"))
    attributes["role"] = "note"
    if node.get("hidden"):
        attributes["hidden"] = "hidden"
    self.body.append(self.starttag(node, "p", "", **attributes))


def visit_country_note_html(self: Any, node: country_note) -> None:
    attributes = _data_attributes(node, ("country",))
    if node.get("hidden"):
        attributes["hidden"] = "hidden"
    self.body.append(self.starttag(node, "p", "", **attributes))


def visit_form_html(self: Any, node: form) -> None:
    attributes = _data_attributes(node, ("form",))
    if node.get("hidden"):
        attributes["hidden"] = "hidden"
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_clause_html(self: Any, node: clause) -> None:
    self.body.append("</p>\n")


def _as(name: str) -> tuple[Any, Any]:
    """Visitors that render a node like the standard node ``name`` (for other builders)."""
    return (lambda self, node: getattr(self, f"visit_{name}")(node),
            lambda self, node: getattr(self, f"depart_{name}")(node))


def register(app: Sphinx) -> None:
    """Add the nodes with an HTML rendering and a plain one for every other builder."""
    inline, paragraph = _as("inline"), _as("paragraph")
    app.add_node(variable, html=(visit_variable_html, depart_variable_html),
                 latex=inline, text=inline, man=inline, texinfo=inline)
    app.add_node(clause, html=(visit_clause_html, depart_clause_html),
                 latex=paragraph, text=paragraph, man=paragraph, texinfo=paragraph)
    app.add_node(legal_warning, html=(visit_legal_warning_html, depart_clause_html),
                 latex=paragraph, text=paragraph, man=paragraph, texinfo=paragraph)
    app.add_node(country_note, html=(visit_country_note_html, depart_clause_html),
                 latex=paragraph, text=paragraph, man=paragraph, texinfo=paragraph)
    app.add_node(form, html=(visit_form_html, depart_variable_html),
                 latex=inline, text=inline, man=inline, texinfo=inline)
