"""The library of example queries: ``gcm_kg/queries/*.rq`` with their titles and description.

Each file starts with comment lines ``# title-en: …``, ``# title-es: …`` and one or more
``# description: …``; the rest is the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

HEADER_KEYS = ("title-en", "title-es", "description")


class ExampleError(ValueError):
    """An example file without its title lines."""


@dataclass(frozen=True)
class Example:
    name: str
    title_en: str
    title_es: str
    description: str
    query: str


def parse_example(name: str, text: str) -> Example:
    fields: dict[str, list[str]] = {key: [] for key in HEADER_KEYS}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if sep and key in fields:
            fields[key].append(value.strip())
    missing = [key for key in HEADER_KEYS if not fields[key]]
    if missing:
        raise ExampleError(f"{name}.rq: missing comment line(s) {', '.join(missing)}")
    return Example(
        name,
        fields["title-en"][0],
        fields["title-es"][0],
        " ".join(fields["description"]),
        text,
    )


def examples_dir() -> Path:
    return Path(str(resources.files("gcm_kg") / "queries"))


def load_examples(directory: Path | None = None) -> list[Example]:
    """Every example, sorted by file name."""
    directory = directory or examples_dir()
    return [
        parse_example(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.rq"))
    ]
