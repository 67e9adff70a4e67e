"""What the demo adds around its businesses: price ranges of their products
and their English names, the statuses other than published, and
collaboration posts."""

PRICE_RANGES = {
    "sneakers": (250_000, 650_000),
    "sports-shoes": (300_000, 700_000),
    "formal-shoes": (300_000, 900_000),
    "casual-shoes": (250_000, 600_000),
    "boots": (450_000, 1_200_000),
    "sandals": (35_000, 250_000),
    "slippers": (8_000, 45_000),
    "womens-shoes": (200_000, 550_000),
    "safety-shoes": (280_000, 750_000),
    "childrens-shoes": (90_000, 250_000),
    "outsole": (12_000, 45_000),
    "insole": (5_000, 20_000),
    "last": (60_000, 180_000),
    "leather": (35_000, 90_000),
    "packaging": (2_500, 9_000),
}

# The English names of the demo products, given by the businesses that
# write in English too (a third of them keep Indonesian only).
PRODUCT_NAMES_EN = {
    "Sneakers kanvas low": "Low canvas sneakers",
    "Sneakers kulit high": "High-top leather sneakers",
    "Sepatu lari harian": "Everyday running shoes",
    "Pantofel pria klasik": "Classic men's formal shoes",
    "Loafer kulit suede": "Suede loafers",
    "Chelsea boots": "Chelsea boots",
    "Sandal jepit spons": "Foam flip-flops",
    "Sandal kulit pria": "Men's leather sandals",
    "Selop hotel": "Hotel slippers",
    "Flat shoes kulit": "Leather flats",
    "Heels 5 cm": "5 cm heels",
    "Sepatu safety steel toe": "Steel-toe safety shoes",
    "Sepatu bot karet proyek": "Rubber work boots",
    "Sepatu sekolah hitam": "Black school shoes",
    "Outsol karet sneakers": "Rubber sneaker outsoles",
    "Insol busa lateks": "Latex foam insoles",
    "Acuan plastik pantofel": "Plastic lasts for formal shoes",
    "Kulit sapi nappa": "Nappa cowhide",
    "Kotak sepatu sablon logo": "Shoe boxes printed with your logo",
}

# Statuses of the demo listings other than published: each status appears.
OTHER_STATUSES = ["draft", "draft", "pending", "pending", "pending", "rejected", "rejected", "suspended"]
REJECTION_REASON = "Foto produk belum ada dan alamat belum lengkap. Mohon lengkapi lalu ajukan lagi."


# Collaboration posts of the demo: (role of the posting business, kind,
# title, category slugs, description); the English title and text of the
# posts that have them.
POSTS = [
    ("brand", "seek", "Mencari pembuat outsol karet", ["outsole", "rubber"],
     "Kami mencari pemasok outsol karet untuk 300–500 pasang sneakers per bulan, ukuran 36–44. "
     "Kirim contoh dan harga per pasang."),
    ("supplier", "offer", "Kulit sapi samak nabati siap kirim", ["leather"],
     "Stok kulit sapi samak nabati 1,6–1,8 mm, cokelat dan hitam, minimal 20 kaki per warna."),
    ("producer", "offer", "Kapasitas maklon 1.000 pasang per bulan", ["private-label", "casual-shoes"],
     "Bengkel kami menerima pesanan maklon sepatu kasual dan pantofel, minimal 100 pasang per model."),
    ("brand", "seek", "Mencari desainer pola sepatu wanita", ["design", "pattern-making"],
     "Untuk koleksi baru sepatu wanita: desain, pola dan sampel pertama. Kerja lepas, bisa jarak jauh."),
]  # fmt: skip
POSTS_EN = {
    "Mencari pembuat outsol karet": (
        "Looking for a rubber outsole maker",
        "We are looking for a supplier of rubber outsoles for 300–500 pairs of sneakers a month, sizes 36–44. "
        "Send samples and a price per pair.",
    ),
    "Kapasitas maklon 1.000 pasang per bulan": (
        "Private-label capacity of 1,000 pairs a month",
        "Our workshop takes private-label orders for casual and formal shoes, from 100 pairs per model.",
    ),
}
POST_DAYS = 60

# Fictional buyers who wrote to some demo businesses, so that their cards
# and profiles say how promptly they reply.
INQUIRY_SENDERS = [
    ("Mei Lin Tan", "Singapura", "buyer", "Do you make 600 pairs of canvas sneakers in sizes 36-44 by May?"),
    ("Rudi Hartono", "Indonesia", "trader", "Apakah bisa kirim contoh sandal ke Surabaya minggu depan?"),
    ("Aiko Sato", "Jepang", "buyer", "We are looking for a private-label maker of leather loafers."),
    ("Daniel Meyer", "Belanda", "buyer", "What is your minimum order for children's shoes?"),
    ("Siti Rahma", "Indonesia", "buyer", "Berapa harga grosir untuk 200 pasang?"),
    ("Omar Haddad", "Uni Emirat Arab", "trader", "Can you quote 1,000 pairs of slippers with our logo?"),
    ("Lena Fischer", "Jerman", "investor", "We would like to visit your workshop next month."),
    ("Bayu Pratama", "Indonesia", "buyer", "Apakah menerima pesanan sepatu seragam sekolah?"),
]
# Hours each of the replying demo businesses took to answer its messages,
# None for a message left unanswered: a quick one, a daily one, a slower one.
REPLY_HOURS = [
    [1, 2, 3, 1, 5, 2, None, 4],
    [8, 20, 14, 30, 22, 11, 18, None],
    [30, 44, 60, 26, None, 38, 52, None],
]
