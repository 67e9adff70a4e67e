"""The shorthands of hand-kept lists, read without the database."""

import json
from pathlib import Path

import pytest

from directory.stewardship.columns import COLUMN_ALIASES
from directory.stewardship.spellings import (
    head_count,
    header_key,
    is_empty_marker,
    place_key,
    province_aliases,
    regency_parts,
    role_in,
    role_words,
    split_numbers,
)

REGIONS = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "regions.json").read_text())


@pytest.mark.parametrize("value", ["-", "--", " — ", "n/a", "N/A", "tidak ada", "Tdk  Ada", "belum ada", "kosong", "?"])
def test_it_reads_empty_markers_in_any_column(value):
    assert is_empty_marker(value, "email") and is_empty_marker(value, "name")


def test_it_reads_a_lone_zero_as_empty_only_where_zero_means_nothing():
    assert is_empty_marker("0", "phone") and is_empty_marker("0", "founded_year")
    assert not is_empty_marker("0", "monthly_capacity") and not is_empty_marker("0", "export_ready")
    assert not is_empty_marker("x", "export_ready")  # A tick.


def test_it_knows_a_short_name_for_every_province():
    codes = {row["pk"] for row in REGIONS if row["model"] == "directory.province"}
    assert set(province_aliases().values()) == codes


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Jabar", "32"),
        ("JATENG", "33"),
        ("jatim", "35"),
        ("DIY", "34"),
        ("D.I. Yogyakarta", "34"),
        ("DKI", "31"),
        ("D.K.I. Jakarta", "31"),
        ("Sumbar", "13"),
        ("Sulsel", "73"),
        ("Kalbar", "61"),
        ("NTB", "52"),
        ("NTT", "53"),
        ("West Java", "32"),
        ("Prov. Jatim", "35"),
    ],
)
def test_it_reads_province_short_names(written, code):
    assert province_aliases()[place_key(written)] == code


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Kab.Garut", ("kabupaten", "garut")),
        ("Kab. Garut", ("kabupaten", "garut")),
        ("KAB GARUT", ("kabupaten", "garut")),
        ("Kabupaten Garut", ("kabupaten", "garut")),
        ("Kota Bandung", ("kota", "bandung")),
        ("Kodya Bandung", ("kota", "bandung")),
        ("Kotamadya Bandung", ("kota", "bandung")),
        ("Kota Adm. Jakarta Timur", ("kota", "jakarta timur")),
        ("Kota Administrasi Jakarta Timur", ("kota", "jakarta timur")),
        ("Jakarta Timur", ("", "jakarta timur")),
        ("Jaktim", ("", "jakarta timur")),
        ("Kota Bdg", ("kota", "bandung")),
        ("Kab. Bdg", ("kabupaten", "bandung")),
        ("SBY", ("", "surabaya")),
        ("Kab Sda", ("kabupaten", "sidoarjo")),
        ("Tasik", ("", "tasikmalaya")),
        ("Tangsel", ("", "tangerang selatan")),
        ("Kotawaringin Barat", ("", "kotawaringin barat")),  # A name, not a prefix.
        ("Kabupaten Kotabaru", ("kabupaten", "kotabaru")),
    ],
)
def test_it_reads_regency_prefixes(written, parts):
    assert regency_parts(written) == parts


@pytest.mark.parametrize(
    ("written", "workers"),
    [("10 orang", 10), ("5 org", 5), ("25 pekerja", 25), ("±30", 30), ("30an", 30), ("10-15 orang", 15), ("7", 7)],
)
def test_it_reads_head_counts(written, workers):
    assert head_count(written) == workers


@pytest.mark.parametrize("written", ["kecil", "banyak", "10 ton", ""])
def test_it_reads_no_head_count_in_other_words(written):
    assert head_count(written) is None


def test_it_splits_numbers_and_their_whatsapp_marks():
    assert split_numbers("0813 2244 6688 (WA)") == [("0813 2244 6688", True)]
    assert split_numbers("022-5401234 / 0812 3456 7890") == [("022-5401234", False), ("0812 3456 7890", False)]
    assert split_numbers("Telp. 022-5401234, WA: 0812 3456 7890") == [("022-5401234", False), ("0812 3456 7890", True)]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("produsen", "producer"),
        ("pabrik", "producer"),
        ("Pengrajin sepatu kulit", "producer"),
        ("pemasok", "supplier"),
        ("supplier", "supplier"),
        ("toko bahan", "supplier"),
        ("toko", "brand"),
        ("merek", "brand"),
        ("distributor", "supplier"),
        ("penyamakan kulit", "material-source"),
        ("paguyuban", "organisation"),
    ],
)
def test_it_reads_role_words(word, role):
    assert role_in(word, role_words()) == role


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("No. HP", "phone"),
        ("NO HP:", "phone"),
        ("No. WA", "whatsapp"),
        ("Situs Web", "website"),
        ("Jenis Usaha", "roles"),
        ("Kab / Kota", "regency"),
        ("Jumlah Karyawan", "size"),
        ("E-mail", "email"),
        ("postal_code", "postal_code"),
        ("Postal Code", "postal_code"),
        ("Business name", "name"),
    ],
)
def test_it_reads_header_synonyms(header, column):
    assert COLUMN_ALIASES[header_key(header)] == column
