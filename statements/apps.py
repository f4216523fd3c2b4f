from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Security Council statements"

    def ready(self):
        from . import checks, signals  # noqa: F401  (system checks; keeps the index in step with admin edits)
