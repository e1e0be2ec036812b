"""Fixtures of the teacher tests: the demo school fillers and a school in another province."""

from __future__ import annotations

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.orgs import SchoolFactory
from tmis.orgs.models import Organisation


@pytest.fixture
def filler_a(client_for):
    return client_for("demo-school-a")


@pytest.fixture
def filler_b(client_for):
    return client_for("demo-school-b")


@pytest.fixture
def beijing(client_for):
    """A school in another province (北京市东城区 110101) and a filler there."""
    school = SchoolFactory(parent=Organisation.objects.get(code="110101"))
    return school, client_for(UserFactory(organisation=school, roles=["filler"]))
