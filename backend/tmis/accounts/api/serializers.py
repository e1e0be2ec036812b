from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.tokens import RefreshToken

from tmis.core.errors import AppError
from tmis.core.etag import ETagField
from tmis.core.serializers import TrimmableSerializer
from tmis.orgs.api.serializers import OrganisationRefSerializer, OrganisationSerializer

from ..models import User
from ..roles import Role
from ..selectors import user_organisation_path


class TokenObtainSerializer(TokenObtainPairSerializer):
    """`{username, password}` → `{access, refresh}`. Claims carry org_code, org_level and roles for the
    client's convenience; the server always re-reads the user."""

    default_error_messages = {
        "no_active_account": gettext_lazy("Wrong username or password, or the account is disabled."),
    }

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        try:
            return super().validate(attrs)
        except AuthenticationFailed:
            request = self.context.get("request")
            if getattr(request, "axes_locked_out", False):
                raise AppError(
                    _("Too many failed logins. Try again in 15 minutes."),
                    code="login_locked",
                    status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                ) from None
            raise

    @classmethod
    def get_token(cls, user: User) -> RefreshToken:
        token = super().get_token(user)
        token["org_code"] = user.organisation.code
        token["org_level"] = user.organisation.level
        token["roles"] = list(user.roles)
        return token


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="Short-lived access token (Bearer).")
    refresh = serializers.CharField(help_text="Refresh token; rotates on every refresh.")


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField(help_text="The refresh token to revoke.")


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    capabilities = serializers.SerializerMethodField(help_text="Capabilities the roles grant; menus follow them.")
    organisation = OrganisationSerializer()
    organisation_path = serializers.SerializerMethodField(
        help_text="The user's organisation and its ancestors for display, top first."
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "roles",
            "capabilities",
            "organisation",
            "organisation_path",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_capabilities(self, obj: User) -> list[str]:
        return sorted(obj.capabilities)

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_organisation_path(self, obj: User) -> list[dict[str, Any]]:
        return OrganisationRefSerializer(user_organisation_path(user=obj), many=True).data


class UserSerializer(TrimmableSerializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    organisation = OrganisationRefSerializer()
    etag = ETagField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "roles",
            "organisation",
            "is_active",
            "date_joined",
            "last_login",
            "etag",
        ]
        read_only_fields = fields
        brief_fields = ["id", "username", "display_name"]


class UserCreateSerializer(serializers.Serializer):
    username = serializers.RegexField(r"^[A-Za-z0-9_.@-]{3,64}$", help_text="3–64 letters, digits or _ . @ -")
    display_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    password = serializers.CharField(write_only=True, help_text="At least 8 characters, three character classes.")
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), allow_empty=False)
    organisation = serializers.CharField(max_length=10, help_text="Code of the user's organisation.")


class UserUpdateSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)
    is_active = serializers.BooleanField(required=False)
    password = serializers.CharField(write_only=True, required=False, help_text="Set a new password (reset).")
