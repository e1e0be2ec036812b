"""The BOLA matrix (issue 13): every operation of openapi/schema.yaml × every demo login × objects inside and outside
the login's scope.

- Outside its scope a login gets 404 or 403, and a write changes nothing (no row of any table but the audit trail is
  inserted, updated or deleted: PostgreSQL's per-transaction counters, pg_stat_xact_user_tables).
- Inside, no 5xx, and no 2xx body carries a name, code or login of another scope (world.py's markers).
- Collection writes that name an object in their body (a school, a parent, submission or notification ids) and lists
  filtered by an organisation are probed with one outside the scope: refused or empty, changing nothing.
An operation whose path parameters cannot be resolved (resolver.py) fails: a new endpoint cannot escape the matrix.
Every probe runs in a savepoint rolled back after it.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connection, transaction

from tests.factories.teachers import teacher_payload
from tmis.notifications.models import Notification
from tmis.orgs.models import Organisation
from tmis.reviews.models import Submission

from .conftest import report
from .resolver import Unresolved, resolve
from .world import Login, client, leaked

SCHEMA = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi/schema.yaml").read_text())
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [(m.upper(), p, op) for p, ops in SCHEMA["paths"].items() for m, op in ops.items() if m in METHODS]
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
#: Tables a refused request may write: the audit trail and login throttling (a refusal is itself recorded).
AUDIT_TABLES = ("audit_", "accounts_logindelay", "accounts_knownloginaddress", "token_blacklist_")
#: Query parameters that name an organisation.
ORG_QUERY = {"org", "school", "organisation"}
#: Collection writes that create something at the place their body names.
CREATES = {"/api/v1/teachers/", "/api/v1/orgs/", "/api/v1/users/", "/api/v1/imports/"}

STATS: Counter = Counter()
CLIENTS: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _summary(request) -> Iterator[None]:
    started = time.monotonic()
    yield
    logins = STATS.pop("logins", 0)
    report(
        request.config,
        f"BOLA matrix: {STATS['operations']} operations x {logins} logins, {STATS['probes']} probes "
        f"({STATS['outside']} outside the scope, {STATS['writes_outside']} of them writes); "
        f"leaks={STATS['leaks']} 5xx={STATS['5xx']} in {time.monotonic() - started:.0f} s",
    )


def _writes() -> Counter:
    """Rows inserted, updated or deleted so far in this transaction, per table (the audit trail left out)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return Counter({name: n for name, n in cursor.fetchall() if not name.startswith(AUDIT_TABLES)})


def _url(template: str, params: dict[str, Any]) -> str:
    for name, value in params.items():
        template = template.replace(f"{{{name}}}", str(value))
    return template


def _send(login: Login, method: str, url: str, *, body: Any = None, query: dict | None = None) -> tuple:
    """(response, tables written) of one request, in a savepoint rolled back afterwards."""
    api = CLIENTS.get(login.username) or CLIENTS.setdefault(login.username, client(login.user))
    with transaction.atomic():
        before = _writes()
        if method == "GET":
            response = api.get(url, query or {})
        elif isinstance(body, dict) and any(isinstance(v, io.IOBase) for v in body.values()):
            response = api.post(url, body, format="multipart")
        else:
            call = getattr(api, method.lower())
            response = call(url, {} if body is None else body, format="json", HTTP_IF_MATCH="*")
        changed = sorted(name for name, n in (_writes() - before).items() if n)
        transaction.set_rollback(True)
    return response, changed


def _outside_org(login: Login, *, school: bool) -> Organisation | None:
    """An organisation outside the login's scope and not above it: a school, or a region (either if none)."""
    up = set(login.scope.strip("/").split("/"))
    candidates = Organisation.objects.exclude(path__startswith=login.scope).exclude(code__in=up)
    preferred = candidates.filter(level="school") if school else candidates.exclude(level="school")
    return preferred.order_by("code").first() or candidates.order_by("code").first()


