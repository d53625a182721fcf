"""Texts of the Spark engine: its messages and the command's lines."""

TEXTS = {
    "spark.not_portable": (
        "The query uses {function}, which gives other values on Spark than in DuckDB; it runs in "
        "DuckDB on the tables brought back instead.",
        "Запрос использует {function}, а Spark даёт другие значения, чем DuckDB; он выполняется "
        "в DuckDB на возвращённых таблицах.",
    ),
    "spark.unknown_engine": (
        "Unknown engine {engine}: choose duckdb or spark.",
        "Неизвестный движок {engine}: выберите duckdb или spark.",
    ),
    "spark.unknown_source": (
        "spark.sources names {names}, which is not one of our tables: use {tables}.",
        "В spark.sources указано {names}, такой таблицы нет: используйте {tables}.",
    ),
    "spark.no_transactions": (
        "spark.sources has no transactions: set where they are, e.g. "
        '{{"transactions": "/lake/transactions/*.parquet"}}.',
        "В spark.sources нет transactions: укажите, где они лежат, например "
        '{{"transactions": "/lake/transactions/*.parquet"}}.',
    ),
    "spark.no_pyspark": (
        "The Spark engine needs pyspark: pip install pyspark (and Java 17 for local mode).",
        "Для движка Spark нужен pyspark: pip install pyspark (и Java 17 для локального режима).",
    ),
    "spark.no_session": (
        "Spark did not start on {master}: {error}. Check that Java 17 is installed (local mode) "
        "or that the master is reachable.",
        "Spark не запустился на {master}: {error}. Проверьте, что установлена Java 17 "
        "(локальный режим) или что мастер доступен.",
    ),
    "spark.source_failed": (
        "Spark cannot read {table} from {source}: {error}. Check the path or the table name in "
        "spark.sources.",
        "Spark не может прочитать {table} из {source}: {error}. Проверьте путь или имя таблицы "
        "в spark.sources.",
    ),
    "spark.missing_columns": (
        "{table} from {source} lacks the columns {columns}: add them or point spark.sources at "
        "a table that has them.",
        "В {table} из {source} нет столбцов {columns}: добавьте их или укажите в spark.sources "
        "таблицу, где они есть.",
    ),
    "spark.query_failed": (
        "Spark could not run the {what} query: {error}.",
        "Spark не смог выполнить запрос {what}: {error}.",
    ),
    "spark.no_lines": (
        "The transaction lines live in the data lake (the Spark engine); this database keeps "
        "only customer-level results, so this view, which needs the lines, cannot be shown here.",
        "Строки покупок хранятся в озере данных (движок Spark); в этой базе только итоги по "
        "клиентам, поэтому этот вид, которому нужны строки, здесь показать нельзя.",
    ),
}
