"""The ``policykb`` command: a thin click layer over the library functions."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click

from .catalogs import TRANSLATED_LANGUAGES
from .languages import LANGUAGE_CODES
from .loader import load_library
from .sitemap import DEFAULT_BASE_URL


@click.group()
@click.version_option(package_name="policykb")
def main() -> None:
    """Build and check the multilingual customer-service policy library."""


@main.command()
@click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=Path("kb"),
              show_default=True, help="The library folder.")
def validate(kb_dir: Path) -> None:
    """Check every kb file and print each problem as FILE:LINE: MESSAGE."""
    result = load_library(kb_dir)
    for problem in result.problems:
        click.echo(str(problem))
    if result.problems:
        count = len(result.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in {kb_dir}", err=True)
        sys.exit(1)
    library = result.library
    click.echo(f"{kb_dir}: {len(library.blocks)} blocks, {len(library.categories)} categories, "
               f"{len(library.kits)} kits, {len(library.variables)} business-wide variables: "
               "no problems", err=True)


@main.command()
@click.option("--langs", default=" ".join(LANGUAGE_CODES), show_default=True,
              help="Space-separated language codes to build.")
@click.option("--source", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, help="The project folder (holds conf.py and kb/).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("_build"), show_default=True, help="The build folder.")
@click.option("--strict", is_flag=True, help="Turn Sphinx warnings into errors (-W).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True,
              help="The address the site is published at: hreflang and canonical links, "
                   "Open Graph and sitemap.xml start with it.")
def build(langs: str, source: Path, out: Path, strict: bool, base_url: str) -> None:
    """Build the HTML site of every language in parallel into OUT/html/<lang>/."""
    from .build import BuildError, build_sites

    try:
        report = build_sites(source, out, langs.split(), strict=strict, base_url=base_url,
                             waiting=lambda: click.echo(f"Another build of {out} is running; "
                                                        "waiting for it to finish...", err=True))
    except BuildError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(report, err=True)


@main.command("update-po")
@click.option("--langs", default=" ".join(TRANSLATED_LANGUAGES), show_default=True,
              help="Space-separated languages whose catalogs to update.")
@click.option("--project", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              show_default=True, help="The project folder.")
@click.option("--purge-obsolete", is_flag=True,
              help="After a release: drop every obsolete (#~) entry, and the kb catalogs "
                   "whose block is gone.")
def update_po_command(langs: str, project: Path, purge_obsolete: bool) -> None:
    """Extract every message and update the catalogs in locales/<lang>/LC_MESSAGES/."""
    from .update import UpdateError, update_po

    try:
        report = update_po(project, langs.split(), project / "_build", purge_obsolete)
    except UpdateError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(str(report), err=True)


@main.command("check-po")
@click.option("--langs", default=" ".join(TRANSLATED_LANGUAGES), show_default=True,
              help="Space-separated languages to check.")
@click.option("--locales", "locale_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("locales"), show_default=True, help="The catalogs folder.")
@click.option("--msgfmt/--no-msgfmt", default=True, show_default=True,
              help="Also run GNU msgfmt -c on every catalog.")
@click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=Path("kb"),
              show_default=True, help="The library, for the placeholders that hold a name.")
def check_po_command(langs: str, locale_dir: Path, msgfmt: bool, kb_dir: Path) -> None:
    """Check every catalog: placeholders, markup, plural forms, names, script, glossary."""
    from .checks import check_po, out_of_step_problems

    library = load_library(kb_dir).library if kb_dir.is_dir() else None
    names = library.proper_names() if library else frozenset[str]()
    problems = check_po(locale_dir, langs.split(), msgfmt, names)
    if library:
        problems += out_of_step_problems(locale_dir, langs.split(), library)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
                   f"{locale_dir}", err=True)
        sys.exit(1)
    click.echo(f"{locale_dir}: no problems in {' '.join(langs.split())}", err=True)


@main.command()
@click.option("--langs", default=" ".join(TRANSLATED_LANGUAGES), show_default=True,
              help="Space-separated languages to report.")
@click.option("--locales", "locale_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("locales"), show_default=True, help="The catalogs folder.")
def stats(langs: str, locale_dir: Path) -> None:
    """Print translated / fuzzy / untranslated messages per language and part of the site."""
    from .stats import table

    click.echo(table(locale_dir, langs.split()))


@main.command("assemble")
@click.option("--kit", "kit_id", help="The kit to assemble (see kb/kits/). Default: the "
                                      "answers file's kit.")
@click.option("--blocks", "block_ids", help="Comma-separated block ids, instead of --kit.")
@click.option("--lang", type=click.Choice(LANGUAGE_CODES), default="en", show_default=True,
              help="The language of the policy.")
@click.option("--values", "values_path", type=click.Path(path_type=Path),
              help="The answers file (what the builder's \"Save my answers\" writes: "
                   "'policykb: answers/1' with kit, document, country, channels, "
                   "effective_date, version, left_out, values and branches), or a YAML file "
                   "of variable: value; values left out take their defaults. Options given "
                   "here win over the file.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to write; how its name ends picks the format: .md, .html (a "
                   "standalone page), .snippet.html (a fragment to paste into a website "
                   "builder: headings from h2, no style or script), .docx, .txt (plain "
                   "text, as the builder's Copy), or .jsonld (a returns policy's schema.org "
                   "data). With --all-branches: the folder to write into.")
@click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=Path("kb"),
              show_default=True, help="The library folder.")
@click.option("--locales", "locale_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("locales"), show_default=True, help="The catalogs folder.")
@click.option("--include-optional/--skip-optional", default=True, show_default=True,
              help="Whether the kit's optional blocks are part of the policy.")
@click.option("--country", "country_id", metavar="CC",
              help="Where the business sells (a profile in kb/countries/, e.g. GR, CY, UA); "
                   "it gives the defaults, amounts and times. Default: the answers file's, "
                   "else the language's country (see policykb countries).")
@click.option("--strict", is_flag=True,
              help="Fail, writing nothing, when a value conflicts with the country's law "
                   "or the document shows a sample where your own detail belongs (a name, "
                   "e-mail, phone, address or web address not given in --values).")
@click.option("--channels", "channel_names", metavar="LIST",
              help="Comma-separated sales channels of the business: shop, online, delivery. "
                   "Clauses about a channel left out are not shown. Default: the answers "
                   "file's, else the kit's settings, else a shop only.")
@click.option("--document", "document_kind", metavar="KIND",
              help="The document to write: customer-policy (clauses for customers), "
                   "staff-handbook (rules for staff, SOPs and training) or counter-notice "
                   "(one page of promises for the till). It has a title with the business "
                   "name, an effective date, a version and the next review date. Default: "
                   "the answers file's, else the whole policy as the builder shows it.")
@click.option("--effective-date", "effective", type=click.DateTime(["%Y-%m-%d"]),
              help="With --document: the day it applies from (YYYY-MM-DD). Default: the "
                   "answers file's, else today.")
@click.option("--version", "version",
              help="With --document: its version. Default: the answers file's, else 1.0.")
@click.option("--branch", "branch_id", metavar="ID",
              help="Write the edition of this branch of the answers file: its own values "
                   "(address, phone, hours, manager...) replace the business-wide ones and "
                   "the frame names it. Without it, a file with branches gives the "
                   "business-wide document ending with a table of the branches.")
@click.option("--all-branches", is_flag=True,
              help="Write every branch's edition into the folder -o, one file each: "
                   "<branch id>.<format>; nothing is written if one fails.")
@click.option("--format", "folder_format", type=click.Choice(["md", "html", "snippet.html",
                                                             "docx", "txt"]),
              help="With --all-branches: the format of the files.  [default: md]")
def assemble_command(kit_id: str | None, block_ids: str | None, lang: str,
                     values_path: Path | None, output: Path, kb_dir: Path, locale_dir: Path,
                     include_optional: bool, country_id: str | None, strict: bool,
                     channel_names: str | None, document_kind: str | None,
                     effective: datetime.datetime | None, version: str | None,
                     branch_id: str | None, all_branches: bool,
                     folder_format: str | None) -> None:
    """Write one translated policy, filled with your values, as Markdown, HTML or Word."""
    from .assemble import AssembleError, assemble

    if kit_id is not None and block_ids is not None:
        raise click.UsageError("give either --kit or --blocks, not both")
    if kit_id is None and block_ids is None and values_path is None:
        raise click.UsageError("give --kit or --blocks, or an answers file that names its kit "
                               "(--values FILE)")
    if branch_id is not None and all_branches:
        raise click.UsageError("give either --branch or --all-branches, not both")
    if folder_format is not None and not all_branches:
        raise click.UsageError("--format goes with --all-branches; otherwise the name of the "
                               "-o file picks the format")
    names = [name.strip() for name in (block_ids or "").split(",") if name.strip()]
    channels = (None if channel_names is None else
                [name.strip() for name in channel_names.split(",") if name.strip()])
    try:
        done = assemble(kb_dir, locale_dir, lang, output, values_path, kit_id, names,
                        include_optional, country_id, strict, channels, document_kind,
                        effective.date() if effective else None, version, branch_id,
                        all_branches, f".{folder_format or 'md'}")
    except AssembleError as error:
        for message in error.messages:
            click.echo(message)
        sys.exit(1)
    for warning in done.warnings:
        click.echo(f"warning: {warning}", err=True)
    document = done.document
    country = f", {done.country}" if done.country else ""
    blocks = "1 block" if done.blocks == 1 else f"{done.blocks} blocks"
    written = (f"{len(done.files)} files into {output}" if all_branches else str(output))
    report = f"wrote {written}: {document.title} ({blocks}, {lang}{country})"
    if document.untranslated:
        report += (f"; {document.untranslated} of {document.texts} texts are not translated "
                   "yet and are shown in English")
    click.echo(report, err=True)


@main.command("answers-schema")
@click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=Path("kb"),
              show_default=True, help="The library folder.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="The file to write. Default: print it.")
def answers_schema_command(kb_dir: Path, output: Path | None) -> None:
    """Print the JSON Schema of the answers file (what the build publishes as
    answers.schema.json): the kits, documents, countries, channels and blocks, every
    variable's value and which ones a branch may give."""
    from .answers import schema_text
    from .files import write_atomically

    result = load_library(kb_dir)
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem))
        sys.exit(1)
    text = schema_text(result.library)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        click.echo(f"cannot write {output}: {error.strerror or error}", err=True)
        sys.exit(1)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.option("--kb", "kb_dir", type=click.Path(path_type=Path), default=Path("kb"),
              show_default=True, help="The library folder.")
