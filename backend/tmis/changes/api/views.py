from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.db.models import QuerySet
from django.utils.connection import ConnectionProxy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tmis.core.pagination import IdCursorPagination
from tmis.core.permissions import HasCapability
from tmis.core.views import ScopedViewSetMixin

from ..lookup import teacher_lookup
from ..models import TeacherChange
from ..selectors import DIRECTIONS, changes_for, province_names
from ..services import ChangeRequest, change_create
from .filters import ChangeFilter
from .serializers import ChangeCreateSerializer, ChangeSerializer, LookupSerializer


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class ChangeViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Teacher changes (教师变动): transfers, secondment and leave, leaving and return. Decisions go through
    `/reviews/{submission}/approve|return/` like every other review subject."""

    serializer_class = ChangeSerializer
    pagination_class = NewestFirst
    filterset_class = ChangeFilter
    permission = "teachers.view"
    write_permission = "teachers.change"

    def get_scoped_queryset(self) -> QuerySet[TeacherChange]:
        if getattr(self, "swagger_fake_view", False):
            return TeacherChange.objects.none()
        direction = self.request.query_params.get("direction", "all")
        return changes_for(user=self.request.user, direction=direction if direction in DIRECTIONS else "all")

    def get_serializer_context(self) -> dict[str, Any]:
        return super().get_serializer_context() | {"provinces": province_names()}

    @extend_schema(request=ChangeCreateSerializer, responses={201: ChangeSerializer})
    def create(self, request: Request) -> Response:
        """Apply for a change; its review starts at once (the answer's `submission`). A transfer is applied for by
        the receiving side with the teacher's ID document (`id_type`, `id_number`) and `to_school`; every other
        kind by the teacher's own side with `teacher`. 409 `change_open` (with `open_change`) while another change
        of the teacher is open."""
        data = ChangeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        change = change_create(actor=request.user, request=ChangeRequest(**data.validated_data))
        change = changes_for(user=request.user).get(pk=change.pk)
        return Response(self.get_serializer(change).data, status=201)


class LookupThrottle(ScopedRateThrottle):
    """Per user per hour (TMIS_LOOKUP_RATE), in the shared rate-limit cache (every worker counts against one)."""

    cache = ConnectionProxy(caches, "rate_limit")


class TeacherLookupApi(APIView):
    permission_classes = [HasCapability]
    permission = "teachers.change"
    throttle_classes = [LookupThrottle]
    throttle_scope = "teacher_lookup"

    @extend_schema(
        operation_id="teachers_lookup",
        parameters=[
            OpenApiParameter("id_type", str, required=True, description="ID document type (code table)."),
            OpenApiParameter("id_number", str, required=True, description="The number."),
        ],
        responses=LookupSerializer,
    )
    def get(self, request: Request) -> Response:
        """Whether an archive holds this ID document anywhere in the country, before applying for a transfer: the
        teacher number, the masked name, the province and the county — never more. Written to the access log;
        limited per user per hour (429 with Retry-After beyond)."""
        body = teacher_lookup(
            actor=request.user,
            id_type=request.query_params.get("id_type", ""),
            id_number=request.query_params.get("id_number", ""),
        )
        return Response(LookupSerializer(body).data, headers={"Cache-Control": "no-store"})
