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


# SM4 (GB/T 32907-2016) and the key ring's choice of algorithm per key.

SM4_KEY = bytes.fromhex("0123456789abcdeffedcba9876543210")


def test_sm4_is_the_gbt_32907_block_cipher():
    """GB/T 32907-2016 appendix A: one block, and the same block encrypted 1,000,000 times."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    block = Cipher(algorithms.SM4(SM4_KEY), modes.ECB()).encryptor()
    assert block.update(SM4_KEY).hex() == "681edf34d206965e86b3e94f536e4246"
    value = SM4_KEY
    for _ in range(1_000_000):
        value = block.update(value)
    assert value.hex() == "595298c7c6fd271f0402f804c33d3f66"


def test_sm4_gcm_matches_the_rfc_8998_vector():
    """RFC 8998 appendix A.1 (SM4-GCM): what our SM4GCM produces, byte for byte, and what it opens."""
    nonce = bytes.fromhex("00001234567800000000ABCD")
    aad = bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    plaintext = bytes.fromhex(
        "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
        "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA"
    )
    expected = bytes.fromhex(
        "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
        "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
        "83DE3541E4C2B58177E065A9BF7B62EC"  # the tag
    )
    cipher = crypto.SM4GCM(SM4_KEY)
    assert cipher.encrypt(nonce, plaintext, aad) == expected
    assert cipher.decrypt(nonce, expected, aad) == plaintext
    with pytest.raises(InvalidTag):
        cipher.decrypt(nonce, expected[:-1] + bytes([expected[-1] ^ 1]), aad)


@pytest.fixture
def ring(settings):
    def use(keys: str) -> None:
        settings.TMIS_ID_KEYS = keys
        crypto.key_ring.cache_clear()

    settings.TMIS_ID_HMAC_KEY = base64.b64encode(b"h" * 32).decode()
    yield use
    crypto.key_ring.cache_clear()


def test_each_key_names_its_algorithm(ring):
    sm4, aes = base64.b64encode(SM4_KEY).decode(), base64.b64encode(b"a" * 32).decode()
    ring(f"s1:sm4:{sm4},a1:aes:{aes},a0:{aes}")
    assert crypto.key_ring().algorithms == {"s1": "sm4", "a1": "aes", "a0": "aes"}  # no name: AES-GCM
    kid, token = crypto.encrypt(ID, context=b"teacher.id_number")
    assert kid == "s1"
    assert len(token) == 12 + len(ID) + 16
    # SM4-GCM under the key, not AES: the raw SM4 cipher opens it.
    assert crypto.SM4GCM(SM4_KEY).decrypt(token[:12], token[12:], b"teacher.id_number").decode() == ID
    assert crypto.decrypt(kid, token, context=b"teacher.id_number") == ID
    with pytest.raises(InvalidTag):
        crypto.decrypt(kid, token, context=b"other")


@pytest.mark.parametrize(
    "entry",
    [
        f"k:sm4:{base64.b64encode(b'x' * 32).decode()}",  # SM4 keys are 128 bits
        f"k:des:{base64.b64encode(b'x' * 16).decode()}",  # unknown algorithm
        "k:sm4:not base64!",
        f"{'k' * 21}:{base64.b64encode(b'x' * 16).decode()}",  # longer than Teacher.id_key
        f"k:{base64.b64encode(b'x' * 16).decode()},k:sm4:{base64.b64encode(b'y' * 16).decode()}",  # id twice
    ],
)
def test_bad_key_entries_are_refused(ring, entry):
    ring(entry)
    with pytest.raises(ImproperlyConfigured):
        crypto.key_ring()
