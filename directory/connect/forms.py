"""The owner's collaboration post form and the reason staff give when they
reject a post."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.connect.models import CollaborationPost
from directory.taxonomy.models import ProductCategory


class CollaborationPostForm(forms.ModelForm):
    """What an owner seeks or offers. The business and the status are set by
    the view and the services, never by this form."""

    categories = forms.TypedMultipleChoiceField(
        label=_("Product categories"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CollaborationPost
        fields = ["kind", "title", "title_en", "categories", "description", "description_en", "until"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title": _("For example: “Looking for an outsole maker” or “Open for private-label orders”."),
            "title_en": _("Optional: the title in English, for foreign buyers."),
            "description_en": _("Optional: the text in English, for foreign buyers."),
            "until": _("The post is hidden after this day (at most a year from today)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CollaborationPost.Kind.choices
        self.fields["categories"].help_text = _("At most %(count)d; partners are matched by them.") % {
            "count": CollaborationPost.MAX_CATEGORIES
        }
        self.fields["categories"].choices = [
            (category.pk, category.display_name) for category in ProductCategory.objects.all()
        ]
        if self.instance.pk:
            self.initial["categories"] = [category.pk for category in self.instance.categories.all()]

    def clean_categories(self):
        chosen = self.cleaned_data["categories"]
        if len(chosen) > CollaborationPost.MAX_CATEGORIES:
            raise forms.ValidationError(
                _("Choose at most %(count)d categories.") % {"count": CollaborationPost.MAX_CATEGORIES}
            )
        return list(ProductCategory.objects.filter(pk__in=chosen))

    def clean_until(self):
        until = self.cleaned_data["until"]
        today = timezone.localdate()
        if until < today:
            raise forms.ValidationError(_("Choose today or a later day."))
        if until > today + datetime.timedelta(days=CollaborationPost.MAX_DAYS):
            raise forms.ValidationError(_("Choose a day at most a year from today."))
        return until


class PostRejectionForm(forms.Form):
    """Staff's reason for rejecting collaboration posts, emailed to the owners."""

    reason = forms.CharField(
        label=_("Reason, sent to the owner"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
