"""`/api/v1/rotation/`: the eligibility list of a county, the county plans and their assignments (a plan is
submitted here and decided through `/api/v1/reviews/`), the targets and flows rolled up per child organisation,
and each province's rules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.errors import field_error
from tmis.core.filters import FilterSet
from tmis.core.pagination import IdCursorPagination
from tmis.core.permissions import HasCapability
from tmis.core.views import ScopedViewSetMixin
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_parameter, province_in_reach
from tmis.reviews.api.serializers import SubmissionSerializer

from ..figures import county_figures
from ..models import Assignment, AssignmentState, Plan, PlanState
from ..rules import rules_for
from ..selectors import assignments_visible_to, default_year, eligible_page, flows, plans_visible_to, targets
from ..services import (
    AssignmentInput,
    assignment_add,
    assignment_change,
    assignment_remove,
    plan_create,
    plan_delete,
    plan_submit,
    plan_update,
    plan_withdraw,
    rules_set,
)
from .serializers import (
    AssignmentChangeSerializer,
    AssignmentSerializer,
    AssignmentWriteSerializer,
    EligibleResponseSerializer,
    PlanCreateSerializer,
    PlanDetailSerializer,
    PlanSerializer,
    PlanUpdateSerializer,
    RotationFlowsSerializer,
    RotationRulesSerializer,
    RotationRulesVersionSerializer,
    RotationTargetsSerializer,
)

ORG = OpenApiParameter("org", str, description="An organisation's code in your scope (default: your own).")
YEAR = OpenApiParameter("year", int, description="The plan year: the school year starting in its September.")
MAX_PAGE = 200


class RotationApi(APIView):
    permission_classes = [HasCapability]
    permission = "rotation.view"


def _year(request: Request) -> int:
    raw = request.query_params.get("year")
    if not raw:
        return default_year(timezone.localdate())
    if not (raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100):
        raise field_error("year", "invalid", _("Give a year from 2000 to 2100."))
    return int(raw)


def _int(request: Request, name: str, default: int, most: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= most):
        raise field_error(name, "invalid", _("Give a whole number from 1 to %(most)s.") % {"most": most})
    return int(raw)


def _flag(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in ("true", "false"):
        raise field_error(name, "invalid", _("Give true or false."))
    return raw == "true"


class EligibleApi(RotationApi):
    """A county's (or a school's) current teachers judged for a year — each eligible or with the reason why not,
    and their assignment of that year's plan — a page at a time, with the summary of the whole county."""

    @extend_schema(
        operation_id="rotation_eligible",
        parameters=[
            ORG,
            YEAR,
            OpenApiParameter("eligible", bool, description="Only the eligible (true) or only the others (false)."),
            OpenApiParameter("reason", str, description="Only those not eligible for this reason."),
            OpenApiParameter("backbone", bool, description="Only backbone teachers (true) or only the others."),
            OpenApiParameter("school", str, description="Only this school's teachers (its code)."),
            OpenApiParameter("q", str, description="Name or teacher number prefix."),
            OpenApiParameter("page", int, description="Page number, from 1."),
            OpenApiParameter("page_size", int, description=f"Rows per page (default 50, at most {MAX_PAGE})."),
        ],
        responses=EligibleResponseSerializer,
    )
    def get(self, request: Request) -> Response:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        if organisation.level not in (Level.COUNTY, Level.SCHOOL):
            raise field_error("org", "not_a_county", _("Eligibility is listed per county (or school): give its code."))
        year = _year(request)
        params = request.query_params
        page, size = _int(request, "page", 1, 10_000), _int(request, "page_size", 50, MAX_PAGE)
        reason = params.get("reason") or None
        if reason and reason not in ("not_compulsory", "away", "no_entry_month", "too_few_years", "near_retirement"):
            raise field_error("reason", "invalid_choice", _("Not a reason of the eligibility."))
        body = eligible_page(
            organisation=organisation,
            year=year,
            rules=rules_for(organisation.province_code or ""),
            filters={
                "eligible": _flag(request, "eligible"),
                "backbone": _flag(request, "backbone"),
                "reason": reason,
                "school": (params.get("school") or "")[:20] or None,
                "q": (params.get("q") or "").strip()[:50] or None,
            },
            offset=(page - 1) * size,
            limit=size,
        )
        return Response(EligibleResponseSerializer(body).data)


