"""The W3C update syntax tests, sent to the read-only endpoint every way an update can come: each
is refused (403 for a well-formed update; 400 or 403 for a malformed one) and the store is what
it was."""

from __future__ import annotations

import pytest

from .client import Endpoint, Reply, StoreState
from .manifests import SyntaxCase, syntax_cases

pytestmark = pytest.mark.w3c

UPDATES = syntax_cases(update=True)


def _send(endpoint: Endpoint, text: str, way: str) -> Reply:
    if way == "update-form":
        return endpoint.post_form([("update", text)])
    if way == "sparql-update":
        return endpoint.post_update(text)
    return endpoint.post_form([("query", text)])


@pytest.mark.parametrize("way", ["update-form", "sparql-update", "query-form"])
@pytest.mark.parametrize("case", UPDATES, ids=lambda c: c.id)
def test_update_is_refused_and_changes_nothing(
    endpoint: Endpoint, initial_state: StoreState, case: SyntaxCase, way: str
) -> None:
    reply = _send(endpoint, case.text, way)
    if case.positive:
        assert reply.status == 403, f"{case}: {reply}"
    else:
        assert reply.status in (400, 403), f"{case}: {reply}"
    assert endpoint.state() == initial_state, f"{case}: the store changed"
