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
    "spark.bad_master": (
        "spark.master is {master}, which Spark does not know: use local[2], spark://host:7077, "
        "yarn, k8s://https://host or sc://host:15002 (--master or the setting).",
        "spark.master = {master}, такого мастера Spark не знает: укажите local[2], "
        "spark://host:7077, yarn, k8s://https://host или sc://host:15002 (--master или "
        "настройка).",
    ),
    "spark.bad_conf": (
        "spark.conf names {keys}, which are not Spark settings: each key starts with spark. "
        "(--conf spark.executor.memory=8g).",
        "В spark.conf указано {keys}, это не настройки Spark: каждый ключ начинается с spark. "
        "(--conf spark.executor.memory=8g).",
    ),
    "spark.source_missing": (
        "The {table} source {source} does not exist (no file matches it): give the right path "
        "with --source {table}=PATH (or in spark.sources). Nothing was written.",
        "Источника {table} {source} нет (ни один файл не подходит): укажите верный путь в "
        "--source {table}=ПУТЬ (или в spark.sources). Ничего не записано.",
    ),
    "spark.no_pyspark": (
        "The Spark engine needs pyspark: pip install pyspark (and Java 17 for local mode).",
        "Для движка Spark нужен pyspark: pip install pyspark (и Java 17 для локального режима).",
    ),
    "spark.missing_on_spark": (
        "--missing computes only what the file does not keep yet, which is for the DuckDB engine: "
        "the file cannot tell whether the lake's rows changed since. Fix: leave out --missing "
        "to compute every table on Spark again, or give --engine duckdb.",
        "--missing считает только то, чего ещё нет в файле, и только для движка DuckDB: файл не "
        "знает, изменились ли с тех пор строки в озере. Что сделать: уберите --missing, чтобы "
        "Spark посчитал все таблицы заново, или укажите --engine duckdb.",
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
    "spark.not_computed": (
        "Not computed for {period}: the lines live in the data lake. Run `{command}` to "
        "compute it.",
        "Не рассчитано для {period}: строки покупок хранятся в озере данных. Запустите "
        "`{command}`, чтобы рассчитать.",
    ),
    "spark.not_computed_segments": (
        "Not computed for {period} ({segments}): the lines live in the data lake. Run "
        "`{command}` to compute it.",
        "Не рассчитано для {period} ({segments}): строки покупок хранятся в озере данных. "
        "Запустите `{command}`, чтобы рассчитать.",
    ),
    "spark.not_computed_settings": (
        "Not computed for {period} with the current settings (cost model, tier or loyalty "
        "rules): the lines live in the data lake. Run `{command}` to compute it with them.",
        "Не рассчитано для {period} с текущими настройками (модель затрат, правила уровней или "
        "лояльности): строки покупок хранятся в озере данных. Запустите `{command}`, чтобы "
        "рассчитать с ними.",
    ),
    "spark.not_computed_view": (
        "This view was not computed: the lines live in the data lake. Run `{command}` to "
        "compute it.",
        "Этот вид не рассчитан: строки покупок хранятся в озере данных. Запустите `{command}`, "
        "чтобы рассчитать.",
    ),
    "spark.whole_history": ("the whole history", "всей истории"),
    "spark.segment.country": ("country {values}", "страна {values}"),
    "spark.segment.channel": ("channel {values}", "канал {values}"),
    "spark.segment.category": ("category {values}", "категория {values}"),
}
