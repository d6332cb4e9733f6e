"""The `duban` command line: the Typer app, its consoles and shared options.

Every user error (bad file, nothing found) is printed as one line `duban: error: FILE: problem`
with exit code 2, never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from .. import __version__

app = typer.Typer(
    help="督办 duban: extract targets from Chinese government reports, link completion reports, keep a ledger.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Score duban against hand-annotated gold files.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
user_app = typer.Typer(help="Reviewer accounts.", no_args_is_help=True)
app.add_typer(user_app, name="user")

DB_OPTION = typer.Option("--db", envvar="DUBAN_DATABASE_URL",
                         help="SQLite file or database URL (postgresql://…). Default ./duban.sqlite")

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"duban {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """duban command line."""




