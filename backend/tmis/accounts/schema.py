"""OpenAPI description of our JWT authentication (drf-spectacular extension)."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme


class TmisJWTScheme(SimpleJWTScheme):
    target_class = "tmis.accounts.authentication.TmisJWTAuthentication"
    name = "jwtAuth"
