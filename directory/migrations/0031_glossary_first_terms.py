"""The glossary's first terms: footwear words in English and Indonesian,
their synonyms and the abbreviations people type. Staff extend it in the
admin."""

from django.db import migrations

# (English terms, Indonesian terms, abbreviations and other spellings)
TERMS = [
    ("shoes, shoe, footwear", "sepatu, alas kaki", "spt, sptu, spatu"),
    ("leather", "kulit", "klt, kult"),
    ("genuine leather, real leather", "kulit asli", ""),
    ("synthetic leather, faux leather, artificial leather", "kulit sintetis, kulit imitasi, imitasi", "pu leather"),
    ("sandals, sandal", "sandal, sendal", "sdl, sndl"),
    ("slippers, slipper, flip flops, flip-flops", "sandal jepit, selop, sandal rumah, sandal hotel", "jepit"),
    ("sole, soles, outsole", "sol, sol luar, tapak", ""),
    ("insole, footbed", "sol dalam, insol", ""),
    ("midsole", "sol tengah", ""),
    ("upper, uppers", "bagian atas sepatu, upper", ""),
    ("last, shoe last, lasts", "acuan, lestan, acuan sepatu, cetakan sepatu", ""),
    ("tannery, tanner, tanning", "penyamakan, penyamakan kulit, samak", ""),
    ("manufacturer, factory, producer, maker", "produsen, pabrik, pembuat", ""),
    # Indonesian factories offer "maklon" for all three: made to the buyer's
    # design (OEM), to their own (ODM), under the buyer's label.
    (
        "oem, contract manufacturing, private label, white label, odm",
        "maklon, jasa maklon, merek sendiri, label pribadi",
        "original equipment manufacturer, original design manufacturer",
    ),
    ("boots, boot", "sepatu bot, sepatu boot, bot", ""),
    ("safety shoes, safety boots, work boots", "sepatu safety, sepatu keselamatan, sepatu kerja", ""),
    ("kids, children, child", "anak, anak anak", ""),
    ("men, mens, male", "pria, laki laki", ""),
    ("women, womens, ladies", "wanita, perempuan", ""),
    ("loafers, loafer", "sepatu loafer, selop kulit", ""),
    ("formal shoes, dress shoes", "pantofel, sepatu formal, sepatu kantor", "pantofel"),
    ("sneakers, sneaker, trainers", "sepatu kets, kets, sneakers", ""),
    ("sports shoes, athletic shoes, running shoes", "sepatu olahraga, sepatu lari", ""),
    ("school shoes", "sepatu sekolah", ""),
    ("canvas", "kanvas", ""),
    ("rubber", "karet", ""),
    ("eva, ethylene vinyl acetate", "eva, spons eva", ""),
    ("pu, polyurethane", "pu, poliuretan", ""),
    ("pvc, polyvinyl chloride", "pvc", ""),
    ("tpr, thermoplastic rubber", "tpr, karet termoplastik", ""),
    ("synthetic", "sintetis", ""),
    ("glue, adhesive, cement", "lem, perekat", ""),
    ("machinery, machine, machines, equipment", "mesin, peralatan", ""),
    ("training, course, courses", "pelatihan, kursus", ""),
    ("design, designer", "desain, desainer, perancang", ""),
    ("pattern, pattern making", "pola, pembuatan pola", ""),
    ("cemented, cement construction", "lem dingin, konstruksi lem", ""),
    ("vulcanised, vulcanized, vulcanising", "vulkanisir, vulkanisasi", "vulkanis"),
    ("injection, injection moulding, injection molding", "injeksi, cetak injeksi", ""),
    ("stitched, stitching, sewing", "jahit, jahitan", ""),
    ("goodyear welt, welted", "goodyear welt, goodyear", ""),
    ("blake, blake stitched", "blake", ""),
    ("strobel", "strobel", ""),
    ("california construction", "california", ""),
    ("moccasin, moccasins", "mokasin", ""),
    ("handmade, hand made, handcrafted", "buatan tangan, kerajinan tangan", ""),
    ("suede", "suede, kulit suede", "sued"),
    ("nubuck", "nubuk", ""),
    ("goat leather, goatskin, goat", "kulit kambing, kambing", ""),
    ("sheep leather, sheepskin, sheep", "kulit domba, domba", ""),
    ("buffalo leather, buffalo", "kulit kerbau, kerbau", ""),
    ("cow leather, cowhide, cow", "kulit sapi, sapi", ""),
    ("sole moulding, sole molding, sole factory", "cetak sol, pabrik sol", ""),
    ("packaging, shoe boxes, boxes", "kemasan, dus, kardus, kotak sepatu", ""),
    ("finishing", "finishing, penyelesaian akhir", ""),
    ("orthopedic, orthopaedic, medical shoes", "ortopedi, ortopedik, sepatu kesehatan", ""),
    ("export, exporter", "ekspor, eksportir", "exp"),
    ("supplier, suppliers, vendor, material source", "pemasok, penyedia, supplier, sumber bahan baku", "suplier"),
    ("distributor, wholesaler, wholesale", "distributor, grosir, agen", ""),
    ("workshop", "bengkel, bengkel sepatu", ""),
    ("home industry, cottage industry", "industri rumahan, industri rumah tangga", ""),
    ("craftsman, craftsmen, artisan, artisans", "perajin, pengrajin", ""),
    ("shoemaker, cobbler", "tukang sepatu, perajin sepatu", ""),
    ("shoemaking, shoe making, footwear making", "pembuatan sepatu, membuat sepatu, bikin sepatu", ""),
    ("association", "asosiasi, himpunan, paguyuban", ""),
    ("cooperative", "koperasi", ""),
    ("training centre, training center", "balai pelatihan, pusat pelatihan", ""),
    ("chemicals, chemical", "bahan kimia, kimia", ""),
    ("accessories, components", "aksesoris, komponen", ""),
    ("buckles, buckle", "gesper, kepala sabuk", ""),
    ("laces, shoelaces", "tali sepatu", ""),
    ("thread", "benang", ""),
    ("mould, mold, moulds, molds", "cetakan, molding", ""),
    ("fabric, textile", "kain, tekstil", ""),
    ("bags, bag", "tas", ""),
    ("belts, belt", "ikat pinggang, sabuk", ""),
    ("wallet", "dompet", ""),
    ("jacket", "jaket", ""),
    ("heels, high heels", "hak tinggi, sepatu hak", ""),
    ("wedges", "wedges, sepatu wedges", ""),
    ("slip on, slip-on", "slip on, selop", ""),
    ("baby shoes", "sepatu bayi, sepatu bayi", ""),
    ("military boots, army boots", "sepatu pdl, sepatu tentara", "pdl"),
    ("golf shoes", "sepatu golf", ""),
    ("football boots, soccer shoes", "sepatu bola, sepatu futsal", ""),
    ("repair, shoe repair", "servis sepatu, reparasi, perbaikan", ""),
    ("wholesale order, bulk order", "pesanan partai besar, partai besar", ""),
    ("minimum order", "minimal order, minimal pesanan", "moq"),
    ("custom, custom made, made to order", "pesanan khusus, custom, sesuai pesanan", ""),
    ("brand", "merek, merk, brand", ""),
    ("quality control", "kontrol kualitas, pengendalian mutu", "qc"),
    ("sample, samples, sampling", "sampel, contoh", ""),
    ("cutting, leather cutting", "pemotongan, potong kulit", ""),
    ("sewing machine", "mesin jahit", ""),
    ("dye, dyeing, colouring", "pewarna, pewarnaan, cat kulit", ""),
    ("rawhide, hides, skins", "kulit mentah, kulit basah", ""),
    ("crust leather", "kulit crust", ""),
    ("wet blue", "wet blue", ""),
    ("printing, screen printing", "sablon, cetak", ""),
    ("embroidery", "bordir", ""),
    ("weaving, woven", "anyaman, tenun", ""),
    ("natural fibre, rattan, pandan", "serat alam, rotan, pandan", ""),
    ("wood, wooden", "kayu", ""),
    ("recycled", "daur ulang", ""),
    ("vegan", "vegan", ""),
    ("halal", "halal", ""),
    ("shoe shop, store, retail", "toko sepatu, toko, ritel", ""),
    ("online shop", "toko online, toko daring", ""),
    ("Bandung", "Bandung", ""),
    ("Jakarta", "Jakarta", "jkt"),
    ("Yogyakarta", "Yogyakarta, Jogja, Jogjakarta, Yogya", "diy, jogya"),
    ("East Java", "Jawa Timur", "jatim"),
    ("West Java", "Jawa Barat", "jabar"),
    ("Central Java", "Jawa Tengah", "jateng"),
    ("West Sumatra", "Sumatera Barat", "sumbar"),
    ("North Sumatra", "Sumatera Utara", "sumut"),
]


def add(apps, schema_editor):
    GlossaryTerm = apps.get_model("directory", "GlossaryTerm")
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(english=english, indonesian=indonesian, abbreviations=abbreviations)
        for english, indonesian, abbreviations in TERMS
    )


def remove(apps, schema_editor):
    GlossaryTerm = apps.get_model("directory", "GlossaryTerm")
    GlossaryTerm.objects.filter(english__in=[english for english, _indonesian, _other in TERMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0030_search_words_and_glossary")]

    operations = [migrations.RunPython(add, remove)]
