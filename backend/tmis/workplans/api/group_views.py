"""`/api/v1/working-groups/` (附件2, decision 9): the members of an organisation's working group. Filed by the
organisation's administrators (any region, or a 部属高校); read by the organisation, its subtree and the levels
above — who see a member's mobile masked unless it is their own organisation's."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.etag import ETagMixin
from tmis.core.views import ScopedViewSetMixin

from ..models import GroupMember
from ..rules import ensure_owner
from ..selectors import group_organisations, members_of, organisation_upwards
from ..services import member_create, member_delete, member_update
from .serializers import (
    GroupMemberChangeSerializer,
    GroupMemberSerializer,
    GroupMemberWriteSerializer,
    GroupOrganisationSerializer,
)

ORG = OpenApiParameter(
    "org", str, description="The organisation's code, in your subtree or above it (default: your own)."
)


class GroupMemberViewSet(
    ETagMixin,
    ScopedViewSetMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Working-group members (组长, 副组长, 联络员, 技术负责人, 成员). Changed only by the owning organisation's
    administrators (403 `not_own_organisation` for the others who see it, 403 `level_not_allowed` for a school)."""

    serializer_class = GroupMemberSerializer
    pagination_class = None
    permission = "workplans.view"
    write_permission = "workplans.manage"

    def get_scoped_queryset(self) -> QuerySet[GroupMember]:
        if getattr(self, "swagger_fake_view", False):
            return GroupMember.objects.none()
        return GroupMember.objects.visible_to(self.request.user).select_related("organisation")

    @extend_schema(parameters=[ORG], responses=GroupMemberSerializer(many=True))
    def list(self, request: Request) -> Response:
        """One organisation's group, in its sort order (at most 100 members)."""
        organisation = organisation_upwards(user=request.user, code=request.query_params.get("org"))
        return Response(self.get_serializer(members_of(organisation=organisation), many=True).data)

    @extend_schema(operation_id="working_groups_organisations", responses=GroupOrganisationSerializer(many=True))
    @action(detail=False)
    def organisations(self, request: Request) -> Response:
        """The organisations you see that filed a group, with member count and the monthly report's contact."""
        return Response(GroupOrganisationSerializer(group_organisations(user=request.user), many=True).data)

    def _answer(self, member: GroupMember, code: int = status.HTTP_200_OK) -> Response:
        fresh = GroupMember.objects.select_related("organisation").get(pk=member.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=GroupMemberWriteSerializer, responses={201: GroupMemberSerializer})
    def create(self, request: Request) -> Response:
        """A member of your organisation's group."""
        data = GroupMemberWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(member_create(actor=request.user, **data.validated_data), status.HTTP_201_CREATED)

    @extend_schema(request=GroupMemberChangeSerializer, responses=GroupMemberSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        member = self.get_object()
        ensure_owner(request.user, member.organisation_id)  # 403 before the If-Match check's 428
        data = GroupMemberChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member_update(actor=request.user, member=member, precondition=self.precondition, **data.validated_data)
        return self._answer(member)

    def destroy(self, request: Request, pk: str) -> Response:
        member = self.get_object()
        ensure_owner(request.user, member.organisation_id)
        member_delete(actor=request.user, member=member, precondition=self.precondition)
        return Response(status=status.HTTP_204_NO_CONTENT)
