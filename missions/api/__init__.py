"""The read-only open-data API under /api/v1/ (Django REST framework, drf-spectacular).

Every queryset starts from `missions.visibility`; records carry both languages side by side:
a translated field `x` holds the English text and `x_ru` the Russian, either may be empty.
"""
