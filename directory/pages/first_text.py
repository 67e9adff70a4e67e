# ruff: noqa: E501 - prose: a paragraph is one line, as staff edit it in the admin
"""The first text of the four basic pages, in both languages, loaded by a
data migration; a page whose row is missing shows it too. Staff edit the
text in the admin afterwards; {placeholders} are filled from the settings."""

PAGES = [
    {
        "slug": "tentang",
        "title_id": "Tentang IFN",
        "title_en": "About IFN",
        "body_id": """Indonesia Footwear Network (IFN) adalah direktori daring industri alas kaki Indonesia: produsen, merek lokal, pemasok bahan dan komponen, penyamak kulit, penyedia jasa dan sentra perajin. Semboyannya: Collect · Connect · Collaborate.

IFN dijalankan oleh BPIPI (Balai Pengembangan Industri Persepatuan Indonesia), unit pelaksana teknis Kementerian Perindustrian yang membina industri alas kaki melalui pelatihan, pengujian di laboratorium dan pendampingan usaha.

## Bagaimana data usaha diperiksa

- Pemilik usaha mendaftarkan usahanya sendiri; staf BPIPI meninjau setiap usaha sebelum tampil di direktori.
- Perubahan data oleh pemilik ditinjau lagi sebelum tampil.
- Tanda "Terverifikasi BPIPI" berarti staf BPIPI telah memeriksa usaha itu: melihat dokumennya, mengunjungi lokasinya, atau menguji produknya di laboratorium BPIPI. Profil menyebut cara dan tanggal pemeriksaannya.
- Pemilik diminta mengonfirmasi datanya secara berkala. Bila data tidak dikonfirmasi selama 18 bulan, tanda verifikasi dilepas.
- Usaha tanpa pemilik dapat diklaim oleh pemiliknya yang sah; staf BPIPI memeriksa setiap klaim.

Ada yang keliru? [Hubungi kami](/kontak/).""",
        "body_en": """Indonesia Footwear Network (IFN) is an online directory of Indonesia's footwear industry: manufacturers, local brands, suppliers of materials and components, tanneries, service providers and craft clusters (sentra). Its motto: Collect · Connect · Collaborate.

IFN is run by BPIPI (Balai Pengembangan Industri Persepatuan Indonesia, the Indonesian Footwear Industry Development Centre), a technical unit of the Ministry of Industry that supports the footwear industry with training, laboratory testing and business coaching.

## How listings are checked

- Owners list their businesses themselves; BPIPI staff review every listing before it appears in the directory.
- Changes owners make are reviewed again before they appear.
- "Verified by BPIPI" means BPIPI staff have checked the business: they saw its documents, visited it, or tested its products in BPIPI's laboratory. The profile says how and when.
- Owners are asked to confirm their data regularly. When the data has not been confirmed for 18 months, the verified mark is removed.
- A listing without an owner can be claimed by its rightful owner; BPIPI staff check every claim.

Something wrong? [Contact us](/en/kontak/).""",
    },
    {
        "slug": "kontak",
        "title_id": "Kontak",
        "title_en": "Contact",
        "body_id": """## BPIPI

Balai Pengembangan Industri Persepatuan Indonesia
Jl. Raya Siwalanpanji No. 5, Buduran
Sidoarjo, Jawa Timur

## Email

{contact_email}

## WhatsApp

{helpline_whatsapp}

Untuk pertanyaan tentang satu usaha, gunakan tombol "Kirim pesan" di profil usaha itu: pesan Anda langsung sampai ke pemiliknya.""",
        "body_en": """## BPIPI

Balai Pengembangan Industri Persepatuan Indonesia (Indonesian Footwear Industry Development Centre)
Jl. Raya Siwalanpanji No. 5, Buduran
Sidoarjo, East Java, Indonesia

## Email

{contact_email}

## WhatsApp

{helpline_whatsapp}

For questions to one business, use the "Send a message" button on its profile: your message goes straight to its owner.""",
    },
    {
        "slug": "privasi",
        "title_id": "Pemberitahuan privasi",
        "title_en": "Privacy notice",
        "body_id": """Pemberitahuan ini menjelaskan data pribadi yang disimpan IFN, sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP).

## Pengendali data

BPIPI (Balai Pengembangan Industri Persepatuan Indonesia), Kementerian Perindustrian. Kontak: {contact_email}.

## Data yang disimpan dan untuk apa

- Akun pemilik usaha: nama, alamat email dan kata sandi (tersimpan teracak), untuk masuk dan mengelola usaha.
- Data usaha yang diisi pemilik (nama, alamat, telepon, WhatsApp, email, foto, produk): untuk ditampilkan di direktori. Data ini sengaja dipublikasikan.
- Klaim usaha: jabatan, nomor telepon dan dokumen bukti, hanya untuk pemeriksaan oleh staf BPIPI.
- Pesan dari pembeli: nama, email, nomor WhatsApp bila diisi, negara dan isi pesan, untuk diteruskan ke pemilik usaha.
- Catatan teknis server (alamat IP, waktu, halaman yang dibuka): untuk keamanan dan mencegah penyalahgunaan.

## Siapa yang melihatnya

Data usaha yang dipublikasikan dapat dilihat semua orang. Pesan hanya dilihat oleh pemilik usaha yang dituju. Dokumen klaim dan data akun hanya dilihat oleh staf BPIPI yang bertugas. IFN tidak menjual data pribadi.

## Berapa lama

Data akun dan usaha disimpan selama akun ada. Bila akun dihapus, akun dan pesan yang diterima ikut terhapus, usaha menjadi draf tanpa pemilik yang tidak tampil, dan dokumen bukti klaim dihapus.

## Hak Anda

- Akses dan portabilitas: unduh semua data akun dan usaha Anda sebagai berkas JSON di [Data saya]({account_data_url}).
- Perbaikan: ubah data usaha dan akun Anda sendiri di dasbor.
- Penghapusan: hapus akun Anda di [Hapus akun]({account_delete_url}).
- Untuk hak lain (misalnya keberatan atau pertanyaan), tulis ke {contact_email}.""",
        "body_en": """This notice explains the personal data IFN keeps, under Indonesia's Personal Data Protection Law (Law No. 27 of 2022, UU PDP).

## Data controller

BPIPI (Balai Pengembangan Industri Persepatuan Indonesia), Ministry of Industry. Contact: {contact_email}.

## What is kept and why

- Business owners' accounts: name, email address and password (stored scrambled), to sign in and manage a business.
- The business data owners enter (name, address, phone, WhatsApp, email, photos, products): to show it in the directory. This data is meant to be public.
- Claims to a business: position, phone number and evidence document, only for BPIPI staff to check the claim.
- Messages from buyers: name, email, WhatsApp number if given, country and the message, to pass it on to the business owner.
- Technical server records (IP address, time, page requested): for security and to stop abuse.

## Who sees it

Published business data is visible to everyone. A message is seen only by the owner of the business it was sent to. Claim documents and account data are seen only by the BPIPI staff on duty. IFN does not sell personal data.

## How long

Account and business data are kept while the account exists. When an account is deleted, the account and the messages it received are deleted, its businesses become unpublished drafts without an owner, and claim evidence files are deleted.

## Your rights

- Access and portability: download all your account and business data as a JSON file at [My data]({account_data_url}).
- Correction: change your business and account data yourself in the dashboard.
- Deletion: delete your account at [Delete account]({account_delete_url}).
- For other rights (objection or questions, for example), write to {contact_email}.""",
    },
    {
        "slug": "ketentuan",
        "title_id": "Ketentuan penggunaan",
        "title_en": "Terms of use",
        "body_id": """Dengan memakai IFN, Anda menyetujui ketentuan berikut.

## Untuk pemilik usaha

- Isi data yang benar tentang usaha Anda sendiri atau usaha yang Anda wakili dengan sah.
- Jangan mengunggah foto atau teks milik orang lain tanpa izin.
- Staf BPIPI dapat menolak, meminta perubahan, atau menangguhkan data yang keliru, menyesatkan atau melanggar hukum, dengan menyebut alasannya.

## Untuk pengunjung

- Data usaha diisi oleh pemiliknya. BPIPI memeriksanya sebisa mungkin tetapi tidak menjamin setiap keterangan; periksa sendiri sebelum bertransaksi.
- IFN tidak menjadi pihak dalam transaksi antara pembeli dan usaha.
- Gunakan formulir pesan untuk keperluan usaha, bukan untuk iklan massal atau spam.

## Data terbuka

Daftar usaha yang dipublikasikan dapat diunduh sebagai CSV untuk dipakai ulang dengan menyebut sumbernya: Indonesia Footwear Network (BPIPI).

Pertanyaan: {contact_email}.""",
        "body_en": """By using IFN you accept the following terms.

## For business owners

- Enter true data about your own business or one you lawfully represent.
- Do not upload other people's photos or texts without permission.
- BPIPI staff may reject, ask for changes to, or suspend data that is wrong, misleading or unlawful, and say why.

## For visitors

- Business data is entered by the owners. BPIPI checks it as far as it can but does not guarantee every detail; check for yourself before doing business.
- IFN is not a party to any deal between a buyer and a business.
- Use the message form for business, not for mass advertising or spam.

## Open data

The list of published businesses can be downloaded as CSV and reused, naming the source: Indonesia Footwear Network (BPIPI).

Questions: {contact_email}.""",
    },
]
