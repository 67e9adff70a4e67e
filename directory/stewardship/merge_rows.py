"""Moving what belongs to a merged duplicate onto the kept listing, where a
table allows one row per business and something else (one certificate of a
kind, one count of views a day, one invitation or quote per request): the
duplicate's row that meets the kept one's is folded into it, not moved
onto it, which the table would refuse."""

from django.db import models

from directory.capabilities.models import BusinessCertificate
from directory.connect.models import ProfileViewDay
from directory.listings.models import Business


def unique_with(model: type[models.Model], name: str) -> list[list[str]]:
    """The other fields of each unique set of `model` that holds the foreign key `name`."""
    sets = [list(fields) for fields in model._meta.unique_together]
    sets += [list(check.fields) for check in model._meta.constraints if isinstance(check, models.UniqueConstraint)]
    return [[field for field in fields if field != name] for fields in sets if name in fields and len(fields) > 1]


def move_rows(relation: models.ManyToOneRel, duplicate: Business, keep: Business) -> None:
    model, name = relation.related_model, relation.field.name
    rows = model._base_manager
    for others in unique_with(model, name):
        columns = [model._meta.get_field(field).attname for field in others]
        kept = {tuple(values): pk for pk, *values in rows.filter(**{name: keep}).values_list("pk", *columns)}
        for row in rows.filter(**{name: duplicate}):
            twin = kept.get(tuple(getattr(row, column) for column in columns))
            if twin is not None:
                fold(row, rows.get(pk=twin))
                row.delete()
    rows.filter(**{name: duplicate}).update(**{name: keep})


def fold(row: models.Model, kept: models.Model) -> None:
    """What the duplicate's row adds to the kept row it meets: the views of
    the same day; a certificate's number, date and check where the kept one
    has none. Otherwise (an invitation, a quote to the same request) the
    kept listing's row stands."""
    if isinstance(row, ProfileViewDay):
        kept.views += row.views
        kept.save(update_fields=["views"])
    elif isinstance(row, BusinessCertificate) and not kept.number and row.number:
        kept.number, kept.expires_on = row.number, row.expires_on
        kept.checked_on, kept.checked_by_id, kept.evidence = row.checked_on, row.checked_by_id, row.evidence
        kept.save(update_fields=["number", "expires_on", "checked_on", "checked_by", "evidence"])
