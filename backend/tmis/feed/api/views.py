"""`GET /api/v1/changes-feed/`: the caller's changes since a cursor (tmis.feed.selectors)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tmis.core.errors import field_error
from tmis.core.permissions import HasCapability

from ..models import EventType, Op
from ..selectors import DEFAULT_PAGE, MAX_PAGE, Cursor, feed_page, latest_cursor, readable_types

Event = inline_serializer(
    "FeedEvent",
    {
        "cursor": serializers.CharField(help_text="This event's position: resume after it with `?after=`."),
        "type": serializers.ChoiceField(choices=EventType.choices),
        "op": serializers.ChoiceField(
            choices=[c for c in Op.choices if c[0] != Op.MOVE],
            help_text="`create`, `update` (with `fields`), `state` (the record state moved: `state`) or `delete` (a "
            "tombstone). An archive moved into the caller's scope is a `create` (`reason` `moved_in`), out of it a "
            "`delete` (`moved_out`).",
        ),
        "reason": serializers.CharField(help_text="`moved_in`, `moved_out`, `moved` or empty."),
        "id": serializers.IntegerField(help_text="The object's id (a teacher's, a group record's, …)."),
        "teacher_id": serializers.IntegerField(allow_null=True, help_text="The archive a group record belongs to."),
        "group": serializers.CharField(allow_null=True, help_text="A group record's group key (`study`, `work`, …)."),
        "fields": serializers.ListField(child=serializers.CharField(), help_text="The fields an update changed."),
        "state": serializers.CharField(allow_null=True, help_text="The state after the change (archives, reviews)."),
        "at": serializers.DateTimeField(),
    },
)


class ChangesFeedApi(APIView):
    """Every create, update, state change and deletion in the caller's scope since a cursor, oldest first.

    Start with `after=0` (everything there is: a replay rebuilds the caller's view) or `after=latest` (from now on);
    then send each answer's `next` until `has_more` is false, and poll again later with the last `next`. A cursor
    never skips an event: the feed serves only finished transactions, in transaction order. The events say *what*
    changed; read the object for its current data (`GET /teachers/{id}/`, …)."""

    permission_classes = [HasCapability]

    @extend_schema(
        operation_id="changes_feed",
        parameters=[
            OpenApiParameter("after", str, description="A cursor (`next` of the previous page), `0` or `latest`."),
            OpenApiParameter(
                "types",
                str,
                description="Comma-separated: `teacher`, `group_record`, `organisation`, `review` (default: every "
                "type the caller's roles may read).",
            ),
            OpenApiParameter("page_size", int, description=f"Events a page (1–{MAX_PAGE}, default {DEFAULT_PAGE})."),
        ],
        responses=inline_serializer(
            "FeedPage",
            {
                "results": serializers.ListField(child=Event),
                "next": serializers.CharField(help_text="The cursor to send as `after` next."),
                "has_more": serializers.BooleanField(help_text="More events wait: ask again at once."),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        raw_after = params.get("after")
        after = latest_cursor() if raw_after == "latest" else Cursor.parse(raw_after)
        wanted = [t.strip() for t in params.get("types", "").split(",") if t.strip()]
        types = readable_types(user=request.user, wanted=wanted)
        raw_size = params.get("page_size") or str(DEFAULT_PAGE)
        size = int(raw_size) if raw_size.isascii() and raw_size.isdigit() and len(raw_size) < 7 else 0
        if not 1 <= size <= MAX_PAGE:
            raise field_error(
                "page_size",
                "invalid_page_size",
                _("Give the rows a page as a whole number from 1 to %(max)d.") % {"max": MAX_PAGE},
            )
        page = feed_page(user=request.user, after=after, types=types, limit=size) if types else None
        if page is None:
            return Response({"results": [], "next": str(after), "has_more": False})
        return Response({"results": page.events, "next": str(page.next), "has_more": page.has_more})
