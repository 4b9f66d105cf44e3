"""Writing a file so that a crash or a full disk never leaves half of it in place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from trialtracker.domain.errors import FileWriteError


def write_atomically(target: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` beside ``target`` under a fresh unique name, flush it to disk, then rename it
    into place: a failure leaves any previous file untouched, two writers never share a temporary
    file, and a planted symlink is never followed (the temporary file is created exclusively).

    ``data`` may come in pieces (a streamed export), written as they come.
    Raises :class:`FileWriteError` (one line, naming the file) when it cannot be written.
    """
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise FileWriteError(f"cannot write {target}: {exc.strerror}") from exc
    part = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in [data] if isinstance(data, bytes) else data:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise FileWriteError(f"cannot write {target}: {exc.strerror}") from exc
    except BaseException:  # the pieces could not be made (a database error, Ctrl-C): leave nothing
        part.unlink(missing_ok=True)
        raise
    return target
