"""The filter groups written in Python (browse.facet_html) are the form a
visitor ticks: every option a checkbox with its count in the page's number
format, owners' tags marked with their language on English pages, labels
escaped, the rest of a long group behind "Show all N"."""

from django.utils import translation

from directory.browse.facet_html import group_html, option_html
from directory.taxonomy.reference import labelled


def option(value, label, count, selected=False):
    return {"value": value, "label": label, "count": count, "selected": selected, "used": 0}


def group(name, shown, more=(), narrow=False, label="Province"):
    shown, more = list(shown), list(more)
    return {"name": name, "label": label, "options": shown + more, "shown": shown, "more": more, "narrow": narrow}


def test_an_option_is_a_checkbox_with_its_count_in_the_page_s_number_format():
    chosen = option("32", "Jawa Barat", 12500, selected=True)
    with translation.override("id"):
        assert option_html("province", chosen) == (
            '<label><input type="checkbox" name="province" value="32" checked> '
            '<span class="facet__label">Jawa Barat</span> <span>12.500</span></label>\n'
        )
    with translation.override("en"):
        assert "<span>12,500</span>" in option_html("province", option("32", "West Java", 12500))
        assert " checked" not in option_html("province", option("32", "West Java", 12500))


def test_labels_and_values_are_escaped():
    html = option_html("tag", option('x"><script>', "<b>Kulit & Karet</b>", 3))
    assert "<script>" not in html and "<b>" not in html
    assert 'value="x&quot;&gt;&lt;script&gt;"' in html
    assert "&lt;b&gt;Kulit &amp; Karet&lt;/b&gt;" in html


def test_tags_are_owners_words_marked_indonesian_on_english_pages():
    with translation.override("en"):
        html = str(group_html(group("tag", [option("kulit-sapi", "kulit sapi", 4)], label="Tag")))
    assert '<span class="facet__label" lang="id">kulit sapi</span>' in html
    with translation.override("id"):
        html = str(group_html(group("tag", [option("kulit-sapi", "kulit sapi", 4)], label="Tag")))
    assert 'lang="id"' not in html


def test_a_long_group_keeps_the_rest_behind_show_all_and_offers_to_narrow():
    shown = [option(str(number), f"Provinsi {number}", 10 - number) for number in range(4)]
    more = [option(str(number), f"Provinsi {number}", 1) for number in range(4, 9)]
    with translation.override("id"):
        html = str(group_html(group("province", shown, more, narrow=True, label="Provinsi")))
    assert html.startswith('<fieldset class="facet" data-narrow="Cari provinsi">\n  <legend>Provinsi</legend>')
    assert '<details class="facet__more"><summary>Tampilkan semua 9</summary>' in html
    assert html.count("<input") == 9
    # The shown options come before the details, the rest inside them.
    assert html.index("Provinsi 3") < html.index("<details") < html.index("Provinsi 4")


def test_a_short_group_has_no_show_all():
    with translation.override("en"):
        html = str(group_html(group("stage", [option("hulu", "Upstream", 2)], label="Value-chain stage")))
    assert "<details" not in html and "data-narrow" not in html


def test_reference_labels_are_in_the_page_s_language_with_the_indonesian_when_there_is_no_english():
    rows = [("32", "Jawa Barat", "West Java"), ("kulit", "kulit", "")]
    with translation.override("en"):
        assert labelled(rows) == [("32", "West Java"), ("kulit", "kulit")]
    with translation.override("id"):
        assert labelled(rows) == [("32", "Jawa Barat"), ("kulit", "kulit")]
