"""Shell completion that survives spaces and shell characters, in bash, zsh and fish.

Typer's own classes print values bare: bash inserted ``Avengers: Doomsday`` as two words, and
zsh's ``_arguments`` kept only values that start with what was typed. These keep Typer's
protocol and scripts (``_COUNTDOWN_COMPLETE=complete_bash|complete_zsh|complete_fish``, the
same environment variables, so installed scripts keep working) and change what is printed:

- bash: each value quoted as the word being completed is (``"…``, ``'…``), else with
  backslashes, ready for ``COMPREPLY``;
- zsh: ``compadd -U -V unsorted -- 'value' …``: every value offered whatever its prefix (the
  part of a name typed matches), and compadd quotes the one inserted;
- fish: one value a line, as before: fish escapes what it inserts and matches parts itself.
"""

from __future__ import annotations

import re
from typing import Any, Final

from typer._click.shell_completion import CompletionItem, ShellComplete
from typer._completion_classes import BashComplete, FishComplete, ZshComplete

# Characters that stand for themselves in a bash word; everything else gets a backslash.
_PLAIN: Final = re.compile(r"[\w@%+=:,./-]")


def bash_word(value: str, typed: str) -> str:
    """``value`` as bash must read it to get one word, quoted the way ``typed`` began."""
    if typed.startswith("'"):
        return "'" + value.replace("'", "'\\''") + "'"
    if typed.startswith('"'):
        return '"' + re.sub(r'(["\\\\$`!])', r"\\\1", value) + '"'
    return "".join(ch if _PLAIN.fullmatch(ch) else "\\" + ch for ch in value)


def zsh_word(value: str) -> str:
    """``value`` single-quoted for zsh's eval."""
    return "'" + value.replace("'", "'\\''") + "'"


def _unfiltered(self: ShellComplete, args: list[str], incomplete: str) -> list[CompletionItem]:
    """The completions of our ``autocompletion`` functions as they made them.

    Typer keeps only the values that start with what was typed (case-sensitively); ours match
    a part of a name, case- and accent-insensitively, so their answers are taken whole. Typer
    keeps the function it wraps in its closure as ``autocompletion``.
    """
    from typer._click.core import Parameter
    from typer._click.shell_completion import _resolve_context, _resolve_incomplete

    ctx = _resolve_context(self.cli, self.ctx_args, self.prog_name, args)
    obj, incomplete = _resolve_incomplete(ctx, args, incomplete)
    wrapped = getattr(obj, "_custom_shell_complete", None) if isinstance(obj, Parameter) else None
    code = getattr(wrapped, "__code__", None)
    if wrapped is None or code is None or "autocompletion" not in code.co_freevars:
        return obj.shell_complete(ctx, incomplete)
    complete = wrapped.__closure__[code.co_freevars.index("autocompletion")].cell_contents
    return [
        CompletionItem(c[0], help=c[1]) if isinstance(c, tuple) else CompletionItem(c)
        for c in complete(ctx, [], incomplete)
    ]


class QuotingBash(BashComplete):
    get_completions = _unfiltered

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        typed = _typed_word()
        return "\n".join(
            bash_word(item.value, typed) for item in self.get_completions(args, incomplete)
        )


def _typed_word() -> str:
    """The word being completed as typed, quotes included: the last word of COMP_WORDS (bash
    joins its words with spaces; a quoted or escaped space stays inside its word)."""
    import os

    words = os.environ.get("COMP_WORDS", "")
    start, quote, escaped = len(words), "", False
    in_word = False
    for at, ch in enumerate(words):
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == " ":
            in_word = False
            continue
        if not in_word:
            start, in_word = at, True
    return words[start:] if in_word else ""


class AnyPartZsh(ZshComplete):
    get_completions = _unfiltered

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        values = [item.value for item in self.get_completions(args, incomplete)]
        if not values:
            return "_files"
        return "compadd -U -V unsorted -- " + " ".join(zsh_word(v) for v in values)


class LineFish(FishComplete):
    get_completions = _unfiltered


def register() -> None:
    """Use these classes for bash, zsh and fish (after Typer registered its own)."""
    from typer._click.shell_completion import add_completion_class

    add_completion_class(QuotingBash, "bash")
    add_completion_class(AnyPartZsh, "zsh")
    add_completion_class(LineFish, "fish")


def shell_classes() -> dict[str, Any]:
    return {"bash": QuotingBash, "zsh": AnyPartZsh, "fish": LineFish}
