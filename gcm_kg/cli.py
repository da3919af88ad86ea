"""The ``gcm-kg`` command line: a thin layer of click over the library.

Exit codes: 0 success; 1 the data or the query is wrong; 2 a file cannot be read or parsed.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import click

from . import __version__
from .errors import GcmKgError
from .export import FORMATS
from .query import RESULT_FORMATS

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .build import Check

# each command imports the rest of what it needs when it runs: `gcm-kg serve` and `gcm-kg load`
# start without rdflib, and the server's supervising process stays small (server/cli.py)

F = TypeVar("F", bound=Callable[..., Any])

STORE_OPTION = click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="On-disk store directory. Without it the graph is built in memory from the shipped files.",
)


BACKEND_OPTION = click.option(
    "--backend",
    default=None,
    metavar="URL",
    help="A remote SPARQL 1.1 store instead of --store: sparql+http(s)://host:port/path "
    "(credentials from GCM_KG_BACKEND_USER and GCM_KG_BACKEND_PASSWORD).",
)
GSP_OPTION = click.option(
    "--gsp",
    default=None,
    metavar="URL",
    help="Graph Store Protocol URL of the --backend store, where graphs are uploaded.",
)


def _backend(url: str, gsp: str | None = None) -> Any:
    from .remote import parse_backend

    return parse_backend(url, gsp)


def reports_errors(func: F) -> F:
    """Turn this package's errors into a message on stderr and the documented exit code; an
    operating-system error (a full disk, a file that cannot be written) exits 2 with its message.
    A build or load that fails so has changed nothing (see :mod:`gcm_kg.generations`)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GcmKgError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _store(store_path: Path | None) -> ox.Store:
    from .build import build as build_graph
    from .generations import StoreDirectory

    if store_path is None:
        return build_graph(None)[0]
    return StoreDirectory(store_path).current().open()


class LazyGroup(click.Group):
    """A group whose commands named in ``LAZY`` are imported only when used: ``gcm-kg serve``
    lives with the web application it runs (``server/cli.py``), which the other commands do not
    need to import."""

    LAZY: ClassVar[dict[str, tuple[str, str]]] = {"serve": ("server.cli", "serve")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module_name, attribute = self.LAZY[cmd_name]
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gcm-kg")
def main() -> None:
    """gcm-kg: the UN Network on Migration's workplans as a linked-data knowledge graph.

    Exit codes: 0 success, 1 the data or query is wrong, 2 a file cannot be read or parsed.
    """


@main.command()
@STORE_OPTION
@BACKEND_OPTION
@GSP_OPTION
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Check the data against the SHACL shapes first, and build nothing if it has a "
    "violation (exit 1).",
)
@click.option(
    "--if-changed",
    is_flag=True,
    help="With --store: build only when the data, the ontology or the code changed since the "
    "current generation was built; otherwise say it is up to date and write nothing.",
)
@reports_errors
def build(
    store_path: Path | None, backend: str | None, gsp: str | None, validate: bool, if_changed: bool
) -> None:
    """Load the ontology, the data and the inferred triples into the store.

    Each file goes into its named graph (https://w3id.org/gcm-kg/graph/…). With --store the
    store is built beside the old one and swapped in only when complete. The data is checked
    against the SHACL shapes first (about two seconds): data with a violation is not built, and
    the store keeps serving what it had.
    """
    from .build import build as build_graph
    from .publish import publish

    check: Check | None = None
    if validate:
        from .validate import check  # pySHACL takes a moment to import
    if backend is not None:
        from .backend import build_remote

        remote = build_remote(_backend(backend, gsp), check=check)
        for graph, count in remote.graphs.items():
            click.echo(f"{count:>7}  {graph}")
        click.echo(f"{remote.total:>7}  triples in all, in {backend}")
        return
    _, report = build_graph(
        store_path, check=check, publish=publish if store_path else None, reuse=if_changed
    )
    if report.up_to_date and report.generation is not None:
        click.echo(f"up to date: {report.generation.path} holds this data; nothing written")
        return
    for graph, count in report.graphs.items():
        click.echo(f"{count:>7}  {graph}")
    click.echo(
        f"{report.total:>7}  triples in all"
        + (f", in {report.generation.path}" if report.generation else " (in memory)")
    )


