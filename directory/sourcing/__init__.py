"""Sourcing requests: a buyer says once what they need, BPIPI staff approve
it, the suppliers whose capabilities fit are invited, and their quotes are
compared side by side on the buyer's private page."""
