from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.errors import field_error
from tmis.core.etag import ETagMixin, etag_of
from tmis.core.pagination import KeysFirstCursorPagination
from tmis.core.views import ScopedViewSetMixin
from tmis.reviews.api.serializers import SubmissionSerializer

from ..filters import TeacherFilter
from ..models import Teacher
from ..reviewing import archive_problems, change_id_numbers, teacher_submit
from ..selectors import teacher_group_records, teacher_timeline
from ..services import teacher_create, teacher_delete, teacher_id_number, teacher_update
from .serializers import (
    ArchiveProblemsSerializer,
    TeacherArchiveSerializer,
    TeacherResultSerializer,
    TeacherSerializer,
    TeacherWriteSerializer,
    TimelineEntrySerializer,
)


class TeacherOrdering(OrderingFilter):
    """`?ordering=name|-name|teacher_no|updated_at|id`; names sort by pinyin, as people expect (not by code point)."""

    ALIASES = {"name": "name_pinyin"}

    def remove_invalid_fields(self, queryset: QuerySet, fields: list[str], view: object, request: Request) -> list:
        """An ordering the list does not offer is a 400 naming it (DRF would drop it and sort by the default)."""
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        if len(valid) != len([term for term in fields if term]):
            offered = "、".join(str(name) for name, _label in self.get_valid_fields(queryset, view, {}))
            raise field_error(
                "ordering",
                "invalid_ordering",
                _("This list can be ordered by %(fields)s (a leading - reverses).") % {"fields": offered},
            )
        return valid

    def get_ordering(self, request: Request, queryset: QuerySet, view: object) -> list[str] | None:
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        terms = [
            ("-" if term.startswith("-") else "") + self.ALIASES.get(term.lstrip("-"), term.lstrip("-"))
            for term in ordering
        ]
        # Names repeat: the id breaks ties, so that every query of a cursor walk sorts them the same way.
        return terms if {"id", "-id"} & set(terms) else [*terms, "id"]


class TeacherPagination(KeysFirstCursorPagination):
    """The teacher list's pages (`?count=true` adds the list's size, as on every list)."""


class IdNumberSerializer(serializers.Serializer):
    id_number = serializers.CharField(help_text="The full, unmasked number.")
    requested = serializers.CharField(
        required=False, help_text="With `submission`: the full number the key-information change asks for."
    )
    open = serializers.BooleanField(
        required=False, help_text="With `submission`: the change is still open, so `id_number` is its old value."
    )


