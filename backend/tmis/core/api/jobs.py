"""`GET /jobs/` — the caller's background jobs of every kind (the header's jobs indicator reads it) — and
`POST /jobs/{kind}/{id}/cancel/`. Each kind keeps its own endpoints (`/imports/`, `/exports/`) for its details."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import OrderedDict
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from tmis.core.errors import field_error
from tmis.core.job_kinds import job_kind, job_kinds
from tmis.core.job_selectors import JobPosition, job_row, jobs_of
from tmis.core.job_services import job_cancel
from tmis.core.models import JobState, job_percent
from tmis.core.pagination import StrictPageSize


def kind_choices() -> list[tuple[str, str]]:
    return [(key, kind.label or key) for key, kind in job_kinds().items()]


def state_choices() -> list[tuple[str, str]]:
    """Every job's states, then the states that kinds add (an export's `downloaded`)."""
    extra = {value: label for kind in job_kinds().values() for value, label in kind.extra_states}
    return [*JobState.choices, *extra.items()]


KIND_CHOICES = kind_choices()  # (the OpenAPI enum's name: settings.SPECTACULAR_SETTINGS)


class JobLinksSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="The job at its kind's own endpoint.")
    result = serializers.CharField(required=False, help_text="Its result (an import's report), once done.")
    download = serializers.CharField(required=False, help_text="Its file (an export), once done and not fetched.")


class JobSerializer(serializers.Serializer):
    """One row of the jobs list, read from a `job_selectors` row (no query)."""

    kind = serializers.ChoiceField(choices=KIND_CHOICES, source="j_kind", help_text="Which kind of job.")
    id = serializers.IntegerField(source="j_id", help_text="The job's id within its kind.")
    state = serializers.ChoiceField(choices=state_choices(), source="j_state")
    percent = serializers.SerializerMethodField(help_text="Work done, 0–100.")
    title = serializers.CharField(source="j_title", help_text="What a person reads: a file name, a description.")
    counts = serializers.DictField(
        child=serializers.IntegerField(), source="j_counts", help_text="The kind's counts (rows written, failed …)."
    )
    cancel_requested = serializers.SerializerMethodField(help_text="Cancel asked; it stops at its next checkpoint.")
    created_at = serializers.DateTimeField(source="j_created")
    started_at = serializers.DateTimeField(source="j_started", allow_null=True)
    finished_at = serializers.DateTimeField(source="j_finished", allow_null=True)
    error_code = serializers.CharField(source="j_error_code", help_text="Empty unless it failed.")
    error_message = serializers.CharField(source="j_error_message", help_text="Why it failed, in your language.")
    links = serializers.SerializerMethodField()

    @extend_schema_field(serializers.FloatField())
    def get_percent(self, row: dict[str, Any]) -> float:
        return job_percent(row["j_state"], row["j_done"], row["j_total"])

    @extend_schema_field(serializers.BooleanField())
    def get_cancel_requested(self, row: dict[str, Any]) -> bool:
        return row["j_cancel"] is not None

    @extend_schema_field(JobLinksSerializer)
    def get_links(self, row: dict[str, Any]) -> dict[str, str]:
        kind = job_kind(row["j_kind"])
        return kind.links(row["j_id"], row["j_state"]) if kind else {}


class JobPagination(StrictPageSize, CursorPagination):
    """Newest first; the cursor is the last row's (created_at, kind, id). The paging of the one UNION query of
    `jobs_of` (DRF's cursor paging filters a queryset, which a union cannot be)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_param = "cursor"
    ordering = "-created_at"

    def position(self, request: Request) -> JobPosition | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        try:
            created, kind, pk = json.loads(base64.urlsafe_b64decode(encoded.encode()))
            return JobPosition(dt.datetime.fromisoformat(created), str(kind), int(pk))
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise field_error("cursor", "invalid_cursor", _("The cursor is invalid.")) from None

    def page(self, request: Request, rows: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
        self.request = request
        self.next = None
        if len(rows) > size:
            last = rows[size - 1]
            key = json.dumps([last["j_created"].isoformat(), last["j_kind"], last["j_id"]])
            self.next = base64.urlsafe_b64encode(key.encode()).decode()
        return rows[:size]

    def get_paginated_response(self, data: Any) -> Response:
        url = self.request.build_absolute_uri()
        link = replace_query_param(url, self.cursor_query_param, self.next) if self.next else None
        return Response(OrderedDict([("next", link), ("previous", None), ("results", data)]))


def _choices_param(request: Request, name: str, allowed: list[str]) -> list[str]:
    values = [v for raw in request.query_params.getlist(name) for v in raw.split(",") if v]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        message = _("Unknown values: %(values)s. Use %(allowed)s.") % {
            "values": ", ".join(unknown)[:200],
            "allowed": ", ".join(allowed),
        }
        raise field_error(name, "invalid_choice", message)
    return values


class JobListApi(APIView):
    """Your background jobs of every kind (imports, exports …), newest first."""

    pagination_class = JobPagination

    @extend_schema(
        operation_id="jobs_list",
        parameters=[
            OpenApiParameter("kind", str, many=True, enum=[k for k, _l in kind_choices()], description="Only these."),
            OpenApiParameter("state", str, many=True, enum=[s for s, _l in state_choices()], description="Only these."),
            OpenApiParameter("cursor", str, description="From the previous page's `next`."),
            OpenApiParameter("page_size", int, description="Jobs per page (default 20, at most 100)."),
        ],
        responses=JobSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        """Only your own jobs (never another user's, whatever their role); each with its progress, its counts, why
        it failed, and links to its details, its result or its file. One query per page."""
        kinds = _choices_param(request, "kind", [k for k, _l in kind_choices()])
        states = _choices_param(request, "state", [s for s, _l in state_choices()])
        paginator = JobPagination()
        size = paginator.get_page_size(request) or JobPagination.page_size
        after = paginator.position(request)
        rows = jobs_of(user=request.user, kinds=kinds, states=states, after=after, limit=size + 1)
        page = paginator.page(request, rows, size)
        return paginator.get_paginated_response(JobSerializer(page, many=True).data)


class JobCancelApi(APIView):
    """Cancel one of your jobs."""

    @extend_schema(
        operation_id="jobs_cancel",
        request=None,
        responses=JobSerializer,
        parameters=[OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=[k for k, _l in KIND_CHOICES])],
    )
    def post(self, request: Request, kind: str, pk: int) -> Response:
        """A queued job is cancelled at once; a running one stops at its next checkpoint (an import keeps the
        batches it saved) — `cancel_requested` says so until then. 409 `job_ended` for a job that has ended."""
        found = job_kind(kind)
        job = found.model.objects.owned_by(request.user).filter(pk=pk).first() if found else None
        if found is None or job is None:  # another user's job is not there for you
            raise NotFound
        job = job_cancel(job=job)
        return Response(JobSerializer(job_row(found, job)).data)
