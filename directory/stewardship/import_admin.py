"""The business admin's import and export pages (django-import-export), with a
preview of what each row becomes before staff confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.results import RowResult

from directory.listings.models import Business
from directory.stewardship import importing
from directory.stewardship.list_files import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    IMPORT_STATUSES,
    BusinessConfirmImportForm,
    BusinessExportForm,
    BusinessImportForm,
    ImportFileError,
)
from directory.stewardship.models import ListImport
from directory.stewardship.resource import BusinessResource


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
            context["imported_before"] = importing.list_imported_before(digest=importing.file_digest(upload.chunks()))
        return response

    def process_import(self, request, **kwargs):
        """The confirmation: django-import-export's, with a claim taken on
        the upload first (importing.list_import_claim), so that confirming
        the same upload again (back button, double click, two tabs) says it
        was imported instead of importing it twice or failing on an upload
        the first confirmation has already removed."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return super().process_import(request, **kwargs)
        data = confirm_form.cleaned_data
        claim = importing.list_import_claim(
            token=data["import_file_name"], file_name=data["original_file_name"], moderator=request.user
        )
        if claim is None:
            return self.already_imported(request, data["import_file_name"])
        result, digest = None, ""
        try:
            input_format = self.get_import_formats()[int(data["format"])](encoding=self.from_encoding)
            tmp_storage = self.get_tmp_storage_class()(
                name=data["import_file_name"],
                encoding=None if input_format.is_binary() else self.from_encoding,
                read_mode=input_format.get_read_mode(),
                **self.get_tmp_storage_class_kwargs(),
            )
            try:
                content = tmp_storage.read()
            except FileNotFoundError:
                content = None
            if not content:
                # Kept a day at most, and lost when the server restarts.
                messages.error(request, _("The uploaded file is no longer on the server. Upload it again."))
                return redirect("admin:directory_business_import")
            digest = importing.file_digest([content])
            result = self.process_dataset(input_format.create_dataset(content), confirm_form, request, **kwargs)
            tmp_storage.remove()
        finally:
            importing.list_import_finish(claim=claim, result=result, digest=digest)
        return self.process_result(result, request)

    def already_imported(self, request, token: str):
        claim = ListImport.objects.filter(token=token).first()
        if claim is not None and claim.finished_at is None:
            messages.warning(
                request,
                _(
                    "This list was already imported: the first confirmation is still saving it. "
                    "Nothing is imported twice."
                ),
            )
        else:
            count = claim.businesses if claim else 0
            messages.warning(
                request,
                ngettext(
                    "This list was already imported (%(count)d business). Nothing is imported twice.",
                    "This list was already imported (%(count)d businesses). Nothing is imported twice.",
                    count,
                )
                % {"count": count},
            )
        return redirect("admin:directory_business_changelist")

    def process_dataset(self, dataset, form, request, **kwargs):
        return importing.business_import(
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