@main.command()
@click.argument("query_text", metavar="QUERY", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the query from this file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="Result format of SELECT and ASK (CONSTRUCT and DESCRIBE give Turtle).",
)
@STORE_OPTION
@BACKEND_OPTION
@reports_errors
def query(
    query_text: str | None,
    query_file: Path | None,
    fmt: str,
    store_path: Path | None,
    backend: str | None,
) -> None:
    """Run a SPARQL query against the built graph.

    The project's prefixes (gcm:, skos:, dcterms:, time: …) are predeclared, and the default
    graph is the union of all named graphs.
    """
    from .query import render as render_result
    from .query import run

    if (query_text is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -f FILE, not both and not neither")
    if query_file is not None:
        try:
            query_text = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            from .errors import FileProblem

            raise FileProblem(query_file, f"cannot read: {exc}") from exc
    assert query_text is not None
    if backend is not None:
        from .backend import query_remote

        result = query_remote(_backend(backend), query_text)
    else:
        result = run(_store(store_path), query_text)
    sys.stdout.buffer.write(render_result(result, fmt))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="nquads",
    show_default=True,
    help="RDF syntax; nquads, trig and jsonld keep the named graphs.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write here instead of standard output.",
)
@STORE_OPTION
@BACKEND_OPTION
@reports_errors
def export(fmt: str, output: Path | None, store_path: Path | None, backend: str | None) -> None:
    """Export the whole built graph, named graphs included."""
    from .export import export as export_graph

    if backend is not None:
        from .backend import dataset_remote

        store = dataset_remote(_backend(backend))
    else:
        store = _store(store_path)
    if output is None:
        export_graph(store, fmt, sys.stdout.buffer)
        return
    tmp = output.with_name(f".{output.name}.tmp")
    with tmp.open("wb") as handle:
        export_graph(store, fmt, handle)
    tmp.replace(output)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="On-disk store directory (created if missing); or give --backend.",
)
@BACKEND_OPTION
@GSP_OPTION
@click.option(
    "--dumps/--no-dumps",
    default=True,
    help="Write the dumps served with the store (gzip N-Quads, TriG, Turtle, JSON-LD); they "
    "take longer than the load itself on a large graph. Default: write them.",
)
@click.option(
    "--graph",
    default=None,
    metavar="IRI",
    help="Named graph for the triples. Default: https://w3id.org/gcm-kg/graph/{file stem}.",
)
@click.option(
    "--base",
    default=None,
    metavar="IRI",
    help="Base IRI of the files' relative IRIs. Default: each file's own URI (file:///…).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when standard error is a terminal).",
)
@reports_errors
def load(
    files: tuple[Path, ...],
    store_path: Path | None,
    backend: str | None,
    gsp: str | None,
    dumps: bool,
    graph: str | None,
    base: str | None,
    progress: bool | None,
) -> None:
    """Bulk-load RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) into a store.

    All or nothing: the files load into a copy of the store that replaces it only when every
    file has loaded, so a syntax error (named with its file and line) changes nothing.
    """
    from tqdm import tqdm

    from .load import load_files
    from .publish import publish

    if graph is not None and not graph.startswith(("http://", "https://", "urn:")):
        raise click.BadParameter(f"{graph!r} is not an absolute IRI", param_hint="--graph")
    if base is not None and ":" not in base:
        raise click.BadParameter(f"{base!r} is not an absolute IRI", param_hint="--base")
    if (store_path is None) == (backend is None):
        raise click.UsageError("give --store PATH or --backend URL (with --gsp URL), not both")
    show = sys.stderr.isatty() if progress is None else progress
    total = sum(p.stat().st_size for p in files if p.is_file())
    with tqdm(total=total, unit="B", unit_scale=True, disable=not show, desc="loading") as bar:
        if backend is not None:
            from .backend import load_remote

            report = load_remote(list(files), _backend(backend, gsp), graph, bar.update, base)
        else:
            assert store_path is not None
            published = publish if dumps else None
            report = load_files(
                list(files), store_path, graph, bar.update, publish=published, base=base
            )
    for path, count in report.quads.items():
        click.echo(f"{count:>10}  {path}")
    click.echo(f"{report.total:>10}  quads loaded into {store_path or backend}")


@main.command()
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if a generated file is out of date."
)
@reports_errors
def ingest(check: bool) -> None:
    """Regenerate data/*.ttl from the source document, the curated tables and the references."""
    from .ingest import render, write
    from .paths import default_layout

    outputs = render(default_layout())
    if check:
        stale = [o.path for o in outputs if not o.path.exists() or o.path.read_bytes() != o.content]
        for path in stale:
            click.echo(f"out of date: {path}", err=True)
        if stale:
            raise GcmKgError(f"{len(stale)} generated file(s) out of date: run `gcm-kg ingest`")
        click.echo(f"{len(outputs)} generated files up to date")
        return
    changed = write(outputs)
    for out in outputs:
        click.echo(("wrote      " if out.path in changed else "unchanged  ") + str(out.path))


@main.command()
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of the data's Turtle files. Default: the shipped data/.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="Report format; turtle is a standard SHACL validation report.",
)
@click.option(
    "--owl/--no-owl",
    default=True,
    show_default=True,
    help="Also check OWL consistency with the HermiT reasoner (needs Java).",
)
@click.option(
    "--warnings",
    "-w",
    "list_warnings",
    is_flag=True,
    help="List every warning in full (text format); by default one line counts them by rule.",
)
@reports_errors
def validate(data_dir: Path | None, fmt: str, owl: bool, list_warnings: bool) -> None:
    """Check the data against the SHACL shapes (shapes/) and the ontology's OWL axioms.

    Violations are listed first, each with its file and line, focus node, path, value and
    message; warnings follow, as one line counting them by rule (--warnings lists each), and
    do not fail. Exit codes: 0 the data conforms, 1 it has violations, 2 a file cannot be read
    or parsed (or the reasoner cannot run).
    """
    # imported here: pySHACL and owlready2 take a moment to load, and only this command uses them
    from .paths import default_layout
    from .validate import validate as validate_data
    from .validation_report import render as render_report

    report = validate_data(default_layout(), data_dir, owl=owl)
    click.echo(render_report(report, fmt, warnings=list_warnings), nl=False)
    if not report.conforms:
        sys.exit(1)
