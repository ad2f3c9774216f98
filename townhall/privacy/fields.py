"""Model fields whose values are sealed with the data keyring before they reach the database.

    class Application(models.Model):
        reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
        answers = EncryptedJSONField(bind_to="reference", default=dict)
        national_id = EncryptedTextField(bind_to="reference", blank=True, default="")

The column holds a token `v1.<key id>.<base64url>` (crypto.py) as text, on
SQLite and PostgreSQL alike. The plaintext is the value as JSON, padded with
spaces to a multiple of 32 bytes so the token's length does not give away the
exact length of a short answer.

What a token is bound to (its associated data): the field's label
(`<app_label>.<model>.<field>` unless `label=` says otherwise) and, with
`bind_to`, the value of another field of the same row. A row's primary key
would be the obvious binding, but an auto-increment key is unknown until the
INSERT has happened, after the values were sealed; so the binding is a field
whose value exists from the moment the instance does and never changes,
typically a UUIDField(default=uuid.uuid4, unique=True) (or a UUID primary
key, `bind_to="pk"`). A token copied to another row, field or model then
fails to open with DecryptionError. Without `bind_to`, a token copied
between rows of the same column would still open; the system check
privacy.W001 says so.

Because the binding lives in the row, values are decrypted on first access
through the model instance, not while rows are read: `values()` and
`values_list()` return `Sealed` tokens. For the same reason `QuerySet.update()`,
`bulk_update()` and a migration's column default cannot seal a bound field
(there is no instance): they raise ValueError; assign the value on the instance
and save() it. Encrypted values cannot be filtered on, only tested for NULL.

Renaming the model or field changes the label and would make stored values
unreadable: before renaming, set `label=` to the old label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import checks, exceptions
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, Value
from django.db.models.fields import NOT_PROVIDED, AutoFieldMixin
from django.db.models.functions import Cast
from django.db.models.query_utils import DeferredAttribute

from townhall.privacy import keys
from townhall.privacy.crypto import DecryptionError, key_id_of

__all__ = [
    "EncryptedField",
    "EncryptedJSONField",
    "EncryptedTextField",
    "Sealed",
    "associated_data",
]

_PADDING = 32
_ALLOWED_LOOKUPS = frozenset({"exact", "isnull"})


@dataclass(frozen=True)
class Sealed:
    """A token as stored in the database, not yet opened (or just sealed)."""

    token: str

    @property
    def key_id(self) -> str:
        return key_id_of(self.token)

    def __str__(self) -> str:
        return self.token


def associated_data(label: str, row: str | None) -> bytes:
    """What a field's token is bound to: its label and, if bound, its row's binding value."""
    return json.dumps(["townhall.privacy.field", label, row], separators=(",", ":")).encode()


class _OpeningDescriptor(DeferredAttribute):
    """Opens a Sealed value on first access, when the row's binding is at hand."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed):
            value = self.field.unseal(value, instance)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        # A data descriptor, so that __get__ runs even once the attribute is set.
        instance.__dict__[self.field.attname] = value


