"""ISO 7064 MOD 11-2: the check character of GB 11643 resident ID numbers and of national teacher numbers."""

from __future__ import annotations


def iso7064_mod11_2(digits: str) -> str:
    """Check character (0-9 or X) for a string of decimal digits, pure system MOD 11-2."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2 % 11
    check = (12 - total) % 11
    return "X" if check == 10 else str(check)
