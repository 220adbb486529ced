"""The search index's rows: one per public mission, document, person and organization."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The text one public record is found by; derived, rebuilt by `search_index_update`.

    Each engine adds its own index beside these rows in migration 0020: on PostgreSQL a
    stored tsvector column with a GIN index, on SQLite an FTS5 table kept by triggers.
    """

    class Kind(models.TextChoices):
        MISSION = "mission", _("missions")
        DOCUMENT = "document", _("documents")
        PERSON = "person", _("people")
        ORGANIZATION = "organization", _("organizations")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("record"))
    mission = models.ForeignKey(
        "missions.Mission",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("mission"),
    )
    heading = models.TextField(_("heading"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    body_ru = models.TextField(_("text in Russian"), blank=True)
    # SQLite only: the Snowball stems of heading and of both bodies, which FTS5 indexes.
    stems_heading = models.TextField(blank=True)
    stems_body = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
