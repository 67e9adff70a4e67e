"""A cold page or count is computed once however many ask at once; distinct
cold keys do not wait for each other; an old page stands in only after a
change that withdrew nothing."""

import secrets
import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from directory import single_flight
from directory.caching import cached, cached_for_visitors, public_data_changed, public_version
from directory.review.decisions import business_approve, business_suspend
from directory.soft_cache import page_cache, shared_cache

CLIENTS = 8


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True


def at_once(function, count: int = CLIENTS) -> list:
    """`function(number)` from `count` threads started together."""
    start = threading.Barrier(count)
    results = [None] * count

    def run(number):
        start.wait()
        results[number] = function(number)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def slow_counter():
    calls = []
    lock = threading.Lock()

    def load():
        with lock:
            calls.append(1)
        time.sleep(0.15)
        return {"total": 42}

    return calls, load


def test_it_computes_a_cold_count_once_for_many_requests_at_once():
    calls, load = slow_counter()
    results = at_once(lambda number: cached("directory:test:count", load, 60))
    assert len(calls) == 1
    assert results == [{"total": 42}] * CLIENTS


REDIS = {
    "default": {"BACKEND": "ifn.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/13", "KEY_PREFIX": "sf"},
    "pages": {"BACKEND": "ifn.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/13", "KEY_PREFIX": "sfp"},
}


def own_redis() -> dict:
    """REDIS under prefixes of this test's own: tests in other processes
    clear theirs meanwhile (a cleared version number costs a round trip)."""
    prefix = secrets.token_hex(4)
    return {alias: {**config, "KEY_PREFIX": f"{config['KEY_PREFIX']}-{prefix}"} for alias, config in REDIS.items()}


def redis_answers() -> bool:
    with override_settings(CACHES=own_redis()):
        try:
            caches["default"].get("ping")
        except Exception:
            return False
        return True


@pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_it_computes_once_with_the_lock_in_redis():
    calls, load = slow_counter()
    with override_settings(CACHES=own_redis()):
        try:
            results = at_once(lambda number: cached("directory:test:redis-count", load, 60))
            assert not caches["default"].has_key(single_flight.lock_key("directory:test:redis-count"))
        finally:
            caches["default"].clear()
    assert len(calls) == 1
    assert results == [{"total": 42}] * CLIENTS


def test_it_lets_distinct_cold_keys_compute_at_the_same_time():
    # Each computation waits for all the others to have started: were any
    # held back behind another's lock, the barrier would break.
    started = threading.Barrier(4, timeout=5)

    def load():
        started.wait()
        return "done"

    assert at_once(lambda number: cached(f"directory:test:key-{number}", load, 60), 4) == ["done"] * 4


def test_it_computes_itself_rather_than_wait_long(monkeypatch):
    # Another request holds the lock and never finishes.
    monkeypatch.setattr(single_flight, "WAIT_SECONDS", 0.05)
    monkeypatch.setattr(shared_cache, "lock", lambda *args: False)
    assert cached("directory:test:stuck", lambda: "mine", 60) == "mine"


def test_it_computes_at_once_when_the_cache_does_not_answer(monkeypatch):
    monkeypatch.setattr(single_flight, "WAIT_SECONDS", 60)
    monkeypatch.setattr(shared_cache, "lock", lambda *args: None)
    assert cached("directory:test:away", lambda: "computed", 60) == "computed"


def rendering_view(renders: list, status: int = 200):
    @cached_for_visitors
    def view(request):
        renders.append(1)
        time.sleep(0.15)
        return HttpResponse(f"page {len(renders)}", status=status)

    return view


