"""Stage 0, inputs: the files and folders given -> the report files to read, each with its identity.

A report's **identity** is its path relative to the folder given,
``/``-separated (``hebei/2023.docx`` under ``kg build --recursive corpus``),
or the file's name for a file given by itself. It names the report
everywhere: its IRI, ``build.json``, ``manifest.csv``, ``kg reports``, the
gold. Two reports of one identity (``a/x.txt`` and ``b/x.txt`` given as
``kg build a b``) are an error that names both files; the same file given
twice is read once.

A folder gives its report files (the endings of
:data:`kg.reading.READ_SUFFIXES`: ``.txt .text .md .docx .pdf .html .htm``),
sorted by name, and its ``manifest.csv``; with ``recursive`` its sub-folders'
too, depth first, each sub-folder's manifest keyed by names relative to it.
What a folder scan passes over is said, not silently dropped:

- files of another type, and sub-folders when not recursive, are counted in
  one line (``ignored: 2 files of unknown type (.xlsx, .zip); 1 sub-folder``);
- a ``.doc`` or ``.wps`` file is listed as skipped, with the command that
  converts it (:data:`kg.reading.UNSUPPORTED`);
- hidden files and folders (``.name``), office lock files (``~$name.docx``),
  each folder's ``README.md``/``README.txt``, ``manifest.csv`` and ``curation.csv`` are no
  reports and pass without a word;
- a symbolic link is followed when its target lies inside the folder given;
  one that points outside it (``/etc/passwd``), a broken one and a loop are
  listed as skipped with the reason.

A file named on the command line is taken as it is, a link followed, and
read by its ending (plain text for one kg does not know).
"""

from __future__ import annotations

import csv
import errno
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .reading import READ_SUFFIXES, UNSUPPORTED

__all__ = ["Inputs", "InputReport", "collect_inputs", "read_manifest", "REPORT_SUFFIXES", "MANIFEST_FACETS"]

#: The file name endings a folder scan reads as reports.
REPORT_SUFFIXES = READ_SUFFIXES
_NOT_REPORTS = frozenset({"readme.md", "readme.txt", "manifest.csv", "curation.csv"})


@dataclass(frozen=True)
class InputReport:
    """One report file to read: where it is, and its identity (see the module's text)."""

    path: Path
    name: str


