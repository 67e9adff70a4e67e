"""The owner's pages, under /dasbor/."""

from django.urls import path

from . import analytics, dashboard, inquiries, posts

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("usaha/baru/", dashboard.listing_new, name="listing_new"),
    path("usaha/<int:pk>/ubah/<slug:step>/", dashboard.listing_step, name="listing_step"),
    path("usaha/<int:pk>/tinjau/", dashboard.listing_review, name="listing_review"),
    path("usaha/<int:pk>/kirim/", dashboard.listing_submit_view, name="listing_submit"),
    path("usaha/<int:pk>/konfirmasi/", dashboard.listing_confirm_view, name="listing_confirm"),
    path("usaha/<int:pk>/produk/", dashboard.products, name="products"),
    path("usaha/<int:pk>/produk/baru/", dashboard.product_new, name="product_new"),
    path("usaha/<int:pk>/produk/<int:product_pk>/", dashboard.product_edit, name="product_edit"),
    path("usaha/<int:pk>/produk/<int:product_pk>/hapus/", dashboard.product_delete, name="product_delete"),
    path("usaha/<int:pk>/produk/<int:product_pk>/pindah/", dashboard.product_move, name="product_move"),
    path("usaha/<int:pk>/kolaborasi/", posts.posts, name="posts"),
    path("usaha/<int:pk>/kolaborasi/baru/", posts.post_new, name="post_new"),
    path("usaha/<int:pk>/kolaborasi/<int:post_pk>/", posts.post_edit, name="post_edit"),
    path("usaha/<int:pk>/kolaborasi/<int:post_pk>/hapus/", posts.post_remove, name="post_delete"),
    path("usaha/<int:pk>/kunjungan/", analytics.business_analytics, name="analytics"),
    path("pesan/", inquiries.inbox, name="inbox"),
    path("pesan/<int:pk>/", inquiries.inquiry_detail, name="inquiry"),
    path("pesan/<int:pk>/<slug:action>/", inquiries.inquiry_state, name="inquiry_state"),
]
