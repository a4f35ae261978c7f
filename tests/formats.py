"""Times and sentence ends that the build (Babel) and the page script must write alike.

One table for both: tests/test_countries.py checks the Python side, tests/test_browser.py
the browser side.
"""

from __future__ import annotations

NBSP = "\u00a0"

TIMES = [
    # (language, hour cycle, "HH:MM", expected)
    ("en", "h23", "09:00", "09:00"),
    ("en", "h12", "18:30", f"6:30{NBSP}PM"),
    ("tl", "h12", "09:00", f"9:00{NBSP}AM"),
    ("tl", "h12", "18:30", f"6:30{NBSP}PM"),
    ("el", "h23", "18:30", "18:30"),
    ("el", "h12", "18:30", f"6:30{NBSP}μ.μ."),
    ("ta", "h12", "09:00", f"காலை{NBSP}9:00"),
    ("ta", "h12", "18:30", f"அந்தி{NBSP}மாலை{NBSP}6:30"),
    ("ta", "h23", "09:00", "09:00"),
    ("uk", "h23", "09:00", "09:00"),
    ("uk", "h23", "18:30", "18:30"),
]

STOPS = [
    # (value, text after it, expected text after it)
    ("Α.Ε.", ". Καλέστε μας.", " Καλέστε μας."),
    (f"6:30{NBSP}μ.μ.", ".", ""),
    ("Lantern Books", ".", "."),
    ("Wait.", "...", "..."),
]
