from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.results import RowResult
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from . import claims, collaboration, services
from .accounts import StaffLoginForm
from .caching import public_data_changed
from .forms import ClaimRejectionForm, PostRejectionForm
from .models import (
    Business,
    BusinessChange,
    BusinessClaim,
    BusinessPhoto,
    Certification,
    CollaborationPost,
    Inquiry,
    MarketplaceShop,
    ModerationLog,
    Product,
    ProductCategory,
    Province,
    Regency,
    Role,
    Sentra,
    User,
)
from .moderation_admin import (
    BusinessChangeModerationMixin,
    BusinessModerationMixin,
    admin_action,
    ask_for_reason,
    decision_buttons,
    next_page,
    safe_next,
)
from .resources import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    IMPORT_STATUSES,
    BusinessConfirmImportForm,
    BusinessExportForm,
    BusinessImportForm,
    BusinessResource,
    ImportFileError,
)
from .search import refresh_search_index
from .stewardship import StewardshipAdminMixin
from .templatetags.ifn import responsive_image

admin.site.login_form = StaffLoginForm
admin.site.site_header = _("IFN administration")
admin.site.site_title = _("IFN administration")
admin.site.index_title = _("Moderation and reference data")


admin.site.unregister(Tag)


class SearchedRowsAdmin(admin.ModelAdmin):
    """Rows whose slug or name businesses carry in their search columns and
    facet keys (directory.search): renaming or deleting one rewrites those
    columns of every business that has it, or the listing would still filter
    and search by the old slug and name. Every change ends by emptying the
    public caches."""

    # The fields whose change rewrites the businesses' columns.
    searched_fields: tuple[str, ...] = ()

    def businesses_of(self, obj) -> QuerySet:
        return obj.businesses.all()

    def affected(self, objs) -> set[int]:
        return {pk for obj in objs for pk in self.businesses_of(obj).values_list("pk", flat=True)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and set(form.changed_data) & set(self.searched_fields):
            refresh_search_index(self.affected([obj]))
        public_data_changed()

    def delete_model(self, request, obj):
        affected = self.affected([obj])
        super().delete_model(request, obj)
        refresh_search_index(affected)
        public_data_changed()

    def delete_queryset(self, request, queryset):
        affected = self.affected(queryset)
        super().delete_queryset(request, queryset)
        refresh_search_index(affected)
        public_data_changed()


class ReferenceDataAdmin(SearchedRowsAdmin):
    """Reference rows are also cached as the directory's filter options."""

    searched_fields = ("slug", "name", "name_en")


@admin.register(Tag)
class TagAdmin(SearchedRowsAdmin, TaggitTagAdmin):
    """django-taggit's tag admin, whose merge page rewrites the tags of every
    business yet checks no permission of its own: any staff account, a
    moderator without rights on tags included, could open it."""

    searched_fields = ("slug", "name")

    def businesses_of(self, obj) -> QuerySet:
        return Business.objects.filter(tags=obj)

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = [pk for pk in request.session.get("selected_tag_ids", "").split(",") if pk.isdigit()]
        affected = self.affected(Tag.objects.filter(pk__in=chosen)) if request.method == "POST" else set()
        response = super().merge_tags_view(request)
        if affected:
            refresh_search_index(affected)
            public_data_changed()
        return response


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "language", "password1", "password2"]}),
    ]


class RegencyInline(admin.TabularInline):
    model = Regency
    fields = ["code", "name", "kind"]
    extra = 0
    show_change_link = True


