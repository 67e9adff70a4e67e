"""The owner's photo gallery: /dasbor/usaha/<pk>/foto/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.listings import photo_edits
from directory.listings.forms import PhotoEditForm, PhotoMoveForm, PhotoUploadForm
from directory.listings.models import Business, BusinessPhoto


def owned_business(request: HttpRequest, pk: int) -> Business:
    """The signed-in owner's business; 404 for everyone else."""
    return get_object_or_404(Business, pk=pk, owner=request.user)


def owned_photo(request: HttpRequest, pk: int, photo_pk: int) -> BusinessPhoto:
    photos = BusinessPhoto.objects.select_related("business")
    return get_object_or_404(photos, pk=photo_pk, business__pk=pk, business__owner=request.user)


def gallery_url(business_pk: int) -> str:
    return reverse("directory:gallery", args=[business_pk])


@login_required
def gallery(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    photos = list(business.photos.all())
    form = PhotoUploadForm(
        request.POST or None, request.FILES or None, room=BusinessPhoto.MAX_PER_BUSINESS - len(photos)
    )
    if request.method == "POST" and form.is_valid():
        added = add_photos(business, form)
        if added:
            messages.success(request, added_message(business, added))
            # What was refused is said on the next page: once photos are
            # saved, a reload must not send them again.
            for errors in form.errors.values():
                for error in errors:
                    messages.warning(request, error)
        if added or not form.errors:
            return redirect(gallery_url(business.pk))
        photos = list(business.photos.all())
    return render(
        request,
        "listings/gallery.html",
        {
            "business": business,
            "photos": photos,
            "form": form,
            "room": BusinessPhoto.MAX_PER_BUSINESS - len(photos),
            "max_photos": BusinessPhoto.MAX_PER_BUSINESS,
        },
    )


def add_photos(business: Business, form: PhotoUploadForm) -> int:
    """Adds the form's good photos, numbering the description when there are
    several; the refused files stay named on the form. Returns how many were added."""
    added = 0
    many = len(form.photos) > 1
    for number, image in enumerate(form.photos, start=1):
        alt_text = form.cleaned_data["alt_text"]
        if many:
            alt_text = f"{alt_text[: BusinessPhoto._meta.get_field('alt_text').max_length - 8]} ({number})"
        try:
            photo_edits.photo_add(business=business, image=image, alt_text=alt_text)
        except photo_edits.GalleryError as error:
            form.add_error(None, str(error))
            break
        added += 1
    for refusal in form.refused:
        form.add_error("image", refusal)
    return added


def added_message(business: Business, added: int) -> str:
    if business.is_published:
        if added == 1:
            return _("Photo added. It will appear on your public page once BPIPI has checked it.")
        return _("%(count)d photos added. They will appear on your public page once BPIPI has checked them.") % {
            "count": added
        }
    return _("Photo added.") if added == 1 else _("%(count)d photos added.") % {"count": added}


@login_required
def photo_edit(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = owned_photo(request, pk, photo_pk)
    form = PhotoEditForm(request.POST or None, initial={"alt_text": photo.alt_text})
    if request.method == "POST" and form.is_valid():
        photo_edits.photo_update(photo=photo, alt_text=form.cleaned_data["alt_text"])
        messages.success(request, _("The description has been saved."))
        return redirect(gallery_url(pk))
    return render(request, "listings/photo_edit.html", {"business": photo.business, "photo": photo, "form": form})


@login_required
@require_POST
def photo_move(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = owned_photo(request, pk, photo_pk)
    form = PhotoMoveForm(request.POST)
    if form.is_valid():
        photo_edits.photo_move(photo=photo, offset=form.offset)
    # The photo keeps the focus of a keyboard user: back to its place on the page.
    return redirect(f"{gallery_url(pk)}#photo-{photo.pk}")


@login_required
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = owned_photo(request, pk, photo_pk)
    if request.method == "POST":
        photo_edits.photo_delete(photo=photo)
        messages.success(request, _("The photo has been deleted."))
        return redirect(gallery_url(pk))
    return render(request, "listings/photo_delete.html", {"business": photo.business, "photo": photo})
