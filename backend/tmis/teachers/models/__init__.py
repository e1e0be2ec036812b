"""The teacher electronic archive's models: the archive (`teacher`) and one model per many-valued group (`groups`),
which refer to the archive — one package, so neither module imports the other's package back."""

from .grants import ArchiveReadGrant
from .groups import GROUP_MODELS, GroupRecord
from .teacher import DeletedTeacher, RecordState, Teacher, TeacherQuerySet

__all__ = [
    "GROUP_MODELS",
    "ArchiveReadGrant",
    "DeletedTeacher",
    "GroupRecord",
    "RecordState",
    "Teacher",
    "TeacherQuerySet",
]
