from __future__ import annotations

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.orgs import SchoolFactory
from tmis.orgs.models import Organisation


@pytest.fixture
def university(db):
    """A 部属高校: a university directly under the Ministry, with an administrator."""
    school = SchoolFactory(
        parent=Organisation.objects.get(code="000000"),
        code="4100000001",
        school_type="411",
        name="部属测试大学",
        province_code="",
    )
    admin = UserFactory(organisation=school, roles=["admin"], username="univ-admin")
    return school, admin
