"""API tokens as the API shows them (tmis.accounts.api_tokens): never the key but once, in the answer that made it."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from tmis.orgs.api.serializers import OrganisationRefSerializer

from ..models import ApiToken


class ApiTokenSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True, help_text="The account the token acts as.")
    organisation = OrganisationRefSerializer(read_only=True, help_text="The subtree the token sees.")
    state = serializers.SerializerMethodField(help_text="`active`, `expired` or `revoked`.")
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True, default=None)
    revoked_by = serializers.CharField(source="revoked_by.username", read_only=True, allow_null=True, default=None)
    capabilities = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "user",
            "capabilities",
            "organisation",
            "expires_at",
            "rate_limit",
            "state",
            "created_at",
            "created_by",
            "revoked_at",
            "revoked_by",
            "last_used_at",
            "last_used_address",
        ]
        read_only_fields = fields

    def get_state(self, obj: ApiToken) -> str:
        if obj.revoked_at is not None:
            return "revoked"
        return "expired" if obj.expires_at <= timezone.now() else "active"


class ApiTokenIssuedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        read_only=True, help_text="The secret to send as `Authorization: Token <key>`. Shown this once; store it now."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = fields


class ApiTokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text="What the token is for (the integration's name).")
    capabilities = serializers.ListField(
        child=serializers.CharField(max_length=32),
        allow_empty=False,
        max_length=64,
        help_text="What the token may do: capabilities its account holds (see `GET /auth/me/`).",
    )
    organisation = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        help_text="Code of the organisation whose subtree the token sees: the account's own (the default) or one "
        "below it.",
    )
    expires_at = serializers.DateTimeField(help_text="When the token stops working (at most a year ahead).")
    rate_limit = serializers.IntegerField(
        required=False, min_value=1, max_value=100_000, help_text="Requests per minute (default 600)."
    )
    user = serializers.IntegerField(
        required=False,
        help_text="Id of the service account the token is for (`tokens.manage` only); the caller's own if absent.",
    )
