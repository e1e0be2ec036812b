from django.apps import AppConfig
from django.urls import reverse


class ImportsConfig(AppConfig):
    name = "tmis.imports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tmis.core.job_kinds import JobKind, register_job_kind

        from .jobs import import_run
        from .models import ImportJob, ImportState

        def links(job_id: int, state: str) -> dict[str, str]:
            found = {"detail": reverse("import-detail", args=[job_id])}
            if state == ImportState.DONE:
                found["result"] = reverse("import-report", args=[job_id])
            return found

        register_job_kind(JobKind(key="import", model=ImportJob, task=import_run, links=links, label="导入"))
