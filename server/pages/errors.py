"""The HTML page of an error, for browsers (:func:`server.errors.handle` decides when)."""

from __future__ import annotations

from flask import render_template

from .i18n import MESSAGES


def render_error(status: int, message: str) -> str:
    title_key = f"error-{status}" if f"error-{status}" in MESSAGES else "error"
    return render_template("pages/error.html", status=status, message=message, title_key=title_key)
