DATE_FORMAT = "j E Y г."  # 28 июня 2017 г.
SHORT_DATE_FORMAT = "d.m.Y"  # 28.06.2017
