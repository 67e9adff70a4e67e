"""The public pages' URLs (the URL contract of the product brief); each view
lives in its capability's package."""

from django.urls import path

from directory.browse import home, listing, open_data, profile, sentra, statistics
from directory.connect import inquiry_views, post_views
from directory.listings import gallery
from directory.pages import views as page_views
from directory.privacy import views as privacy_views
from directory.review import claim_views
from directory.sourcing import figures as sourcing_figures
from directory.sourcing import views as sourcing_views

app_name = "directory"

urlpatterns = [
    path("", home.home, name="home"),
    path("direktori/", listing.business_list, name="business_list"),
    path("direktori/ekspor.csv", open_data.business_export, name="business_export"),
    path("direktori/<slug:slug>/", profile.business_detail, name="business_detail"),
    path("direktori/<slug:slug>/klaim/", claim_views.claim_business, name="claim_business"),
    path("direktori/<slug:slug>/hubungi/", inquiry_views.inquiry_new, name="inquiry_new"),
    path("direktori/<slug:slug>/hubungi/terkirim/", inquiry_views.inquiry_sent, name="inquiry_sent"),
    path("sentra/", sentra.sentra_list, name="sentra_list"),
    path("statistik/", statistics.statistics, name="statistics"),
    path("daftar/", home.join, name="join"),
    path("sentra/<slug:slug>/", sentra.sentra_detail, name="sentra_detail"),
    path("kolaborasi/", post_views.post_list, name="post_list"),
    path("kolaborasi/<int:pk>/", post_views.post_detail, name="post_detail"),
    path("dasbor/usaha/<int:pk>/foto/", gallery.gallery, name="gallery"),
    path("dasbor/usaha/<int:pk>/foto/<int:photo_pk>/", gallery.photo_edit, name="photo_edit"),
    path("dasbor/usaha/<int:pk>/foto/<int:photo_pk>/pindah/", gallery.photo_move, name="photo_move"),
    path("dasbor/usaha/<int:pk>/foto/<int:photo_pk>/hapus/", gallery.photo_delete, name="photo_delete"),
    path("permintaan/", sourcing_views.request_list, name="request_list"),
    path("permintaan/angka.csv", sourcing_figures.request_figures_csv, name="request_figures"),
    path("permintaan/baru/", sourcing_views.request_new, name="request_new"),
    path("permintaan/baru/terkirim/", sourcing_views.request_sent, name="request_sent"),
    path("permintaan/konfirmasi/<str:token>/", sourcing_views.request_confirm, name="request_confirm"),
    path("permintaan/<int:pk>/", sourcing_views.request_detail, name="request_detail"),
    path("permintaan/<slug:token>/", sourcing_views.request_buyer, name="request_buyer"),
    path("permintaan/<slug:token>/tutup/", sourcing_views.request_close, name="request_close"),
    path(
        "permintaan/<slug:token>/penawaran/<int:quote_pk>/<slug:action>/",
        sourcing_views.quote_decide,
        name="quote_decide",
    ),
    path("permintaan/<slug:token>/berkas/<slug:kind>/<int:pk>/", sourcing_views.buyer_file, name="buyer_file"),
    path("tentang/", page_views.site_page, {"slug": "tentang"}, name="about"),
    path("kontak/", page_views.site_page, {"slug": "kontak"}, name="contact"),
    path("privasi/", page_views.site_page, {"slug": "privasi"}, name="privacy"),
    path("ketentuan/", page_views.site_page, {"slug": "ketentuan"}, name="terms"),
    path("dasbor/akun/data/", privacy_views.account_data, name="account_data"),
    path("dasbor/akun/hapus/", privacy_views.account_delete, name="account_delete"),
]
