"""Field values between a mission document and the database, both ways."""

import datetime

# Document to record


def text(value):
    """Text as stored: Unix line ends, no surrounding whitespace."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def both(entry, key):
    """The English and Russian columns of a translated field from `key` and `key_ru`."""
    return {f"{key}_en": text(entry.get(key)), f"{key}_ru": text(entry.get(f"{key}_ru"))}


def given(entry, key, field=None):
    """{field: text} only when the entry gives `key`: omission keeps a shared record's value."""
    return {field or key: text(entry[key])} if key in entry else {}


def given_both(entry, key):
    """The translated columns of `key` that the entry gives, English and Russian."""
    return given(entry, key, f"{key}_en") | given(entry, f"{key}_ru")


def joined(entry, key):
    """A list of one-line texts (findings) as stored: one a line."""
    return "\n".join(text(item) for item in entry.get(key, []))


def day(value):
    return datetime.date.fromisoformat(value)


# Record to document


def en(obj, field):
    """The English text of a translated field, whatever language is active."""
    return getattr(obj, f"{field}_en") or ""


def ru(obj, field):
    return getattr(obj, f"{field}_ru") or ""


def translated(obj, field):
    """{field: English, field_ru: Russian}, the keys of a translated text in a document."""
    return {field: en(obj, field), f"{field}_ru": ru(obj, field)}


def lines(value):
    return [line.strip() for line in value.splitlines() if line.strip()]


def number(value):
    """A stored decimal (percent, turnout) as the document writes it."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def iso(value):
    return value.isoformat() if value else None


def compact(entry):
    """Drop optional fields that are empty (None, "" or [])."""
    return {key: value for key, value in entry.items() if value not in (None, "", [])}
