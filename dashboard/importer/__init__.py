"""Import company files (CSV/TSV, Excel, Parquet) into the dashboard's tables, all or nothing."""

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
