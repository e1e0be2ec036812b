"""The access log (ARCHITECTURE §10): every full view of personal data and every export, append-only."""

from __future__ import annotations

from django.db import models


class AccessLog(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=64, help_text="Kept even if the account is deleted.")
    action = models.CharField(max_length=40, help_text="e.g. teacher.id_number.view, teachers.export")
    subject_type = models.CharField(max_length=40, blank=True, default="")
    subject_id = models.CharField(max_length=40, blank=True, default="")
    address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True, default="")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"], name="accesslog_subject_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.subject_type}:{self.subject_id}"
