"""{% url %} works an address without arguments out once per language."""

import django.urls
from django.template import Context, Template
from django.utils import translation

from directory.templatetags import remembered_urls


def test_an_address_without_arguments_is_reversed_once_per_language(monkeypatch):
    remembered_urls._known.clear()
    calls = []
    real = django.urls.reverse

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(django.urls, "reverse", counted)
    page = Template("{% url 'directory:business_list' %} {% url 'directory:business_detail' slug %}")
    written = {}
    for language in ["id", "en", "id", "en"]:
        with translation.override(language):
            written[language] = page.render(Context({"slug": "sepatu-alice"}))
    assert written == {"id": "/direktori/ /direktori/sepatu-alice/", "en": "/en/direktori/ /en/direktori/sepatu-alice/"}
    # The listing's address once in each language; the profile's, with its slug, every time.
    assert calls.count("directory:business_list") == 2
    assert calls.count("directory:business_detail") == 4
