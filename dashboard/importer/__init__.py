"""Import: company files (CSV/TSV, Excel, Parquet) into the dashboard's four tables, all or nothing.

Modules: ``formats`` (reading each format), ``fields`` (the fields of each table and header
guessing), ``plan`` and ``preview`` (what a file will become before it is imported), ``values``
(parsing dates, amounts and numbers in the SQL), ``diagnose`` (messages naming file, row, column
and fix), ``feedback_rules`` and ``contact_rules`` (the feedback and contact tables' own checks),
``write`` and ``load`` (one transaction: the file lands whole or nothing changes), ``progress``
(how far a long query got, while it runs); ``parts`` (files with the same columns, one table's
parts, imported as one); ``relations`` and ``related`` (a shop's export in several related
files, joined and imported together).

Builds on ``store`` only; knows nothing of tiers, clusters or pages.
"""

from dashboard.importer.fields import (
    FIELDS,
    REQUIRED,
    guess_table,
    headers_key,
    missing_fields,
    propose_mapping,
)
from dashboard.importer.load import ImportResult, import_file
from dashboard.importer.preview import FilePreview, preview_file
from dashboard.importer.values import DATE_FORMAT_ALIASES

__all__ = [
    "DATE_FORMAT_ALIASES",
    "FIELDS",
    "REQUIRED",
    "FilePreview",
    "ImportResult",
    "guess_table",
    "headers_key",
    "import_file",
    "missing_fields",
    "preview_file",
    "propose_mapping",
]
