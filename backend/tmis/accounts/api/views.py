from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.etag import ETagMixin
from tmis.core.filters import FilterSet
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..models import User
from ..recovery import user_lockouts, user_password_reset, user_unlock
from ..roles import Role
from ..selectors import user_list_visible_to, user_search
from ..services import user_create, user_totp_reset, user_update
from .serializers import (
    UserCreateSerializer,
    UserLockoutSerializer,
    UserPasswordResetSerializer,
    UserSerializer,
    UserUpdateSerializer,
)


class UserFilter(FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__code", help_text="Organisation code.")
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role")
    q = django_filters.CharFilter(method="search", help_text="Username prefix or display-name substring.")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["organisation", "role", "q", "is_active"]

    def filter_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(roles__contains=[value])

    def search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return user_search(queryset=queryset, text=value)


class UserViewSet(
    ETagMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts in the caller's subtree. Admins create users inside their subtree with roles they may grant."""

    serializer_class = UserSerializer
    filterset_class = UserFilter
    pagination_class = IdCursorPagination
    permission = "users.view"
    write_permission = "users.manage"
    action_permissions = {"lockouts": "users.unlock", "unlock": "users.unlock", "password_reset": "users.unlock"}

    def get_scoped_queryset(self) -> QuerySet[User]:
        return user_list_visible_to(actor=self.request.user)

    @extend_schema(request=UserCreateSerializer, responses={201: UserSerializer})
    def create(self, request: Request) -> Response:
        payload = UserCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        user = user_create(
            actor=request.user,
            username=data["username"],
            password=data["password"],
            organisation_code=data["organisation"],
            roles=data["roles"],
            display_name=data["display_name"],
        )
        return Response(self.get_serializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UserUpdateSerializer, responses=UserSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        payload = UserUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        user = user_update(actor=request.user, user=user, precondition=self.precondition, **payload.validated_data)
        return Response(self.get_serializer(user).data)

    @extend_schema(operation_id="users_totp_reset", request=None, responses={204: None})
    @action(detail=True, methods=["post"], url_path="totp-reset")
    def totp_reset(self, request: Request, pk: str) -> Response:
        """Recovery: remove the user's second factor (they enrol again at the next login) and end their sessions."""
        user_totp_reset(actor=request.user, user=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(operation_id="users_lockouts", responses=UserLockoutSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], url_path="lockouts", pagination_class=None, filterset_class=None)
    def lockouts(self, request: Request) -> Response:
        """Accounts in scope whose failed logins delay them, most recent failure first (`users.unlock`)."""
        entries = user_lockouts(actor=request.user)
        return Response(UserLockoutSerializer(entries, many=True, context=self.get_serializer_context()).data)

    @extend_schema(operation_id="users_unlock", request=None, responses={204: None})
    @action(detail=True, methods=["post"], url_path="unlock")
    def unlock(self, request: Request, pk: str) -> Response:
        """Clear the account's login delays (account-wide and from every address); audited (`users.unlock`)."""
        user_unlock(actor=request.user, user=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(operation_id="users_password_reset", request=None, responses=UserPasswordResetSerializer)
    @action(detail=True, methods=["post"], url_path="password-reset")
    def password_reset(self, request: Request, pk: str) -> Response:
        """Issue a temporary password, shown this once: the user's sessions end and their login delays are
        cleared; it must be changed at the next login and is refused after 72 hours (`users.unlock`)."""
        user, password = user_password_reset(actor=request.user, user=self.get_object())
        return Response({"temporary_password": password, "expires_at": user.password_temporary_until})
