"""schemathesis (4.x) against the whole Django stack, in-process through its WSGI application, with every demo login:
for every operation of openapi/schema.yaml, TMIS_FUZZ_EXAMPLES generated requests (default 6; valid ones and, where
the schema allows, invalid ones; half of them on an object in the login's scope, the rest on generated ids).

Checks: no 5xx; the status code is one the operation documents; the content type and the body match the schema.
A failure prints its check, the response and a curl line that reproduces the request (the token in it is the test's).
Each request runs in a savepoint rolled back afterwards, inside the package's rolled-back world (conftest.py): the
fuzz deletes, approves and renames freely without touching the data the BOLA matrix or the other tests use.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import report
from .resolver import resolve
from .world import Login, access_token

EXAMPLES = int(os.environ.get("TMIS_FUZZ_EXAMPLES", "6"))
#: `?fields=` and `?brief=` trim the answer on request, leaving out properties the full form requires (their
#: descriptions say so); the fuzz checks the full form, so it does not send them (tests/backend/core/test_read_plan.py
#: and tests/backend/orgs/test_org_api.py check the trimmed ones).
TRIMMING = {"fields", "brief"}


def _untrimmed(document: dict[str, Any]) -> dict[str, Any]:
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "parameters" in operation:
                operation["parameters"] = [
                    p for p in operation["parameters"] if not (p.get("in") == "query" and p.get("name") in TRIMMING)
                ]
    return document


SCHEMA = schemathesis.openapi.from_dict(
    _untrimmed(yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi/schema.yaml").read_text()))
)
OPERATIONS = sorted((result.ok() for result in SCHEMA.get_all_operations()), key=lambda op: (op.path, op.method))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]

STATS: Counter = Counter()


@pytest.fixture(scope="module")
def app(world: list[Login]) -> Iterator[Any]:
    """Django's WSGI application, on the test's own database connection: Django closes connections at the start
    and end of every request, which would end the test's transaction (its test client disconnects them too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(world: list[Login]) -> dict[str, str]:
    STATS["logins"] = len(world)
    return {login.username: access_token(login.user) for login in world}


@pytest.fixture(scope="module", autouse=True)
def _summary(request) -> Iterator[None]:
    started = time.monotonic()
    yield
    report(
        request.config,
        f"schemathesis fuzz: {STATS['operations']} operations x {STATS['logins']} logins, {STATS['requests']} "
        f"requests ({EXAMPLES} per operation); 5xx={STATS['5xx']} schema_mismatches={STATS['schema']} "
        f"in {time.monotonic() - started:.0f} s",
    )


def _strategy(operation: Any, mode: Any, path_parameters: dict | None) -> Any:
    try:
        return operation.as_strategy(generation_mode=mode, path_parameters=path_parameters or None)
    except Exception:
        return None


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_fuzz(db, world: list[Login], app: Any, tokens: dict[str, str], operation: Any) -> None:
    STATS["operations"] += 1
    failures: dict[tuple, str] = {}
    cache: dict[tuple, Any] = {}

    def strategy(mode: Any, login: Login, fixed: bool) -> Any:
        params = resolve(operation.path, login).inside if fixed else None
        key = (mode, login.username if params else None)
        if key not in cache:
            cache[key] = _strategy(operation, mode, params)
        return cache[key]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: Any) -> None:
        login = data.draw(st.sampled_from(world), label="login")
        mode = data.draw(st.sampled_from(MODES), label="mode")
        chosen = strategy(mode, login, data.draw(st.booleans(), label="in_scope"))
        if chosen is None:  # nothing to make invalid in this operation
            chosen = strategy(MODES[0], login, False)
        case = data.draw(chosen, label="case")
        STATS["requests"] += 1
        with transaction.atomic():
            response = case.call(app=app, headers={"Authorization": f"Bearer {tokens[login.username]}"})
            try:
                case.validate_response(response, checks=CHECKS)
            except FailureGroup as group:
                for failure in group.exceptions:
                    kind = "5xx" if response.status_code >= 500 else "schema"
                    STATS[kind] += 1
                    key = (kind, failure.title, response.status_code)
                    failures.setdefault(key, f"[{login.username}] {group}")
            transaction.set_rollback(True)

    run()
    assert not failures, "\n".join(failures.values())
