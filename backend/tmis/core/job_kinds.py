"""The registry of job kinds: each app that runs background jobs registers its kind from its AppConfig.ready()
(as review subjects do), and the `/jobs/` list, the cancel action and the worker's stall check serve every
registered kind without knowing any of them.

    register_job_kind(JobKind(key="import", model=ImportJob, task=import_run, links=import_links))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tmis.core.models import Job

#: The links of one row of the `/jobs/` list: {"detail": url, "result"?: url, "download"?: url}, from the row's
#: columns (id, state) alone — no query.
Links = Callable[[int, str], dict[str, str]]


@dataclass(frozen=True)
class JobKind:
    key: str  # "import", "export" — in URLs and in the `/jobs/` list
    model: type[Job]
    task: Any  # the procrastinate task that runs one job of the kind; it takes `job_id`
    links: Links
    label: str = ""  # what a person calls the kind (Chinese; the SPA has its own strings)
    extra_states: tuple[tuple[str, str], ...] = field(default=())  # states beyond JobState (exports: downloaded)

    @property
    def task_name(self) -> str:
        return str(self.task.name)


_KINDS: dict[str, JobKind] = {}


def register_job_kind(kind: JobKind) -> None:
    known = _KINDS.get(kind.key)
    if known is not None and known.model is not kind.model:
        raise ValueError(f"job kind {kind.key!r} is registered for {known.model.__name__} already")
    _KINDS[kind.key] = kind


def job_kinds() -> Mapping[str, JobKind]:
    return dict(sorted(_KINDS.items()))


def job_kind(key: str) -> JobKind | None:
    return _KINDS.get(key)


def job_kind_of(model: type[Job]) -> JobKind:
    for kind in _KINDS.values():
        if kind.model is model:
            return kind
    raise LookupError(f"{model.__name__} is not a registered job kind")
