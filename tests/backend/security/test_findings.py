"""What the BOLA matrix and the fuzz found beyond issue 13's list, one test each (each failed before its fix)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tmis.exports.models import ExportJob
from tmis.reviews.models import Submission

from .world import Login

SCHEMA = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi/schema.yaml").read_text())


def _login(world: list[Login], username: str) -> Login:
    return next(login for login in world if login.username == username)


def test_return_outside_the_scope_is_404_before_the_body_is_judged(db, world, client_for):
    """A 400 for a missing reason told a reviewer that a review item of another county exists."""
    county_b = _login(world, "demo-county-b")
    theirs = Submission.objects.exclude(org_path__startswith=county_b.scope).order_by("pk").first()
    response = client_for(county_b.user).post(f"/api/v1/reviews/{theirs.pk}/return/", {}, format="json")
    assert response.status_code == 404, response.json()


def test_bulk_ids_beyond_64_bits_are_invalid_input(db, world, client_for):
    """An id above the bigint range came back in the results and failed to render: 500."""
    response = client_for("demo-county-a").post(
        "/api/v1/reviews/bulk/", {"action": "approve", "ids": [2**70]}, format="json"
    )
    assert response.status_code == 400
    assert "ids" in str(response.json()["errors"])


def test_an_export_whose_file_is_gone_is_410(db, world, client_for):
    job = ExportJob.objects.filter(state="done").order_by("pk").first()
    (Path(settings.TMIS_FILES_DIR) / job.file_path).unlink(missing_ok=True)
    response = client_for(job.owner).get(f"/api/v1/exports/{job.pk}/download/")
    assert response.status_code == 410
    assert response.json()["code"] == "file_gone"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/teachers/not-a-number/", 400, "invalid"),  # a resource route with an id that is no id
        ("/api/v1/imports/-1.5/errors/", 404, "not_found"),  # no route matches
        ("/api/v1/nope/", 404, "not_found"),
    ],
)
def test_an_api_path_that_matches_no_route_answers_in_the_error_format(db, world, client_for, path, status, code):
    response = client_for("demo-province").get(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == code


def test_a_malformed_cursor_is_invalid_input(db, world, client_for):
    response = client_for("demo-school-a").get("/api/v1/notifications/", {"cursor": "garbage"})
    assert response.status_code == 400
    assert response.json()["errors"]["cursor"][0]["code"] == "invalid_cursor"


def test_the_schema_documents_what_the_fuzz_met():
    paths = SCHEMA["paths"]
    assert "400" in paths["/api/v1/jobs/"]["get"]["responses"]  # a filter's value or a cursor
    assert "404" in paths["/api/v1/reviews/progress/"]["get"]["responses"]  # ?org= unknown or out of scope
    assert "409" in paths["/api/v1/teachers/{teacher_pk}/post/{id}/"]["patch"]["responses"]  # change_pending
    download = paths["/api/v1/exports/{id}/download/"]["get"]["responses"]
    assert {"409", "410"} <= set(download) and "text/csv" in download["200"]["content"]
    assert "409" in paths["/api/v1/imports/{id}/report.xlsx/"]["get"]["responses"]  # not_finished
