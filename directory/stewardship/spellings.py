"""How community lists write what the import needs: the shorthands, markers
and spellings of lists kept by coordinators by hand, read into the values
the directory stores. Text only: the reference rows are matched in
columns.ReferenceData, and every reading is shown in the preview, so staff
see "Jatim → Jawa Timur" before anything is saved.

A list says "-" or "tidak ada" for an empty cell, "Jatim" for a province,
"Kab.Garut" for a regency, "produsen" for a role, "10 orang" for a size and
"0813 2244 6688 (WA)" for a WhatsApp number; refusing such a list only makes
staff retype what the import can read."""

import re

# Empty cells -----------------------------------------------------------------------------

# What people write for "nothing here". "x" is not one: in the export_ready
# column it is a tick.
EMPTY_MARKERS = {
    "-", "--", "---", "—", "–", ".", "..", "...", "?", "/", "n/a", "na", "n.a", "n.a.", "none", "null", "nil",
    "tidak ada", "tdk ada", "tak ada", "gak ada", "ga ada", "belum ada", "blm ada", "belum", "blm", "kosong",
    "tidak tahu", "tdk tahu", "tidak diketahui", "nihil", "no data", "tba",
}  # fmt: skip
# Columns where a lone 0 means "not known" rather than a value.
ZERO_MEANS_EMPTY = {
    "phone", "whatsapp", "email", "website", "instagram", "facebook", "youtube", "tiktok", "postal_code",
    "founded_year", "minimum_order", "size", "sentra", "address", "tagline", "export_markets",
}  # fmt: skip


def is_empty_marker(value: str, column: str) -> bool:
    text = " ".join(value.lower().split())
    return text in EMPTY_MARKERS or (text in {"0", "00", "000"} and column in ZERO_MEANS_EMPTY)


# Column names ----------------------------------------------------------------------------


def header_key(header: str) -> str:
    """`No. HP`, `no_hp` and `NO HP:` alike: lower case, without dots,
    underscores, colons, stars or brackets."""
    text = re.sub(r"[._:*()\[\]#]+", " ", str(header or "").lower())
    text = re.sub(r"\s*/\s*", "/", text)
    return " ".join(text.split())


HEADER_SYNONYMS = {
    "name": "nama, nama usaha, nama perusahaan, nama ikm, nama toko, nama merek, nama brand, nama bisnis, "
    "usaha, perusahaan, business, business name, company, company name, nama ukm, nama umkm",
    "roles": "peran, jenis usaha, bidang usaha, jenis, kategori usaha, role, type, business type, jenis ikm",
    "stage": "tahap, tahap rantai nilai, rantai nilai, hulu/hilir, value chain",
    "province": "provinsi, propinsi, prov, prop, province",
    "regency": "kabupaten/kota, kota/kabupaten, kab/kota, kota/kab, kabupaten, kota, kab, kota/kab, city, regency, "
    "city/regency, regency/city, daerah, wilayah",
    "sentra": "sentra, sentra ikm, klaster, cluster, kawasan",
    "address": "alamat, alamat usaha, alamat lengkap, alamat workshop, alamat toko, address, lokasi",
    "postal_code": "kode pos, kodepos, postal code, zip, zip code, kode pos alamat",
    "phone": "telepon, telp, tlp, telpon, no telp, no telepon, nomor telepon, no hp, hp, nomor hp, no handphone, "
    "handphone, no kontak, kontak, no hp/wa, hp/wa, telp/hp, no telp/hp, telp/wa, phone, phone number, "
    "mobile, contact, nomor kontak",
    "whatsapp": "wa, no wa, nomor wa, no whatsapp, nomor whatsapp, whatsapp, whatsapp number, wa number",
    "email": "email, e-mail, surel, alamat email, surat elektronik",
    "website": "website, situs, situs web, web, laman, alamat web, alamat website, site, url, homepage",
    "instagram": "instagram, ig, akun ig, akun instagram",
    "facebook": "facebook, fb, akun fb, akun facebook",
    "youtube": "youtube, yt, kanal youtube",
    "tiktok": "tiktok, tik tok, akun tiktok",
    "categories": "kategori, kategori produk, product categories, categories",
    "certifications": "sertifikasi, sertifikat, certification, certificate",
    # Products in the lists' own words are kept as keywords: a category must
    # be one of the taxonomy's, and "sepatu pria" is none.
    "tags": "kata kunci, tag, tags, keyword, keywords, produk, produk utama, jenis produk, products, product",
    "tagline": "tagline, slogan, motto",
    "tagline_en": "tagline inggris, tagline english, slogan inggris, tagline english version, tagline en",
    "size": "skala usaha, skala, ukuran usaha, jumlah karyawan, jml karyawan, karyawan, jumlah pekerja, "
    "jml pekerja, pekerja, tenaga kerja, jumlah tenaga kerja, jml tenaga kerja, jumlah tk, jml tk, tk, "
    "workers, employees, size",
    "founded_year": "tahun berdiri, berdiri, berdiri sejak, sejak, tahun mulai usaha, tahun mulai, founded, "
    "year founded",
    "monthly_capacity": "kapasitas, kapasitas produksi, kapasitas per bulan, kapasitas produksi per bulan, "
    "kapasitas/bulan, produksi per bulan, capacity, monthly capacity",
    "minimum_order": "minimal order, min order, minimum order, moq, minimum pemesanan, pesanan minimal",
    "export_ready": "siap ekspor, ekspor, export, export ready, sudah ekspor",
    "export_markets": "negara tujuan ekspor, tujuan ekspor, pasar ekspor, export markets",
    "description": "deskripsi, profil, profil usaha, tentang, tentang usaha, description",
    "description_en": "deskripsi inggris, deskripsi english, description english, description en",
}
# Columns lists keep that the directory does not: a row number, the owner's
# own name (a person, not the business), coordinators' notes.
IGNORED_HEADERS = {
    "no", "nomor", "no urut", "nomor urut", "urut", "#", "nama pemilik", "pemilik", "nama pengusaha",
    "pengusaha", "nama owner", "owner name", "contact person", "cp", "nama kontak", "pic", "nama pic",
    "keterangan", "ket", "catatan", "notes", "note", "nik", "ktp", "no ktp", "nib", "npwp", "jenis kelamin",
    "umur", "usia", "timestamp", "tanggal", "tanggal input", "tanggal pendataan",
}  # fmt: skip