class TeacherViewSet(
    ETagMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Teacher archives in the caller's scope. ID numbers are always masked here."""

    serializer_class = TeacherSerializer
    filterset_class = TeacherFilter
    pagination_class = TeacherPagination
    keys_first_for = ("q", "name")  # searches: the page's keys come from the covering indexes first
    permission = "teachers.view"
    write_permission = "teachers.change"
    action_permissions = {
        "id_number": "teachers.view_id",
        "submit": "teachers.change",
        "timeline": "teachers.view",
        "problems": "teachers.view",
    }
    filter_backends = [DjangoFilterBackend, TeacherOrdering]
    ordering_fields = ["name", "teacher_no", "updated_at", "id"]  # ?ordering=name | -updated_at …
    ordering = ["id"]

    #: Reads of one archive that a grant also allows (a rotation's receiving school); lists and writes never.
    granted_actions = ("retrieve", "archive", "timeline")

    def get_scoped_queryset(self) -> QuerySet[Teacher]:
        teachers = Teacher.objects
        if self.action in self.granted_actions and self.request.method == "GET":
            return teachers.readable_by(self.request.user).select_related("school")
        return teachers.visible_to(self.request.user).select_related("school")

    def list(self, request: Request) -> Response:
        """Archives in scope, a page at a time (cursor)."""
        return super().list(request)

    def retrieve(self, request: Request, pk: str) -> Response:
        teacher = self.get_object()
        return Response(self.get_serializer(teacher).data, headers={"ETag": etag_of(teacher)})

    @extend_schema(request=TeacherWriteSerializer, responses={201: TeacherResultSerializer})
    def create(self, request: Request) -> Response:
        """A new archive (draft). Key information — name, gender, nationality, ID type and number, birth date —
        and the school are required and must be valid; other catalogue problems come back as `warnings`.
        An ID document registered anywhere answers 409 `duplicate_id_document`."""
        payload = TeacherWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        school = data.pop("school", None) or ""
        teacher, warnings = teacher_create(actor=request.user, school_code=school, data=data)
        body = TeacherResultSerializer(teacher, context={"request": request, "warnings": warnings}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=TeacherWriteSerializer, responses=TeacherResultSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change fields of an archive. Requires If-Match with the ETag the change is based on."""
        teacher = self.get_object()
        payload = TeacherWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("school", None)  # a teacher leaves a school only through the teacher-change business
        teacher, warnings = teacher_update(
            actor=request.user, teacher_id=teacher.pk, precondition=self.precondition, data=data
        )
        teacher.refresh_from_db(fields=["pending_change"])
        body = TeacherResultSerializer(teacher, context={"request": request, "warnings": warnings}).data
        # An approved archive keeps its values until the change request is approved: 202, the values in force.
        code = status.HTTP_202_ACCEPTED if teacher.pending_change else status.HTTP_200_OK
        return Response(body, status=code)

    @extend_schema(operation_id="teachers_submit", request=None, responses={201: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Submit a draft (or resubmit a returned archive) for review. Every catalogue problem must be fixed first:
        400 lists them per field (`study[0].study_major` for group records)."""
        submission = teacher_submit(actor=request.user, teacher_id=self.get_object().pk)
        return Response(SubmissionSerializer(submission, context={"request": request}).data, status=201)

    @extend_schema(operation_id="teachers_problems", responses=ArchiveProblemsSerializer)
    @action(detail=True, pagination_class=None, filter_backends=[])
    def problems(self, request: Request, pk: str) -> Response:
        """What the archive still lacks before it can be submitted — the one list a filler works through: every
        catalogue problem of the archive and its records, and each core-set group without a record. The same
        check a submit runs, so an empty list means the submit will pass it."""
        errors = archive_problems(self.get_object())
        return Response(ArchiveProblemsSerializer({"count": len(errors), "errors": errors}).data)

    @extend_schema(operation_id="teachers_timeline", responses=TimelineEntrySerializer(many=True))
    @action(detail=True, pagination_class=None, filter_backends=[])
    def timeline(self, request: Request, pk: str) -> Response:
        """The archive's history: who filled what (field-level before/after), who submitted, approved or returned
        it, and when — oldest first."""
        return Response(TimelineEntrySerializer(teacher_timeline(teacher=self.get_object()), many=True).data)

    @extend_schema(operation_id="teachers_archive", responses=TeacherArchiveSerializer)
    @action(detail=True)
    def archive(self, request: Request, pk: str) -> Response:
        """The whole archive — the one-per-teacher indicators and every group's records — in one response
        (the archive page, mobile apps, the national pull). Carries the same ETag as the teacher."""
        teacher = self.get_object()
        teacher.group_records = teacher_group_records(teacher)
        body = TeacherArchiveSerializer(teacher, context={"request": request}).data
        return Response(body, headers={"ETag": etag_of(teacher)})

    @extend_schema(
        operation_id="teachers_id_number",
        parameters=[
            OpenApiParameter(
                "submission",
                int,
                description="A key-information change of this archive: also return the full number it asks for "
                "(a reviewer checks old against new).",
            )
        ],
        responses=IdNumberSerializer,
    )
    @action(detail=True, url_path="id-number")
    def id_number(self, request: Request, pk: str) -> Response:
        """The full ID number (roles with `teachers.view_id`); every call is written to the access log."""
        teacher, address = self.get_object(), request.META.get("REMOTE_ADDR")
        if (submission := request.query_params.get("submission")) is not None:
            if not submission.isdigit() or len(submission) > 18:
                raise field_error("submission", "invalid", _("Give the id of a change request."))
            body = change_id_numbers(
                actor=request.user, teacher=teacher, submission_id=int(submission), address=address
            )
        else:
            body = {"id_number": teacher_id_number(actor=request.user, teacher=teacher, address=address)}
        return Response(body, headers={"Cache-Control": "no-store"})

    def destroy(self, request: Request, pk: str) -> Response:
        """Delete a draft that was never approved (409 `not_deletable` otherwise)."""
        teacher_delete(actor=request.user, teacher=self.get_object(), precondition=self.precondition)
        return Response(status=status.HTTP_204_NO_CONTENT)
