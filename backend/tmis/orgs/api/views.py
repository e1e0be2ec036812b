from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.etag import ETagMixin
from tmis.core.views import ScopedViewSetMixin

from ..filters import OrganisationFilter
from ..models import Organisation
from ..selectors import organisation_list_visible_to, organisation_subtree_counts, school_code_lists
from ..services import organisation_create, organisation_update
from .serializers import (
    OrganisationCreateSerializer,
    OrganisationSerializer,
    OrganisationUpdateSerializer,
    SchoolCodeListsSerializer,
    SubtreeCountsSerializer,
)


class OrganisationViewSet(
    ETagMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The organisation tree, limited to the caller's subtree. Units are addressed by code."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "code"
    lookup_value_regex = r"\d{6}|\d{10}"
    permission = "orgs.view"
    write_permission = "orgs.manage"
    ordering = "path"

    def get_scoped_queryset(self) -> QuerySet[Organisation]:
        return organisation_list_visible_to(user=self.request.user)

    @property
    def paginator(self) -> BasePagination | None:
        paginator = super().paginator
        if paginator is not None:
            paginator.ordering = ("code",) if self.action == "children" else ("path",)
        return paginator

    @extend_schema(operation_id="orgs_roots", responses=OrganisationSerializer(many=True))
    @action(detail=False, pagination_class=None, filterset_class=None)
    def roots(self, request: Request) -> Response:
        """The caller's own organisation: the root of the tree the caller sees."""
        root = self.get_queryset().filter(path=request.user.scope_path)
        return Response(self.get_serializer(root, many=True).data)

    @extend_schema(operation_id="orgs_school_codes", responses=SchoolCodeListsSerializer)
    @action(detail=False, url_path="school-codes", pagination_class=None, filterset_class=None)
    def school_codes(self, request: Request) -> Response:
        """The code lists a school's attributes take their values from, for pickers and for showing names."""
        return Response(school_code_lists())

    @extend_schema(operation_id="orgs_children", responses=OrganisationSerializer(many=True))
    @action(detail=True, filterset_class=None)
    def children(self, request: Request, code: str) -> Response:
        """Direct children of a unit (cursor-paginated, ordered by code)."""
        parent = self.get_object()
        page = self.paginate_queryset(self.get_queryset().filter(parent=parent))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="orgs_counts", responses=SubtreeCountsSerializer)
    @action(detail=True, filterset_class=None, pagination_class=None)
    def counts(self, request: Request, code: str) -> Response:
        """How many provinces, cities, counties and schools lie below the unit."""
        return Response(organisation_subtree_counts(organisation=self.get_object()))

    @extend_schema(request=OrganisationCreateSerializer, responses={201: OrganisationSerializer})
    def create(self, request: Request) -> Response:
        payload = OrganisationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organisation = organisation_create(actor=request.user, parent_code=data.pop("parent"), **data)
        out = self.get_serializer(self.get_queryset().get(pk=organisation.pk))
        return Response(out.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OrganisationUpdateSerializer, responses=OrganisationSerializer)
    def partial_update(self, request: Request, code: str) -> Response:
        organisation = self.get_object()
        payload = OrganisationUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        organisation_update(
            actor=request.user, organisation=organisation, precondition=self.precondition, **payload.validated_data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=organisation.pk)).data)
