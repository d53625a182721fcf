"""Why a file cannot be imported, and what to do (English, Russian).

Each English text is the message or fix the command line prints inside ``str(e)``; the keys are
given to the errors where they are raised (``ImportFailed(..., key=..., fix_key=..., **values)``)
and :meth:`dashboard.errors.ImportFailed.localized` puts the parts together: the file, the row,
the column, the message, the value and what to do.
"""

TEXTS = {
    # where the problem is: the parts around the message
    "import_errors.where.row": ("row {row}", "строка {row}"),
    "import_errors.where.column": ("column '{column}'", "столбец «{column}»"),
    "import_errors.where.value": ("(value: '{value}')", "(значение: «{value}»)"),
    "import_errors.where.fix": ("Fix: {fix}", "Что сделать: {fix}"),
    # opening the file
    "import_errors.cannot_open": (
        "The file cannot be opened ({error}).",
        "Файл не удаётся открыть ({error}).",
    ),
    "import_errors.empty_file": ("The file is empty.", "Файл пустой."),
    # saving an upload (dashboard/importer/uploads.py)
    "import_errors.upload_suffix": (
        "This kind of file cannot be imported.",
        "Файл такого типа импортировать нельзя.",
    ),
    "import_errors.fix.upload_suffix": (
        "upload a file ending in {suffixes}.",
        "загрузите файл с расширением {suffixes}.",
    ),
    "import_errors.upload_folder_foreign": (
        "The uploads folder {folder} is not a folder of this program's own.",
        "Папка для загрузок {folder} не принадлежит этой программе.",
    ),
    "import_errors.fix.upload_folder": (
        "remove it, or choose another folder with ${variable}.",
        "удалите её или укажите другую папку в переменной окружения ${variable}.",
    ),
    "import_errors.upload_not_saved": (
        "The upload cannot be saved in {folder} ({error}).",
        "Загруженный файл не удаётся сохранить в {folder} ({error}).",
    ),
    "import_errors.fix.upload_space": (
        "free some disk space, or choose another folder with ${variable}, and upload the file "
        "again.",
        "освободите место на диске или укажите другую папку в переменной окружения ${variable} "
        "и загрузите файл ещё раз.",
    ),
    "import_errors.upload_quota": (
        "The upload is not kept: your uploads waiting for import would take {megabytes} MB, "
        "more than {quota} MB.",
        "Файл не сохранён: ваши загрузки, ожидающие импорта, заняли бы {megabytes} МБ — больше "
        "допустимых {quota} МБ.",
    ),
    "import_errors.fix.upload_quota": (
        "import the files you uploaded before (in other sessions too), or wait: an upload "
        "goes once imported, or after a day. Then upload this one again.",
        "импортируйте файлы, загруженные ранее (и в других сеансах), или подождите: загрузка "
        "удаляется после импорта или через сутки. Затем загрузите этот файл ещё раз.",
    ),
    "import_errors.binary_file": (
        "This is a binary file, not a table.",
        "Это двоичный файл, а не таблица.",
    ),
    "import_errors.no_such_sheet": (
        "The workbook has no sheet '{sheet}' (its sheets: {sheets}).",
        "В книге нет листа «{sheet}» (её листы: {sheets}).",
    ),
    "import_errors.workbook_unreadable": (
        "The workbook cannot be read ({error}).",
        "Книгу Excel не удаётся прочитать ({error}).",
    ),
    "import_errors.not_a_table": (
        "The file cannot be read as a table ({error}).",
        "Файл не удаётся прочитать как таблицу ({error}).",
    ),
    "import_errors.unreadable": (
        "The file cannot be read ({error}).",
        "Файл не удаётся прочитать ({error}).",
    ),
    "import_errors.cannot_import": (
        "The file cannot be imported: {error}",
        "Файл не удаётся импортировать: {error}",
    ),
    "import_errors.no_rows": (
        "The file has a header but no data rows.",
        "В файле есть строка заголовков, но нет ни одной строки с данными.",
    ),
    # rows the CSV reader cannot read
    "import_errors.wrong_field_count": (
        "The row has {found} {found|field|fields|fields} but the header has {expected} (delimiter "
        "{delimiter}).",
        "В строке {found} {found|поле|поля|полей}, а в заголовке — {expected} "
        "(разделитель: {delimiter}).",
    ),
    "import_errors.value.delimiter": ("'{mark}'", "«{mark}»"),
    # text in whitespace-aligned columns (dashboard/importer/aligned.py)
    "import_errors.aligned_missing": (
        "The row has {found} {found|value|values|values} where the columns are {expected}: this "
        "column has none.",
        "В строке {found} {found|значение|значения|значений}, а столбцов {expected}: в этом "
        "столбце значения нет.",
    ),
    "import_errors.fix.aligned_missing": (
        "fill in the missing value under its column, or remove the row.",
        "впишите недостающее значение под его столбцом или удалите строку.",
    ),
    "import_errors.aligned_extra": (
        "The row has {found} {found|value|values|values} where the columns are {expected}.",
        "В строке {found} {found|значение|значения|значений}, а столбцов {expected}.",
    ),
    "import_errors.fix.aligned_extra": (
        "remove the extra value, or save the file as CSV if a value holds spaces.",
        "уберите лишнее значение или, если в значении есть пробелы, сохраните файл как CSV.",
    ),
    "import_errors.aligned_crossing": (
        "The row has text at character {position}, between the columns ({near}): it is not "
        "aligned with the other rows.",
        "В строке есть текст на позиции {position}, между столбцами ({near}): строка не "
        "выровнена по остальным.",
    ),
    "import_errors.fix.aligned_crossing": (
        "line the row's values up under their columns, or save the file as CSV.",
        "выровняйте значения строки под их столбцами или сохраните файл как CSV.",
    ),
    "import_errors.value.tab": ("'\\t'", "табуляция"),
    "import_errors.bad_encoding": (
        "The text is not valid {encoding}.",
        "Текст не соответствует кодировке {encoding}.",
    ),
    "import_errors.row_unreadable": (
        "The row cannot be read: {error}",
        "Строку не удаётся прочитать: {error}",
    ),
    # values that do not fit their field
    "import_errors.not_a_number": ("The value is not a number.", "Значение не является числом."),
    "import_errors.not_finite": (
        "The value is not a finite number (NaN or infinity).",
        "Значение не является конечным числом (NaN или бесконечность).",
    ),
    "import_errors.too_large": (
        "The value is beyond ±{limit}, the most one line may hold.",
        "Значение больше ±{limit} — больше, чем может быть в одной строке.",
    ),
    "import_errors.not_a_date": (
        "The value is not a date ({field}).",
        "Значение не является датой (поле {field}).",
    ),
    "import_errors.required_empty": (
        "The value is empty but this field is required.",
        "Значение не заполнено, а это поле обязательное.",
    ),
    "import_errors.unknown_kind": (
        "The kind is not one the dashboard knows.",
        "Такой вид отзыва дашборду неизвестен.",
    ),
    "import_errors.no_kind": (
        "The row has neither a kind nor a score.",
        "В строке не указан ни вид отзыва, ни оценка.",
    ),
    "import_errors.no_kind_column": (
        "The row has no score, and no column is mapped to the kind.",
        "В строке нет оценки, а столбец с видом отзыва не сопоставлен — вид отзыва не из чего "
        "определить.",
    ),
    "import_errors.bad_value": ("The value cannot be read.", "Значение не удаётся прочитать."),
    "import_errors.ambiguous_dates": (
        "The dates could be day/month or month/day: every day in the file is 12 or less.",
        "По датам нельзя понять, что стоит первым — день или месяц: во всех датах файла оба "
        "числа не больше 12.",
    ),
    "import_errors.unknown_scale": (
        "Scores run from {low} to {high}: neither 1-5 ratings nor 0-10 NPS scores.",
        "Оценки в файле — от {low} до {high}: это ни оценки по шкале от 1 до 5, ни баллы NPS "
        "по шкале от 0 до 10.",
    ),
    # the options and the mapping
    "import_errors.unknown_mode": ("Unknown mode '{mode}'.", "Неизвестный режим «{mode}»."),
    "import_errors.unknown_table": ("Unknown table '{table}'.", "Неизвестная таблица «{table}»."),
    "import_errors.no_such_column": (
        "The file has no column '{name}'.",
        "В файле нет столбца «{name}».",
    ),
    "import_errors.not_a_field": (
        "'{field}' is not a field of {table}.",
        "«{field}» — не поле таблицы «{table}».",
    ),
    "import_errors.field_mapped_twice": (
        "Two columns are mapped to '{field}'.",
        "С полем «{field}» сопоставлены два столбца.",
    ),
    "import_errors.required_missing_one": (
        "A {table} file needs {missing}, and no column is mapped to it (columns: {columns}).{hint}",
        "Для таблицы «{table}» не сопоставлено обязательное поле {missing}. "
        "Столбцы в файле: {columns}.{hint}",
    ),
    "import_errors.required_missing": (
        "A {table} file needs {missing}, and no column is mapped to them "
        "(columns: {columns}).{hint}",
        "Для таблицы «{table}» не сопоставлены обязательные поля: {missing}. "
        "Столбцы в файле: {columns}.{hint}",
    ),
    "import_errors.value.not_a_workbook_hint": (
        " The file is named like an Excel workbook but holds plain text: if it is a workbook, "
        "open it in Excel and save it again as .xlsx.",
        " Файл назван как книга Excel, но внутри обычный текст: если это книга Excel, откройте "
        "её в Excel и сохраните заново как .xlsx.",
    ),
    "import_errors.value.other_table_hint": (
        " It looks like a file for the {other} table: import it as {other}.",
        " Похоже, это файл для таблицы «{other}»: выберите при импорте эту таблицу.",
    ),
    #: A choice of required fields: "revenue (or quantity and unit_price)".
    "import_errors.value.fields_choice": ("{first} (or {others})", "{first} (или {others})"),
    "import_errors.value.fields_and": ("{first} and {last}", "{first} и {last}"),
    # what to do
    "import_errors.fix.check_path": ("check the path.", "проверьте путь к файлу."),
    "import_errors.fix.choose_file_with_rows": (
        "choose a file with a header row and data rows.",
        "выберите файл, в котором есть строка заголовков и строки с данными.",
    ),
    "import_errors.fix.export_table": (
        "export the data as CSV, Excel (.xlsx) or Parquet and import that file.",
        "выгрузите данные в CSV, Excel (.xlsx) или Parquet и импортируйте получившийся файл.",
    ),
    "import_errors.fix.choose_sheet": ("choose one of its sheets.", "выберите один из её листов."),
    "import_errors.fix.resave_workbook": (
        "open it in Excel, save it again as .xlsx (or export CSV) and import that file.",
        "откройте её в Excel, сохраните заново как .xlsx (или выгрузите в CSV) и импортируйте "
        "этот файл.",
    ),
    "import_errors.fix.table_with_header": (
        "check that it is a CSV, Excel or Parquet file with one header row.",
        "убедитесь, что это файл CSV, Excel или Parquet с одной строкой заголовков.",
    ),
    "import_errors.fix.one_header_row": (
        "check that it is a table with one header row.",
        "убедитесь, что это таблица с одной строкой заголовков.",
    ),
    "import_errors.fix.check_table_and_mapping": (
        "check that the file is a table with one header row and that the mapping is right.",
        "убедитесь, что файл — таблица с одной строкой заголовков и что столбцы сопоставлены "
        "с полями правильно.",
    ),
    "import_errors.fix.export_with_rows": (
        "export the data again with its rows, or choose another file.",
        "выгрузите данные ещё раз вместе со строками или выберите другой файл.",
    ),
    "import_errors.fix.quote_fields": (
        "put fields that contain the delimiter or a line break in double quotes, "
        "or remove the stray delimiter.",
        "заключите в двойные кавычки поля, в которых есть разделитель или перенос строки, "
        "или уберите лишний разделитель.",
    ),
    "import_errors.fix.save_utf8": (
        "save the file as UTF-8 (CSV UTF-8 in Excel) and import it again.",
        "сохраните файл в кодировке UTF-8 (в Excel — тип «CSV UTF-8») и импортируйте его снова.",
    ),
    "import_errors.fix.correct_row": (
        "correct that row of the file.",
        "исправьте эту строку в файле.",
    ),
    "import_errors.fix.number": (
        "correct the value (digits with a point or comma for decimals) or map another column.",
        "исправьте значение (цифры, дробная часть — через точку или запятую) или сопоставьте "
        "с полем другой столбец.",
    ),
    "import_errors.fix.finite": (
        "correct the value to a real number, or leave the cell empty.",
        "исправьте значение на обычное число или оставьте ячейку пустой.",
    ),
    "import_errors.fix.too_large": (
        "correct the value (at most ±{limit} per line), or remove the row.",
        "исправьте значение (не больше ±{limit} в одной строке) или удалите строку.",
    ),
    "import_errors.bad_date_range": (
        "The plausible dates of rows, {first} to {last}, are no range of days.",
        "Допустимые даты строк (с {first} по {last}) — не диапазон дней.",
    ),
    "import_errors.fix.date_range": (
        "give the first and last plausible day as YYYY-MM-DD, the first before the last.",
        "укажите первый и последний допустимый день в виде ГГГГ-ММ-ДД, первый раньше последнего.",
    ),
    "import_errors.fix.date": (
        "correct the date, or choose the date format that the file uses.",
        "исправьте дату или выберите формат даты, который используется в файле.",
    ),
    "import_errors.fix.fill_in": (
        "fill in the value, or remove the row.",
        "заполните значение или удалите строку.",
    ),
    "import_errors.fix.kind": (
        "use one of: {kinds} (or in Russian: жалоба, предложение, пожелание, похвала, вопрос).",
        "укажите один из видов: жалоба, предложение, пожелание, похвала, вопрос (или "
        "по-английски: {kinds}).",
    ),
    "import_errors.fix.kind_or_score": (
        "fill in the kind or the score, or remove the row.",
        "укажите вид отзыва или оценку либо удалите строку.",
    ),
    "import_errors.fix.map_kind": (
        "map a column to the field kind, or fill in the score.",
        "сопоставьте столбец с полем «Вид» или заполните оценку.",
    ),
    "import_errors.fix.value": (
        "correct the value or map another column.",
        "исправьте значение или сопоставьте с полем другой столбец.",
    ),
    "import_errors.fix.choose_date_format": (
        "choose the date format ({first} or {second}; --date-format on the command line).",
        "выберите формат даты ({first} или {second}; в командной строке — параметр --date-format).",
    ),
    "import_errors.fix.score_scale": (
        "import ratings on a 1-5 scale or NPS answers on 0-10.",
        "импортируйте оценки по шкале от 1 до 5 или ответы NPS по шкале от 0 до 10.",
    ),
    "import_errors.fix.mode": ("use append or replace.", "укажите append или replace."),
    "import_errors.fix.choose_table": (
        "choose one of {tables}.",
        "выберите одну из таблиц: {tables}.",
    ),
    "import_errors.fix.map_existing_column": (
        "map one of its columns: {columns}.",
        "сопоставьте с полем один из столбцов файла: {columns}.",
    ),
    "import_errors.fix.use_field": ("use one of {fields}.", "укажите одно из полей: {fields}."),
    "import_errors.fix.one_column_per_field": (
        "map each field from one column only.",
        "сопоставьте каждое поле только с одним столбцом.",
    ),
    "import_errors.fix.map_required_one": (
        "map the columns that hold {missing}, or choose the right table.",
        "укажите, в каком столбце записано поле {missing}, или выберите другую таблицу.",
    ),
    "import_errors.fix.map_required": (
        "map the columns that hold {missing}, or choose the right table.",
        "укажите, в каких столбцах записаны поля {missing}, или выберите другую таблицу.",
    ),
    # files that only look like tables, and values no table should hold (issue 17)
    "import_errors.compressed": (
        "The file is a {kind} archive, not a table.",
        "Файл — архив {kind}, а не таблица.",
    ),
    "import_errors.fix.unpack": (
        "unpack it and import the file inside.",
        "распакуйте его и импортируйте файл из архива.",
    ),
    "import_errors.utf16_without_bom": (
        "The text is UTF-16 without a byte-order mark.",
        "Текст в кодировке UTF-16 без метки порядка байтов (BOM).",
    ),
    "import_errors.nul_character": (
        "The text holds a NUL character (byte 0), which no table has.",
        "В тексте есть символ NUL (нулевой байт), которого не бывает в таблицах.",
    ),
    "import_errors.fix.remove_nul": (
        "remove it (often the trace of an export that broke off), or export the file again as "
        "CSV UTF-8.",
        "удалите его (часто это след прерванной выгрузки) или выгрузите файл заново как CSV UTF-8.",
    ),
    "import_errors.title_rows": (
        "The first row is not a header: it has no delimiter, while row {header_row} has "
        "{fields} {fields|field|fields|fields}.",
        "Первая строка — не заголовок: в ней нет разделителя, а в строке {header_row} — "
        "{fields} {fields|поле|поля|полей}.",
    ),
    "import_errors.fix.remove_title": (
        "delete the rows above the header (a title, notes, blank lines), so that the header is "
        "the first row.",
        "удалите строки над заголовком (название, примечания, пустые строки), чтобы заголовок "
        "был первой строкой.",
    ),
    "import_errors.repeated_header": (
        "The header names the column '{name}' twice.",
        "В заголовке дважды встречается столбец «{name}».",
    ),
    "import_errors.fix.rename_column": (
        "give each column its own name in the header row.",
        "дайте каждому столбцу в строке заголовков своё название.",
    ),
    "import_errors.parquet_damaged": (
        "The Parquet file is incomplete or damaged ({error}).",
        "Файл Parquet неполный или повреждён ({error}).",
    ),
    "import_errors.fix.copy_again": (
        "copy or export the file again (a download or copy may have broken off).",
        "скопируйте или выгрузите файл заново (загрузка или копирование могли прерваться).",
    ),
    "import_errors.long_row": (
        "The row is {length} bytes long, more than the {limit} a row may have.",
        "Длина строки — {length} байт, больше допустимых {limit}.",
    ),
    "import_errors.fix.long_row": (
        "check the quotes around that row's fields (a missing closing quote joins rows), or "
        "shorten its long field.",
        "проверьте кавычки вокруг полей этой строки (без закрывающей кавычки строки "
        "сливаются) или сократите её длинное поле.",
    ),
    "import_errors.nested_column": (
        "The column holds {kind} ({type}), not one value per cell.",
        "В столбце {kind} ({type}), а не по одному значению в ячейке.",
    ),
    "import_errors.value.lists": ("lists", "списки"),
    "import_errors.value.records": ("records", "вложенные записи"),
    "import_errors.fix.flatten": (
        "map a column of plain values, or flatten this one (one value per cell) and export the "
        "file again.",
        "сопоставьте с полем столбец с простыми значениями или разверните этот (по одному "
        "значению в ячейке) и выгрузите файл заново.",
    ),
    "import_errors.value.more": ("and {count} more", "и ещё {count}"),
    "import_errors.value.sheets_hint": (
        " The workbook has {count} sheets ({sheets}) and sheet '{sheet}' is read: choose the "
        "sheet that holds the table (the Data page's «Sheet», or --sheet), or save it as CSV.",
        " В книге листов: {count} ({sheets}), читается лист «{sheet}»: выберите лист с таблицей "
        "(«Лист» на странице «Данные» или --sheet) или сохраните его как CSV.",
    ),
    # a set of related files (dashboard/importer/related.py)
    "import_errors.zip_member": (
        "The zip holds a file named {name}, which points outside the zip.",
        "В zip-архиве есть файл с именем {name}, которое указывает за пределы архива.",
    ),
    "import_errors.fix.zip_member": (
        "pack the export again without folders such as '..' or absolute paths.",
        "упакуйте выгрузку заново без папок вроде «..» и абсолютных путей.",
    ),
    "import_errors.bad_zip": (
        "The file is no zip archive that can be read.",
        "Файл не является читаемым zip-архивом.",
    ),
    "import_errors.fix.bad_zip": (
        "pack the files again as a .zip, or upload them one by one.",
        "упакуйте файлы заново в .zip или загрузите их по одному.",
    ),
    "import_errors.zip_too_large": (
        "The zip unpacks to more than 2 GB.",
        "Распакованный zip-архив больше 2 ГБ.",
    ),
    "import_errors.fix.zip_too_large": (
        "import the files one set at a time, or as files rather than a zip.",
        "импортируйте файлы частями или отдельными файлами, а не архивом.",
    ),
    "import_errors.no_files": (
        "There are no table files in the set.",
        "Среди выбранного нет файлов с таблицами.",
    ),
    "import_errors.fix.no_files": (
        "give files ending in {suffixes}, a folder or a zip of them.",
        "укажите файлы с расширением {suffixes}, папку или zip-архив с ними.",
    ),
    "import_errors.parts_format": (
        "The parts are not all of one format: {first} is {first_format}, this file {format}.",
        "Части не в одном формате: {first} — {first_format}, этот файл — {format}.",
    ),
    "import_errors.fix.parts_format": (
        "give the parts of one table in one format (all CSV or all Parquet).",
        "дайте части одной таблицы в одном формате (все CSV или все Parquet).",
    ),
    "import_errors.parts_columns": (
        "The columns are not those of {first} (missing: {missing}; not in {first}: {extra}).",
        "Столбцы не те, что в {first} (нет: {missing}; нет в {first}: {extra}).",
    ),
    "import_errors.fix.parts_columns": (
        "give the parts of one table with the same columns, or import the files one by one.",
        "дайте части одной таблицы с одинаковыми столбцами или импортируйте файлы по одному.",
    ),
    "import_errors.parts_unreadable": (
        "The parts cannot be read as one table ({error}).",
        "Части не читаются как одна таблица ({error}).",
    ),
    "import_errors.no_match": (
        "No file matches the pattern.",
        "Ни один файл не подходит под шаблон.",
    ),
    "import_errors.fix.no_match": (
        "check the folder and the pattern, e.g. 'parts/*.parquet'.",
        "проверьте папку и шаблон, например 'parts/*.parquet'.",
    ),
    "import_errors.unknown_role": (
        "'{role}' is no role of a file in a set.",
        "«{role}» — не роль файла в наборе.",
    ),
    "import_errors.fix.role": ("use one of {roles}.", "используйте одну из ролей: {roles}."),
    "import_errors.role_file": (
        "No file of the set has this name (the set: {names}).",
        "В наборе нет файла с таким именем (в наборе: {names}).",
    ),
    "import_errors.fix.role_file": (
        "name a file of the set as it is written, e.g. orders.csv=orders.",
        "укажите имя файла набора так, как оно записано, например orders.csv=orders.",
    ),
    "import_errors.role_twice": (
        "Two files are {role}: {first} and {second}.",
        "Два файла с ролью «{role}»: {first} и {second}.",
    ),
    "import_errors.fix.role_twice": (
        "leave one of them out, or give the other its own role.",
        "уберите один из них или задайте другому его роль.",
    ),
    "import_errors.bad_relation": (
        "The relation '{relation}' is not ROLE.COLUMN=ROLE.COLUMN.",
        "Связь «{relation}» не в виде РОЛЬ.СТОЛБЕЦ=РОЛЬ.СТОЛБЕЦ.",
    ),
    "import_errors.fix.relation": (
        "write it as items.order_id=orders.order_id, with roles of the set's files.",
        "запишите её как items.order_id=orders.order_id, с ролями файлов набора.",
    ),
    "import_errors.relation_column": (
        "The relation '{relation}' names no file's column.",
        "Связь «{relation}» не называет столбец ни одного файла.",
    ),
    "import_errors.fix.relation_column": (
        "name roles the set has, related as orders and items are, and their columns as the "
        "files write them.",
        "назовите роли, которые есть в наборе и связаны (как заказы и позиции), и их столбцы "
        "так, как они записаны в файлах.",
    ),
    "import_errors.role_column_missing": (
        "The file of {role} has no column for {fields}.",
        "В файле с ролью «{role}» нет столбца для: {fields}.",
    ),
    "import_errors.fix.role_column": (
        "name that column in the relations table (--relations), or give the file another role.",
        "укажите этот столбец в таблице связей (--relations) или задайте файлу другую роль.",
    ),
    "import_errors.roles_missing": (
        "The set has no file of {roles}.",
        "В наборе нет файла с ролью: {roles}.",
    ),
    "import_errors.fix.roles_missing": (
        "add the orders file and the order items file of the export, or set the role of a file "
        "that is one.",
        "добавьте из выгрузки файл заказов и файл позиций заказов или задайте роль файлу, "
        "который им является.",
    ),
    "import_errors.no_related_rows": (
        "No order of the set has items and a customer: nothing to import.",
        "Ни у одного заказа набора нет и позиций, и покупателя: импортировать нечего.",
    ),
    "import_errors.fix.related_rows": (
        "check that the orders and order items files are of the same export, and the relations "
        "between them.",
        "проверьте, что файлы заказов и позиций из одной выгрузки, и проверьте связи между ними.",
    ),
    "import_errors.freight_choice": (
        "Unknown freight choice '{choice}'.",
        "Неизвестный способ учёта доставки «{choice}».",
    ),
    "import_errors.fix.freight_choice": (
        "use separate or add.",
        "используйте separate (отдельно) или add (прибавить).",
    ),
}
