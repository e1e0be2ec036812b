"""`/api/v1/reviews/`: the reviewer's queue, the filler's own submissions, decisions (one or bulk), and each
province's review chains."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tmis.core.errors import AppError
from tmis.core.etag import ETagMixin
from tmis.core.filters import FilterSet, IsoDateTimeFilter
from tmis.core.pagination import IdCursorPagination
from tmis.core.views import ScopedViewSetMixin
from tmis.orgs.models import Level, Organisation
from tmis.orgs.selectors import organisation_parameter

from .. import services
from ..attendance import with_attendance
from ..flows import flows_for_province
from ..models import Action, ReviewFlow, State, Submission
from ..registry import KIND_CHOICES, kind_keys, progress_for
from ..review_settings import overdue_condition, overdue_days_for
from ..selectors import (
    QUEUE_VIEWS,
    decisions_with_names,
    kinds_visible_to,
    my_submissions,
    open_review_figures,
    queue_view,
    submission_history,
)
from .serializers import (
    BulkResultSerializer,
    BulkSerializer,
    FlowSerializer,
    ProgressSerializer,
    ReturnSerializer,
    SubmissionDetailSerializer,
    SubmissionSerializer,
)


class SubmissionFilter(FilterSet):
    kind = filters.ChoiceFilter(choices=KIND_CHOICES, help_text="A registered subject kind.")
    state = filters.ChoiceFilter(choices=State.choices)
    school = filters.CharFilter(field_name="school__code", help_text="A school's code.")
    submitted_before = IsoDateTimeFilter(field_name="submitted_at", lookup_expr="lt")
    view = filters.ChoiceFilter(
        choices=[(view, view) for view in QUEUE_VIEWS],
        method="by_view",
        help_text="The queue (`GET reviews/` only): `waiting` (default) what waits at the caller's organisation, "
        "oldest first; `decided` what the caller approved or returned (`my_decision`), newest first; `scope` "
        "everything in the caller's scope in any state, newest first.",
    )
    unattended = filters.BooleanFilter(
        method="_in_queryset",
        help_text="The queue: true — only the unattended items below the caller's organisation (无人审核), which "
        "the caller may decide by proxy; false — only the caller's own steps; absent — both.",
    )
    overdue = filters.BooleanFilter(
        method="_overdue",
        help_text="true: only items waiting longer than the province's overdue days (GET /reviews/settings/).",
    )

    class Meta:
        model = Submission
        fields = ["kind", "state", "school", "submitted_before", "view", "unattended", "overdue"]

    def by_view(self, queryset: QuerySet[Submission], name: str, value: str) -> QuerySet[Submission]:
        return queryset  # the view chooses the queryset itself (ReviewViewSet.get_scoped_queryset)

    def _in_queryset(self, queryset: QuerySet[Submission], name: str, value: object) -> QuerySet[Submission]:
        return queryset  # the queue's selector reads it (review_queue)

    def _overdue(self, queryset: QuerySet[Submission], name: str, value: bool | None) -> QuerySet[Submission]:
        if value is None:
            return queryset
        condition = overdue_condition(overdue_days_for(self.request.user.organisation))
        return queryset.filter(condition) if value else queryset.exclude(condition)


def _flag(value: str | None) -> bool | None:
    """A query flag: `true`/`1` → True, `false`/`0` → False, absent or anything else → None."""
    return {"true": True, "1": True, "false": False, "0": False}.get((value or "").lower())


class NewestFirstPagination(IdCursorPagination):
    ordering = "-id"


class ReviewViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """`GET reviews/` is the caller's queue: open items whose current step is at the caller's organisation."""

    serializer_class = SubmissionSerializer
    pagination_class = IdCursorPagination
    filterset_class = SubmissionFilter
    permission = "reviews.view"
    action_permissions = {
        "list": "reviews.decide",
        "approve": "reviews.decide",
        "reject": "reviews.decide",
        "bulk": "reviews.decide",
        "mine": "reviews.submit",
        "withdraw": "reviews.submit",
        "progress": "reviews.view",
        "history": "reviews.view",
    }

    def _queue_view(self) -> str:
        view = self.request.query_params.get("view", "") if self.action == "list" else ""
        return view if view in QUEUE_VIEWS else "waiting"

    @property
    def paginator(self) -> IdCursorPagination | None:
        """History views list the newest first; the waiting queue the oldest."""
        if not hasattr(self, "_paginator"):
            newest = self.action == "list" and self._queue_view() != "waiting"
            self._paginator = NewestFirstPagination() if newest else super().paginator
        return self._paginator

    def get_scoped_queryset(self) -> QuerySet[Submission]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Submission.objects.none()
        user = self.request.user
        if self.action == "list":
            items = queue_view(
                user=user, view=self._queue_view(), unattended=_flag(self.request.query_params.get("unattended"))
            )
        elif self.action == "mine":
            items = my_submissions(user=user)
        else:
            items = with_attendance(
                Submission.objects.visible_to(user)
                .select_related("school", "submitted_by", "current_org")
                .prefetch_related(decisions_with_names())
            )
        visible = kinds_visible_to(user)
        return items if visible is None else items.filter(kind__in=visible)

    def get_serializer_class(self):  # noqa: ANN201
        return SubmissionDetailSerializer if self.action == "retrieve" else SubmissionSerializer

    @extend_schema(
        operation_id="reviews_progress",
        parameters=[OpenApiParameter("org", str, description="An organisation in scope (default: the caller's).")],
        responses=ProgressSerializer,
    )
    @action(detail=False, pagination_class=None)
    def progress(self, request: Request) -> Response:
        """Teachers by record state under an organisation, open change requests, and open review items by level."""
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        days = overdue_days_for(organisation)
        figures = open_review_figures(path=organisation.path, overdue_days=days)
        return Response(
            {
                "org": organisation.code,
                "states": progress_for("states", organisation.path),
                "in_review_by_level": figures["open"],
                "overdue_days": days,
                "overdue_by_level": figures["overdue"],
                "unattended_by_level": figures["unattended"],
            }
        )

    @extend_schema(
        operation_id="reviews_history",
        parameters=[
            OpenApiParameter("subject_type", str, required=True, description="What is reviewed, e.g. `teacher`."),
            OpenApiParameter("subject_id", int, required=True, description="The subject's id."),
        ],
        responses=SubmissionDetailSerializer(many=True),
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def history(self, request: Request) -> Response:
        """Every review of one subject in the caller's scope, oldest first, each with its decisions (any kind)."""
        subject_type = request.query_params.get("subject_type", "")
        try:
            subject_id = int(request.query_params.get("subject_id", ""))
        except ValueError:
            raise AppError(_("Give subject_type and subject_id."), code="invalid") from None
        items = submission_history(user=request.user, subject_type=subject_type, subject_id=subject_id)
        visible = kinds_visible_to(request.user)
        if visible is not None:
            items = items.filter(kind__in=visible)
        return Response(SubmissionDetailSerializer(items, many=True, context={"request": request}).data)

    @extend_schema(operation_id="reviews_mine", responses=SubmissionSerializer(many=True))
    @action(detail=False, pagination_class=NewestFirstPagination)
    def mine(self, request: Request) -> Response:
        """The caller's own submissions (newest first) with their states and return reasons."""
        return self.list(request)

    def _result(self, submission: Submission) -> Response:
        fresh = self.get_scoped_queryset().get(pk=submission.pk)
        return Response(SubmissionDetailSerializer(fresh, context={"request": self.request}).data)

    @extend_schema(operation_id="reviews_approve", request=None, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve the current step (the last one applies the subject)."""
        return self._result(services.decide(actor=request.user, submission_id=int(pk), action=Action.APPROVE))

    @extend_schema(operation_id="reviews_return", request=ReturnSerializer, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def reject(self, request: Request, pk: str) -> Response:
        """Return to the filler with a reason (at least 5 characters)."""
        self.get_object()  # 404 outside the caller's scope before the body is judged: a 400 would tell it exists
        payload = ReturnSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        submission = services.decide(
            actor=request.user, submission_id=int(pk), action=Action.RETURN, reason=payload.validated_data["reason"]
        )
        return self._result(submission)

    @extend_schema(operation_id="reviews_withdraw", request=None, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        """The submitter takes it back before the first decision."""
        return self._result(services.withdraw(actor=request.user, submission_id=int(pk)))

    @extend_schema(operation_id="reviews_bulk", request=BulkSerializer, responses=BulkResultSerializer(many=True))
    @action(detail=False, methods=["post"], pagination_class=None)
    def bulk(self, request: Request) -> Response:
        """Up to 1,000 decisions, each in its own transaction; one result per id, in order."""
        payload = BulkSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        results = services.decide_many(
            actor=request.user, ids=data["ids"], action=data["action"], reason=data["reason"]
        )
        return Response(results)


class FlowViewSet(ETagMixin, viewsets.GenericViewSet):
    """Review chains of the caller's province, per kind (defaults where none is configured). Province admins
    change them; a change applies to new submissions only."""

    serializer_class = FlowSerializer
    queryset = ReviewFlow.objects.none()  # the chains are listed per kind, defaults included (see list)
    pagination_class = None
    lookup_field = "kind"
    lookup_value_regex = "[a-z_]+"
    permission_classes = ScopedViewSetMixin.permission_classes
    permission = "orgs.view"
    action_permissions = {"partial_update": "orgs.manage"}

    def _province(self) -> Organisation:
        organisation = self.request.user.organisation
        if organisation is None or organisation.level != Level.PROVINCE:
            raise AppError(
                _("Review chains are configured by province administrators."), code="not_province", status_code=403
            )
        return organisation

    @extend_schema(operation_id="reviews_flows_list", responses=FlowSerializer(many=True))
    def list(self, request: Request) -> Response:
        """Every registered kind's chain in the caller's province (the national default where none is set)."""
        return Response(FlowSerializer(flows_for_province(province=self._province()), many=True).data)

    @extend_schema(operation_id="reviews_flows_update", request=FlowSerializer, responses=FlowSerializer)
    def partial_update(self, request: Request, kind: str) -> Response:
        """Set the levels of one kind (province administrators); new submissions climb them."""
        province = self._province()
        if kind not in kind_keys():
            raise AppError(_("No such kind of review."), code="not_found", status_code=404)
        payload = FlowSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        flow = services.flow_set(
            actor=request.user,
            province=province,
            kind=kind,
            levels=payload.validated_data["levels"],
            precondition=self.precondition,
        )
        return Response(FlowSerializer(flow).data)
