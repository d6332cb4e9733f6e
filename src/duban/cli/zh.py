"""The command line's help in Chinese: panel titles (参数, 选项, 命令), [默认：…], [必填], the --help option's
own line, and no type noise (``--json <bool>``, an argument's ``<str>`` beside its name). Command and option
names stay English. Typer's help renderer reads these as module globals at print time; the small patches
below are guarded, so a Typer that changes its internals falls back to its English help rather than failing."""

from __future__ import annotations

HELP_TEXT = "显示本帮助并退出。"
TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}


def localize() -> None:
    import typer.rich_utils as rich_utils

    for name, text in TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    try:
        from typer._click.core import Command
        from typer.core import TyperArgument, TyperOption
    except ImportError:  # pragma: no cover - another Typer
        return
    if getattr(Command.get_help_option, "_duban", False):
        return
    original_help = Command.get_help_option
    original_type = TyperOption.display_type_rich
    original_argument_type = TyperArgument.display_type_rich

    def get_help_option(self, ctx):
        option = original_help(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def display_type_rich(self, ctx):
        if getattr(self, "is_flag", False) and self.metavar is None:
            return None  # a flag takes no value: nothing to show after it
        return original_type(self, ctx)

    def argument_type_rich(self, ctx):
        if self.metavar is not None:
            return None  # the argument is shown by its (Chinese) name already
        return original_argument_type(self, ctx)

    get_help_option._duban = True  # type: ignore[attr-defined]
    Command.get_help_option = get_help_option
    TyperOption.display_type_rich = display_type_rich
    TyperArgument.display_type_rich = argument_type_rich
