"""Collaboration posts: the public list /kolaborasi/ and each post's page,
and the owner's posts under /dasbor/usaha/<pk>/kolaborasi/.

Owner pages find the business through `owned_business()` (404 to anyone
else); writing and deciding go through connect.posts.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from directory.caching import cached_for_visitors
from directory.connect.filters import CollaborationPostFilter
from directory.connect.forms import CollaborationPostForm
from directory.connect.models import CollaborationPost
from directory.connect.partners import partner_suggestions
from directory.connect.posts import PostError, can_post, post_delete, post_save
from directory.listings.dashboard import owned_business

POSTS_PER_PAGE = 20
MAX_POSTS_PER_BUSINESS = 20


def public_posts():
    """Every live post with what its card shows, newest first."""
    return (
        CollaborationPost.objects.published()
        .select_related("business__province", "business__regency")
        .prefetch_related("categories")
        .order_by("-published_at", "-id")
    )


@cached_for_visitors(parameters=(*CollaborationPostFilter.base_filters, "page"))
def post_list(request: HttpRequest) -> HttpResponse:
    filterset = CollaborationPostFilter(request.GET, queryset=public_posts())
    # An unknown value (an old link, a typo) shows the message next to its
    # filter and every post, rather than an empty page.
    posts = filterset.qs if filterset.is_valid() else public_posts()
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "connect/post_list.html", {"filterset": filterset, "page": page})


def answer_url(post: CollaborationPost) -> str:
    """Where "Answer" leads: the business's inquiry form, told which post is
    answered, when the site has one; else the contacts on its profile."""
    profile = post.business.get_absolute_url()
    form = f"{profile}hubungi/"
    try:
        resolve(form)
    except Resolver404:
        return f"{profile}#contact-heading"
    return f"{form}?post={post.pk}"


@cached_for_visitors
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        CollaborationPost.objects.select_related("business__province", "business__regency").prefetch_related(
            "categories"
        ),
        pk=pk,
    )
    user = request.user
    is_owner = user.is_authenticated and post.business.owner_id == user.pk
    # The owner and staff preview a post the public cannot see (yet).
    if not post.is_public and not (is_owner or user.is_staff):
        raise Http404
    return render(
        request,
        "connect/post_detail.html",
        {"post": post, "answer_url": answer_url(post), "is_owner": is_owner},
    )


# The owner's posts --------------------------------------------------------------------


@login_required
def posts(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    items = list(business.collaboration_posts.prefetch_related("categories").order_by("-created_at", "-id"))
    return render(
        request,
        "connect/posts.html",
        {
            "business": business,
            "posts": items,
            "can_post": can_post(business),
            "can_add": len(items) < MAX_POSTS_PER_BUSINESS,
            "partners": partner_suggestions(business) if business.is_published else [],
        },
    )


def owned_post(business, post_pk: int) -> CollaborationPost:
    return get_object_or_404(CollaborationPost, pk=post_pk, business=business)


def _edit(request: HttpRequest, business, post: CollaborationPost | None) -> HttpResponse:
    if not can_post(business):
        messages.error(request, _("Your listing must be published before you can post what you seek or offer."))
        return redirect("dashboard:posts", business.pk)
    form = CollaborationPostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            post_save(
                business=business,
                user=request.user,
                post=post,
                submit=submit,
                **{
                    name: form.cleaned_data[name]
                    for name in ("kind", "title", "title_en", "description", "description_en", "until", "categories")
                },
            )
        except PostError as error:
            messages.error(request, str(error))
        else:
            if submit:
                messages.success(request, _("Post sent. BPIPI staff will check it before it is shown."))
            else:
                messages.success(request, _("Post saved as a draft. Send it for review when it is ready."))
            return redirect("dashboard:posts", business.pk)
    return render(request, "connect/post_form.html", {"business": business, "form": form, "post": post})


@login_required
def post_new(request: HttpRequest, pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    if business.collaboration_posts.count() >= MAX_POSTS_PER_BUSINESS:
        messages.error(
            request,
            _("A business can keep at most %(count)d posts. Delete an old one first.")
            % {"count": MAX_POSTS_PER_BUSINESS},
        )
        return redirect("dashboard:posts", business.pk)
    return _edit(request, business, None)


@login_required
def post_edit(request: HttpRequest, pk: int, post_pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    return _edit(request, business, owned_post(business, post_pk))


@login_required
def post_remove(request: HttpRequest, pk: int, post_pk: int) -> HttpResponse:
    business = owned_business(request, pk)
    post = owned_post(business, post_pk)
    if request.method == "POST":
        post_delete(post=post, user=request.user)
        messages.success(request, _("Post deleted."))
        return redirect("dashboard:posts", business.pk)
    return render(request, "connect/post_delete.html", {"business": business, "post": post})
