"""Protection of personal identifiers (ARCHITECTURE §10): AES-GCM encryption with a key ring (key id stored beside
each value, so keys can rotate), a keyed HMAC digest of the normalised value (the dedup key: equal values give
equal digests without decrypting anything), and masking for display.

Keys come from settings: TMIS_ID_KEYS = "kid:base64key[,kid:base64key…]" (the first encrypts, all decrypt) and
TMIS_ID_HMAC_KEY = base64. Without them (development and tests) keys are generated once under var/.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]
    hmac_key: bytes


def _parse_keys(text: str) -> tuple[str, dict[str, bytes]]:
    keys: dict[str, bytes] = {}
    order: list[str] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        kid, _, encoded = part.partition(":")
        key = base64.b64decode(encoded)
        if not kid or len(key) not in (16, 24, 32):
            raise ImproperlyConfigured("TMIS_ID_KEYS: each entry is kid:base64 of a 128/192/256-bit key")
        keys[kid] = key
        order.append(kid)
    if not keys:
        raise ImproperlyConfigured("TMIS_ID_KEYS has no key")
    return order[0], keys


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
    current, keys = _parse_keys(keys_text)
    return KeyRing(current=current, keys=keys, hmac_key=base64.b64decode(hmac_text))


@lru_cache(maxsize=16)
def _cipher(key: bytes) -> AESGCM:
    return AESGCM(key)


def encrypt(plaintext: str, *, context: bytes = b"") -> tuple[str, bytes]:
    """(key id, nonce + ciphertext). `context` binds the value to its use (AES-GCM associated data)."""
    ring = key_ring()
    nonce = secrets.token_bytes(NONCE_BYTES)
    return ring.current, nonce + _cipher(ring.keys[ring.current]).encrypt(nonce, plaintext.encode(), context)


def decrypt(key_id: str, token: bytes, *, context: bytes = b"") -> str:
    key = key_ring().keys.get(key_id)
    if key is None:
        raise ImproperlyConfigured(f"ID key {key_id!r} is not in TMIS_ID_KEYS (needed to decrypt)")
    return _cipher(key).decrypt(token[:NONCE_BYTES], token[NONCE_BYTES:], context).decode()


def reencrypt(key_id: str, token: bytes, *, context: bytes = b"") -> tuple[str, bytes]:
    """The same value under the current key (key rotation); unchanged when already current."""
    if key_id == key_ring().current:
        return key_id, token
    return encrypt(decrypt(key_id, token, context=context), context=context)


def digest(normalised: str) -> str:
    """Keyed HMAC-SHA256 (hex) of an already normalised value."""
    return hmac.digest(key_ring().hmac_key, normalised.encode(), "sha256").hex()  # one-shot C path: 5x hmac.new


def mask(value: str) -> str:
    """18-character numbers show the first 6 and last 4 characters (620102********003X); shorter documents
    (passports, permits) show 2 at each end (H1*******01) and up to 10 characters only 1 (E*******8): never
    more than half of a number is visible."""
    if len(value) >= 18:
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    if len(value) > 10:
        return value[:2] + "*" * (len(value) - 4) + value[-2:]
    if len(value) > 2:
        return value[0] + "*" * (len(value) - 2) + value[-1]
    return "*" * len(value)