class TargetsApi(RotationApi):
    """The organisation and each child for a year: eligible teachers, the targets, and the plans' assignments —
    planned, started, completed, proposed — with whether the targets are met."""

    @extend_schema(operation_id="rotation_targets", parameters=[ORG, YEAR], responses=RotationTargetsSerializer)
    def get(self, request: Request) -> Response:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        rules = rules_for(organisation.province_code or "")
        return Response(
            RotationTargetsSerializer(targets(organisation=organisation, year=_year(request), rules=rules)).data
        )


class FlowsApi(RotationApi):
    """The year's approved assignments under the organisation by 教师流动类别 and by 交流轮岗类型."""

    @extend_schema(operation_id="rotation_flows", parameters=[ORG, YEAR], responses=RotationFlowsSerializer)
    def get(self, request: Request) -> Response:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        return Response(RotationFlowsSerializer(flows(organisation=organisation, year=_year(request))).data)


def _province(request: Request, province_code: str) -> Organisation:
    return province_in_reach(user=request.user, code=province_code)


class RulesApi(RotationApi):
    """A province's rotation rules in force (version 0: the national defaults). `PUT` by the province's own
    administrators makes the next version; the eligibility tallies are counted again in the background."""

    def get_permissions(self) -> list[Any]:
        self.permission = "rotation.manage" if self.request.method == "PUT" else "rotation.view"
        return super().get_permissions()

    def _body(self, province: Organisation) -> dict[str, Any]:
        return {**rules_for(province.code).as_dict(), "province": province.code, "province_name": province.name}

    @extend_schema(operation_id="rotation_rules_read", responses=RotationRulesVersionSerializer)
    def get(self, request: Request, province_code: str) -> Response:
        return Response(RotationRulesVersionSerializer(self._body(_province(request, province_code))).data)

    @extend_schema(
        operation_id="rotation_rules_set", request=RotationRulesSerializer, responses=RotationRulesVersionSerializer
    )
    def put(self, request: Request, province_code: str) -> Response:
        province = _province(request, province_code)
        data = RotationRulesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rules_set(actor=request.user, province=province, data=data.validated_data)
        return Response(RotationRulesVersionSerializer(self._body(province)).data)


