"""Sensors and their readings, alerts, incidents and public hazard warnings.

Readings are the only large table: one narrow row per reading (sensor, Unix
second, value, quality flag) behind one unique index on (sensor, second), which
is both how readings are read and what makes a repeated reading a duplicate.
Older readings are folded into hourly summaries (`HourlySummary`) by the
retention task.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.safety.kinds import INCIDENT_KINDS, KINDS


class SensorKind(models.TextChoices):
    TRAFFIC_SPEED = "traffic_speed", _("Traffic speed")
    TRAFFIC_OCCUPANCY = "traffic_occupancy", _("Traffic occupancy")
    TRAVEL_TIME = "travel_time", _("Travel time")
    PM25 = "pm25", _("Air quality: PM2.5")
    NO2 = "no2", _("Air quality: NO₂")
    RIVER_LEVEL = "river_level", _("River level")
    RAINFALL = "rainfall", _("Rainfall")
    NOISE = "noise", _("Noise")
    TEMPERATURE = "temperature", _("Temperature")


assert set(SensorKind.values) == set(KINDS), "kinds.py and SensorKind must list the same kinds"


class Quality(models.IntegerChoices):
    OK = 0, _("Good")
    OUT_OF_ORDER = 1, _("Arrived out of order")
    MISSING = 2, _("Value missing")
    AFTER_GAP = 3, _("First after a gap")


class SensorNetwork(models.Model):
    """An owner's group of sensors that sends readings with one API key.

    Only a hash of the key is kept; its first characters (`key_prefix`) find
    the row without scanning.
    """

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    owner_agency = models.CharField(_("owner agency"), max_length=200)
    key_prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Sensor(models.Model):
    code = models.CharField(_("sensor id"), max_length=64, unique=True)
    network = models.ForeignKey(SensorNetwork, on_delete=models.PROTECT, related_name="sensors")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=SensorKind.choices)
    unit = models.CharField(_("unit"), max_length=16)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    area = models.SlugField(_("area"), blank=True)
    owner_agency = models.CharField(_("owner agency"), max_length=200)
    expected_interval_s = models.PositiveIntegerField(_("expected interval (seconds)"))
    threshold_low = models.FloatField(_("lower threshold"), null=True, blank=True)
    threshold_high = models.FloatField(_("upper threshold"), null=True, blank=True)
    active = models.BooleanField(default=True)
    # Streaming state: the newest reading's second and value.
    last_ts = models.BigIntegerField(null=True, blank=True)
    last_value = models.FloatField(null=True, blank=True)
    # The second of the last reading in the detector's checkpoint (its state
    # is a DetectorCheckpoint, kept apart so pages never load it); see
    # services_detection.py. The epoch changes when what the detector learnt
    # no longer applies (the sensor's kind changed).
    detector_state_ts = models.BigIntegerField(null=True, blank=True)
    detector_epoch = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class DetectorCheckpoint(models.Model):
    """A sensor detector's saved state (tens of kilobytes of JSON), in a table
    of its own so that lists, maps and alerts that load sensors never carry it."""

    sensor = models.OneToOneField(
        Sensor, on_delete=models.CASCADE, primary_key=True, related_name="checkpoint"
    )
    state = models.JSONField()

    def __str__(self) -> str:
        return f"checkpoint of sensor {self.sensor_id}"


class Reading(models.Model):
    sensor = models.ForeignKey(Sensor, on_delete=models.CASCADE, db_index=False)
    ts = models.BigIntegerField(help_text="Unix time in seconds (UTC)")
    value = models.FloatField(null=True)
    quality = models.PositiveSmallIntegerField(choices=Quality.choices, default=Quality.OK)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sensor", "ts"], name="safety_reading_sensor_ts")
        ]

    def __str__(self) -> str:
        return f"{self.sensor_id}@{self.ts}"


class HourlySummary(models.Model):
    """Readings older than the raw-retention setting, one row per sensor and hour."""

    sensor = models.ForeignKey(Sensor, on_delete=models.CASCADE, db_index=False)
    hour_ts = models.BigIntegerField()
    count = models.PositiveIntegerField()
    mean = models.FloatField(null=True)
    minimum = models.FloatField(null=True)
    maximum = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sensor", "hour_ts"], name="safety_hourly_sensor_hour")
        ]

    def __str__(self) -> str:
        return f"{self.sensor_id}@{self.hour_ts}"


class IngestCount(models.Model):
    """How many readings a network sent per day, by outcome: stored, each
    quality flag, and each rejection reason."""

    network = models.ForeignKey(SensorNetwork, on_delete=models.CASCADE)
    day = models.DateField()
    outcome = models.CharField(max_length=40)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "day", "outcome"], name="safety_ingest_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.outcome}: {self.count}"


class IncidentKind(models.TextChoices):
    FLOOD = "flood", _("Flooding")
    AIR_QUALITY = "air_quality", _("Air quality")
    TRAFFIC = "traffic", _("Traffic")
    NOISE = "noise", _("Noise")
    HEAT = "heat", _("Heat")
    FIRE = "fire", _("Fire")
    OTHER = "other", _("Other")


assert set(IncidentKind.values) == set(INCIDENT_KINDS)


class IncidentStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DISPATCHED = "dispatched", _("Dispatched")
    ON_SCENE = "on_scene", _("On scene")
    RESOLVED = "resolved", _("Resolved")


class IncidentSource(models.TextChoices):
    SENSOR = "sensor", _("Sensor alert")
    PHONE = "phone", _("Phone report")
    OPERATOR = "operator", _("Operator")


class Incident(models.Model):
    reference = models.CharField(max_length=32, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=IncidentKind.choices)
    area = models.SlugField(_("area"), blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    source = models.CharField(max_length=10, choices=IncidentSource.choices)
    status = models.CharField(
        max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.NEW
    )
    opened_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    eta = models.DateTimeField(_("expected arrival"), null=True, blank=True)
    on_scene_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    alert_count = models.PositiveIntegerField(default=0)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["status", "kind", "area"], name="safety_incident_open")]

    def __str__(self) -> str:
        return self.reference


class IncidentEvent(models.Model):
    """One state change (or note) of an incident, in order."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    ledger_index = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


