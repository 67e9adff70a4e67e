# ruff: noqa: E501 - prose: a paragraph is one line, as staff edit it in the admin
"""The first text of the owners' help page (/dasbor/bantuan/), in plain words
in both languages, loaded by a data migration; staff edit it in the admin
afterwards. {helpline_whatsapp} and the other placeholders are filled from
the settings."""

HELP_SLUG = "bantuan"

HELP_PAGE = {
    "slug": HELP_SLUG,
    "title_id": "Bantuan untuk pemilik usaha",
    "title_en": "Help for business owners",
    "body_id": """Butuh bantuan? Kirim pesan WhatsApp ke BPIPI: {helpline_whatsapp}. Atau tulis ke {contact_email}.

## Bagaimana cara menambah foto?

Buka [Dasbor](/dasbor/), lalu tekan tombol "Foto" pada usaha Anda. Tekan "Pilih foto": di ponsel Anda bisa memotret langsung dengan kamera atau memilih dari galeri. Anda boleh memilih beberapa foto sekaligus. Tulis satu kalimat tentang isi foto, lalu tekan "Unggah". Foto yang besar dikecilkan sendiri.

## Apa arti hulu, tengah dan hilir?

- Hulu: bahan baku, seperti kulit, karet dan kain.
- Tengah: komponen dan jasa, seperti sol, lem, aksesori, jahit upper dan desain.
- Hilir: sepatu jadi dan merek, yang dijual ke pembeli.

Pilih yang paling menggambarkan usaha Anda. Jika Anda membuat sepatu dan juga menjual sol, pilih yang paling banyak Anda kerjakan.

## Apa itu sentra, skala usaha dan peran?

- Sentra: kawasan tempat banyak perajin sepatu bekerja berdekatan, misalnya sentra sepatu Cibaduyut di Bandung atau Ciomas di Bogor.
- Skala usaha: besar kecilnya usaha menurut jumlah pekerja, misalnya usaha mikro dengan 1 sampai 4 orang.
- Peran: apa yang usaha Anda kerjakan, misalnya produsen, pemasok bahan, penjahit upper atau pemilik merek. Boleh lebih dari satu.

## Bagaimana menulis harga dan jumlah?

Tulis seperti biasa: 350.000, Rp 350.000, 350rb atau 1,5 juta. Jika angka tidak jelas, kami tunjukkan bacaan kami dan bertanya dulu sebelum menyimpan.

## Mengapa peninjauan butuh waktu?

Staf BPIPI memeriksa setiap usaha satu per satu sebelum tampil di direktori, agar pembeli bisa percaya. Biasanya beberapa hari kerja. Anda tetap bisa memperbaiki data selama menunggu. Status usaha Anda terlihat di [Dasbor](/dasbor/).

## Bagaimana mengubah usaha yang sudah tayang?

Buka [Dasbor](/dasbor/), tekan "Ubah data usaha", ubah yang perlu, lalu simpan. Perubahan ditinjau staf BPIPI dulu; sampai saat itu pengunjung melihat versi lama. Foto dan produk bisa diatur dari tombol "Foto" dan "Produk".

## Bagaimana mengunduh data saya atau menghapus akun?

- [Unduh data saya]({account_data_url}): semua data akun dan usaha Anda dalam satu berkas.
- [Hapus akun saya]({account_delete_url}): akun dan usaha Anda dihapus. Unduh data Anda dulu jika masih diperlukan.

## Siapa BPIPI?

BPIPI (Balai Pengembangan Industri Persepatuan Indonesia) adalah unit Kementerian Perindustrian di Sidoarjo yang membina industri alas kaki: pelatihan, uji laboratorium dan pendampingan usaha. BPIPI menjalankan Indonesia Footwear Network. [Tentang IFN](/tentang/).""",
    "body_en": """Need help? Send BPIPI a WhatsApp message: {helpline_whatsapp}. Or write to {contact_email}.

## How do I add photos?

Open your [Dashboard](/en/dasbor/) and press the "Photos" button of your business. Press "Choose photos": on a phone you can take a picture with the camera or pick one from your gallery. You may choose several photos at once. Write one sentence about what each photo shows, then press "Upload". Large photos are made smaller for you.

## What do upstream, midstream and downstream mean?

- Upstream: raw materials, such as leather, rubber and fabric.
- Midstream: components and services, such as soles, glue, accessories, upper stitching and design.
- Downstream: finished shoes and brands, sold to buyers.

Choose the one that describes your business best. If you make shoes and also sell soles, choose what you do most.

## What are a sentra, the business size and roles?

- Sentra: an area where many shoemakers work close together, such as the Cibaduyut sentra in Bandung or Ciomas in Bogor.
- Business size: how big the business is by the number of workers, for example a micro business with 1 to 4 people.
- Roles: what your business does, for example manufacturer, material supplier, upper stitcher or brand owner. You may choose more than one.

## How do I write prices and quantities?

As you usually write them: 350,000, IDR 350,000, 350k or 1.5 million. When a number is unclear, we show how we read it and ask before saving.

## Why does the review take time?

BPIPI staff check every listing one by one before it appears in the directory, so buyers can trust it. It usually takes a few working days. You can still correct your data while you wait. Your listing's status shows on your [Dashboard](/en/dasbor/).

## How do I change a published listing?

Open your [Dashboard](/en/dasbor/), press "Edit listing", change what is needed and save. BPIPI staff review the changes first; until then visitors see the previous version. Photos and products are managed from the "Photos" and "Products" buttons.

## How do I download my data or delete my account?

- [Download my data]({account_data_url}): all the data of your account and businesses in one file.
- [Delete my account]({account_delete_url}): your account and businesses are deleted. Download your data first if you still need it.

## Who is BPIPI?

BPIPI (Balai Pengembangan Industri Persepatuan Indonesia, the Indonesian Footwear Industry Development Centre) is a unit of the Ministry of Industry in Sidoarjo that supports the footwear industry with training, laboratory testing and business coaching. BPIPI runs the Indonesia Footwear Network. [About IFN](/en/tentang/).""",
}
