from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tmis.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import audit_actions, schema  # noqa: F401  (schema registers the OpenAPI auth extension)

        audit_actions.register()
