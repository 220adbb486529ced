"""The list of every error on a change page, each linking to its field, shown at the top."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import pretty_name
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def error_summary(form, inline_admin_formsets):
    """[{"where", "message", "anchor"}] for the main form, its inlines and their nested inlines."""
    problems = list(form_problems(form, "", "mission_form"))
    for inline_admin_formset in inline_admin_formsets:
        section = section_name(inline_admin_formset.opts)
        problems += formset_problems(inline_admin_formset.formset, section)
    return problems


def section_name(inline):
    """The inline's heading without the count the mission page adds ("Visits", not "Visits (6)")."""
    name = getattr(type(inline), "verbose_name_plural", None)
    return capfirst(name or inline.model._meta.verbose_name_plural)


def formset_problems(formset, section):
    problems = [
        {"where": section, "message": message, "anchor": f"{formset.prefix}-group"}
        for message in formset.non_form_errors()
    ]
    for index, form in enumerate(formset.forms):
        if form.errors and not deleted(formset, form):
            where = row_name(section, index, form)
            problems += form_problems(form, where, f"{formset.prefix}-{index}")
        for nested, inline in zip(
            getattr(form, "nested_formsets", ()), getattr(form, "nested_inlines", ()), strict=False
        ):
            problems += formset_problems(
                nested, f"{row_name(section, index, form)} › {section_name(inline)}"
            )
    return problems


def deleted(formset, form):
    return formset.can_delete and formset._should_delete_form(form)


def row_name(section, index, form):
    """ "Meetings, row 3 (2016-12-11 meeting)": the row as counted on the page, and the record."""
    where = _("%(section)s, row %(number)s") % {"section": section, "number": index + 1}
    if form.instance.pk:
        where = f"{where} ({form.instance})"
    return where


def form_problems(form, where, row_anchor):
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            label, anchor = "", row_anchor
        else:
            field = form.fields[name]
            label = str(field.label or pretty_name(name))
            anchor = form[name].id_for_label or row_anchor
        place = ": ".join(part for part in (where, label) if part)
        for message in messages:
            yield {"where": place, "message": message, "anchor": anchor}
