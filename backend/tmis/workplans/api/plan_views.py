"""`/api/v1/work-plans/` (附件1): the plans of the caller's subtree and of the levels above it; an administrator files
and changes the own organisation's. `/api/v1/work-plans/{plan_pk}/milestones/`: a plan's milestones (marking one
done is a PATCH of its `done_date`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.etag import ETagMixin
from tmis.core.filters import FilterSet
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin

from ..models import Milestone, WorkPlan
from ..rules import ensure_owner
from ..selectors import plans_visible_to
from ..services import (
    milestone_create,
    milestone_delete,
    milestone_update,
    plan_create,
    plan_delete,
    plan_update,
)
from .serializers import (
    MilestoneChangeSerializer,
    MilestoneSerializer,
    MilestoneWriteSerializer,
    WorkPlanChangeSerializer,
    WorkPlanDetailSerializer,
    WorkPlanSerializer,
    WorkPlanWriteSerializer,
)


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class WorkPlanFilter(FilterSet):
    org = filters.CharFilter(field_name="organisation__code", help_text="One organisation's plans (its code).")
    year = filters.NumberFilter(field_name="year", min_value=2000, max_value=2100)

    class Meta:
        model = WorkPlan
        fields = ["org", "year"]


class _Today:
    def get_serializer_context(self) -> dict[str, Any]:
        return super().get_serializer_context() | {"today": timezone.localdate()}  # type: ignore[misc]


class WorkPlanViewSet(
    _Today,
    ETagMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Deployment work plans. Visible to the owning organisation, its subtree and every level above; changed only by
    the owning organisation's administrators (403 `not_own_organisation` for the others who see it). Filed by
    provinces and 部属高校 (403 `level_not_allowed` elsewhere); one per organisation and year (409 `plan_exists`)."""

    serializer_class = WorkPlanSerializer
    pagination_class = NewestFirst
    filterset_class = WorkPlanFilter
    permission = "workplans.view"
    write_permission = "workplans.manage"

    def get_scoped_queryset(self) -> QuerySet[WorkPlan]:
        if getattr(self, "swagger_fake_view", False):
            return WorkPlan.objects.none()
        return plans_visible_to(user=self.request.user, on=timezone.localdate(), with_milestones=self.detail)

    def get_serializer_class(self) -> type:
        return WorkPlanDetailSerializer if self.detail else WorkPlanSerializer

    def _answer(self, plan: WorkPlan, code: int = status.HTTP_200_OK) -> Response:
        plans = plans_visible_to(user=self.request.user, on=timezone.localdate(), with_milestones=True)
        return Response(
            WorkPlanDetailSerializer(plans.get(pk=plan.pk), context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(request=WorkPlanWriteSerializer, responses={201: WorkPlanDetailSerializer})
    def create(self, request: Request) -> Response:
        """File the caller's organisation's plan for a year."""
        data = WorkPlanWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_create(actor=request.user, **data.validated_data)
        return self._answer(plan, status.HTTP_201_CREATED)

    @extend_schema(request=WorkPlanChangeSerializer, responses=WorkPlanDetailSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        plan = self.get_object()
        ensure_owner(request.user, plan.organisation_id)  # 403 before the If-Match check's 428
        data = WorkPlanChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan_update(actor=request.user, plan=plan, precondition=self.precondition, **data.validated_data)
        return self._answer(plan)

    def destroy(self, request: Request, pk: str) -> Response:
        """The plan with its milestones."""
        plan = self.get_object()
        ensure_owner(request.user, plan.organisation_id)
        plan_delete(actor=request.user, plan=plan, precondition=self.precondition)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MilestoneViewSet(
    _Today,
    ETagMixin,
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """A plan's milestones, in their sort order. Overdue = due before today and not done. Marking one done: PATCH
    `{"done_date": "YYYY-MM-DD"}` (not in the future, not before the plan's period)."""

    serializer_class = MilestoneSerializer
    pagination_class = None
    permission = "workplans.view"
    write_permission = "workplans.manage"

    def _plan(self) -> WorkPlan:
        plan = (
            WorkPlan.objects.visible_to(self.request.user)
            .select_related("organisation")
            .filter(pk=self.kwargs["plan_pk"])
        )
        found = plan.first()
        if found is None:
            raise Http404
        return found

    def get_scoped_queryset(self) -> QuerySet[Milestone]:
        if getattr(self, "swagger_fake_view", False):
            return Milestone.objects.none()
        return (
            Milestone.objects.visible_to(self.request.user)
            .filter(plan_id=self.kwargs["plan_pk"])
            .select_related("plan")
            .order_by("sort_order", "due_date", "id")
        )

    def list(self, request: Request, plan_pk: str) -> Response:
        self._plan()  # 404 for a plan the caller does not see
        return super().list(request)

    def _answer(self, milestone: Milestone, code: int = status.HTTP_200_OK) -> Response:
        fresh = Milestone.objects.get(pk=milestone.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=MilestoneWriteSerializer, responses={201: MilestoneSerializer})
    def create(self, request: Request, plan_pk: str) -> Response:
        plan = self._plan()
        ensure_owner(request.user, plan.organisation_id)
        data = MilestoneWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        milestone = milestone_create(actor=request.user, plan=plan, **data.validated_data)
        return self._answer(milestone, status.HTTP_201_CREATED)

    @extend_schema(request=MilestoneChangeSerializer, responses=MilestoneSerializer)
    def partial_update(self, request: Request, plan_pk: str, pk: str) -> Response:
        milestone = self.get_object()
        ensure_owner(request.user, milestone.plan.organisation_id)
        data = MilestoneChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        milestone_update(actor=request.user, milestone=milestone, precondition=self.precondition, **data.validated_data)
        return self._answer(milestone)

    def destroy(self, request: Request, plan_pk: str, pk: str) -> Response:
        milestone = self.get_object()
        ensure_owner(request.user, milestone.plan.organisation_id)
        milestone_delete(actor=request.user, milestone=milestone, precondition=self.precondition)
        return Response(status=status.HTTP_204_NO_CONTENT)