class PlanFilter(FilterSet):
    year = filters.NumberFilter(field_name="year", min_value=2000, max_value=2100)
    state = filters.MultipleChoiceFilter(choices=PlanState.choices)
    org = filters.CharFilter(method="under", help_text="Plans of the counties under this organisation (its code).")

    class Meta:
        model = Plan
        fields = ["year", "state", "org"]

    def under(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        org = organisation_parameter(user=self.request.user, code=value)
        return queryset.filter(org_path__startswith=org.path)


class NewestFirst(IdCursorPagination):
    ordering = "-id"


class PlanViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """County rotation plans in the caller's scope. A county's administrators (`rotation.manage`) make one plan a
    year, add assignments, and submit it (county → city by default); the figures against the targets come with
    the plan and warn when it is short."""

    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    pagination_class = NewestFirst
    permission = "rotation.view"
    write_permission = "rotation.manage"

    def get_scoped_queryset(self) -> QuerySet[Plan]:
        return plans_visible_to(self.request.user).order_by("-id")

    @extend_schema(responses=PlanDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        plan = self.get_object()
        rules = rules_for(plan.county.province_code or "")
        plan.figures = county_figures(county=plan.county, year=plan.year, rules=rules, plan=plan)
        return Response(PlanDetailSerializer(plan).data)

    @extend_schema(request=PlanCreateSerializer, responses={201: PlanSerializer})
    def create(self, request: Request) -> Response:
        data = PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_create(actor=request.user, **data.validated_data)
        return Response(PlanSerializer(self.get_scoped_queryset().get(pk=plan.pk)).data, status=201)

    @extend_schema(request=PlanUpdateSerializer, responses=PlanSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        plan_id = self.get_object().pk  # 404 outside the scope before any validation
        data = PlanUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_update(actor=request.user, plan_id=plan_id, note=data.validated_data["note"])
        return Response(PlanSerializer(self.get_scoped_queryset().get(pk=plan.pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        plan_delete(actor=request.user, plan_id=self.get_object().pk)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(operation_id="rotation_plans_submit", request=None, responses={201: SubmissionSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Submit the plan (or resubmit a returned one) for review. A plan short of its targets is submitted with
        its warnings; an empty one is refused."""
        submission = plan_submit(actor=request.user, plan_id=self.get_object().pk)
        return Response(SubmissionSerializer(submission, context={"request": request}).data, status=201)

    @extend_schema(operation_id="rotation_plans_withdraw", request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        """The submitter takes the plan back before anyone has decided on it: it is editable again."""
        submission = plan_withdraw(actor=request.user, plan_id=self.get_object().pk)
        return Response(SubmissionSerializer(submission, context={"request": request}).data)

    @extend_schema(
        operation_id="rotation_plans_assignments_list", responses=AssignmentSerializer(many=True), filters=False
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def assignments(self, request: Request, pk: str) -> Response:
        """The plan's assignments, by sending school and name."""
        plan = self.get_object()
        rows = assignments_visible_to(request.user).filter(plan=plan).order_by("from_school__code", "teacher__name")
        return Response(AssignmentSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="rotation_plans_assignments_create",
        request=AssignmentWriteSerializer,
        responses={201: AssignmentSerializer},
    )
    @assignments.mapping.post
    def add_assignment(self, request: Request, pk: str) -> Response:
        """Add a teacher of the county (eligible for the plan's year) with the receiving school and the dates."""
        plan_id = self.get_object().pk  # 404 outside the scope before any validation
        data = AssignmentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = assignment_add(actor=request.user, plan_id=plan_id, data=AssignmentInput(**data.validated_data))
        return Response(
            AssignmentSerializer(assignments_visible_to(request.user).get(pk=assignment.pk)).data, status=201
        )


class AssignmentFilter(FilterSet):
    year = filters.NumberFilter(field_name="plan__year", min_value=2000, max_value=2100)
    state = filters.MultipleChoiceFilter(choices=AssignmentState.choices)
    side = filters.ChoiceFilter(
        choices=[("from", "from"), ("to", "to")],
        method="on_side",
        help_text="from: the teachers sent out of your scope; to: those received into it.",
    )

    class Meta:
        model = Assignment
        fields = ["year", "state", "side"]

    def on_side(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        path = self.request.user.scope_path or "\x00"
        return queryset.filter(**{f"{value}_path__startswith": path})


class AssignmentViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Assignments seen from the sending and from the receiving school. `PATCH`/`DELETE` while the plan is a draft
    or returned, by the county's administrators."""

    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    pagination_class = NewestFirst
    permission = "rotation.view"
    write_permission = "rotation.manage"

    def get_scoped_queryset(self) -> QuerySet[Assignment]:
        return assignments_visible_to(self.request.user).order_by("-id")

    @extend_schema(request=AssignmentChangeSerializer, responses=AssignmentSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        assignment_id = self.get_object().pk  # 404 outside the scope before any validation
        data = AssignmentChangeSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        assignment = assignment_change(actor=request.user, assignment_id=assignment_id, changes=data.validated_data)
        return Response(AssignmentSerializer(self.get_scoped_queryset().get(pk=assignment.pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        assignment_remove(actor=request.user, assignment_id=self.get_object().pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
