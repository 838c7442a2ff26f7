"""Docs are promises (issue 15, item 9): every ``$ tipwatch ...`` command shown in README.md and docs/*.md
runs here through the real CLI, and its shown output and exit status are checked; a ``tipwatch X`` named
anywhere in the docs, prose included, is a real command.

How a doc is run: each file is one shell session in its own folder, on its own copy of a database that
``tipwatch load`` prepared (so a doc's commands see what its earlier commands did, e.g. ``registry
synth`` then ``registry stats``). The folder links the repository's ``src``, ``tests`` and ``docs``, so
paths in the docs are repository paths; files a command writes (``-o review.pdf``) stay in the folder.
A ``tipwatch`` command runs in-process (Typer's runner, at the width of the block it is shown in); a
``curl`` request goes in-process to the app that ``tipwatch serve`` would serve on the doc's database;
``export NAME=...`` (also ``=$(command)``) sets ``$NAME`` for the doc's later commands; what follows a
``|`` runs in bash on the output; any other shell command (``mkdir``, ``cat``, ``echo ... > f &&
tipwatch ...``) runs in bash with the installed entry point on the PATH.

How output is compared (the placeholder rule for whoever writes docs):
- the shown lines must appear in the real output (stdout and stderr) in the order shown; lines the
  docs leave out need no mark, and a line of ``…`` may stand for omitted output;
- Rich's box-drawing characters are ignored and runs of white space count as one space, so a table
  matches however wide its columns are drawn;
- ``…`` or ``...`` inside a shown line matches any text (for what varies: tokens, times, today's year);
- a last line ``(exit status N)`` gives the expected exit status; otherwise it must be 0.

Commands that cannot run here are listed in ``NOT_RUN`` with the reason; each is still checked to
exist (``tipwatch X --help``, the Makefile target, the benchmark module).
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import typer
from typer.testing import CliRunner

from tipwatch.cli import app, common

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent

# Shown commands this test does not run, by the words they start with, and why.
NOT_RUN = {
    "tipwatch serve": "blocks serving HTTP; checked with --help (the server is tested in tests/web)",
    "make": "make targets install, serve or benchmark; the target is checked to exist in the Makefile",
    "python -m bench": "a benchmark: its figures are measurements, not promises (run by `make bench`)",
    ".venv/bin/python -m bench": "a benchmark: its figures are measurements, not promises",
}

BOX = re.compile(r"[\u2500-\u259f]")
EXIT = re.compile(r"^\(exit status (\d+)\)$")
ELLIPSIS = re.compile(r"…|\.\.\.")
INVOCATION = re.compile(r"(?<![\w./`-])tipwatch\s+[a-z][^|&;\n]*")
IN_CODE = re.compile(r"(?<![\w./`-])tipwatch\s+(?P<words>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)")
NAMED = re.compile(r"(?:^\s*\$\s+|`)tipwatch\s+(?P<words>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)", re.MULTILINE)


@dataclass(frozen=True)
class Shown:
    """One command shown in a doc: where, the command line, the lines shown after it and its exit."""

    doc: str
    line: int
    command: str
    output: tuple[str, ...]
    exit_status: int

    @property
    def width(self) -> int:
        """The terminal width the output was shown at: its longest line, at least 80."""
        return max([80, *(len(line.rstrip()) for line in self.output)])


def _fence(line: str) -> str | None:
    stripped = line.lstrip()
    return stripped[: len(stripped) - len(stripped.lstrip("`"))] if stripped.startswith("```") else None


def _block_end(lines: list[str], start: int, indent: int, fenced: bool) -> int:
    """The index after the last output line of the command at ``start``."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip().startswith("$ ") or (fenced and _fence(line)):
            break
        if not fenced and line.strip() and len(line) - len(line.lstrip()) < indent:
            break
        if not fenced and not line.strip():
            following = next((later for later in lines[end:] if later.strip()), "")
            if len(following) - len(following.lstrip()) < indent or following.strip().startswith("$ "):
                break
        end += 1
    return end


def _shown(path: Path) -> list[Shown]:
    """Every ``$ `` command in a code block (fenced, or indented by four spaces) of one doc."""
    lines = path.read_text("utf-8").splitlines()
    found: list[Shown] = []
    fence: str | None = None
    for number, line in enumerate(lines):
        marker = _fence(line)
        if marker and (fence is None or marker == fence):
            fence = None if fence else marker
            continue
        indent = len(line) - len(line.lstrip())
        if not line.lstrip().startswith("$ ") or (fence is None and indent < 4):
            continue
        command, start = line.strip()[2:], number
        while command.endswith("\\"):
            start += 1
            command = command[:-1] + lines[start].strip()
        output = [text[indent:] for text in lines[start + 1 : _block_end(lines, start, indent, bool(fence))]]
        while output and not output[-1].strip():
            output.pop()
        status = EXIT.match(output[-1].strip()) if output else None
        if status:
            output.pop()
        found.append(
            Shown(path.name, number + 1, command, tuple(output), int(status.group(1)) if status else 0)
        )
    return found


