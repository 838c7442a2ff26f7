"""An uploaded narrative file read into facts (``/api/read/file``, ``/read``): one narrative per country
heading in a PDF."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import HTTPException, UploadFile

from tipwatch.problems import InputError, TipwatchError
from tipwatch.reader import read_narrative
from tipwatch.reader.inputs import load_documents

MAX_UPLOAD = 20 * 1024 * 1024
SUFFIXES = (".txt", ".html", ".htm", ".pdf")


def read_upload(file: UploadFile) -> list[dict[str, Any]]:
    name = Path(file.filename or "upload.txt").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise HTTPException(
            400, f"received a {suffix or 'nameless'} file; expected one of {', '.join(SUFFIXES)}"
        )
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(400, f"the file is over {MAX_UPLOAD // (1024 * 1024)} MiB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return [
                read_narrative(
                    doc.text,
                    file=name if doc.file == str(path) else doc.file.replace(str(path), name),
                    title=doc.title,
                ).to_dict()
                for doc in load_documents(path)
            ]
        except TipwatchError as error:  # its messages name the server's temporary folder: not shown
            raise without_path(error, folder) from None


def without_path(error: TipwatchError, folder: str) -> TipwatchError:
    """The same error with the temporary ``folder`` (and its real path) cut from every message."""
    folders = sorted({folder, str(Path(folder).resolve())}, key=len, reverse=True)

    def clean(text: str | None) -> str | None:
        for prefix in folders:
            text = text.replace(prefix + "/", "").replace(prefix, "") if text else text
        return text

    if isinstance(error, InputError):
        problems = [
            replace(
                p, message=clean(p.message) or "", location=replace(p.location, file=clean(p.location.file))
            )
            for p in error.problems
        ]
        return InputError(clean(error.summary) or "", problems)
    return TipwatchError(clean(str(error)) or "")
