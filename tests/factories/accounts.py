from __future__ import annotations

import factory
from django.contrib.auth.hashers import make_password

from tmis.accounts.models import User
from tmis.orgs.models import Organisation

PASSWORD = "Test@2026pw"
_HASH = make_password(PASSWORD)  # hashed once: Argon2 is deliberately slow


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="620102"))
    roles = factory.LazyFunction(lambda: ["filler"])
    password = _HASH
