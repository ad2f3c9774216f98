"""Words from service definitions and the catalogue, in the visitor's language.

A definition's text carries its own translations when its YAML gives them;
otherwise it is plain English that Django's catalogues translate. Messages
from the catalogue (errors, explanation lines) are templates translated first
and filled after, so a translator can move the values around.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from townhall.catalog.definition import Message, Text
from townhall.catalog.markdown import words


def recipient_language(user: object) -> str:
    """The language a person reads their messages in."""
    from django.conf import settings

    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def tr(text: Text | str | None) -> str:
    """A definition's or the catalogue's words in the active language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return gettext(text) if text else ""
    return words(text)


def message_text(message: Message | str) -> str:
    """An error message in the active language, its values filled in."""
    if isinstance(message, Message):
        return message.render(text=tr)
    return tr(message)


def money(amount: Decimal | int | str, currency: str = "USD") -> str:
    """1234.5 -> "$1,234.50" (money to the cent, rounded half up, as the rules round it)."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    symbol = CURRENCY_SYMBOLS.get(currency)
    sign = "-" if value < 0 else ""
    figures = f"{abs(value):,}"
    return f"{sign}{symbol}{figures}" if symbol else f"{sign}{figures} {currency}"


def currency_symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(currency, currency)
