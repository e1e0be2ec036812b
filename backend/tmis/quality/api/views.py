"""`GET /api/v1/quality/rules/`, `/issues/` (the worklist) and `/summary/` (figures per child organisation with the
quality score): thin views over `tmis.quality.selectors`, read with `quality.view`, scoped by `org` as every
report is (an organisation outside the caller's scope is a 400 naming the parameter)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.pagination import IdCursorPagination
from tmis.core.permissions import HasCapability
from tmis.orgs.selectors import organisation_parameter

from ..messages import render_all
from ..models import QualityIssue
from ..rules import RULES
from ..selectors import issue_filters, issue_list, quality_summary, rule_list
from .serializers import IssueSerializer, QualitySummarySerializer, RuleSerializer

ORG = OpenApiParameter("org", str, description="An organisation's code in your scope (default: your own).")


class QualityApi(APIView):
    permission_classes = [HasCapability]
    permission = "quality.view"


class RulesApi(QualityApi):
    """The quality rules (问题数据): code, name, severity and what each checks, in the reader's language."""

    @extend_schema(operation_id="quality_rules", responses=RuleSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(RuleSerializer(rule_list(), many=True).data)


class IssuesApi(generics.ListAPIView):
    """The worklist: the issues of the archives under `org` (default: your organisation), optionally of one
    `school` and one `rule`, oldest first, paged by cursor (no total: the summary has the counts)."""

    permission_classes = [HasCapability]
    permission = "quality.view"
    serializer_class = IssueSerializer
    pagination_class = IdCursorPagination
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[QualityIssue]:
        if getattr(self, "swagger_fake_view", False):
            return QualityIssue.objects.none()
        params = self.request.query_params
        chosen = issue_filters(
            user=self.request.user, org=params.get("org"), school=params.get("school"), rule=params.get("rule")
        )
        return issue_list(user=self.request.user, **chosen)

    def get_serializer(self, *args: Any, **kwargs: Any) -> IssueSerializer:
        page = list(args[0]) if args else []
        kwargs["context"] = self.get_serializer_context() | {
            "rules": {rule["code"]: rule for rule in rule_list()},
            "messages": render_all(page),
        }
        return IssueSerializer(page, **kwargs)

    @extend_schema(
        operation_id="quality_issues",
        parameters=[
            ORG,
            OpenApiParameter("school", str, description="Only this school's archives (a school under `org`)."),
            OpenApiParameter("rule", str, enum=list(RULES), description="Only this rule's issues."),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class SummaryApi(QualityApi):
    """An organisation's figures and each child organisation's: archives, flagged archives, issues per rule and the
    quality score (100 × (1 − flagged / archives)) — from the kept counts, never a count over the archive."""

    @extend_schema(operation_id="quality_summary", parameters=[ORG], responses=QualitySummarySerializer)
    def get(self, request: Request) -> Response:
        organisation = organisation_parameter(user=request.user, code=request.query_params.get("org"))
        return Response(QualitySummarySerializer(quality_summary(organisation=organisation)).data)
