from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.law import law_for_report_year, law_version, load_law_versions
from tipwatch.law.versions import VERSIONS_DIR
from tipwatch.problems import InputError, NotFoundError


def test_every_report_year_has_exactly_one_version() -> None:
    versions = load_law_versions()
    for year in range(2001, 2060):
        assert sum(v.governs(year) for v in versions) == 1, year


@pytest.mark.parametrize(
    ("year", "version_id", "max_run"),
    [
        (2001, "tvpa-2000", None),
        (2005, "tvpra-2003", None),
        (2008, "tvpra-2005", None),
        (2009, "tvpra-2008", 4),
        (2018, "tvpra-2008", 4),
        (2019, "fd-tvpra-2018", 3),
        (2020, "fd-tvpra-2018", 3),
        (2024, "ndaa-2021", 3),
    ],
)
def test_version_in_force_and_watch_list_limit(year: int, version_id: str, max_run: int | None) -> None:
    law = law_for_report_year(year)
    assert law.id == version_id
    assert law.parameters.max_consecutive_watch_list_years == max_run


def test_extends_carries_unchanged_values_forward() -> None:
    law = law_version("ndaa-2021")
    assert law.parameters.report_due.value == "June 30"
    assert law.parameters.waiver_max_years.value == 1
    assert law.parameters.waiver_max_years.reference == "22 U.S.C. 7107(b)(2)(D)(ii)"
    assert law.parameters.policy_or_pattern_is_failure.value is True
    assert law_version("tvpra-2008").parameters.policy_or_pattern_is_failure.value is False
    assert law_version("fd-tvpra-2018").parameters.policy_or_pattern_is_failure.value is True
    assert law_version("tvpra-2003").parameters.commitments_excluded.value is False


def test_unknown_version_suggests_the_known_ones() -> None:
    with pytest.raises(NotFoundError) as info:
        law_version("tvpa-1999")
    assert "tvpa-2000" in info.value.suggestions


@pytest.fixture
def law_dir(tmp_path: Path) -> Path:
    target = tmp_path / "versions"
    shutil.copytree(VERSIONS_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def _problems(directory: Path) -> list[tuple[str, str | None, int | None]]:
    with pytest.raises(InputError) as info:
        load_law_versions(directory)
    return [
        (p.code, p.location.file and Path(p.location.file).name, p.location.line) for p in info.value.problems
    ]


def test_bad_file_unknown_key(law_dir: Path) -> None:
    _edit(
        law_dir / "tvpra-2008.yaml", "first_report_year: 2009", "first_report_year: 2009\nenacted_by: someone"
    )
    [(code, file, line)] = _problems(law_dir)
    assert (code, file) == ("unknown-field", "tvpra-2008.yaml")
    assert line == 8


def test_bad_file_bad_date(law_dir: Path) -> None:
    _edit(law_dir / "tvpra-2008.yaml", "enacted: 2008-12-23", "enacted: 2008-13-45")
    [(code, file, line)] = _problems(law_dir)
    assert (code, file, line) == ("invalid-value", "tvpra-2008.yaml", 6)


def test_bad_file_missing_reference(law_dir: Path) -> None:
    _edit(
        law_dir / "fd-tvpra-2018.yaml",
        "    value: 1\n    reference: 22 U.S.C. 7107(b)(2)(D)(ii)\n",
        "    value: 1\n",
    )
    problems = _problems(law_dir)
    assert ("missing-field", "fd-tvpra-2018.yaml") in [(c, f) for c, f, _ in problems]


def test_bad_file_missing_act(law_dir: Path) -> None:
    _edit(law_dir / "fd-tvpra-2018.yaml", "    act: Pub. L. 115-425, sec. 203(1)(B)\n", "")
    problems = _problems(law_dir)
    assert ("missing-field", "fd-tvpra-2018.yaml") in [(c, f) for c, f, _ in problems]


def test_bad_file_reference_that_is_not_a_subsection(law_dir: Path) -> None:
    _edit(law_dir / "ndaa-2021.yaml", "reference: 22 U.S.C. 7107(b)(1)", "reference: somewhere in the act")
    [(code, file, _line)] = _problems(law_dir)
    assert (code, file) == ("invalid-value", "ndaa-2021.yaml")


def test_bad_file_broken_extends_chain(law_dir: Path) -> None:
    _edit(law_dir / "fd-tvpra-2018.yaml", "extends: tvpra-2008", "extends: tvpa-2000")
    assert ("broken-extends", "fd-tvpra-2018.yaml", 2) in _problems(law_dir)


def test_bad_file_act_enacted_after_the_report_it_governs(law_dir: Path) -> None:
    _edit(law_dir / "tvpra-2008.yaml", "first_report_year: 2009", "first_report_year: 2008")
    codes = [code for code, _, _ in _problems(law_dir)]
    assert "act-after-report" in codes or "overlapping-law-versions" in codes


def test_bad_file_two_versions_starting_the_same_year(law_dir: Path) -> None:
    _edit(law_dir / "ndaa-2021.yaml", "first_report_year: 2021", "first_report_year: 2019")
    assert "overlapping-law-versions" in [code for code, _, _ in _problems(law_dir)]


def test_bad_file_every_problem_is_reported(law_dir: Path) -> None:
    _edit(law_dir / "tvpra-2008.yaml", "enacted: 2008-12-23", "enacted: not-a-date")
    _edit(law_dir / "ndaa-2021.yaml", "title:", "colour: red\ntitle:")
    files = {file for _, file, _ in _problems(law_dir)}
    assert files == {"tvpra-2008.yaml", "ndaa-2021.yaml"}


def test_cli_law_show_json_and_unknown_version() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["law", "show", "--year", "2019", "--json"])
    assert result.exit_code == 0, result.output
    assert '"id": "fd-tvpra-2018"' in result.output
    result = runner.invoke(app, ["law", "show", "no-such-law"])
    assert result.exit_code == 2
