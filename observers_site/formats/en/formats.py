DATE_FORMAT = "j F Y"  # 28 June 2017, as the assembly's English reports write it
SHORT_DATE_FORMAT = "j M Y"  # 28 Jun 2017
