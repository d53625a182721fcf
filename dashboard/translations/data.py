"""Labels of the Data page."""

TEXTS = {
    "data.title": ("Data", "Данные"),
    "data.intro": (
        "Bring your own customer data: transactions, customers, feedback and service contacts. "
        "CSV or TSV (any delimiter and encoding), Parquet or Excel. A failed import changes nothing.",
        "Загрузите свои данные о клиентах: транзакции, клиентов, отзывы и обращения в сервис. "
        "CSV или TSV (любой разделитель и кодировка), Parquet или Excel. Неудачный импорт ничего не меняет.",
    ),
    "data.tab.import": ("Import a file", "Импорт файла"),
    "data.tab.log": ("Import log", "Журнал импорта"),
    "data.tab.manage": ("Demo data and settings", "Демо-данные и настройки"),
    # Streamlit writes its own "Upload" and "1GB per file" in English only (streamlit#13500)
    "data.upload": (
        "File to import",
        "Файл для импорта: перетащите его сюда или нажмите «Upload» (до 1 ГБ)",
    ),
    "data.upload_imported": (
        "This file is imported (the server kept no copy of it). Upload another file to import "
        "more.",
        "Этот файл импортирован (сервер не хранит его копию). Чтобы импортировать ещё, "
        "загрузите другой файл.",
    ),
    "data.table": ("Table", "Таблица"),
    "data.sheet": ("Sheet", "Лист"),
    "data.sheet_read": (
        "Sheet «{sheet}» is read, of {count} in this workbook; the others: {others}. Choose "
        "another above if the table is there.",
        "Читается лист «{sheet}» из {count} в этой книге; остальные: {others}. Если таблица "
        "на другом листе, выберите его выше.",
    ),
    "data.renamed_columns": (
        "{count} header {count|name is|names are|names are} repeated in another case or "
        "spacing and read under a new name: {pairs}. Rename the columns in the file if the "
        "mapping below is unclear.",
        "Имён в заголовке, повторённых в другом регистре или с пробелами: {count}; они "
        "прочитаны под новыми именами: {pairs}. Если сопоставление ниже непонятно, "
        "переименуйте столбцы в файле.",
    ),
    "data.renamed_pair": ("«{written}» as «{column}»", "«{written}» как «{column}»"),
    "data.table_suggested": (
        "This file looks like {table}.",
        "Этот файл похож на таблицу «{table}».",
    ),
    "data.detected": (
        "Read as {format}, encoding {encoding}, delimiter {delimiter}{decimal}; {rows} "
        "{rows|row|rows|rows}.",
        "Прочитан как {format}, кодировка {encoding}, разделитель {delimiter}{decimal}; строк: {rows}.",
    ),
    "data.delimiter_aligned": ("runs of spaces (aligned columns)", "пробелы (выровненные столбцы)"),
    "data.no_header": (
        "The file has no header row: its columns are named column 1 to column {count}, and the "
        "mapping below is guessed from their values. Check it before importing.",
        "В файле нет строки заголовков: столбцы названы column 1 … column {count}, а "
        "сопоставление ниже угадано по их значениям. Проверьте его перед импортом.",
    ),
    "data.detected_large": (
        "Read as {format}, encoding {encoding}, delimiter {delimiter}{decimal}; {size} MB (the "
        "import counts its rows).",
        "Прочитан как {format}, кодировка {encoding}, разделитель {delimiter}{decimal}; "
        "{size} МБ (строки посчитает импорт).",
    ),
    "data.decimal_comma": (", decimal comma", ", десятичная запятая"),
    "data.preview": ("First rows of the file", "Первые строки файла"),
    "data.mapping": ("Columns: what each one means", "Столбцы: что означает каждый"),
    "data.mapping_help": (
        "Proposed from the headers; correct any field. The mapping is remembered for files with "
        "the same headers. Leave a field empty to skip the column.",
        "Предложено по заголовкам; исправьте, если нужно. Сопоставление запоминается для файлов "
        "с такими же заголовками. Оставьте поле пустым, чтобы пропустить столбец.",
    ),
    "data.col.source": ("Column in the file", "Столбец в файле"),
    "data.col.example": ("Example", "Пример"),
    "data.col.field": ("Field", "Поле"),
    #: The importer's fields (dashboard/importer/fields.py) as the mapping editor and import
    #: errors name them; English keeps the name the command line knows.
    "data.field.customer_id": ("customer_id", "код клиента"),
    "data.field.order_id": ("order_id", "номер заказа"),
    "data.field.ordered_at": ("ordered_at", "дата заказа"),
    "data.field.revenue": ("revenue", "выручка"),
    "data.field.quantity": ("quantity", "количество"),
    "data.field.unit_price": ("unit_price", "цена за единицу"),
    "data.field.cost": ("cost", "себестоимость"),
    "data.field.unit_cost": ("unit_cost", "себестоимость единицы"),
    "data.field.product": ("product", "товар"),
    "data.field.category": ("category", "категория"),
    "data.field.channel": ("channel", "канал"),
    "data.field.customer_name": ("customer_name", "имя клиента"),
    "data.field.name": ("name", "имя"),
    "data.field.email": ("email", "e-mail"),
    "data.field.phone": ("phone", "телефон"),
    "data.field.country": ("country", "страна"),
    "data.field.signup_at": ("signup_at", "дата регистрации"),
    "data.field.feedback_id": ("feedback_id", "номер отзыва"),
    "data.field.created_at": ("created_at", "дата отзыва"),
    "data.field.kind": ("kind", "вид"),
    "data.field.score": ("score", "оценка"),
    "data.field.text": ("text", "текст"),
    "data.field.resolved_at": ("resolved_at", "дата решения"),
    "data.field.occurred_at": ("occurred_at", "дата обращения"),
    #: The same fields as the mapping editor's choices name them, in both languages (the
    #: value chosen stays the field's own name, the one the command line knows).
    "data.field_name.customer_id": ("Customer ID", "Код клиента"),
    "data.field_name.order_id": ("Order number", "Номер заказа"),
    "data.field_name.ordered_at": ("Order date", "Дата заказа"),
    "data.field_name.revenue": ("Revenue", "Выручка"),
    "data.field_name.quantity": ("Quantity", "Количество"),
    "data.field_name.unit_price": ("Unit price", "Цена за единицу"),
    "data.field_name.cost": ("Cost", "Себестоимость"),
    "data.field_name.unit_cost": ("Unit cost", "Себестоимость единицы"),
    "data.field_name.product": ("Product", "Товар"),
    "data.field_name.category": ("Category", "Категория"),
    "data.field_name.channel": ("Channel", "Канал"),
    "data.field_name.customer_name": ("Customer name", "Имя клиента"),
    "data.field_name.name": ("Name", "Имя"),
    "data.field_name.email": ("E-mail", "E-mail"),
    "data.field_name.phone": ("Phone", "Телефон"),
    "data.field_name.country": ("Country", "Страна"),
    "data.field_name.signup_at": ("Sign-up date", "Дата регистрации"),
    "data.field_name.feedback_id": ("Feedback number", "Номер отзыва"),
    "data.field_name.created_at": ("Feedback date", "Дата отзыва"),
    "data.field_name.kind": ("Kind", "Вид"),
    "data.field_name.score": ("Score", "Оценка"),
    "data.field_name.text": ("Text", "Текст"),
    "data.field_name.resolved_at": ("Resolution date", "Дата решения"),
    "data.field_name.occurred_at": ("Contact date", "Дата обращения"),
    "data.required_missing": (
        "Required fields not mapped yet: {fields}.",
        "Не сопоставлены обязательные поля: {fields}.",
    ),
    "data.date_format": ("Date format", "Формат даты"),
    "data.date_format_ambiguous": (
        "The dates could be read either way (day first or month first). Choose the format.",
        "Даты можно прочитать двумя способами (сначала день или сначала месяц). Выберите формат.",
    ),
    "data.mode": ("Mode", "Режим"),
    "data.mode.append": ("Append to the table", "Добавить к таблице"),
    "data.mode.replace": ("Replace the table", "Заменить таблицу"),
    "data.keep_duplicates": ("Keep duplicate rows", "Сохранять повторяющиеся строки"),
    "data.import_button": ("Import", "Импортировать"),
    "data.importing": ("Importing {file}…", "Импортируем {file}…"),
    "data.imported": (
        "Imported {rows} {rows|row|rows|rows} into {table} from {file}.",
        "В таблицу «{table}» импортировано строк: {rows} (файл {file}).",
    ),
    "data.preparing": (
        "Preparing the pages for {lines} {lines|line|lines|lines}: about {minutes} min. Every page's customer-level "
        "tables are computed once and kept in the file, so that the pages open quickly.",
        "Подготовка страниц для {lines} {lines|строки|строк|строк}: около {minutes} мин. Итоги по клиентам для всех "
        "страниц считаются один раз и сохраняются в файле, чтобы страницы открывались быстро.",
    ),
    "data.preparing_soon": (
        "Preparing the pages for {lines} {lines|line|lines|lines}: under a minute. Every page's customer-level "
        "tables are computed once and kept in the file, so that the pages open quickly.",
        "Подготовка страниц для {lines} {lines|строки|строк|строк}: меньше минуты. Итоги по клиентам для всех "
        "страниц считаются один раз и сохраняются в файле, чтобы страницы открывались быстро.",
    ),
    "data.prepared": (
        "The pages are prepared for {lines} {lines|line|lines|lines}: their customer-level tables were computed "
        "and kept in the file in {seconds} s.",
        "Страницы подготовлены для {lines} {lines|строки|строк|строк}: итоги по клиентам посчитаны и сохранены в "
        "файле за {seconds} с.",
    ),
    "data.prepare_failed": (
        "The import is done, but the pages could not be prepared ({message}); they compute "
        "what they show themselves, more slowly. Run python -m dashboard compute --engine duckdb "
        "to prepare them.",
        "Импорт выполнен, но подготовить страницы не удалось ({message}); они посчитают "
        "нужное сами, медленнее. Запустите python -m dashboard compute --engine duckdb, чтобы "
        "подготовить их.",
    ),
    "data.set_aside": ("{rows} {rows|row|rows|rows} set aside:", "Отложено строк: {rows}:"),
    "data.already_imported": (
        "{file} was already imported with the same content: nothing was added.",
        "Файл {file} с таким же содержимым уже импортирован: ничего не добавлено.",
    ),
    "data.import_failed": ("Nothing was imported. {message}", "Ничего не импортировано. {message}"),
    "data.customers_added": (
        "{customers} {customers|new customer was|new customers were|new customers were} added "
        "(with their name, e-mail, phone or country where the file has them).",
        "Добавлено новых клиентов: {customers} (с именем, e-mail, телефоном или страной, если они "
        "есть в файле).",
    ),
    "data.reason.guest": (
        "No customer id (guest sales: they cannot be assigned to a customer)",
        "Нет кода клиента (гостевые продажи: их нельзя отнести к клиенту)",
    ),
    "data.reason.duplicate": (
        "Exact duplicate of another row (import with 'Keep duplicate rows' to keep them)",
        "Точная копия другой строки (чтобы сохранить, включите «Сохранять повторяющиеся строки»)",
    ),
    "data.reason.repeated": (
        "Customer id repeated in the file (one row per customer is kept)",
        "Код клиента повторяется в файле (сохраняется одна строка на клиента)",
    ),
    "data.reason.date_range": (
        "Dated before 1990 or more than a year ahead (a typo or a placeholder date: they would "
        "move the period every page shows)",
        "Дата раньше 1990 года или больше чем на год вперёд (опечатка или дата-заглушка: она "
        "сдвинула бы период на всех страницах)",
    ),
    "data.reason": ("Reason", "Причина"),
    "data.count": ("Rows", "Строк"),
    "data.log_empty": ("No imports yet.", "Импортов ещё не было."),
    "data.log.imported_at": ("When", "Когда"),
    "data.log.file_name": ("File", "Файл"),
    "data.log.table_name": ("Table", "Таблица"),
    "data.log.mode": ("Mode", "Режим"),
    "data.log.rows_imported": ("Rows imported", "Импортировано"),
    "data.log.rows_now": ("Rows there now", "Строк сейчас"),
    "data.log.rows_set_aside": ("Set aside", "Отложено"),
    "data.log.set_aside_reasons": ("Why set aside", "Почему отложено"),
    "data.log.duplicate_rows": ("Duplicates", "Дубликаты"),
    "data.log.mode.append": ("append", "добавление"),
    "data.log.mode.replace": ("replace", "замена"),
    "data.log.mode.demo": ("demo data", "демо-данные"),
    "data.log.mode.demo_removed": ("demo data, removed", "демо-данные, удалены"),
    "data.log.mode.clear": ("table cleared", "таблица очищена"),
    "data.log.rows_removed": ("Rows removed", "Удалено строк"),
    "data.replaced": (
        "Replaced: {table} held {rows} {rows|row|rows|rows} before this import; "
        "{rows|it was|they were|they were} deleted first.",
        "Замена: сначала удалены прежние строки таблицы «{table}» ({rows}).",
    ),
    "data.demo_header": ("Demo data", "Демо-данные"),
    "data.demo_file_name": (
        "demo data ({customers} {customers|customer|customers|customers}, seed {seed})",
        "демо-данные ({customers} {customers|клиент|клиента|клиентов}, зерно {seed})",
    ),
    "data.demo_help": (
        "A generated business with customers, transactions, feedback and service contacts. "
        "Loading it replaces the data in all four tables.",
        "Сгенерированный бизнес: клиенты, транзакции, отзывы и обращения. "
        "Загрузка заменяет данные во всех четырёх таблицах.",
    ),
    "data.demo_customers": ("Customers", "Клиентов"),
    "data.demo_seed": ("Seed", "Зерно генератора"),
    "data.demo_confirm": (
        "I understand that this replaces all current data",
        "Я понимаю, что текущие данные будут заменены",
    ),
    "data.demo_button": ("Load demo data", "Загрузить демо-данные"),
    "data.demo_done": (
        "Demo data loaded: {customers} {customers|customer|customers|customers}, {transactions} "
        "{transactions|transaction|transactions|transactions}.",
        "Демо-данные загружены: клиентов {customers}, транзакций {transactions}.",
    ),
    "data.demo_mixed": (
        "The demo data is still here, mixed with your own data: {parts}. Every page counts it "
        "(customers, tiers, duplicates, feedback, campaigns). Remove the demo data to keep only "
        "what you imported.",
        "Демо-данные всё ещё здесь, вперемешку с вашими: {parts}. Их учитывает каждая страница "
        "(клиенты, уровни, дубликаты, отзывы, кампании). Удалите демо-данные, чтобы остались "
        "только импортированные вами.",
    ),
    "data.demo_part.customers": ("customers: {n}", "клиентов: {n}"),
    "data.demo_part.transactions": ("transactions: {n}", "транзакций: {n}"),
    "data.demo_part.feedback": ("feedback: {n}", "отзывов: {n}"),
    "data.demo_part.interactions": ("service contacts: {n}", "обращений в сервис: {n}"),
    "data.demo_part.campaigns": ("campaigns: {n}", "кампаний: {n}"),
    "data.demo_remove_confirm": (
        "Yes, remove the demo data and keep everything I imported",
        "Да, удалить демо-данные и сохранить всё, что импортировано мной",
    ),
    "data.demo_remove_button": ("Remove the demo data", "Удалить демо-данные"),
    "data.demo_removed": (
        "Demo data removed: {parts}. Everything you imported is still here.",
        "Демо-данные удалены: {parts}. Всё, что вы импортировали, на месте.",
    ),
    "data.demo_nothing_to_remove": (
        "There is no demo data to remove.",
        "Демо-данных для удаления нет.",
    ),
    "data.demo_after_import": (
        "The demo data is still beside your data ({parts}). Remove it with “{button}” at the "
        "top of this page.",
        "Рядом с вашими данными всё ещё лежат демо-данные ({parts}). Удалите их кнопкой "
        "«{button}» вверху этой страницы.",
    ),
    "data.demo_sidebar": (
        "Includes demo data: remove it on the Data page",
        "Среди них демо-данные: удалите их на странице «Данные»",
    ),
    "data.clear_header": ("Clear a table", "Очистить таблицу"),
    "data.clear_confirm": (
        "Yes, delete all {rows} {rows|row|rows|rows} of {table}",
        "Да, удалить все строки ({rows}) таблицы «{table}»",
    ),
    "data.clear_button": ("Clear the table", "Очистить таблицу"),
    "data.cleared": (
        "Deleted {rows} {rows|row|rows|rows} of {table}.",
        "Удалено строк: {rows} из таблицы «{table}».",
    ),
    "data.settings_header": ("Settings", "Настройки"),
    "data.currency": ("Currency", "Валюта"),
    "data.currency_note": (
        "Amounts are shown in {currency}. If the file's amounts are in another currency, choose "
        'it under "Demo data and settings" → Currency: the figures stay, their sign changes.',
        "Суммы показаны в валюте {currency}. Если суммы файла в другой валюте, выберите её: "
        "«Демо-данные и настройки» → «Валюта» (числа те же, меняется знак валюты).",
    ),
    "data.currency_saved": ("Currency saved.", "Валюта сохранена."),
    "data.database": ("Database file: {path}", "Файл базы данных: {path}"),
}
