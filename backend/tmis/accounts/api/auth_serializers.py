"""Serializers of the login, session and second-factor endpoints (/api/v1/auth/)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import aware_utcnow, datetime_to_epoch

from ..login import login_allowed, login_proceed, login_refused, wrong_credentials_error
from ..models import User
from ..tokens import rotate, token_is_current


class TokenObtainSerializer(TokenObtainPairSerializer):
    """`{username, password}` → the tokens, or the next step of the login (tmis.accounts.login). Token claims carry
    org_code, org_level and roles for the client's convenience; the server always re-reads the user."""

    default_error_messages = {
        "no_active_account": gettext_lazy("Wrong username or password, or the account is disabled."),
    }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        username = str(attrs[self.username_field])
        login_allowed(request=request, username=username)
        user = authenticate(request=request, username=username, password=attrs["password"])
        if user is None or not user.is_active:
            seconds = login_refused(request=request, username=username)
            raise wrong_credentials_error(str(self.error_messages["no_active_account"]), "no_active_account", seconds)
        user = User.objects.select_related("organisation").get(pk=user.pk)
        return login_proceed(request=request, user=user)


class TokenRefreshSerializer(serializers.Serializer):
    """A refresh token → a new pair. The old one is blacklisted; the new one expires when the session does
    (REFRESH_TOKEN_LIFETIME after the login, however often it is refreshed)."""

    refresh = serializers.CharField(
        required=False, help_text="The refresh token; without it, the browser's refresh cookie (see the endpoint)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        if not attrs.get("refresh"):
            raise AuthenticationFailed(_("This session has ended. Log in again."), "token_not_valid")
        refresh = RefreshToken(attrs["refresh"])  # signature, expiry, blacklist
        user = User.objects.filter(pk=refresh.get(api_settings.USER_ID_CLAIM)).first()
        if user is None or not user.is_active or not token_is_current(refresh, user):
            raise AuthenticationFailed(_("This session has ended. Log in again."), "token_revoked")
        refresh.blacklist()
        rotate(refresh)
        if refresh["exp"] <= datetime_to_epoch(aware_utcnow()):
            raise AuthenticationFailed(_("This session has ended. Log in again."), "session_expired")
        access = refresh.access_token
        if access["exp"] > refresh["exp"]:
            access["exp"] = refresh["exp"]
        return {"access": str(access), "refresh": str(refresh)}


class LoginResultSerializer(serializers.Serializer):
    totp_required = serializers.BooleanField(
        help_text="True: the account has a second factor; send its code with `challenge` to /auth/token/totp/."
    )
    challenge = serializers.CharField(required=False, help_text="The pending login (five minutes), with totp_required.")
    access = serializers.CharField(required=False, help_text="Short-lived access token (Bearer).")
    refresh = serializers.CharField(
        required=False,
        help_text="Refresh token; rotates on every refresh. Sent with `X-Refresh-Cookie: 1`, it is set as an HttpOnly "
        "cookie instead.",
    )


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="Short-lived access token (Bearer).")
    refresh = serializers.CharField(
        required=False, help_text="Refresh token; rotates on every refresh. Absent when it is in the browser's cookie."
    )


class TotpLoginSerializer(serializers.Serializer):
    challenge = serializers.CharField(help_text="From the answer to the password step.")
    code = serializers.CharField(max_length=12, help_text="The six digits the authenticator app shows.")


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField(
        required=False, help_text="The refresh token to revoke; without it, the browser's refresh cookie."
    )


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(help_text="The current password.")
    new_password = serializers.CharField(help_text="The new password; see /auth/password/policy/.")
    challenge = serializers.CharField(
        required=False, help_text="Instead of a session: the challenge of a login refused with `password_expired`."
    )


class PasswordPolicySerializer(serializers.Serializer):
    min_length = serializers.IntegerField(help_text="Fewest characters.")
    history = serializers.IntegerField(help_text="How many earlier passwords cannot be chosen again.")
    max_age_days = serializers.IntegerField(help_text="Days a password is valid; 0 = no expiry.")
    rules = serializers.ListField(
        child=serializers.CharField(), help_text="Every rule, in the request's language, as the server applies them."
    )


class TotpChallengeSerializer(serializers.Serializer):
    challenge = serializers.CharField(
        required=False,
        help_text="Instead of a session: the challenge of a login refused with `totp_enrolment_required`.",
    )


class TotpEnrolmentSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="Base32 secret, shown this once.")
    otpauth_uri = serializers.CharField(help_text="otpauth:// URI for a QR code.")


class TotpConfirmSerializer(TotpChallengeSerializer):
    code = serializers.CharField(max_length=12, help_text="The code the app shows for the new secret.")


class TotpDisableSerializer(serializers.Serializer):
    password = serializers.CharField(help_text="The current password.")
    code = serializers.CharField(max_length=12, help_text="A current code.")