class EncryptedField(models.Field):
    """The common base: what is sealed, what it is bound to, how it reaches the database."""

    descriptor_class = _OpeningDescriptor

    def __init__(
        self, *args: Any, bind_to: str | None = None, label: str | None = None, **kwargs: Any
    ) -> None:
        self.bind_to = bind_to
        self.explicit_label = label
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.bind_to is not None:
            kwargs["bind_to"] = self.bind_to
        if self.explicit_label is not None:
            kwargs["label"] = self.explicit_label
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "TextField"

    # --- sealing -----------------------------------------------------------

    @property
    def label(self) -> str:
        return self.explicit_label or f"{self.model._meta.label_lower}.{self.name}"

    @property
    def bind_field(self) -> Any:
        # Not cached: fields are copied between models (abstract parents, migration states).
        if self.bind_to is None:
            return None
        if self.bind_to == "pk":
            return self.model._meta.pk
        return self.model._meta.get_field(self.bind_to)

    def associated_data_for(self, binding: Any) -> bytes:
        """The associated data for a row whose bind_to field holds `binding`."""
        field = self.bind_field
        if field is None:
            return associated_data(self.label, None)
        if binding is None:
            raise ValueError(
                f"{self.label}: cannot seal or open the value before the row's "
                f"{self.bind_to!r} is set"
            )
        return associated_data(self.label, str(field.to_python(binding)))

    def _binding(self, instance: Any) -> Any:
        field = self.bind_field
        return None if field is None else getattr(instance, field.attname)

    def seal(self, value: Any, binding: Any) -> Sealed:
        plaintext = self.encode(value)
        plaintext += b" " * (-len(plaintext) % _PADDING)
        token = keys.keyring().seal(plaintext, associated_data=self.associated_data_for(binding))
        return Sealed(token)

    def unseal(self, sealed: Sealed, instance: Any) -> Any:
        plaintext = keys.keyring().open(
            sealed.token, associated_data=self.associated_data_for(self._binding(instance))
        )
        try:
            return self.decode(plaintext)
        except (UnicodeDecodeError, ValueError):
            raise DecryptionError(f"{self.label}: the opened value is not valid JSON") from None

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode("ascii")

    def decode(self, plaintext: bytes) -> Any:
        return json.loads(plaintext.decode("ascii"))

    # --- to and from the database -------------------------------------------

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else Sealed(value)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        value = getattr(model_instance, self.attname)  # opens a Sealed value
        if value is None:
            return None
        return self.seal(value, self._binding(model_instance))

    def get_prep_value(self, value: Any) -> Any:
        # Reached by query lookups, and by saves through get_db_prep_save below.
        if value is None or isinstance(value, Sealed):
            return None if value is None else value.token
        raise ValueError(
            f"{self.label} is encrypted with a random nonce: its values cannot be "
            "compared in a query (filter on another field)"
        )

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        if hasattr(value, "as_sql"):
            # An expression computed by the database could put clear text in the
            # column; only the shape bulk_update() builds (CASE over values that
            # come back here one by one, cast on PostgreSQL) is let through.
            self._check_expression(value)
        elif value is not None and not isinstance(value, Sealed):
            if self.bind_field is not None:
                raise ValueError(
                    f"{self.label} is bound to each row's {self.bind_to!r}, so it can "
                    "only be sealed by saving a model instance: assign the value and call "
                    "save() (QuerySet.update(), bulk_update() and column defaults in "
                    "migrations cannot seal it; add such a column with null=True and "
                    "fill it in a data migration)"
                )
            value = self.seal(value, None)
        return super().get_db_prep_save(value, connection)

    def _check_expression(self, expression: Any) -> None:
        if isinstance(expression, Cast) and isinstance(expression.output_field, EncryptedField):
            # PostgreSQL's bulk_update() casts the CASE to the column's type.
            self._check_expression(expression.get_source_expressions()[0])
        elif isinstance(expression, Case):
            for when in expression.cases:
                self._check_expression(when.result)
            self._check_expression(expression.default)
        elif not isinstance(expression, Value) or not (
            expression.value is None
            or isinstance(expression.value, Sealed)
            or isinstance(expression._output_field_or_none, EncryptedField)
        ):
            raise ValueError(
                f"{self.label} is encrypted: it cannot store the result of "
                f"{type(expression).__name__}(), which the database computes in clear"
            )

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name not in _ALLOWED_LOOKUPS:
            return None
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name: str) -> Any:
        return None

    def value_to_string(self, obj: Any) -> Any:
        # Serialisers (dumpdata, "download my data") see the clear value.
        return self.value_from_object(obj)

    # --- checks ---------------------------------------------------------------

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        return [*super().check(**kwargs), *self._check_binding(), *self._check_options()]

    def _check_binding(self) -> list[checks.CheckMessage]:
        if self.bind_to is None:
            return [
                checks.Warning(
                    f"{self.label} is not bound to its row, so a value copied to another "
                    "row of the same column would still open.",
                    hint="Pass bind_to='<a UUIDField with default=uuid.uuid4>'.",
                    obj=self,
                    id="privacy.W001",
                )
            ]
        try:
            field = self.bind_field
        except exceptions.FieldDoesNotExist:
            return [
                checks.Error(
                    f"bind_to={self.bind_to!r} names no field of {self.model._meta.label}.",
                    obj=self,
                    id="privacy.E001",
                )
            ]
        if field is None or isinstance(field, AutoFieldMixin):
            return [
                checks.Error(
                    f"bind_to={self.bind_to!r} is an auto-increment key, unknown until the "
                    "row is inserted, after its values were sealed.",
                    hint="Bind to a UUIDField with default=uuid.uuid4 and unique=True.",
                    obj=self,
                    id="privacy.E002",
                )
            ]
        if isinstance(field, EncryptedField) or not field.concrete:
            return [
                checks.Error(
                    f"bind_to={self.bind_to!r} must be a plain stored field.",
                    obj=self,
                    id="privacy.E003",
                )
            ]
        return []

    def _check_options(self) -> list[checks.CheckMessage]:
        problems: list[checks.CheckMessage] = []
        if self.primary_key or self.unique or self.db_index:
            problems.append(
                checks.Error(
                    "Encrypted values are random: a primary key, unique constraint or "
                    "index on them means nothing.",
                    obj=self,
                    id="privacy.E004",
                )
            )
        if self.db_default is not NOT_PROVIDED:
            problems.append(
                checks.Error(
                    "db_default would write its value in clear into the schema.",
                    hint="Use default= instead.",
                    obj=self,
                    id="privacy.E005",
                )
            )
        return problems


class EncryptedJSONField(EncryptedField):
    """Any JSON-serialisable value (dict, list, str, number, bool), encrypted at rest."""

    empty_strings_allowed = False

    def __init__(
        self,
        *args: Any,
        encoder: type[json.JSONEncoder] | None = None,
        decoder: type[json.JSONDecoder] | None = None,
        **kwargs: Any,
    ) -> None:
        self.encoder = encoder
        self.decoder = decoder
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        if self.decoder is not None:
            kwargs["decoder"] = self.decoder
        return name, path, args, kwargs

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, cls=self.encoder, separators=(",", ":")).encode("ascii")

    def decode(self, plaintext: bytes) -> Any:
        return json.loads(plaintext.decode("ascii"), cls=self.decoder)

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        try:
            json.dumps(value, cls=self.encoder)
        except (TypeError, ValueError):
            # Django's own message, already translated in every language.
            raise exceptions.ValidationError(
                models.JSONField.default_error_messages["invalid"],
                code="invalid",
                params={"value": value},
            ) from None

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(
            **{
                "form_class": forms.JSONField,
                "encoder": self.encoder,
                "decoder": self.decoder,
                **kwargs,
            }
        )


class EncryptedTextField(EncryptedField):
    """One string, encrypted at rest. max_length, if given, is checked on the clear text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, str | Sealed):
            return value
        return str(value)

    def encode(self, value: Any) -> bytes:
        return super().encode(self.to_python(value))

    def decode(self, plaintext: bytes) -> Any:
        value = json.loads(plaintext.decode("ascii"))
        if not isinstance(value, str):
            raise ValueError("not a string")
        return value

    def formfield(self, **kwargs: Any) -> Any:
        defaults: dict[str, Any] = {"max_length": self.max_length}
        if not self.choices and self.max_length is None:
            defaults["widget"] = forms.Textarea
        return super().formfield(**{**defaults, **kwargs})