def header_aliases(columns: list[str]) -> dict[str, str]:
    aliases = {header_key(column): column for column in columns}
    aliases.update({header_key(column.replace("_", " ")): column for column in columns})
    for column, names in HEADER_SYNONYMS.items():
        aliases.update({header_key(name): column for name in names.split(",") if name.strip()})
    return aliases


# Provinces -------------------------------------------------------------------------------

# Short names and abbreviations by province code; the official names
# (`fixtures/regions.json`) are understood as they are.
PROVINCE_SHORT_NAMES = {
    "11": "nad, nanggroe aceh darussalam, di aceh, d i aceh",
    "12": "sumut, sumatra utara, north sumatra",
    "13": "sumbar, sumatra barat, west sumatra",
    "14": "riau",
    "15": "jambi",
    "16": "sumsel, sumatra selatan, south sumatra",
    "17": "bengkulu",
    "18": "lampung",
    "19": "babel, bangka belitung, kep bangka belitung, bangka belitung islands",
    "21": "kepri, kep riau, riau islands",
    "31": "dki, dki jakarta, d k i jakarta, jakarta, jkt, dki jkt, dki jaya, daerah khusus jakarta, "
    "daerah khusus ibukota",
    "32": "jabar, jawa barat, west java, jawabarat",
    "33": "jateng, jawa tengah, central java, jawatengah",
    "34": "diy, di yogyakarta, d i yogyakarta, yogyakarta, jogja, jogjakarta, yogya, jogya, di jogja, "
    "special region of yogyakarta",
    "35": "jatim, jawa timur, east java, jawatimur",
    "36": "banten",
    "51": "bali",
    "52": "ntb, west nusa tenggara",
    "53": "ntt, east nusa tenggara",
    "61": "kalbar, west kalimantan",
    "62": "kalteng, central kalimantan",
    "63": "kalsel, south kalimantan",
    "64": "kaltim, east kalimantan",
    "65": "kaltara, north kalimantan",
    "71": "sulut, north sulawesi",
    "72": "sulteng, central sulawesi",
    "73": "sulsel, south sulawesi",
    "74": "sultra, southeast sulawesi",
    "75": "gorontalo",
    "76": "sulbar, west sulawesi",
    "81": "maluku",
    "82": "malut, north maluku",
    "91": "papua",
    "92": "pabar, papbar, west papua",
    "93": "papsel, south papua",
    "94": "papteng, central papua",
    "95": "pegunungan papua, highland papua",
    "96": "pbd, southwest papua",
}


