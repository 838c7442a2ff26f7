"""Table cells and styled labels for the CLI's Rich output.

The shared consoles (:mod:`.common`) interpret no markup and no emoji codes, so a value from data
(``[urgent] Judiciary Police``, ``[link=…]``, ``:warning:``) always prints exactly as stored. Styling is
therefore never written as markup inside a string: it is a :class:`~rich.text.Text` built here.
"""

from __future__ import annotations

from rich.text import Text


def cell(value: object) -> Text:
    """A data value as literal text: ``None`` as empty, a list joined with ``;``, anything else ``str``."""
    if value is None:
        return Text("")
    if isinstance(value, list | tuple):
        return Text(";".join(str(item) for item in value))
    return Text(str(value))


def styled(text: object, style: str) -> Text:
    """``text`` (literal, never markup) in a Rich style such as ``"bold"`` or ``"dim"``."""
    return Text(str(text), style=style)


def line(*parts: str | tuple[str, str] | Text) -> Text:
    """A line of literal parts, each a plain string or a ``(text, style)`` pair."""
    return Text.assemble(*parts)
