from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.settings import api_settings

from .models import ApiToken, User
from .tokens import token_is_current


class TmisJWTAuthentication(JWTAuthentication):
    """simplejwt, loading the user and their organisation in one query (scope needs the path), refusing tokens
    revoked since they were issued (tmis.accounts.tokens: the `tv` claim against the user's token version)."""

    def get_user(self, validated_token: Any) -> User:
        try:
            user_id = validated_token[api_settings.USER_ID_CLAIM]
        except KeyError as exc:
            raise AuthenticationFailed(_("Token contained no recognizable user identification")) from exc
        # Only the organisation (scope needs its path): every request pays for this query, and joining the parent
        # too doubled its cost (3.0 → 1.5 ms); /auth/me/ loads the parent when it shows it.
        try:
            user = User.objects.select_related("organisation").get(**{api_settings.USER_ID_FIELD: user_id})
        except User.DoesNotExist:
            user = None
        if user is None or not user.is_active:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        if not token_is_current(validated_token, user):  # revoked: password, roles, deactivation, logout everywhere
            raise AuthenticationFailed(_("This session has ended. Log in again."), code="token_revoked")
        return user


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Token <key>` (tmis.accounts.api_tokens): the token's user, narrowed to the token; the rate
    headers go on the response (tmis.core.request_context applies `request.response_headers`)."""

    keyword = b"token"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the key as `Authorization: Token <key>`."), code="token_malformed")
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise AuthenticationFailed(_("This API token is not known."), code="token_unknown") from exc
        from .api_tokens import rate_exceeded, token_authenticate  # imports the audit trail: not at settings time

        django_request = request._request
        user, token, state = token_authenticate(key=key, address=getattr(django_request, "client_address", None))
        headers = getattr(django_request, "response_headers", None)
        if headers is not None:
            headers.update(state.headers())
        if state.exceeded:
            raise rate_exceeded(state)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Token realm="api"'
