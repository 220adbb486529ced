DATE_FORMAT = "j F Y"  # 28 June 2017, as the assembly's English reports write it
SHORT_DATE_FORMAT = "j M Y"  # 28 Jun 2017
# What a date field reads: ISO first (the admin's calendar writes it), then day.month.year.
# Never month/day/year: 11/12/2016 would be read as 12 November.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
