"""OpenAPI description of our authentications: JWT and API tokens (drf-spectacular extensions)."""

from typing import Any

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TmisJWTScheme(SimpleJWTScheme):
    target_class = "tmis.accounts.authentication.TmisJWTAuthentication"
    name = "jwtAuth"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <key>`: an API token (`/api/v1/tokens/`), for integrations and service accounts."""

    target_class = "tmis.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "An API token, sent as `Token <key>`. Made at `POST /api/v1/tokens/` (shown once); narrowed "
            "to its capabilities and organisation subtree; rate-limited per minute (RateLimit-* headers).",
        }
