"""The two facts of the stdlib `calendar` a run needs — the length of a month and the English
name of a month — without importing it (with `locale`, ~5 M instructions at every start; issue 16).
`tests/test_period.py` compares both with `calendar`."""

from __future__ import annotations

# `calendar.month_name` as the tool gets it: the C locale (the process never sets LC_TIME)
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` (the proleptic Gregorian calendar, any year)."""
    if type(year) is not int or type(month) is not int or not 1 <= month <= 12:
        import calendar  # (its own answer or error for anything else: a month out of range …)

        return calendar.monthrange(year, month)[1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month]
