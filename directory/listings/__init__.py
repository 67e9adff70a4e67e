"""Listings: the business and what its profile holds (photos, products,
marketplace shops), its history (owners' changes, the moderation log), and
the owner's pages under /dasbor/: home, the listing in steps, products and
the photo gallery.

May import: the shared core, accounts, search, places, taxonomy. Never the
capabilities built on it (connect, review, browse, stewardship, privacy)."""
