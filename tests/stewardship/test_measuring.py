"""The duplicates view measured on the committed community list: 300 rows,
40 planted duplicate pairs of every kind, 20 different businesses with
similar names on one street. Runs on PostgreSQL and SQLite alike."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from directory.models import Business
from directory.stewardship import measuring

pytestmark = pytest.mark.django_db

LISTS = Path(settings.BASE_DIR) / "fixtures" / "duplicates"
HEADER = "name,roles,stage,regency,address,whatsapp\n"


def test_it_finds_the_duplicates_of_the_committed_list_above_the_bar(reference):
    figures, pairs = measuring.measure(LISTS / "komunitas-300.csv", LISTS / "komunitas-300-labels.csv")
    assert (figures.duplicates, figures.hard_negatives) == (40, 20)
    assert figures.recall >= measuring.MIN_RECALL, figures.missed
    assert figures.hard_negative_rate <= measuring.MAX_FALSE_RATE, figures.false_pairs
    assert figures.false_rate <= measuring.MAX_FALSE_RATE, figures.false_pairs
    assert figures.meets_bar
    # The strongest first, each with its reasons.
    confidences = [pair.confidence for _first, _second, pair in pairs]
    assert confidences == sorted(confidences, reverse=True) and all(pair.reasons for *_lines, pair in pairs)
    # Every kind of planted pair is there, the neighbouring regency and city included.
    assert {"phone", "email", "website", "legal form", "typo", "shorthand", "neighbour"} <= set(figures.found_by_kind)
    assert Business.objects.count() == 0  # Measuring keeps nothing.


def write_list(tmp_path, rows: str, labels: str) -> Path:
    path = tmp_path / "daftar.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    (tmp_path / "daftar-labels.csv").write_text("first_line,second_line,label,kind\n" + labels, encoding="utf-8")
    return path


def test_the_command_prints_the_figures_and_fails_below_the_bar(reference, tmp_path, capsys):
    path = write_list(
        tmp_path,
        "CV. Sepatu Tapakrana,producer,hilir,3273,Jl. Cibaduyut Raya 1,0812 1111 2222\n"
        "Spt Tapakrana,producer,hilir,3204,Jl. Terusan Kopo 2,0813 3333 4444\n"
        "Sepatu Wiralangkah,producer,hilir,3273,Jl. Cibaduyut Raya 3,0812 5555 6666\n"
        "Sepatu Wiralangkah Jaya,producer,hilir,3273,Jl. Cibaduyut Raya 5,0812 7777 8888\n",
        "2,3,duplicate,shorthand + neighbour\n4,5,distinct,similar name\n",
    )
    call_command("measure_duplicates", str(path))
    out = capsys.readouterr().out
    assert "recall: 1/1 = 1.000" in out and "hard negatives flagged: 0/1 = 0.000" in out
    assert "false pairs among flagged: 0/1 = 0.000" in out
    write_list(tmp_path, path.read_text().split("\n", 1)[1], "2,4,duplicate,wrongly labelled\n")
    with pytest.raises(CommandError, match="Below the bar"):
        call_command("measure_duplicates", str(path))
    assert "missed: lines 2 and 4" in capsys.readouterr().out
    assert Business.objects.count() == 0


def test_the_command_says_what_is_wrong_with_a_list(reference, tmp_path):
    with pytest.raises(CommandError, match="No file"):
        call_command("measure_duplicates", str(tmp_path / "none.csv"))
    path = write_list(tmp_path, "Sepatu Tapakrana,producer,hilir,9999,,\n", "")
    with pytest.raises(CommandError, match="does not import"):
        call_command("measure_duplicates", str(path))
