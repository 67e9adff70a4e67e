"""Fictional demo data: the businesses `seed_demo` creates (their pictures are
demo.pictures, their products' prices and posts demo.details).

Every name is coined for this demo ("Tapakrana", "Wiralangkah"...); contact
details use the reserved `.test` domain and +62 812-0000-xxxx numbers, and each
description ends by saying the profile is fictional.
"""

from dataclasses import dataclass, field

FICTION_NOTE_ID = "Profil ini fiktif, dibuat sebagai data contoh."
FICTION_NOTE_EN = "This profile is fictional demo data."

# Coined words, unlikely to be anybody's trade name.
WORDS = [
    "Tapakrana",
    "Wiralangkah",
    "Sarimekar",
    "Kalindra",
    "Lorosari",
    "Jatilaras",
    "Hastaraga",
    "Giriloka",
    "Banyuwana",
    "Adirasa",
    "Kartapati",
    "Lakonsari",
    "Sekarlangit",
    "Purnatapak",
    "Rancaweni",
    "Sindangsol",
    "Wanalaras",
    "Dewatapak",
    "Mekarkulit",
    "Cakrawedi",
    "Sambirana",
    "Kirtaloka",
    "Gandasoli",
    "Patraweni",
    "Larasmaya",
    "Tirtaganda",
    "Baskaraya",
    "Nayakarsa",
    "Umbarasa",
    "Jagaraksa",
    "Ratnaweda",
    "Sukmaraga",
]


@dataclass(frozen=True)
class Archetype:
    key: str
    roles: tuple[str, ...]
    stage: str
    names: tuple[str, ...]
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    sizes: tuple[str, ...]
    tagline_id: str
    tagline_en: str
    description_id: str
    description_en: str
    places: tuple[str, ...]
    products: tuple[tuple[str, str, str], ...] = ()
    capacity: tuple[int, int] | None = (300, 3000)
    minimum_order: tuple[int, int] | None = (12, 120)
    export_chance: float = 0.2
    certifications: tuple[str, ...] = ()


# Places are regency codes; sentra are placed by their regency.
SHOE_TOWNS = ("3273", "3201", "3515", "3576", "3520", "3205", "3175", "3402")
SPREAD = (
    "1271",
    "1371",
    "1871",
    "5171",
    "7371",
    "6471",
    "3374",
    "3372",
    "3603",
    "3578",
    "3471",
    "5271",
    "1471",
    "3204",
    "3216",
    "3671",
)

