"""Small modules, short functions (STYLE.md, rule 15; issue 13): no module of src/tipwatch over
MAX_MODULE_LINES lines, no function over MAX_FUNCTION_LINES lines unless its docstring gives the reason
(a paragraph starting "Long because:"). Migrations are exempt: each is a frozen record of the schema.

KNOWN_EXCEPTIONS lists what exceeded the limits when the check came in and lives where other work was
under way at the time; each entry must still exceed (a stale one fails), so the set only shrinks."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tipwatch"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "Long because:"
EXEMPT = ("store/migrations/",)

KNOWN_EXCEPTIONS: dict[str, str] = {
    # module or module::function -> whose work it waits for
}


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if not any(part in p.as_posix() for part in EXEMPT)]


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def oversized() -> dict[str, str]:
    """Everything over the limits: key (as in KNOWN_EXCEPTIONS) -> what exceeds."""
    found: dict[str, str] = {}
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found[_name(path)] = f"{lines} lines"
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES and REASON not in (ast.get_docstring(node) or ""):
                found[f"{_name(path)}::{node.name}"] = f"{length} lines"
    return found


def test_no_module_or_function_over_the_limits() -> None:
    over = {key: size for key, size in oversized().items() if key not in KNOWN_EXCEPTIONS}
    assert not over, (
        f"split these (one concept per module, about {MAX_FUNCTION_LINES} lines per function), or give a "
        f"function's reason in its docstring ({REASON!r}): {over}"
    )


def test_known_exceptions_are_still_exceptions() -> None:
    stale = sorted(set(KNOWN_EXCEPTIONS) - set(oversized()))
    assert not stale, f"these are within the limits now: remove them from KNOWN_EXCEPTIONS: {stale}"


def test_the_check_sees_the_package() -> None:
    assert len(_modules()) > 100
    assert oversized.__doc__ and "store/migrations/versions/0002_registry.py" not in oversized()
