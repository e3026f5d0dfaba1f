"""The API against its own OpenAPI description (schemathesis): no 5xx, no answer that breaks the schema.

Runs as an analyst with an API token over a database holding the bundled examples, so reads find
data and writes reach the services' own checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.e2e_helpers import EXAMPLES, Installation

schemathesis = pytest.importorskip("schemathesis")

pytestmark = pytest.mark.slow

# What the contract promises: no server error, only documented statuses and content types, and
# bodies that match the schema. (Strict request models refuse 20.0 for an integer on purpose, so the
# "every schema-valid request is accepted" check is left out.)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def app_and_token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("CIVCAS_DATA_DIR", str(tmp_path_factory.mktemp("contract") / "data"))
    mp.delenv("CIVCAS_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    inst = Installation(tmp_path_factory.mktemp("unused"))
    inst.cli("init", "--admin-password", "admin-password")
    inst.cli("ingest", str(EXAMPLES))
    inst.cli("user", "add", "ana", "--role", "analyst", "--password", "analyst-password")
    token = inst.cli("user", "token", "ana").output.strip()
    yield create_app(get_settings()), token
    mp.undo()
    get_settings.cache_clear()


def test_api_honours_its_schema(app_and_token: tuple[Any, str]) -> None:
    """Each operation gets generated requests; every answer must be < 500 and match the schema."""
    app, token = app_and_token
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:800]}")
    assert failures == [], "\n\n".join(failures)
