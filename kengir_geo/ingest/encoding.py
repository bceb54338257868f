"""Which legacy encoding a text that is not UTF-8 is in, judged by the text it yields.

Byte statistics (such as charset_normalizer's) mistake Russian cp1251 for Central European cp1250: both
decode without error. Decoded the wrong way, words turn into runs of accented Latin letters
with no plain letter among them ("Ęĺíăčđ"), into Cyrillic with the case jumbled ("кЕНГИР"), or
into box-drawing signs. So each candidate is scored by the share of its words that read as
words of one script, and the best is proposed.
"""

from __future__ import annotations

import re
import unicodedata

# Tried in this order; on a tie the earlier wins (Cyrillic first: the story's own sources).
CANDIDATES = ("cp1251", "koi8-r", "cp866", "cp1252", "cp1250", "iso8859-2", "mac-cyrillic")
_WORD = re.compile(r"[^\W\d_]{2,}")
_SAMPLE = 200_000  # bytes looked at: enough words, bounded work


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]


def _readable(word: str) -> bool:
    if not (word.islower() or word.isupper() or word.istitle()):
        return False  # "кЕНГИР": koi8-r read as cp1251, or the reverse
    scripts = {_script(c) for c in word}
    if len(scripts) != 1:
        return False
    # a Latin word has plain letters among its accented ones ("Łódź", "Größe")
    return scripts != {"LATIN"} or any(c.isascii() for c in word)


def readability(text: str) -> float:
    """Share of words with non-ASCII letters that read as words; signs that are neither
    letters nor common punctuation (box drawing, currency) count against it."""
    good = bad = 0
    for word in _WORD.findall(text):
        if not word.isascii():
            if _readable(word):
                good += 1
            else:
                bad += 1
    bad += sum(
        1
        for c in text
        if not c.isascii() and unicodedata.category(c)[0] in "SC" and c not in "«»„“”‘’–—…№°€"
    )
    return good / (good + bad) if good + bad else 0.0


def guess_encoding(raw: bytes) -> str | None:
    """The candidate encoding whose text reads best, or None when none reads as words."""
    sample = raw[:_SAMPLE]
    best, best_score = None, 0.5  # below this, no guess is better than a wrong one
    for encoding in CANDIDATES:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = readability(text)
        if score > best_score:
            best, best_score = encoding, score
    return best