@dataclass
class Inputs:
    """The reports found in the inputs.

    Attributes:
        reports: the report files with their identities, each folder's sorted
            by name, in the order given.
        jurisdictions: report identity -> place, from the folders' manifests.
        facets: report identity -> the other facets the manifests set (year, level, kind, code).
        skipped: ``(identity, reason)`` of the entries not read (links out of
            the folder, loops, formats kg does not read).
        ignored: lines that say what the folder scans passed over, for stderr.
    """

    reports: list[InputReport] = field(default_factory=list)
    jurisdictions: dict[str, str] = field(default_factory=dict)
    facets: dict[str, dict[str, str]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        """The report files, in :attr:`reports`' order."""
        return [report.path for report in self.reports]


#: The columns of ``manifest.csv`` besides ``file``: the place (which extraction uses, to keep local
#: organs apart by place), and the facets it sets or corrects in the graph (:mod:`kg.facets`).
MANIFEST_FACETS = ("jurisdiction", "year", "level", "kind", "code")


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Read ``manifest.csv``: the column ``file`` and any of :data:`MANIFEST_FACETS`; returns file -> facet -> value.

    Empty cells are left out (the report's own value stands). A ``year``
    must be a year, a ``level`` one of :data:`kg.facets.LEVELS`, a ``code``
    six digits.

    Raises:
        BuildError: the file lacks the column ``file`` or every facet column,
            or a cell is malformed (the message gives the row).
    """
    from .facets import LEVELS

    checks = {"year": lambda v: v.isdigit() and 1900 <= int(v) <= 2100, "level": lambda v: v in LEVELS,
              "code": lambda v: len(v) == 6 and v.isdigit()}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c for c in MANIFEST_FACETS if c in (reader.fieldnames or [])]
        if not reader.fieldnames or "file" not in reader.fieldnames or not columns:
            raise BuildError(f"{path}: a manifest needs the column 'file' and one of {', '.join(MANIFEST_FACETS)}")
        found = {}
        for number, row in enumerate(reader, start=2):
            values = {c: (row.get(c) or "").strip() for c in columns}
            values = {c: v for c, v in values.items() if v}
            for column, value in values.items():
                if column in checks and not checks[column](value):
                    raise BuildError(f"{path}, row {number}: {column} {value!r} is not valid"
                                     + (f" (one of {', '.join(LEVELS)})" if column == "level" else ""))
            if values:
                found[(row.get("file") or "").strip()] = values
        return found


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


def _scan(folder: Path, root: Path, prefix: str, recursive: bool, found: Inputs) -> None:
    """Add the reports of ``folder`` (identities ``prefix + name``), and of its sub-folders when ``recursive``."""
    ignored: Counter = Counter()
    folders = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith((".", "~$")) or name.lower() in _NOT_REPORTS:
            continue
        identity = prefix + name
        if entry.is_symlink() and (problem := _link_problem(entry, root)):
            found.skipped.append((identity, f"{entry}: {problem}"))
            continue
        suffix = entry.suffix.lower()
        if entry.is_dir():
            folders.append(entry)
        elif suffix in REPORT_SUFFIXES:
            found.reports.append(InputReport(entry, identity))
        elif suffix in UNSUPPORTED and entry.is_file():
            found.skipped.append((identity, f"{entry}: " + UNSUPPORTED[suffix].format(path=entry)))
        elif entry.is_file():
            ignored[suffix or "(no ending)"] += 1
    if (folder / "manifest.csv").is_file():
        for name, values in read_manifest(folder / "manifest.csv").items():
            values = dict(values)
            if place := values.pop("jurisdiction", None):
                found.jurisdictions[prefix + name] = place
            if values:
                found.facets[prefix + name] = values
    parts = []
    if ignored:
        count = sum(ignored.values())
        parts.append(f"{count} file{'s' if count > 1 else ''} of unknown type ({', '.join(sorted(ignored))})")
    if folders and not recursive:
        parts.append(f"{len(folders)} sub-folder{'s' if len(folders) > 1 else ''} (--recursive reads {'them' if len(folders) > 1 else 'it'})")
    if parts:
        found.ignored.append(f"{folder}: ignored: {'; '.join(parts)}")
    if recursive:
        for sub in folders:
            _scan(sub, root, f"{prefix}{sub.name}/", recursive, found)


def collect_inputs(inputs: list[str | Path], recursive: bool = False) -> Inputs:
    """Expand files and folders into report files with their identities, and read folders' manifests.

    Args:
        inputs: report files and folders, as given.
        recursive: read the folders' sub-folders too.

    Returns:
        The :class:`Inputs`.

    Raises:
        BuildError: an input does not exist, a manifest is malformed, or two
            different files have one identity (the message names both).
    """
    found = Inputs()
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            _scan(item, item, "", recursive, found)
        elif item.is_file():
            found.reports.append(InputReport(item, item.name))
        else:
            raise BuildError(f"{item}: no such file or folder")
    found.reports = _distinct(found.reports)
    return found


def _distinct(reports: list[InputReport]) -> list[InputReport]:
    """The reports, each file once; two files of one identity raise :class:`BuildError`."""
    by_name: dict[str, InputReport] = {}
    kept = []
    for report in reports:
        other = by_name.get(report.name)
        if other is None:
            by_name[report.name] = report
            kept.append(report)
        elif not os.path.samefile(other.path, report.path):
            raise BuildError(f"two reports have the identity {report.name}: {other.path} and {report.path} "
                             "(a report is named by its path inside the folder given); build them separately, "
                             "or rename one")
    return kept
