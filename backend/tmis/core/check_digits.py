"""Check characters: ISO 7064 MOD 11-2 (GB 11643 resident IDs, the 2023 permanent residence card, national teacher
numbers) and the Hong Kong identity card's MOD 11."""

from __future__ import annotations

from operator import mul

_WEIGHTS_17 = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def iso7064_mod11_2(digits: str) -> str:
    """Check character (0-9 or X) for a string of decimal digits, pure system MOD 11-2."""
    if len(digits) == 17:  # the common case (GB 11643): fixed weights 2^(17-i) mod 11, one C-level sum
        total = sum(map(mul, map(int, digits), _WEIGHTS_17)) % 11
        check = (12 - total) % 11
        return "X" if check == 10 else str(check)
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2 % 11
    check = (12 - total) % 11
    return "X" if check == 10 else str(check)


def hkid_check(prefix: str, digits: str) -> str:
    """Hong Kong identity card check character for 1–2 letters + 6 digits: weights 9…2 over a space-padded
    two-letter prefix (space 36, A–Z 10–35), then 11 − sum mod 11; 10 is A and 11 is 0."""
    letters = prefix.rjust(2)
    total = sum(
        (36 if char == " " else ord(char) - 55) * weight for char, weight in zip(letters, (9, 8), strict=True)
    ) + sum(int(digit) * weight for digit, weight in zip(digits, range(7, 1, -1), strict=True))
    check = 11 - total % 11
    return {10: "A", 11: "0"}.get(check, str(check))
