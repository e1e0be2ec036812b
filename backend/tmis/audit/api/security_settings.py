"""`GET /api/v1/security/settings/`: what the security administrator reads (`security.view`) — the security settings
in force (docs/SECURITY-audit.md). Read-only: they are set in the environment, not through the API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.permissions import HasCapability


class SecuritySettingsSerializer(serializers.Serializer):
    audit_retention_days = serializers.IntegerField(help_text="Days the audit log is kept (at least 180).")
    full_id_alert_per_hour = serializers.IntegerField(
        help_text="Full ID numbers one user may see within an hour before the security administrators are alerted."
    )
    audit_export_max_rows = serializers.IntegerField(help_text="Most events one XLSX export of the audit log holds.")
    login_failure_limit = serializers.IntegerField(
        help_text="Failed logins of one account from one address before the next attempt is delayed."
    )
    lockout_minutes = serializers.IntegerField(help_text="The longest delay between attempts (they double up to it).")
    login_rate = serializers.CharField(help_text="Login attempts allowed per address (e.g. 30/min).")
    access_token_minutes = serializers.IntegerField(help_text="Lifetime of an access token.")
    refresh_token_hours = serializers.IntegerField(help_text="Lifetime of a refresh token.")
    trusted_proxies = serializers.ListField(
        child=serializers.CharField(), help_text="Proxies whose X-Forwarded-For is believed."
    )


def security_settings() -> dict[str, Any]:
    jwt = settings.SIMPLE_JWT
    return {
        "audit_retention_days": settings.TMIS_AUDIT_RETENTION_DAYS,
        "full_id_alert_per_hour": settings.TMIS_FULL_ID_ALERT_PER_HOUR,
        "audit_export_max_rows": settings.TMIS_AUDIT_EXPORT_MAX_ROWS,
        "login_failure_limit": settings.TMIS_LOGIN_PAIR_FAILURES,
        "lockout_minutes": max(1, settings.TMIS_LOGIN_MAX_DELAY // 60),
        "login_rate": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"],
        "access_token_minutes": int(jwt["ACCESS_TOKEN_LIFETIME"].total_seconds() // 60),
        "refresh_token_hours": int(jwt["REFRESH_TOKEN_LIFETIME"].total_seconds() // 3600),
        "trusted_proxies": list(settings.TMIS_TRUSTED_PROXIES),
    }


class SecuritySettingsApi(APIView):
    """The security settings in force (the security administrator)."""

    permission_classes = [HasCapability]
    permission = "security.view"

    @extend_schema(operation_id="security_settings", responses=SecuritySettingsSerializer)
    def get(self, request: Request) -> Response:
        return Response(SecuritySettingsSerializer(security_settings()).data)
