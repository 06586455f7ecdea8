"""The data files kg reads at run time, found inside the installed package.

The repository keeps one copy of each, where a reader edits it:
``data/lexicon/`` (the lexicon), ``ontology/`` (``kg.ttl``, ``shapes.ttl``,
``queries/*.rq``) and ``data/reports/`` (the five sample reports).
``pyproject.toml`` maps ``data/`` and ``ontology/`` into the package as
:data:`DATA_PACKAGE` and :data:`ONTOLOGY_PACKAGE` (each folder's
``__init__.py`` makes it one), so a wheel carries them and an editable
install reads the repository's folders themselves. They are found with :mod:`importlib.resources`, never by
a path relative to the source, so kg runs from any folder.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from .errors import KGError

__all__ = ["lexicon_dir", "models_dir", "ontology_file", "sample_reports_dir", "unicode_table", "places_table", "shipped_queries", "shipped_query",
           "DATA_PACKAGE", "ONTOLOGY_PACKAGE"]

DATA_PACKAGE = "kg.data"
ONTOLOGY_PACKAGE = "kg.ontology"


def _folder(package: str) -> Path:
    """The folder of a data package, as a path on disk.

    Raises:
        KGError: the package is not installed with kg (a broken install).
    """
    try:
        return Path(str(importlib.resources.files(package)))
    except ModuleNotFoundError as exc:
        raise KGError(f"kg's data package {package} is missing: reinstall kg (pip install kg)") from exc


def lexicon_dir() -> Path:
    """The bundled lexicon's folder (``data/lexicon`` in the repository)."""
    return _folder(DATA_PACKAGE) / "lexicon"


def models_dir() -> Path:
    """The folder of the bundled statistical models (``data/models`` in the repository)."""
    return _folder(DATA_PACKAGE) / "models"


def ontology_file(name: str) -> Path:
    """A file of the bundled ontology folder: ``kg.ttl`` or ``shapes.ttl`` (``ontology/`` in the repository)."""
    return _folder(ONTOLOGY_PACKAGE) / name


def unicode_table(name: str) -> Path:
    """A bundled table of characters (``data/unicode/<name>`` in the repository), e.g. ``radicals.tsv``."""
    return _folder(DATA_PACKAGE) / "unicode" / name


def places_table(name: str) -> Path:
    """A bundled table of places (``data/places/<name>`` in the repository), e.g. ``divisions.tsv``."""
    return _folder(DATA_PACKAGE) / "places" / name


def sample_reports_dir() -> Path:
    """The folder of the five bundled sample reports (``data/reports`` in the repository)."""
    return _folder(DATA_PACKAGE) / "reports"


def _description(text: str) -> str:
    """The first sentence of a query's opening comment."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    joined = " ".join(lines)
    return joined.split(". ", 1)[0].removesuffix(".") + "." if joined else ""


def shipped_queries() -> dict[str, tuple[Path, str]]:
    """The shipped SPARQL queries: name (file name without ``.rq``) -> (path, first line of its opening comment)."""
    found = {}
    for path in sorted((_folder(ONTOLOGY_PACKAGE) / "queries").glob("*.rq")):
        found[path.stem] = (path, _description(path.read_text(encoding="utf-8")))
    return found


def shipped_query(name: str) -> str:
    """The text of the shipped query ``name`` (with or without ``.rq``).

    Raises:
        KGError: no shipped query has that name (the message lists them).
    """
    queries = shipped_queries()
    stem = name.removesuffix(".rq")
    if stem not in queries:
        raise KGError(f"no shipped query named {name!r}; the shipped queries are: {', '.join(queries)}")
    return queries[stem][0].read_text(encoding="utf-8")
