from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "tmis.exports"
    default_auto_field = "django.db.models.BigAutoField"
