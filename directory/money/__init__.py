"""Money as visitors read it: prices in rupiah written the page's way, and on
English pages an indicative US-dollar range from the exchange rate BPIPI
staff set in the admin. Part of the shared core: it imports no capability."""
