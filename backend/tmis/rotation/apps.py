from django.apps import AppConfig


class RotationConfig(AppConfig):
    name = "tmis.rotation"
    label = "rotation"
    verbose_name = "Exchange rotation"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tmis.teachers.owned_groups import register_owned_group

        from . import audit_actions  # noqa: F401  (registers the audit labels)
        from .reviewing import register_handlers

        register_handlers()
        # 交流轮岗 is this app's: an approved plan's assignments write it, nobody edits it on the archive.
        register_owned_group(
            "rotation", _("Rotations are planned by the county (交流轮岗): records appear as they start.")
        )
