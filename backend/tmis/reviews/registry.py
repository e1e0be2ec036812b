"""How subjects plug into the review engine: each kind names a handler that mirrors the submission's state onto
its subject and applies an approved submission. Apps register their handlers in `AppConfig.ready()`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .models import Submission


class SubjectHandler(Protocol):
    def state_changed(self, submission: Submission) -> None:
        """After every step: submitted, moved up a level, returned, withdrawn, approved."""

    def apply(self, submission: Submission) -> None:
        """On the final approval, inside its transaction; raising AppError refuses the approval."""


_HANDLERS: dict[str, SubjectHandler] = {}


def register(kind: str, handler: SubjectHandler) -> None:
    _HANDLERS[kind] = handler


def handler_for(kind: str) -> SubjectHandler:
    return _HANDLERS[kind]
