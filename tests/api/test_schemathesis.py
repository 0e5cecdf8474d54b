"""Schemathesis against the OpenAPI schema: no generated input may produce a 5xx."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from reviewer.api import create_app
from reviewer.api.security import hash_key
from reviewer.settings import Settings

KEY = "rk_schemathesis"
app = create_app(Settings(api_keys=hash_key(KEY), rate_limit_per_minute=100_000))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, checks=[not_a_server_error])
    assert response.status_code != 401, "generated requests must reach the handlers"
