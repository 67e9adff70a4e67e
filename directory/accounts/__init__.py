"""Accounts: the user model (people sign in with their email address, or with
their WhatsApp number and a code), and how django-allauth signs people up and
in (adapter, forms, rate limits).

May import: the shared core. Everything else may import it."""
