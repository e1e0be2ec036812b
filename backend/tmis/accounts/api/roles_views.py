"""`PUT /users/{id}/roles/`: the security administrator assigns roles (三员分立; docs/SECURITY-audit.md)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.etag import ETagMixin
from tmis.core.permissions import HasCapability

from ..role_services import user_roles_assign
from ..roles import Role
from ..selectors import user_list_visible_to
from .serializers import UserSerializer


class UserRolesSerializer(serializers.Serializer):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices),
        allow_empty=False,
        help_text="The account's roles from now on (replacing the ones it holds).",
    )


class UserRolesApi(ETagMixin, APIView):
    """Replace an account's roles (`roles.assign`: the security administrator; a business administrator inside its
    subtree). If-Match: the user's ETag. The system administrator opens accounts but cannot change their roles."""

    permission_classes = [HasCapability]
    permission = "roles.assign"

    @extend_schema(operation_id="users_roles_update", request=UserRolesSerializer, responses=UserSerializer)
    def put(self, request: Request, pk: int) -> Response:
        user = get_object_or_404(user_list_visible_to(actor=request.user), pk=pk)
        payload = UserRolesSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = user_roles_assign(
            actor=request.user, user=user, roles=payload.validated_data["roles"], precondition=self.precondition
        )
        return Response(UserSerializer(user, context={"request": request}).data)
