"""Messages the importer reports while it works (the progress bar of the Data page)."""

TEXTS = {
    "importer.progress.checking": ("Checking {file}", "Проверка файла {file}"),
    "importer.progress.reading": ("Reading {file}", "Чтение файла {file}"),
    "importer.progress.recording": ("Recording the import of {file}", "Запись импорта {file}"),
    "importer.progress.counting": (
        "Reading the customers of {file}: {percent}",
        "Чтение покупателей из {file}: {percent}",
    ),
    "importer.progress.lines": ("Reading lines: {percent}", "Чтение строк: {percent}"),
    "importer.progress.lines_of": (
        "Reading lines: {percent} (about {done} of {total})",
        "Чтение строк: {percent} (около {done} из {total})",
    ),
    "importer.progress.dates": ("Checking the dates: {percent}", "Проверка дат: {percent}"),
    "importer.progress.repeats": (
        "Looking for repeated rows: {percent}",
        "Поиск повторяющихся строк: {percent}",
    ),
    "importer.progress.customers": ("Adding the new customers", "Добавление новых покупателей"),
    "importer.progress.saving": (
        "Saving {rows} {rows|row|rows|rows} to the database",
        "Сохранение в базу, строк: {rows}",
    ),
    "importer.progress.done": (
        "Imported {rows} {rows|row|rows|rows} into {table}",
        "Импортировано строк: {rows} (таблица {table})",
    ),
    "importer.progress.already": (
        "{file} was imported before: nothing added",
        "Файл {file} уже импортирован: ничего не добавлено",
    ),
}
