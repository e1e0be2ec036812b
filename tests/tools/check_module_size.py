"""No hand-written module over 400 lines (`make lint`): Python under backend/tmis and tests, TypeScript under
frontend/src and tests/e2e. Generated code, migrations, locale files and data files are not counted.

    .venv/bin/python tests/tools/check_module_size.py        # exit 1 and one line per file over the limit
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

LIMIT = 400
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "tests/tools/check_module_size.py"

# (directory, suffixes) that hold hand-written modules.
SOURCES = [
    ("backend/tmis", (".py",)),
    ("tests", (".py", ".ts")),
    ("frontend/src", (".ts", ".tsx")),
]
# Not hand-written or not code: path parts and path prefixes that are skipped.
SKIPPED_PARTS = {"migrations", "node_modules", "__pycache__", "data", "test-results", "playwright-report"}
SKIPPED_PREFIXES = ("frontend/src/api/generated/", "frontend/src/locales/")

# Files allowed over the limit, each with the length it may not exceed. Empty: split a module rather than list it.
KNOWN_OVER_LIMIT: dict[str, int] = {}


def modules() -> Iterator[Path]:
    for directory, suffixes in SOURCES:
        for path in sorted((ROOT / directory).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if (
                path.is_file()
                and path.suffix in suffixes
                and not path.name.endswith(".d.ts")
                and not SKIPPED_PARTS & set(path.relative_to(ROOT).parts)
                and not relative.startswith(SKIPPED_PREFIXES)
            ):
                yield path


def line_count(path: Path) -> int:
    with path.open("rb") as file:
        return sum(1 for _line in file)


def problems() -> list[str]:
    found = []
    for path in modules():
        relative = path.relative_to(ROOT).as_posix()
        lines = line_count(path)
        allowed = KNOWN_OVER_LIMIT.get(relative)
        if allowed is None and lines > LIMIT:
            found.append(f"{relative}: {lines} lines, over the limit of {LIMIT}: split it into modules by job")
        elif allowed is not None and lines > allowed:
            found.append(
                f"{relative}: {lines} lines, more than the {allowed} it may keep until it is split "
                f"(KNOWN_OVER_LIMIT in {SCRIPT})"
            )
        elif allowed is not None and lines <= LIMIT:
            found.append(f"{relative}: {lines} lines, within the limit now: remove it from KNOWN_OVER_LIMIT")
    for relative in KNOWN_OVER_LIMIT:
        if not (ROOT / relative).is_file():
            found.append(f"{relative}: in KNOWN_OVER_LIMIT but no longer there: remove it from the list")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
