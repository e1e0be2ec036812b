"""`GET /api/v1/home/todos/`: the caller's to-dos on the home page, for their scope."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..selectors import home_todos
from .serializers import HomeTodosSerializer


class HomeTodosApi(APIView):
    """Returned items with their reasons, drafts, items waiting for others (and whom), failed imports, and for a
    reviewer the queue's age profile. Sections the caller's roles do not reach are null."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="home_todos", responses=HomeTodosSerializer)
    def get(self, request: Request) -> Response:
        todos = home_todos(user=request.user)
        context = {"request": request, "overdue_days": todos["overdue_days"]}
        return Response(HomeTodosSerializer(todos, context=context).data)
