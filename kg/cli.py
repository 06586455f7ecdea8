"""The ``kg`` command: a thin layer over the library API (:mod:`kg`).

Each command parses its options, calls one library function and prints the
result; errors of the :class:`~kg.errors.KGError` family become
``click.ClickException`` here and nowhere else.
"""

from __future__ import annotations

import functools
import json
import logging
import sys

import click

from pathlib import Path

from . import across, evaluation, pipeline, resources
from .errors import KGError
from .model import EntityType
from .query import format_result, query as run_query
from .sparql_limits import QueryLimits

__all__ = ["main"]


def _errors(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KGError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Show debug messages on stderr.")
@click.version_option(package_name="kg")
def main(verbose: bool) -> None:
    """kg: a knowledge graph of Chinese government and party work reports."""
    # the commands print their own warnings; logging adds errors (and debug with -v)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.ERROR, stream=sys.stderr,
                        format="%(levelname)s: %(message)s")


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--outdir", default="output", show_default=True, type=click.Path(), help="Output folder.")
@click.option("--lexicon", "lexicon_dir", default=None, type=click.Path(), help="Lexicon folder (default: the bundled one).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=0),
              help="Processes that extract reports (0: one per core). The output is the same for any number.")
@click.option("--cache", "cache_dir", default=None, type=click.Path(),
              help="Extraction cache folder (default .kg-cache beside OUTDIR).")
@click.option("--no-cache", is_flag=True, help="Extract every report again and keep nothing.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where reports are extracted: local processes, or an existing Dask cluster.")
@click.option("--scheduler", default=None, help="The Dask scheduler's address (tcp://host:8786), with --executor dask.")
@click.option("-r", "--recursive", is_flag=True,
              help="Read the folders' sub-folders too; a report is named by its path inside the folder given.")
@click.option("--verify", is_flag=True,
              help="Check every share copied from the last build whole, not only its first and last bytes.")
@click.option("--no-incremental", is_flag=True,
              help="Take nothing from the last build: write every file and load the store whole.")
@click.option("--curation", default=None, type=click.Path(dir_okay=False),
              help="The hand-curation file (kg curate; default: curation.csv in the input folder).")
@_errors
def build(inputs, outdir, lexicon_dir, progress, jobs, cache_dir, no_cache, executor, scheduler, recursive, verify,
          no_incremental, curation):
    """Build the graph of INPUTS (report files or folders; default: the five bundled sample reports).

    Reads .txt/.text/.md (any common encoding), .docx, .pdf (with a text layer) and saved web pages (.html/.htm).
    """
    if progress is None:
        progress = sys.stderr.isatty()
    if no_cache:
        cache_dir = None
    elif cache_dir is None:
        cache_dir = Path(outdir).resolve().parent / ".kg-cache"
    summary = pipeline.build(list(inputs) or None, outdir, lexicon_dir=lexicon_dir, progress=progress, jobs=jobs,
                             cache_dir=cache_dir, executor=executor, scheduler=scheduler, recursive=recursive,
                             verify=verify, incremental=not no_incremental, curation=curation)
    for line in summary.warnings:
        click.echo(f"warning: {line}", err=True)
    for _, reason in summary.skipped:
        click.echo(f"warning: skipped {reason}", err=True)
    click.echo("\n".join(summary.lines()))


@main.group()
def curate() -> None:
    """Correct entities by hand: merge, rename, retype, drop; kept in curation.csv and applied by every build.

    An entity is named by its canonical name, a local organ with its place
    (区委@津南区), or by its IRI. The entries go to curation.csv in the input
    folder (-i FOLDER) or to --curation FILE.
    """


def _curation_options(func):
    func = click.option("-i", "--input", "inputs", multiple=True, type=click.Path(file_okay=False),
                        help="The build's input folder, which keeps curation.csv.")(func)
    func = click.option("--curation", default=None, type=click.Path(dir_okay=False),
                        help="The curation file (needed when several input folders are given).")(func)
    return _errors(func)


