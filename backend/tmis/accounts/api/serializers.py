from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.core.etag import ETagField
from tmis.core.serializers import TrimmableSerializer
from tmis.orgs.api.serializers import OrganisationRefSerializer, OrganisationSerializer

from ..models import User
from ..passwords import password_expires_at
from ..roles import Role
from ..selectors import user_organisation_path
from ..totp import totp_required_for


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    capabilities = serializers.SerializerMethodField(help_text="Capabilities the roles grant; menus follow them.")
    organisation = OrganisationSerializer()
    organisation_path = serializers.SerializerMethodField(
        help_text="The user's organisation and its ancestors for display, top first."
    )
    totp_enabled = serializers.BooleanField(source="totp_confirmed", help_text="Two-factor authentication is on.")
    totp_required = serializers.SerializerMethodField(help_text="The policy requires a second factor of these roles.")
    password_expires_at = serializers.SerializerMethodField(
        help_text="When the password must be changed (null: no expiry configured)."
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
            "totp_enabled",
            "totp_required",
            "password_expires_at",
        ]
        read_only_fields = fields

    def get_totp_required(self, obj: User) -> bool:
        return totp_required_for(obj)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_password_expires_at(self, obj: User) -> str | None:
        expires = password_expires_at(obj)
        return serializers.DateTimeField().to_representation(expires) if expires else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_capabilities(self, obj: User) -> list[str]:
        return sorted(obj.capabilities)

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_organisation_path(self, obj: User) -> list[dict[str, Any]]:
        return OrganisationRefSerializer(user_organisation_path(user=obj), many=True).data


class UserSerializer(TrimmableSerializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    organisation = OrganisationRefSerializer()
    totp_enabled = serializers.BooleanField(source="totp_confirmed", help_text="Two-factor authentication is on.")
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
            "totp_enabled",
            "password_must_change",
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
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices),
        required=False,
        default=list,
        help_text="Required of an actor who assigns roles (`roles.assign`); empty for one who does not (the system "
        "administrator opens accounts without roles, the security administrator assigns them).",
    )
    organisation = serializers.CharField(max_length=10, help_text="Code of the user's organisation.")


class UserUpdateSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), required=False)
    is_active = serializers.BooleanField(required=False)
    password = serializers.CharField(write_only=True, required=False, help_text="Set a new password (reset).")


class UserLockoutSerializer(serializers.Serializer):
    user = UserSerializer(help_text="The account held back.")
    failures = serializers.IntegerField(help_text="Failed logins counted (the highest of its counters).")
    locked_until = serializers.DateTimeField(help_text="No attempt is checked before this moment (may be past).")
    retry_after = serializers.IntegerField(help_text="Seconds until then (0: the next attempt is checked).")
    account_wide = serializers.BooleanField(
        help_text="Delayed from every address but those it logged in from recently (failures from many addresses)."
    )
    addresses = serializers.ListField(child=serializers.CharField(), help_text="Addresses that are delayed.")
    last_failure_at = serializers.DateTimeField()


class UserPasswordResetSerializer(serializers.Serializer):
    temporary_password = serializers.CharField(help_text="Shown this once; give it to the user by a safe channel.")
    expires_at = serializers.DateTimeField(help_text="The temporary password is refused after this moment.")
