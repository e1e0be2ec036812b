"""The committed OpenAPI document must be exactly what the code generates (`make schema` updates it)."""

from pathlib import Path

import pytest
from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[3] / "openapi" / "schema.yaml"


@pytest.mark.django_db
def test_committed_schema_matches_the_code(tmp_path):
    generated = tmp_path / "schema.yaml"
    call_command("spectacular", "--lang", "en", "--file", str(generated), "--validate", "--fail-on-warn")
    assert SCHEMA.exists(), "openapi/schema.yaml is missing: run `make schema`"
    assert generated.read_text() == SCHEMA.read_text(), "openapi/schema.yaml is stale: run `make schema`"


def test_generated_client_is_from_the_committed_schema():
    client = SCHEMA.parents[1] / "frontend" / "src" / "api" / "generated" / "schema.ts"
    assert client.exists(), "the SPA's generated client is missing: run `make schema`"
    assert client.stat().st_size > 1000
