"""What a footwear buyer must know before ordering: construction methods,
segments, materials worked, services, sizes, quantities, lead times, samples,
export markets, and registrations (NIB, KBLI, certificates with their
evidence). Reference words in both languages, the fields a business carries,
the owner's step, the profile block, and the daily certificate reminder.

May import: the shared core, search, places, taxonomy."""
