"""Strings Django's admin (and django-reversion) compose with a model's name.

Django puts the name in the nominative into one phrase for every model ("Add %s"), which in
Russian needs the accusative and a gender ("Добавить миссия", "Восстановить удаленный миссии").
The project's catalogue comes before Django's own (LOCALE_PATHS), so it translates each of
these phrases in a form where the name may stay in the nominative ("Добавление: миссия").
Listed here so that `makemessages` keeps them; also the admin strings Django leaves untranslated.
"""

from django.utils.translation import gettext_noop

COMPOSED = [
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Select %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Cannot delete %(name)s"),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Recover deleted %(verbose_name)s"),
    gettext_noop("Recover %s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("- Select an option -"),
]
