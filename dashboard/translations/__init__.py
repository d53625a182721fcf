"""Translations: the English and Russian words of the interface, one module per page area.

Plain dictionaries merged by ``dashboard.i18n``; no logic and no imports of the dashboard here.
"""
