from django.urls import path

from .auth_views import (
    LogoutApi,
    LogoutEverywhereApi,
    MeApi,
    PasswordChangeApi,
    PasswordPolicyApi,
    TokenObtainApi,
    TokenRefreshApi,
    TokenTotpApi,
    TotpApi,
    TotpConfirmApi,
    TotpDisableApi,
)

urlpatterns = [
    path("token/", TokenObtainApi.as_view(), name="auth-token"),
    path("token/totp/", TokenTotpApi.as_view(), name="auth-token-totp"),
    path("token/refresh/", TokenRefreshApi.as_view(), name="auth-token-refresh"),
    path("logout/", LogoutApi.as_view(), name="auth-logout"),
    path("logout/all/", LogoutEverywhereApi.as_view(), name="auth-logout-all"),
    path("me/", MeApi.as_view(), name="auth-me"),
    path("password/", PasswordChangeApi.as_view(), name="auth-password"),
    path("password/policy/", PasswordPolicyApi.as_view(), name="auth-password-policy"),
    path("totp/", TotpApi.as_view(), name="auth-totp"),
    path("totp/confirm/", TotpConfirmApi.as_view(), name="auth-totp-confirm"),
    path("totp/disable/", TotpDisableApi.as_view(), name="auth-totp-disable"),
]
