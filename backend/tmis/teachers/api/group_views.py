"""`/teachers/{id}/<group>/` for each many-valued indicator group: one typed serializer and viewset per group,
built from the group's model so the OpenAPI document describes every field."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.etag import ETagMixin
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin
from tmis.reviews.models import Submission

from ..group_records import group_record_edit, group_record_remove
from ..models import GROUP_MODELS, GroupRecord, Teacher
from .group_serializers import GROUP_READ_SERIALIZERS, GROUP_WRITE_SERIALIZERS


class PendingChangeSerializer(serializers.Serializer):
    pending_change = serializers.BooleanField(help_text="Always true: the archive is approved, so the write waits.")
    change_request = serializers.IntegerField(help_text="The review item (`GET /reviews/{id}/`).")


def _pending(change_request: Submission) -> Response:
    """On an approved archive a write becomes a change request: 202 with its id, nothing changed yet."""
    return Response({"pending_change": True, "change_request": change_request.pk}, status=status.HTTP_202_ACCEPTED)


def _viewset(group: str, model: type[GroupRecord]) -> type[viewsets.GenericViewSet]:
    read, write = GROUP_READ_SERIALIZERS[group], GROUP_WRITE_SERIALIZERS[group]

    class GroupRecordViewSet(
        ETagMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
    ):
        serializer_class = read
        pagination_class = IdCursorPagination
        permission = "teachers.view"
        write_permission = "teachers.change"

        def reading(self) -> bool:
            """A read, which an archive grant also allows (a rotation's receiving school); a write never."""
            return self.request.method == "GET"

        def teacher(self) -> Teacher:
            user = self.request.user
            teachers = Teacher.objects.readable_by(user) if self.reading() else Teacher.objects.visible_to(user)
            return get_object_or_404(teachers.select_related("school"), pk=self.kwargs["teacher_pk"])

        def get_scoped_queryset(self) -> QuerySet[GroupRecord]:
            if getattr(self, "swagger_fake_view", False):  # schema generation has no teacher
                return model.objects.none()
            if self.reading():
                readable = Teacher.objects.readable_by(self.request.user).filter(pk=self.kwargs["teacher_pk"])
                return model.objects.filter(teacher_id=self.kwargs["teacher_pk"], teacher__in=readable)
            return model.objects.visible_to(self.request.user).filter(teacher_id=self.kwargs["teacher_pk"])

        def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            self.teacher()  # 404 for a teacher outside the scope, not an empty list
            return super().list(request, *args, **kwargs)

        @extend_schema(request=write, responses={201: read, 202: PendingChangeSerializer})
        def create(self, request: Request, teacher_pk: str) -> Response:
            payload = write(data=request.data)
            payload.is_valid(raise_exception=True)
            teacher = self.teacher()
            done = group_record_edit(
                actor=request.user, teacher=teacher, group_code=group, data=dict(payload.validated_data)
            )
            if done.change_request is not None:
                return _pending(done.change_request)
            return Response(read(done.record, context={"warnings": done.warnings}).data, status=status.HTTP_201_CREATED)

        @extend_schema(request=write, responses={200: read, 202: PendingChangeSerializer})
        def partial_update(self, request: Request, teacher_pk: str, pk: str) -> Response:
            record = self.get_object()
            payload = write(record, data=request.data, partial=True)
            payload.is_valid(raise_exception=True)
            teacher = self.teacher()
            done = group_record_edit(
                actor=request.user,
                teacher=teacher,
                group_code=group,
                data=dict(payload.validated_data),
                record=record,
                precondition=self.precondition,
            )
            if done.change_request is not None:
                return _pending(done.change_request)
            return Response(read(done.record, context={"warnings": done.warnings}).data)

        @extend_schema(responses={204: None, 202: PendingChangeSerializer})
        def destroy(self, request: Request, teacher_pk: str, pk: str) -> Response:
            teacher = self.teacher()
            change_request = group_record_remove(
                actor=request.user, teacher=teacher, record=self.get_object(), precondition=self.precondition
            )
            if change_request is not None:
                return _pending(change_request)
            return Response(status=status.HTTP_204_NO_CONTENT)

    GroupRecordViewSet.__name__ = f"{model.__name__}ViewSet"
    GroupRecordViewSet.__qualname__ = GroupRecordViewSet.__name__
    return extend_schema_view(
        list=extend_schema(operation_id=f"teachers_{group}_list", tags=["teachers"]),
        retrieve=extend_schema(operation_id=f"teachers_{group}_retrieve", tags=["teachers"]),
        create=extend_schema(operation_id=f"teachers_{group}_create", tags=["teachers"]),
        partial_update=extend_schema(operation_id=f"teachers_{group}_partial_update", tags=["teachers"]),
        destroy=extend_schema(operation_id=f"teachers_{group}_destroy", tags=["teachers"]),
    )(GroupRecordViewSet)


GROUP_VIEWSETS = {group: _viewset(group, model) for group, model in GROUP_MODELS.items()}
