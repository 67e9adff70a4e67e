"""Privacy: the owner's rights over their data, downloading everything the
site keeps about their account and deleting it.

May import: the shared core, accounts, capabilities, listings, connect, review."""
