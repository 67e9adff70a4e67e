"""Stewardship: staff's tools for keeping the directory true. Importing and
exporting community lists, probable duplicates and their merge, freshness
reminders, and the figures on the admin's front page.

May import: any capability but browse."""