SHOWN = [shown for path in DOCS for shown in _shown(path)]


def _bare(command: str) -> str:
    """The command without its leading ``NAME=value`` assignments and its comment."""
    words = shlex.split(command, comments=True)
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        words.pop(0)
    return shlex.join(words)


def _not_run(command: str) -> str | None:
    return next((why for words, why in NOT_RUN.items() if _bare(command).startswith(words)), None)


def _normal(text: str) -> str:
    """Each line without box-drawing characters, its runs of white space as one space; empty lines
    dropped."""
    lines = (" ".join(BOX.sub(" ", line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _pattern(line: str) -> re.Pattern[str] | None:
    """A shown line as a pattern over normalised output; None for a line that only marks a gap. A space
    also matches a line break (the output may wrap elsewhere); an ellipsis matches within one line."""
    pieces = [
        r"[ \n]".join(re.escape(word) for word in piece.split()) for piece in ELLIPSIS.split(_normal(line))
    ]
    if not any(pieces):
        return None
    return re.compile(r" ?[^\n]*? ?".join(pieces))


def missing_lines(shown: tuple[str, ...], *streams: str) -> list[str]:
    """The shown lines that do not appear in the output in the order shown (empty: all do). The lines
    may come from any of the streams (stdout, stderr), in the order shown within each: how a terminal
    interleaves the two is no promise."""
    texts = [_normal(stream) for stream in streams]
    positions = [0] * len(texts)
    missing: list[str] = []
    for line in shown:
        pattern = _pattern(line)
        if pattern is None:
            continue
        for at, text in enumerate(texts):
            match = pattern.search(text, positions[at])
            if match is not None:
                positions[at] = match.end()
                break
        else:
            missing.append(line)
    return missing


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and its two streams."""

    exit_status: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _piped(ran: Ran, pipe: str) -> Ran:
    """What follows a ``|``, run in bash on the command's stdout."""
    if not pipe:
        return ran
    piped = subprocess.run(
        ["bash", "-c", pipe], input=ran.stdout, capture_output=True, text=True, check=False, timeout=60
    )
    return Ran(ran.exit_status, piped.stdout, ran.stderr + piped.stderr)


def _in_process(shown: Shown, words: list[str], env: dict[str, str]) -> Ran:
    for console in (common.console, common.error_console):
        console.width = shown.width
    result = CliRunner().invoke(app, words, env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{shown.command} raised {result.exception!r}") from result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def _curl(words: list[str], env: dict[str, str]) -> Ran:
    """A ``curl`` request, sent in-process to the app ``tipwatch serve`` would serve on this database."""
    from fastapi.testclient import TestClient

    from tipwatch.http.app import create_app
    from tipwatch.http.settings import Settings

    method, headers, body, url = "GET", {}, b"", ""
    given = iter(words)
    for word in given:
        if word == "-X":
            method = next(given)
        elif word == "-H":
            name, _, value = next(given).partition(":")
            headers[name.strip()] = value.strip()
        elif word in {"-d", "--data", "--data-binary"}:
            data = next(given)
            body = Path(data[1:]).read_bytes() if data.startswith("@") else data.encode()
        elif not word.startswith("-"):
            url = word
    parts = urlsplit(url)
    settings = Settings(database_url=env["TIPWATCH_DATABASE_URL"])
    with TestClient(create_app(settings), base_url=f"{parts.scheme}://{parts.netloc}") as client:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = client.request(method, path, headers=headers, content=body)
    return Ran(0, response.text, "")


def _export(shown: Shown, workspace: Path, env: dict[str, str]) -> Ran:
    """``export NAME=value`` or ``export NAME=$(command)``: the doc's later commands see NAME."""
    name, value = shown.command.removeprefix("export ").split("=", 1)
    inner = re.fullmatch(r"\$\((.*)\)", value)
    if inner:
        ran = _run(Shown(shown.doc, shown.line, inner.group(1), (), 0), workspace, env)
        env[name] = ran.stdout.strip()
        return Ran(ran.exit_status, "", ran.stderr)
    env[name] = _expand(shlex.split(value)[0] if value else "", env)
    return Ran(0, "", "")


def _expand(word: str, env: dict[str, str]) -> str:
    """``$NAME`` and ``${NAME}`` replaced for the names the doc's session knows (and ``$PWD``)."""
    known = env | {"PWD": str(Path.cwd())}
    return re.sub(r"\$\{?(\w+)\}?", lambda m: known.get(m.group(1), m.group(0)), word)


def _run(shown: Shown, workspace: Path, env: dict[str, str]) -> Ran:
    """Run one shown command in the doc's folder: ``tipwatch`` in-process, ``curl`` against the app
    in-process, ``export`` into the session, anything else in bash."""
    if shown.command.startswith("export "):
        return _export(shown, workspace, env)
    lexer = shlex.shlex(shown.command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = [_expand(token, env) for token in lexer]
    assignments = {}
    while tokens and re.fullmatch(r"[A-Z_]+=.*", tokens[0]):
        name, value = tokens.pop(0).split("=", 1)
        assignments[name] = value
    words, pipe = tokens, ""
    if "|" in words:
        at = words.index("|")
        words, pipe = words[:at], shlex.join(words[at + 1 :])
    simple = not any(word in {"&&", ";", ">", "<", "||", "&", "(", ")"} for word in words)
    if simple and words[:1] == ["tipwatch"]:
        return _piped(_in_process(shown, words[1:], env | assignments), pipe)
    if simple and words[:1] == ["curl"]:
        return _piped(_curl(words[1:], env), pipe)
    done = subprocess.run(
        ["bash", "-c", shown.command],
        cwd=workspace,
        env=os.environ | env | {"PATH": f"{BIN}:{os.environ['PATH']}", "COLUMNS": str(shown.width)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def run_doc(doc: str, loaded_database: Path, workspace: Path) -> dict[int, Ran]:
    """Run one doc's commands in order in ``workspace``; its result for each line it shows a command on.
    The database is a copy of ``loaded_database``, or empty for a doc whose first command is ``tipwatch
    load`` (it shows what loading prints)."""
    for name in ("src", "tests", "docs"):
        (workspace / name).symlink_to(ROOT / name)
    commands = [shown for shown in SHOWN if shown.doc == doc and not _not_run(shown.command)]
    if commands and commands[0].command.split() != ["tipwatch", "load"]:
        shutil.copy(loaded_database, workspace / "tipwatch.db")
    env = {"TIPWATCH_DATABASE_URL": f"sqlite:///{workspace / 'tipwatch.db'}", "TIPWATCH_ACTOR": "alice"}
    cwd = Path.cwd()
    widths = (common.console.width, common.error_console.width)
    os.chdir(workspace)
    try:
        return {shown.line: _run(shown, workspace, env) for shown in commands}
    finally:
        os.chdir(cwd)
        common.console.width, common.error_console.width = widths


@pytest.fixture(scope="session")
def loaded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database with the bundled record loaded (`tipwatch load`), copied for every doc."""
    path = tmp_path_factory.mktemp("docs-base") / "tipwatch.db"
    result = CliRunner().invoke(app, ["load", "--db", f"sqlite:///{path}"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def sessions(loaded_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``sessions(doc)``: the doc's results by line, each doc run once per test session."""
    ran: dict[str, dict[int, Ran]] = {}

    def results(doc: str) -> dict[int, Ran]:
        if doc not in ran:
            ran[doc] = run_doc(doc, loaded_database, tmp_path_factory.mktemp(f"doc-{Path(doc).stem}"))
        return ran[doc]

    return results


def _id(shown: Shown) -> str:
    return f"{shown.doc}:{shown.line}"


def test_the_docs_show_commands() -> None:
    assert len(SHOWN) > 80
    assert {shown.doc for shown in SHOWN} >= {"README.md", "history.md", "registry.md", "reply.md", "web.md"}


@pytest.mark.parametrize("shown", [s for s in SHOWN if not _not_run(s.command)], ids=_id)
def test_shown_command_gives_shown_output(shown: Shown, sessions: Any) -> None:
    ran = sessions(shown.doc)[shown.line]
    assert "Traceback" not in ran.output, ran.output
    assert ran.exit_status == shown.exit_status, f"$ {shown.command}\n{ran.output}"
    missing = missing_lines(shown.output, ran.stdout, ran.stderr)
    assert not missing, f"$ {shown.command}\nnot in the output: {missing}\noutput:\n{ran.output}"


@pytest.mark.parametrize("shown", [s for s in SHOWN if _not_run(s.command)], ids=_id)
def test_command_not_run_exists(shown: Shown) -> None:
    """What is not run still exists: the tipwatch command (its --help), the make target, the benchmark."""
    words = _bare(shown.command).split()
    if words[0] == "tipwatch":
        result = CliRunner().invoke(app, [words[1], "--help"])
        assert result.exit_code == 0, result.output
    elif words[0] == "make":
        targets = re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)
        assert words[1] in targets
    else:
        assert words[1:3] == ["-m", "bench"], f"{shown.command}: not run, and no way to check it exists"
        assert all((ROOT / "bench" / f"bench_{name}.py").exists() for name in words[3:])


def _code_lines(path: Path) -> list[str]:
    """The lines of a doc's code blocks (fenced, or indented by four spaces)."""
    lines: list[str] = []
    fence: str | None = None
    for line in path.read_text("utf-8").splitlines():
        marker = _fence(line)
        if marker and (fence is None or marker == fence):
            fence = None if fence else marker
        elif fence or line.startswith("    "):
            lines.append(line)
    return lines


def _named() -> list[tuple[str, str]]:
    """Every ``tipwatch X`` the docs name: in prose as code (`` `tipwatch X` ``), and anywhere in a code
    block (scripts without a ``$`` included), except in output (``tipwatch dashboard: http://...``)."""
    named: set[tuple[str, str]] = set()
    for path in DOCS:
        named |= {(path.name, match.group("words")) for match in NAMED.finditer(path.read_text("utf-8"))}
        named |= {
            (path.name, match.group("words"))
            for line in _code_lines(path)
            for match in IN_CODE.finditer(line)
            if not line[match.end() :].startswith(":")
        }
    return sorted(named)


@functools.cache
def _root() -> Any:
    """The click command of the Typer app (built once: building it takes a while)."""
    return typer.main.get_command(app)


def _invocations() -> list[tuple[str, str]]:
    """Every ``tipwatch ...`` invocation written out in the docs: in prose as code, and in code blocks."""
    found: set[tuple[str, str]] = set()
    for path in DOCS:
        text = path.read_text("utf-8")
        found |= {(path.name, match.group(1)) for match in re.finditer(r"`(tipwatch [^`]+)`", text)}
        found |= {
            (path.name, match.group(0).split("#")[0].strip())
            for line in _code_lines(path)
            for match in INVOCATION.finditer(line)
            if not re.match(r"tipwatch [a-z-]+:", match.group(0))
        }
    return sorted(found)


def unknown_options(invocation: str) -> list[str]:
    """The ``--options`` of an invocation that its command does not take (its groups' commands walked)."""
    command = _root()
    root_options = {o for p in command.params for o in [*p.opts, *p.secondary_opts]}
    words = shlex.split(invocation.replace("\n", " "), posix=False)[1:]
    for word in words:
        if not hasattr(command, "commands") or word.startswith("-"):
            break
        if word not in command.commands:
            break
        command = command.commands[word]
    known = root_options | {"--help"} | {o for p in command.params for o in [*p.opts, *p.secondary_opts]}
    used = {o for word in words for o in re.findall(r"(?:^|/)(--?[a-z][a-z0-9-]*)", word.split("=")[0])}
    return sorted(used - known)


def _exists(words: str) -> bool:
    command = _root()
    for word in words.split():
        if not hasattr(command, "commands"):
            return True  # the rest are arguments
        found = command.commands.get(word)
        if found is None:
            return False
        command = found
    return True


def test_the_docs_name_commands() -> None:
    assert len(_named()) > 20
    assert not _exists("audit") and not _exists("what-if") and not _exists("registry bogus")


@pytest.mark.parametrize(("doc", "words"), _named())
def test_every_command_in_the_docs_exists(doc: str, words: str) -> None:
    assert _exists(words), f"{doc} names 'tipwatch {words}', which is not a command"


@pytest.mark.parametrize(("doc", "invocation"), _invocations())
def test_every_option_in_the_docs_exists(doc: str, invocation: str) -> None:
    assert not unknown_options(invocation), f"{doc}: '{invocation}' names options its command lacks"


def test_an_unknown_option_is_found() -> None:
    assert unknown_options("tipwatch history Macau --jsn -o x") == ["--jsn", "-o"]
    assert unknown_options("tipwatch serve --k/--calendar") == []


@pytest.mark.parametrize(
    ("shown", "output", "missing"),
    [
        (("a b", "…", "c"), "x a  b\n│ c │", []),
        (("c", "a b"), "a b\nc", ["a b"]),
        (("token tw_…",), "token tw_9f8e", []),
        (("absent",), "present", ["absent"]),
        (("one two three",), "│ one   two │\n│ three     │", []),
        (("a … c",), "a b c", []),
        (("a … c",), "a b\nc", ["a … c"]),
    ],
)
def test_the_comparison_rule(shown: tuple[str, ...], output: str, missing: list[str]) -> None:
    assert missing_lines(shown, output) == missing
