"""What a process builds once and keeps (the typo vocabulary, the sample
the listing's counts are estimated from) moved out of the garbage
collector's way.

Python's collector now and then walks every object a process holds. With
the vocabulary and the sample in memory, one such walk took a tenth of a
second of some visitor's request, a few times in every few hundred.
`gc.freeze()` puts every object alive at that moment aside for good: later
walks skip them. Frozen objects are still freed when nothing refers to them
any more; only cycles among them wait for the process to end, and the
process is replaced every ten thousand requests (gunicorn.conf.py)."""

import gc


def kept() -> None:
    """Call once something built to last the process's life exists."""
    gc.freeze()
