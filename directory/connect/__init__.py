"""Connect: what brings buyers and partners to a business. Inquiries (the
contact form, the owner's inbox, their mail), collaboration posts (the board
/kolaborasi/ and the owner's posts), partner suggestions (ranked ahead of
the profile's request and stored: `ranked_partners`), profile views and the
owner's figures.

May import: the shared core, accounts, taxonomy, listings."""
