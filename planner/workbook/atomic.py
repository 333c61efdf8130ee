"""Atomic file replacement: write beside the target, fsync, rename; the old file stays whole."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from planner.errors import SaveError

MAX_TEMP_ATTEMPTS = 20
STALE_TEMP_SECONDS = 600  # a save takes seconds; a temp file this old was left behind


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file to replace (a symbolic link's target), after checking it can be written.

    Raises SaveError for a folder at the path, a missing folder or a read-only file.
    """
    given = Path(path)
    name = given.name or str(given)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    if target.is_dir():
        raise SaveError(f"Cannot save {name}: {given} is a folder. Choose a file name "
                        "ending in .xlsx.")
    folder = target.parent
    if not folder.exists():
        raise SaveError(f"Cannot save {name}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise SaveError(f"Cannot save {name}: {folder} is not a folder.")
    if target.exists() and is_read_only(target):
        raise SaveError(f"Cannot save {name}: the file is read-only. Save under another name.")
    return target


def is_read_only(path: Path) -> bool:
    """True for a file marked read-only (a plain rename would silently replace it)."""
    mode = path.stat().st_mode
    if not mode & stat.S_IWUSR:
        return True
    # Running as root, os.access says yes to everything; the mode bits above decide.
    return hasattr(os, "geteuid") and os.geteuid() != 0 and not os.access(path, os.W_OK)


def write_atomically(target: Path, write: Callable[[BinaryIO], None],
                     shown_name: str | None = None) -> None:
    """Write a new file with ``write`` and move it onto ``target`` in one step.

    The new file is written to a hidden temporary file in the same folder, flushed to
    disk, given the old file's permissions, and renamed onto the target. On any failure
    the temporary file is removed, the old file is untouched, and SaveError says why.
    """
    name = shown_name or target.name
    folder = target.parent
    remove_stale_temps(folder, target.name)
    temp, handle = _create_temp(folder, target.name, name)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        try:
            os.replace(temp, target)
        except OSError as error:
            raise _replace_error(error, name) from error
        _sync_folder(folder)
    except SaveError:
        _remove(temp)
        raise
    except OSError as error:
        _remove(temp)
        raise _write_error(error, name, folder) from error
    except Exception as error:  # a bug must not reach a planner as a traceback
        _remove(temp)
        raise SaveError(f"Cannot save {name}: writing the file failed "
                        f"({type(error).__name__}: {error}).") from error
    except BaseException:  # an interrupt: clean up and let it through
        _remove(temp)
        raise


def remove_stale_temps(folder: Path, target_name: str) -> None:
    """Remove the temporary files an earlier save of this file left when it was killed
    (only those untouched for STALE_TEMP_SECONDS: a save under way elsewhere keeps its own)."""
    now = time.time()
    for temp in folder.glob(f".~{glob.escape(target_name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - temp.lstat().st_mtime > STALE_TEMP_SECONDS and temp.is_file():
                temp.unlink()


def _create_temp(folder: Path, target_name: str, name: str) -> tuple[Path, int]:
    # os.open with 0o666 lets the umask decide the permissions of a new file (mkstemp
    # would make it private to its owner).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(MAX_TEMP_ATTEMPTS):
        temp = folder / f".~{target_name}.{secrets.token_hex(4)}.tmp"
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise _write_error(error, name, folder) from error
    raise SaveError(f"Cannot save {name}: no temporary file could be made in {folder}.")


def _replace_error(error: OSError, name: str) -> SaveError:
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM,
                                                             errno.EBUSY):
        return SaveError(f"Cannot save {name}: the file is open in another program or "
                         "read-only. Close it there, or save under another name.")
    if isinstance(error, IsADirectoryError):
        return SaveError(f"Cannot save {name}: a folder has that name. Choose another name.")
    return _write_error(error, name, None)


def _write_error(error: OSError, name: str, folder: Path | None) -> SaveError:
    if error.errno == errno.ENOSPC:
        return SaveError(f"Cannot save {name}: the disk is full. Free some space or save "
                         "elsewhere.")
    if error.errno == errno.EROFS:
        return SaveError(f"Cannot save {name}: the disk is read-only. Save elsewhere.")
    if isinstance(error, PermissionError) and folder is not None:
        return SaveError(f"Cannot save {name}: the folder {folder} is read-only. Save in "
                         "another folder.")
    reason = error.strerror or str(error) or type(error).__name__
    return SaveError(f"Cannot save {name}: {reason}.")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a failure here loses nothing."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass  # nothing more can be done; the old file is intact either way
