"""The ``kg`` command: a thin layer over the library.

Each sub-command lives in its own module and is imported only when invoked.
"""

from __future__ import annotations

import importlib
import logging

import click

__all__ = ["main"]

#: command name -> "module:function", loaded lazily
COMMANDS = {
    "build": "kg.cli.build:build",
    "stats": "kg.cli.build:stats",
    "vocab": "kg.cli.vocab:vocab",
    "query": "kg.cli.query:query",
    "serve": "kg.cli.serve:serve",
    "push": "kg.cli.push:push",
    "validate": "kg.cli.validate:validate",
    "export": "kg.cli.export:export",
    "view": "kg.cli.view:view",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="als-kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Turn articles about ALS and neuroimmunology into a knowledge graph.

    \b
    Typical use:
      kg build seeds/ -o graph.ttl --html graph.html
      kg query graph.ttl -f examples/queries/drugs_tested_in_mouse_models.rq
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")
