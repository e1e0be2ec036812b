"""The audit events of imports (docs/SECURITY-audit.md): `import.start` is recorded by `services.import_start`, and
`import.finish` here when the job has ended, with its file name and row counts."""

from __future__ import annotations

from tmis.audit.models import AccessLog
from tmis.audit.services import audit_record
from tmis.core.models import ACTIVE_STATES

from .models import ImportJob


def import_audit_finish(*, job_id: int) -> None:
    """The audit event of an import that has ended (once, however often its task ran)."""
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or job.state in ACTIVE_STATES:
        return
    if AccessLog.objects.filter(action="import.finish", subject_type="import", subject_id=str(job.pk)).exists():
        return
    audit_record(
        action="import.finish",
        actor=job.owner,
        subject_type="import",
        subject_id=job.pk,
        detail={
            "file_name": job.file_name,
            "state": job.state,
            "dry_run": job.dry_run,
            "rows": job.progress_total or 0,
            "rows_valid": job.rows_valid,
            "rows_written": job.rows_written,
            "rows_updated": job.rows_updated,
            "rows_failed": job.rows_failed,
            "error_code": job.error_code,
        },
    )
