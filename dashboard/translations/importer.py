"""Messages the importer reports while it works (the progress bar of the Data page)."""

TEXTS = {
    "importer.progress.checking": ("Checking {file}", "Проверка файла {file}"),
    "importer.progress.reading": ("Reading {file}", "Чтение файла {file}"),
    "importer.progress.recording": ("Recording the import of {file}", "Запись импорта {file}"),
    "importer.progress.done": (
        "Imported {rows} {rows|row|rows|rows} into {table}",
        "Импортировано строк: {rows} (таблица {table})",
    ),
    "importer.progress.already": (
        "{file} was imported before: nothing added",
        "Файл {file} уже импортирован: ничего не добавлено",
    ),
}
