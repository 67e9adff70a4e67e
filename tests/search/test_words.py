"""Words as search reads them: legal forms and punctuation set aside, the
roots of Indonesian affixed words."""

from directory.search.words import indexed, stems, tokens


def test_it_sets_legal_forms_and_punctuation_aside():
    assert tokens("PT. Sepatu-Ku") == ["sepatu", "ku"]
    assert tokens("C.V. Kulit Sapi") == ["kulit", "sapi"]
    assert tokens("UD Acuan Jaya, Tbk") == ["acuan", "jaya"]
    assert tokens("P T Kudus Rubber") == ["kudus", "rubber"]


def test_it_finds_the_roots_of_affixed_words():
    assert "sepatu" in stems("sepatunya")
    assert "samak" in stems("penyamakan")
    assert "rajin" in stems("pengrajin") & stems("perajin")
    assert "jahit" in stems("penjahit") & stems("jahitan") & stems("dijahit")
    assert "latih" in stems("pelatihan")


def test_it_leaves_short_and_plain_words_alone():
    assert stems("sepatu") == set()
    assert stems("kulit") == set()
    assert stems("sandal") == set()


def test_it_indexes_words_then_roots_between_spaces():
    assert indexed("Penjahit sepatu") == " penjahit sepatu jahit "
    assert indexed("") == ""
