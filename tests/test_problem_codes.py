"""The problem-code catalogue (tipwatch.problem_codes): every code is documented in docs/problems.md and
raised somewhere in src/, and no code is written as a string outside the catalogue.

docs/problems.md's table is the catalogue's: after changing the catalogue, regenerate it with
``TIPWATCH_REGENERATE_DOCS=1 .venv/bin/python -m pytest tests/test_problem_codes.py``."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from tipwatch.problem_codes import RENAMED, ProblemCode
from tipwatch.problems import Problem

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "tipwatch"
DOC = ROOT / "docs" / "problems.md"
BEGIN, END = "<!-- catalogue: begin -->", "<!-- catalogue: end -->"


def _sources() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "problem_codes.py"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def catalogue_table() -> str:
    rows = ["| code | level | meaning | what to do |", "| --- | --- | --- | --- |"]
    rows += [
        f"| `{code}` | {code.level} | {_cell(code.meaning)} | {_cell(code.what_to_do)} |"
        for code in ProblemCode
    ]
    rows += ["", "Renamed codes (the old code no longer appears; read it as the new one):", ""]
    rows += ["| old code | now |", "| --- | --- |"]
    rows += [f"| `{old}` | `{new}` |" for old, new in RENAMED.items()]
    return "\n".join(rows)


def test_docs_problems_md_is_the_catalogue() -> None:
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    expected = f"\n{catalogue_table()}\n"
    if os.environ.get("TIPWATCH_REGENERATE_DOCS"):
        DOC.write_text(f"{head}{BEGIN}{expected}{END}{tail}", encoding="utf-8")
    assert current == expected, (
        "docs/problems.md differs from the catalogue; regenerate it (module docstring)"
    )


def test_every_code_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [str(code) for code in ProblemCode if f"| `{code}` |" not in text]
    assert not missing, f"document these codes in docs/problems.md: {missing}"


def test_every_code_is_raised_somewhere() -> None:
    used = set()
    for path in _sources():
        used |= set(re.findall(r"ProblemCode\.([A-Z0-9_]+)", path.read_text(encoding="utf-8")))
    unused = [str(code) for code in ProblemCode if code.name not in used]
    assert not unused, f"codes no module raises (remove them from the catalogue): {unused}"


def test_no_code_is_written_as_a_string_outside_the_catalogue() -> None:
    codes = {str(code) for code in ProblemCode} | set(RENAMED)
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in codes:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert not found, f"raise these from tipwatch.problem_codes.ProblemCode: {found}"


def test_no_problem_is_built_with_a_code_of_its_own() -> None:
    """A Problem's code is a catalogue member (or passed on from one): never a string literal."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem"):
                continue
            code = (
                node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "code"), None)
            )
            if isinstance(code, ast.Constant | ast.JoinedStr):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found, f"Problem built with a literal code at {found}"


def test_codes_are_kebab_case_and_renamed_ones_are_gone() -> None:
    for code in ProblemCode:
        Problem(code, "checks the code's form")
        assert code.meaning.endswith(".") and code.what_to_do.endswith(".")
    assert not set(RENAMED) & {str(code) for code in ProblemCode}


@pytest.mark.parametrize("code", list(ProblemCode))
def test_a_member_is_its_code_in_json_and_text(code: ProblemCode) -> None:
    import json

    problem = Problem(code, "message")
    assert json.loads(json.dumps(problem.to_dict()))["code"] == code.value
    assert str(problem).endswith(f"[{code.value}]")


def test_a_problem_raised_with_a_member_has_the_member_s_level() -> None:
    """Where a Problem is built from a member, its severity (ERROR unless given) is the catalogue's level."""
    wrong = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and node.args):
                continue
            code = node.args[0]
            if not (isinstance(code, ast.Attribute) and getattr(code.value, "id", None) == "ProblemCode"):
                continue
            given = node.args[2] if len(node.args) > 2 else None
            given = next((k.value for k in node.keywords if k.arg == "severity"), given)
            if given is not None and not isinstance(given, ast.Attribute):
                continue  # a severity computed at run time
            level = given.attr if isinstance(given, ast.Attribute) else "ERROR"
            if ProblemCode[code.attr].level.name != level:
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {code.attr} as {level}")
    assert not wrong, f"severity differs from the catalogue's level: {wrong}"
