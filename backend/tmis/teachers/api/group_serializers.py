"""Typed read and write serializers of each many-valued group, built from the group's model so the OpenAPI document
describes every field."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tmis.core.etag import ETagField
from tmis.core.serializers import TrimmableSerializer

from ..checks import GROUP_RECORD_FIELDS
from ..models import GROUP_MODELS, GroupRecord


class GroupRecordReadSerializer(TrimmableSerializer):
    etag = ETagField()
    warnings = serializers.SerializerMethodField(help_text="Catalogue problems that do not block saving.")

    @extend_schema_field(serializers.DictField(child=serializers.ListField(child=serializers.DictField())))
    def get_warnings(self, obj: GroupRecord) -> dict[str, list[dict[str, str]]]:
        return self.context.get("warnings", {})


def _serializers(
    model: type[GroupRecord],
) -> tuple[type[serializers.ModelSerializer], type[serializers.ModelSerializer]]:
    columns = [f.name for f in model._meta.concrete_fields if f.name not in GROUP_RECORD_FIELDS]
    name = model.__name__
    read = type(
        f"{name}Serializer",
        (GroupRecordReadSerializer,),
        {
            "Meta": type(
                "Meta",
                (),
                {
                    "model": model,
                    "fields": ["id", *columns, "extra", "created_at", "updated_at", "etag", "warnings"],
                    "read_only_fields": ["id", "created_at", "updated_at"],
                },
            ),
            "__module__": __name__,
        },
    )
    write = type(
        f"{name}WriteSerializer",
        (serializers.ModelSerializer,),
        {
            "Meta": type(
                "Meta",
                (),
                {
                    "model": model,
                    "fields": [*columns, "extra"],
                    "extra_kwargs": {c: {"required": False} for c in [*columns, "extra"]},
                },
            ),
            "__module__": __name__,
        },
    )
    return read, write


_BUILT = {group: _serializers(model) for group, model in GROUP_MODELS.items()}
GROUP_READ_SERIALIZERS: dict[str, type[serializers.ModelSerializer]] = {g: pair[0] for g, pair in _BUILT.items()}
GROUP_WRITE_SERIALIZERS: dict[str, type[serializers.ModelSerializer]] = {g: pair[1] for g, pair in _BUILT.items()}
