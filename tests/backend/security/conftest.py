"""One world for the BOLA matrix and the fuzz: the demo data (tests/backend/security/world.py) loaded once for this
package inside a transaction that is rolled back at its end, so the test database's other tests never see it and the
demo database of `make run` is never touched. Every test here runs in a savepoint of that transaction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from .world import Login, build, logins


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[list[Login]]:
    files = tmp_path_factory.getbasetemp() / "files"  # where tests/conftest.py puts every test's files
    with django_db_blocker.unblock(), override_settings(TMIS_JOBS_INLINE=True, TMIS_FILES_DIR=files):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build()
            yield logins()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def report(config: pytest.Config, line: str) -> None:
    """One line on the terminal, also under -q and with output captured."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(line)
