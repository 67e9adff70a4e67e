"""Search: the columns each business carries for search and filtering
(`index`: word columns, facet keys, the PostgreSQL vector), how words and
Indonesian affixes are read (`words`), the bilingual glossary (`models`,
`glossary`), misspelt words corrected against the directory's vocabulary
(`typos`), the query that reads them (`query`), and the admin base that
rewrites them when a reference row is renamed (`admin`).

May import: the shared core. It reads businesses through the app registry,
never by importing listings, so that listings can build on it."""
