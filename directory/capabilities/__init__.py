"""What a footwear buyer must know before ordering: construction methods,
segments, materials worked, services, sizes, quantities, lead times, samples,
export markets, and registrations (NIB, KBLI, certificates with their
evidence). Reference words in both languages, the fields a business carries,
the owner's step, the profile block, and the daily certificate reminder.

Two levels: `models` and `reference` sit below taxonomy and listings (which
offer the words with the other filter rows and inherit the fields) and import
only the shared core; `forms` builds on listings; `profile`, `open_data`,
`figures`, `admin` and `reminders` import the shared core and search."""
