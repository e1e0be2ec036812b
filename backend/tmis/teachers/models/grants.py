"""Read access to an archive outside the reader's subtree, for a period a business module grants it (a teacher on
rotation at another school: the receiving school reads the archive while the rotation runs). A grant exists only
while it is in force — the module deletes it when the period ends — and never allows a write: writes go through
`Teacher.objects.visible_to`, which grants do not widen."""

from __future__ import annotations

from django.db import models


class ArchiveReadGrant(models.Model):
    teacher = models.ForeignKey("teachers.Teacher", on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(
        max_length=255, db_collation="C", help_text="The organisation that may read (and the levels above it)."
    )
    source = models.CharField(max_length=30, help_text="The granting module's subject type, e.g. rotation_assignment.")
    source_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id", "org_path"], name="one_grant_per_source")]
        indexes = [models.Index(fields=["org_path", "teacher"], name="grant_reader_idx")]

    def __str__(self) -> str:
        return f"{self.org_path} reads teacher {self.teacher_id} ({self.source} {self.source_id})"
