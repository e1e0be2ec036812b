"""`/api/v1/reviews/settings/`: the caller's province's review settings (the days after which an open item is
overdue). Everyone with `orgs.view` reads them; a province administrator (`orgs.manage` at a province) changes them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.errors import AppError
from tmis.core.etag import ETagMixin
from tmis.core.permissions import HasCapability
from tmis.orgs.models import Level

from ..review_settings import MAX_OVERDUE_DAYS, settings_for, settings_set


class ReviewSettingsSerializer(serializers.Serializer):
    province = serializers.CharField(source="province.code", read_only=True, allow_null=True, default=None)
    province_name = serializers.CharField(source="province.name", read_only=True, allow_null=True, default=None)
    overdue_days = serializers.IntegerField(
        min_value=1,
        max_value=MAX_OVERDUE_DAYS,
        help_text="An open item waiting longer than this many days is overdue (超期), flagged to the levels above.",
    )
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Null: the national default.")
    etag = serializers.CharField(read_only=True, help_text='Send it in If-Match (`"default"` while none is set).')


class ReviewSettingsApi(ETagMixin, APIView):
    """The review settings of the caller's province."""

    permission_classes = [HasCapability]
    permission = "orgs.view"
    write_permission = "orgs.manage"

    @extend_schema(operation_id="reviews_settings", responses=ReviewSettingsSerializer)
    def get(self, request: Request) -> Response:
        return Response(ReviewSettingsSerializer(settings_for(request.user.organisation)).data)

    @extend_schema(
        operation_id="reviews_settings_update", request=ReviewSettingsSerializer, responses=ReviewSettingsSerializer
    )
    def patch(self, request: Request) -> Response:
        """A province administrator sets the province's overdue days."""
        organisation = request.user.organisation
        if organisation.level != Level.PROVINCE:
            raise AppError(
                _("Review settings are set by province administrators."), code="not_province", status_code=403
            )
        payload = ReviewSettingsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = settings_set(
            actor=request.user,
            province=organisation,
            overdue_days=payload.validated_data["overdue_days"],
            precondition=self.precondition,
        )
        return Response(ReviewSettingsSerializer(result).data)
