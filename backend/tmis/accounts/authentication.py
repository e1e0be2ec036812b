from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.settings import api_settings

from .models import User


class TmisJWTAuthentication(JWTAuthentication):
    """simplejwt, loading the user and their organisation in one query (scope needs the path)."""

    def get_user(self, validated_token: Any) -> User:
        try:
            user_id = validated_token[api_settings.USER_ID_CLAIM]
        except KeyError as exc:
            raise AuthenticationFailed(_("Token contained no recognizable user identification")) from exc
        user = (
            User.objects.select_related("organisation__parent").filter(**{api_settings.USER_ID_FIELD: user_id}).first()
        )
        if user is None or not user.is_active:
            raise AuthenticationFailed(_("User not found"), code="user_not_found")
        return user
