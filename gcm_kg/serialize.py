"""Deterministic Turtle for generated files: same graph, same bytes."""

from __future__ import annotations

from rdflib import Graph


def generated_turtle(graph: Graph, header: str) -> bytes:
    """``graph`` as sorted Turtle (rdflib's ``longturtle``) after ``header`` as comment lines."""
    body = graph.serialize(format="longturtle", encoding="utf-8")
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.strip().splitlines())
    return comment.encode("utf-8") + b"\n" + body.rstrip(b"\n") + b"\n"
