from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "tmis.training"
    label = "training"
    verbose_name = "Training credits"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tmis.teachers.owned_groups import register_owned_group

        from . import audit_actions  # noqa: F401  (registers the audit labels)
        from .reviewing import register_handlers

        register_handlers()
        # 国内培训 is this app's: approved claims write it, nobody edits it on the archive.
        register_owned_group("training", _("File a training claim (学时申报): approved hours appear here."))
