"""Figures staff enter for the performance pages: what the journey events cannot know."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfflineTransactions(models.Model):
    """Paper and phone transactions of one service in one month (for digital take-up)."""

    service_slug = models.SlugField(_("service"), max_length=80)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    count = models.PositiveIntegerField(_("paper and phone transactions"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("offline transactions")
        verbose_name_plural = _("offline transactions")
        ordering = ["service_slug", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_slug", "month"], name="analytics_offline_one_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_slug} {self.month:%Y-%m}: {self.count}"


class ServiceCost(models.Model):
    """A service's running cost in one month (for cost per transaction)."""

    service_slug = models.SlugField(_("service"), max_length=80)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.DecimalField(_("running cost"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("service cost")
        verbose_name_plural = _("service costs")
        ordering = ["service_slug", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_slug", "month"], name="analytics_cost_one_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="analytics_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_slug} {self.month:%Y-%m}: {self.amount}"


class PolicyAnnotation(models.Model):
    """A dated change ("new online form launched") to show before and after of."""

    service_slug = models.SlugField(_("service"), max_length=80)
    on = models.DateField(_("date of the change"))
    label = models.CharField(_("what changed"), max_length=120)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy annotation")
        verbose_name_plural = _("policy annotations")
        ordering = ["service_slug", "on"]

    def __str__(self) -> str:
        return f"{self.service_slug} {self.on}: {self.label}"


class HandlingTime(models.Model):
    """Average staff time one application of a service takes (for staff planning)."""

    service_slug = models.SlugField(_("service"), max_length=80, unique=True)
    minutes = models.PositiveIntegerField(_("minutes per application"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("handling time")
        verbose_name_plural = _("handling times")

    def __str__(self) -> str:
        return f"{self.service_slug}: {self.minutes} min"


class HotspotRun(models.Model):
    """Hotspot results a manager published as open data (the latest one is served).

    Only what may be public is kept: the figures of areas with fewer cases than the
    public minimum are already left out of `areas`.
    """

    title = models.CharField(_("what the counts are"), max_length=200)
    method = models.JSONField(_("method"))  # as printed by `townhall analytics hotspots`
    moran = models.JSONField(_("global Moran's I"))
    # A GeoJSON FeatureCollection: each area's boundary with its published figures.
    areas = models.JSONField(_("areas"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("published hotspot run")
        verbose_name_plural = _("published hotspot runs")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_at:%Y-%m-%d})"
