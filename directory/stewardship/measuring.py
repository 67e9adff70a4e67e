"""How well the duplicates view finds what staff would find, on a community
list whose duplicate pairs are known.

A labelled list is a community list (see stewardship.resource) and a labels
file naming pairs of its rows by spreadsheet line (the header is line 1):
`first_line,second_line,label,kind`, where label is `duplicate` (one
business written twice) or `distinct` (different businesses with similar
names, the hard cases). The list is imported as staff import it, the view's
pairs are found across every regency, and the pairs among the list's rows
are held against the labels.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from directory.stewardship import duplicates
from directory.stewardship.importing import business_import
from directory.stewardship.list_files import CommunityCSV, CommunityXLSX, ImportFileError

# The bar the view must meet on a labelled list.
MIN_RECALL = 0.95
MAX_FALSE_RATE = 0.05


@dataclass
class Figures:
    duplicates: int = 0
    found: int = 0
    hard_negatives: int = 0
    hard_negatives_flagged: int = 0
    flagged: int = 0
    false_flagged: int = 0
    missed: list[tuple[int, int, str]] = field(default_factory=list)
    false_pairs: list[tuple[int, int, str]] = field(default_factory=list)
    found_by_kind: dict[str, list[int]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found / self.duplicates if self.duplicates else 1.0

    @property
    def hard_negative_rate(self) -> float:
        """Hard negatives flagged, of all hard negatives."""
        return self.hard_negatives_flagged / self.hard_negatives if self.hard_negatives else 0.0

    @property
    def false_rate(self) -> float:
        """Pairs flagged that are not labelled duplicates, of all pairs flagged."""
        return self.false_flagged / self.flagged if self.flagged else 0.0

    @property
    def meets_bar(self) -> bool:
        return (
            self.recall >= MIN_RECALL
            and self.hard_negative_rate <= MAX_FALSE_RATE
            and self.false_rate <= MAX_FALSE_RATE
        )


def read_labels(path: Path) -> list[tuple[int, int, str, str]]:
    with path.open(newline="", encoding="utf-8") as labels:
        return [
            (int(row["first_line"]), int(row["second_line"]), row["label"], row.get("kind", ""))
            for row in csv.DictReader(labels)
        ]


def import_list(path: Path) -> dict[int, int]:
    """Imports the list as staff would (published, no moderator) and returns
    the business of each spreadsheet line."""
    file_format = CommunityXLSX() if path.suffix.lower() == ".xlsx" else CommunityCSV()
    dataset = file_format.create_dataset(path.read_bytes())
    result = business_import(dataset=dataset, status="published", moderator=None, file_name=path.name)
    if result.has_errors() or result.has_validation_errors():
        problems = [f"line {row.number + 1}: {row.error_dict}" for row in result.invalid_rows[:5]]
        raise ImportFileError(f"{path.name} does not import: {'; '.join(problems) or 'errors'}")
    return {number + 2: row.object_id for number, row in enumerate(result.rows) if row.object_id is not None}


def measure(list_path: Path, labels_path: Path, *, keep: bool = False) -> tuple[Figures, list]:
    """The figures of the all-regencies view on this list, and its pairs
    among the list's rows (first line, second line, pair). Nothing is kept
    unless `keep`."""
    with transaction.atomic():
        businesses = import_list(list_path)
        lines = {pk: line for line, pk in businesses.items()}
        flagged = {}
        for pair in duplicates.duplicate_pairs():
            if pair.first_id in lines and pair.second_id in lines:
                flagged[frozenset((lines[pair.first_id], lines[pair.second_id]))] = pair
        if not keep:
            transaction.set_rollback(True)
    figures = Figures(flagged=len(flagged))
    duplicate_pairs = set()
    for first, second, label, kind in read_labels(labels_path):
        key = frozenset((first, second))
        hit = key in flagged
        if label == "duplicate":
            duplicate_pairs.add(key)
            figures.duplicates += 1
            figures.found += hit
            figures.found_by_kind.setdefault(kind, [0, 0])
            figures.found_by_kind[kind][0] += hit
            figures.found_by_kind[kind][1] += 1
            if not hit:
                figures.missed.append((first, second, kind))
        elif label == "distinct":
            figures.hard_negatives += 1
            figures.hard_negatives_flagged += hit
    for key, pair in flagged.items():
        if key not in duplicate_pairs:
            figures.false_flagged += 1
            first, second = sorted(key)
            figures.false_pairs.append((first, second, ", ".join(sorted(pair.reasons))))
    ordered = sorted(((*sorted(key), pair) for key, pair in flagged.items()), key=lambda item: item[2].sort_key)
    return figures, ordered