def _curation_at(inputs, curation):
    from .curation import CURATION_FILE, Curation, curation_file

    if curation:
        return Curation.load(curation_file((), curation))
    if not inputs:
        raise click.UsageError("say where the curation is kept: -i FOLDER (the build's input folder) or --curation FILE")
    if len(inputs) > 1:
        raise click.UsageError(f"several input folders ({', '.join(inputs)}): say which curation file with --curation FILE")
    if not Path(inputs[0]).is_dir():
        raise click.UsageError(f"{inputs[0]}: no such folder")
    return Curation.load(Path(inputs[0]) / CURATION_FILE)


def _add_entry(inputs, curation, action, *names):
    found = _curation_at(inputs, curation)
    found, entry = found.add(action, *names)
    path = found.save()
    click.echo(f"entry {entry.describe()} -> {path} (kg build applies it)")


@curate.command("merge")
@click.argument("names", nargs=-1, required=True)
@_curation_options
def curate_merge(names, inputs, curation):
    """Merge NAMES into the first, which keeps its name and type."""
    if len(names) < 2:
        raise click.UsageError("merge takes two names or more: the one that stays, then the others")
    _add_entry(inputs, curation, "merge", *names)


@curate.command("rename")
@click.argument("name")
@click.argument("new")
@_curation_options
def curate_rename(name, new, inputs, curation):
    """Give NAME the canonical name NEW (the old one stays an alias)."""
    _add_entry(inputs, curation, "rename", name, new)


@curate.command("retype")
@click.argument("name")
@click.argument("type_", metavar="TYPE", type=click.Choice([t.value for t in EntityType], case_sensitive=False))
@_curation_options
def curate_retype(name, type_, inputs, curation):
    """Give NAME the type TYPE."""
    _add_entry(inputs, curation, "retype", name, type_)


@curate.command("drop")
@click.argument("name")
@_curation_options
def curate_drop(name, inputs, curation):
    """Leave NAME, its mentions and its relations out of the graph."""
    _add_entry(inputs, curation, "drop", name)


@curate.command("list")
@_curation_options
def curate_list(inputs, curation):
    """List the entries, by number."""
    found = _curation_at(inputs, curation)
    click.echo(f"{found.path}: {len(found.entries)} entries")
    for entry in found.entries:
        click.echo(f"  {entry.describe()}")


@curate.command("undo")
@click.argument("number", type=int)
@_curation_options
def curate_undo(number, inputs, curation):
    """Remove entry NUMBER (as kg curate list numbers it)."""
    found, entry = _curation_at(inputs, curation).undo(number)
    path = found.save()
    click.echo(f"removed entry {entry.describe()} from {path}")


@main.group()
def cache() -> None:
    """What the extraction cache holds, and clearing it."""


_CACHE_OPTION = click.option("--cache", "cache_dir", default=".kg-cache", show_default=True, type=click.Path(),
                             help="The cache folder (kg build's default: .kg-cache beside the output folder).")


@cache.command("info")
@_CACHE_OPTION
@_errors
def cache_info_command(cache_dir):
    """Size, entries and fingerprints of the cache (the current kg and lexicon's marked *)."""
    from .cache import cache_info, fingerprint

    info = cache_info(cache_dir)
    current = fingerprint(None)
    click.echo(f"cache: {info.root} ({info.bytes:,} bytes)")
    if not info.fingerprints:
        click.echo("no entries")
    for name, results, fragments, size in info.fingerprints:
        mark = " * (this kg and the bundled lexicon)" if name == current else ""
        click.echo(f"  {name}: {results} results, {fragments} graph fragments, {size:,} bytes{mark}")


@cache.command("clear")
@_CACHE_OPTION
@_errors
def cache_clear_command(cache_dir):
    """Delete every entry of the cache (only what kg wrote there)."""
    from .cache import clear_cache

    gone = clear_cache(cache_dir)
    click.echo(f"cleared {len(gone)} fingerprint folder(s) from {cache_dir}")


def _limit_options(func):
    """The options of :class:`kg.sparql_limits.QueryLimits`, shared by ``kg query`` and ``kg serve``."""
    defaults = QueryLimits()
    for name, text in reversed([("max_bytes", "Largest query, in bytes."),
                                ("max_depth", "Deepest nesting of { ( [ together."),
                                ("max_unions", "Most UNION branches."),
                                ("max_operators", "Most operators (&& || + - * / = < > …).")]):
        func = click.option(f"--{name.replace('_', '-')}", name, default=getattr(defaults, name), show_default=True,
                            type=click.IntRange(min=1), help=text)(func)
    return func