def visit(view, path="/direktori/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return view(request)


def test_it_renders_a_cold_page_once_for_many_visitors_at_once():
    renders = []
    view = rendering_view(renders)
    responses = at_once(lambda number: visit(view))
    assert len(renders) == 1
    assert {response.content for response in responses} == {b"page 1"}


def test_it_lets_visitors_render_a_page_it_keeps_not(monkeypatch):
    renders = []
    view = rendering_view(renders, status=404)
    responses = at_once(lambda number: visit(view), 4)
    assert {response.status_code for response in responses} == {404}
    assert not any(key.endswith(":computing") for key in caches["pages"]._cache)


def someone_else_renders(monkeypatch):
    """Every page's lock is held by another request, which never finishes."""
    monkeypatch.setattr(single_flight, "WAIT_SECONDS", 0.05)
    monkeypatch.setattr(page_cache, "lock", lambda *args: False)


@pytest.mark.django_db
def test_it_serves_the_page_from_before_an_approval_while_another_renders(
    client, make_business, moderator, monkeypatch, django_assert_num_queries
):
    make_business(name="Sepatu Lama")
    waiting = make_business(name="Sandal Baru", status="pending")
    assert "Sandal Baru" not in client.get("/direktori/").text
    business_approve(business=waiting, moderator=moderator)
    someone_else_renders(monkeypatch)
    with django_assert_num_queries(0):
        stale = client.get("/direktori/").text
    assert "Sepatu Lama" in stale and "Sandal Baru" not in stale
    monkeypatch.undo()
    assert "Sandal Baru" in client.get("/direktori/").text


@pytest.mark.django_db
def test_it_never_serves_a_suspended_business_from_an_old_page(client, make_business, moderator, monkeypatch):
    business = make_business(name="Sepatu Ditangguhkan")
    profile = business.get_absolute_url()
    assert client.get(profile).status_code == 200
    assert "Sepatu Ditangguhkan" in client.get("/direktori/").text
    business_suspend(business=business, moderator=moderator, reason="Data palsu")
    someone_else_renders(monkeypatch)
    assert client.get(profile).status_code == 404
    assert "Sepatu Ditangguhkan" not in client.get("/direktori/").text


@pytest.mark.django_db
def test_it_serves_no_old_page_once_a_withdrawal_followed_an_addition(client, make_business, monkeypatch):
    business = make_business(name="Sepatu Ditarik")
    profile = business.get_absolute_url()
    client.get(profile)
    business.status = "suspended"
    business.save()
    public_data_changed()
    public_data_changed(withdraws=False)
    someone_else_renders(monkeypatch)
    assert client.get(profile).status_code == 404


def test_it_counts_only_versions_since_the_last_withdrawal_as_earlier():
    epoch = single_flight.EPOCH
    assert single_flight.earlier_versions(7) == [6, 5, 4]
    assert single_flight.earlier_versions(2) == [1]
    assert single_flight.earlier_versions(3 * epoch + 1) == [3 * epoch]
    assert single_flight.earlier_versions(3 * epoch) == []


@pytest.mark.django_db
def test_it_moves_the_version_to_a_new_epoch_on_a_withdrawal():
    before = public_version()
    public_data_changed(withdraws=False)
    assert shared_cache.get("directory:public-version") == before + 1
    public_data_changed()
    assert shared_cache.get("directory:public-version") // single_flight.EPOCH == before // single_flight.EPOCH + 1


@pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_it_releases_only_its_own_lock_in_redis():
    with override_settings(CACHES=own_redis()):
        backend = caches["default"]
        try:
            assert shared_cache.lock("directory:test:lock", 1, 5)
            assert not shared_cache.lock("directory:test:lock", 2, 5)
            shared_cache.unlock("directory:test:lock", 2)  # not its lock: kept
            assert backend.get("directory:test:lock") == 1
            shared_cache.unlock("directory:test:lock", 1)
            assert backend.get("directory:test:lock") is None
            assert shared_cache.lock("directory:test:brief", 3, 0.05)
            time.sleep(0.1)
            assert shared_cache.lock("directory:test:brief", 4, 5)  # expired to the millisecond
        finally:
            backend.clear()


@pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_it_reads_or_locks_and_stores_and_releases_in_one_step_each_in_redis():
    entry, lock = "directory:test:entry", single_flight.lock_key("directory:test:entry")
    with override_settings(CACHES=own_redis()):
        backend = caches["default"]
        client = backend._cache.get_client(write=True)
        try:
            assert shared_cache.get_or_lock(entry, lock, 7, 5) == (None, True)
            assert shared_cache.get_or_lock(entry, lock, 8, 5) == (None, False)
            # Another's lock is left alone; the entry is stored all the same.
            shared_cache.set_and_unlock(entry, {"total": 3}, 60, lock, 8)
            assert backend.get(lock) == 7
            assert shared_cache.get_or_lock(entry, lock, 9, 5) == ({"total": 3}, None)
            shared_cache.set_and_unlock(entry, {"total": 4}, 60, lock, 7)
            assert backend.get(lock) is None
            assert backend.get(entry) == {"total": 4}
            assert 0 < client.ttl(backend.make_and_validate_key(entry)) <= 60
            shared_cache.set_and_unlock(entry, 5, None, lock, 7)
            assert backend.get(entry) == 5
            assert client.ttl(backend.make_and_validate_key(entry)) == -1  # kept for good
            assert shared_cache.get_or_lock("directory:test:brief", "directory:test:brief:computing", 1, 0.05)[1]
            time.sleep(0.1)
            assert shared_cache.get_or_lock("directory:test:brief", "directory:test:brief:computing", 2, 5)[1]
        finally:
            backend.clear()


@pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_a_cold_page_asks_redis_three_times_and_a_kept_one_twice(monkeypatch):
    """The small entries together; the page or its lock; the page stored and
    its lock released (five before: the page, the lock, storing, releasing)."""
    import redis

    from directory.caching import RequestMemoryMiddleware

    commands = []
    execute = redis.Redis.execute_command

    def counted(self, *args, **options):
        commands.append(args[0])
        return execute(self, *args, **options)

    @cached_for_visitors
    def view(request):
        return HttpResponse("page")

    page = RequestMemoryMiddleware(view)
    with override_settings(CACHES=own_redis()):
        try:
            # The first page of a new version sets the version number.
            assert visit(page, "/tentang/").content == b"page"
            monkeypatch.setattr(redis.Redis, "execute_command", counted)
            assert visit(page).content == b"page"
            assert commands == ["MGET", "EVAL", "EVAL"]
            commands.clear()
            assert visit(page).content == b"page"
            assert commands == ["MGET", "EVAL"]
        finally:
            caches["default"].clear()
            caches["pages"].clear()


def test_a_lock_is_released_when_what_was_computed_cannot_be_stored():
    key = "directory:test:unstorable"
    with pytest.raises(Exception):  # noqa: B017 (whatever the cache raises for a value it cannot keep)
        single_flight.fetch(shared_cache, key, lambda: ("page", (lambda: "no pickle", 60)))
    assert shared_cache.get(single_flight.lock_key(key)) is None


def test_a_request_that_computed_after_waiting_keeps_what_it_computed(monkeypatch):
    """Another's lock held too long (its worker died): the result is kept
    all the same, and the next request reads it."""
    someone_else_renders(monkeypatch)
    monkeypatch.setattr(shared_cache, "lock", lambda *args: False)
    assert cached("directory:test:after-waiting", lambda: {"total": 5}, 60) == {"total": 5}
    assert shared_cache.get("directory:test:after-waiting") == {"total": 5}


def test_nothing_is_kept_for_a_count_of_none():
    """A kept None would read as a miss, and as a cache that does not answer."""
    assert cached("directory:test:none", lambda: None, 60) is None
    assert not caches["default"].has_key("directory:test:none")
    assert shared_cache.get_or_lock("directory:test:none", "directory:test:none:computing", 1, 1) == (None, True)
