"""Places: Indonesia's provinces and regencies (kabupaten/kota) and the sentra
(production centres), and their admin. The public sentra pages are browse's.

May import: the shared core, search."""
