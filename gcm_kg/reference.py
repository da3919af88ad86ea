"""Read the verified reference tables of ``reference/`` (tab-separated, a header row)."""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import FileProblem

Row = dict[str, str]


def read_table(path: Path, required: tuple[str, ...] = ()) -> list[Row]:
    """The rows of a TSV file as dicts; a missing file or column names the file."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows = [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
            columns = reader.fieldnames or []
    except OSError as exc:
        raise FileProblem(path, f"cannot read: {exc.strerror or exc}") from exc
    missing = [c for c in required if c not in columns]
    if missing:
        raise FileProblem(path, f"missing column(s) {', '.join(missing)}", 1)
    return rows


def organizations(reference_dir: Path) -> dict[str, Row]:
    """``organizations.tsv`` keyed by ``name_en``."""
    path = reference_dir / "organizations.tsv"
    rows = read_table(path, ("acronym_es", "acronym_en", "name_en", "name_es", "wikidata_qid"))
    out: dict[str, Row] = {}
    for line, row in enumerate(rows, start=2):
        if row["name_en"] in out:
            raise FileProblem(path, f"duplicate name_en {row['name_en']!r}", line)
        out[row["name_en"]] = row
    return out
