"""The one reader of input files: folders, empty files, bad bytes with line and column, field sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipwatch.datafile import read_data_file
from tipwatch.inputfile import FIELD_LIMIT, check_field_sizes, decode_text, read_input_bytes, read_input_text
from tipwatch.problems import InputError


def _error(call: object) -> InputError:
    with pytest.raises(InputError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_a_folder_a_missing_path_and_an_empty_file_name_the_file(tmp_path: Path) -> None:
    assert "is a folder" in str(_error(lambda: read_input_bytes(tmp_path)))
    missing = _error(lambda: read_input_bytes(tmp_path / "absent.csv"))
    assert "absent.csv" in missing.summary and missing.problems[0].code == "unreadable-file"
    (tmp_path / "blank.csv").write_text(" \n\n", encoding="utf-8")
    assert _error(lambda: read_input_bytes(tmp_path / "blank.csv")).problems[0].code == "empty-file"


def test_bad_bytes_are_reported_with_line_and_column() -> None:
    error = _error(lambda: decode_text("a,b\nc,Cura\xe7ao\n".encode("latin-1"), "f.csv"))
    assert error.problems[0].location.line == 2
    assert "line 2, column 7" in error.problems[0].message
    assert "0xe7" in error.problems[0].message


def test_utf16_is_refused_by_its_byte_order_mark() -> None:
    assert "UTF-16" in str(_error(lambda: decode_text("a,b\n".encode("utf-16"), "f.csv")))


def test_a_bom_is_dropped() -> None:
    assert decode_text("\ufeffa,b\n".encode(), "f.csv") == "a,b\n"


def test_a_field_over_the_limit_is_refused_with_its_path() -> None:
    error = _error(lambda: check_field_sizes({"rows": [{"name": "x" * (FIELD_LIMIT + 1)}]}, "f.json"))
    assert error.problems[0].code == "field-too-large"
    assert error.problems[0].location.path == "rows.0.name"
    check_field_sizes({"rows": [{"name": "x" * FIELD_LIMIT}]}, "f.json")


def test_a_text_line_over_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text("title\n" + "x" * (FIELD_LIMIT + 1) + "\n", encoding="utf-8")
    assert read_input_text(path).startswith("title")
    error = _error(lambda: read_input_text(path, line_limit=True))
    assert error.problems[0].location.line == 2


def test_a_yaml_file_of_only_comments_says_it_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text("# nothing here yet\n", encoding="utf-8")
    error = _error(lambda: read_data_file(path))
    assert error.problems[0].code == "empty-file" and "NoneType" not in str(error)


def test_a_json_file_cut_inside_a_string_gets_a_whole_message(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tipwatch.cli import app

    cut = tmp_path / "cut.json"
    cut.write_text('[\n  {"prs_Gender": "Fem', encoding="utf-8")
    for args in (
        ["registry", "import", "--format", "htcds", str(cut)],
        ["reply", "--narrative", str(cut), "--report-year", "2023"],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "Unterminated string starting at (line 2, column 18)" in result.output, result.output
