from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceVersionQuerySet(models.QuerySet["ServiceVersion"]):
    def current(self) -> ServiceVersionQuerySet:
        return self.filter(is_current=True)

    def for_slug(self, slug: str) -> ServiceVersionQuerySet:
        return self.filter(slug=slug)


class ServiceVersion(models.Model):
    """One published version of a service definition.

    The YAML source is the definition; the other columns are copies of its
    fields for listing and searching. Versions are never edited: a changed
    definition is a new version, so an application always knows the exact
    questions and rules it was made under.
    """

    slug = models.SlugField(_("slug"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    topic = models.SlugField(_("topic"), max_length=80)
    source = models.TextField(_("definition (YAML)"))
    search_text = models.TextField(editable=False, default="")
    is_current = models.BooleanField(_("current"), default=True)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    objects = ServiceVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="catalog_unique_version"),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(is_current=True),
                name="catalog_one_current_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"
