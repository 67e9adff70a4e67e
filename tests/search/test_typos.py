"""Misspelt words corrected against the directory's vocabulary: one letter
wrong, missing, extra or swapped anywhere in a word of four letters or more,
two in a word of eight or more."""

import pytest

from directory.search.typos import Vocabulary

WORDS = Vocabulary({"sepatu": 50, "sandal": 20, "cibaduyut": 3, "zorzemamu": 1, "umbarasa": 1, "kulit": 30, "kuli": 1})


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("spatu", "sepatu"),  # missing
        ("sendal", "sandal"),  # wrong, in the middle
        ("xandal", "sandal"),  # wrong, at the start
        ("sandak", "sandal"),  # wrong, at the end
        ("sepaut", "sepatu"),  # swapped
        ("sepatuu", "sepatu"),  # extra
        ("cibaduyt", "cibaduyut"),
        ("zorzomamu", "zorzemamu"),
        ("umbirasa", "umbarasa"),
        ("cibaudyt", "cibaduyut"),  # two in a long word
    ],
)
def test_it_corrects_one_letter_anywhere(typed, meant):
    assert WORDS.correct(typed) == meant


def test_it_prefers_the_more_used_of_equally_close_words():
    assert WORDS.correct("kulir") == "kulit"


def test_it_forgives_only_one_letter_in_a_short_word():
    assert WORDS.correct("spatuu") is None
    assert WORDS.correct("sdl") is None


def test_it_knows_words_and_the_start_of_longer_ones():
    assert WORDS.knows("sepatu") and WORDS.knows("cibad") and not WORDS.knows("sepatx")


def test_it_tells_which_terms_some_business_may_hold_without_asking_the_database():
    words = Vocabulary({"penyamakan": 3, "kulit": 9, "leather": 0})
    assert words.used("kulit") and words.used("samak")  # a root of a word in use
    assert not words.used("leather")  # only the glossary has it
    assert words.used("penyam", prefix=True) and not words.used("penyam")
    assert not words.used("kulit domba") and words.used("iso 9001")


def test_a_word_only_longer_words_start_counts_as_the_most_used_of_them():
    known = Vocabulary({"sepatu": 50, "sepatunya": 3, "sandal": 9})
    assert known.reach("sandal") == 9
    # "sepat" is searched as a start of a word: as common as "sepatu", not the rarest word.
    assert known.reach("sepat") == 50
    assert known.reach("xylofon") == 0
