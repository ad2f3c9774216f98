"""Read one YAML mapping field by field, recording each mistake with its line.

The loader never stops at the first mistake: every reader method records a
`DefinitionError` (file, line, reason) and returns a harmless default, so one
run reports everything wrong with a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from townhall.catalog.text import SOURCE_LANGUAGE, Text
from townhall.catalog.yaml_lines import LineDict, LineList

DEFAULT_LANGUAGES = ("en", "es", "fr")


@dataclass(frozen=True)
class DefinitionError:
    """A mistake in a definition: the file, the 1-based line, and the reason."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class DefinitionErrors(ValueError):
    """One or more definitions are wrong; `errors` lists every mistake found."""

    def __init__(self, errors: Collection[DefinitionError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class Report:
    """The mistakes found in one file so far."""

    path: str
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    errors: list[DefinitionError] = field(default_factory=list)

    def error(self, line: int, where: str, reason: str) -> None:
        self.errors.append(
            DefinitionError(self.path, line, f"{where}: {reason}" if where else reason)
        )


def _empty(line: int) -> LineDict:
    data = LineDict()
    data.line = line
    data.key_lines = {}
    return data


class Fields:
    """One mapping of a definition, read key by key."""

    def __init__(
        self, report: Report, data: object, where: str, line: int, allowed: Collection[str]
    ) -> None:
        self.report = report
        self.where = where
        if isinstance(data, LineDict):
            self.data = data
        else:
            report.error(line, where, f"expected keys and values, found {_kind(data)}")
            self.data = _empty(line)
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(key, list(allowed), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.error(key, f"unknown key {key!r}{hint}")

    def line(self, key: str | None = None) -> int:
        return self.data.line if key is None else self.data.line_of(key)

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def error(self, key: str | None, reason: str) -> None:
        self.report.error(self.line(key), self.where if key is None else self.at(key), reason)

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str) -> object:
        return self.data.get(key)

    def missing(self, key: str, required: bool) -> bool:
        if key in self.data and self.data[key] is not None:
            return False
        if required:
            self.error(None, f"{key!r} is required")
        return True

    def text(self, key: str, *, required: bool = True) -> Text | None:
        if self.missing(key, required):
            return None
        value = self.data[key]
        if isinstance(value, str):
            if not value.strip():
                self.error(key, "must not be empty")
            return Text(value.strip())
        if not isinstance(value, LineDict):
            self.error(key, f"expected text, found {_kind(value)}")
            return None
        for code, words in value.items():
            if not isinstance(words, str) or not words.strip():
                self.report.error(value.line_of(code), f"{self.at(key)}.{code}", "expected text")
            elif code not in self.report.languages:
                known = ", ".join(self.report.languages)
                reason = f"{code!r} is not one of the service's languages ({known})"
                self.report.error(value.line_of(code), f"{self.at(key)}.{code}", reason)
        for code in self.report.languages:
            if code not in value:
                self.error(key, f"missing the {code!r} translation")
        english = value.get(SOURCE_LANGUAGE)
        others = tuple(
            (code, words.strip())
            for code, words in value.items()
            if code != SOURCE_LANGUAGE and isinstance(words, str)
        )
        return Text(english.strip() if isinstance(english, str) else "", others)

    def string(
        self, key: str, *, required: bool = True, pattern: str | None = None, like: str = ""
    ) -> str | None:
        if self.missing(key, required):
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.error(key, f"expected text, found {_kind(value)}")
            return None
        if pattern is not None and not re.fullmatch(pattern, value):
            self.error(key, f"{value!r} is not in the right form{f', like {like}' if like else ''}")
            return None
        return value

    def integer(
        self,
        key: str,
        *,
        default: int | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        if self.missing(key, default is None):
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"expected a whole number, found {_kind(value)}")
            return default
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.error(key, f"must be from {minimum} to {maximum}, found {value}")
            return default
        return value

    def number(self, key: str) -> Decimal | None:
        if self.missing(key, False):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.error(key, f"expected a number, found {_kind(value)}")
            return None
        return Decimal(value)

    def boolean(self, key: str, default: bool) -> bool:
        if self.missing(key, False):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, found {_kind(value)}")
            return default
        return value

    def choice(self, key: str, allowed: Collection[str], default: str | None = None) -> str | None:
        if self.missing(key, default is None):
            return default
        value = self.data[key]
        if value not in allowed:
            close = difflib.get_close_matches(str(value), list(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.error(key, f"{value!r} is not one of {', '.join(allowed)}{hint}")
            return default
        return str(value)

    def items(self, key: str, *, required: bool = True) -> list[tuple[object, str, int]]:
        """Each item of a list: ``(item, where, line)``."""
        if self.missing(key, required):
            return []
        value = self.data[key]
        if not isinstance(value, LineList):
            self.error(key, f"expected a list, found {_kind(value)}")
            return []
        if required and not value:
            self.error(key, "must not be empty")
        return [(item, f"{self.at(key)}[{i}]", value.line_of(i)) for i, item in enumerate(value)]

    def fields(self, key: str, allowed: Collection[str], *, required: bool = True) -> Fields | None:
        if self.missing(key, required):
            return None
        return Fields(self.report, self.data[key], self.at(key), self.line(key), allowed)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return f"text {value[:30]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys and values"
    return type(value).__name__
