"""Fields kept in English and Russian (django-modeltranslation adds `<field>_en` and
`<field>_ru` columns beside each; reading `<field>` gives the active language, or English
when the Russian is empty)."""

from modeltranslation.translator import TranslationOptions, register

from missions.models import (
    Assessment,
    Country,
    DelegationMember,
    Document,
    DocumentFile,
    Election,
    Meeting,
    MeetingCounterpart,
    Mission,
    MissionFigures,
    MissionPartner,
    Organization,
    Recommendation,
    ReferendumQuestion,
    Visit,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Election)
class ElectionTranslation(TranslationOptions):
    fields = ("name",)


@register(Mission)
class MissionTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(DelegationMember)
class DelegationMemberTranslation(TranslationOptions):
    fields = ("position",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("place", "summary")


@register(MeetingCounterpart)
class MeetingCounterpartTranslation(TranslationOptions):
    fields = ("position",)


@register(Visit)
class VisitTranslation(TranslationOptions):
    fields = ("notes",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "findings", "body")


@register(MissionPartner)
class MissionPartnerTranslation(TranslationOptions):
    fields = ("role",)


@register(MissionFigures)
class MissionFiguresTranslation(TranslationOptions):
    fields = ("figures_note",)


@register(ReferendumQuestion)
class ReferendumQuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(DocumentFile)
class DocumentFileTranslation(TranslationOptions):
    fields = ("title",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text", "addressee")


@register(Assessment)
class AssessmentTranslation(TranslationOptions):
    fields = ("note",)
