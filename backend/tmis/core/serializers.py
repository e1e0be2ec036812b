"""Serializer helpers shared by every app."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class TrimmableSerializer(serializers.ModelSerializer):
    """`?fields=a,b` keeps only the named fields; `?brief=1` keeps `Meta.brief_fields` (mobile clients).

    Only the top-level serializer of a response trims itself; nested serializers stay whole.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        # Nested serializers are built without context, so only the response's own serializer trims.
        if request is None or request.method != "GET":
            return
        wanted: set[str] | None = None
        if fields := request.query_params.get("fields"):
            wanted = {name.strip() for name in fields.split(",") if name.strip()}
        elif request.query_params.get("brief") in {"1", "true"}:
            wanted = set(getattr(self.Meta, "brief_fields", ()))
        if wanted:
            for name in list(self.fields):
                if name not in wanted:
                    self.fields.pop(name)
