"""The word-level diff of an owner's change: the changed words marked, the
rest escaped, long unchanged stretches shortened."""

from directory.review.word_diff import marked_sides, word_diff


def test_it_marks_the_words_taken_out_and_put_in():
    diff = word_diff("Sepatu kulit asli dari Bandung.", "Sandal kulit asli dari Garut.")
    assert diff == "<del>Sepatu</del> <ins>Sandal</ins> kulit asli dari <del>Bandung</del><ins>Garut</ins>."


def test_it_marks_a_changed_punctuation_mark_alone():
    assert word_diff("murah, kuat", "murah; kuat") == "murah<del>,</del> <ins>;</ins> kuat"


def test_it_escapes_hostile_text_inside_and_outside_the_marks():
    diff = word_diff('Toko "A" <b>', "Toko \"A\" <b> <script>alert('x')</script>")
    assert "<script>" not in diff and "<b>" not in diff
    assert diff.startswith("Toko &quot;A&quot; &lt;b&gt;")
    assert "<ins>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</ins>" in diff


def test_it_shortens_long_unchanged_stretches():
    before = " ".join(f"kata{number}" for number in range(100))
    after = before.replace("kata50", "baru")
    diff = word_diff(before, after, context=3)
    assert diff == "…kata47 kata48 kata49 <del>kata50</del> <ins>baru</ins> kata51 kata52 kata53 …"


def test_it_shows_both_sides_whole_for_the_change_page():
    assert marked_sides("Sandal Lorosari", "Lorosari Footwear") == (
        "<del>Sandal</del> Lorosari",
        "Lorosari <ins>Footwear</ins>",
    )
