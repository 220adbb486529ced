"""Words as search sees them: folded, stemmed, parsed from what a reader types.

Folding is NFKC, case folding and ё as е, for Cyrillic and Latin alike. Stems are
Snowball's (PyStemmer): Russian for a word with Cyrillic letters, English otherwise.
Stop words are PostgreSQL's Snowball lists, so both engines drop the same words.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import Stemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 300  # characters read from a query; the rest is ignored
MAX_TERMS = 12  # words and phrases; more narrow nothing a reader would notice
WORD = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]*)"?')
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"


@lru_cache(maxsize=1)
def stopwords():
    words = set()
    for name in ("english.stop", "russian.stop"):
        words.update((STOPWORDS_DIR / name).read_text(encoding="utf-8").split())
    return frozenset(fold(word) for word in words)


_stemmers = {}


def stemmer(language):
    if language not in _stemmers:
        _stemmers[language] = Stemmer.Stemmer(language)
    return _stemmers[language]


def clean(text):
    """What may be searched for: no NUL, no lone surrogates, at most MAX_QUERY_LENGTH."""
    text = text.encode("utf-8", "ignore").decode("utf-8") if text else ""
    return text.replace("\x00", " ")[:MAX_QUERY_LENGTH].strip()


def fold(text):
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def words(text):
    return WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def stem(word):
    """The Snowball stem of a folded word (cached: a snippet stems every word of a text)."""
    language = "russian" if CYRILLIC.search(word) else "english"
    return stemmer(language).stemWord(word)


def variants(word):
    """The word's stem and that stem's own stem: Snowball cuts some names further in one form
    than in another ('Казахстане' -> 'казахстан', 'Казахстан' -> 'казахста'), so a query word
    also matches the shorter stem. The first is the word's own stem."""
    first = stem(word)
    return list(dict.fromkeys([first, stem(first)]))


def stems(text):
    """The text as stems, one per word and in order, for the SQLite index."""
    return " ".join(stem(word) for word in words(text))


@dataclass(frozen=True)
class Query:
    """A parsed query: terms that must all match; a term of several words is a phrase."""

    text: str
    terms: tuple

    def __bool__(self):
        return bool(self.terms)

    def stems(self):
        """The stems to mark in a snippet (stop words inside a phrase are not marked)."""
        return {stem(word) for term in self.terms for word in term if word not in stopwords()}


def parse(text):
    """Words in any order, and "quoted phrases"; everything else a reader types is ignored."""
    text = clean(text)
    terms = []
    for match in PHRASE.finditer(text):
        phrase = tuple(words(match.group(1)))
        if phrase:
            terms.append(phrase)
    rest = PHRASE.sub(" ", text)
    terms.extend((word,) for word in words(rest))
    terms = [term for term in dict.fromkeys(terms) if len(term) > 1 or term[0] not in stopwords()]
    return Query(text=text, terms=tuple(terms[:MAX_TERMS]))


SNIPPET_WORDS = 30


@lru_cache(maxsize=65536)
def word_stem(word):
    """The stem of a word as written in a text."""
    return stem(fold(word))


def snippet(texts, query):
    """The passage of the first text with the most matching words, matches marked; escaped.

    Used where the engine has no headline of its own (SQLite: FTS5 holds stems only).
    """
    wanted = query.stems()
    best = None
    for text in texts:
        for paragraph in filter(None, (line.strip() for line in text.splitlines())):
            spans = [m.span() for m in WORD.finditer(paragraph)]
            found = [(i, word_stem(paragraph[a:b])) for i, (a, b) in enumerate(spans)]
            hits = [i for i, found_stem in found if found_stem in wanted]
            score = len({found_stem for _i, found_stem in found if found_stem in wanted})
            if hits and (best is None or score > best[3]):
                best = (paragraph, spans, hits, score)
        if best:
            break
    if best is None:
        return ""
    paragraph, spans, hits, _score = best
    first = max(0, hits[0] - SNIPPET_WORDS // 3)
    last = min(len(spans), first + SNIPPET_WORDS)
    start = spans[first][0] if first else 0
    end = spans[last - 1][1] if last < len(spans) else len(paragraph)
    marked = set(hits)
    out, cursor = [], start
    for i in range(first, last):
        a, b = spans[i]
        out.append(escape(paragraph[cursor:a]))
        word = escape(paragraph[a:b])
        out.append(f"<mark>{word}</mark>" if i in marked else word)
        cursor = b
    out.append(escape(paragraph[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(paragraph) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)
