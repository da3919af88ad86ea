"""``gcm-kg serve``: run the app on waitress (registered by ``gcm_kg.cli``)."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

import click

from .config import SETTINGS
from .state import KEY

DEFAULTS = {s.name: s for s in SETTINGS}


@click.command()
@click.option("--host", default=None, help=DEFAULTS["HOST"].help + " [default: 127.0.0.1]")
@click.option("--port", type=int, default=None, help=DEFAULTS["PORT"].help + " [default: 8000]")
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="On-disk store to serve (see `gcm-kg build --store`). Without it the shipped data is "
    "built into a temporary store first.",
)
@click.option("--threads", type=int, default=None, help=DEFAULTS["THREADS"].help + " [default: 4]")
def serve(host: str | None, port: int | None, store_path: Path | None, threads: int | None) -> None:
    """Serve the SPARQL endpoint and query UI at http://HOST:PORT/sparql (waitress).

    Settings not given here come from GCM_KG_* environment variables (docs/endpoint.md).
    """
    import waitress

    from . import create_app

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # exit cleanly on SIGTERM too, so the temporary store is removed and the workers stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    overrides: dict[str, object] = {}
    for name, value in (("HOST", host), ("PORT", port), ("THREADS", threads)):
        if value is not None:
            overrides[name] = value
    if store_path is not None:
        overrides["STORE"] = str(store_path)
    app = create_app(overrides)
    click.echo(f"serving http://{app.config['HOST']}:{app.config['PORT']}/sparql", err=True)
    try:
        waitress.serve(
            app,
            host=app.config["HOST"],
            port=app.config["PORT"],
            threads=app.config["THREADS"],
            ident="gcm-kg",
        )
    finally:
        app.extensions[KEY].close()
