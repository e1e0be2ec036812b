"""Serializer helpers shared by every app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject


class TrimmableSerializer(serializers.ModelSerializer):
    """A read serializer for hot endpoints.

    - `?fields=a,b` keeps only the named fields; `?brief=1` keeps `Meta.brief_fields` (mobile clients). Only the
      top-level serializer of a response trims itself; nested serializers stay whole.
    - Output goes through a per-class *read plan*: the fields are built once per class (DRF builds a
      ModelSerializer's fields from the model on every instance, about 9 ms for a 70-field archive) and every
      instance reuses them. Plain fields are pure functions of their attribute, so sharing them is safe;
      `SerializerMethodField`s run on the instance itself, so they still see its context. A test compares the
      plan's output with DRF's own `to_representation` for every subclass.
    """

    _read_plans: ClassVar[dict[type, list[tuple[str, serializers.Field]]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wanted: set[str] | None = None
        request = self.context.get("request")
        # Nested serializers are built without context, so only the response's own serializer trims.
        if request is None or request.method != "GET":
            return
        if fields := request.query_params.get("fields"):
            self._wanted = {name.strip() for name in fields.split(",") if name.strip()}
        elif request.query_params.get("brief") in {"1", "true"}:
            self._wanted = set(getattr(self.Meta, "brief_fields", ())) or None

    @classmethod
    def read_plan(cls) -> list[tuple[str, serializers.Field]]:
        plan = TrimmableSerializer._read_plans.get(cls)
        if plan is None:
            prototype = cls()
            plan = [(name, field) for name, field in prototype.fields.items() if not field.write_only]
            TrimmableSerializer._read_plans[cls] = plan
        return plan

    def _planned_fields(self) -> Iterable[tuple[str, serializers.Field]]:
        wanted = self._wanted
        plan = self.read_plan()
        if not wanted:
            return plan
        return [(name, field) for name, field in plan if name in wanted]

    def to_representation(self, instance: Any) -> dict[str, Any]:
        if getattr(self, "_standard", False):
            return super().to_representation(instance)
        out: dict[str, Any] = {}
        for name, field in self._planned_fields():
            if isinstance(field, serializers.SerializerMethodField):
                out[name] = getattr(self, field.method_name)(instance)
                continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            out[name] = None if check is None else field.to_representation(attribute)
        return out

    def standard_representation(self, instance: Any) -> dict[str, Any]:
        """DRF's own output (the reference the read plan is tested against)."""
        self._standard = True
        try:
            return dict(self.to_representation(instance))  # through subclasses' own post-processing
        finally:
            self._standard = False