# What each alert reason means, in the words of an incident's summary.
ALERT_REASONS = {
    "threshold-high": _("above its alert threshold"),
    "threshold-low": _("below its alert threshold"),
    "unusual-high": _("far above its usual level for the time"),
    "unusual-low": _("far below its usual level for the time"),
    "change": _("a sudden change that lasts"),
    "forecast-exceed": _("forecast to cross its threshold within 24 hours"),
}


class Alert(models.Model):
    sensor = models.ForeignKey(Sensor, on_delete=models.CASCADE, related_name="alerts")
    ts = models.BigIntegerField(help_text="The reading's Unix second")
    value = models.FloatField(null=True)
    score = models.FloatField()
    reason = models.CharField(max_length=40)
    # When the reading reached the ingester and when the alert was written:
    # their difference is the end-to-end latency the benchmark reports.
    received_at = models.DateTimeField()
    raised_at = models.DateTimeField()
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["raised_at"], name="safety_alert_raised")]

    def __str__(self) -> str:
        return f"{self.reason} {self.score:.2f}"

    def reason_label(self) -> str:
        return str(ALERT_REASONS.get(self.reason, self.reason))


class Severity(models.TextChoices):
    ADVISORY = "advisory", _("Advisory: be aware")
    WATCH = "watch", _("Watch: be prepared")
    WARNING = "warning", _("Warning: take action")


class HazardWarning(models.Model):
    reference = models.CharField(max_length=32, unique=True)
    area = models.SlugField(_("area"))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    title = models.CharField(_("title"), max_length=200)
    advice = models.TextField(_("advice"))
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="warnings"
    )
    published_at = models.DateTimeField()
    expires_at = models.DateTimeField(_("expires"))
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ledger_index = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.reference


class AreaSubscription(models.Model):
    """A resident who wants hazard warnings for an area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_subscriptions"
    )
    area = models.SlugField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "area"], name="safety_subscription_unique")
        ]

    def __str__(self) -> str:
        return self.area
