"""Build the doctree of block and kit pages from the typed model.

Everything from YAML becomes text nodes (through :mod:`policykb.markup`), never
reST, so library text cannot run a directive, include a file or inject HTML.
The nodes carry no ``source``: Sphinx's own gettext machinery leaves them alone,
and the library's catalogs translate them through the :class:`Localizer`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri

from .. import markup
from ..countries import country_name, country_value, warning_holds
from ..docmodel import clause_groups
from ..extract import block_messages, kit_messages
from ..formatting import after_value, format_review_date, format_value
from ..i18n import Localizer
from ..model import (
    LISTS_BRANCHES,
    Audience,
    Block,
    Clause,
    Condition,
    Kit,
    LegalWarning,
    Library,
    Text,
    Variable,
    VariableType,
)
from . import details as pkb_details
from . import nodes as pkb_nodes

_ = get_translation("policykb")


def category_pagename(category: str) -> str:
    """The page that lists the blocks of ``category``."""
    return f"kb/{category}/index"


class PageRenderer:
    """Turns one block or kit into doctree nodes in one language."""

    def __init__(self, library: Library, localizer: Localizer, docname: str) -> None:
        self.library = library
        self.localizer = localizer
        self.locale = localizer.language.locale
        self.docname = docname
        self.fallbacks = 0
        self.hour_cycle = library.country.hour_cycle if library.country else None
        self.id_prefix = ""
        """Put before every section id, so that several kits can share one page."""

    # -- pages ----------------------------------------------------------------

    def block_page(self, block: Block) -> nodes.section:
        """The page of one block: summary, questions, guidance, template, checklist."""
        page = self.page_section(block.id, block.title, block.summary, "pkb-block")
        page += self.block_meta(block)
        page += self.section("questions", _("Questions to decide first"),
                             self.text_list(block.questions, nodes.enumerated_list))
        page += self.section("guidance", _("Guidance"),
                             [self.paragraph(text) for text in block.guidance]
                             + self.country_notes(block))
        page += self.details_panel(self.variables_used(block))
        template = self.section("template", _("Template"), [])
        self.add_clauses(template, block)
        page += template
        page += self.section("values", _("Values used in this template"),
                             [self.values_list(block)], classes=["pkb-static-values"])
        page += self.section("checklist", _("Implementation checklist"),
                             self.text_list(block.checklist, nodes.bullet_list))
        if block.related:
            page += self.section("related", _("Related blocks"),
                                 [self.block_links(ref.block for ref in block.related)])
        self.translation_notice(page, [message.text for message in
                                       block_messages(self.library, block)])
        return page

    def kit_page(self, kit: Kit, with_panel: bool = True) -> nodes.section:
        """A kit: its introduction, then each block's template under its own heading."""
        page = self.page_section(kit.id, kit.title, kit.summary, "pkb-kit")
        page += [self.paragraph(text) for text in kit.introduction]
        if with_panel:
            page += self.details_panel(self.kit_variables(kit), kit.settings)
        texts = [message.text for message in kit_messages(kit)]
        for ref in kit.blocks:
            block = self.library.blocks.get(ref.block)
            if block is None:
                continue  # reported by validation
            texts += [block.title, *(clause.text for clause in block.clauses)]
            # The block's own page is where search leads for its text ("no-search").
            part = self.section(f"block-{block.id}", self.say(block.title), [],
                                classes=["pkb-kit-part", f"pkb-part-{block.id}", "no-search"])
            if ref.optional:
                part += nodes.paragraph("", _("Optional: leave this part out if it does not "
                                              "apply to you."), classes=["pkb-optional"])
            part += nodes.paragraph("", "", self.block_link(block.id, str(_("Why and how"))),
                                    classes=["pkb-kit-guidance"])
            self.add_clauses(part, block)
            page += part
        self.translation_notice(page, texts)
        return page

    # -- building blocks --------------------------------------------------------

    def page_section(self, ident: str, title: Text, summary: Text,
                     kind: str) -> nodes.section:
        section = nodes.section(ids=[self.id_prefix + ident], classes=[kind])
        section += nodes.title("", "", *self.say(title))
        section += self.paragraph(summary, classes=["pkb-summary"])
        return section

    def say(self, text: Text, block: Block | None = None) -> list[nodes.Node]:
        """Library text as nodes; English shown for a missing translation is marked."""
        content = self.inline(self.localizer.text(text), block)
        if self.localizer.is_translated(text):
            return content
        self.fallbacks += 1
        return [nodes.inline("", "", *content, classes=["pkb-fallback", "language-en"])]

    def say_plural(self, singular: Text, plural: Text, count: int,
                   block: Block) -> list[nodes.Node]:
        """Every plural form, the one for ``count`` shown (the page script switches them);
        English shown for a missing translation is marked like :meth:`say`."""
        shown = self.localizer.plural_index(singular, count)
        content: list[nodes.Node] = [
            pkb_nodes.form("", "", *self.inline(text, block), form=str(index),
                           hidden=index != shown, classes=["pkb-form"])
            for index, text in enumerate(self.localizer.plural_forms(singular, plural))]
        if self.localizer.is_translated(singular):
            return content
        self.fallbacks += 1
        return [nodes.inline("", "", *content, classes=["pkb-fallback", "language-en"])]

    def translation_notice(self, page: nodes.section, texts: list[Text]) -> None:
        """Coverage of the page's own texts, and the legend of the fallback mark; only
        when some text is shown in English (translators see coverage on their pages)."""
        if self.localizer.is_source:
            return
        done = sum(self.localizer.is_translated(text) for text in texts)
        if done == len(texts) and not self.fallbacks:
            return
        notice = nodes.paragraph("", _("Texts translated: %(done)s of %(total)s (%(share)s).")
                                 % {"done": format_decimal(done, locale=self.locale),
                                    "total": format_decimal(len(texts), locale=self.locale),
                                    "share": format_percent(done / max(len(texts), 1),
                                                            locale=self.locale)},
                                 classes=["pkb-coverage"])
        if self.fallbacks:
            notice += nodes.Text(" " + _("Texts not yet translated are shown in English and "
                                         "marked:") + " ")
            notice += nodes.inline("", _("not yet translated"), classes=["pkb-fallback"])
        page.insert(2, notice)

    def section(self, ident: str, title: str | list[nodes.Node], children: Iterable[nodes.Node],
                classes: list[str] | None = None) -> nodes.section:
        section = nodes.section(ids=[self.id_prefix + ident], classes=classes or [])
        section += nodes.title("", "", *([nodes.Text(title)] if isinstance(title, str)
                                         else title))
        section += list(children)
        return section

    def block_meta(self, block: Block) -> nodes.paragraph:
        category = self.library.categories[block.category]
        link = nodes.reference("", "", *self.say(category.title),
                               refuri=self.uri(category_pagename(block.category)))
        reviewed = format_review_date(block.reviewed, self.locale)
        return nodes.paragraph(
            "", "",
            nodes.inline("", _("Category:") + " "), link,
            nodes.inline("", " · "),
            nodes.inline("", _("Last reviewed:") + " "),
            nodes.inline("", reviewed, classes=["pkb-reviewed"]),
            classes=["pkb-meta"],
        )

    def paragraph(self, text: Text, classes: list[str] | None = None) -> nodes.paragraph:
        return nodes.paragraph("", "", *self.say(text), classes=classes or [])

    def text_list(self, texts: list[Text], kind: type[nodes.Element]) -> list[nodes.Element]:
        items = kind()
        for text in texts:
            items.append(nodes.list_item("", self.paragraph(text)))
        return [items]

    def inline(self, value: str, block: Block | None = None,
               values: dict[str, str] | None = None) -> list[nodes.Node]:
        """Nodes for library text: literal text, emphasis, block links, marked values (or,
        with ``values``, those values as plain text)."""
        result: list[nodes.Node] = []
        for segment in markup.parse(value).segments:
            if isinstance(segment, markup.Literal):
                result += self.after_placeholder(result, segment.text)
            elif isinstance(segment, markup.Placeholder) and values is not None:
                result.append(nodes.Text(values.get(segment.name, "{" + segment.name + "}")))
            elif isinstance(segment, markup.Placeholder):
                result.append(self.placeholder(segment.name, block))
            elif isinstance(segment, markup.Styled):
                node_class = nodes.strong if segment.style == "strong" else nodes.emphasis
                result.append(node_class("", "", *[
                    nodes.Text(part.text) if isinstance(part, markup.Literal)
                    else self.placeholder(part.name, block) for part in segment.children]))
            elif segment.target in self.library.blocks:
                title = self.library.blocks[segment.target].title
                result.append(self.block_link(segment.target, self.localizer.text(title)))
            else:
                result.append(nodes.Text(segment.target))
        return result

    @staticmethod
    def after_placeholder(previous: list[nodes.Node], text: str) -> list[nodes.Node]:
        """Text after a value: a full stop that follows it stands apart, so that it is
        left out while the value ends with one ("Α.Ε."), here and in the page script."""
        if not (previous and isinstance(previous[-1], pkb_nodes.variable)
                and text.startswith(".") and not text.startswith("..")):
            return [nodes.Text(text)]
        stop = after_value(previous[-1].astext(), ".")
        return [nodes.inline("", stop, classes=["pkb-stop"]), nodes.Text(text[1:])]

    def placeholder(self, name: str, block: Block | None) -> nodes.Node:
        variable = self.library.variable(block, name) if block else None
        if variable is None:
            return nodes.Text("{" + name + "}")
        return self.value_node(variable)

    def value_node(self, variable: Variable) -> pkb_nodes.variable:
        """A variable's default, formatted for the page's locale and visibly marked."""
        node = pkb_nodes.variable(var=variable.name, type=variable.type.value,
                                  classes=["pkb-var"])
        if variable.unit:
            node["unit"] = variable.unit.value
        if variable.type is VariableType.MONEY:
            node["currency"] = self.library.currency_of(variable) or ""
            business = self.library.business_currency()
            if variable.currency is None and business is not None:
                node["currency_var"] = business.name
        if variable.default is None:
            node["classes"].append("pkb-var--empty")
            node += nodes.Text("[")
            node += self.say(variable.label)
            node += nodes.Text("]")
        elif isinstance(variable.default, Text):
            node += self.say(variable.default)
        else:
            node += nodes.Text(self.display_value(variable, variable.default))
        return node

    def display_value(self, variable: Variable, value: Any) -> str:
        if variable.type is VariableType.CHOICE:
            return self.localizer.text(variable.options[value])
        if variable.type is VariableType.YESNO:
            return _("Yes") if value else _("No")
        if isinstance(value, Text):
            return self.localizer.text(value)
        return format_value(variable.type, value, self.locale,
                            self.library.currency_of(variable), self.hour_cycle,
                            lambda message: str(_(message)))

    # -- clauses ----------------------------------------------------------------

    def add_clauses(self, container: nodes.Element, block: Block) -> None:
        """Add the block's clauses: headings open sub-sections, list clauses form lists.
        Warnings against the country's law come first (the script shows those that hold)."""
        container += [self.legal_warning(block, warning) for warning in block.warnings]
        if block.audience is Audience.STAFF:
            container += self.staff_label()
        for group in clause_groups(block):
            target = container
            ident = f"{block.id}-{group.first.id}"
            if group.heading is not None:
                target = self.section(ident, self.say(group.heading), [])
                container += target
                if group.staff_label:
                    target += self.staff_label()
            elif group.for_staff:  # staff rules after customer clauses: a part of their own
                target = self.section(ident, _("For staff"), [], classes=["pkb-staff-part"])
                container += target
            for style, clauses in group.runs:
                if style is None:
                    target += [self.clause(block, clause) for clause in clauses]
                    continue
                listing: nodes.Element = (nodes.enumerated_list() if style == "numbered"
                                          else nodes.bullet_list())
                for clause in clauses:
                    listing.append(nodes.list_item("", self.clause(block, clause)))
                target += listing

    @staticmethod
    def staff_label() -> nodes.paragraph:
        """The mark of clauses for staff: internal rules, never in the customer policy."""
        return nodes.paragraph("", _("For staff"), classes=["pkb-audience"])

    def clause(self, block: Block, clause: Clause) -> pkb_nodes.clause:
        classes = ["pkb-clause"] + (["pkb-staff"] if clause.audience is Audience.STAFF else [])
        node = pkb_nodes.clause(clause=f"{block.id}/{clause.id}", classes=classes)
        conditions = self.library.clause_conditions(block, clause)
        if conditions:
            self.mark_conditions(node, block, conditions)
        if clause.count is not None and clause.text_plural is not None:
            variable = self.library.variable(block, clause.count)
            count = variable.default if variable is not None and variable.default is not None else 0
            node["count"] = clause.count
            if not self.localizer.is_translated(clause.text):
                node["plural"] = "en"  # English forms follow English's rule
            node += self.say_plural(clause.text, clause.text_plural, count, block)
        else:
            node += self.say(clause.text, block)
        return node

    def country_notes(self, block: Block) -> list[nodes.Node]:
        """Each country's note, the site country's shown (the script shows the chosen one);
        its placeholders hold that country's values."""
        found: list[nodes.Node] = []
        for code, text in block.country_notes.items():
            country = self.library.countries.get(code)
            if country is None:
                continue  # reported by validation
            node = pkb_nodes.country_note(country=code, classes=["pkb-country-note"],
                                          hidden=country is not self.library.country)
            name = country_name(country, self.locale, self.localizer.text)
            node += nodes.strong("", f"{name}:")
            node += nodes.Text(" ")
            values = {variable.name: self.country_display(variable, country_value(
                country, variable.country or "")) for variable in self.note_variables(block, text)}
            content = self.inline(self.localizer.text(text), block, values)
            if not self.localizer.is_translated(text):
                self.fallbacks += 1
                content = [nodes.inline("", "", *content, classes=["pkb-fallback",
                                                                  "language-en"])]
            node += content
            found.append(node)
        return found

    def note_variables(self, block: Block, text: Text) -> list[Variable]:
        found = [self.library.variable(block, name)
                 for name in markup.parse(text.value).placeholders()]
        return [variable for variable in found
                if variable is not None and variable.country is not None]

    def country_display(self, variable: Variable, value: Any) -> str:
        """A value from a country profile, as plain text in the page's language."""
        if value is None:
            return f"[{self.localizer.text(variable.label)}]"
        if isinstance(value, Text):
            return markup.plain_text(self.localizer.text(value))
        return self.display_value(variable, value)

    def legal_warning(self, block: Block, warning: LegalWarning) -> pkb_nodes.legal_warning:
        """A warning, shown while it holds for the defaults; its source follows it."""
        def default(name: str) -> Any:
            variable = self.library.variable(block, name)
            return variable.default if variable is not None else None

        country = self.library.country
        node = pkb_nodes.legal_warning(
            warning=f"{block.id}/{warning.id}", fact=warning.fact, classes=["pkb-warning"],
            hidden=not warning_holds(warning, country, default))
        if warning.when:
            node["when"] = json.dumps({condition.variable: condition.value
                                       for condition in warning.when}, sort_keys=True,
                                      ensure_ascii=False)
        if warning.below is not None:
            node["below"] = json.dumps(list(warning.below))
        node += nodes.strong("", _("Check the law:"))
        node += nodes.Text(" ")
        node += self.say(warning.text, block)
        # the chosen country's source; while hidden, any country's (the script sets it)
        holders = [country, *self.library.countries.values()]
        source = next((holder.facts[warning.fact].source for holder in holders
                       if holder is not None and warning.fact in holder.facts), "")
        node += nodes.Text(" " + _("Source:") + " ")
        node += nodes.reference("", source, refuri=source, classes=["pkb-source"])
        return node

    def mark_conditions(self, node: pkb_nodes.clause, block: Block,
                        conditions: tuple[Condition, ...]) -> None:
        """Say when the clause applies; dim it when the defaults switch it off."""
        phrases = []
        wanted: dict[str, bool | str] = {}
        applies = True
        for condition in conditions:
            if condition.variable == LISTS_BRANCHES:  # a switch the document sets, off here
                wanted[condition.variable] = condition.value
                applies = applies and condition.holds(False)
                phrases.append(_("the document ends with the table of branches")
                               if condition.value else
                               _("the document has no table of branches"))
                continue
            variable = self.library.variable(block, condition.variable)
            assert variable is not None
            wanted[condition.variable] = condition.value
            applies = applies and condition.holds(variable.default)
            phrases.append(_("“%(label)s” is “%(value)s”") % {
                "label": self.localizer.text(variable.label),
                "value": self.display_value(variable, condition.value)})
        node["when"] = json.dumps(wanted, sort_keys=True, ensure_ascii=False)
        if not applies:
            node["classes"].append("pkb-clause--off")
        node += nodes.inline("", _("When %(conditions)s:") % {
            "conditions": format_list(phrases, locale=self.locale)}, classes=["pkb-when"])
        node += nodes.Text(" ")

    def values_list(self, block: Block) -> nodes.definition_list:
        listing = nodes.definition_list(classes=["pkb-values"])
        for variable in self.variables_used(block):
            definition = nodes.definition("", nodes.paragraph("", "", self.value_node(variable)))
            if variable.help is not None:
                definition += self.paragraph(variable.help, classes=["pkb-help"])
            listing += nodes.definition_list_item(
                "", nodes.term("", "", *self.say(variable.label)), definition)
        return listing

    def details_panel(self, variables: list[Variable],
                      defaults: dict[str, Any] | None = None) -> pkb_details.details:
        """The form where a business enters its own values (shown by the page script);
        ``defaults`` (a kit's settings) replace the variables' own defaults."""
        return pkb_details.details(html=pkb_details.panel_html(self.library, self.localizer,
                                                               variables, defaults=defaults))

    def kit_variables(self, kit: Kit) -> list[Variable]:
        """The variables of every block of a kit, each once, business-wide first."""
        found: dict[str, Variable] = {}
        for ref in kit.blocks:
            block = self.library.blocks.get(ref.block)
            if block is not None:
                for variable in self.variables_used(block):
                    found.setdefault(variable.name, variable)
        return sorted(found.values(), key=lambda variable: not variable.is_global)

    def variables_used(self, block: Block) -> list[Variable]:
        """The variables a block's clauses use (and the currency of their amounts), each once,
        business-wide first."""
        names: list[str] = []
        for clause in block.clauses:
            for text in (clause.text, clause.text_plural):
                if text is not None:
                    names += markup.parse(text.value).placeholders()
            names += [condition.variable
                      for condition in self.library.clause_conditions(block, clause)]
        for warning in block.warnings:
            names += [condition.variable for condition in warning.when]
            names += list(warning.below or ())
        found = [self.library.variable(block, name) for name in dict.fromkeys(names)]
        variables = [variable for variable in found if variable is not None]
        business = self.library.business_currency()
        if business is not None and business not in variables and any(
                variable.type is VariableType.MONEY and variable.currency is None
                for variable in variables):
            variables.append(business)
        return sorted(variables, key=lambda variable: not variable.is_global)

    # -- links ------------------------------------------------------------------

    def uri(self, pagename: str) -> str:
        return relative_uri(f"{self.docname}.html", f"{pagename}.html")

    def doc_link(self, docname: str, title: str | list[nodes.Node]) -> addnodes.pending_xref:
        """A link to a page that Sphinx resolves (and warns about if it is gone)."""
        reference = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                          reftarget=f"/{docname}", refexplicit=True,
                                          refwarn=True, refdoc=self.docname)
        content = [nodes.Text(title)] if isinstance(title, str) else title
        reference += nodes.inline("", "", *content)
        return reference

    def block_link(self, block_id: str, title: str | None = None) -> addnodes.pending_xref:
        """A link to a block's page, by default with its title (marked if untranslated)."""
        block = self.library.blocks[block_id]
        return self.doc_link(block.docname, self.say(block.title) if title is None else title)

    def block_links(self, block_ids: Iterable[str]) -> nodes.bullet_list:
        listing = nodes.bullet_list(classes=["pkb-links"])
        for block_id in block_ids:
            block = self.library.blocks.get(block_id)
            if block is None:
                continue  # reported by validation
            item = nodes.paragraph("", "", self.block_link(block_id))
            item += nodes.Text(" — ")
            item += self.say(block.summary)
            listing += nodes.list_item("", item)
        return listing
