"""The mission page's rows built in Python: one call per row where the template spent a dozen
tag and variable lookups (members are the page's longest list). Each gives the same markup the
template did; the variable parts are escaped, as `{{ }}` escapes them."""

from django import template
from django.template import engines
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import page_scope
from ..models import VisitStage
from .links import esc, person_link
from .translated import tr

register = template.Library()


def rows(parent, relation):
    """`parent.<relation>.all()` where the page has handed the parent its rows (a prefetch,
    missions/prepared.py): read from its prefetch cache, without building a related manager
    and its queryset (some 400 a mission page)."""
    try:
        found = parent._prefetched_objects_cache[relation]._result_cache
    except (AttributeError, KeyError):
        found = None
    return getattr(parent, relation).all() if found is None else found


@page_scope.memo()
def choice_labels(model, field_name, language):
    """{value: label} of a field's choices in one language, translated once per process
    (get_FOO_display() builds a dict of every lazy label, translating each, on every call)."""
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


@register.filter
def display(record, field_name):
    """What `record.get_<field>_display()` gives, from the labels translated once."""
    value = getattr(record, field_name)
    labels = choice_labels(type(record), field_name, page_scope.language())
    if type(value) is str:  # most choices: the label, a string, or the value itself
        return labels.get(value, value)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


@page_scope.memo()
def stage_names(language):
    """{stage: label} of the visit stages in one language, translated once per process."""
    return {stage.value: str(stage.label) for stage in VisitStage}


def stages_shown(visit):
    """A visit's stages as its row lists them: the labels escaped and joined by commas, a dash
    for none (what `stage_labels()|join:", "|default:"—"` gives, without a lazy label each)."""
    names = stage_names(page_scope.language())
    return SafeString(", ".join(esc(names[VisitStage(stage)]) for stage in visit.stages)) or "—"


def round_number(round_):
    """ "round 2", as {% blocktranslate %} gives it: the number escaped, the message not."""
    return round_in(round_.number, page_scope.language())


@page_scope.memo(maxsize=256)
def round_in(number, language):
    """ "round 2" in a language, made once (a member line of a later round shows it)."""
    return _("round %(number)s") % {"number": esc(localize(number))}


@register.simple_tag
def member_line(member):
    """A delegation member: linked name, role, position, group and round."""
    line = (
        f'{person_link(member.person)} — <span class="role">{esc(display(member, "role"))}</span>'
    )
    if member.position_en or member.position_ru:
        line += f'<span class="position">, {esc(tr(member, "position"))}</span>'
    if member.group:
        line += f' <span class="group">({esc(member.group)})</span>'
    if member.round:
        line += f' <span class="member-round">({round_number(member.round)})</span>'
    return SafeString(line)  # every part escaped


def counted(message, count):
    """A plural message with its count put in, as {% blocktranslate count %} gives it."""
    return SafeString(message % {"counter": esc(localize(count))})  # escaped


def stations_stated(count):
    """The stated polling stations' line."""
    return counted(
        ngettext(
            "%(counter)s polling station visited in all, as the source states.",
            "%(counter)s polling stations visited in all, as the source states.",
            count,
        ),
        count,
    )


def stations_named(count):
    """The counted polling stations' line."""
    return counted(
        ngettext(
            "%(counter)s polling station in the visits recorded.",
            "%(counter)s polling stations in the visits recorded.",
            count,
        ),
        count,
    )


BODY_CONTEXT = (
    "mission",
    "preview",
    "rounds",
    "timeline",
    "coordinator_member",
    "visit_groups",
    "figures",
    "stated_figures",
    "named_counts",
)


@register.simple_tag(takes_context=True)
def mission_body(context):
    """The mission page's body and its charts, rendered by Jinja2 (missions/jinja.py)."""
    body = engines["jinja2"].get_template("missions/mission_body.html")
    with page_scope.held():  # the language and routes read once for the body's thousand asks
        return mark_safe(body.render({name: context.get(name) for name in BODY_CONTEXT}))  # noqa: S308
