"""Protection of personal identifiers (ARCHITECTURE §10, docs/SECURITY.md): authenticated encryption with a key
ring (key id stored beside each value, so keys can rotate), a keyed HMAC digest of the normalised value (the dedup
key: equal values give equal digests without decrypting anything), and masking for display.

Keys come from settings: TMIS_ID_KEYS = "entry[,entry…]" (the first encrypts, all decrypt) and TMIS_ID_HMAC_KEY =
base64. Each entry names its key and the key's algorithm:
- `kid:base64key` or `kid:aes:base64key` — AES-GCM, a 128/192/256-bit key;
- `kid:sm4:base64key` — SM4 (GB/T 32907) in GCM mode (RFC 8998), a 128-bit key.
A key id belongs to one key and so to one algorithm: a stored value names its key, and through it its algorithm.
Both give the same stored form, nonce (12 bytes) + ciphertext + tag (16 bytes), through the `cryptography` package
(OpenSSL's AES and SM4). Without settings (development and tests) an AES key is generated once under var/.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
TAG_BYTES = 16
AES = "aes"
SM4 = "sm4"
KEY_SIZES = {AES: (16, 24, 32), SM4: (16,)}
KEY_ID_MAX = 20  # Teacher.id_key


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]
    hmac_key: bytes
    algorithms: dict[str, str]  # key id → AES or SM4


def _parse_keys(text: str) -> tuple[str, dict[str, bytes], dict[str, str]]:
    keys: dict[str, bytes] = {}
    algorithm_of: dict[str, str] = {}
    order: list[str] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        kid, _, rest = part.partition(":")
        algorithm, _, encoded = rest.rpartition(":")
        algorithm = algorithm.strip().lower() or AES
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError:
            key = b""
        if not kid or len(kid) > KEY_ID_MAX or kid in keys or algorithm not in KEY_SIZES:
            raise ImproperlyConfigured(
                f"TMIS_ID_KEYS: each entry is kid:[aes:|sm4:]base64key with a unique key id of at most {KEY_ID_MAX}"
                f" characters (entry {kid!r})"
            )
        if len(key) not in KEY_SIZES[algorithm]:
            bits = "/".join(str(n * 8) for n in KEY_SIZES[algorithm])
            raise ImproperlyConfigured(f"TMIS_ID_KEYS: key {kid!r} ({algorithm}) must be {bits} bits")
        keys[kid] = key
        algorithm_of[kid] = algorithm
        order.append(kid)
    if not keys:
        raise ImproperlyConfigured("TMIS_ID_KEYS has no key")
    return order[0], keys, algorithm_of


def _development_keys() -> tuple[str, str]:
    path = settings.VAR_DIR / "id_keys.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "keys": f"dev1:{base64.b64encode(secrets.token_bytes(32)).decode()}",
                    "hmac": base64.b64encode(secrets.token_bytes(32)).decode(),
                }
            )
        )
        os.chmod(path, 0o600)
    data = json.loads(path.read_text())
    return data["keys"], data["hmac"]


@lru_cache(maxsize=1)
def key_ring() -> KeyRing:
    keys_text = getattr(settings, "TMIS_ID_KEYS", "") or ""
    hmac_text = getattr(settings, "TMIS_ID_HMAC_KEY", "") or ""
    if not keys_text or not hmac_text:
        keys_text, hmac_text = _development_keys()
    current, keys, algorithm_of = _parse_keys(keys_text)
    return KeyRing(current=current, keys=keys, hmac_key=base64.b64decode(hmac_text), algorithms=algorithm_of)


class SM4GCM:
    """SM4 in GCM mode with AESGCM's interface: encrypt → ciphertext + 16-byte tag; decrypt raises InvalidTag when
    the value, its nonce or its associated data were changed."""

    def __init__(self, key: bytes) -> None:
        self._algorithm = algorithms.SM4(key)

    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        encryptor = Cipher(self._algorithm, modes.GCM(nonce)).encryptor()
        if associated_data:
            encryptor.authenticate_additional_data(associated_data)
        return encryptor.update(data) + encryptor.finalize() + encryptor.tag

    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes:
        decryptor = Cipher(self._algorithm, modes.GCM(nonce, data[-TAG_BYTES:])).decryptor()
        if associated_data:
            decryptor.authenticate_additional_data(associated_data)
        return decryptor.update(data[:-TAG_BYTES]) + decryptor.finalize()


@lru_cache(maxsize=16)
def _cipher(algorithm: str, key: bytes) -> AESGCM | SM4GCM:
    return SM4GCM(key) if algorithm == SM4 else AESGCM(key)


def _cipher_for(ring: KeyRing, key_id: str) -> AESGCM | SM4GCM:
    key = ring.keys.get(key_id)
    if key is None:
        raise ImproperlyConfigured(f"ID key {key_id!r} is not in TMIS_ID_KEYS (needed to decrypt)")
    return _cipher(ring.algorithms[key_id], key)


def encrypt(plaintext: str, *, context: bytes = b"") -> tuple[str, bytes]:
    """(key id, nonce + ciphertext + tag) under the current key. `context` binds the value to its use (associated
    data)."""
    ring = key_ring()
    nonce = secrets.token_bytes(NONCE_BYTES)
    return ring.current, nonce + _cipher_for(ring, ring.current).encrypt(nonce, plaintext.encode(), context)


def decrypt(key_id: str, token: bytes, *, context: bytes = b"") -> str:
    cipher = _cipher_for(key_ring(), key_id)
    return cipher.decrypt(token[:NONCE_BYTES], token[NONCE_BYTES:], context).decode()


def reencrypt(key_id: str, token: bytes, *, context: bytes = b"") -> tuple[str, bytes]:
    """The same value under the current key (key rotation); unchanged when already current."""
    if key_id == key_ring().current:
        return key_id, token
    return encrypt(decrypt(key_id, token, context=context), context=context)


def digest(normalised: str) -> str:
    """Keyed HMAC-SHA256 (hex) of an already normalised value."""
    return hmac.digest(key_ring().hmac_key, normalised.encode(), "sha256").hex()  # one-shot C path: 5x hmac.new


MASK_CHAR = "*"


def is_masked(value: str) -> bool:
    """Whether a document number is shown masked (`mask`): such a number read back (an export without full IDs)
    can never be stored."""
    return MASK_CHAR in value


def mask(value: str) -> str:
    """18-character numbers show the first 6 and last 4 characters (620102********003X); shorter documents
    (passports, permits) show 2 at each end (H1*******01) and up to 10 characters only 1 (E*******8): never
    more than half of a number is visible."""
    if len(value) >= 18:
        return value[:6] + MASK_CHAR * (len(value) - 10) + value[-4:]
    if len(value) > 10:
        return value[:2] + MASK_CHAR * (len(value) - 4) + value[-2:]
    if len(value) > 2:
        return value[0] + MASK_CHAR * (len(value) - 2) + value[-1]
    return MASK_CHAR * len(value)
