"""English names of Indonesia's provinces and regencies, as foreign buyers
know them: provinces by their common English names, regencies as "Bandung
Regency" and cities as "Bandung City". Plain Python, so that the region
fixture builder and the data migration share one source."""

PROVINCES = {
    "11": "Aceh",
    "12": "North Sumatra",
    "13": "West Sumatra",
    "14": "Riau",
    "15": "Jambi",
    "16": "South Sumatra",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Bangka Belitung Islands",
    "21": "Riau Islands",
    "31": "Jakarta",
    "32": "West Java",
    "33": "Central Java",
    "34": "Special Region of Yogyakarta",
    "35": "East Java",
    "36": "Banten",
    "51": "Bali",
    "52": "West Nusa Tenggara",
    "53": "East Nusa Tenggara",
    "61": "West Kalimantan",
    "62": "Central Kalimantan",
    "63": "South Kalimantan",
    "64": "East Kalimantan",
    "65": "North Kalimantan",
    "71": "North Sulawesi",
    "72": "Central Sulawesi",
    "73": "South Sulawesi",
    "74": "Southeast Sulawesi",
    "75": "Gorontalo",
    "76": "West Sulawesi",
    "81": "Maluku",
    "82": "North Maluku",
    "91": "Papua",
    "92": "West Papua",
    "93": "South Papua",
    "94": "Central Papua",
    "95": "Highland Papua",
    "96": "Southwest Papua",
}

# Compass words end Indonesian place names ("Lombok Timur") and begin English ones ("East Lombok").
DIRECTIONS = {
    "Barat Daya": "Southwest",
    "Barat Laut": "Northwest",
    "Timur Laut": "Northeast",
    "Tenggara": "Southeast",
    "Utara": "North",
    "Selatan": "South",
    "Timur": "East",
    "Barat": "West",
    "Tengah": "Central",
}

SPECIAL = {"Kepulauan Seribu": "Thousand Islands"}


def place_in_english(place: str) -> str:
    """'Timor Tengah Selatan' -> 'South Central Timor', 'Kepulauan Aru' -> 'Aru Islands'."""
    if place in SPECIAL:
        return SPECIAL[place]
    words, compass = place, []
    found = True
    while found:
        found = False
        for indonesian, english in DIRECTIONS.items():
            if words.endswith(" " + indonesian):
                words, found = words.removesuffix(" " + indonesian), True
                compass.append(english)
                break
    if words.startswith("Kepulauan "):
        words = words.removeprefix("Kepulauan ") + " Islands"
    return " ".join([*compass, words])


def regency_in_english(name: str) -> str:
    """'Kabupaten Bandung' -> 'Bandung Regency', 'Kota Bandung' -> 'Bandung City',
    'Kota Administrasi Jakarta Timur' -> 'East Jakarta' (Jakarta's cities are
    its districts, known by their bare names)."""
    if name.startswith("Kota Administrasi "):
        return place_in_english(name.removeprefix("Kota Administrasi "))
    for prefix, suffix in (
        ("Kabupaten Administrasi ", "Regency"),
        ("Kabupaten ", "Regency"),
        ("Kota ", "City"),
    ):
        if name.startswith(prefix):
            return f"{place_in_english(name.removeprefix(prefix))} {suffix}"
    return name
