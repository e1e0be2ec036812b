"""Coded cells to codes: what a clerk types in a coded column (the code, its name in Chinese or English, "01 汉族",
a code that lost its leading zeros, a synonym of the code table) resolved to the code; several codes in one cell;
an unknown value's message naming the closest names. Part of `normalise` (spreadsheet cells to catalogue values)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_noop

from tmis.core.messages import Message
from tmis.core.messages import names as both_languages

from .normalise import CellProblem, clean_text, quoted

_CODE_SEPARATORS = " -:.、_"  # between the code and the name in "01 汉族", "01-汉族", "01：汉族"
_LIST_SEPARATORS = re.compile(r"([、,，;；/／|｜\r\n]+)")


class CodeNames:
    """Resolves what a clerk types in a coded column to the code: the code, the Chinese or English name, or a
    synonym of the code table (`synonyms`: text -> code, data kept per table in the catalogue; a synonym of a code
    the field does not allow is ignored)."""

    def __init__(self, items: Iterable[tuple[str, str, str]], synonyms: Mapping[str, str] | None = None) -> None:
        self._codes: set[str] = set()
        self._folded: dict[str, set[str]] = {}  # code in any case -> codes
        self._names: dict[str, set[str]] = {}  # Chinese or English name in any case -> codes
        self._unpadded: dict[str, set[str]] = {}  # digit code without its leading zeros -> codes
        self._labels: dict[str, str] = {}  # Chinese name -> English name, in table order, for "did you mean"
        for code, name, name_en in items:
            self._codes.add(code)
            self._folded.setdefault(code.casefold(), set()).add(code)
            for label in (clean_text(name), clean_text(name_en)):
                if label:
                    self._names.setdefault(label.casefold(), set()).add(code)
            if clean_text(name):
                self._labels.setdefault(clean_text(name), clean_text(name_en) or clean_text(name))
            if code.isascii() and code.isdigit():
                self._unpadded.setdefault(code.lstrip("0"), set()).add(code)
        for text, code in (synonyms or {}).items():
            key = clean_text(text).casefold()
            if code in self._codes and key and key not in self._names:  # a real name always wins
                self._names[key] = {code}

    def __len__(self) -> int:
        return len(self._codes)

    def resolve(self, text: str) -> str:
        """The code for a code, a Chinese or English name, "01 汉族"-like combinations or a code that lost its
        leading zero."""
        text = clean_text(text)
        return _only(self.candidates(text), text, self)

    def closest(self, text: str, count: int = 3) -> list[dict[str, str]]:
        """The `count` names of the table closest to the text, in both languages (for the message of a value that
        matches nothing)."""
        found = difflib.get_close_matches(clean_text(text), list(self._labels), n=count, cutoff=0.4)
        return [both_languages(label, self._labels[label]) for label in found]

    def candidates(self, text: str) -> frozenset[str]:
        """Every code the cleaned text could mean (usually one; none when unknown, several when ambiguous)."""
        if text in self._codes:
            return frozenset({text})
        return frozenset(
            self._folded.get(text.casefold())
            or self._names.get(text.casefold())
            or self._code_and_name(text)
            or self._lost_zeros(text)
        )

    def _code(self, text: str) -> set[str]:
        if text in self._codes:
            return {text}
        return self._folded.get(text.casefold()) or self._lost_zeros(text)

    def _lost_zeros(self, text: str) -> set[str]:
        """A code typed as a number ("1" for "01"): the codes equal to the text padded with zeros."""
        if not (text.isascii() and text.isdigit()):
            return set()
        return {code for code in self._unpadded.get(text.lstrip("0"), ()) if len(code) > len(text)}

    def _code_and_name(self, text: str) -> set[str]:
        """ "01 汉族", "01-汉族", "01汉族", "01：汉族": a code prefix and a name that mean the same code."""
        for end in range(1, len(text)):
            if not text[end - 1].isascii():
                break
            code = self._code(text[:end].strip(_CODE_SEPARATORS))
            name = self._names.get(text[end:].strip(_CODE_SEPARATORS).casefold(), set())
            if len(code) == 1 and code <= name:
                return code
        return set()


def _only(codes: frozenset[str], text: str, names: CodeNames) -> str:
    if len(codes) == 1:
        return next(iter(codes))
    if codes:
        template = gettext_noop("%(value)s matches more than one entry; pick a value from the drop-down list.")
        raise CellProblem("unknown_code", Message(template, {"value": quoted(text)}))
    closest = names.closest(text)
    if closest:
        template = gettext_noop(
            "%(value)s is not a known value; pick a value from the drop-down list. Closest: %(names)s."
        )
        raise CellProblem("unknown_code", Message(template, {"value": quoted(text), "names": closest}))
    template = gettext_noop("%(value)s is not a known value; pick a value from the drop-down list.")
    raise CellProblem("unknown_code", Message(template, {"value": quoted(text)}))


def to_codes(text: str, names: CodeNames) -> list[str]:
    """A multi-valued coded cell: parts separated by 、 , ， ; ； / | or line breaks, each resolved, duplicates
    dropped (first kept). Pass the raw cell text: clean_text would join the lines. Separators that belong to a
    name (农、林、牧、渔业) are kept: at each part the longest run of parts that is one known value wins."""
    pieces = _LIST_SEPARATORS.split(text)
    parts, separators = pieces[0::2], pieces[1::2]
    codes: list[str] = []
    start = 0
    while start < len(parts):
        if not clean_text(parts[start]):
            start += 1
            continue
        end, found = _longest_value(parts, separators, start, names)
        code = _only(found, _joined(parts, separators, start, end), names)
        if code not in codes:
            codes.append(code)
        start = end + 1
    return codes


def _longest_value(parts: list[str], separators: list[str], start: int, names: CodeNames) -> tuple[int, frozenset[str]]:
    """The last part of the longest run from `start` that reads as a value, and what it reads as (nothing: the
    part at `start` alone)."""
    for end in range(len(parts) - 1, start - 1, -1):
        found = names.candidates(_joined(parts, separators, start, end))
        if found:
            return end, found
    return start, frozenset()


def _joined(parts: list[str], separators: list[str], start: int, end: int) -> str:
    text = parts[start] + "".join(separators[i] + parts[i + 1] for i in range(start, end))
    return clean_text(text)
