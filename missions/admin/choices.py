"""Choices that are valid: a mission's people from its delegation members, and autocomplete
results ranked with exact matches first and labelled in full (issue 19, item 4)."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from missions.models import Delegation, DelegationMember, Person

MEMBERS_ONLY = _("Members of the mission's delegations; add the delegation and its members first.")


def members_of(mission):
    """The people on the mission's delegations."""
    if mission is None or not mission.pk:
        return Person.objects.none()
    people = Person.objects.filter(memberships__delegation__mission=mission)
    return people.distinct().order_by("name")


def deleted(form):
    """Whether a section's row is ticked for deletion in the post."""
    return "DELETE" in form.fields and bool(form["DELETE"].data)


def posted_person(member):
    """The person a member's row posts (the saved one if the row shows it read-only)."""
    return member["person"].data if "person" in member.fields else member.instance.person_id


def section_people(members, delegation):
    """The people a delegation's members section posts (as saved if the post leaves it out)."""
    if getattr(members, "left_out", False):
        saved = DelegationMember.objects.filter(delegation_id=delegation.instance.pk)
        return set(saved.values_list("person_id", flat=True))
    posted = (str(posted_person(m) or "") for m in members.forms if not deleted(m))
    return {int(person) for person in posted if person.isdigit()}


def posted_member_ids(formsets):
    """The people on the delegations as a mission page posts them, or None if the post has no
    delegations section."""
    sections = [fs for fs in formsets if fs.model is Delegation and not fs.is_nested]
    if not sections or f"{sections[0].prefix}-TOTAL_FORMS" not in sections[0].data:
        return None
    people = set()
    for delegation in sections[0].forms:
        for members in getattr(delegation, "nested_formsets", []):
            if members.model is DelegationMember and not deleted(delegation):
                people |= section_people(members, delegation)
    return people


class OfferedChoices(ModelChoiceIterator):
    """The choices a field shows: its `offered` people, not its whole queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for person in self.field.offered:
            yield self.choice(person)

    def __len__(self):
        return len(self.field.offered) + (self.field.empty_label is not None)


def offer_members(fields, name, mission, chosen=(), multiple=False):
    """Offer `name` as a plain choice among the mission's members (checkboxes for several).

    The field still accepts anyone, so the model's own check names a non-member; people
    already `chosen` who are not members stay on offer, marked, so a save keeps them.
    """
    if name not in fields:
        return
    field = fields[name]
    members = list(members_of(mission))
    member_ids = {person.pk for person in members}
    field.offered = members + [person for person in chosen if person.pk not in member_ids]
    field.iterator = OfferedChoices
    field.label_from_instance = lambda person: (
        str(person)
        if person.pk in member_ids
        else _("%(person)s (not a member)") % {"person": person}
    )
    field.widget = forms.CheckboxSelectMultiple() if multiple else forms.Select()
    field.widget.choices = field.choices
    field.help_text = MEMBERS_ONLY


def exact_first(queryset, term, fields):
    """The queryset ordered with an exact (case-insensitive) match of any of `fields` first."""
    term = term.strip()
    if not term:
        return queryset
    exact = Q()
    for field in fields:
        exact |= Q(**{f"{field}__iexact": term})
    rank = Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.annotate(exact_rank=rank).order_by("exact_rank", *ordering)


class LabelledAutocomplete(AutocompleteJsonView):
    """Autocomplete whose text is the admin's `autocomplete_label(obj)` where it has one."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        return result | {"text": label(obj)} if label else result


def autocomplete_view(admin_site, request):
    return LabelledAutocomplete.as_view(admin_site=admin_site)(request)
