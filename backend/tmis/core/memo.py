"""Results remembered per distinct value, while remembering pays: the import reads a column's cells and the catalogue
validator checks a field's values this way (a column of 100,000 cells holds a few dozen genders, a few thousand
dates — and 100,000 names, for which remembering would only cost)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

TRIAL = 4096  # distinct values remembered before checking that remembering pays
LIMIT = 100_000  # never more than this many (a long-lived validator in a web process)


def _key(value: Any) -> Any:
    """1, 1.0 and True are equal dict keys: the type keeps them apart; lists become tuples."""
    if type(value) is str:
        return value
    return type(value), tuple(value) if isinstance(value, list) else value


class DistinctMemo(Generic[T]):
    """`compute(value)` remembered per distinct value. After TRIAL distinct values with fewer than one hit in eight,
    it stops remembering (nearly every value differs); past LIMIT it keeps what it has. Results are shared between
    callers: never change them."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self._compute = compute
        self._memo: dict[Any, T] | None = {}
        self._hits = 0

    def __call__(self, value: Any) -> T:
        memo = self._memo
        if memo is None:
            return self._compute(value)
        try:
            key = _key(value)
            found = memo.get(key, _MISSING)
        except TypeError:  # unhashable (a JSON object where a value belongs): computed, not remembered
            return self._compute(value)
        if found is not _MISSING:
            self._hits += 1
            return found  # type: ignore[return-value]
        found = self._compute(value)
        size = len(memo)
        if size < LIMIT:
            memo[key] = found
        if size + 1 == TRIAL and self._hits < TRIAL // 8:
            self._memo = None
        return found


_MISSING = object()
