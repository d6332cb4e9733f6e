"""The `duban` command line: the Typer app, its consoles and shared options.

Every user error (bad file, nothing found) is printed as one line `duban: error: FILE: problem`
with exit code 2, never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from .. import __version__
from .zh import localize

localize()
app = typer.Typer(
    help="督办 duban：从政府工作报告、工作计划中抽取目标，对照完成情况报告逐项评估，并建立可复核的目标台账。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="用人工标注的金标准文件给 duban 打分。", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
user_app = typer.Typer(help="复核员账号。", no_args_is_help=True)
app.add_typer(user_app, name="user")

DB_OPTION = typer.Option("--db", envvar="DUBAN_DATABASE_URL", metavar="数据库",
                         help="SQLite 文件或数据库 URL（postgresql://…），默认 ./duban.sqlite")

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

def print_json(payload) -> None:
    """Machine-readable output: one ``json.dumps`` written to stdout (indented only for a person at a
    terminal), never through rich's renderer, which is slower than the engine that produced it. (``dumps``, not
    ``dump``: ``json.dump`` to a stream always runs the pure-Python encoder, ``dumps`` the C one when unindented.)"""
    import json
    import sys

    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1 if sys.stdout.isatty() else None))
    sys.stdout.write("\n")

def _version(value: bool) -> None:
    if value:
        out.print(f"duban {__version__}")
        raise typer.Exit()

@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="显示版本并退出。")] = False,
) -> None:
    """督办 duban 命令行。"""


from . import places as _places  # noqa: E402, F401  (duban places …: registers its commands)
from . import supervise as _supervise  # noqa: E402, F401  (duban supervise …, duban user role)
