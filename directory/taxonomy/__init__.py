"""The value chain's words: stages, roles, product categories, certifications
and tags, their admin, and the cached rows the listing's filters and cards
read (`reference`).

May import: the shared core, search, places."""
