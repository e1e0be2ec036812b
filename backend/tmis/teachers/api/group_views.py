"""`/teachers/{id}/<group>/` for each many-valued indicator group: one typed serializer and viewset per group,
built from the group's model so the OpenAPI document describes every field."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..models import GROUP_MODELS, GroupRecord, Teacher
from ..services import GROUP_RECORD_FIELDS, group_record_delete, group_record_save


class GroupRecordReadSerializer(serializers.ModelSerializer):
    warnings = serializers.SerializerMethodField(help_text="Catalogue problems that do not block saving.")

    @extend_schema_field(serializers.DictField(child=serializers.ListField(child=serializers.DictField())))
    def get_warnings(self, obj: GroupRecord) -> dict[str, list[dict[str, str]]]:
        return self.context.get("warnings", {})


def _serializers(
    model: type[GroupRecord],
) -> tuple[type[serializers.ModelSerializer], type[serializers.ModelSerializer]]:
    columns = [f.name for f in model._meta.concrete_fields if f.name not in GROUP_RECORD_FIELDS]
    name = model.__name__
    read = type(
        f"{name}Serializer",
        (GroupRecordReadSerializer,),
        {
            "Meta": type(
                "Meta",
                (),
                {
                    "model": model,
                    "fields": ["id", *columns, "extra", "created_at", "updated_at", "warnings"],
                    "read_only_fields": ["id", "created_at", "updated_at"],
                },
            ),
            "__module__": __name__,
        },
    )
    write = type(
        f"{name}WriteSerializer",
        (serializers.ModelSerializer,),
        {
            "Meta": type(
                "Meta",
                (),
                {
                    "model": model,
                    "fields": [*columns, "extra"],
                    "extra_kwargs": {c: {"required": False} for c in [*columns, "extra"]},
                },
            ),
            "__module__": __name__,
        },
    )
    return read, write


def _viewset(group: str, model: type[GroupRecord]) -> type[viewsets.GenericViewSet]:
    read, write = _serializers(model)

    class GroupRecordViewSet(
        ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
    ):
        serializer_class = read
        pagination_class = IdCursorPagination
        permission = "teachers.view"
        write_permission = "teachers.change"

        def teacher(self) -> Teacher:
            teachers = Teacher.objects.visible_to(self.request.user).select_related("school")
            return get_object_or_404(teachers, pk=self.kwargs["teacher_pk"])

        def get_scoped_queryset(self) -> QuerySet[GroupRecord]:
            if getattr(self, "swagger_fake_view", False):  # schema generation has no teacher
                return model.objects.none()
            return model.objects.visible_to(self.request.user).filter(teacher_id=self.kwargs["teacher_pk"])

        def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            self.teacher()  # 404 for a teacher outside the scope, not an empty list
            return super().list(request, *args, **kwargs)

        @extend_schema(request=write, responses={201: read})
        def create(self, request: Request, teacher_pk: str) -> Response:
            payload = write(data=request.data)
            payload.is_valid(raise_exception=True)
            record, warnings = group_record_save(
                actor=request.user, teacher=self.teacher(), group_code=group, data=dict(payload.validated_data)
            )
            return Response(read(record, context={"warnings": warnings}).data, status=status.HTTP_201_CREATED)

        @extend_schema(request=write, responses=read)
        def partial_update(self, request: Request, teacher_pk: str, pk: str) -> Response:
            record = self.get_object()
            payload = write(record, data=request.data, partial=True)
            payload.is_valid(raise_exception=True)
            record, warnings = group_record_save(
                actor=request.user,
                teacher=self.teacher(),
                group_code=group,
                data=dict(payload.validated_data),
                record=record,
            )
            return Response(read(record, context={"warnings": warnings}).data)

        def destroy(self, request: Request, teacher_pk: str, pk: str) -> Response:
            group_record_delete(actor=request.user, teacher=self.teacher(), record=self.get_object())
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
