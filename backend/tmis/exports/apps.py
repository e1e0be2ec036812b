from django.apps import AppConfig
from django.urls import reverse


class ExportsConfig(AppConfig):
    name = "tmis.exports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tmis.core.job_kinds import JobKind, register_job_kind

        from .jobs import export_run
        from .models import ExportJob, ExportState

        def links(job_id: int, state: str) -> dict[str, str]:
            found = {"detail": reverse("export-detail", args=[job_id])}
            if state == ExportState.DONE:
                found["download"] = reverse("export-download", args=[job_id])
            return found

        kind = JobKind(
            key="export",
            model=ExportJob,
            task=export_run,
            links=links,
            label="导出",
            extra_states=((ExportState.DOWNLOADED.value, ExportState.DOWNLOADED.label),),
        )
        register_job_kind(kind)