@click.option("--check", is_flag=True,
              help="Fail (FILE:LINE: MESSAGE) when a fact was checked more than a year ago.")
def countries(kb_dir: Path, check: bool) -> None:
    """List the country profiles: currency, clock, the languages they are the default of,
    and when each statutory fact was last checked against its source."""
    import datetime

    from .countries import dated_entries, stale_dates

    result = load_library(kb_dir)
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem))
        sys.exit(1)
    library = result.library
    if check:
        problems = stale_dates(library, datetime.date.today())
        for problem in problems:
            click.echo(str(problem))
        if problems:
            click.echo(f"{len(problems)} fact{'s' if len(problems) != 1 else ''} to check "
                       "again", err=True)
            sys.exit(1)
        click.echo(f"{kb_dir}: every fact of {len(library.countries)} country profiles was "
                   "checked within a year", err=True)
        return
    for country in library.countries.values():
        languages = f"; default for {', '.join(country.default_for)}" \
            if country.default_for else ""
        click.echo(f"{country.id} ({country.territory or 'no country'}): {country.currency}, "
                   f"{country.hour_cycle.value}{languages}")
        for what, checked, line in dated_entries(country):
            click.echo(f"  {checked.isoformat()}  {what}  ({country.path.name}:{line})")
        for statute in country.statutes:
            if statute.uncertain:
                click.echo(f"  uncertain: {statute.title} ({statute.number}): "
                           f"{statute.uncertain}")
        for fact in country.facts.values():
            if fact.uncertain:
                click.echo(f"  uncertain: {fact.id}: {fact.uncertain}")
