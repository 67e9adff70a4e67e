"""The site's basic pages (about, contact, privacy, terms): text staff edit in the admin."""
