"""/api/v1/auth/: login (password, then the second factor when enrolled), refresh, logout, the current user, the
password policy and change, and the second factor's enrolment."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView

from tmis.core.errors import AppError

from ..login import CHALLENGE_ENROL, login_proceed, login_second_factor
from ..models import User
from ..passwords import password_policy
from ..services import password_change
from ..sessions import CHALLENGE_PASSWORD, CHALLENGE_TOTP, challenge_user, logout, tokens_revoke
from ..throttling import LoginRateThrottle
from ..tokens import tokens_for
from ..totp import totp_disable, totp_enrol_begin, totp_enrol_confirm, totp_uri
from .auth_serializers import (
    LoginResultSerializer,
    LogoutSerializer,
    PasswordChangeSerializer,
    PasswordPolicySerializer,
    TokenPairSerializer,
    TokenRefreshSerializer,
    TotpChallengeSerializer,
    TotpConfirmSerializer,
    TotpDisableSerializer,
    TotpEnrolmentSerializer,
    TotpLoginSerializer,
)
from .refresh_cookie import clear_refresh_cookie, cookie_refresh, tokens_answer
from .serializers import MeSerializer


def _session_or_challenge(request: Request, challenge: str | None, purpose: str) -> User:
    """The signed-in user, or the one a login challenge for `purpose` names."""
    if challenge:
        return challenge_user(challenge=challenge, purpose=purpose)
    if request.user is None or not request.user.is_authenticated:
        raise NotAuthenticated()
    return request.user


class TokenObtainApi(TokenObtainPairView):
    """Log in with username and password → the tokens, or `{totp_required, challenge}` when the account has a second
    factor; 403 `password_expired` / `totp_enrolment_required` (with a `challenge`) when the account must first
    change its password or enrol a second factor. Throttled per client address (30/min); five failures lock the
    username for that address for 15 minutes (429 `login_locked`, Retry-After)."""

    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(operation_id="auth_token", responses=LoginResultSerializer, auth=[])
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as exc:
            raise InvalidToken(exc.args[0]) from exc
        return tokens_answer(request, serializer.validated_data)


class TokenTotpApi(APIView):
    """The second step of a login: the challenge and the authenticator's code → the tokens. Wrong codes count as
    failed logins (same delays)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        operation_id="auth_token_totp", request=TotpLoginSerializer, responses=LoginResultSerializer, auth=[]
    )
    def post(self, request: Request) -> Response:
        payload = TotpLoginSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = challenge_user(challenge=payload.validated_data["challenge"], purpose=CHALLENGE_TOTP)
        result = login_second_factor(request=request, user=user, code=payload.validated_data["code"])
        return tokens_answer(request, result)


class TokenRefreshApi(APIView):
    """Exchange a refresh token for a new pair; the old refresh token is blacklisted (rotation). A session ends
    REFRESH_TOKEN_LIFETIME after its login however often it is refreshed, and at once when the user's password,
    roles or active state change (401 `token_revoked`). The token comes in the body (integrators) or, without one,
    from the HttpOnly cookie of a browser login (then `X-Refresh-Cookie: 1` and a same-site Origin are required,
    else 403 `csrf_failed`; the new refresh token goes back in the cookie)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'  # a refused refresh is a 401 (as simplejwt's own view answered), not a 403

    @extend_schema(
        operation_id="auth_token_refresh", request=TokenRefreshSerializer, responses=TokenPairSerializer, auth=[]
    )
    def post(self, request: Request) -> Response:
        body_token = request.data.get("refresh") if hasattr(request.data, "get") else None
        token = body_token or cookie_refresh(request)
        if not token:
            raise AppError(_("This session has ended. Log in again."), code="token_not_valid", status_code=401)
        serializer = TokenRefreshSerializer(data={"refresh": token})
        try:
            serializer.is_valid(raise_exception=True)
        except TokenError as exc:
            raise InvalidToken(exc.args[0]) from exc
        return tokens_answer(request, serializer.validated_data, force_cookie=not body_token)


class LogoutApi(APIView):
    """Revoke a refresh token (blacklist) — the body's, or the browser's cookie (same checks as the refresh) — and
    clear the cookie. Access tokens expire on their own within minutes."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="auth_logout", request=LogoutSerializer, responses={204: None}, auth=[])
    def post(self, request: Request) -> Response:
        payload = LogoutSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        token = payload.validated_data.get("refresh") or cookie_refresh(request)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        clear_refresh_cookie(response)
        if not token:
            return response
        try:
            refresh = RefreshToken(token)
        except TokenError as exc:
            if not payload.validated_data.get("refresh"):
                return response  # an expired cookie: the session is over anyway
            raise AppError(str(exc), code="token_not_valid", status_code=status.HTTP_401_UNAUTHORIZED) from exc
        logout(refresh=refresh)
        return response


