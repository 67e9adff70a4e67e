from django.urls import path

from . import account_data, claims, gallery, inquiries, open_data, posts, statistics, views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("direktori/", views.business_list, name="business_list"),
    path("direktori/ekspor.csv", open_data.business_export, name="business_export"),
    path("direktori/<slug:slug>/", views.business_detail, name="business_detail"),
    path("direktori/<slug:slug>/klaim/", claims.claim_business, name="claim_business"),
    path("direktori/<slug:slug>/hubungi/", inquiries.inquiry_new, name="inquiry_new"),
    path("sentra/", views.sentra_list, name="sentra_list"),
    path("statistik/", statistics.statistics, name="statistics"),
    path("daftar/", views.join, name="join"),
    path("sentra/<slug:slug>/", views.sentra_detail, name="sentra_detail"),
    path("kolaborasi/", posts.post_list, name="post_list"),
    path("kolaborasi/<int:pk>/", posts.post_detail, name="post_detail"),
    path("dasbor/usaha/<int:pk>/foto/", gallery.gallery, name="gallery"),
    path("dasbor/usaha/<int:pk>/foto/<int:photo_pk>/", gallery.photo_edit, name="photo_edit"),
    path("dasbor/usaha/<int:pk>/foto/<int:photo_pk>/pindah/", gallery.photo_move, name="photo_move"),
    path("dasbor/usaha/<int:pk>/foto/<int:photo_pk>/hapus/", gallery.photo_delete, name="photo_delete"),
    path("dasbor/akun/data/", account_data.account_data, name="account_data"),
    path("dasbor/akun/hapus/", account_data.account_delete, name="account_delete"),
]
