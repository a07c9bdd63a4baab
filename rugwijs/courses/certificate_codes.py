"""The codes on certificates of completion: random, unguessable, and easy to read aloud or type over.

A code is 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L, nor U), 30 ** 10 ≈ 5.9 × 10^14
possibilities, drawn with `secrets`. It is stored bare (`7KQM3XTDP9`) and shown grouped with the site's
prefix (`RW-7KQM-3XTD-P9`). What people type back is read generously: any case, with or without the
prefix, spaces, hyphens or dots.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
PREFIX = "RW"
# Longer input is no code, however it is spelled; refusing it early keeps the work per request small.
MAX_INPUT = 64

_SEPARATORS = re.compile(r"[\s\-_.·–—]+")
_CODE = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """`7KQM3XTDP9` → `RW-7KQM-3XTD-P9`."""
    return "-".join([PREFIX, code[:4], code[4:8], code[8:]])


def normalise(text: str) -> str | None:
    """The bare code someone meant, or None when the text cannot be a code at all."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    bare = _SEPARATORS.sub("", text).upper()
    if len(bare) == LENGTH + len(PREFIX) and bare.startswith(PREFIX):
        bare = bare[len(PREFIX) :]
    return bare if _CODE.fullmatch(bare) else None
