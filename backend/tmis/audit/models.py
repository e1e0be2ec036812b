"""The audit trail (ARCHITECTURE §10, docs/SECURITY-audit.md): every security event — logins, role changes, full
views of personal data, exports, imports, review decisions, configuration changes — one append-only table.

A database trigger refuses every UPDATE and DELETE of a row, whoever runs it (the application, a console, a
migration). The one exception is the retention purge (`tmis.audit.services.audit_purge`): inside its transaction it
sets `tmis.audit_purge = on`, and then the trigger lets DELETE through for rows older than the retention
(never fewer than 180 days, whatever the session asks)."""

from __future__ import annotations

import pgtrigger
from django.db import models

#: The least retention GB/T 22239-2019 level 3 asks for (security audit records ≥ 6 months); the trigger enforces it.
MIN_RETENTION_DAYS = 180

APPEND_ONLY_SQL = f"""
    IF TG_OP = 'DELETE'
       AND current_setting('tmis.audit_purge', true) = 'on'
       AND OLD.at < now() - make_interval(days => GREATEST(
           {MIN_RETENTION_DAYS},
           COALESCE(NULLIF(current_setting('tmis.audit_retention_days', true), '')::int, {MIN_RETENTION_DAYS})))
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
"""


class AccessLog(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No database constraint and no cascade: deleting an account must not have to rewrite its audit rows (which the
    # trigger refuses); `username` keeps the name.
    user = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    username = models.CharField(max_length=64, help_text="Kept even if the account is deleted.")
    organisation_path = models.CharField(
        max_length=255,
        blank=True,
        default="",
        db_collation="C",
        help_text="The actor's organisation path when it acted: a provincial auditor reads its province's events.",
    )
    action = models.CharField(max_length=40, help_text="e.g. teacher.id_number.view, teachers.export")
    subject_type = models.CharField(max_length=40, blank=True, default="")
    subject_id = models.CharField(max_length=40, blank=True, default="")
    address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True, default="")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "at"], name="accesslog_subject_idx"),
            models.Index(fields=["username", "at"], name="accesslog_username_idx"),
            models.Index(fields=["action", "at"], name="accesslog_action_idx"),
            models.Index(fields=["request_id"], name="accesslog_request_idx"),
            models.Index(fields=["organisation_path", "id"], name="accesslog_scope_idx"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="append_only",
                when=pgtrigger.Before,
                operation=pgtrigger.Update | pgtrigger.Delete,
                func=APPEND_ONLY_SQL,
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.subject_type}:{self.subject_id}"
