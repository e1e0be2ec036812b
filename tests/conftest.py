"""Shared fixtures: the demo data once per session, API clients logged in as any user."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from tmis.accounts.models import User
from tmis.accounts.tokens import tokens_for
from tmis.orgs.models import Organisation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The divisions come with the migrations; the demo schools and logins are loaded once. Transactional tests
    (run last) end with a flush: the reference data is put back afterwards, so `--reuse-db` finds it next time."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        if not Organisation.objects.exists() and getattr(connection, "_test_serialized_contents", None):
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        if not Organisation.objects.filter(level="school").exists():
            call_command("load_demo", verbosity=0)


@pytest.fixture
def demo_logins(transactional_db):
    """For transactional tests: the demo schools and logins. An earlier transactional test ends with a flush, and
    serialized_rollback brings back only what the migrations made (divisions, catalogue)."""
    call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # login throttling counts live in the cache
    yield


@pytest.fixture(autouse=True)
def _jobs_inline_and_files(settings, tmp_path_factory):
    """Background jobs run at once, inside the test's transaction; files go to a temporary directory.
    (tests/backend/imports/test_worker.py runs a real worker.)"""
    settings.TMIS_JOBS_INLINE = True
    settings.TMIS_FILES_DIR = tmp_path_factory.getbasetemp() / "files"
    yield


@pytest.fixture
def school_b_unattended(db):
    """建兰路小学 (demo-school-b's school) with its reviewer deactivated: nobody at the school can decide, so its
    step is 无人审核 for 七里河区 and the levels above (tmis.reviews.attendance)."""
    User.objects.filter(username="demo-school-b-reviewer").update(is_active=False)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(db) -> Callable[[User | str], APIClient]:
    """An APIClient carrying a fresh access token for a user (or a username)."""

    def make(user: User | str) -> APIClient:
        if isinstance(user, str):
            user = User.objects.get(username=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user).access_token}")  # as a login issues them
        return client

    return make
