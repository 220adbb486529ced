DATE_FORMAT = "j E Y г."  # 28 июня 2017 г.
SHORT_DATE_FORMAT = "d.m.Y"  # 28.06.2017
# What a date field reads: day.month.year first (the admin's calendar writes it), then ISO.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
