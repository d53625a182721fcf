"""Translation tables, one module per area, merged by dashboard.i18n."""
