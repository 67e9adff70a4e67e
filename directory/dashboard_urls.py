"""The owner's pages, under /dasbor/."""

from django.urls import path

from directory.connect import analytics, inquiry_views, post_views
from directory.listings import dashboard, products, wizard
from directory.pages import views as page_views
from directory.pages.help_text import HELP_SLUG
from directory.sourcing import supplier_views

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("bantuan/", page_views.site_page, {"slug": HELP_SLUG}, name="help"),
    path("usaha/baru/", wizard.listing_new, name="listing_new"),
    path("usaha/<int:pk>/ubah/<slug:step>/", wizard.listing_step, name="listing_step"),
    path("usaha/<int:pk>/tinjau/", wizard.listing_review, name="listing_review"),
    path("usaha/<int:pk>/kirim/", wizard.listing_submit_view, name="listing_submit"),
    path("usaha/<int:pk>/konfirmasi/", wizard.listing_confirm_view, name="listing_confirm"),
    path("usaha/<int:pk>/produk/", products.products, name="products"),
    path("usaha/<int:pk>/produk/baru/", products.product_new, name="product_new"),
    path("usaha/<int:pk>/produk/<int:product_pk>/", products.product_edit, name="product_edit"),
    path("usaha/<int:pk>/produk/<int:product_pk>/hapus/", products.product_delete, name="product_delete"),
    path("usaha/<int:pk>/produk/<int:product_pk>/pindah/", products.product_move, name="product_move"),
    path("usaha/<int:pk>/kolaborasi/", post_views.posts, name="posts"),
    path("usaha/<int:pk>/kolaborasi/baru/", post_views.post_new, name="post_new"),
    path("usaha/<int:pk>/kolaborasi/<int:post_pk>/", post_views.post_edit, name="post_edit"),
    path("usaha/<int:pk>/kolaborasi/<int:post_pk>/hapus/", post_views.post_remove, name="post_delete"),
    path("usaha/<int:pk>/kunjungan/", analytics.business_analytics, name="analytics"),
    path("pesan/", inquiry_views.inbox, name="inbox"),
    path("pesan-terkirim/", inquiry_views.sent_inquiries, name="sent_inquiries"),
    path("pesan/<int:pk>/", inquiry_views.inquiry_detail, name="inquiry"),
    path("pesan/<int:pk>/<slug:action>/", inquiry_views.inquiry_state, name="inquiry_state"),
    path("permintaan/<int:pk>/", supplier_views.request_answer, name="request_answer"),
    path("permintaan/<int:pk>/tolak/", supplier_views.request_decline, name="request_decline"),
    path("permintaan/<int:pk>/lampiran/<int:attachment_pk>/", supplier_views.request_file, name="request_attachment"),
]
