"""Every page's chrome (base.html's nav, footer, feed and style links), rendered once per language.

`{% chrome name ... %}...{% endchrome %}` renders its contents with only the named variables
of the page's context and keeps the result, keyed by the language, the script prefix, the
URLconf and the named variables' values: what is inside depends on nothing else (code and
translations: `{% translate %}`, `{% url %}`, `{% static %}`), so a page renders it once per
(language, section) instead of on every request (issue 17). A variable that is not named is
not there inside, so a value of one page's can never reach another page's chrome.
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

_rendered = {}
_ABSENT = object()
_LIMIT = 512  # (language, section) pairs are a few dozen; a bound all the same


@receiver(setting_changed)
def _forget(**kwargs):
    """A changed setting (STATIC_URL, ROOT_URLCONF, LANGUAGES in tests) may change the chrome."""
    _rendered.clear()


class ChromeNode(template.Node):
    # Not walked for the blocks that {% extends %} looks for on every render: none are inside.
    child_nodelists = ()

    def __init__(self, nodelist, names):
        self.nodelist = nodelist
        self.names = names

    def render(self, context):
        values = tuple(context.get(name, _ABSENT) for name in self.names)
        key = (self, get_language(), get_script_prefix(), get_urlconf(), context.autoescape)
        key += (context.use_l10n, context.use_tz, values)
        try:
            return _rendered[key]
        except KeyError:
            pass
        except TypeError:  # a value that cannot be a key: render it every time
            return self.render_own(context, values)
        if len(_rendered) >= _LIMIT:
            _rendered.clear()
        _rendered[key] = html = self.render_own(context, values)
        return html

    def render_own(self, context, values):
        """The contents rendered in a context of the named variables alone."""
        own = template.Context(
            {
                name: value
                for name, value in zip(self.names, values, strict=True)
                if value is not _ABSENT
            },
            autoescape=context.autoescape,
            use_l10n=context.use_l10n,
            use_tz=context.use_tz,
        )
        own.template, own.template_name = context.template, context.template_name
        own.render_context.template = context.render_context.template
        return self.nodelist.render(own)


@register.tag
def chrome(parser, token):
    """{% chrome name ... %}...{% endchrome %}: see the module's docstring."""
    names = token.split_contents()[1:]
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError(
            "{% chrome %} keeps what it renders: no {% block %} in it"
        )
    return ChromeNode(nodelist, names)
