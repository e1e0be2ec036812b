from __future__ import annotations

import hashlib
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.errors import AppError, field_error
from tmis.core.etag import ETagMixin
from tmis.core.permissions import HasCapability
from tmis.orgs.models import Level, Organisation, SchoolStage
from tmis.orgs.selectors import organisation_in_scope, organisation_parameter

from .. import jsonschema_doc
from ..effective import build
from ..models import CodeTable, ProvinceCatalogue
from ..selectors import (
    code_item_list,
    code_table_list,
    draft_catalogue,
    effective_for_organisation,
    national_groups,
    outside_groups,
    published_catalogue,
)
from ..services import catalogue_diff, catalogue_draft_discard, catalogue_draft_save, catalogue_publish
from ..validation import validate_row
from .serializers import (
    CatalogueDiffSerializer,
    CatalogueSpecSerializer,
    CatalogueVersionSerializer,
    CodeItemSerializer,
    CodeTableSerializer,
    EffectiveSchemaSerializer,
    IndicatorGroupSerializer,
    ProvinceCatalogueSerializer,
    ProvinceCatalogueStateSerializer,
    PublishResultSerializer,
    ValidateRequestSerializer,
    ValidateResultSerializer,
)

Q_PARAM = OpenApiParameter("q", str, description="Search text (code prefix, Chinese or English name).")
ORG_PARAM = OpenApiParameter("org", str, description="Organisation code; default: the caller's organisation.")
STAGE_PARAM = OpenApiParameter("stage", str, enum=SchoolStage.values, description="School kind.")


class CodeTableListApi(APIView):
    """The national code tables (GB/T and JY/T 1001 code sets, the teacher system's own lists)."""

    @extend_schema(operation_id="catalog_code_tables", parameters=[Q_PARAM], responses=CodeTableSerializer(many=True))
    def get(self, request: Request) -> Response:
        tables = code_table_list(text=request.query_params.get("q", ""))
        return Response(CodeTableSerializer(tables, many=True).data)


class CodeTableDetailApi(APIView):
    """One code table's description (its items are under items/)."""

    @extend_schema(operation_id="catalog_code_table", responses=CodeTableSerializer)
    def get(self, request: Request, slug: str) -> Response:
        table = get_object_or_404(code_table_list(), slug=slug)
        return Response(CodeTableSerializer(table).data)


class CodeItemListApi(APIView):
    """A table's items. Versioned: the response carries an ETag, and `If-None-Match` with it answers 304."""

    @extend_schema(
        operation_id="catalog_code_table_items",
        parameters=[Q_PARAM, OpenApiParameter("parent", str, description="Only the children of this code.")],
        responses={200: CodeItemSerializer(many=True), 304: None},
    )
    def get(self, request: Request, slug: str) -> Response:
        table = get_object_or_404(CodeTable, slug=slug)
        text, parent = request.query_params.get("q", ""), request.query_params.get("parent")
        variant = hashlib.sha1(f"{text}|{parent}|{request.LANGUAGE_CODE}".encode()).hexdigest()[:8]
        etag = f'"{slug}-v{table.version}-{variant}"'
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        items = code_item_list(table=table, text=text, parent=parent)
        return Response(
            CodeItemSerializer(items, many=True).data,
            headers={"ETag": etag, "Cache-Control": "private, max-age=0, must-revalidate"},
        )


