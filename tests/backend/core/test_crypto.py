import base64

import pytest
from cryptography.exceptions import InvalidTag
from django.core.exceptions import ImproperlyConfigured

from tmis.core import crypto
from tmis.core.check_digits import iso7064_mod11_2

ID = "11010519491231002X"


@pytest.fixture
def two_keys(settings):
    old, new = base64.b64encode(b"o" * 32).decode(), base64.b64encode(b"n" * 32).decode()
    settings.TMIS_ID_HMAC_KEY = base64.b64encode(b"h" * 32).decode()
    settings.TMIS_ID_KEYS = f"k1:{old}"
    crypto.key_ring.cache_clear()

    def rotate():
        settings.TMIS_ID_KEYS = f"k2:{new},k1:{old}"
        crypto.key_ring.cache_clear()

    yield rotate
    crypto.key_ring.cache_clear()


def test_round_trip_with_a_fresh_nonce_each_time(two_keys):
    kid, token = crypto.encrypt(ID, context=b"teacher.id_number")
    kid2, token2 = crypto.encrypt(ID, context=b"teacher.id_number")
    assert kid == kid2 == "k1"
    assert token != token2  # random nonce: equal values do not look equal at rest
    assert ID.encode() not in token
    assert crypto.decrypt(kid, token, context=b"teacher.id_number") == ID


def test_the_context_binds_the_value(two_keys):
    kid, token = crypto.encrypt(ID, context=b"teacher.id_number")
    with pytest.raises(InvalidTag):
        crypto.decrypt(kid, token, context=b"other")


def test_rotation_keeps_old_values_readable_and_reencrypts(two_keys):
    kid, token = crypto.encrypt(ID)
    two_keys()  # k2 becomes current, k1 still decrypts
    assert crypto.decrypt(kid, token) == ID
    new_kid, new_token = crypto.reencrypt(kid, token)
    assert new_kid == "k2"
    assert crypto.decrypt(new_kid, new_token) == ID
    assert crypto.reencrypt(new_kid, new_token) == (new_kid, new_token)


def test_unknown_key_id_is_a_configuration_error(two_keys):
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt("gone", b"x" * 40)


def test_digest_is_keyed_and_stable(two_keys, settings):
    first = crypto.digest(ID)
    assert first == crypto.digest(ID)
    assert len(first) == 64
    settings.TMIS_ID_HMAC_KEY = base64.b64encode(b"z" * 32).decode()
    crypto.key_ring.cache_clear()
    assert crypto.digest(ID) != first  # without the key nobody can build the dedup index


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("E12345678", "E*******8"),
        ("H1234567801", "H1*******01"),
        ("ab", "**"),
    ],
)
def test_mask(value, masked):
    assert crypto.mask(value) == masked


def test_iso7064_matches_gb11643():
    assert iso7064_mod11_2("11010519491231002") == "X"
