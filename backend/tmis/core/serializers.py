"""Serializer helpers shared by every app."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, NamedTuple

from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject


class PlanEntry(NamedTuple):
    name: str
    field: serializers.Field
    getter: Callable[[Any], Any] | None
    keeps_str: bool


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

    _read_plans: ClassVar[dict[type, list[PlanEntry]]] = {}

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
    def read_plan(cls) -> list[PlanEntry]:
        plan = TrimmableSerializer._read_plans.get(cls)
        if plan is None:
            prototype = cls()
            concrete = {f.name for f in prototype.Meta.model._meta.concrete_fields}
            plan = []
            for name, field in prototype.fields.items():
                if field.write_only:
                    continue
                # A model column (or a column of a related row, `school.code`) is read with attrgetter instead of
                # DRF's generic get_attribute; a str stays itself where DRF would only call str() on it.
                plain = not isinstance(field, serializers.SerializerMethodField) and field.source_attrs[:1] != []
                plain = plain and field.source_attrs[0] in concrete
                getter = attrgetter(".".join(field.source_attrs)) if plain else None
                keeps_str = isinstance(field, serializers.CharField | serializers.ChoiceField)
                plan.append(PlanEntry(name, field, getter, keeps_str))
            TrimmableSerializer._read_plans[cls] = plan
        return plan

    def _planned_fields(self) -> list[PlanEntry]:
        wanted = self._wanted
        plan = self.read_plan()
        if not wanted:
            return plan
        return [entry for entry in plan if entry.name in wanted]

    def to_representation(self, instance: Any) -> dict[str, Any]:
        if getattr(self, "_standard", False):
            return super().to_representation(instance)
        out: dict[str, Any] = {}
        for name, field, getter, keeps_str in self._planned_fields():
            if getter is not None:
                try:
                    attribute = getter(instance)
                except AttributeError:  # a missing related row: DRF's own rules (None or skip)
                    getter = None
            if getter is None:
                if isinstance(field, serializers.SerializerMethodField):
                    out[name] = getattr(self, field.method_name)(instance)
                    continue
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(attribute, PKOnlyObject):
                    attribute = attribute if attribute.pk is not None else None
            if attribute is None:
                out[name] = None
            elif keeps_str and type(attribute) is str:
                out[name] = attribute
            else:
                out[name] = field.to_representation(attribute)
        return out

    def standard_representation(self, instance: Any) -> dict[str, Any]:
        """DRF's own output (the reference the read plan is tested against)."""
        self._standard = True
        try:
            return dict(self.to_representation(instance))  # through subclasses' own post-processing
        finally:
            self._standard = False
