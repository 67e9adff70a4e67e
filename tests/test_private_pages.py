"""Pages for one person or for staff are sent `Cache-Control: private,
no-store`: every URL of the security matrix, asked by each signed-in persona,
and every dashboard, account and admin URL asked anonymously. Public pages
for anonymous visitors stay cacheable."""

import pytest

from tests import test_security_matrix as matrix
from tests.test_security_matrix import PERSONAS, persona_clients, table_entries, url_patterns

# The matrix's objects: one of each thing a URL can name.
world = matrix.world

PRIVATE_PREFIXES = ("/dasbor/", "/akun/", "/admin/", "/en/dasbor/", "/en/akun/")


def is_private(response) -> bool:
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def matrix_paths(world) -> list[tuple[str, str]]:
    paths = []
    for route, _view in url_patterns():
        for key, entry in table_entries(world, route):
            path = entry.path(world)
            paths.append((key, path))
            if not route.startswith("admin/") and not path.startswith("/media/"):
                paths.append((key, f"/en{path}"))
    return paths


def test_it_sends_no_store_on_every_page_answered_to_someone_signed_in(world):
    clients = persona_clients(world)
    cacheable = []
    walked = 0
    for key, path in matrix_paths(world):
        for persona in PERSONAS[1:]:
            response = clients[persona].get(path)
            walked += 1
            if not is_private(response):
                cacheable.append(f"{key} ({path}) as {persona}: {response.get('Cache-Control')!r}")
    assert walked > 500
    assert not cacheable, "Pages answered to a signed-in person without private, no-store:\n" + "\n".join(cacheable)


def test_it_sends_no_store_on_private_sections_asked_anonymously(world):
    clients = persona_clients(world)
    cacheable = []
    for key, path in matrix_paths(world):
        if not path.startswith(PRIVATE_PREFIXES):
            continue
        response = clients["anonymous"].get(path)
        if not is_private(response):
            cacheable.append(f"{key} ({path}): {response.get('Cache-Control')!r}")
    assert not cacheable, "\n".join(cacheable)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_it_leaves_a_public_profile_cacheable_for_anonymous_visitors(client, world, prefix):
    response = client.get(f"{prefix}/direktori/{world.business.slug}/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


def test_it_makes_a_public_profile_private_for_its_signed_in_owner(client, world):
    client.force_login(world.owner)
    assert is_private(client.get(f"/direktori/{world.business.slug}/"))
