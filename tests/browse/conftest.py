"""What the listing's tests share."""

import pytest

from directory.browse import held_index, held_loading


@pytest.fixture
def held(monkeypatch):
    """The listing's index in use whatever the directory's size, read in the request."""
    monkeypatch.setattr(held_loading, "INDEX_FROM", 0)
    monkeypatch.setattr(held_loading, "IN_BACKGROUND", False)
    # Every word's matches asked at once, however many businesses use it.
    monkeypatch.setattr(held_index, "BROAD", 10**9)
    held_loading.forget()
    yield
    held_loading.forget()
