"""What a moderator was shown, so that a decision applies to that and to
nothing newer.

An owner may edit a waiting listing, change, photo or post while a moderator
reads it. Every decision form therefore carries a signed version of what it
showed: a short fingerprint of each shown value. The decision compares it
with the values stored now, inside the transaction that locks the row, and
refuses when any differs, naming what changed; the moderator reads the item
again and decides on what is really there."""

import hashlib
import json
from collections.abc import Callable

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext

from directory.errors import ServiceError

SALT = "directory.seen"

# The name of the hidden inputs that carry versions in a decision's form.
FIELD = "seen"


class ItemChanged(ServiceError):
    """The item changed after the moderator was shown it: nothing was decided."""

    def __init__(self, item: Model, labels: list[str]):
        self.item = item
        self.labels = labels
        super().__init__(
            gettext("%(name)s changed after you opened it (%(fields)s). Nothing was decided: read it again.")
            % {"name": item, "fields": ", ".join(labels)}
        )


def fingerprint(value) -> str:
    """A short digest of one shown value (any JSON-able value, a model row by
    its key, a list of rows or values in any order)."""
    if isinstance(value, Model):
        value = value.pk
    elif isinstance(value, set | frozenset):
        value = sorted(value, key=str)
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def fingerprints(values: dict) -> dict[str, str]:
    return {name: fingerprint(value) for name, value in values.items()}


def version_token(item: Model, values: dict) -> str:
    """The hidden input of a decision's form: which row, and what it showed."""
    return signed_version(item, fingerprints(values))


def signed_version(item: Model, seen: dict[str, str]) -> str:
    return signing.dumps({"model": item._meta.label_lower, "pk": item.pk, "seen": seen}, salt=SALT)


def read_versions(tokens: list[str], model: type[Model]) -> dict[int, dict[str, str]]:
    """The versions a decision's form carried for rows of `model`, by key.
    Forged tokens and tokens of other models are left out: those rows count
    as never shown."""
    versions = {}
    for token in tokens:
        try:
            payload = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            continue
        if isinstance(payload, dict) and payload.get("model") == model._meta.label_lower:
            versions[payload.get("pk")] = payload.get("seen") or {}
    return versions


def changed_names(seen: dict[str, str], values: dict) -> list[str]:
    """The names whose value differs from what was shown, or that were not shown."""
    now = fingerprints(values)
    return [name for name in {**seen, **now} if seen.get(name) != now.get(name)]


def model_label(model: type[Model]) -> Callable[[str], str]:
    """Names a shown value by its field's verbose name."""

    def label(name: str) -> str:
        try:
            return capfirst(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    return label


def refuse_if_changed(item: Model, seen: dict[str, str] | None, values: dict, label: Callable[[str], str]) -> None:
    """Raises ItemChanged when `values`, read under the decision's lock,
    differ from what the moderator was shown; `seen` None means a decision
    that comes from no page (a command, a test), which nothing was shown."""
    if seen is None:
        return
    names = changed_names(seen, values)
    if names:
        raise ItemChanged(item, [str(label(name)) for name in names])
