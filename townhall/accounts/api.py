from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from townhall.accounts.models import normalise_email


class TokenObtainApi(APIView):
    """Exchange an email and password (and, for staff, a TOTP code) for an API token."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(trim_whitespace=False, write_only=True)
        otp = serializers.CharField(
            required=False,
            allow_blank=True,
            help_text="Code from the authenticator app; required for staff accounts.",
        )

        class Meta:
            ref_name = "TokenRequest"

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()

        class Meta:
            ref_name = "TokenResponse"

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer},
        auth=[],
        operation_id="auth_token_create",
    )
    def post(self, request: Request) -> Response:
        given = self.InputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=normalise_email(given.validated_data["email"]),
            password=given.validated_data["password"],
        )
        if user is None:
            return Response(
                {"detail": _("Enter a correct email address and password.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if user.is_staff_member:
            code = given.validated_data.get("otp", "").replace(" ", "")
            if not code or not user_has_device(user) or match_token(user, code) is None:
                return Response(
                    {"otp": [_("Staff accounts need a valid code from their authenticator app.")]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        token, _created = Token.objects.get_or_create(user=user)
        return Response(self.OutputSerializer({"token": token.key}).data)
