"""Read the verified reference tables of ``reference/`` (tab-separated, a header row)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

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


CITATION = re.compile(
    r"(?P<repo>[\w.-]+/[\w.-]+)@(?P<commit>[0-9a-f]{40}):(?P<path>[^#\s]+)(?:#(?P<lines>L\d+(?:,L\d+)*))?"
)
"""A file of a public repository at a commit, as the reference tables cite it:
``owner/repo@<commit>:path[#Lnn,Lmm]`` (reference/README.md)."""


@dataclass(frozen=True)
class Evidence:
    """What a reference table's evidence column says of one external identifier."""

    files: tuple[str, ...]
    """Each file cited, as the address of its lines at the commit on GitHub."""
    notes: tuple[str, ...]
    """The rest, as written: a dataset that gives another value and why it was not adopted, a
    caveat."""


def evidence(cell: str) -> Evidence:
    """The entries of an evidence cell (``; ``-separated): citations of files at a commit, and
    notes."""
    files: list[str] = []
    notes: list[str] = []
    for entry in (e.strip() for e in cell.split(" ; ")):
        cited = CITATION.fullmatch(entry)
        if cited is None:
            if entry:
                notes.append(entry)
            continue
        files.extend(github_addresses(cited))
    return Evidence(tuple(files), tuple(notes))


NEARBY = 200
"""Cited lines at most this far apart are one record: one address spans them."""


def github_addresses(cited: re.Match[str]) -> list[str]:
    """The cited file's lines at the commit on GitHub: one address for each run of nearby lines
    (a record), or the file's when no line is cited."""
    address = f"https://github.com/{cited['repo']}/blob/{cited['commit']}/" + quote(
        cited["path"], safe="/()~_.-"
    )
    if not cited["lines"]:
        return [address]
    numbers = sorted(int(n) for n in cited["lines"].replace("L", "").split(","))
    runs: list[list[int]] = [[numbers[0]]]
    for n in numbers[1:]:
        if n - runs[-1][-1] <= NEARBY:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [
        f"{address}#L{run[0]}" if run[0] == run[-1] else f"{address}#L{run[0]}-L{run[-1]}"
        for run in runs
    ]
