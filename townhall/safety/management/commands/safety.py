"""`townhall safety …`: sensors, ingestion and detection from the command line.

townhall safety detect --input FILE.csv --output OUT.csv
    score a `timestamp,value` CSV with the streaming detectors; writes
    `timestamp,value,anomaly_score,alert` (a public contract: causal, score in
    [0, 1], alert 0/1)
townhall safety mqtt [--url mqtt://host:1883] [--topic PATTERN]
    subscribe to the broker and ingest readings until stopped
townhall safety sensors import FILE.csv|FILE.geojson
townhall safety sensors export --format csv|geojson [-o FILE]
townhall safety network create SLUG --name NAME --owner AGENCY   (prints the key once)
townhall safety network rotate SLUG
townhall safety retention          fold readings older than TOWNHALL_SAFETY_RAW_DAYS into hours
townhall safety replay [--hours N] replay the demo's recorded readings (see safety/demo.py)
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Sensors, reading ingestion (MQTT) and hazard detection."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
        detect = commands.add_parser("detect", help="Score a CSV of timestamp,value readings.")
        detect.add_argument("--input", required=True, help="CSV with columns timestamp,value.")
        detect.add_argument("--output", required=True, help="Where to write the scored CSV.")

        mqtt = commands.add_parser("mqtt", help="Ingest readings published to an MQTT broker.")
        mqtt.add_argument("--url", default=None, help="Broker URL (default TOWNHALL_MQTT_URL).")
        mqtt.add_argument(
            "--topic", default=None, help="Topic filter (default TOWNHALL_MQTT_TOPIC)."
        )

        sensors = commands.add_parser("sensors", help="Import or export the sensor registry.")
        which = sensors.add_subparsers(dest="sensors_action", metavar="ACTION", required=True)
        load = which.add_parser("import", help="Create or update sensors from CSV or GeoJSON.")
        load.add_argument("file")
        load.add_argument("--format", choices=["csv", "geojson"], default=None)
        dump = which.add_parser("export", help="Write the registry as CSV or GeoJSON.")
        dump.add_argument("--format", choices=["csv", "geojson"], default="csv")
        dump.add_argument("-o", "--output", default="-")

        network = commands.add_parser("network", help="Sensor networks and their API keys.")
        net = network.add_subparsers(dest="network_action", metavar="ACTION", required=True)
        create = net.add_parser("create", help="Create a network and print its key once.")
        create.add_argument("slug")
        create.add_argument("--name", required=True)
        create.add_argument("--owner", required=True, help="The agency that owns the sensors.")
        rotate = net.add_parser(
            "rotate", help="Replace a network's key; the old one stops working."
        )
        rotate.add_argument("slug")

        commands.add_parser("retention", help="Fold old readings into hourly summaries.")
        replay = commands.add_parser("replay", help="Replay the demo's recorded readings.")
        replay.add_argument("--hours", type=float, default=0, help="Stop after N hours (0: never).")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        handler = getattr(self, f"_{action}")
        handler(options)

    def _detect(self, options: dict[str, Any]) -> None:
        from townhall.safety.detect_file import detect_csv

        source, target = Path(options["input"]), Path(options["output"])
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        try:
            rows = detect_csv(source, target)
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"{source}: {exc}") from None
        self.stderr.write(f"scored {rows} readings into {target}")

    def _mqtt(self, options: dict[str, Any]) -> None:
        from townhall.safety.mqtt import Stats, broker_from_url, subscriber_run

        url = options["url"] or settings.SAFETY_MQTT_URL
        topic = options["topic"] or settings.SAFETY_MQTT_TOPIC
        try:
            broker = broker_from_url(url)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        stats = Stats()
        self.stderr.write(f"subscribing to {topic} on {broker.host}:{broker.port} (Ctrl-C stops)")
        subscriber_run(
            url=url,
            topic=topic,
            stats=stats,
            stop=stop,
            on_ready=lambda: self.stderr.write("ready"),
        )
        self.stderr.write(json.dumps(stats.as_dict()))

    def _sensors(self, options: dict[str, Any]) -> None:
        from townhall.safety.registry import RegistryError, registry_export, sensors_import

        if options["sensors_action"] == "export":
            text = registry_export(fmt=options["format"])
            if options["output"] == "-":
                self.stdout.write(text, ending="")
            else:
                Path(options["output"]).write_text(text, encoding="utf-8")
            return
        path = Path(options["file"])
        fmt = options["format"] or (
            "geojson" if path.suffix.lower() in (".geojson", ".json") else "csv"
        )
        try:
            data = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read it ({exc})") from None
        try:
            created, updated = sensors_import(data=data, fmt=fmt)
        except RegistryError as exc:
            raise CommandError(f"{path}: nothing imported:\n" + "\n".join(exc.problems)) from None
        self.stdout.write(f"{created} sensors created, {updated} updated")

    def _network(self, options: dict[str, Any]) -> None:
        from townhall.safety.models import SensorNetwork
        from townhall.safety.services import network_create, network_key_rotate

        slug = options["slug"]
        if options["network_action"] == "create":
            if SensorNetwork.objects.filter(slug=slug).exists():
                raise CommandError(f"a network {slug!r} already exists (use rotate for a new key)")
            _network, key = network_create(
                slug=slug, name=options["name"], owner_agency=options["owner"]
            )
        else:
            network = SensorNetwork.objects.filter(slug=slug).first()
            if network is None:
                raise CommandError(f"no network {slug!r}")
            key = network_key_rotate(network=network)
        self.stderr.write("The key is shown once; store it in the sensors' configuration:")
        self.stdout.write(key)

    def _retention(self, options: dict[str, Any]) -> None:
        from townhall.safety.services_retention import readings_downsample

        folded = readings_downsample(progress=sys.stderr.isatty())
        self.stdout.write(f"{folded} readings folded into hourly summaries")

    def _replay(self, options: dict[str, Any]) -> None:
        from townhall.safety.demo import demo_replay

        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        sent = demo_replay(stop=stop, hours=options["hours"])
        self.stderr.write(f"replayed {sent} readings")
