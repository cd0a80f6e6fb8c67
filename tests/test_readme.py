"""The README is a contract with its readers: its command-line block names every verb and every
option that `--help` offers (and nothing else), and every table the export verb offers is
described where the README lists them. A verb or option added without its line fails here."""

from __future__ import annotations

import argparse
import re

import pytest

from dashboard.__main__ import build_parser as dashboard_parser
from etl.cli import TABLES_HELP
from etl.cli import build_parser as etl_parser
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's text under `## title`, up to the next heading of that level."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def cli_block() -> dict[str, str]:
    """The first code block of "Command line": command ("etl refresh", "dashboard") -> line."""
    block = re.search(r"```bash\n(.*?)```", section("Command line"), re.S)
    assert block
    lines = {}
    for line in block.group(1).splitlines():
        found = re.match(r"python -m (etl \S+|dashboard)\b(.*)", line.strip())
        if found:
            lines[found.group(1)] = found.group(2).split("#")[0]
    return lines


def options(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    """Each option the parser offers, as the set of its spellings ({"-o", "--output"})."""
    return {
        action.dest: set(action.option_strings)
        for action in parser._actions
        if action.option_strings and action.dest != "help"
    }


def verbs() -> dict[str, argparse.ArgumentParser]:
    [action] = [a for a in etl_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def documented(line: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line))


COMMANDS = {f"etl {verb}": parser for verb, parser in verbs().items()}
COMMANDS["dashboard"] = dashboard_parser()


def test_the_command_line_block_has_a_line_for_every_verb_and_no_other():
    assert set(cli_block()) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_line_names_exactly_the_options_its_help_offers(command):
    line = cli_block().get(command, "")
    offered = options(COMMANDS[command])
    named = documented(line)
    missing = [sorted(spellings) for spellings in offered.values() if not spellings & named]
    assert missing == [], f"README line for `python -m {command}` lacks {missing}"
    known = set().union(*offered.values()) if offered else set()
    assert named <= known, f"README names options `{command} --help` does not offer"


def test_the_documented_choices_are_the_ones_the_parser_accepts():
    parse = verbs()["parse"]
    [fmt] = [a for a in parse._actions if a.dest == "format"]
    written = re.search(r"--format (\S+)\]", cli_block()["etl parse"]).group(1)
    assert written == "|".join(fmt.choices)


def test_the_rule_notices_an_undocumented_option():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("--secret-switch", action="store_true")
    offered = options(parser)
    assert [s for s in offered.values() if not s & documented("[--offline]")] == [
        {"--secret-switch"}
    ]


def test_every_table_the_export_verb_offers_is_described_in_the_readme():
    listed = section("Command line").split("Tables for `export`:", 1)[1].split("Every verb", 1)[0]
    described = set(re.findall(r"`([a-z_]+)`", re.sub(r"\([^)]*\)", "", listed)))
    offered = {name.strip() for name in TABLES_HELP.split(",")}
    assert offered - described == set(), "tables offered by `export` but not in the README"
    assert described - offered == set(), "tables in the README that `export` does not offer"


def test_every_table_a_snapshot_publishes_is_offered_by_the_export_verb(built_tables):
    offered = {name.strip() for name in TABLES_HELP.split(",")}
    assert set(built_tables) - offered == set()
