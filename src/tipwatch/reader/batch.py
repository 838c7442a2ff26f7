"""Batches: files, folders and glob patterns read one narrative at a time (constant memory), with a
failure value — not an exception — for each file that cannot be read, so the batch goes on."""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader.crosscheck import TierLookup, cross_check
from tipwatch.reader.inputs import READABLE_SUFFIXES, load_documents
from tipwatch.reader.model import Narrative
from tipwatch.reader.narrative import read_narrative


@dataclass(frozen=True, slots=True)
class Failure:
    """A file (or part of a PDF) that could not be read, with every problem found."""

    file: str
    error: InputError

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "error": self.error.summary,
            "problems": [p.to_dict() for p in self.error.problems],
        }


def expand_inputs(arguments: Iterable[str]) -> Iterator[Path]:
    """Each argument as files: a file as is, a folder's readable files (sorted, not recursive), a glob's
    matches. An argument that matches nothing is yielded as given, so that reading it reports the error."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES
            )
        elif not path.exists() and glob.has_magic(argument):
            matches = sorted(glob.iglob(argument, recursive=True))  # noqa: PTH207 - absolute patterns too
            if not matches:
                yield path
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield path


def read_paths(
    paths: Iterable[Path],
    *,
    year: int | None = None,
    jurisdiction: str | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_page: Callable[[int, int], None] | None = None,
    check: TierLookup | None = None,
    record_name: str = "the tier record",
) -> Iterator[Narrative | Failure]:
    """Read every narrative in ``paths``, one at a time; a file that fails yields a :class:`Failure`.
    With ``check``, each narrative's ``warnings`` hold its cross-checks against that tier record."""
    for path in paths:
        try:
            for document in load_documents(path, on_page=on_page):
                try:
                    narrative = read_narrative(
                        document.text,
                        file=document.file,
                        title=document.title,
                        year=year,
                        jurisdiction=jurisdiction,
                    )
                except InputError as exc:
                    yield Failure(document.file, exc)
                    continue
                if check is not None:
                    narrative.warnings = cross_check(narrative, check, record_name=record_name)
                yield narrative
        except InputError as exc:
            yield Failure(str(path), exc)
        except (OSError, RuntimeError, ValueError) as exc:  # a loader's unexpected failure stays one file's
            problem = Problem(
                ProblemCode.UNREADABLE_FILE, f"cannot be read: {exc}", location=Location(file=str(path))
            )
            yield Failure(str(path), InputError(f"{path}: cannot be read", [problem]))
        if on_file is not None:
            on_file(path)