def _body_probes(method: str, path: str, login: Login) -> list[tuple[Any, dict | None]]:
    """(body, query) of the probes that name an object outside the scope in a collection operation."""
    org, region = _outside_org(login, school=True), _outside_org(login, school=False)
    code = org.code if org else None
    if method == "GET":
        names = {p["name"] for p in SCHEMA["paths"][path]["get"].get("parameters", []) if p["in"] == "query"}
        return [(None, {name: code}) for name in sorted(names & ORG_QUERY)] if code else []
    if path == "/api/v1/notifications/read/":
        theirs = Notification.objects.exclude(user=login.user).order_by("pk").first()
        return [({"ids": [theirs.pk]}, None)] if theirs else []
    if path == "/api/v1/reviews/bulk/":
        out = Submission.objects.exclude(org_path__startswith=login.scope).order_by("pk").first()
        return (
            [({"action": action, "ids": [out.pk], "reason": "越权"}, None) for action in ("approve", "return")]
            if out
            else []
        )
    if org is None or region is None:
        return []
    # Valid bodies but for the place they name, so that scope is the only reason to refuse them.
    school = {"level": "school", "school_type": "211", "sponsor": "11", "urban_rural": "111", "affiliation": "831"}
    bodies = {
        "/api/v1/teachers/": teacher_payload(org.code),
        "/api/v1/orgs/": {"parent": region.code, "code": f"21{region.code[:2]}999999", "name": "越权测试学校"} | school,
        "/api/v1/users/": {
            "username": "bola-intruder",
            "password": "Bola@20261x",
            "roles": ["filler"],
            "organisation": org.code,
        },
        "/api/v1/imports/": {"file": _csv(), "org": org.code, "dry_run": "false"},
    }
    return [(bodies[path], None)] if path in bodies else []


def _csv() -> io.BytesIO:
    upload = io.BytesIO("姓名\n张三\n".encode())
    upload.name = "bola.csv"
    return upload


@pytest.fixture(scope="module")
def logins(world: list[Login]) -> list[Login]:
    STATS["logins"] = len(world)
    return world


@pytest.mark.parametrize(
    ("method", "path"), [(m, p) for m, p, _ in OPERATIONS], ids=[f"{m} {p}" for m, p, _ in OPERATIONS]
)
def test_operation(db, logins: list[Login], method: str, path: str) -> None:
    STATS["operations"] += 1
    problems: list[str] = []

    def check(
        login: Login, url: str, response: Any, changed: list[str], *, outside: bool, body: Any = None, query: Any = None
    ) -> None:
        STATS["probes"] += 1
        STATS["outside"] += outside
        STATS["writes_outside"] += outside and method in WRITES
        where = f"{login.username}: {method} {url} {query or ''} {body if body is not None else ''}".rstrip()
        status = response.status_code
        if status >= 500:
            STATS["5xx"] += 1
            problems.append(f"{where} → {status}")
            return
        # An object named in the path: 404 or 403. One named in a body or a filter: refused, or (a list, a bulk
        # action, marking read) answered without it — either way nothing written and nothing of it shown.
        if outside and body is None and not query and status not in (403, 404):
            problems.append(f"{where} → {status}, expected 404 or 403 outside the scope")
        if outside and body is not None and path in CREATES and status < 400:
            problems.append(f"{where} → {status}: created outside the scope")
        if outside and changed:
            problems.append(f"{where} → {status} outside the scope, and wrote {changed}")
        if 200 <= status < 300 and response.get("Content-Type", "").startswith("application/json"):
            found = leaked(response.json(), login)
            if found:
                STATS["leaks"] += 1
                problems.append(f"{where} → {status} with another scope's data: {sorted(found)[:5]}")

    for login in logins:
        try:
            targets = resolve(path, login)
        except Unresolved as exc:
            pytest.fail(str(exc))
        if targets.inside is not None:
            url = _url(path, targets.inside)
            check(login, url, *_send(login, method, url), outside=False)
        for params in targets.outside:
            url = _url(path, params)
            check(login, url, *_send(login, method, url), outside=True)
        if "{" not in path:
            for body, query in _body_probes(method, path, login):
                response, changed = _send(login, method, path, body=body, query=query)
                check(login, path, response, changed, outside=True, body=body, query=query)
    assert not problems, "\n".join(problems)


def test_the_write_detector_sees_a_write_in_a_savepoint(db, logins: list[Login]) -> None:
    """The matrix's "changed nothing" rests on PostgreSQL's per-transaction counters: they must see a write."""
    with transaction.atomic():
        before = _writes()
        Notification.objects.create(user=logins[0].user, kind="matrix", message="write detector")
        Notification.objects.filter(user=logins[0].user, kind="matrix").update(read_at=None)
        assert (_writes() - before)[Notification._meta.db_table] >= 2
        transaction.set_rollback(True)
