"""Browser tests: the real app in Debian's Chromium."""
