"""Shared fixtures: reference data, the personas of every permission test
(visitor, owner, other owner, moderator, superuser), a throwaway MEDIA_ROOT,
images made in memory, and a Chromium page for browser tests."""

import gc
import io
import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.cache import caches
from django.db import models
from django.utils import translation
from PIL import Image

from directory import image_uploads
from directory.capabilities.models import CAPABILITY_LISTS
from directory.connect import profile_views
from directory.connect.ranked_partners import partners_changed
from directory.models import Business, Certification, ProductCategory, Province, Regency, Role, User
from directory.search.index import refresh_search_index
from ifn.cache import outage
from tests import page_checks as checks

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher costs a third of a second per password, and nearly every
    # test makes a persona or two; hashing itself is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_image_encoding(monkeypatch):
    # The smallest WebP costs three times the quickest; every seeded demo
    # encodes hundreds of pictures, and the file size is not under test.
    monkeypatch.setattr(image_uploads, "WEBP_METHOD", 0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached pages and counts of one test must not answer in the next."""
    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()
    # A test's made-up Redis outage must not rest the next test's Redis.
    outage.forget()


@pytest.fixture(autouse=True)
def _no_held_rows():
    """Reference rows one test held in the process (taxonomy.reference), and
    the forms made from them, must not stand in for the next test's: rows
    of the same content carry the same name across tests."""
    from directory.taxonomy import reference

    reference._held.clear()
    yield
    reference._held.clear()


@pytest.fixture(autouse=True)
def _nothing_frozen():
    """What a test set aside from the garbage collector (directory.long_lived)
    is collectable again after it: a test run is not one long-lived process."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _no_buffered_profile_views():
    """Profile views one test counted in memory must not be written in another."""
    profile_views.counter.take()
    yield
    profile_views.counter.take()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an /en/ page leaves English active in the thread; reverse()
    in the next test would then build /en/ addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploads (public and private) and messages to phones go to a temporary
    folder; static files need no collectstatic."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.OTP_SENDER = "file"
    settings.MESSAGES_FILE_PATH = tmp_path / "messages"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


_fixture_rows: dict[str, list] = {}


def load_fixtures(*names: str) -> None:
    """What `loaddata` would add to an empty database, in a few bulk inserts:
    the fixtures are read once per test process, not once per test (loaddata
    looks up and saves each of their 700 rows, a fifth of a second per
    test). Rows already there are left as they are."""
    for name in names:
        if name not in _fixture_rows:
            path = Path(settings.BASE_DIR) / "fixtures" / f"{name}.json"
            rows = []
            for found in serializers.deserialize("json", path.read_text(), handle_forward_references=True):
                instance = found.object
                fields = instance._meta.concrete_fields
                values = {field.attname: getattr(instance, field.attname) for field in fields}
                if instance._meta.pk.auto_created or isinstance(instance._meta.pk, models.AutoField):
                    values.pop(instance._meta.pk.attname)
                rows.append((type(instance), values))
            _fixture_rows[name] = rows
        by_model: dict = {}
        for model, values in _fixture_rows[name]:
            by_model.setdefault(model, []).append(model(**values))
        for model, instances in by_model.items():
            model.objects.bulk_create(instances, ignore_conflicts=True)


@pytest.fixture
def regions(db):
    load_fixtures("regions")


@pytest.fixture
def reference(db):
    """Regions, roles, categories, certifications, capability words and sentra, as seed_demo loads them."""
    load_fixtures("regions", "taxonomy", "capabilities", "sentra")


@pytest.fixture
def owner(db):
    return User.objects.create_user("alice@example.com", "alice-password", name="Alice Ratnasari")


@pytest.fixture
def other_owner(db):
    return User.objects.create_user("bob@example.com", "bob-password", name="Bob Santoso")


@pytest.fixture
def verified_owner(owner):
    """Alice, whose address is confirmed, so she can sign in."""
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    return owner


@pytest.fixture
def moderator(db):
    return User.objects.create_user("charlie@example.com", "charlie-password", name="Charlie", is_staff=True)


# Migrations that gave the Moderator group more rights after it was created.
LATER_MODERATOR_MIGRATIONS = [
    "0015_moderators_review_posts",
    "0017_moderators_import_lists",
    "0024_moderators_merge_duplicates",
    "0029_moderators_edit_site_pages",
    "0033_moderators_set_exchange_rates",
    "0037_moderators_keep_the_glossary",
    "0039_moderators_keep_capabilities",
    "0042_moderators_review_requests",
]


@pytest.fixture
def moderator_group(db):
    """The "Moderator" group as its data migration creates it. Made again
    here because a transactional test (the browser tests) empties every
    table, data migrations' rows included."""
    migration = import_module("directory.migrations.0010_moderator_group")
    later = [import_module(f"directory.migrations.{name}") for name in LATER_MODERATOR_MIGRATIONS]
    group, _created = Group.objects.get_or_create(name=migration.GROUP)
    codenames = [codename for module in later for codename in module.CODENAMES]
    permissions = Permission.objects.filter(content_type__app_label="directory", codename__in=codenames)
    for app_label, codenames in migration.PERMISSIONS.items():
        permissions |= Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.set(permissions)
    return group


@pytest.fixture
def staff_moderator(moderator_group):
    """A BPIPI moderator: staff in the Moderator group, not a superuser."""
    user = User.objects.create_user("dewi@example.com", "dewi-password", name="Dewi", is_staff=True)
    user.groups.add(moderator_group)
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@example.com", "root-password")


@pytest.fixture
def make_business(reference):
    """Builds a valid business; keyword arguments override the defaults."""
    counter = iter(range(1, 100_000))

    def make(**fields):
        number = next(counter)
        roles = fields.pop("roles", ["producer"])
        fields.setdefault("name", f"Usaha Contoh {number}")
        fields.setdefault("slug", f"usaha-contoh-{number}")
        fields.setdefault("stage", "hilir")
        fields.setdefault("province", Province.objects.get(code="32"))
        fields.setdefault("regency", Regency.objects.get(code="3273"))
        fields.setdefault("status", Business.Status.PUBLISHED)
        categories = fields.pop("categories", [])
        tags = fields.pop("tags", [])
        certifications = fields.pop("certifications", [])
        # Capability words by slug, countries and KBLI codes by code.
        lists = {name: fields.pop(name) for name in CAPABILITY_LISTS if name in fields}
        business = Business.objects.create(**fields)
        for name, values in lists.items():
            model = CAPABILITY_LISTS[name]
            lookup = "slug__in" if hasattr(model, "slug") else "pk__in"
            getattr(business, name).set(model.objects.filter(**{lookup: values}))
        business.roles.set(Role.objects.filter(slug__in=roles))
        business.categories.set(ProductCategory.objects.filter(slug__in=categories))
        business.tags.set(tags)
        business.certifications.set(Certification.objects.filter(slug__in=certifications))
        refresh_search_index([business.pk])
        if business.is_published:
            # As the services that publish a business do.
            partners_changed([business.pk])
        return business

    return make


def image_bytes(format="JPEG", size=(64, 48), color=(120, 60, 20)) -> bytes:
    """A small real image made in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format)
    return buffer.getvalue()


def fits(page, width) -> bool:
    """Whether the page's content fits `width` pixels without horizontal
    scrolling. A click that navigates returns once the new page is on its way,
    before it is parsed, so this waits for the document first."""
    page.wait_for_load_state("domcontentloaded")
    return page.evaluate("document.documentElement.scrollWidth") <= width


def wait_until_true(page, expression: str, timeout_ms: int = 10_000) -> None:
    """Waits until `expression` is true in the page. Playwright's own
    wait_for_function polls by evaluating a string inside the page, which the
    site's Content-Security-Policy (no 'unsafe-eval') rightly refuses whenever
    the first check fails; page.evaluate() is not subject to it."""
    for _ in range(timeout_ms // 50):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {timeout_ms} ms: {expression}")


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: apt-get install chromium")
        pytest.skip("Chromium not found: browser tests skipped (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, which makes
    # Django refuse ORM calls from test code; the live server runs in its own
    # thread, so setting up data here is safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    screenshots_of_loaded_pages()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield chromium
        chromium.close()


def screenshots_of_loaded_pages():
    """Screenshots are for people to look at: each waits until the page has
    loaded (a click that navigates returns before the new page is drawn), and
    one refusal must not fail a test. Chromium now and then refuses a
    full-page capture of a page it has drawn ("Unable to capture
    screenshot"), most often on a busy machine; the same capture a moment
    later works."""
    from playwright.sync_api import Error, Page

    capture = Page.screenshot
    if getattr(capture, "retries", False):
        return

    def screenshot(page, *args, **kwargs):
        page.wait_for_load_state("load")
        try:
            return capture(page, *args, **kwargs)
        except Error as error:
            if "Unable to capture screenshot" not in error.message:
                raise
            page.wait_for_timeout(250)
            return capture(page, *args, **kwargs)

    screenshot.retries = True
    Page.screenshot = screenshot


@pytest.fixture(autouse=True)
def _plain_http_cookies(request):
    """The live server speaks plain http, and a browser sends no cookie
    marked secure over it: sessions and CSRF would fail."""
    if "live_server" in request.fixturenames:
        settings = request.getfixturevalue("settings")
        settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def screenshots_dir():
    path = Path(__file__).resolve().parent.parent / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def mail_folder(settings, tmp_path):
    """Mail is written to files, as `make run` does, in a folder of this test."""
    folder = tmp_path / "mail"
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(folder)},
        }
    }
    return folder


@pytest.fixture(scope="session")
def page_checks(tmp_path_factory):
    """axe-core on each page a journey visits, then the Nu checker once over
    all of them when the session ends."""
    checks.require_in_ci()
    page_checks = checks.PageChecks(folder=tmp_path_factory.mktemp("pages"))
    yield page_checks
    errors = page_checks.validate()
    if errors:
        pytest.fail(f"Nu HTML checker: {len(errors)} error(s)\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def watch(request, page_checks):
    """watch(page) returns the page's checker; at the end of a test that
    passed, every page it loaded must have been checked."""
    watched = []

    def watch(page):
        watched.append(page_checks.watch(page))
        return watched[-1]

    yield watch
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        for page in watched:
            page.assert_all_checked()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_report_header(config):
    lines = [
        "browser tests: SKIPPED, Chromium not found (apt-get install chromium)"
        if CHROMIUM is None
        else f"browser tests: Chromium at {CHROMIUM}"
    ]
    missing = checks.missing()
    if missing:
        lines.append("page checks (axe-core, Nu HTML checker): SKIPPED, missing " + "; ".join(missing))
    return lines


def pytest_terminal_summary(terminalreporter):
    missing = checks.missing()
    if missing and CHROMIUM is not None:
        terminalreporter.write_line(
            "browser journeys ran without their page checks (axe-core, Nu HTML checker), missing " + "; ".join(missing)
        )


def versions_shown(*objects) -> list[str]:
    """The versions a decision's page gives these rows as they are now, as
    if the moderator had just been shown them (directory.seen)."""
    from django.contrib import admin

    from directory import seen

    for obj in objects:
        obj.refresh_from_db()
    return [seen.version_token(obj, admin.site._registry[type(obj)].shown(obj)) for obj in objects]
