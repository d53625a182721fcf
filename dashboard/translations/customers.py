"""Labels of the Customers page (Identify): search, profile, identification quality, duplicates."""

TEXTS = {
    "customers.title": ("Customers", "Клиенты"),
    "customers.intro": (
        "Identify: every customer has one record and is recognised at every contact. Find a "
        "customer by id, name, e-mail or phone, see what they bring and cost, and check which "
        "attributes recognise customers without error.",
        "Идентификация: у каждого клиента одна запись, и его узнают при любом контакте. Найдите "
        "клиента по коду, имени, e-mail или телефону, посмотрите, что он приносит и сколько стоит, "
        "и проверьте, по каким признакам клиентов можно узнать без ошибки.",
    ),
    "customers.tab.find": ("Find a customer", "Найти клиента"),
    "customers.tab.quality": ("Identification quality", "Качество идентификации"),
    "customers.tab.duplicates": ("Likely duplicates", "Вероятные дубликаты"),
    "customers.search": ("Search", "Поиск"),
    "customers.search_placeholder": (
        "Id, name, e-mail or phone",
        "Код, имя, e-mail или телефон",
    ),
    "customers.search_help": (
        "Case does not matter and part of a value is enough. Phones are matched on their digits "
        "(a full number on its last 10 digits, so +44 20 7946 0000 finds 020 7946 0000). "
        "The link in the address bar opens the same search.",
        "Регистр не важен, достаточно части значения. Телефоны сравниваются по цифрам (полный "
        "номер — по последним 10 цифрам, так что +7 495 123-45-67 найдёт 8 495 1234567). "
        "Ссылка в адресной строке открывает этот же поиск.",
    ),
    "customers.no_match": (
        "No customer matches “{query}”. Try part of the name, the e-mail or the phone's last digits.",
        "Нет клиентов по запросу «{query}». Попробуйте часть имени, e-mail или последние цифры "
        "телефона.",
    ),
    "customers.matches": (
        "{shown} of {total} {total|match|matches|matches}, best first; orders and revenue are for "
        "the period.",
        "Совпадений: {total}, показано {shown}, лучшие первыми; заказы и выручка — за период.",
    ),
    "customers.top_customers": (
        "No search yet: the {shown} {shown|customer|customers|customers} with the most revenue in "
        "the period (of {total}).",
        "Поиска ещё нет: {shown} {shown|клиент|клиента|клиентов} с наибольшей выручкой за период (из {total}).",
    ),
    "customers.pick": ("Customer", "Клиент"),
    "customers.unnamed": ("Customer {id}", "Клиент {id}"),
    "customers.id_label": ("Id {id}", "Код {id}"),
    "customers.figure.revenue": ("Revenue", "Выручка"),
    "customers.figure.cost": ("Cost", "Затраты"),
    "customers.figure.profit": ("Profit", "Прибыль"),
    "customers.figure.orders": ("Orders", "Заказы"),
    "customers.figure.avg_order_value": ("Average order", "Средний заказ"),
    "customers.figure.last_nps": ("Last NPS answer", "Последняя оценка NPS"),
    "customers.figure.first_purchase_at": ("First purchase", "Первая покупка"),
    "customers.figure.last_purchase_at": ("Last purchase", "Последняя покупка"),
    "customers.figure.returns": ("Returns", "Возвраты"),
    "customers.figure.service_contacts": ("Service contacts", "Обращения в сервис"),
    "customers.figure.complaints": ("Complaints", "Жалобы"),
    "customers.last_nps_help": (
        "Would recommend us, 0-10; answered on {date}.",
        "Готовность рекомендовать нас, 0-10; ответ от {date}.",
    ),
    "customers.no_purchases": (
        "No purchases in this period. Widen the period in the sidebar to see earlier ones.",
        "В этом периоде покупок нет. Расширьте период на боковой панели, чтобы увидеть прежние.",
    ),
    "customers.channels": ("Channels", "Каналы"),
    "customers.contacts": ("Service contacts, newest first", "Обращения, сначала новые"),
    "customers.feedback": ("Feedback, newest first", "Отзывы, сначала новые"),
    "customers.no_channels": (
        "No purchases or contacts in this period.",
        "В этом периоде нет покупок и обращений.",
    ),
    "customers.no_contacts": (
        "No service contacts in this period.",
        "В этом периоде обращений нет.",
    ),
    "customers.no_feedback": ("No feedback in this period.", "В этом периоде отзывов нет."),
    "customers.no_duplicates": (
        "No likely duplicates: no two customers share an e-mail, a phone, or a name in one country.",
        "Вероятных дубликатов нет: ни у каких двух клиентов не совпадают e-mail, телефон или имя "
        "в одной стране.",
    ),
    "customers.no_contact_duplicates": (
        "No two customers share an e-mail or a phone.",
        "Ни у каких двух клиентов не совпадают e-mail или телефон.",
    ),
    "customers.kind.complaint": ("complaint", "жалоба"),
    "customers.kind.suggestion": ("suggestion", "предложение"),
    "customers.kind.wish": ("wish", "пожелание"),
    "customers.kind.praise": ("praise", "благодарность"),
    "customers.kind.question": ("question", "вопрос"),
    "customers.col.id": ("Id", "Код"),
    "customers.col.customer_id": ("Id", "Код"),
    "customers.col.name": ("Name", "Имя"),
    "customers.col.email": ("E-mail", "E-mail"),
    "customers.col.phone": ("Phone", "Телефон"),
    "customers.col.country": ("Country", "Страна"),
    "customers.col.channel": ("Channel", "Канал"),
    "customers.col.orders": ("Orders", "Заказы"),
    "customers.col.revenue": ("Revenue", "Выручка"),
    "customers.col.last_purchase": ("Last purchase", "Последняя покупка"),
    "customers.col.last_purchase_at": ("Last purchase", "Последняя покупка"),
    "customers.col.contacts": ("Contacts", "Обращения"),
    "customers.col.feedback": ("Feedback", "Отзывы"),
    "customers.col.occurred_at": ("Date", "Дата"),
    "customers.col.created_at": ("Date", "Дата"),
    "customers.col.kind": ("Kind", "Вид"),
    "customers.col.cost": ("Cost", "Затраты"),
    "customers.col.score": ("Score", "Оценка"),
    "customers.col.scale": ("Scale", "Шкала"),
    "customers.col.text": ("Text", "Текст"),
    "customers.col.resolved_at": ("Resolved", "Решено"),
    "customers.col.group_id": ("Group", "Группа"),
    "customers.col.matched_on": ("Matched on", "Совпадает"),
    "customers.col.match_key": ("Shared value", "Общее значение"),
    "customers.col.group_size": ("Ids in group", "Кодов в группе"),
    "customers.quality_intro": (
        "Which attributes recognise a customer without error: an attribute identifies a customer "
        "when they have it and nobody else shares it. The better the identifier, the harder it is "
        "to obtain at the start of a contact.",
        "По каким признакам клиента можно узнать без ошибки: признак идентифицирует клиента, если "
        "он у клиента есть и ни у кого другого не совпадает. Чем качественнее идентификатор, тем "
        "сложнее получить его в начале контакта.",
    ),
    "customers.quality.with_email": ("Customers with an e-mail", "Клиенты с e-mail"),
    "customers.quality.with_phone": ("Customers with a phone", "Клиенты с телефоном"),
    "customers.quality.with_both": ("With both", "С тем и другим"),
    "customers.quality.orphans": ("Transactions of unknown ids", "Транзакции с неизвестным кодом"),
    "customers.quality.orphans_help": (
        "Share of the period's transaction lines whose customer id is not in the customers table.",
        "Доля строк транзакций за период, чей код клиента отсутствует в таблице клиентов.",
    ),
    "customers.quality.orphans_note": (
        "Transactions whose customer id is not in the customers table: {lines} "
        "{lines|line|lines|lines}, {revenue}, customer ids: {ids}. Import the customers file on "
        "the Data page to know who they are.",
        "Транзакции с кодом клиента, которого нет в таблице клиентов: строк {lines}, {revenue}, "
        "кодов клиентов: {ids}. Загрузите файл клиентов на странице «Данные», чтобы узнать, кто это.",
    ),
    "customers.quality.repeated_ids": (
        "Rows of the customers table that repeat an id: {rows}. The latest import's values are "
        "shown; re-import the customers file with “Replace the table” to keep one row per id.",
        "Строк таблицы клиентов с повторяющимся кодом: {rows}. Показаны значения последнего "
        "импорта; загрузите файл клиентов заново в режиме «Заменить таблицу», чтобы на код была одна строка.",
    ),
    "customers.attribute.customer_id": ("Customer id", "Код клиента"),
    "customers.attribute.email": ("E-mail", "E-mail"),
    "customers.attribute.phone": ("Phone", "Телефон"),
    "customers.attribute.name_country": ("Name + country", "Имя + страна"),
    "customers.chart.monthly_title": (
        "{total} over {months} {months|month|months|months} with purchases; the best was "
        "{best_month} ({best})",
        "{total} за {months} мес. с покупками; лучший месяц — {best_month} ({best})",
    ),
    "customers.chart.revenue_axis": ("Revenue, {currency}", "Выручка, {currency}"),
    "customers.chart.share_axis": ("Share of customers, %", "Доля клиентов, %"),
    "customers.chart.unique_share": ("identifies alone", "узнаёт однозначно"),
    "customers.chart.shared_share": ("shared with another customer", "совпадает у нескольких"),
    "customers.chart.missing_share": ("missing", "нет данных"),
    "customers.chart.quality_title": (
        "{attribute} identifies {share} of customers without error",
        "{attribute} однозначно идентифицирует {share} клиентов",
    ),
    "customers.chart.quality_title_none": (
        "Only the customer id identifies customers: no usable e-mail, phone or name is recorded",
        "Клиентов узнают только по коду: пригодных e-mail, телефонов и имён нет",
    ),
    "customers.duplicates_intro": (
        "Ids that probably are one person: the same e-mail (case and spaces ignored), the same "
        "phone (last 10 digits) or the same name in the same country (unless more than "
        "{max_same_name} ids share it: a common name proves nothing). Groups matched on more "
        "attributes come first, then by revenue. Merge a group below (a merge can be undone).",
        "Коды, за которыми, вероятно, один человек: одинаковый e-mail (без учёта регистра и "
        "пробелов), телефон (последние 10 цифр) или имя в одной стране (если оно не встречается "
        "больше {max_same_name} раз: частое имя ничего не доказывает). Сначала группы с большим "
        "числом совпадений, затем по выручке. Группу можно объединить ниже (и отменить это).",
    ),
    "customers.dup.name_only": (
        "Also show ids that share only a name and country",
        "Показывать и коды, у которых совпадают только имя и страна",
    ),
    "customers.dup.hidden": (
        "Groups sharing only a name and country, not shown: {groups}. Common names make this weak "
        "evidence; switch them on above to review them.",
        "Групп, где совпадают только имя и страна, не показано: {groups}. При распространённых "
        "именах это слабый признак; включите их выше, чтобы просмотреть.",
    ),
    "customers.dup.shown": (
        "The table shows the first {groups} {groups|group|groups|groups} ({shown} "
        "{shown|row|rows|rows}) of {total} ({rows} {rows|row|rows|rows}); the CSV download "
        "holds them all. The groups shown can be merged below.",
        "В таблице первые {groups} {groups|группа|группы|групп} ({shown} "
        "{shown|строка|строки|строк}) из {total} ({rows} {rows|строка|строки|строк}); в файле "
        "CSV — все. Объединить ниже можно показанные группы.",
    ),
    "customers.dup.groups": ("Groups", "Групп"),
    "customers.dup.customers": ("Customer ids in them", "Кодов клиентов в них"),
    "customers.dup.revenue": ("Their revenue in the period", "Их выручка за период"),
    # the profile's timeline (dashboard/ui/customers_timeline.py)
    "customers.timeline.header": (
        "Every channel, one timeline (newest first)",
        "Все каналы на одной ленте (сначала новые)",
    ),
    "customers.timeline.none": (
        "No purchase, return, feedback, service contact or campaign in the period.",
        "За период нет покупок, возвратов, отзывов, обращений и кампаний.",
    ),
    "customers.timeline.limited": (
        "Only the newest {events} {events|event is|events are|events are} shown.",
        "Показаны только {events} {events|последнее событие|последних события|последних событий}.",
    ),
    "customers.timeline.chart_title": (
        "{events} {events|event|events|events} across {channels} "
        "{channels|channel|channels|channels}, {first} to {last}",
        "{events} {events|событие|события|событий} в {channels} "
        "{channels|канале|каналах|каналах}, с {first} по {last}",
    ),
    "customers.timeline.date_axis": ("Date", "Дата"),
    "customers.timeline.event.purchase": ("Purchase", "Покупка"),
    "customers.timeline.event.return": ("Return or cancellation", "Возврат или отмена"),
    "customers.timeline.event.feedback": ("Feedback", "Отзыв"),
    "customers.timeline.event.contact": ("Service contact", "Обращение"),
    "customers.timeline.event.campaign": ("Campaign", "Кампания"),
    "customers.timeline.event.response": ("Campaign response", "Отклик на кампанию"),
    "customers.timeline.col.occurred_at": ("Date", "Дата"),
    "customers.timeline.col.event": ("Event", "Событие"),
    "customers.timeline.col.channel": ("Channel", "Канал"),
    "customers.timeline.col.kind": ("Kind or group", "Вид или группа"),
    "customers.timeline.col.detail": ("Detail", "Подробности"),
    "customers.timeline.col.amount": ("Amount", "Сумма"),
    "customers.timeline.col.score": ("Score", "Оценка"),
    "customers.timeline.col.order_id": ("Order", "Заказ"),
    # merging duplicates (dashboard/ui/customers_merge.py)
    "customers.merge.header": ("Merge a group", "Объединить группу"),
    "customers.merge.intro": (
        "Choose a group and the id that stays: the other ids' purchases, feedback, service "
        "contacts and campaign membership move to it, and their customer records go (kept, so "
        "that the merge can be undone below). Every page counts them as one customer at once.",
        "Выберите группу и код, который останется: покупки, отзывы, обращения и участие в "
        "кампаниях остальных кодов перейдут к нему, а их карточки клиентов будут убраны "
        "(сохранены, чтобы объединение можно было отменить ниже). Все страницы сразу считают "
        "их одним клиентом.",
    ),
    "customers.merge.group": ("Group", "Группа"),
    "customers.merge.group_option": (
        "Group {group}: {ids} ({reasons})",
        "Группа {group}: {ids} ({reasons})",
    ),
    "customers.merge.survivor": ("The id that stays", "Остающийся код"),
    "customers.merge.survivor_help": (
        "The customer record of this id is kept as it is (name, e-mail, phone); the group's "
        "ids are listed by revenue, the largest first.",
        "Карточка этого кода остаётся как есть (имя, e-mail, телефон); коды группы "
        "перечислены по выручке, начиная с наибольшей.",
    ),
    "customers.merge.moves": (
        "Moves to {survivor}: transaction lines {transactions}, feedback {feedback}, service "
        "contacts {contacts}, campaign memberships {campaigns}; customer records removed (kept "
        "for an undo): {records}.",
        "Перейдёт к {survivor}: строк покупок — {transactions}, отзывов — {feedback}, "
        "обращений — {contacts}, участий в кампаниях — {campaigns}; будет убрано карточек "
        "клиентов (сохранятся для отмены): {records}.",
    ),
    "customers.merge.confirm": (
        "Merge {count} {count|id|ids|ids} into {survivor}",
        "Объединить {count} {count|код|кода|кодов} с {survivor}",
    ),
    "customers.merge.button": ("Merge", "Объединить"),
    "customers.merge.done": (
        "Merge {merge_id}: {ids} merged into {survivor}, {rows} {rows|row|rows|rows} moved. Undo "
        "it in the list of merges below.",
        "Объединение {merge_id}: всё от {ids} теперь у {survivor} (перенесено "
        "{rows} {rows|строка|строки|строк}). Отменить его можно в списке объединений ниже.",
    ),
    "customers.merge.role.survivor": ("stays", "остаётся"),
    "customers.merge.role.merged": ("merged into it", "объединяется с ним"),
    "customers.merge.col.customer_id": ("Customer id", "Код клиента"),
    "customers.merge.col.role": ("Role", "Роль"),
    "customers.merge.col.transactions": ("Transaction lines", "Строк покупок"),
    "customers.merge.col.feedback": ("Feedback", "Отзывов"),
    "customers.merge.col.interactions": ("Service contacts", "Обращений"),
    "customers.merge.col.campaign_members": ("Campaigns", "Кампаний"),
    "customers.merge.col.customers": ("Customer records", "Карточек клиента"),
    "customers.merge.col.revenue": ("Revenue, all time", "Выручка за всё время"),
    "customers.merges.header": ("Merges", "Объединения"),
    "customers.merges.none": ("No customers were merged yet.", "Клиентов ещё не объединяли."),
    "customers.merges.standing": ("in effect", "действует"),
    "customers.merges.undone_status": ("undone {at} by {actor}", "отменено {at}, {actor}"),
    "customers.merges.undo_pick": ("Merge to undo", "Какое объединение отменить"),
    "customers.merges.option": (
        "Merge {merge_id}: {ids} into {survivor}",
        "Объединение {merge_id}: {ids} с {survivor}",
    ),
    "customers.merges.undo_button": ("Undo the merge", "Отменить объединение"),
    "customers.merges.undone": (
        "Merge {merge_id} undone: {ids} are separate from {survivor} again, every row back "
        "under its own id.",
        "Объединение {merge_id} отменено: {ids} снова отдельно от {survivor}, каждая строка "
        "вернулась к своему коду.",
    ),
    "customers.merges.col.merge_id": ("Merge", "Объединение"),
    "customers.merges.col.merged_at": ("When", "Когда"),
    "customers.merges.col.actor": ("Who", "Кто"),
    "customers.merges.col.into_id": ("Id that stayed", "Оставшийся код"),
    "customers.merges.col.merged_ids": ("Ids merged into it", "Объединённые коды"),
    "customers.merges.col.transactions": ("Transaction lines", "Строк покупок"),
    "customers.merges.col.feedback": ("Feedback", "Отзывов"),
    "customers.merges.col.interactions": ("Service contacts", "Обращений"),
    "customers.merges.col.campaign_members": ("Campaigns", "Кампаний"),
    "customers.merges.col.customers": ("Customer records", "Карточек клиента"),
    "customers.merges.col.status": ("Status", "Состояние"),
    # merging duplicates (dashboard/identify/merge.py)
    "errors.merge_needs_two": (
        "Give the surviving id and at least one other id to merge into it.",
        "Укажите остающийся код и хотя бы один другой код, который с ним объединить.",
    ),
    "errors.merge_unknown_id": (
        "No customer has the id {ids}: nothing was merged. Fix: copy the ids from the "
        "duplicates list or a search.",
        "Клиента с кодом {ids} нет: ничего не объединено. Что сделать: скопируйте коды из списка "
        "дубликатов или из поиска.",
    ),
    "errors.merge_unknown": (
        "No merge has the number {merge_id}: see the list of merges "
        "(python -m dashboard customers merges).",
        "Объединения с номером {merge_id} нет: посмотрите список объединений "
        "(python -m dashboard customers merges).",
    ),
    "errors.merge_undone_already": (
        "Merge {merge_id} was undone already ({at}, by {actor}): its customers are separate "
        "again, nothing changed.",
        "Объединение {merge_id} уже отменено ({at}, {actor}): его клиенты снова раздельны, "
        "ничего не изменилось.",
    ),
    "errors.merge_undo_later_first": (
        "Merge {later} merged {customer_id} into another customer since: undo merge {later} "
        "first, then merge {merge_id}.",
        "Позже объединение {later} слило {customer_id} с другим клиентом: сначала отмените "
        "объединение {later}, затем {merge_id}.",
    ),
    "errors.merge_not_written": (
        "The database did not take the change ({error}): it was rolled back, nothing changed. "
        "Fix: try again; if it persists, check that the database file may be written.",
        "База данных не приняла изменение ({error}): оно отменено, ничего не изменилось. Что "
        "сделать: попробуйте ещё раз; если ошибка повторяется, проверьте, что файл базы можно "
        "записывать.",
    ),
    "errors.merge_data_replaced": (
        "The data of merge {merge_id} were replaced since (table {table}, {mode}): an undo "
        "would bring back rows that are gone. Nothing changed.",
        "Данные объединения {merge_id} с тех пор заменены (таблица {table}, {mode}): отмена "
        "вернула бы строки, которых уже нет. Ничего не изменилось.",
    ),
}
