"""Date formats per language, over Django's own (FORMAT_MODULE_PATH): the public pages use
DATE_FORMAT for full dates and SHORT_DATE_FORMAT in lists."""
