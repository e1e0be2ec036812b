"""Optimistic concurrency for every resource two people can edit: a strong ETag on each representation, and
If-Match (RFC 9110 §13.1.1) required on each change of it.

- A model names the column its version is read from: `etag_version_field = "version"` (an integer the writes
  advance) or `"updated_at"` (an `auto_now` timestamp, compared to the microsecond). `etag_of(instance)` is
  `"<pk>-v<n>"` or `"<pk>-t<microseconds since 1970>"`; an instance shown from defaults, with no row yet, is
  `"default"`.
- `ETagMixin` (views): the `ETag` header on single-resource answers, 428 `precondition_required` for a PUT, PATCH
  or DELETE without If-Match, `self.precondition` (the parsed header) for the service call.
- Services compare under the row lock: `lock_current(instance, precondition)` re-reads the row with
  `SELECT … FOR UPDATE` and raises 412 `stale` unless the precondition holds; `Precondition.check(row_or_None)`
  for rows the service locks itself (a resource that may not exist yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.errors import AppError

M = TypeVar("M", bound=models.Model)

#: The ETag of a resource shown from defaults that has no row yet (a province's review chain before any change).
DEFAULT_ETAG = '"default"'
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ONE_MICROSECOND = dt.timedelta(microseconds=1)
#: Methods that change a resource and must carry a precondition.
GUARDED_METHODS = frozenset({"PUT", "PATCH", "DELETE"})


def etag_of(instance: models.Model) -> str:
    """The strong ETag of an instance's current version (quotes included, as sent in headers)."""
    if instance.pk is None:
        return DEFAULT_ETAG
    value = getattr(instance, type(instance).etag_version_field)  # type: ignore[attr-defined]
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return f'"{instance.pk}-t{(value - _EPOCH) // _ONE_MICROSECOND}"'
    return f'"{instance.pk}-v{int(value)}"'


def precondition_required() -> AppError:
    return AppError(
        _("Send the ETag of the version your change is based on in the If-Match header."),
        code="precondition_required",
        status_code=status.HTTP_428_PRECONDITION_REQUIRED,
    )


def stale() -> AppError:
    return AppError(
        _("Someone else changed this in the meantime. Reload it and apply your changes again."),
        code="stale",
        status_code=status.HTTP_412_PRECONDITION_FAILED,
    )


def _entity_tags(header: str) -> frozenset[str]:
    """The entity-tags of an If-Match list (`"a", W/"b"`); weak ones are kept and never match (strong
    comparison)."""
    return frozenset(tag.strip() for tag in header.split(",") if tag.strip())


@dataclass(frozen=True)
class Precondition:
    """What the client said the current version is: If-Match with entity-tags or `*`, or If-None-Match: `*`
    (create only if nothing exists yet)."""

    tags: frozenset[str] = frozenset()
    any_version: bool = False
    absent: bool = False

    @classmethod
    def from_request(cls, request: Request) -> Precondition | None:
        if_match = request.headers.get("If-Match", "").strip()
        if if_match:
            return cls(any_version=True) if if_match == "*" else cls(tags=_entity_tags(if_match))
        if request.headers.get("If-None-Match", "").strip() == "*":
            return cls(absent=True)
        return None

    @classmethod
    def of(cls, instance: models.Model) -> Precondition:
        """The precondition of a caller that read `instance` itself (imports, the demo loader)."""
        return cls(tags=frozenset({etag_of(instance)}))

    def holds(self, instance: models.Model | None) -> bool:
        """RFC 9110: `*` matches any current representation, a list matches by strong comparison; nothing matches
        a resource that does not exist, except If-None-Match: `*`."""
        if self.absent:
            return instance is None
        if instance is None:
            return False
        return self.any_version or etag_of(instance) in self.tags

    def check(self, instance: models.Model | None) -> None:
        """Raise 412 `stale` unless the precondition holds for the current row (read it under its lock)."""
        if not self.holds(instance):
            raise stale()


def lock_current(instance: M, precondition: Precondition | None) -> M:
    """Re-read `instance` under its row lock (inside the service's transaction) and check the client's
    precondition against that current row; None is an internal caller's write (review approvals, jobs)."""
    manager = type(instance)._base_manager
    instance.refresh_from_db(from_queryset=manager.select_for_update(of=("self",)))
    if precondition is not None:
        precondition.check(instance)
    return instance


@extend_schema_field(serializers.CharField(read_only=True))
class ETagField(serializers.Field):
    """`etag`: the representation's ETag, so an editor working from a list can send If-Match without another
    GET."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text",
            "The record's ETag (the same as the ETag header of its GET). Send it in If-Match with a change; "
            "a list's rows carry it so that an editor needs no GET of its own.",
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: models.Model) -> str:
        return etag_of(value)


class ETagMixin:
    """For views of a resource two people can edit. Answers to single-resource reads and writes carry the ETag
    (taken from the body's `etag`). The view passes `self.precondition` to its service, which checks it under the
    row lock (`lock_current`); reading it in a PUT, PATCH or DELETE without If-Match (or, where a PUT may create,
    If-None-Match: *) answers 428 — after the view's own 403 / 404, so a resource out of scope stays a 404. A guarded
    write that never read it is a programming error (AssertionError), so no view can skip the check unnoticed."""

    #: Actions whose answer is one resource (viewsets); plain APIViews answer one resource for every method.
    etag_actions = frozenset({"retrieve", "create", "update", "partial_update"})
    #: Whether a PUT may create the resource (then If-None-Match: * is its precondition).
    etag_put_creates = False
    #: Methods that honour If-Match when it is sent but do not require it (publishing a reviewed draft).
    etag_optional_methods: frozenset[str] = frozenset()

    def etag_schema(self, method: str) -> tuple[bool, bool, bool]:
        """For the OpenAPI document (`tmis.core.schema.AutoSchema`): whether `method` requires If-Match, accepts it
        optionally, and answers one resource with its ETag."""
        action = getattr(self, "action", None)
        answers_one = action in self.etag_actions if action is not None else method in {"GET", "PUT", "PATCH"}
        return method in GUARDED_METHODS, method in self.etag_optional_methods, answers_one

    @property
    def precondition(self) -> Precondition | None:
        """The request's If-Match (or If-None-Match: *) for the service; 428 where a write must carry one."""
        request: Request = self.request  # type: ignore[attr-defined]
        self._precondition_read = True
        found = Precondition.from_request(request)
        creates = request.method == "PUT" and self.etag_put_creates
        if found is not None and found.absent and not creates:
            found = None  # If-None-Match: * is a precondition only of a PUT that may create
        if found is None and request.method in GUARDED_METHODS:
            raise precondition_required()
        return found

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if request.method in GUARDED_METHODS and response.status_code < 300:
            assert getattr(self, "_precondition_read", False), f"{type(self).__name__} wrote without If-Match"
        action = getattr(self, "action", None)
        one = action is None or action in self.etag_actions
        data = getattr(response, "data", None)
        ok = 200 <= response.status_code < 300 and not response.has_header("ETag")
        if one and ok and isinstance(data, dict) and "etag" in data:
            response["ETag"] = data["etag"]
        return response
