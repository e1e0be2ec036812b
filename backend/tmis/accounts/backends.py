from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class TmisModelBackend(ModelBackend):
    """Username/password against our user model; demo accounts only while DEBUG or TMIS_DEMO is on."""

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not (settings.DEBUG or settings.TMIS_DEMO):
            return False
        return super().user_can_authenticate(user)
