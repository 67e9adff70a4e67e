"""Every account and owner page fits a 360 px phone, in both languages, with
the data that breaks layouts: a 60-character e-mail address, a long business
name, words longer than the screen. Nothing may stick out of the page or be
cut off inside it."""

import datetime

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import translation

from directory.connect.models import CollaborationPost, Inquiry
from directory.image_uploads import process_image
from directory.listings import photo_edits
from directory.models import Product, ProductCategory, User
from tests.conftest import fits
from tests.listings.test_browser_dashboard import signed_in_page
from tests.listings.test_gallery import upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_EMAIL = "dewi.kusumawardhani.perajin.sepatu.kulit@sentra-cibaduyut.co.id"
LONG_NAME = "Perusahaan Dagang Sepatu Kulit Asli Buatan Tangan Cibaduyut Sejahtera Abadi Sentosa"
LONG_WORD = "Sepatukulitaslibuatantanganberkualitastinggidaribengkelkeluarga"

# Elements that stick out of the screen or hide part of their own content.
OUT_OF_BOUNDS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden
    if (element.closest(".skip-link")) continue;  // shown on focus only
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
      (element.className && typeof element.className === "string" ? "." + element.className : "");
    if (box.right > width + 0.5 || box.left < -0.5) found.push("outside: " + name);
    // A text field scrolls its own long value, as every text field does.
    const clips = ["hidden", "clip"].includes(style.overflowX) && !element.matches("input, textarea, select");
    if (clips && element.scrollWidth > element.clientWidth + 1) found.push("cut off: " + name);
  }
  return found;
}"""


@pytest.fixture
def long_owner(reference):
    user = User.objects.create_user(LONG_EMAIL, "rahasia-panjang-sekali", name="Dewi Kusumawardhani")
    EmailAddress.objects.create(user=user, email=LONG_EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def long_listing(make_business, long_owner):
    business = make_business(
        name=LONG_NAME,
        owner=long_owner,
        tagline=LONG_WORD,
        description=f"{LONG_WORD} {LONG_WORD}",
        email="layanan.pelanggan.pemesanan.grosir@sentra-cibaduyut.co.id",
        website="https://www.sepatu-kulit-asli-buatan-tangan-cibaduyut-sejahtera.co.id/katalog/terbaru",
        address=f"Jalan {LONG_WORD} Nomor 123456789",
    )
    category = ProductCategory.objects.get(slug="sneakers")
    product = Product.objects.create(
        business=business, name=f"Pantofel {LONG_WORD}", category=category, price_min=350_000
    )
    photo = photo_edits.photo_add(business=business, image=process_image(upload()), alt_text=LONG_WORD)
    post = CollaborationPost.objects.create(
        business=business,
        kind="seek",
        title=f"Mencari {LONG_WORD}",
        description=LONG_WORD,
        until=datetime.date.today() + datetime.timedelta(days=30),
    )
    inquiry = Inquiry.objects.create(
        business=business,
        name="Pembeli dari Luar Negeri",
        email="international.procurement.department@footwear-buyers-group.example.com",
        sender_type="buyer",
        country="Netherlands",
        message=f"Halo, {LONG_WORD}? " * 3,
    )
    return business, product, photo, post, inquiry


def owner_paths(business, product, photo, post, inquiry) -> list[str]:
    pk = business.pk
    return [
        reverse("dashboard:home"),
        *(
            reverse("dashboard:listing_step", args=[pk, step])
            for step in ("usaha", "profil", "lokasi", "kontak", "logo")
        ),
        reverse("dashboard:listing_review", args=[pk]),
        reverse("dashboard:listing_new"),
        reverse("directory:gallery", args=[pk]),
        reverse("directory:photo_edit", args=[pk, photo.pk]),
        reverse("directory:photo_delete", args=[pk, photo.pk]),
        reverse("dashboard:products", args=[pk]),
        reverse("dashboard:product_new", args=[pk]),
        reverse("dashboard:product_edit", args=[pk, product.pk]),
        reverse("dashboard:product_delete", args=[pk, product.pk]),
        reverse("dashboard:posts", args=[pk]),
        reverse("dashboard:post_new", args=[pk]),
        reverse("dashboard:post_edit", args=[pk, post.pk]),
        reverse("dashboard:post_delete", args=[pk, post.pk]),
        reverse("dashboard:analytics", args=[pk]),
        reverse("dashboard:inbox"),
        reverse("dashboard:inquiry", args=[inquiry.pk]),
        reverse("dashboard:sent_inquiries"),
        reverse("dashboard:help"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        reverse("directory:account_data"),
        reverse("directory:account_delete"),
    ]


def signed_out_paths(user) -> list[str]:
    unconfirmed = EmailAddress.objects.create(user=user, email="2" + LONG_EMAIL, verified=False, primary=False)
    key = default_token_generator.make_token(user)
    return [
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_email_verification_sent"),
        reverse("account_confirm_email", args=[EmailConfirmationHMAC(unconfirmed).key]),
        reverse("account_reset_password"),
        reverse("account_reset_password_done"),
        reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key}),
        reverse("account_reset_password_from_key_done"),
    ]


def misfits(page, url, screenshots_dir, name) -> list[str]:
    """What does not fit on the page at `url` (nothing, when all is well)."""
    response = page.goto(url)
    assert response.status < 400, (url, response.status)
    page.screenshot(path=screenshots_dir / f"narrow-{name}-360.png", full_page=True)
    found = page.evaluate(OUT_OF_BOUNDS)
    if not fits(page, 360):
        found.append(f"page scrolls sideways: {page.evaluate('document.documentElement.scrollWidth')} px")
    return found


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_fits_every_owner_page_on_a_phone(browser, live_server, long_owner, long_listing, screenshots_dir, language):
    prefix = "/en" if language == "en" else ""
    with translation.override("id"):
        paths = owner_paths(*long_listing)
    page = signed_in_page(browser, live_server, long_owner, 360)
    problems = {}
    for number, path in enumerate(paths):
        name = f"{language}-{number:02d}-" + path.strip("/").replace("/", "-")
        if found := misfits(page, live_server.url + prefix + path, screenshots_dir, name):
            problems[path] = found[:5]
    assert problems == {}
    page.context.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_fits_every_account_page_on_a_phone(browser, live_server, long_owner, screenshots_dir, language):
    prefix = "/en" if language == "en" else ""
    with translation.override("id"):
        paths = signed_out_paths(long_owner)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    problems = {}
    for number, path in enumerate(paths):
        name = f"account-{language}-{number:02d}"
        if found := misfits(page, live_server.url + prefix + path, screenshots_dir, name):
            problems[path] = found[:5]
    assert problems == {}
    # The e-mail confirmation page names the long address the code went to.
    page.goto(live_server.url + prefix + reverse("account_signup"))
    page.locator("#id_email").fill("3" + LONG_EMAIL)
    page.locator("#id_password1").fill("kata-sandi-yang-panjang-1")
    page.locator("#id_password2").fill("kata-sandi-yang-panjang-1")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("domcontentloaded")
    assert fits(page, 360), page.evaluate(OUT_OF_BOUNDS)
    assert page.evaluate(OUT_OF_BOUNDS) == []
    page.screenshot(path=screenshots_dir / f"narrow-account-{language}-signed-up-360.png", full_page=True)
    page.close()