@main.command()
@click.argument("sparql", required=False)
@click.option("--shipped", default=None, metavar="NAME", help="Run a shipped query (see 'kg queries') instead.")
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder to query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (by a VALUES clause; a number, <IRI> or a string). Repeatable.")
@_limit_options
@_errors
def query(sparql, shipped, outdir, fmt, params, max_bytes, max_depth, max_unions, max_operators):
    """Run SPARQL (a query, or the path of a .rq file) over the last build.

    A query past a limit is refused before the engine sees it: one nested too
    deep makes the engine abort.
    """
    if (sparql is None) == (shipped is None):
        raise click.UsageError("give a query or --shipped NAME (one of them)")
    if shipped is not None:
        sparql = resources.shipped_query(shipped)
    limits = QueryLimits(max_bytes, max_depth, max_unions, max_operators)
    bound = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep:
            raise click.UsageError(f"--param {param}: write it NAME=VALUE")
        bound[name.strip()] = value
    click.echo(format_result(run_query(sparql, outdir, limits, bound), fmt))


@main.command()
@_errors
def queries():
    """List the shipped SPARQL queries (run one with 'kg query --shipped NAME')."""
    shipped = resources.shipped_queries()
    width = max(map(len, shipped))
    for name, (_, description) in shipped.items():
        click.echo(f"{name:<{width}}  {description}")


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path())
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder to score.")
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and negatives per report, grouped by cause.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@_errors
def eval_(gold_dir, outdir, show_errors, as_json):
    """Score the last build against the gold files of GOLD_DIR."""
    scores = evaluation.evaluate(outdir, gold_dir)
    if as_json:
        click.echo(json.dumps(scores.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(f"reports scored: {scores.reports}")
        click.echo(f"{'measure':<22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        rows = [("entities (untyped)", scores.entities), ("entities (typed)", scores.typed)]
        rows += [(f"  {t}", p) for t, p in sorted(scores.per_type.items())]
        rows.append(("relations", scores.relations))
        for label, p in rows:
            click.echo(f"{label:<22} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f} {p.tp:5d} {p.fp:5d} {p.fn:5d}")
        if scores.by_kind:
            click.echo(f"\nby kind of report (the gold's){'':<4} {'typed F1':>8} {'untyped':>8} {'relations':>9}")
            for kind, s in scores.by_kind.items():
                click.echo(f"  {kind:<20} {s.reports:3d} reports {s.typed.f1:8.3f} {s.entities.f1:8.3f} {s.relations.f1:9.3f}")
            correct, total = scores.kind_agreement
            click.echo(f"kind of report as the gold's: {correct} of {total}")
    if show_errors:
        click.echo("\nerror groups (cause, type: count):")
        for (cause, etype), count in scores.error_groups():
            click.echo(f"  {cause:<18} {etype:<13} {count}")
        for report in sorted({e["report"] for e in scores.errors}):
            click.echo(f"\n== {report}")
            for cause in ("type", "boundary", "missed", "spurious", "missed relation", "spurious relation"):
                for e in (e for e in scores.errors if e["report"] == report and e["cause"] == cause):
                    gold = f"  (gold: {e['gold']})" if e["gold"] and e["gold"] != e["name"] else ""
                    click.echo(f"  {cause:<18} {e['type']:<13} {e['name']}{gold}")


@main.command()
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder to serve.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535), help="The SPARQL endpoint's port.")
@click.option("--pages-port", default=None, type=click.IntRange(1, 65535), help="The pages' port (default PORT+1).")
@click.option("--writable", is_flag=True, help="Allow SPARQL Update (read-only by default).")
@_limit_options
@_errors
def serve(outdir, port, pages_port, writable, max_bytes, max_depth, max_unions, max_operators):
    """Serve the last build on 127.0.0.1: a SPARQL endpoint and the network and across pages.

    Queries past a limit get 400 with the reason; the engine is restarted if it dies.
    """
    import signal

    from .serve import Server

    limits = QueryLimits(max_bytes, max_depth, max_unions, max_operators)
    server = Server(outdir, port, pages_port, writable, limits).start()
    # a TERM (from a service manager, a test) stops both servers, as Ctrl-C does
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"SPARQL endpoint: {server.endpoint}  ({'read-write' if writable else 'read-only'})")
    click.echo(f"network page:    {server.pages}network.html")
    click.echo(f"across page:     {server.pages}across.html")
    click.echo("Ctrl-C stops.")
    try:
        server.wait()
    except KeyboardInterrupt:
        pass


