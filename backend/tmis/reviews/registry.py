"""How subjects plug into the review engine (ARCHITECTURE §7): each app registers its subject kinds from its
`AppConfig.ready()` — a key, a label, the handler that knows the subject, and the chain a province starts from and
may change. The engine (services, selectors, API) reads kinds only through this module and knows no subject app.

A two-sided chain (transfers: the receiving school's levels, then the sending school's) is a submission with a
second origin (`services.submit(second_school=…)`): each side climbs its own province's chain of the kind, and when
the two origins lie in different provinces each side adds the kind's `cross_province_levels`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise

if TYPE_CHECKING:
    from tmis.orgs.models import Organisation

    from .models import Submission

#: Levels in the order a submission climbs them.
LEVEL_ORDER: tuple[str, ...] = ("school", "county", "city", "province")


class SubjectHandler(Protocol):
    """What the engine asks of a subject. Every method gets the submission or the subject's id; none may assume
    which other kinds exist."""

    def label(self, subject_id: int) -> str:
        """What queues and notifications call the subject (e.g. the teacher's name)."""

    def origin(self, subject_id: int) -> Organisation:
        """The organisation the chain climbs from (its school); its path is the item's scope."""

    def may_submit(self, actor: Any, subject_id: int) -> bool:
        """Whether the actor may submit this subject (scope, the subject's own state rules are the app's)."""

    def describe(self, submission: Submission) -> dict[str, Any] | None:
        """The change for the queue and the timeline (the API's `diff`), or None when the whole subject is
        reviewed."""

    def state_changed(self, submission: Submission) -> None:
        """After every step: submitted, moved up a level, returned, withdrawn, approved. Return and withdrawal
        undo what submitting did to the subject."""

    def apply(self, submission: Submission) -> None:
        """On the final approval, inside its transaction; raising AppError refuses the approval."""


@dataclass(frozen=True)
class SubjectKind:
    """One kind of review subject.

    `required_levels` are the national levels a province cannot drop, `allowed_levels` those it may choose from.
    A derived kind (`derived_from`) is not configured: its chain is the base kind's chain plus `extra_levels`
    (key information = the teacher-information chain + the province).
    """

    key: str
    label: str | Promise
    subject_type: str
    handler: SubjectHandler
    default_levels: tuple[str, ...] = ()
    required_levels: tuple[str, ...] = ()
    allowed_levels: tuple[str, ...] = LEVEL_ORDER
    derived_from: str | None = None
    extra_levels: tuple[str, ...] = ()
    #: Two-sided chains across provinces: the levels each side adds (transfers: the province).
    cross_province_levels: tuple[str, ...] = ()
    view_capability: str = "reviews.view"
    submit_capability: str = "reviews.submit"
    decide_capability: str = "reviews.decide"

    def __post_init__(self) -> None:
        for levels in (
            self.default_levels,
            self.required_levels,
            self.allowed_levels,
            self.extra_levels,
            self.cross_province_levels,
        ):
            if any(level not in LEVEL_ORDER for level in levels):
                raise ValueError(f"{self.key}: unknown level in {levels}")
        if self.derived_from is None and not set(self.required_levels) <= set(self.default_levels):
            raise ValueError(f"{self.key}: the default chain must hold the required levels")
        if not set(self.default_levels) <= set(self.allowed_levels):
            raise ValueError(f"{self.key}: the default chain must use allowed levels only")

    @property
    def editable(self) -> bool:
        return self.derived_from is None


#: Providers of figures that other apps add to the review progress report (`GET /reviews/progress/`), e.g. the
#: teachers' record-state counts: name → function(path) → {key: count}.
ProgressProvider = Callable[[str], dict[str, int]]


#: Subjects whose reviews belong on another subject's history — a teacher's changes on the archive's timeline:
#: function(parent subject id) → the related subjects' ids.
RelatedSubjects = Callable[[int], list[int]]


@dataclass
class _Registry:
    kinds: dict[str, SubjectKind] = field(default_factory=dict)
    progress: dict[str, ProgressProvider] = field(default_factory=dict)
    related: dict[str, dict[str, RelatedSubjects]] = field(default_factory=dict)


_REGISTRY = _Registry()


def register(kind: SubjectKind) -> SubjectKind:
    """Register a kind (again: replace it). A derived kind's base must be registered first."""
    if kind.derived_from is not None and kind.derived_from not in _REGISTRY.kinds:
        raise ValueError(f"{kind.key}: register {kind.derived_from} first")
    _REGISTRY.kinds[kind.key] = kind
    return kind


def register_related(*, parent_type: str, subject_type: str, subjects: RelatedSubjects) -> None:
    """Reviews of `subject_type` whose subjects `subjects(parent id)` names belong on that parent's history."""
    _REGISTRY.related.setdefault(parent_type, {})[subject_type] = subjects


def related_subjects(parent_type: str, parent_id: int) -> dict[str, list[int]]:
    """subject type → ids of the subjects related to one parent (one call per registered type)."""
    return {kind: subjects(parent_id) for kind, subjects in _REGISTRY.related.get(parent_type, {}).items()}


def unregister(key: str) -> None:
    _REGISTRY.kinds.pop(key, None)


def get_kind(key: str) -> SubjectKind:
    """The registered kind; KeyError for an unknown key."""
    return _REGISTRY.kinds[key]


def kinds() -> list[SubjectKind]:
    """Every registered kind, in registration order."""
    return list(_REGISTRY.kinds.values())


def kind_keys() -> list[str]:
    return list(_REGISTRY.kinds)


def kind_choices() -> list[tuple[str, str | Promise]]:
    """(key, label) pairs for serializers and filters; evaluated when the schema or a request needs them."""
    return [(kind.key, kind.label) for kind in _REGISTRY.kinds.values()]


class RegisteredKinds(BaseChoiceIterator):
    """The registered kinds as (key, label) choices, read each time they are iterated: model-free choices for
    serializer fields, filters and the OpenAPI enum, current even for a kind registered after import."""

    def __iter__(self) -> Any:
        return iter(kind_choices())


KIND_CHOICES = RegisteredKinds()


def handler_for(key: str) -> SubjectHandler:
    return _REGISTRY.kinds[key].handler


def register_progress(name: str, provider: ProgressProvider) -> None:
    """Figures for the progress report, under `name` (today: `states`, the teachers' record states)."""
    _REGISTRY.progress[name] = provider


def progress_for(name: str, path: str) -> dict[str, int]:
    provider = _REGISTRY.progress.get(name)
    return provider(path) if provider else {}
