from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("direktori/", views.business_list, name="business_list"),
    path("direktori/<slug:slug>/", views.business_detail, name="business_detail"),
    path("sentra/", views.sentra_list, name="sentra_list"),
    path("daftar/", views.join, name="join"),
    path("sentra/<slug:slug>/", views.sentra_detail, name="sentra_detail"),
]
