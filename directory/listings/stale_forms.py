"""A form left open while its values changed (in another tab, by another
person): the hidden `loaded` field carries a signed fingerprint of what the
form showed, and saving compares it with what is stored now."""

import hashlib

from django import forms
from django.core import signing
from django.db.models import Model, QuerySet

SNAPSHOT_SALT = "directory.forms.snapshot"


def fingerprint(value) -> str:
    if isinstance(value, QuerySet | list | tuple | set):
        items = sorted(str(getattr(item, "pk", item)) for item in value)
    elif value is None or value == "":
        items = [""]
    elif hasattr(value, "name") and not isinstance(value, Model):  # a stored file
        items = [str(value.name or "")]
    else:
        items = [str(getattr(value, "pk", value))]
    return hashlib.sha256("\x1f".join(items).encode()).hexdigest()[:12]


def form_snapshot(form: forms.BaseForm) -> dict[str, str]:
    """A short fingerprint of every value the form was loaded with."""
    return {name: fingerprint(form[name].initial) for name in form.fields}


def snapshot_token(form: forms.BaseForm) -> str:
    """The hidden `loaded` field: what the form showed when it was loaded, signed."""
    return signing.dumps(form_snapshot(form), salt=SNAPSHOT_SALT, compress=True)


def stale_fields(form: forms.BaseForm, token: str) -> list[str]:
    """The fields whose stored value changed since the form was loaded (in
    another tab, by another person): saving now would overwrite them. A
    missing or forged token counts as every field changed."""
    try:
        loaded = signing.loads(token or "", salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return list(form.fields)
    if not isinstance(loaded, dict):
        return list(form.fields)
    return [name for name, value in form_snapshot(form).items() if loaded.get(name) != value]
