"""The key-rotation drill (docs/SECURITY.md, "Rotating the ID keys"): ID numbers stored under an AES-GCM key, a new
SM4 key made primary, `rotate_id_keys` re-encrypts every row in batches (interrupted and resumed), every number
still decrypts to the same value, the dedup digests do not change, and the old key can then be removed."""

from __future__ import annotations

import base64
import io
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from tmis.accounts.models import User
from tmis.core import crypto
from tmis.teachers.demo.loader import load_demo_teachers
from tmis.teachers.models import Teacher
from tmis.teachers.writes import ID_CONTEXT

pytestmark = pytest.mark.django_db


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


@pytest.fixture
def ring(settings):
    def use(keys: str) -> None:
        settings.TMIS_ID_KEYS = keys
        crypto.key_ring.cache_clear()

    settings.TMIS_ID_HMAC_KEY = b64(secrets.token_bytes(32))
    yield use
    crypto.key_ring.cache_clear()


def snapshot() -> dict[int, tuple[str, bytes, str]]:
    return {t.pk: (t.id_key, bytes(t.id_cipher), t.id_digest) for t in Teacher.objects.order_by("pk")}


def rotate(**options: int) -> str:
    out = io.StringIO()
    call_command("rotate_id_keys", stdout=out, **options)
    return out.getvalue()


def test_aes_to_sm4_rotation_drill(ring, client_for):
    aes_entry = f"old-aes:aes:{b64(secrets.token_bytes(32))}"
    sm4_entry = f"new-sm4:sm4:{b64(secrets.token_bytes(16))}"
    ring(aes_entry)
    Teacher.objects.all().delete()
    assert load_demo_teachers(per_school=3) >= 20
    before = snapshot()
    assert {kid for kid, _, _ in before.values()} == {"old-aes"}
    numbers = {pk: crypto.decrypt(kid, token, context=ID_CONTEXT) for pk, (kid, token, _) in before.items()}

    ring(f"{sm4_entry},{aes_entry}")  # SM4 primary; the AES key still decrypts
    # Interrupted after two batches of 5: some rows are under the new key, the rest still read with the old one.
    assert "run again to finish" in rotate(batch=5, max_batches=2)
    middle = snapshot()
    assert sum(kid == "new-sm4" for kid, _, _ in middle.values()) == 10
    assert {pk: crypto.decrypt(kid, token, context=ID_CONTEXT) for pk, (kid, token, _) in middle.items()} == numbers
    assert "0 still under older keys" in rotate(batch=5)  # resumed to the end
    assert "re-encrypted 0 " in rotate(batch=5)  # nothing left: a further run changes nothing

    after = snapshot()
    assert {kid for kid, _, _ in after.values()} == {"new-sm4"}
    assert all(after[pk][1] != before[pk][1] for pk in before)
    assert {pk: digest for pk, (_, _, digest) in after.items()} == {
        pk: digest for pk, (_, _, digest) in before.items()
    }  # the dedup HMAC does not depend on the encryption key

    ring(sm4_entry)  # the old key removed
    assert {pk: crypto.decrypt(kid, token, context=ID_CONTEXT) for pk, (kid, token, _) in after.items()} == numbers
    # …and the API reads them, as the school's filler sees a full number.
    filler = User.objects.get(username="demo-school-a")
    some = Teacher.objects.filter(school=filler.organisation).order_by("pk").first()
    response = client_for(filler).get(f"/api/v1/teachers/{some.pk}/id-number/")
    assert response.status_code == 200
    assert response.json()["id_number"] == numbers[some.pk]
    # A stored value is really SM4-GCM: it opens with the raw SM4 cipher and not with AES.
    kid, token, _ = after[some.pk]
    key = crypto.key_ring().keys[kid]
    raw = crypto.SM4GCM(key).decrypt(token[:12], token[12:], ID_CONTEXT).decode()
    assert raw == numbers[some.pk]


def test_a_value_under_a_removed_key_is_a_configuration_error(ring):
    aes_entry = f"gone:{b64(secrets.token_bytes(32))}"
    ring(aes_entry)
    kid, token = crypto.encrypt("11010519491231002X", context=ID_CONTEXT)
    ring(f"k2:sm4:{b64(secrets.token_bytes(16))}")
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(kid, token, context=ID_CONTEXT)
