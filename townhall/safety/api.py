"""POST /api/v1/safety/readings: a sensor network sends a batch of readings.

Authenticated by the network's API key (`Authorization: Bearer thsn_…`), not
by a person's session or token: a network may only write its own sensors.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from townhall.safety.batch import BatchError, batch_from_json, batch_parse
from townhall.safety.services import REJECTIONS, network_for_key, sensor_readings_ingest


class ReadingSerializer(serializers.Serializer):
    class Meta:
        ref_name = "SensorReading"

    sensor = serializers.CharField(max_length=64, help_text="The sensor's registry id.")
    time = serializers.CharField(
        help_text="ISO 8601 with a UTC offset (2026-11-26T10:00:00Z), or Unix seconds."
    )
    value = serializers.FloatField(allow_null=True, help_text="null: the value is missing.")


class RejectionSerializer(serializers.Serializer):
    class Meta:
        ref_name = "SensorReadingRejection"

    index = serializers.IntegerField()
    sensor = serializers.CharField()
    reason = serializers.ChoiceField(choices=list(REJECTIONS))


class ReadingsIngestApi(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        readings = ReadingSerializer(many=True)

        class Meta:
            ref_name = "SensorReadingsBatch"

    class OutputSerializer(serializers.Serializer):
        stored = serializers.IntegerField()
        flagged = serializers.DictField(
            child=serializers.IntegerField(),
            help_text="Stored readings with a quality flag: out_of_order, missing, after_gap.",
        )
        rejected = RejectionSerializer(many=True)
        alerts = serializers.IntegerField()

        class Meta:
            ref_name = "SensorReadingsResult"

    class ErrorSerializer(serializers.Serializer):
        error = serializers.CharField()

        class Meta:
            ref_name = "SensorReadingsError"

    @extend_schema(
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Malformed batch; nothing stored."),
            401: OpenApiResponse(ErrorSerializer, description="Missing or wrong network key."),
            413: OpenApiResponse(ErrorSerializer, description="Batch too large."),
        },
        auth=[],
        summary="Send a batch of sensor readings",
        description=(
            "Send `Authorization: Bearer <network key>`. Each reading is "
            '`{"sensor": id, "time": ISO 8601 or Unix seconds, "value": number or null}`. '
            "A malformed batch is refused whole (400, nothing stored). Otherwise each reading "
            "is stored, perhaps with a quality flag, or rejected with a reason; the stored "
            "readings, their alerts and the counters are written in one transaction."
        ),
    )
    def post(self, request: Request) -> Response:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, key = header.partition(" ")
        network = network_for_key(key.strip()) if scheme.lower() == "bearer" else None
        if network is None:
            return Response(
                {"error": "a valid sensor-network key is required (Authorization: Bearer …)"},
                status=status.HTTP_401_UNAUTHORIZED,
                headers={"WWW-Authenticate": 'Bearer realm="townhall-sensors"'},
            )
        try:
            body = request.body
        except RequestDataTooBig:
            return Response(
                {"error": "the batch is larger than the server accepts; send smaller batches"},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        try:
            readings = batch_parse(batch_from_json(body), max_readings=settings.SAFETY_MAX_BATCH)
        except BatchError as exc:
            return Response({"error": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        result = sensor_readings_ingest(network=network, readings=readings)
        return Response(self.OutputSerializer(result.as_json()).data)