def place_key(text: str) -> str:
    """`D.I. Yogyakarta`, `Prov. Jawa Timur` and `DKI  Jakarta` as keys:
    lower case, no dots or commas, no "provinsi" in front."""
    text = re.sub(r"(?<![a-z])([a-z])\.", r"\1", str(text or "").lower())  # D.K.I. -> dki
    text = re.sub(r"[.,()]+", " ", text)
    text = " ".join(text.split())
    return re.sub(r"^(?:provinsi|propinsi|prov|prop)\s+", "", text)


def province_aliases() -> dict[str, str]:
    return {
        place_key(alias): code
        for code, aliases in PROVINCE_SHORT_NAMES.items()
        for alias in aliases.split(",")
        if alias.strip()
    }


# Regencies and cities ----------------------------------------------------------------------

REGENCY_PREFIX = re.compile(
    r"^(?P<kind>kabupaten|kab|kotamadya|kota\s*madya|kodya|kota|kot)\b\s*(?:\.\s*)?(?:adm(?:inistrasi)?\b\s*\.?\s*)?"
)
KINDS = {"kabupaten": "kabupaten", "kab": "kabupaten"}
# Names people use for a city or regency other than its own.
REGENCY_SHORT_NAMES = {
    "jakpus": "jakarta pusat",
    "jakut": "jakarta utara",
    "jakbar": "jakarta barat",
    "jaksel": "jakarta selatan",
    "jaktim": "jakarta timur",
    "jogja": "yogyakarta",
    "jogjakarta": "yogyakarta",
    "yogya": "yogyakarta",
    "yk": "yogyakarta",
    "solo": "surakarta",
    # The short forms of letters and chats, for the places of the trade.
    "bdg": "bandung",
    "sby": "surabaya",
    "sda": "sidoarjo",
    "mjk": "mojokerto",
    "mlg": "malang",
    "smg": "semarang",
    "bgr": "bogor",
    "tgr": "tangerang",
    "tng": "tangerang",
    "tangsel": "tangerang selatan",
    "bks": "bekasi",
    "dpk": "depok",
    "grt": "garut",
    "tasik": "tasikmalaya",
    "tsm": "tasikmalaya",
    "pwk": "purwakarta",
    "gsk": "gresik",
    "psr": "pasuruan",
    "mdn": "medan",
    "mks": "makassar",
    "plg": "palembang",
    "pdg": "padang",
    "jbr": "jember",
    "kdr": "kediri",
}


def regency_parts(text: str) -> tuple[str, str]:
    """(kind, name) of a regency as written: `Kab.Garut` -> ("kabupaten",
    "garut"); `Kota Adm. Jakarta Timur` and `Jakarta Timur` -> ("kota",
    "jakarta timur") and ("", "jakarta timur"); `Kodya Bandung` -> ("kota",
    "bandung")."""
    text = " ".join(re.sub(r"[,()]+", " ", str(text or "").lower()).split())
    kind = ""
    match = REGENCY_PREFIX.match(text)
    if match and text[match.end() :].strip():
        kind = KINDS.get(match["kind"], "kota")
        text = text[match.end() :]
    name = " ".join(text.replace(".", " ").split())
    return kind, REGENCY_SHORT_NAMES.get(name, name)


# Roles -------------------------------------------------------------------------------------

