"""Translatable text for the catalogue, without Django.

Two kinds of words reach residents from this package:

- words written in a service definition (titles, labels, guidance): a `Text`,
  English source plus any translations the YAML file gives;
- words written in this package's code (error messages, explanation lines):
  marked with `gettext_noop` so that Django's ``makemessages`` finds them. The
  Django layer translates them when it renders (``gettext(template.en)``).

Both are templates: ``{name}`` placeholders are filled from a params mapping by
`render`, after translation, so a translator can move them around. A
placeholder may name a dotted path (``{rates.per_m2}``) and a format:

``{x:money}``    1,234.50 (two decimals, half up, thousands separators)
``{x:percent}``  a fraction as a percentage: 0.155 -> 15.5%
``{x:number}``   1,234 or 1,234.5 (as precise as the value)
``{x:sentence}`` text with its first letter in capitals
``{x:lower}``    text with its first letter in lower case
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

SOURCE_LANGUAGE = "en"
FORMATS = frozenset({"money", "percent", "number", "sentence", "lower"})
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?::([a-z]+))?\}")
CENT = Decimal("0.01")


def gettext_noop(message: str) -> str:
    """Mark a string for translation without translating it here.

    Django's ``makemessages`` extracts calls to ``gettext_noop``; the Django
    layer translates the string when it renders it.
    """
    return message


@dataclass(frozen=True)
class Text:
    """Words in English with optional translations: ``(("es", "…"), ("fr", "…"))``."""

    en: str
    translations: tuple[tuple[str, str], ...] = ()

    def get(self, language: str) -> str:
        """The text in `language` (a code such as ``es``), else the English source."""
        for code, value in self.translations:
            if code == language:
                return value
        return self.en

    def languages(self) -> frozenset[str]:
        return frozenset({SOURCE_LANGUAGE, *(code for code, _ in self.translations)})

    def __str__(self) -> str:
        return self.en


TextRenderer = Callable[[Text], str]


def english(text: Text) -> str:
    return text.en


def render(
    template: Text | str, params: Mapping[str, object], *, text: TextRenderer = english
) -> str:
    """Fill a template's placeholders; `text` turns each `Text` into words.

    A placeholder whose value is absent is left as it is, so that a mistake
    shows on the page instead of raising in the middle of rendering.
    """
    words = text(template) if isinstance(template, Text) else template

    def fill(match: re.Match[str]) -> str:
        value = resolve(params, match.group(1))
        if value is _ABSENT:
            return match.group(0)
        return format_value(value, match.group(2), text=text)

    return PLACEHOLDER.sub(fill, words)


def placeholders(template: str) -> list[tuple[str, str | None]]:
    """The ``(path, format)`` of each placeholder in a template."""
    return [(m.group(1), m.group(2)) for m in PLACEHOLDER.finditer(template)]


class _Absent:
    pass


_ABSENT = _Absent()


def resolve(params: Mapping[str, object], path: str) -> object:
    value: object = params
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        else:
            return _ABSENT
    return value


def format_value(value: object, style: str | None = None, *, text: TextRenderer = english) -> str:
    if isinstance(value, Text):
        value = text(value)
    if style == "money" and _is_number(value):
        return format_money(_decimal(value))
    if style == "percent" and _is_number(value):
        return f"{_plain(_decimal(value) * 100)}%"
    if _is_number(value):
        return _plain(_decimal(value))
    if isinstance(value, date):
        return value.isoformat()
    words = "" if value is None else str(value)
    if style == "sentence" and words:
        return words[0].upper() + words[1:]
    if style == "lower" and words:
        return words[0].lower() + words[1:]
    return words


def format_money(amount: Decimal) -> str:
    """1234.5 -> "1,234.50"; money is shown to the cent, rounded half up."""
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,}"


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _decimal(value: object) -> Decimal:
    assert isinstance(value, int | Decimal)
    return Decimal(value)
