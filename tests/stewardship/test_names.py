"""Names as staff compare them: legal forms, shorthand and old spelling set
aside, one typo allowed, a different word a different business."""

import pytest

from directory.stewardship.names import bare_place_name, edit_distance, match_name, name_similarity


def similarity(first: str, second: str) -> float:
    return name_similarity(match_name(first), match_name(second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("CV. Sepatu Jaya", "Sepatu Jaya, CV"),
        ("PT Sandal Lestari Utama", "Sandal Lestari Utama"),
        ("P.T. Sandal Lestari Utama", "Sandal Lestari Utama (PT)"),
        ("U.D. Tas Kulit Cahaya", "Usaha Dagang Tas Kulit Cahaya"),
        ("Koperasi Perajin Sepatu Mandiri", "Kop. Perajin Sepatu Mandiri"),
        ("Fa. Sepatu Sumber Rejeki", "Firma Sepatu Sumber Rejeki"),
        ("Home Industry Sepatu Bu Yanti", "Sepatu Yanti"),
        ("IKM Sepatu Anugerah", "Toko Sepatu Anugerah"),
        ("Spt Klt Anugerah", "Sepatu Kulit Anugerah"),
        ("Sdl Anugerah", "Sandal Anugerah"),
        ("Ind. Sepatu Bdg Permai", "Industri Sepatu Bandung Permai"),
        ("Sepatoe Djaja Tjahaja", "Sepatu Jaya Cahaya"),
        ("Sepatu Jaya Abadi", "Sepatu Jaya Abdi"),
        ("Sepatu Sentosa Makmur", "Sepatu Sentsoa Makmur"),
        ("Sepatu Kulit Mandiri", "Sepatu Kulit Manddiri"),
        ("Jaya Abadi Shoes", "Jayaabadi Shoes"),
        ("Sepatu Mustika", "Mustika Shoes"),
        ("Sepatu & Sandal Berkah", "Sepatu dan Sandal Berkah"),
    ],
)
def test_it_matches_one_business_written_two_ways(first, second):
    assert similarity(first, second) > 0
    assert similarity(second, first) == similarity(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sepatu Jaya Abadi", "Sepatu Jaya Makmur"),
        ("Sepatu Kulit Jaya Abadi", "Sepatu Kulit Jaya Makmur"),
        ("Sandal Putra Mandiri", "Sandal Putri Mandiri"),
        ("Rina Collection", "Rini Collection"),
        ("Dian Shoes", "Diana Shoes"),
        ("Sinar Jaya", "Sinar Jaya 2"),
        ("Berkah Shoes", "Berkah Jaya Shoes"),
        ("Dua Putra", "Tiga Putra"),
        ("Sepatu Asep", "Sepatu Ujang"),
        ("Toko Sepatu", "Toko Sandal"),
        ("Sepatu Jaya", "Sepatu Raya"),
        ("Penyamakan Kulit Sarimekar", "Lab Uji Sarimekar"),
        ("Mesin Sepatu Sarimekar", "Kemasan Sarimekar"),
    ],
)
def test_it_tells_apart_different_businesses_with_similar_names(first, second):
    assert similarity(first, second) == 0


def test_it_rates_equal_names_above_typos():
    assert similarity("CV Sepatu Jaya Abadi", "Sepatu Jaya Abadi") == 1
    assert similarity("Sepatu Jaya Abadi", "Jaya Abadi") == 0.95
    assert similarity("Sepatu Jaya Abadi", "Sepatu Jaya Abdi") == 0.85


def test_it_reduces_a_name_to_distinctive_and_generic_words():
    name = match_name("CV. Spt Klt Djaja Abadi, Bdg")
    assert name.distinctive == ("jaya", "abadi", "bandung")
    assert name.generic == {"sepatu", "kulit"}


def test_it_counts_a_swap_of_neighbouring_letters_as_one_typo():
    assert edit_distance("sentosa", "sentsoa") == 1
    assert edit_distance("abadi", "makmur", limit=2) == 3


def test_it_names_the_place_without_kabupaten_or_kota():
    assert bare_place_name("Kabupaten Bandung") == bare_place_name("Kota Bandung") == "bandung"
    assert bare_place_name("Kabupaten Bandung Barat") == "bandung barat"
