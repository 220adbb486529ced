"""The Jinja2 environment of the mission page's body and of the charts (the mission page's and
the statistics page's), made to give what Django's templates give.

The page's body was some 1,000 template nodes, a third of its render (issue 17). Jinja2
compiles a template to Python; what differs from Django's engine is evened out here: every
`{{ }}` is localized and escaped as Django does it (`&#x27;`, `&quot;`, where Jinja writes
`&#39;`, `&#34;`; a safe string left alone), the filters are Django's own, the template's
own messages are translated and not escaped, a message with values is filled with the values
escaped (`fmt`, as {% blocktranslate %}), a value in what was a {% localize off %} block is
`unlocalized`, and a missing attribute is empty. The page's head, banner and JSON-LD stay
Django's (base.html is every page's).
"""

import datetime
import keyword
from collections import ChainMap
from types import BuiltinFunctionType, FunctionType, MethodType
from uuid import UUID

from django.template import defaultfilters
from django.templatetags.i18n import language_name_translated
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from jinja2 import Environment, Template, Undefined, nodes
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.runtime import Context, new_context

from . import page_scope
from .templatetags import charts
from .templatetags.links import person_link, region_link, sender_link
from .templatetags.mission_page import (
    display,
    member_line,
    rows,
    stages_shown,
    stations_named,
    stations_stated,
)
from .templatetags.pages import date_range, file_kind
from .templatetags.translated import (
    escaped,
    fallback_note,
    shown_language,
    shown_text,
    text_block,
    tr,
)


def shown(value):
    """What `{{ value }}` gives in a Django template (a plain string, most values, is only
    escaped: localize() leaves it as it is)."""
    kind = type(value)
    if kind is str:
        return escaped(value)
    if kind is SafeString:
        return value
    if kind is int:
        return number_in(value, page_scope.language())
    if kind is UUID:  # hex digits and dashes, left alone by localize()
        return str(value)
    return conditional_escape(localize(value))


@page_scope.memo(maxsize=4096)
def number_in(number, language):
    """A whole number as `{{ }}` shows it in a language (localize() looks up three formats)."""
    return conditional_escape(localize(number))


def table_rows(figure, multi):
    """A chart's data table rows, each followed by the indent the template's loop gave it
    (built here as `bar_rows` is: a figure by country has a row per country)."""
    total = multi and figure.stacked
    rows = []
    for row in figure.rows:
        label = shown(row.label)
        head = f'<a href="{shown(row.url)}">{label}</a>' if row.url else label
        cells = "".join(
            "<td>–</td>" if value is None else f"<td>{shown(value)}</td>" for value in row.values
        )
        if total:
            cells += f"<td>{shown(row.total)}</td>"
        rows.append(f'<tr><th scope="row">{head}</th>{cells}</tr>\n      ')
    return SafeString("".join(rows))  # every value escaped


def fmt(message, **values):
    """A translated message with its values put in, escaped: what {% blocktranslate %} gives."""
    return SafeString(message % {key: shown(value) for key, value in values.items()})


def translated(message):
    """A message of the template, translated: safe, as Django takes a template's own text."""
    return translated_in(message, page_scope.language())


@page_scope.memo(maxsize=4096)
def translated_in(message, language):
    """A template's message in a language, translated once per process (`_()` is called
    some eighty times a mission page)."""
    return mark_safe(gettext(message))  # noqa: S308


def date(value, arg=None):
    """Django's `date` filter; a day (not a moment, which reads by time zone) formatted once
    per language and format."""
    if type(value) is datetime.date:
        return day_in(value, arg, page_scope.language())
    return defaultfilters.date(value, arg)


@page_scope.memo(maxsize=8192)
def day_in(day, arg, language):
    """A day formatted in a language, kept: Django's date formatting costs ~10 us a call."""
    return defaultfilters.date(day, arg)


def url(route, /, **kwargs):
    """{% url route key=value %}."""
    return reverse(route, kwargs=kwargs)


def default_if_none(value, default):
    return default if value is None else value


def unlocalized(value):
    """`{{ value }}` inside {% localize off %}."""
    return conditional_escape(localize(value, use_l10n=False))


def plain(callee):
    """True for a function or method Jinja2 calls as it is (not marked `pass_context` or
    the like): what `Context.call` finds by inspecting it."""
    kind = type(callee)
    if kind is MethodType:
        callee = callee.__func__
        kind = type(callee)
    if kind is FunctionType:
        return "jinja_pass_arg" not in callee.__dict__
    return kind is BuiltinFunctionType


