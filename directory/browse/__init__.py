"""Browse: the public pages a visitor reads. Home, the listing /direktori/
with its filters and counts, a business's profile, the sentra pages,
statistics, the CSV open data and the sitemaps; and how well the listing's
search finds what buyers mean (`relevance`, measured in a transaction it
rolls back).

May import: every capability below it (listings, connect, review, places,
taxonomy, search) to read; it changes nothing."""
