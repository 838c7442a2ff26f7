"""Files and folders that hold registry data (the SQLite database, exports, the data folder) are created
readable by their owner only: 0600 and 0700, whatever the process's umask."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700; an existing folder is left as it is."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        folder.chmod(PRIVATE_FOLDER_MODE)
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty as 0600 if it does not exist, and make it 0600 if it does and belongs to
    this user, so that a writer opening it afterwards (``open(path, "w")``) keeps that mode."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        if path.is_file() and path.stat().st_uid == os.getuid():
            path.chmod(PRIVATE_FILE_MODE)
        return path
    os.close(descriptor)
    path.chmod(PRIVATE_FILE_MODE)  # os.open's mode is masked by the umask; chmod is not
    return path
