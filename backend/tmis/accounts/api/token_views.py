"""`/api/v1/tokens/`: API tokens (tmis.accounts.api_tokens) — list, create (the key shown once), read, revoke."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..api_tokens import token_create, token_revoke
from ..models import ApiToken
from ..selectors import api_tokens_visible_to, user_list_visible_to
from .token_serializers import ApiTokenCreateSerializer, ApiTokenIssuedSerializer, ApiTokenSerializer


class ApiTokenViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's API tokens (and, for the security administrator, the service accounts' in their subtree).
    Creating and revoking need a login: a token cannot manage tokens."""

    queryset = ApiToken.objects.none()  # the schema's model; requests read get_scoped_queryset
    serializer_class = ApiTokenSerializer
    pagination_class = IdCursorPagination

    def get_scoped_queryset(self) -> QuerySet[ApiToken]:
        return api_tokens_visible_to(actor=self.request.user)

    @extend_schema(request=ApiTokenCreateSerializer, responses={201: ApiTokenIssuedSerializer})
    def create(self, request: Request) -> Response:
        payload = ApiTokenCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        owner = None
        if data.get("user") is not None:
            owner = get_object_or_404(user_list_visible_to(actor=request.user), pk=data["user"])
        issued = token_create(
            actor=request.user,
            name=data["name"],
            capabilities=data["capabilities"],
            expires_at=data["expires_at"],
            organisation_code=data.get("organisation") or None,
            user=owner,
            rate_limit=data.get("rate_limit"),
        )
        issued.token.key = issued.key  # type: ignore[attr-defined]
        return Response(ApiTokenIssuedSerializer(issued.token).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ApiTokenSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        token = token_revoke(actor=request.user, token=self.get_object())
        return Response(ApiTokenSerializer(token).data)
