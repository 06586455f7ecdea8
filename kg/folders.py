"""Where a build may write: only into folders kg made.

A build replaces its output folder whole and writes its extraction cache
into a folder of its own. Both are claimed here before anything is read or
written, so that a wrong ``-o`` or ``--cache`` (a thesis folder, the reports
themselves, a regular file) is refused with nothing touched:

- the **output folder** may be absent, empty, or a folder that a kg build
  wrote: its ``build.json`` carries the key ``kg_build`` and it holds no
  file or folder that a build does not write (a build replaces only what it
  made itself);
- the **cache folder** may be absent, empty, or tagged as kg's cache by a
  ``CACHEDIR.TAG`` file (the Cache Directory Tagging Specification,
  https://bford.info/cachedir/, which backup tools honour), or laid out as
  kg's caches before the tag was written (fingerprint folders only);
- the output folder may not be an input folder, hold an input, or hold the
  cache.

Every refusal is a :class:`~kg.errors.BuildError` that names the path, says
why, and says what to do.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import tempfile
from pathlib import Path

from .errors import BuildError

__all__ = ["TEXTS_DIR", "text_file", "BUILD_MARK", "CACHE_TAG", "check_output_folder", "claim_cache_folder", "is_kg_build", "kg_version",
           "write_file_atomically"]

#: The key of ``build.json`` that says kg wrote the folder; its value is kg's version.
BUILD_MARK = "kg_build"
#: The file that marks a cache folder as kg's (signature from the Cache Directory Tagging Specification).
CACHE_TAG = "CACHEDIR.TAG"
_CACHE_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                   "# This file is a cache directory tag created by kg (the knowledge-graph builder).\n"
                   "# For information about cache directory tags see https://bford.info/cachedir/\n")
#: What a cache folder of kg holds: fingerprint folders, the file hashes, atomic-write leftovers.
_CACHE_ENTRY = re.compile(r"[0-9a-f]{16}|files\.pickle|\.tmp-.*|" + re.escape(CACHE_TAG))
_ADVICE = "delete it by hand or choose another"


#: The folder of a build that holds each report's text as read (:func:`text_file`).
TEXTS_DIR = "texts"


def text_file(name: str) -> str:
    """Where a report's text as read is kept in a build, relative to the build folder.

    ``texts/<identity>``, with ``.txt`` added unless the identity ends so:
    ``texts/000_bda7739a96efcbec.txt``, ``texts/hebei/2025.docx.txt``. Every
    offset of the graph (``nif:beginIndex``, ``nif:endIndex``) counts
    characters of this file's text.
    """
    return f"{TEXTS_DIR}/{name}" if name.lower().endswith(".txt") else f"{TEXTS_DIR}/{name}.txt"


def kg_version() -> str:
    """kg's version as installed (``importlib.metadata``), or ``unknown`` when kg runs from a bare checkout."""
    try:
        return importlib.metadata.version("kg")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def is_kg_build(folder: Path) -> bool:
    """Whether ``folder/build.json`` is a JSON object with the :data:`BUILD_MARK` key."""
    try:
        manifest = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and BUILD_MARK in manifest


def _shown(names: list[str]) -> str:
    """The first three names, and an ellipsis where there are more, for a message."""
    return ", ".join(names[:3]) + (" …" if len(names) > 3 else "")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_output_folder(outdir: Path, inputs: list[Path], written: set[str], cache: Path | None = None) -> None:
    """Refuse an output folder a build may not replace; touch nothing.

    Args:
        outdir: the output folder as given.
        inputs: the input files and folders as given.
        written: the names a build writes at the top of its output folder.
        cache: the extraction cache's folder, if any.

    Raises:
        BuildError: ``outdir`` is a file or a symbolic link, a folder of
            someone else's (not empty, no kg ``build.json``), a kg build that
            also holds files kg did not write, an input folder, or a folder
            that holds an input or the cache.
    """
    where = outdir.absolute()
    if outdir.is_symlink():
        raise BuildError(f"{outdir}: the output is a symbolic link; give the folder itself, or choose another -o")
    real = where.resolve()
    for item in inputs:
        source = Path(item).absolute().resolve()
        if source == real:
            raise BuildError(f"{outdir}: the output folder is an input folder, and a build replaces it whole; "
                             "choose another -o")
        if _inside(source, real):
            raise BuildError(f"{outdir}: the output folder holds the input {item}, and a build replaces it whole; "
                             "choose another -o")
    if cache is not None and _inside(Path(cache).absolute().resolve(), real):
        raise BuildError(f"{outdir}: the output folder would hold the cache {cache}, and a build replaces it whole; "
                         "choose another --cache")
    if not os.path.lexists(where):
        return
    if not where.is_dir():
        raise BuildError(f"{outdir}: exists and is not a folder; {_ADVICE} -o")
    names = sorted(os.listdir(where))
    if not names:
        return
    if not is_kg_build(where):
        raise BuildError(f"{outdir}: not a kg build folder (no build.json written by kg; it holds {_shown(names)}), "
                         f"and a build replaces its output folder whole; {_ADVICE} -o")
    foreign = [name for name in names if name not in written]
    if foreign:
        raise BuildError(f"{outdir}: this kg build folder also holds files kg did not write ({_shown(foreign)}), "
                         "which a build would delete; move them out, or choose another -o")


def claim_cache_folder(root: Path) -> None:
    """Make ``root`` kg's cache folder, or refuse it; the tag is written only to a folder kg may use.

    Raises:
        BuildError: ``root`` is a file, or a folder that is not empty and not
            kg's cache; or it cannot be made.
    """
    root = Path(root)
    if os.path.lexists(root) and not root.is_dir():
        raise BuildError(f"{root}: the cache exists and is not a folder; {_ADVICE} --cache (or --no-cache)")
    if root.is_dir():
        names = os.listdir(root)
        tag = root / CACHE_TAG
        if tag.is_file():
            try:
                ours = tag.read_text(encoding="utf-8", errors="replace").startswith(_CACHE_TAG_TEXT.splitlines()[0])
            except OSError:
                ours = False
            if ours:
                return
        if names and not all(_CACHE_ENTRY.fullmatch(name) for name in names):
            raise BuildError(f"{root}: not a kg cache folder (no {CACHE_TAG} written by kg; it holds "
                             f"{_shown(sorted(names))}); "
                             f"{_ADVICE} --cache (or --no-cache)")
    try:
        root.mkdir(parents=True, exist_ok=True)
        (root / CACHE_TAG).write_text(_CACHE_TAG_TEXT, encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"{root}: cannot make the cache folder: {exc}") from exc


def write_file_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file beside it, then rename it into place.

    A reader never sees a half-written file, and a failure (a full disk)
    leaves the old file as it was. The folder is made if missing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
