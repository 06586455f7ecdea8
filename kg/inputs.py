"""Stage 0, inputs: the files and folders given -> the report files to read.

A folder gives its report files (``*.txt``, ``*.text``, ``*.md``; not
recursive), sorted by name, and its ``manifest.csv``. What a folder scan
passes over is said, not silently dropped:

- files of another type and sub-folders are counted in one line
  (``ignored: 2 files of unknown type (.docx, .pdf)``);
- hidden files (``.name``), office lock files (``~$name.docx``), the
  folder's ``README.md``/``README.txt`` and ``manifest.csv`` are no reports
  and pass without a word;
- a symbolic link is followed when its target lies inside the folder; one
  that points outside it (``/etc/passwd``), a broken one and a loop are
  listed as skipped with the reason.

A file named on the command line is taken as it is, a link followed.
"""

from __future__ import annotations

import csv
import errno
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError

__all__ = ["Inputs", "collect_inputs", "read_manifest", "REPORT_SUFFIXES"]

#: The file name endings a folder scan reads as reports (plain text).
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_NOT_REPORTS = frozenset({"readme.md", "readme.txt", "manifest.csv"})


@dataclass
class Inputs:
    """The reports found in the inputs.

    Attributes:
        paths: the report files, each folder's sorted by name, in the order given.
        jurisdictions: report file name -> place, from the folders' manifests.
        skipped: ``(file name, reason)`` of the entries not read (links out of the folder, loops).
        ignored: lines that say what the folder scans passed over, for stderr.
    """

    paths: list[Path] = field(default_factory=list)
    jurisdictions: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def read_manifest(path: Path) -> dict[str, str]:
    """Read ``manifest.csv``: columns ``file`` and ``jurisdiction``; returns file name -> place.

    Raises:
        BuildError: the file lacks those columns.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"file", "jurisdiction"} <= set(reader.fieldnames):
            raise BuildError(f"{path}: a manifest needs the columns 'file' and 'jurisdiction'")
        return {row["file"].strip(): row["jurisdiction"].strip() for row in reader if row["jurisdiction"].strip()}


def _link_problem(entry: Path, folder: Path) -> str | None:
    """Why a symbolic link in ``folder`` is not followed, or ``None`` when it is."""
    try:
        target = entry.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises it for a loop
        return "a symbolic link that loops"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops"
        return f"a broken symbolic link (to {os.readlink(entry)})"
    if not target.is_relative_to(folder.resolve()):
        return f"a symbolic link to {target}, outside the folder"
    return None


def _scan(folder: Path, found: Inputs) -> None:
    ignored: Counter = Counter()
    folders = 0
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith((".", "~$")) or name.lower() in _NOT_REPORTS:
            continue
        if entry.is_symlink() and (problem := _link_problem(entry, folder)):
            found.skipped.append((name, f"{entry}: {problem}"))
            continue
        if entry.is_dir():
            folders += 1
        elif entry.suffix.lower() in REPORT_SUFFIXES:
            found.paths.append(entry)
        elif entry.is_file():
            ignored[entry.suffix.lower() or "(no ending)"] += 1
    parts = []
    if ignored:
        count = sum(ignored.values())
        parts.append(f"{count} file{'s' if count > 1 else ''} of unknown type ({', '.join(sorted(ignored))})")
    if folders:
        parts.append(f"{folders} sub-folder{'s' if folders > 1 else ''}")
    if parts:
        found.ignored.append(f"{folder}: ignored: {'; '.join(parts)}")


def collect_inputs(inputs: list[str | Path]) -> Inputs:
    """Expand files and folders into report paths, and read folders' manifests.

    Returns:
        The :class:`Inputs`.

    Raises:
        BuildError: an input does not exist, or a manifest is malformed.
    """
    found = Inputs()
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            _scan(item, found)
            if (item / "manifest.csv").is_file():
                found.jurisdictions.update(read_manifest(item / "manifest.csv"))
        elif item.is_file():
            found.paths.append(item)
        else:
            raise BuildError(f"{item}: no such file or folder")
    return found
