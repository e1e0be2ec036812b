from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.pagination import IdCursorPagination

from ..models import Notification
from ..services import mark_read


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "link", "created_at", "read_at"]
        read_only_fields = fields


class NotificationsReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=10_000,
        help_text="The notifications to mark read; all of the caller's when absent.",
    )


class NotificationPagination(IdCursorPagination):
    ordering = "-id"

    def get_paginated_response(self, data: list) -> Response:
        response = super().get_paginated_response(data)
        response.data["unread"] = Notification.objects.filter(user=self.request.user, read_at__isnull=True).count()
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        out = super().get_paginated_response_schema(schema)
        out["properties"]["unread"] = {"type": "integer", "description": "The caller's unread notifications."}
        out["required"] = [*out.get("required", []), "unread"]
        return out


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own notifications, newest first, with the unread count."""

    serializer_class = NotificationSerializer
    pagination_class = NotificationPagination
    permission_classes = [IsAuthenticated]

    def get_queryset(self):  # noqa: ANN201
        return Notification.objects.filter(user=self.request.user)

    @extend_schema(
        operation_id="notifications_read",
        request=NotificationsReadSerializer,
        responses=inline_serializer("NotificationsReadResult", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"])
    def read(self, request: Request) -> Response:
        """Mark notifications read: the given `ids`, or all of them."""
        payload = NotificationsReadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return Response({"marked": mark_read(user=request.user, ids=payload.validated_data.get("ids"))})
