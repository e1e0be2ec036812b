from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tmis.audit"
    label = "audit"
    verbose_name = "Audit"
