"""Review: staff's decisions. Moderation of listings, owners' changes and
photos (`decisions`), claims of unowned listings (`claims`, `claim_views`),
the review queue and the admin actions that call them.

May import: the shared core, accounts, search, listings, connect."""
