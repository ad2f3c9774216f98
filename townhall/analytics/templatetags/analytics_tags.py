from django import template
from django.utils import formats

register = template.Library()


@register.filter
def percentage_points(value: float | None) -> str:
    """0.052 -> "+5.2" (a change in a rate, in percentage points)."""
    if value is None:
        return ""
    points = round(value * 100, 1)
    sign = "+" if points > 0 else ""
    return f"{sign}{formats.number_format(points, 1)}"


@register.filter
def per_thousand(value: float | None) -> str:
    """0.00234 -> "2.34" (a rate per 1,000 people)."""
    if value is None:
        return ""
    return formats.number_format(round(value * 1000, 2), 2)
