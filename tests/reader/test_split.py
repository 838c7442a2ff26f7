"""A document that holds a second country's narrative is split, never read as one (issue 15, item 4)."""

from __future__ import annotations

import html
from itertools import pairwise
from pathlib import Path

import pytest

from tipwatch.reader.batch import Failure, read_paths
from tipwatch.reader.model import Narrative
from tipwatch.reader.split import OPENING, split_narratives

DEV = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"
STEMS = sorted(path.stem for path in DEV.glob("*.txt"))


def _pdf(path: Path, texts: list[str], title: str | None = None) -> Path:
    from weasyprint import HTML

    pages = "".join(
        '<div style="page-break-before: always">'
        + "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
        + "</div>"
        for text in texts
    )
    head = f"<head><title>{html.escape(title)}</title></head>" if title else ""
    HTML(string=f"<html>{head}<body>{pages}</body></html>").write_pdf(str(path))
    return path


def _read(path: Path) -> list[Narrative]:
    results = list(read_paths([path]))
    assert not [r for r in results if isinstance(r, Failure)], results
    return [r for r in results if isinstance(r, Narrative)]


def _dev(stem: str) -> str:
    return (DEV / f"{stem}.txt").read_text(encoding="utf-8")


def test_no_single_narrative_is_split() -> None:
    for path in sorted(DEV.parent.glob("*/*.txt")):
        assert len(list(split_narratives(path.read_text(encoding="utf-8")))) == 1, path.name


@pytest.mark.parametrize(("first", "second"), list(pairwise(STEMS)))
def test_two_narratives_in_one_text_are_two(first: str, second: str) -> None:
    parts = list(split_narratives(_dev(first).rstrip() + "\n" + _dev(second)))
    assert len(parts) == 2
    assert parts[0][1].startswith(_dev(first).strip()[:200])
    assert len(parts[0][1]) <= len(_dev(first).strip()) + 80  # at most a heading line left behind
    assert _dev(second).strip()[-200:] in parts[1][1]
    opening = OPENING.search(_dev(second))
    assert opening is None or opening.group(0) in parts[1][1]


def test_a_pdf_of_two_dev_narratives_is_read_as_two(tmp_path: Path) -> None:
    """Pages that begin like the dev files' first lines ("CHAD (Tier 2 Watch List) Extracted from …")."""
    pdf = _pdf(tmp_path / "two.pdf", [_dev("macau-2023"), _dev("chad-2020")])
    macau, chad = _read(pdf)
    assert (macau.value("jurisdiction"), chad.value("jurisdiction")) == ("Macau", "Chad")
    assert macau.value("convictions") is None  # Chad's "convicted one" stays Chad's
    assert chad.value("convictions") == 1
    assert chad.value("report_year") == 2020  # its own label: "2020 TIP Report"


def test_a_split_by_country_tier_headings_carries_the_report_year(tmp_path: Path) -> None:
    texts = [
        "MACAU: TIER 3\n" + _dev("macau-2023").split("\n", 1)[1],
        "CHAD: TIER 2 WATCH LIST\n" + _dev("chad-2020").split("\n", 1)[1],
    ]
    for pdf in (
        _pdf(tmp_path / "titled.pdf", texts, title="2023 Trafficking in Persons Report"),
        _pdf(tmp_path / "cover.pdf", ["2023 Trafficking in Persons Report\nJune 2023", *texts]),
    ):
        narratives = _read(pdf)
        assert [n.value("jurisdiction") for n in narratives] == ["Macau", "Chad"], pdf
        assert [n.value("report_year") for n in narratives] == [2023, 2023], pdf


def test_a_text_file_of_two_narratives_is_read_as_two(tmp_path: Path) -> None:
    path = tmp_path / "narratives.txt"
    path.write_text(_dev("macau-2023") + "\n" + _dev("chad-2020"), encoding="utf-8")
    macau, chad = _read(path)
    assert macau.file == str(path) and chad.file == f"{path}#CHAD"
    assert macau.value("convictions") is None and chad.value("convictions") == 1