@main.command()
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder to upload.")
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds to wait for each graph.")
@_errors
def push(outdir, endpoint, timeout):
    """Upload the last build: one named graph per report, replaced on every push."""
    from .push import push as run_push

    summary = run_push(outdir, endpoint, timeout)
    click.echo(f"pushed {summary.graphs} graphs, {summary.triples} triples to {summary.endpoint} in {summary.seconds:.2f} s")


@main.command(name="across")
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder.")
@click.option("--type", "etype", type=click.Choice([t.value for t in EntityType]), default=None, help="One entity type only.")
@click.option("--min-reports", type=click.IntRange(min=1), default=2, show_default=True, help="Least number of reports.")
@click.option("--by", type=click.Choice(list(across.FACETS)), default=None,
              help="Spread the entities over a facet of the reports: one column per year, place, level or kind.")
@click.option("--count", type=click.Choice(["reports", "mentions"]), default="reports", show_default=True,
              help="With --by: what each cell counts.")
@click.option("--since", type=int, default=None, help="With --by: only reports of this year or later.")
@click.option("--until", type=int, default=None, help="With --by: only reports of this year or earlier.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "html"]), default="table", show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(), help="Write to a file instead of stdout.")
@_errors
def across_(outdir, etype, min_reports, by, count, since, until, fmt, output):
    """Entities by the number of reports that mention them, per report or (--by) per year, place, level or kind."""
    if by is None:
        if since is not None or until is not None:
            raise click.UsageError("--since and --until go with --by")
        table = across.across(outdir, etype, min_reports)
        if fmt == "html":  # the page the build writes
            text = across.page(outdir, table)
        else:
            text = {"table": across.to_text, "csv": across.to_csv}[fmt](table)
        columns = f"{len(table.reports)} reports"
    else:
        table = across.across_by(outdir, by, etype, min_reports, count, since, until)
        if fmt == "html":
            raise click.UsageError("--by has the formats table and csv; across.html holds the per-report view")
        text = {"table": across.facet_to_text, "csv": across.facet_to_csv}[fmt](table)
        columns = f"{len(table.values)} {by} values"
    if output:
        pipeline.write_file_atomically(Path(output), text)
        click.echo(f"{len(table.rows)} entities x {columns} -> {output}")
    else:
        click.echo(text.rstrip("\n"))


@main.command(name="reports")
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(), help="Write to a file instead of stdout.")
@_errors
def reports_(outdir, fmt, output):
    """One row per report: file, place, title, kind, author, year, read or skipped with the reason.

    The CSV is a valid manifest.csv: correct it and put it beside the reports.
    """
    from . import reports

    rows = reports.report_rows(outdir)
    text = reports.to_csv(rows) if fmt == "csv" else reports.to_text(rows)
    if output:
        pipeline.write_file_atomically(Path(output), text)
        click.echo(f"{len(rows)} reports -> {output}")
    else:
        click.echo(text.rstrip("\n"))


@main.command()
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder to draw.")
@click.option("-o", "--output", default=None, type=click.Path(), help="The page to write (default OUTDIR/network.html).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, help="Keep the N most-connected entities.")
@_errors
def viz(outdir, output, max_nodes):
    """Draw the network page of the last build, optionally with fewer nodes."""
    summary = pipeline.redraw(outdir, output, max_nodes)
    click.echo(summary)


@main.command()
@click.option("--graph", "outdir", default="output", show_default=True, type=click.Path(), help="The build folder to check.")
@click.option("--shapes", default=None, type=click.Path(), help="SHACL shapes in place of the bundled ones (the bundled ontology is used either way).")
@_errors
def validate(outdir, shapes):
    """Check the last build against the SHACL shapes."""
    from .validation import validate as run_validation

    conforms, report = run_validation(outdir, shapes)
    click.echo(report)
    if not conforms:
        raise click.ClickException("the graph does not conform to the shapes")
