"""Every CLI command that reads a path, given the same bad inputs (issue 15, item 3): a missing path, a
folder, an empty file, random bytes, UTF-16, latin-1, a truncated file and a 20 MB field. Each answer is
exit status 2 and a message naming the file (and the line, where there is one), never a traceback, and
the database is exactly as it was: every table's rows and the registry statistics are compared."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tipwatch.cli import app

runner = CliRunner()
GROUPS = {"registry", "evidence", "users", "law"}
FLAGS = {"--no-check"}
REPO = Path(__file__).resolve().parents[2]
BIG = 20 * 1024 * 1024


@dataclass(frozen=True)
class EntryPoint:
    """A command that reads one path: its arguments around ``{path}``, the file name it is given, and a
    valid file to spoil."""

    name: str
    args: tuple[str, ...]
    file_name: str
    valid: Callable[[Path], bytes]
    kind: str  # csv, json, yaml or text: how a 20 MB field and a cut are made
    uses_db: bool = True

    @property
    def parameter(self) -> tuple[str, str]:
        """(command, option) that reads the path; ``files`` for a positional argument."""
        at = self.args.index("{path}")
        words = self.args[: 2 if self.args[0] in GROUPS else 1]
        before = self.args[at - 1]
        option = before if before.startswith("-") and before not in FLAGS else "files"
        return " ".join(words), option


def _bundled(*parts: str) -> Callable[[Path], bytes]:
    return lambda _: (resources.files("tipwatch").joinpath(*parts)).read_bytes()


def _repo(relative: str) -> Callable[[Path], bytes]:
    return lambda _: (REPO / relative).read_bytes()


def _exported(name: str) -> Callable[[Path], bytes]:
    return lambda samples: (samples / name).read_bytes()


ENTRY_POINTS = [
    EntryPoint(
        "registry-csv", ("registry", "import", "{path}"), "cases.csv", _exported("csvdir/cases.csv"), "csv"
    ),
    EntryPoint(
        "registry-json", ("registry", "import", "{path}"), "registry.json", _exported("registry.json"), "json"
    ),
    EntryPoint(
        "registry-table",
        ("registry", "import", "--table", "cases", "{path}"),
        "some.csv",
        _exported("csvdir/cases.csv"),
        "csv",
    ),
    EntryPoint(
        "htcds-csv",
        ("registry", "import", "--format", "htcds", "{path}"),
        "h.csv",
        _exported("htcds.csv"),
        "csv",
    ),
    EntryPoint(
        "htcds-json",
        ("registry", "import", "--format", "htcds", "{path}"),
        "h.json",
        _exported("htcds.json"),
        "json",
    ),
    EntryPoint(
        "ctdc", ("registry", "import", "--format", "ctdc", "{path}"), "c.csv", _exported("ctdc.csv"), "csv"
    ),
    EntryPoint(
        "load-tiers",
        ("load", "--tiers", "{path}", "--replace"),
        "tiers.csv",
        _repo("tests/data/history/tip_tiers.csv"),
        "csv",
    ),
    EntryPoint(
        "load-glotip",
        ("load", "--glotip", "{path}"),
        "glotip.csv",
        _repo("tests/data/history/glotip_sample.csv"),
        "csv",
    ),
    EntryPoint(
        "assess",
        ("assess", "{path}"),
        "e.yaml",
        _bundled("data", "examples", "macau", "macau-2023.yaml"),
        "yaml",
        uses_db=False,
    ),
    EntryPoint(
        "assess-policy",
        ("assess", "example:macau-2023", "--policy", "{path}"),
        "p.yaml",
        _bundled("assess", "policies", "rubric-2024.yaml"),
        "yaml",
        uses_db=False,
    ),
    EntryPoint(
        "reply-json",
        ("reply", "--report-year", "2023", "--narrative", "{path}"),
        "n.json",
        _repo("tests/data/reply/macau-2023.json"),
        "json",
    ),
    EntryPoint(
        "reply-text",
        ("reply", "--report-year", "2023", "--narrative", "{path}"),
        "n.txt",
        _repo("tests/data/reply/macau-2023.txt"),
        "text",
    ),
    EntryPoint(
        "reply-figures",
        ("reply", "--report-year", "2024", "--narrative", "{narrative}", "--figures", "{path}"),
        "figures.csv",
        _bundled("data", "figures", "macau.csv"),
        "csv",
        uses_db=False,
    ),
    EntryPoint(
        "calibrate-policy",
        ("calibrate", "--policy", "{path}"),
        "p.yaml",
        _bundled("assess", "policies", "rubric-2024.yaml"),
        "yaml",
        uses_db=False,
    ),
    EntryPoint(
        "read",
        ("read", "--no-check", "{path}"),
        "macau-2023.txt",
        _repo("tests/data/narratives/dev/macau-2023.txt"),
        "text",
        uses_db=False,
    ),
    EntryPoint(
        "submission-base",
        ("submission", "--report-year", "2023", "--jurisdiction", "Macau", "-o", "{out}", "--base", "{path}"),
        "b.yaml",
        _bundled("data", "examples", "macau", "macau-2023.yaml"),
        "yaml",
    ),
]


def _line_2_at(text: str, insert: str) -> str:
    """``insert`` put into the second line (after its first comma, if it has one)."""
    first_end = text.index("\n") + 1
    comma = text.find(",", first_end, text.index("\n", first_end))
    at = comma + 1 if comma != -1 else first_end
    return text[:at] + insert + text[at:]


def _big_field(text: str, kind: str) -> str:
    field = "x" * BIG
    if kind == "csv":
        return _line_2_at(text, field)
    if kind == "json":
        return text.replace("{", '{"x_oversized": "' + field + '", ', 1)
    if kind == "yaml":
        return f"x_oversized: {field}\n{text}"
    return _line_2_at(text, field)


def _truncated(text: str, kind: str) -> str:
    """Cut in the middle, inside a row (CSV: just after a row's first comma, so it lacks fields)."""
    middle = len(text) // 2
    if kind == "csv":
        start = text.index("\n", middle) + 1
        return text[: text.index(",", start) + 2]
    return text[:middle]


BAD_INPUTS = ["missing", "folder", "empty", "random-bytes", "utf-16", "latin-1", "truncated", "20-mb-field"]
LINE_EXPECTED = {"latin-1": 2}


def _make(bad: str, entry: EntryPoint, valid: bytes, target: Path) -> None:
    text = valid.decode("utf-8")
    if bad == "missing":
        return
    if bad == "folder":
        target.mkdir()
    elif bad == "empty":
        target.write_bytes(b"")
    elif bad == "random-bytes":
        target.write_bytes(random.Random(15).randbytes(4096))
    elif bad == "utf-16":
        target.write_bytes(text.encode("utf-16"))
    elif bad == "latin-1":
        target.write_bytes(_line_2_at(text, "Curaçao é").encode("latin-1", errors="replace"))
    elif bad == "truncated":
        target.write_bytes(_truncated(text, entry.kind).encode("utf-8"))
    else:
        target.write_bytes(_big_field(text, entry.kind).encode("utf-8"))


def _digest(db_file: Path) -> str:
    """Every table's rows, in order, hashed."""
    digest = hashlib.sha256()
    with sqlite3.connect(db_file) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            rows = connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            digest.update(f"{table}:{len(rows)}:{sorted(map(repr, rows))}".encode())
    return digest.hexdigest()


def _statistics(db: str) -> str:
    result = runner.invoke(app, ["registry", "stats", "--period", "2024", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    return hashlib.sha256(result.stdout.encode()).hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database holding the tier record, GLOTIP figures and a synthetic registry; and a folder of valid
    registry, HTCDS and CTDC files exported from another registry (they would import cleanly)."""
    root = tmp_path_factory.mktemp("world")
    db_file = root / "tipwatch.db"
    db = f"sqlite:///{db_file}"
    for args in (["load"], ["registry", "synth", "--victims", "12", "--prefix", "SYN"]):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, result.output
    samples = root / "samples"
    samples.mkdir()
    source = f"sqlite:///{root / 'source.db'}"
    steps = [
        ["registry", "synth", "--victims", "6", "--prefix", "SRC"],
        ["registry", "export", str(samples / "csvdir")],
        ["registry", "export", str(samples / "registry.json")],
        ["registry", "export", "--format", "htcds", str(samples / "htcds.csv")],
        ["registry", "export", "--format", "htcds", str(samples / "htcds.json")],
        ["registry", "export", "--format", "ctdc", str(samples / "ctdc.csv")],
    ]
    for args in steps:
        result = runner.invoke(app, [*args, "--db", source])
        assert result.exit_code == 0, result.output
    return db_file, samples


def _invoke(entry: EntryPoint, path: Path, db_file: Path, out: Path) -> tuple[int, str, BaseException | None]:
    out.mkdir(exist_ok=True)
    narrative = REPO / "tests" / "data" / "narratives" / "dev" / "macau-2024.json"
    args = [
        a.replace("{path}", str(path)).replace("{out}", str(out)).replace("{narrative}", str(narrative))
        for a in entry.args
    ]
    if entry.uses_db:
        args += ["--db", f"sqlite:///{db_file}"]
    result = runner.invoke(app, args)
    return result.exit_code, result.output, result.exception


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=lambda e: e.name)
def test_the_valid_file_is_accepted(entry: EntryPoint, world: tuple[Path, Path], tmp_path: Path) -> None:
    """The control: each valid file, unspoilt, is read without complaint (into a copy of the database)."""
    db_file, samples = world
    copy = tmp_path / "copy.db"
    shutil.copy(db_file, copy)
    target = tmp_path / entry.file_name
    target.write_bytes(entry.valid(samples))
    code, output, _ = _invoke(entry, target, copy, tmp_path / "out")
    assert code == 0, output


@pytest.mark.parametrize("bad", BAD_INPUTS)
@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=lambda e: e.name)
def test_bad_input_is_exit_2_naming_the_file(
    entry: EntryPoint, bad: str, world: tuple[Path, Path], tmp_path: Path
) -> None:
    if bad == "truncated" and entry.kind == "text":
        pytest.skip("a narrative cut short is still a narrative: nothing in the text can tell")
    db_file, samples = world
    target = tmp_path / entry.file_name
    _make(bad, entry, entry.valid(samples), target)
    before = (_digest(db_file), _statistics(f"sqlite:///{db_file}"))
    out = tmp_path / "out"
    code, output, exception = _invoke(entry, target, db_file, out)
    assert code == 2, output
    assert isinstance(exception, SystemExit), exception
    assert "Traceback" not in output
    assert str(target) in output or target.name in output, output
    if bad in LINE_EXPECTED:
        line = LINE_EXPECTED[bad]
        assert f"{target}:{line}" in output or f"line {line}" in output, output
    assert (_digest(db_file), _statistics(f"sqlite:///{db_file}")) == before
    assert not any(out.iterdir()), "nothing is written"


def test_serve_refuses_a_port_out_of_range() -> None:
    result = runner.invoke(app, ["serve", "--port", "99999"])
    assert result.exit_code == 2
    assert "--port" in result.output and "65535" in result.output and "Traceback" not in result.output


def test_messages_are_whole(world: tuple[Path, Path], tmp_path: Path) -> None:
    """A truncated JSON file's message is printed whole, with its line."""
    _, samples = world
    target = tmp_path / "registry.json"
    text = (samples / "registry.json").read_text(encoding="utf-8")
    target.write_text(text[: len(text) // 2], encoding="utf-8")
    result = runner.invoke(app, ["registry", "import", str(target)])
    assert result.exit_code == 2
    assert json.dumps(str(target))[1:-1] in result.output or str(target) in result.output


# Every path parameter of the CLI is one of: a file read (an entry point above, by command and option), a
# folder read (its files are the inputs; given a missing path or a file in its place it answers exit 2),
# or a path written (nothing is read from it). A new path parameter fails the census until it is placed.
FOLDERS_READ = {("calibrate", "--set"): ("calibrate", "--set"), ("read-eval", "directory"): ("read-eval",)}
WRITTEN = {
    ("chart", "-o"),
    ("read", "-o"),
    ("review", "-o"),
    ("submission", "-o"),
    ("reply", "-o"),
    ("reply", "--chart"),  # the timeline chart, written (PNG or SVG)
    ("evidence new", "-o"),
    ("registry export", "target"),
}


def _path_parameters() -> set[tuple[str, str]]:
    """(command, first option or argument name) of every parameter typed as a path, found by walking the
    Typer app, so a command added later is in the census without editing this file."""
    found: set[tuple[str, str]] = set()

    def walk(command: Any, words: list[str]) -> None:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, [*words, name])
            return
        for param in command.params:
            annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
            if annotation is Path or "pathlib.Path" in str(annotation) or param.name in ("files", "paths"):
                name = param.opts[0] if param.opts[0].startswith("-") else param.name
                found.add((" ".join(words), name))

    walk(typer.main.get_command(app), [])
    return found


def _read_by_entry_points() -> set[tuple[str, str]]:
    return {entry.parameter for entry in ENTRY_POINTS}


def test_every_path_parameter_is_in_the_census() -> None:
    parameters = _path_parameters()
    assert len(parameters) >= 15
    placed = _read_by_entry_points() | set(FOLDERS_READ) | WRITTEN
    assert parameters - placed == set(), "give each new path parameter an EntryPoint (or place it)"
    assert placed - parameters == set(), "the census names a parameter the CLI no longer has"


@pytest.mark.parametrize("bad", ["missing", "a-file"])
@pytest.mark.parametrize("words", list(FOLDERS_READ.values()), ids=" ".join)
def test_a_folder_input_given_no_folder_is_exit_2(words: tuple[str, ...], bad: str, tmp_path: Path) -> None:
    target = tmp_path / "set"
    if bad == "a-file":
        target.write_text("file, not folder\n", encoding="utf-8")
    result = runner.invoke(app, [*words, str(target)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert str(target) in result.output
