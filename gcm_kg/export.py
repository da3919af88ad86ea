"""Export the whole built graph in a standard RDF syntax."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from .terms import PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
"""Export formats; N-Quads, TriG and JSON-LD keep the named graphs, the others give their union."""


def export(store: ox.Store, fmt: str, output: BinaryIO) -> None:
    """Write ``store`` to ``output`` as ``fmt`` (a key of :data:`FORMATS`)."""
    rdf_format = FORMATS[fmt]
    if rdf_format.supports_datasets:
        store.dump(output, format=rdf_format, prefixes=PREFIXES if fmt == "trig" else None)
        return
    union = ox.Store()
    union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
    union.dump(
        output,
        format=rdf_format,
        from_graph=ox.DefaultGraph(),
        prefixes=PREFIXES if fmt == "turtle" else None,
    )