@admin.register(Province)
class ProvinceAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "regency_count"]
    search_fields = ["code", "name"]
    inlines = [RegencyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(regency_total=Count("regencies"))

    def save_formset(self, request, form, formset, change):
        """A regency renamed on its province's page rewrites its businesses' search columns too."""
        renamed = [regency.instance for regency in formset.forms if "name" in regency.changed_data]
        super().save_formset(request, form, formset, change)
        if renamed:
            refresh_search_index(Business.objects.filter(regency__in=renamed).values_list("pk", flat=True))
            public_data_changed()

    @admin.display(description=_("regencies and cities"), ordering="regency_total")
    def regency_count(self, obj):
        return obj.regency_total


@admin.register(Regency)
class RegencyAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["code", "name", "province__name"]


@admin.register(Sentra)
class SentraAdmin(ReferenceDataAdmin):
    list_display = ["name", "regency", "province"]
    list_select_related = ["regency__province"]
    list_filter = ["regency__province"]
    search_fields = ["name", "regency__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regency"]
    searched_fields = ("slug", "name", "regency")

    @admin.display(description=_("province"), ordering="regency__province__name")
    def province(self, obj):
        return obj.regency.province


@admin.register(Role)
class RoleAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(ProductCategory)
class ProductCategoryAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug", "kind", "order"]
    list_editable = ["order"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Certification)
class CertificationAdmin(ReferenceDataAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}


def image_preview(image) -> str:
    """A small thumbnail, so staff see what they moderate; the smallest
    stored variant is enough."""
    return responsive_image(image, sizes="96px", **{"class": "admin-thumb"}) or "–"


class MarketplaceShopInline(admin.TabularInline):
    model = MarketplaceShop
    extra = 0


class BusinessPhotoInline(admin.TabularInline):
    model = BusinessPhoto
    fields = ["preview", "image", "alt_text", "order", "pending_review"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)


class ProductInline(admin.StackedInline):
    model = Product
    fields = [
        ("name", "category"),
        ("preview", "photo"),
        ("material", "minimum_order"),
        ("price_min", "price_max"),
        "description",
        "order",
    ]
    autocomplete_fields = ["category"]
    readonly_fields = ["preview"]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.photo)


