"""Issue 14 (phones and slow links): hashed assets travel precompressed with a year's immutable cache; the SPA's
index is revalidated on every load, whichever way it is served."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SCRIPT = b"console.log('tmis');" * 200


@pytest.fixture
def spa_build(settings, tmp_path) -> Path:
    """A build as `frontend/precompress.ts` leaves it: a hashed script with its .gz and .br siblings."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><script type="module" src="/assets/app-1a2b3c.js"></script>')
    script = tmp_path / "assets" / "app-1a2b3c.js"
    script.write_bytes(SCRIPT)
    (tmp_path / "assets" / "app-1a2b3c.js.gz").write_bytes(gzip.compress(SCRIPT))
    (tmp_path / "assets" / "app-1a2b3c.js.br").write_bytes(b"brotli bytes")
    settings.FRONTEND_DIST = tmp_path
    settings.WHITENOISE_ROOT = tmp_path
    return tmp_path


def test_hashed_assets_are_immutable_for_a_year(spa_build):
    response = Client().get("/assets/app-1a2b3c.js")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(("accepts", "encoding"), [("gzip", "gzip"), ("gzip, deflate, br", "br"), ("", None)])
def test_assets_are_served_precompressed(spa_build, accepts, encoding):
    response = Client().get("/assets/app-1a2b3c.js", HTTP_ACCEPT_ENCODING=accepts)
    assert response.get("Content-Encoding") == encoding
    body = b"".join(response.streaming_content)
    expected = {"gzip": gzip.compress(SCRIPT), "br": b"brotli bytes", None: SCRIPT}[encoding]
    assert gzip.decompress(body) == SCRIPT if encoding == "gzip" else body == expected
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.get("Vary", "")


@pytest.mark.parametrize("path", ["/", "/teachers", "/login"])
def test_the_index_is_revalidated(spa_build, path):
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
