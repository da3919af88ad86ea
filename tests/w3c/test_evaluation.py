"""The W3C query evaluation tests: over HTTP the endpoint answers what pyoxigraph answers
in-process on the same data, same query and same dataset; and pyoxigraph's answer is the W3C's
expected result, except where the engine departs from it (``expectations.ENGINE_EVALUATION``)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from .client import Endpoint
from .conftest import SuiteData
from .evaluation import Evaluation, held
from .expectations import ENGINE_EVALUATION
from .manifests import evaluation_cases
from .results import Answer, differences, read_body

pytestmark = pytest.mark.w3c

EVALUATIONS = [Evaluation(c) for c in evaluation_cases()]


def _local(evaluation: Evaluation, store: ox.Store, *, as_over_http: bool) -> Answer | SyntaxError:
    try:
        return evaluation.evaluate(store, as_over_http=as_over_http)
    except SyntaxError as error:
        return error


@pytest.mark.parametrize("evaluation", EVALUATIONS, ids=lambda e: e.case.id)
def test_http_answer_is_pyoxigraphs(
    endpoint: Endpoint, local_store: ox.Store, evaluation: Evaluation
) -> None:
    expected = _local(evaluation, local_store, as_over_http=True)
    fields = [("query", evaluation.text), *evaluation.protocol_dataset]
    reply = endpoint.post_form(fields, accept=evaluation.accept)
    if isinstance(expected, SyntaxError):
        assert reply.status == 400, f"{evaluation.case}: in-process {expected}; HTTP {reply}"
        return
    assert reply.status == 200, f"{evaluation.case}: {reply}"
    answer = read_body(reply.body, reply.media_type)
    found = differences(
        answer, expected, order_keys=evaluation.shape.order_keys, reduced=evaluation.shape.reduced
    )
    assert not found, f"{evaluation.case} over HTTP:\n" + "\n".join(found)


def _engine_marks(evaluation: Evaluation) -> pytest.MarkDecorator | tuple[()]:
    reason = ENGINE_EVALUATION.get(evaluation.case.id)
    return pytest.mark.xfail(reason=reason, strict=True) if reason else ()


@pytest.mark.parametrize(
    "evaluation",
    [pytest.param(e, id=e.case.id, marks=_engine_marks(e)) for e in EVALUATIONS],
)
def test_pyoxigraph_answer_is_the_w3c_result(local_store: ox.Store, evaluation: Evaluation) -> None:
    answer = evaluation.evaluate(local_store, as_over_http=False)
    found = differences(
        answer,
        evaluation.expected,
        order_keys=evaluation.shape.order_keys,
        reduced=evaluation.shape.reduced,
        by_value=True,
    )
    assert not found, f"{evaluation.case}:\n" + "\n".join(found)


def test_the_store_holds_every_data_file(suite_data: SuiteData) -> None:
    """Every file an evaluation test reads is a graph of the store unless it has no triple, and
    the dataset sent over HTTP names graphs of the store only."""
    files = {f for e in EVALUATIONS for f in e.files}
    assert suite_data.graphs == {f for f in files if held(f)}
    assert {iri for e in EVALUATIONS for _, iri in e.protocol_dataset} <= suite_data.graphs


def test_every_listed_deviation_is_a_test() -> None:
    assert set(ENGINE_EVALUATION) <= {e.case.id for e in EVALUATIONS}