class IndicatorGroupListApi(APIView):
    """The national indicator catalogue: 17 groups with their indicators (read-only, shipped with TMIS)."""

    @extend_schema(
        operation_id="catalog_groups", parameters=[Q_PARAM, STAGE_PARAM], responses=IndicatorGroupSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        stage = request.query_params.get("stage") or None
        if stage and stage not in SchoolStage.values:
            raise field_error("stage", "invalid_choice", _("Unknown school kind."))
        groups = national_groups(text=request.query_params.get("q", ""), stage=stage)
        return Response(IndicatorGroupSerializer(groups, many=True).data)


def _organisation(request: Request) -> Organisation:
    return organisation_parameter(user=request.user, code=request.query_params.get("org"))


class EffectiveSchemaApi(APIView):
    """The effective catalogue of an organisation: its province's published catalogue (national defaults before
    the first publication), filtered by school kind for a school — JSON Schema per group plus UI hints."""

    @extend_schema(operation_id="catalog_schema", parameters=[ORG_PARAM], responses=EffectiveSchemaSerializer)
    def get(self, request: Request) -> Response:
        organisation = _organisation(request)
        catalogue, tables = effective_for_organisation(organisation=organisation)
        return Response(
            {
                "organisation": organisation.code,
                **jsonschema_doc.document(catalogue, province_tables=tables, outside=outside_groups(catalogue)),
            }
        )


class ValidateApi(APIView):
    """Check one row of a group against the organisation's effective catalogue (the validator every write
    path uses)."""

    @extend_schema(
        operation_id="catalog_validate",
        parameters=[ORG_PARAM],
        request=ValidateRequestSerializer,
        responses=ValidateResultSerializer,
    )
    def post(self, request: Request) -> Response:
        payload = ValidateRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        catalogue, _tables = effective_for_organisation(organisation=_organisation(request))
        group = catalogue.group(payload.validated_data["group"])
        if group is None:
            raise field_error("group", "unknown_group", _("Unknown indicator group."))
        errors = validate_row(group, payload.validated_data["data"])
        return Response({"valid": not errors, "catalogue_version": catalogue.version, "errors": errors})


class ProvinceCatalogueMixin:
    permission_classes = [HasCapability]
    permission = "catalog.manage"

    def province(self, request: Request, code: str) -> Organisation:
        province = organisation_in_scope(user=request.user, code=code, level=Level.PROVINCE)
        if province is None:
            raise AppError(_("Not found."), code="not_found", status_code=status.HTTP_404_NOT_FOUND)
        return province


class ProvinceCatalogueApi(ProvinceCatalogueMixin, APIView):
    """A province's catalogue: the version in force, the draft being edited, and every version."""

    @extend_schema(operation_id="catalog_province", responses=ProvinceCatalogueStateSerializer)
    def get(self, request: Request, code: str) -> Response:
        province = self.province(request, code)
        versions = ProvinceCatalogue.objects.filter(province=province).select_related("published_by")
        published, draft = published_catalogue(province=province), draft_catalogue(province=province)
        return Response(
            {
                "province": province.code,
                "published": ProvinceCatalogueSerializer(published).data if published else None,
                "draft": ProvinceCatalogueSerializer(draft).data if draft else None,
                "versions": CatalogueVersionSerializer(versions, many=True).data,
            }
        )


class ProvinceDraftApi(ETagMixin, ProvinceCatalogueMixin, APIView):
    """Edit the draft: PUT replaces its spec (If-Match: the draft's `etag`), or starts a draft where there is none
    (If-None-Match: *); DELETE discards it (If-Match)."""

    etag_put_creates = True

    @extend_schema(operation_id="catalog_province_draft", responses=ProvinceCatalogueSerializer)
    def get(self, request: Request, code: str) -> Response:
        """The draft (404 `no_draft` when there is none), with its ETag."""
        return Response(ProvinceCatalogueSerializer(_draft_or_404(self.province(request, code))).data)

    @extend_schema(
        operation_id="catalog_province_draft_save",
        request=CatalogueSpecSerializer,
        responses=ProvinceCatalogueSerializer,
    )
    def put(self, request: Request, code: str) -> Response:
        province = self.province(request, code)
        payload = CatalogueSpecSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        draft = catalogue_draft_save(
            actor=request.user,
            province=province,
            spec=_plain(payload.validated_data),
            precondition=self.precondition,
        )
        return Response(ProvinceCatalogueSerializer(draft).data)

    @extend_schema(operation_id="catalog_province_draft_discard", responses={204: None})
    def delete(self, request: Request, code: str) -> Response:
        catalogue_draft_discard(
            actor=request.user, province=self.province(request, code), precondition=self.precondition
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProvinceDraftDiffApi(ProvinceCatalogueMixin, APIView):
    @extend_schema(operation_id="catalog_province_draft_diff", responses=CatalogueDiffSerializer)
    def get(self, request: Request, code: str) -> Response:
        """What publishing the draft would change against the version in force."""
        province = self.province(request, code)
        draft = _draft_or_404(province)
        published = published_catalogue(province=province)
        return Response(catalogue_diff(old=published.spec if published else {}, new=draft.spec))


class ProvinceDraftPreviewApi(ProvinceCatalogueMixin, APIView):
    @extend_schema(
        operation_id="catalog_province_draft_preview", parameters=[STAGE_PARAM], responses=EffectiveSchemaSerializer
    )
    def get(self, request: Request, code: str) -> Response:
        """The form a school of the given kind would see once the draft is published; without a draft, the form
        of the version in force (national defaults before the first publication)."""
        province = self.province(request, code)
        stage = request.query_params.get("stage") or SchoolStage.PRIMARY_SECONDARY
        if stage not in SchoolStage.values:
            raise field_error("stage", "invalid_choice", _("Unknown school kind."))
        catalogue_row = draft_catalogue(province=province) or published_catalogue(province=province)
        spec = catalogue_row.spec if catalogue_row else {}
        catalogue = build(
            province=province.code, version=catalogue_row.version if catalogue_row else 0, spec=spec, stage=stage
        )
        return Response(
            {
                "organisation": province.code,
                **jsonschema_doc.document(catalogue, province_tables=spec.get("code_tables")),
            }
        )


class ProvincePublishApi(ETagMixin, ProvinceCatalogueMixin, APIView):
    etag_optional_methods = frozenset({"POST"})

    @extend_schema(operation_id="catalog_province_publish", request=None, responses=PublishResultSerializer)
    def post(self, request: Request, code: str) -> Response:
        """Publish the draft: it becomes the version in force and can no longer change. With If-Match (optional
        here), only the version of the draft the caller reviewed is published (412 otherwise)."""
        catalogue, diff = catalogue_publish(
            actor=request.user, province=self.province(request, code), precondition=self.precondition
        )
        return Response({"catalogue": ProvinceCatalogueSerializer(catalogue).data, "diff": diff})


def _draft_or_404(province: Organisation) -> ProvinceCatalogue:
    draft = draft_catalogue(province=province)
    if draft is None:
        raise AppError(_("There is no draft."), code="no_draft", status_code=status.HTTP_404_NOT_FOUND)
    return draft


def _plain(value: Any) -> Any:
    """Validated serializer data (OrderedDicts) as plain JSON values."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
