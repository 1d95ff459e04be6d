"""“Có phải bạn muốn tìm …?”: the closest product-name words to a search that found nothing.

Pure Python over a vocabulary of the words in product names, so it works alike on SQLite and
PostgreSQL; the caller builds the vocabulary once per catalogue version and caches it. Cost is
bounded: at most MAX_ATTEMPTS unknown words of MAX_TERM_CHARS characters, each compared with the
words of a similar length only (Vietnamese syllables are short: a few thousand distinct accent-free words).
"""

import bisect
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from marketplace.catalogue.search import search_terms
from marketplace.core.text import normalise

# A word accent-free -> (its most common spelling in names, how many names use it).
Vocabulary = dict[str, tuple[str, int]]

MIN_FIXABLE_CHARS = 3  # "ca" or "xo" could be anything: left alone
MAX_ATTEMPTS = 3  # unknown words looked at in one query: each costs a pass over the vocabulary
PREFILTER_RATIO = 0.6  # difflib similarity below which a word cannot be one or two edits away
_WORD = re.compile(r"\w+")


def build_vocabulary(names: Iterable[str]) -> Vocabulary:
    spellings: dict[str, Counter] = defaultdict(Counter)
    for name in names:
        for word in _WORD.findall(unicodedata.normalize("NFC", name or "").lower()):
            key = normalise(word)
            if key and " " not in key:
                spellings[key][word] += 1
    return {key: (forms.most_common(1)[0][0], sum(forms.values())) for key, forms in spellings.items()}


def suggest(raw: str, vocabulary: Vocabulary) -> str:
    """The query with its unknown words replaced by the closest name words ("nuoc mamm" -> "nước mắm"),
    or "" when nothing could be corrected."""
    terms = search_terms(raw)
    if not terms or not vocabulary:
        return ""
    words = sorted(vocabulary)
    corrected, fixes = [], {}
    for term in terms:
        if term in vocabulary:
            corrected.append(vocabulary[term][0])
        elif _is_prefix_of_a_word(term, words):
            corrected.append(term)  # search matches word starts: "mat on" is no typo
        else:
            if term not in fixes and len(fixes) < MAX_ATTEMPTS:
                fixes[term] = _fix(term, words, vocabulary)
            corrected.append(fixes.get(term) or term)
    return " ".join(corrected) if any(fixes.values()) else ""


def _fix(term: str, words: list[str], vocabulary: Vocabulary) -> str | None:
    # One edit away first ("mamm" -> "mắm"), then two words run together ("matong" -> "mật ong",
    # not "mường", two edits away), then two edits.
    nearest = _closest(term, words, vocabulary)
    if nearest and nearest[1] == 1:
        return nearest[0]
    return _split(term, vocabulary) or (nearest[0] if nearest else None)


def _is_prefix_of_a_word(term: str, words: list[str]) -> bool:
    index = bisect.bisect_left(words, term)
    return index < len(words) and words[index].startswith(term)


def _split(term: str, vocabulary: Vocabulary) -> str | None:
    """Two words typed without a space ("nuocmam" -> "nước mắm"), the most common pair first."""
    pairs = [
        (term[:cut], term[cut:])
        for cut in range(2, len(term) - 1)
        if term[:cut] in vocabulary and term[cut:] in vocabulary
    ]
    if not pairs:
        return None
    left, right = max(pairs, key=lambda pair: min(vocabulary[pair[0]][1], vocabulary[pair[1]][1]))
    return f"{vocabulary[left][0]} {vocabulary[right][0]}"


def _closest(term: str, words: list[str], vocabulary: Vocabulary) -> tuple[str, int] | None:
    """The name word fewest edits away (a letter wrong, missing, extra or two swapped), the more
    common one on a tie; one edit allowed in words of up to 4 letters, two beyond."""
    if len(term) < MIN_FIXABLE_CHARS:
        return None
    allowed = 1 if len(term) <= 4 else 2
    matcher = difflib.SequenceMatcher(b=term, autojunk=False)
    best, best_key = None, None
    for word in words:
        if abs(len(word) - len(term)) > allowed:
            continue
        # difflib's cheap bounds drop most words before the exact distance is computed.
        matcher.set_seq1(word)
        if matcher.real_quick_ratio() < PREFILTER_RATIO or matcher.quick_ratio() < PREFILTER_RATIO:
            continue
        distance = _edit_distance(term, word)
        key = (distance, -vocabulary[word][1], word)
        if distance <= allowed and (best_key is None or key < best_key):
            best, best_key = word, key
    return (vocabulary[best][0], best_key[0]) if best else None


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: Levenshtein plus the swap of two neighbours ("nuco"/"nuoc")."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]
