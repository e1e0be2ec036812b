from django.urls import path

from .views import LogoutApi, MeApi, TokenObtainApi, TokenRefreshApi

urlpatterns = [
    path("token/", TokenObtainApi.as_view(), name="auth-token"),
    path("token/refresh/", TokenRefreshApi.as_view(), name="auth-token-refresh"),
    path("logout/", LogoutApi.as_view(), name="auth-logout"),
    path("me/", MeApi.as_view(), name="auth-me"),
]