class LogoutEverywhereApi(APIView):
    """End every session of the caller (all access and refresh tokens, this one included)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="auth_logout_all", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        tokens_revoke(user=request.user, actor=request.user, reason="logout_all")
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="auth_me", responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user, context={"request": request}).data)


class PasswordPolicyApi(APIView):
    """The password rules the server applies, in the request's language (login and change-password screens)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="auth_password_policy", responses=PasswordPolicySerializer, auth=[])
    def get(self, request: Request) -> Response:
        return Response(PasswordPolicySerializer(password_policy()).data)


class PasswordChangeApi(APIView):
    """Change one's own password (the old and a new one). Every other session of the user ends; the answer is the
    new session's tokens. Without a session, the `challenge` of a login refused with `password_expired`."""

    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        operation_id="auth_password_change", request=PasswordChangeSerializer, responses=LoginResultSerializer
    )
    def post(self, request: Request) -> Response:
        payload = PasswordChangeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        challenge = data.get("challenge")
        user = _session_or_challenge(request, challenge, CHALLENGE_PASSWORD)
        user = password_change(user=user, old_password=data["old_password"], new_password=data["new_password"])
        if challenge:  # the login goes on (the second factor, if any, was passed before the challenge was issued)
            return tokens_answer(request, login_proceed(request=request, user=user, totp_passed=True))
        refresh = tokens_for(user)
        return tokens_answer(
            request, {"totp_required": False, "access": str(refresh.access_token), "refresh": str(refresh)}
        )


class TotpApi(APIView):
    """Start enrolling a second factor: a new secret (shown once) and its otpauth:// URI for the QR code. Not in
    force until confirmed with a code."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_totp_enrol", request=TotpChallengeSerializer, responses=TotpEnrolmentSerializer)
    def post(self, request: Request) -> Response:
        payload = TotpChallengeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = _session_or_challenge(request, payload.validated_data.get("challenge"), CHALLENGE_ENROL)
        secret = totp_enrol_begin(user=user)
        return Response({"secret": secret, "otpauth_uri": totp_uri(user)})


class TotpConfirmApi(APIView):
    """Confirm the enrolment with a code: from now on logins ask for it. Through a login challenge, the answer is
    the login's next step (the tokens)."""

    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(operation_id="auth_totp_confirm", request=TotpConfirmSerializer, responses=LoginResultSerializer)
    def post(self, request: Request) -> Response:
        payload = TotpConfirmSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        challenge = payload.validated_data.get("challenge")
        user = _session_or_challenge(request, challenge, CHALLENGE_ENROL)
        totp_enrol_confirm(user=user, code=payload.validated_data["code"])
        if challenge:
            return tokens_answer(request, login_proceed(request=request, user=user, totp_passed=True))
        return Response({"totp_required": False})


class TotpDisableApi(APIView):
    """Turn the second factor off (the password and a current code); not while the policy requires it."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(operation_id="auth_totp_disable", request=TotpDisableSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        payload = TotpDisableSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        totp_disable(user=request.user, **payload.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)