class ModerationLogInline(admin.TabularInline):
    """The business's moderation record, newest first, read-only."""

    model = ModerationLog
    fields = ["created_at", "action", "moderator", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("moderation log")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("moderator")


class BusinessImportExportMixin(ImportExportMixin):
    """Community lists in (CSV or XLSX, checked in a preview, committed all or
    nothing by services.business_import) and the filtered changelist out."""

    resource_classes = [BusinessResource]
    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    import_form_class = BusinessImportForm
    confirm_form_class = BusinessConfirmImportForm
    import_template_name = "admin/directory/business/import.html"
    export_form_class = BusinessExportForm
    export_template_name = "admin/directory/business/export.html"
    # Excel reads a CSV as UTF-8 only when it starts with the byte-order mark.
    to_encoding = "utf-8-sig"
    # Each business gets an "imported" entry in its own moderation log instead.
    skip_admin_log = True

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        status = getattr(form, "cleaned_data", {}).get("status", Business.Status.DRAFT)
        return {"status": status}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["status"] = import_form.cleaned_data["status"]
        return initial

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = response.context_data
        upload = context["form"].cleaned_data.get("import_file") if context["form"].is_bound else None
        if not context.get("confirm_form") and getattr(upload, "tmp_storage_name", None):
            # The library keeps the upload for the confirm step; a refused
            # file never gets one.
            self.get_tmp_storage_class()(name=upload.tmp_storage_name, read_mode="rb").remove()
        context["title"] = _("Import businesses")
        context["preview_rows"] = PREVIEW_ROWS
        if context.get("confirm_form"):
            context["status_label"] = dict(IMPORT_STATUSES)[context["confirm_form"].initial["status"]]
        return response

    def process_dataset(self, dataset, form, request, **kwargs):
        return services.business_import(
            dataset=dataset,
            status=form.cleaned_data["status"],
            moderator=request.user,
            file_name=form.cleaned_data["original_file_name"],
        )

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between preview and confirmation (another
            # import, say): show what is wrong now instead of a success page.
            context = {
                **self.admin_site.each_context(request),
                "title": _("Import businesses"),
                "opts": self.model._meta,
                "form": self.get_import_form_class(request)(
                    self.get_import_formats(), self.get_import_resource_classes(request)
                ),
                "result": result,
                "preview_rows": PREVIEW_ROWS,
                "fields_list": [("", [field.column_name for field in BusinessResource().get_user_visible_fields()])],
            }
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error("import_file", _("The file cannot be read as a table. Save it again as .xlsx or as CSV."))

    def add_success_message(self, result, request):
        count = result.totals[RowResult.IMPORT_TYPE_NEW]
        messages.success(request, ngettext("%d business imported.", "%d businesses imported.", count) % count)

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["title"] = _("Export businesses")
        context["export_count"] = self.get_export_queryset(request).count()
        context["fields_list"] = [("", BusinessResource().get_export_order())]
        return context

    def get_export_filename(self, request, queryset, file_format):
        return f"ifn-businesses-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"


# The import preview lists this many rows; errors and warnings are all listed.
PREVIEW_ROWS = 100


@admin.register(Business)
class BusinessAdmin(BusinessImportExportMixin, StewardshipAdminMixin, BusinessModerationMixin, admin.ModelAdmin):
    list_display = ["name", "status", "verified", "featured", "stage", "province", "regency", "owner", "updated_at"]
    list_filter = ["status", "verified", "featured", "stage", "roles", "size", "export_ready", "province"]
    list_select_related = ["province", "regency", "owner"]
    search_fields = ["name", "slug", "owner__email", "email", "phone", "whatsapp", "regency__name"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["owner", "province", "regency", "sentra", "categories", "certifications"]
    filter_horizontal = ["roles"]
    readonly_fields = ["created_at", "updated_at", "logo_preview"]
    inlines = [MarketplaceShopInline, BusinessPhotoInline, ProductInline, ModerationLogInline]

    @admin.display(description=_("current logo"))
    def logo_preview(self, obj):
        return image_preview(obj.logo)

    def save_model(self, request, obj, form, change):
        if obj.status == Business.Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Categories and tags are saved here, after the business itself.
        refresh_search_index([form.instance.pk])
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_data_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_data_changed()

    fieldsets = [
        (None, {"fields": ["name", "slug", "owner", "tagline"]}),
        (_("Moderation"), {"fields": ["status", "rejection_reason", "verified", "featured"]}),
        (_("Value chain"), {"fields": ["roles", "stage", "categories", "tags", "certifications"]}),
        (_("About"), {"fields": ["description", "description_en", "founded_year", "size", "logo_preview", "logo"]}),
        (
            _("Capacity and export"),
            {"fields": ["monthly_capacity", "minimum_order", "export_ready", "export_markets"]},
        ),
        (_("Location"), {"fields": ["address", "province", "regency", "sentra", "postal_code"]}),
        (
            _("Contact"),
            {"fields": ["phone", "whatsapp", "email", "website", "instagram", "facebook", "youtube", "tiktok"]},
        ),
        (_("Dates"), {"fields": ["created_at", "updated_at", "published_at", "last_confirmed_at"]}),
    ]


@admin.register(BusinessPhoto)
class BusinessPhotoAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "business", "order", "pending_review", "width", "height", "created_at"]
    list_display_links = ["preview", "alt_text"]
    readonly_fields = ["preview"]
    list_select_related = ["business"]
    list_filter = ["pending_review"]
    search_fields = ["alt_text", "business__name"]
    autocomplete_fields = ["business"]
    actions = ["approve_photos", "reject_photos"]
    subject = "photo"  # what ask_for_reason calls the row it decides on

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj.image)

    @admin.action(description=_("Show the selected photos to the public"), permissions=["change"])
    def approve_photos(self, request, queryset):
        count = queryset.filter(pending_review=True).update(pending_review=False)
        public_data_changed()
        self.message_user(request, ngettext("%d photo approved.", "%d photos approved.", count) % count)

    @admin_action(description=_("Remove the selected photos, with a reason for the owners"))
    def reject_photos(self, request, queryset):
        """First a page that asks for the reason, then the removal: each owner
        is told by email, and the business's record keeps the decision."""
        return ask_for_reason(
            self,
            request,
            queryset.select_related("business__owner").order_by("business__name", "order"),
            action="reject_photos",
            title=_("Remove photos"),
            button=_("Remove the photos"),
            decide=services.photo_reject,
            done=lambda count: ngettext("%d photo removed.", "%d photos removed.", count) % count,
            template="admin/directory/businessphoto/reject.html",
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_data_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_data_changed()


@admin.register(BusinessClaim)
class BusinessClaimAdmin(admin.ModelAdmin):
    """Staff read claims and their evidence here; deciding goes through the
    services, so the claimant becomes the owner and rival claims are closed."""

    list_display = ["business", "claimant", "position", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["business", "claimant", "decided_by"]
    search_fields = ["business__name", "claimant__email", "claimant__name", "phone"]
    date_hierarchy = "created_at"
    fields = [
        "business",
        "claimant",
        "position",
        "phone",
        "note",
        "document_link",
        "status",
        "reason",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["approve_claims", "reject_claims"]
    change_form_template = "admin/directory/moderated_change_form.html"

    # Claims come from claimants, and stay as the record of staff's decisions.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/dokumen/",
                self.admin_site.admin_view(claims.claim_document),
                name="directory_businessclaim_document",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("photo of a document"))
    def document_link(self, obj):
        if not obj.document:
            return "—"
        url = reverse("admin:directory_businessclaim_document", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the document"))

    @admin.action(description=_("Approve the selected claims (the claimant becomes the owner)"), permissions=["change"])
    def approve_claims(self, request, queryset):
        approved = 0
        for claim in queryset.filter(status=BusinessClaim.Status.PENDING).order_by("created_at"):
            try:
                services.claim_approve(claim=claim, moderator=request.user)
            except services.ClaimError as error:
                self.message_user(request, f"{claim.business}: {error}", messages.WARNING)
            else:
                approved += 1
        self.message_user(request, ngettext("%d claim approved.", "%d claims approved.", approved) % approved)
        return next_page(request)

    @admin.action(description=_("Reject the selected claims with a reason"), permissions=["change"])
    def reject_claims(self, request, queryset):
        """First a page that asks for the reason, then the rejection."""
        pending = queryset.filter(status=BusinessClaim.Status.PENDING).select_related("business", "claimant")
        form = ClaimRejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            rejected = 0
            for claim in pending:
                try:
                    services.claim_reject(claim=claim, moderator=request.user, reason=form.cleaned_data["reason"])
                except services.ClaimError as error:
                    self.message_user(request, f"{claim.business}: {error}", messages.WARNING)
                else:
                    rejected += 1
            self.message_user(request, ngettext("%d claim rejected.", "%d claims rejected.", rejected) % rejected)
            return next_page(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject claims"),
            "opts": self.model._meta,
            "claims": pending,
            "form": form,
            "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "next": safe_next(request),
        }
        return TemplateResponse(request, "admin/directory/businessclaim/reject.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.is_pending:
            buttons = [("approve_claims", _("Approve")), ("reject_claims", _("Reject…"))]
            decision_buttons(self, request, context, obj, buttons, back_to_queue=True)
        # Nothing here is edited by hand: decisions are the buttons above.
        context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "business", "category", "price_min", "price_max", "minimum_order"]
    list_select_related = ["business", "category"]
    list_filter = ["category__kind", "category"]
    search_fields = ["name", "material", "business__name"]
    autocomplete_fields = ["business", "category"]


@admin.register(MarketplaceShop)
class MarketplaceShopAdmin(admin.ModelAdmin):
    list_display = ["business", "marketplace", "url"]
    list_select_related = ["business"]
    list_filter = ["marketplace"]
    search_fields = ["business__name", "url"]
    autocomplete_fields = ["business"]


@admin.register(BusinessChange)
class BusinessChangeAdmin(BusinessChangeModerationMixin, admin.ModelAdmin):
    """Owners' changes to published listings. Approving and rejecting go
    through directory.services (change_approve, change_reject), never through
    this form, so the values are read-only here."""

    list_display = ["business", "status", "submitted_by", "updated_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["business", "submitted_by", "decided_by"]
    search_fields = ["business__name", "submitted_by__email"]
    fields = [
        "business",
        "differences",
        "submitted_by",
        "created_at",
        "updated_at",
        "status",
        "reason",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    """Every decision, for reading only: nobody edits or deletes the record."""

    list_display = ["created_at", "business_name", "action", "moderator", "reason"]
    list_filter = ["action"]
    list_select_related = ["moderator"]
    search_fields = ["business_name", "moderator__email", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CollaborationPost)
class CollaborationPostAdmin(admin.ModelAdmin):
    """Staff read posts here, oldest waiting first; approving and rejecting go
    through directory.collaboration, which logs the decision and emails the
    owner. The owner's words are read-only: staff reject with a reason
    rather than rewrite them."""

    list_display = ["title", "business", "kind", "status", "until", "submitted_at", "published_at"]
    list_filter = ["status", "kind", "categories"]
    list_select_related = ["business"]
    search_fields = ["title", "description", "business__name"]
    ordering = ["submitted_at", "id"]
    date_hierarchy = "created_at"
    fields = [
        "business",
        "kind",
        "title",
        "categories",
        "description",
        "until",
        "status",
        "rejection_reason",
        "created_at",
        "submitted_at",
        "published_at",
    ]
    readonly_fields = fields
    actions = ["approve_posts", "reject_posts"]

    # Posts come from owners, who also delete them.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @staticmethod
    def base_url(request) -> str:
        return request.build_absolute_uri("/").rstrip("/")

    @admin.action(description=_("Approve the selected posts (they become public)"))
    def approve_posts(self, request, queryset):
        approved = 0
        for post in queryset.filter(status=CollaborationPost.Status.PENDING).order_by("submitted_at", "id"):
            try:
                collaboration.post_approve(post=post, moderator=request.user, base_url=self.base_url(request))
            except collaboration.PostError as error:
                self.message_user(request, f"{post}: {error}", messages.WARNING)
            else:
                approved += 1
        self.message_user(request, ngettext("%d post approved.", "%d posts approved.", approved) % approved)

    @admin.action(description=_("Reject the selected posts with a reason"))
    def reject_posts(self, request, queryset):
        """First a page that asks for the reason, then the rejection."""
        decidable = queryset.filter(
            status__in=[CollaborationPost.Status.PENDING, CollaborationPost.Status.PUBLISHED]
        ).select_related("business")
        form = PostRejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            rejected = 0
            for post in decidable:
                try:
                    collaboration.post_reject(
                        post=post,
                        moderator=request.user,
                        reason=form.cleaned_data["reason"],
                        base_url=self.base_url(request),
                    )
                except collaboration.PostError as error:
                    self.message_user(request, f"{post}: {error}", messages.WARNING)
                else:
                    rejected += 1
            self.message_user(request, ngettext("%d post rejected.", "%d posts rejected.", rejected) % rejected)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject collaboration posts"),
            "opts": self.model._meta,
            "posts": decidable,
            "form": form,
            "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/directory/collaborationpost/reject.html", context)


# Inquiries ------------------------------------------------------------------------------


class MailStatusFilter(admin.SimpleListFilter):
    title = _("mail")
    parameter_name = "mail"

    def lookups(self, request, model_admin):
        return [("pending", _("not all sent")), ("sent", _("sent"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.mail_pending()
        if self.value() == "sent":
            return queryset.exclude(pk__in=Inquiry.objects.mail_pending().values("pk"))
        return queryset


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    """What visitors wrote, for staff who look into spam or mail that did not
    go out. Staff read and delete here; owners answer in their inbox."""

    list_display = ["created_at", "business", "name", "email", "sender_type", "country", "mail_sent", "mail_attempts"]
    list_filter = [MailStatusFilter, "sender_type", "created_at"]
    list_select_related = ["business"]
    search_fields = ["name", "email", "company", "business__name"]
    date_hierarchy = "created_at"
    actions = ["send_mail_again"]
    readonly_fields = [field.name for field in Inquiry._meta.fields]

    @admin.display(boolean=True, description=_("mail sent"))
    def mail_sent(self, inquiry: Inquiry) -> bool:
        return inquiry.owner_mailed_at is not None and inquiry.sender_mailed_at is not None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the mail that has not gone out yet"), permissions=["view"])
    def send_mail_again(self, request, queryset):
        sent = sum(
            services.inquiry_send_mail(inquiry=inquiry)
            for inquiry in queryset.mail_pending().select_related("business__owner")
        )
        self.message_user(
            request,
            ngettext("%d inquiry mailed.", "%d inquiries mailed.", sent) % sent,
            messages.SUCCESS,
        )