# The words lists use for a role, by the role's code in the taxonomy.
ROLE_WORDS = {
    "producer": "produsen, pabrik, pengrajin, perajin, pengrajin sepatu, pengrajin sandal, pembuat, "
    "pembuat sepatu, pembuat sandal, maklon, industri, ikm, ukm, umkm, home industry, industri rumahan, "
    "bengkel, bengkel sepatu, konveksi, manufaktur, manufacturer, factory, workshop, produksi, "
    "produksi sepatu, produksi sandal, makloon",
    "brand": "merek, merk, merek lokal, merk lokal, brand, brand lokal, local brand, toko, toko sepatu, "
    "toko sandal, butik, ritel, retail, retailer, online shop, olshop, toko online, showroom",
    "supplier": "pemasok, supplier, suplier, distributor, agen, toko bahan, toko kulit, toko bahan sepatu, "
    "grosir bahan, penjual bahan, bahan, komponen, aksesoris, pemasok bahan, pemasok komponen, "
    "toko aksesoris, vendor",
    "material-source": "penyamakan, penyamak, penyamakan kulit, penyamak kulit, tannery, bahan baku, "
    "perkebunan karet, sumber bahan",
    "service": "jasa, desainer, designer, desain, pola, pembuat pola, pelatihan, konsultan, laboratorium, "
    "lab uji, servis, reparasi, sol sepatu, jasa sol",
    "organisation": "asosiasi, komunitas, koperasi, paguyuban, organisasi, sekolah, lembaga, himpunan, "
    "kelompok, forum, association, community, cooperative",
}
ROLE_SEPARATORS = re.compile(r"\s*(?:/|&|\+|\bdan\b|\band\b|\bserta\b)\s*")


def role_words() -> list[tuple[str, str]]:
    """(word, role code), the longest words first so that "toko bahan" is
    read before "toko"."""
    words = [
        (" ".join(word.split()), code)
        for code, words in ROLE_WORDS.items()
        for word in words.split(",")
        if word.strip()
    ]
    return sorted(words, key=lambda item: -len(item[0]))


def role_in(text: str, words: list[tuple[str, str]]) -> str | None:
    """The role code of the first known word found in `text` as whole words."""
    text = " " + " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()) + " "
    for word, code in words:
        if f" {word} " in text:
            return code
    return None


# Sizes as head counts --------------------------------------------------------------------

HEAD_COUNT = re.compile(
    r"^(?:(?:jumlah|jml|karyawan|pekerja|tenaga kerja|tk)\s*:?\s*)?(?:±|\+-|\+/-|kurang lebih|kira-kira|kira|sekitar|"
    r"kurleb|approx|about|lebih dari|>|<|≥|≤)?\s*(?P<low>\d{1,5})(?:\s*(?:-|–|—|s/d|sampai|to)\s*(?P<high>\d{1,5}))?"
    r"\s*(?:an)?\s*(?:\+)?\s*(?:orang|org|pekerja|karyawan|tenaga kerja|tk|pegawai|buruh|workers?|employees?|"
    r"people|persons?|jiwa|pengrajin|perajin)?\.?$"
)


def head_count(text: str) -> int | None:
    """The number of workers in `10 orang`, `5 org`, `25 pekerja`, `±30`,
    `30an`, `10-15 orang` (the larger number); None for anything else."""
    match = HEAD_COUNT.match(" ".join(text.lower().split()))
    if not match:
        return None
    return int(match["high"] or match["low"])


# Phone numbers -----------------------------------------------------------------------------

NUMBER_SEPARATORS = re.compile(r"\s*(?:/|;|,|\||\n|&|\bdan\b|\batau\b|\bor\b)\s*")
WHATSAPP_MARK = re.compile(r"\(?\b(?:wa|whatsapp|whats app|w\.a)\b\.?\)?\s*:?", re.IGNORECASE)
PHONE_MARK = re.compile(r"\(?\b(?:telp|tlp|telepon|hp|kantor|rumah|fax|faks|phone|tel)\b\.?\)?\s*:?", re.IGNORECASE)


# What a WhatsApp column says when the number is the phone number's.
SAME_AS_PHONE = {"sama", "idem", "sda", "s d a", "dito", "ditto", "same", "sama dengan hp", "sama dgn hp",
                 "sama dengan no hp", "sama dengan telepon", "sama dgn no hp", "= hp", "=hp"}  # fmt: skip


def split_numbers(text: str) -> list[tuple[str, bool]]:
    """The numbers in one cell, each with whether it is marked as WhatsApp:
    `0813 2244 6688 (WA)` -> [("0813 2244 6688", True)];
    `022-5401234 / 0812 3456 789` -> two numbers, neither marked."""
    numbers = []
    for part in NUMBER_SEPARATORS.split(text):
        marked = bool(WHATSAPP_MARK.search(part))
        number = PHONE_MARK.sub(" ", WHATSAPP_MARK.sub(" ", part))
        number = " ".join(number.split()).strip(" :-")
        if number:
            numbers.append((number, marked))
    return numbers


def is_mobile(number: str) -> bool:
    """`+628…`: Indonesian mobile numbers, the ones WhatsApp uses."""
    return number.startswith("+628")