ARCHETYPES = [
    Archetype(
        key="sneakers-brand",
        roles=("brand", "producer"),
        stage="hilir",
        names=("{w} Footwear", "Sepatu {w}", "{w} Sneakers"),
        categories=("sneakers", "casual-shoes", "sports-shoes"),
        tags=("sneakers lokal", "kanvas", "vulkanisir", "streetwear", "custom"),
        sizes=("small", "medium"),
        tagline_id="Sneakers lokal buatan tangan dari {place}",
        tagline_en="Handmade local sneakers from {place}",
        description_id=(
            "{name} adalah merek sneakers lokal yang lahir di {place} pada {year}. Kami merancang dan "
            "memproduksi sendiri sneakers kanvas dan kulit dengan sol vulkanisir, dijahit oleh perajin "
            "setempat. Kapasitas kami sekitar {capacity} pasang per bulan dan kami menerima pesanan "
            "desain khusus untuk komunitas dan perusahaan."
        ),
        description_en=(
            "{name} is a local sneaker brand founded in {place} in {year}. We design and make our own "
            "canvas and leather sneakers with vulcanised soles, stitched by local craftspeople. We make "
            "about {capacity} pairs a month and take custom designs for communities and companies."
        ),
        places=SPREAD,
        products=(
            ("Sneakers kanvas low", "sneakers", "Kanvas, sol karet vulkanisir"),
            ("Sneakers kulit high", "sneakers", "Kulit sapi, sol karet"),
            ("Sepatu lari harian", "sports-shoes", "Mesh, sol EVA"),
        ),
        export_chance=0.3,
    ),
    Archetype(
        key="pantofel-workshop",
        roles=("producer",),
        stage="hilir",
        names=("Bengkel Sepatu {w}", "CV {w} Karya", "Sepatu Kulit {w}"),
        categories=("formal-shoes", "casual-shoes", "boots"),
        tags=("pantofel", "sepatu kulit", "maklon", "handmade", "sepatu pria"),
        sizes=("micro", "small"),
        tagline_id="Pantofel kulit asli, jahitan tangan, bisa maklon",
        tagline_en="Genuine leather formal shoes, hand-stitched, private label welcome",
        description_id=(
            "Bengkel kami di {place} membuat sepatu pantofel dan sepatu kasual kulit asli sejak {year}. "
            "Setiap pasang dikerjakan oleh perajin berpengalaman, dari pola sampai finishing. Kami "
            "melayani maklon untuk merek lain dengan minimal pesanan {moq} pasang per model."
        ),
        description_en=(
            "Our workshop in {place} has made genuine-leather formal and casual shoes since {year}. "
            "Experienced craftspeople make every pair, from pattern to finishing. We manufacture for "
            "other brands from {moq} pairs per model."
        ),
        places=("3273", "3273", "3576", "3201", "3175"),
        products=(
            ("Pantofel pria klasik", "formal-shoes", "Kulit sapi, sol karet"),
            ("Loafer kulit suede", "casual-shoes", "Kulit suede"),
            ("Chelsea boots", "boots", "Kulit sapi crazy horse"),
        ),
        certifications=("sni",),
    ),
    Archetype(
        key="sandal-maker",
        roles=("producer",),
        stage="hilir",
        names=("Sandal {w}", "UD {w} Sandal", "Alas Kaki {w}"),
        categories=("sandals", "slippers"),
        tags=("sandal", "sandal jepit", "grosir", "sandal hotel"),
        sizes=("micro", "small", "medium"),
        tagline_id="Sandal dan selop grosir untuk toko, hotel dan acara",
        tagline_en="Wholesale sandals and slippers for shops, hotels and events",
        description_id=(
            "Kami memproduksi sandal spons, sandal kulit dan selop hotel di {place}. Berdiri sejak {year}, "
            "kami memasok toko dan pasar di Jawa dan luar Jawa, dengan kapasitas {capacity} pasang "
            "per bulan. Sablon logo untuk souvenir acara tersedia."
        ),
        description_en=(
            "We make foam sandals, leather sandals and hotel slippers in {place}. Since {year} we have "
            "supplied shops and markets across Indonesia, with a capacity of {capacity} pairs a month. "
            "Logo printing for event souvenirs is available."
        ),
        places=("3515", "3515", "3201", "3520", "3402"),
        products=(
            ("Sandal jepit spons", "slippers", "Spons karet"),
            ("Sandal kulit pria", "sandals", "Kulit sapi"),
            ("Selop hotel", "slippers", "Handuk, sol EVA"),
        ),
        capacity=(2000, 20000),
        minimum_order=(50, 500),
    ),
    Archetype(
        key="womens-brand",
        roles=("brand",),
        stage="hilir",
        names=("{w} Shoes", "{w} Atelier"),
        categories=("womens-shoes", "sandals", "casual-shoes"),
        tags=("sepatu wanita", "flat shoes", "heels", "kulit sintetis", "online shop"),
        sizes=("micro", "small"),
        tagline_id="Sepatu wanita nyaman untuk kerja dan santai",
        tagline_en="Comfortable women's shoes for work and weekends",
        description_id=(
            "{name} adalah merek sepatu wanita dari {place}. Kami membuat flat shoes, heels rendah dan "
            "sandal dengan desain sendiri, dijual lewat toko daring dan pameran. Kami percaya sepatu lokal "
            "bisa nyaman dipakai seharian."
        ),
        description_en=(
            "{name} is a women's shoe brand from {place}. We make our own designs of flats, low heels and "
            "sandals, sold online and at fairs. We believe local shoes can be comfortable all day."
        ),
        places=SPREAD,
        products=(
            ("Flat shoes kulit", "womens-shoes", "Kulit domba"),
            ("Heels 5 cm", "womens-shoes", "Kulit sintetis"),
        ),
        capacity=(100, 800),
        minimum_order=None,
    ),
    Archetype(
        key="safety-factory",
        roles=("producer",),
        stage="hilir",
        names=("PT {w} Safety", "{w} Industri Sepatu"),
        categories=("safety-shoes", "boots"),
        tags=("sepatu safety", "steel toe", "ekspor", "seragam kerja"),
        sizes=("medium", "large"),
        tagline_id="Sepatu safety bersertifikat untuk industri dan tambang",
        tagline_en="Certified safety shoes for industry and mining",
        description_id=(
            "Pabrik kami di {place} memproduksi sepatu safety dengan pelindung jari baja dan sol tahan "
            "minyak sejak {year}. Dengan {capacity} pasang per bulan kami memasok perusahaan tambang, "
            "konstruksi dan manufaktur, di dalam dan luar negeri."
        ),
        description_en=(
            "Our factory in {place} has made safety shoes with steel toe caps and oil-resistant soles "
            "since {year}. With {capacity} pairs a month we supply mining, construction and "
            "manufacturing companies at home and abroad."
        ),
        places=("3603", "3671", "3515", "3578", "3216"),
        products=(
            ("Sepatu safety steel toe", "safety-shoes", "Kulit sapi, sol PU"),
            ("Sepatu bot karet proyek", "boots", "Karet PVC"),
        ),
        capacity=(10000, 80000),
        minimum_order=(300, 3000),
        export_chance=0.8,
        certifications=("sni", "iso-9001", "tkdn"),
    ),
    Archetype(
        key="kids-brand",
        roles=("brand", "producer"),
        stage="hilir",
        names=("{w} Kids", "Sepatu Anak {w}"),
        categories=("childrens-shoes", "sandals"),
        tags=("sepatu anak", "sepatu sekolah", "ringan"),
        sizes=("small", "medium"),
        tagline_id="Sepatu anak ringan dan awet, juga sepatu sekolah",
        tagline_en="Light, durable children's shoes, school shoes too",
        description_id=(
            "Sejak {year} kami membuat sepatu anak dan sepatu sekolah di {place}: ringan, sol antiselip, "
            "dan mudah dipakai sendiri oleh anak. Kami melayani toko, koperasi sekolah dan pesanan seragam."
        ),
        description_en=(
            "Since {year} we have made children's shoes and school shoes in {place}: light, non-slip and "
            "easy for children to put on themselves. We supply shops, school cooperatives and uniform orders."
        ),
        places=SHOE_TOWNS,
        products=(("Sepatu sekolah hitam", "childrens-shoes", "Kulit sintetis, sol karet"),),
        certifications=("sni",),
    ),
    Archetype(
        key="outsole-supplier",
        roles=("supplier",),
        stage="tengah",
        names=("Karet {w}", "CV {w} Sol"),
        categories=("outsole", "insole", "rubber"),
        tags=("outsol", "sol karet", "cetak sol", "insol"),
        sizes=("small", "medium"),
        tagline_id="Outsol karet dan PU, cetak sesuai desain Anda",
        tagline_en="Rubber and PU outsoles, moulded to your design",
        description_id=(
            "Kami memproduksi outsol karet, PU dan TPR serta insol untuk produsen sepatu di {place} dan "
            "sekitarnya. Tersedia puluhan cetakan siap pakai, atau kami buatkan cetakan dari desain Anda. "
            "Contoh sol bisa dikirim untuk IKM yang berminat."
        ),
        description_en=(
            "We make rubber, PU and TPR outsoles and insoles for shoe producers in and around {place}. "
            "Dozens of moulds are ready, or we make one from your design. Sample soles can be sent to "
            "interested small businesses."
        ),
        places=("3273", "3515", "3576", "3201"),
        products=(
            ("Outsol karet sneakers", "outsole", "Karet alam"),
            ("Insol busa lateks", "insole", "Lateks"),
        ),
        capacity=(5000, 50000),
        minimum_order=(100, 1000),
    ),
    Archetype(
        key="last-maker",
        roles=("supplier",),
        stage="tengah",
        names=("Acuan Sepatu {w}", "Last {w}"),
        categories=("last",),
        tags=("acuan", "last sepatu", "plastik HDPE"),
        sizes=("micro", "small"),
        tagline_id="Acuan sepatu (last) kayu dan plastik, ukuran 20 sampai 46",
        tagline_en="Wooden and plastic shoe lasts, sizes 20 to 46",
        description_id=(
            "Kami membuat acuan sepatu dari kayu dan plastik HDPE untuk perajin di {place} sejak {year}. "
            "Model acuan mengikuti tren terbaru atau dibuat khusus dari sampel sepatu Anda."
        ),
        description_en=(
            "We have made wooden and HDPE plastic shoe lasts for craftspeople in {place} since {year}. "
            "Lasts follow current styles or are made to order from your sample shoe."
        ),
        places=("3273", "3576"),
        products=(("Acuan plastik pantofel", "last", "Plastik HDPE"),),
        capacity=(200, 2000),
        minimum_order=(6, 24),
    ),
    Archetype(
        key="leather-trader",
        roles=("supplier",),
        stage="tengah",
        names=("Toko Kulit {w}", "{w} Leather"),
        categories=("leather", "synthetic-leather", "textile"),
        tags=("kulit sapi", "kulit sintetis", "grosir bahan", "kulit domba"),
        sizes=("micro", "small"),
        tagline_id="Kulit jadi, kulit sintetis dan bahan pelapis untuk perajin",
        tagline_en="Finished leather, synthetic leather and linings for craftspeople",
        description_id=(
            "Toko bahan kami di {place} menyediakan kulit sapi, kulit domba, kulit sintetis dan kain pelapis "
            "dengan puluhan pilihan warna. Pembelian eceran per lembar maupun grosir per gulung."
        ),
        description_en=(
            "Our materials shop in {place} stocks cow and sheep leather, synthetic leather and lining "
            "fabrics in dozens of colours, by the sheet or by the roll."
        ),
        places=("3273", "3515", "3205", "3520"),
        products=(("Kulit sapi nappa", "leather", "Kulit sapi samak krom"),),
        capacity=None,
        minimum_order=None,
    ),
    Archetype(
        key="accessories-packaging",
        roles=("supplier",),
        stage="tengah",
        names=("{w} Aksesori", "Kemasan {w}"),
        categories=("accessories", "packaging", "adhesive"),
        tags=("gesper", "tali sepatu", "kotak sepatu", "lem", "ring"),
        sizes=("micro", "small"),
        tagline_id="Aksesori, lem dan kotak sepatu untuk IKM alas kaki",
        tagline_en="Accessories, adhesives and shoe boxes for small footwear makers",
        description_id=(
            "Kami memasok gesper, ring, tali sepatu, lem dan kotak sepatu bersablon untuk produsen di "
            "{place}. Kotak bisa dicetak dengan logo merek Anda mulai {moq} buah."
        ),
        description_en=(
            "We supply buckles, eyelets, laces, adhesives and printed shoe boxes to producers in {place}. "
            "Boxes can carry your brand's logo from {moq} pieces."
        ),
        places=("3273", "3515", "3201", "3175"),
        products=(("Kotak sepatu sablon logo", "packaging", "Karton duplex"),),
        capacity=None,
        minimum_order=(100, 500),
    ),
    Archetype(
        key="machinery",
        roles=("supplier",),
        stage="tengah",
        names=("{w} Teknik", "Mesin Sepatu {w}"),
        categories=("machinery",),
        tags=("mesin jahit", "mesin press sol", "servis mesin"),
        sizes=("small",),
        tagline_id="Mesin jahit dan mesin press sol, baru dan servis",
        tagline_en="Sewing and sole-press machines, new and serviced",
        description_id=(
            "Kami menjual dan memperbaiki mesin jahit sepatu, mesin press sol dan mesin seset kulit untuk "
            "bengkel di {place} dan sekitarnya, dengan teknisi yang bisa datang ke lokasi."
        ),
        description_en=(
            "We sell and repair shoe sewing machines, sole presses and leather skivers for workshops in "
            "and around {place}, with technicians who come to you."
        ),
        places=("3273", "3515"),
        capacity=None,
        minimum_order=None,
    ),
    Archetype(
        key="tannery",
        roles=("material-source",),
        stage="hulu",
        names=("Penyamakan Kulit {w}", "PT {w} Tannery"),
        categories=("leather",),
        tags=("penyamakan", "kulit sapi", "kulit kambing", "samak nabati"),
        sizes=("small", "medium", "large"),
        tagline_id="Penyamakan kulit sapi dan kambing, samak krom dan nabati",
        tagline_en="Cow and goat leather tannery, chrome and vegetable tanned",
        description_id=(
            "Penyamakan kami di {place} mengolah kulit mentah sapi dan kambing menjadi kulit jadi sejak "
            "{year}, dengan pengolahan limbah sendiri. Kapasitas sekitar {capacity} lembar per bulan "
            "untuk industri sepatu, tas dan jaket."
        ),
        description_en=(
            "Our tannery in {place} has turned raw cow and goat hides into finished leather since {year}, "
            "with its own waste-water treatment. About {capacity} hides a month for shoe, bag and jacket makers."
        ),
        places=("3205", "3205", "3520", "3402"),
        capacity=(1000, 20000),
        minimum_order=(10, 100),
        export_chance=0.5,
        certifications=("iso-14001",),
    ),
    Archetype(
        key="rubber-estate",
        roles=("material-source",),
        stage="hulu",
        names=("Kebun Karet {w}", "Koperasi Karet {w}"),
        categories=("rubber",),
        tags=("karet alam", "lateks", "perkebunan"),
        sizes=("medium", "large"),
        tagline_id="Karet alam dan lateks dari kebun rakyat",
        tagline_en="Natural rubber and latex from smallholder estates",
        description_id=(
            "Kami mengolah lateks dan karet alam dari kebun rakyat di {place} untuk bahan sol dan "
            "komponen sepatu. Pengiriman rutin ke pabrik di Jawa."
        ),
        description_en=(
            "We process latex and natural rubber from smallholder estates in {place} into material for "
            "soles and shoe components, with regular deliveries to factories in Java."
        ),
        places=("1604", "1207", "1871", "6171"),
        capacity=None,
        minimum_order=None,
        export_chance=0.6,
    ),
    Archetype(
        key="design-studio",
        roles=("service",),
        stage="tengah",
        names=("Studio Desain {w}", "{w} Pola"),
        categories=("design", "pattern-making"),
        tags=("desain sepatu", "pola", "sampel", "pengembangan produk"),
        sizes=("micro",),
        tagline_id="Desain, pola dan sampel sepatu untuk merek baru",
        tagline_en="Shoe design, patterns and samples for new brands",
        description_id=(
            "Kami membantu merek baru dari sketsa sampai sampel: desain, pola, pemilihan bahan dan "
            "perkenalan ke produsen maklon di {place}."
        ),
        description_en=(
            "We take new brands from sketch to sample: design, patterns, material choice and "
            "introductions to contract producers in {place}."
        ),
        places=("3273", "3471", "3175"),
        capacity=None,
        minimum_order=None,
    ),
    Archetype(
        key="lab-training",
        roles=("service",),
        stage="tengah",
        names=("Lab Uji {w}", "Pelatihan Sepatu {w}"),
        categories=("testing", "training"),
        tags=("uji mutu", "pelatihan", "SNI", "kursus"),
        sizes=("small",),
        tagline_id="Uji mutu alas kaki dan pelatihan perajin",
        tagline_en="Footwear quality testing and training for craftspeople",
        description_id=(
            "Laboratorium dan kelas kami di {place} melayani uji ketahanan sol, daya rekat dan kekuatan "
            "jahitan, serta pelatihan pembuatan pola dan produksi untuk IKM."
        ),
        description_en=(
            "Our laboratory and classes in {place} test sole wear, adhesion and seam strength, and train "
            "small businesses in pattern making and production."
        ),
        places=("3515", "3273"),
        capacity=None,
        minimum_order=None,
        certifications=("iso-9001",),
    ),
    Archetype(
        key="organisation",
        roles=("organisation",),
        stage="tengah",
        names=("Paguyuban Perajin {w}", "Komunitas Sepatu {w}"),
        categories=(),
        tags=("komunitas", "asosiasi", "pameran"),
        sizes=(),
        tagline_id="Wadah perajin sepatu untuk berbagi pesanan dan ilmu",
        tagline_en="A community where shoemakers share orders and know-how",
        description_id=(
            "Paguyuban yang menghimpun perajin alas kaki di {place} sejak {year}. Kami mengadakan "
            "pertemuan bulanan, pameran bersama dan berbagi pesanan di antara anggota."
        ),
        description_en=(
            "A community of footwear makers in {place} since {year}. We hold monthly meetings and joint "
            "exhibitions, and share orders among members."
        ),
        places=("3273", "3515", "3201", "3576"),
        capacity=None,
        minimum_order=None,
    ),
]


@dataclass
class DemoBusiness:
    slug: str
    name: str
    archetype: Archetype
    regency: str
    status: str
    fields: dict = field(default_factory=dict)
