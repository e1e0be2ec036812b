from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tmis.reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import audit_actions

        audit_actions.register()