class PageContext(Context):
    """Jinja2's context, calling a plain function directly: `Context.call` looks each callee
    over for what to pass it (2 us a call, some 400 calls a mission page)."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805  (Jinja2's own signature)
        if not plain(__obj):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class PageCodeGenerator(CodeGenerator):
    """Jinja2's compiler, calling a plain function directly where it would ask `context.call`
    (some 400 calls a mission page). A call of a global the environment holds as plain when
    compiled is direct while the name still gives that function (a render's variable or a
    template's own of that name goes through `context.call`); a method is called directly
    when `plain()` finds it so, else through `context.call`."""

    def pull_dependencies(self, nodes_):
        super().pull_dependencies(nodes_)
        direct = self.__dict__.setdefault("direct", {})
        names = {
            call.node.name
            for node in nodes_
            for call in node.find_all(nodes.Call)
            if type(call.node) is nodes.Name
        }
        for name in sorted(names):
            if plain(self.environment.globals.get(name)):
                direct.setdefault(name, self.temporary_identifier())
                self.writeline(f"{direct[name]} = environment.globals.get({name!r})")

    @optimizeconst
    def visit_Call(self, node, frame, forward_caller=False):
        if forward_caller or not self.plain_signature(node):
            return super().visit_Call(node, frame, forward_caller)
        callee = node.node
        if type(callee) is nodes.Name and callee.name in self.__dict__.get("direct", {}):
            function = self.direct[callee.name]
            self.write(f"({function}(")
            self.direct_arguments(node, frame)
            self.write(f") if {frame.symbols.ref(callee.name)} is {function} else ")
        elif type(callee) is nodes.Getattr:
            method = self.temporary_identifier()
            self.write(f"({method}(")
            self.direct_arguments(node, frame)
            self.write(f") if environment.plain({method} := ")
            self.visit(callee, frame)
            self.write(") else context.call(")
            self.write(method)
            self.call_arguments(node, frame)
            self.write("))")
            return None
        else:
            return super().visit_Call(node, frame)
        super().visit_Call(node, frame)
        self.write(")")
        return None

    def plain_signature(self, node):
        """Positional and keyword arguments only, none named as a Python keyword."""
        return (
            not self.environment.is_async
            and not self.environment.sandboxed
            and node.dyn_args is None
            and node.dyn_kwargs is None
            and not any(keyword.iskeyword(kwarg.key) for kwarg in node.kwargs)
        )

    def direct_arguments(self, node, frame):
        for i, arg in enumerate([*node.args, *node.kwargs]):
            if i:
                self.write(", ")
            self.visit(arg, frame)

    def call_arguments(self, node, frame):
        """The arguments as `context.call` takes them (see `CodeGenerator.visit_Call`)."""
        extra = {}
        if frame.loop_frame:
            extra["_loop_vars"] = "_loop_vars"
        if frame.block_frame:
            extra["_block_vars"] = "_block_vars"
        self.signature(node, frame, extra or None)


class PageTemplate(Template):
    """A template whose render starts from its globals as one dict: Jinja2 copies them from
    their ChainMap (the template's over the environment's) key by key, a KeyError for each
    found in the second map (some 20 us a render, seven renders a mission page's body)."""

    def new_context(self, vars=None, shared=False, locals=None):
        found = self.globals
        if not shared and type(found) is ChainMap:
            found = {}
            for mapping in reversed(self.globals.maps):
                found.update(mapping)
        return new_context(self.environment, self.name, self.blocks, vars, shared, found, locals)


def environment(**options):
    options.update(autoescape=False, finalize=shown, keep_trailing_newline=True)
    options.update(undefined=Undefined, extensions=["jinja2.ext.i18n"])
    env = Environment(**options)  # noqa: S701  (finalize escapes every value, as Django does)
    env.context_class = PageContext
    env.code_generator_class = PageCodeGenerator
    env.template_class = PageTemplate
    env.plain = plain
    env.install_gettext_callables(translated, ngettext, newstyle=False)
    env.globals["_"] = translated  # not through the extension's alias, a call less each
    env.filters.update(
        capfirst=defaultfilters.capfirst,
        date=date,
        default_if_none=default_if_none,
        display=display,
        djoin=lambda value, separator: defaultfilters.join(value, separator, autoescape=True),
        file_kind=file_kind,
        filesizeformat=defaultfilters.filesizeformat,
        fmt=fmt,
        language_name_translated=language_name_translated,
        unlocalized=unlocalized,
    )
    env.globals.update(
        bar_rows=charts.bar_rows,
        chart=charts.chart,
        country_paths=charts.country_paths,
        mission_charts=charts.mission_charts,
        mission_map=charts.mission_map,
        pattern_mark=charts.pattern_mark,
        world_map=charts.world_map,
        date_range=date_range,
        fallback_note=fallback_note,
        member_line=member_line,
        person_link=person_link,
        region_link=region_link,
        rows=rows,
        sender_link=sender_link,
        shown_language=shown_language,
        shown_text=shown_text,
        stations_named=stations_named,
        stations_stated=stations_stated,
        table_rows=table_rows,
        stages_shown=stages_shown,
        text_block=text_block,
        tr=tr,
        url=url,
    )
    return env
