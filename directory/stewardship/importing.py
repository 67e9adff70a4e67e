"""Importing a confirmed community list: every row becomes an unowned, pending
listing, logged and indexed."""

from typing import TYPE_CHECKING

import tablib
from django.db import transaction

from directory.accounts.models import User
from directory.caching import public_data_changed
from directory.listings.history import ModerationLog
from directory.search.index import refresh_search_index
from directory.stewardship.list_files import IMPORT_STATUSES
from directory.stewardship.resource import BusinessResource

if TYPE_CHECKING:
    from import_export.results import Result


# Community lists -------------------------------------------------------------


def business_import(
    *, dataset: tablib.Dataset, status: str, moderator: User | None, dry_run: bool = False, file_name: str = ""
) -> "Result":
    """Add the businesses of a community list (see stewardship.resource):
    every row or none. A dry run checks every row and finds lookalikes
    (`result.warnings`) without keeping anything. Imported businesses have
    no owner and the given status; they are indexed for search in one pass
    and each gets an "imported" entry, naming the file, in its moderation
    record."""
    if status not in dict(IMPORT_STATUSES):
        raise ValueError(f"Imported businesses cannot be {status!r}.")
    with transaction.atomic():
        result = BusinessResource(status=status).import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            rollback_on_validation_errors=True,
            file_name=file_name,
            user=moderator,
        )
        if dry_run or result.has_errors() or result.has_validation_errors():
            return result
        imported = [(row.object_id, row.object_repr) for row in result.rows if row.object_id is not None]
        refresh_search_index([pk for pk, _name in imported])
        ModerationLog.objects.bulk_create(
            ModerationLog(
                business_id=pk,
                business_name=name[:150],
                moderator=moderator,
                action=ModerationLog.Action.IMPORTED,
                reason=file_name,
            )
            for pk, name in imported
        )
        transaction.on_commit(public_data_changed)
    return result
