"""A set of related files imported together (the Data page's "several related files"): the
files' roles, the meanings of their columns, the relations, and the per-file report."""

TEXTS = {
    "related.kind": ("What to import", "Что импортировать"),
    "related.kind.one": ("One file", "Один файл"),
    "related.kind.set": ("Several related files", "Несколько связанных файлов"),
    "related.parts": (
        "These {count} files have the same columns: they are parts of one table, imported as "
        "one (all or nothing). The mapping is the first file's.",
        "У этих файлов ({count}) одинаковые столбцы: это части одной таблицы, они импортируются "
        "как одна (всё или ничего). Сопоставление — по первому файлу.",
    ),
    "related.parts_button": ("Import the {count} files", "Импортировать файлы ({count})"),
    "related.intro": (
        "A shop's or marketplace's export in several files (orders, order items, payments, "
        "customers, reviews, products), or a zip of them: the files are joined by their shared "
        "keys, one line per order item with the person as customer, reviews as their feedback.",
        "Выгрузка магазина или маркетплейса из нескольких файлов (заказы, позиции заказов, "
        "оплаты, покупатели, отзывы, товары) или zip-архив с ними: файлы соединяются по общим "
        "ключам — одна строка на позицию заказа с человеком как покупателем, отзывы — как его "
        "обратная связь.",
    ),
    "related.upload": (
        "Choose the files of one export (or a zip)",
        "Выберите файлы одной выгрузки (или zip-архив)",
    ),
    "related.files": ("Files and their roles", "Файлы и их роли"),
    "related.files_help": (
        "A role is guessed from each file's columns; correct it where it is wrong.",
        "Роль угадана по столбцам каждого файла; исправьте, если она неверна.",
    ),
    "related.relations": ("Relations found", "Найденные связи"),
    "related.relations_help": (
        "Each row ties a file's column to another file's key; choose another column where the "
        "key is a different one. The choice is remembered for files with these headers.",
        "Каждая строка связывает столбец одного файла с ключом другого; выберите другой "
        "столбец, если ключ другой. Выбор запоминается для файлов с такими заголовками.",
    ),
    "related.remembered": (
        "Roles and columns as chosen for these files last time.",
        "Роли и столбцы — как были выбраны для этих файлов в прошлый раз.",
    ),
    "related.missing": (
        "The set needs a file of {roles}: add it, or set the role of a file that is one.",
        "В наборе нужен файл с ролью: {roles}. Добавьте его или задайте роль файлу.",
    ),
    "related.freight": ("Freight", "Доставка"),
    "related.freight.separate": (
        "Keep it apart (revenue is the item's price)",
        "Отдельно (выручка — цена товара)",
    ),
    "related.freight.add": ("Add it to the item's revenue", "Прибавить к выручке позиции"),
    "related.import_button": ("Import the set", "Импортировать набор"),
    "related.importing": ("Importing {count} files…", "Импорт файлов: {count}…"),
    "related.imported": (
        "Imported {rows} {rows|line|lines|lines} of {orders} {orders|order|orders|orders} "
        "({revenue} revenue), {feedback} feedback {feedback|row|rows|rows} and {customers} new "
        "{customers|customer|customers|customers}.",
        "Импортировано строк: {rows} по заказам: {orders} (выручка {revenue}), отзывов: "
        "{feedback}, новых покупателей: {customers}.",
    ),
    "related.cancelled": (
        "{orders} canceled or unavailable {orders|order|orders|orders}: {rows} cancellation "
        "{rows|line|lines|lines} ({revenue}).",
        "Отменённых или недоступных заказов: {orders}, строк отмены: {rows} ({revenue}).",
    ),
    "related.freight_kept": (
        "Freight of {amount} is kept apart from the revenue.",
        "Доставка на {amount} учтена отдельно от выручки.",
    ),
    "related.payments_differ": (
        "Payments differ from the items (price and freight) for {orders} of {checked} "
        "{checked|order|orders|orders} checked, by {difference} in all.",
        "Оплаты расходятся с позициями (цена и доставка) у заказов: {orders} из проверенных "
        "{checked}, всего на {difference}.",
    ),
    "related.payments_agree": (
        "Payments agree with the items for all {checked} {checked|order|orders|orders} checked.",
        "Оплаты совпадают с позициями у всех проверенных заказов: {checked}.",
    ),
    "related.already": (
        "This set was imported before: nothing added.",
        "Этот набор уже импортирован: ничего не добавлено.",
    ),
    "related.report": ("What each file gave", "Что дал каждый файл"),
    "related.differences": ("Orders whose payments differ", "Заказы с расхождением оплат"),
    "related.col.file": ("File", "Файл"),
    "related.col.role": ("Role", "Роль"),
    "related.col.columns": ("Columns used", "Использованные столбцы"),
    "related.col.column": ("Column", "Столбец"),
    "related.col.refers_to": ("Refers to", "Ссылается на"),
    "related.col.key": ("Key column there", "Ключ там"),
    "related.col.matched": ("Keys found", "Найдено ключей"),
    "related.col.rows": ("Rows", "Строк"),
    "related.col.used": ("Used", "Использовано"),
    "related.col.left_out": ("Left out, and why", "Не вошло и почему"),
    "related.col.order": ("Order", "Заказ"),
    "related.col.paid": ("Paid", "Оплачено"),
    "related.col.items": ("Items", "Позиции"),
    "related.col.difference": ("Difference", "Разница"),
    "related.matched": ("{matched} of {keys}", "{matched} из {keys}"),
    "related.role.none": ("not used", "не используется"),
    "related.role.orders": ("orders", "заказы"),
    "related.role.items": ("order items", "позиции заказов"),
    "related.role.payments": ("payments", "оплаты"),
    "related.role.customers": ("customers", "покупатели"),
    "related.role.reviews": ("reviews", "отзывы"),
    "related.role.products": ("products", "товары"),
    "related.meaning.order_id": ("order id", "номер заказа"),
    "related.meaning.customer_key": ("customer key of the order", "ключ покупателя в заказе"),
    "related.meaning.ordered_at": ("purchase date", "дата покупки"),
    "related.meaning.status": ("status", "статус"),
    "related.meaning.product_id": ("product id", "код товара"),
    "related.meaning.price": ("price", "цена"),
    "related.meaning.freight": ("freight", "доставка"),
    "related.meaning.quantity": ("quantity", "количество"),
    "related.meaning.paid": ("payment", "оплата"),
    "related.meaning.payment_type": ("payment type", "способ оплаты"),
    "related.meaning.person_id": ("the person's own id", "собственный код человека"),
    "related.meaning.city": ("city", "город"),
    "related.meaning.state": ("state", "регион"),
    "related.meaning.country": ("country", "страна"),
    "related.meaning.review_id": ("review id", "код отзыва"),
    "related.meaning.score": ("score", "оценка"),
    "related.meaning.title": ("title", "заголовок"),
    "related.meaning.message": ("message", "сообщение"),
    "related.meaning.created_at": ("review date", "дата отзыва"),
    "related.meaning.answered_at": ("answer date (resolution)", "дата ответа (решение)"),
    "related.meaning.category": ("category", "категория"),
    "related.reason.no_role": (
        "the file is none of orders, order items, payments, customers, reviews, products",
        "файл не похож ни на заказы, ни на позиции, оплаты, покупателей, отзывы или товары",
    ),
    "related.reason.no_items": ("orders without items", "заказы без позиций"),
    "related.reason.no_customer": (
        "orders without a customer key",
        "заказы без ключа покупателя",
    ),
    "related.reason.unknown_customer": (
        "orders whose customer key the customers file lacks",
        "заказы, ключа покупателя которых нет в файле покупателей",
    ),
    "related.reason.repeated_order": (
        "rows repeating an order id",
        "строки с повторным номером заказа",
    ),
    "related.reason.unknown_order": (
        "rows of orders the orders file lacks",
        "строки заказов, которых нет в файле заказов",
    ),
    "related.reason.order_left_out": (
        "rows of orders left out (no customer)",
        "строки заказов, которые не вошли (нет покупателя)",
    ),
    "related.reason.date_out_of_range": (
        "dated outside the plausible dates",
        "дата вне правдоподобного диапазона",
    ),
    "related.reason.no_person": (
        "rows without the person's own id",
        "строки без собственного кода человека",
    ),
    "related.reason.known_customer": (
        "people already known (kept as they were)",
        "уже известные люди (оставлены как были)",
    ),
    "related.reason.not_sold": ("products no item refers to", "товары, которых нет в позициях"),
    "data.log.mode.related": ("related files", "связанные файлы"),
}
