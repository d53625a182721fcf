"""Labels shared by the whole app: navigation, sidebar, common words."""

TEXTS = {
    "app.title": ("Customer Value Dashboard", "Ценность клиентов"),
    "nav.overview": ("Overview", "Обзор"),
    "nav.identify": ("Identify", "Идентификация"),
    "nav.differentiate": ("Differentiate", "Дифференциация"),
    "nav.interact": ("Interact", "Взаимодействие"),
    "nav.customize": ("Customize", "Индивидуализация"),
    "nav.data": ("Data", "Данные"),
    "common.loading_demo": (
        "Preparing the database (a first run loads the demo data)…",
        "Готовим базу данных (при первом запуске загружаются демо-данные)…",
    ),
    "common.waiting_for_db": (
        "Another program (a scheduled import?) is updating the data; the page continues when it "
        "has finished…",
        "Другая программа (плановый импорт?) обновляет данные; страница продолжит, когда она "
        "закончит…",
    ),
    "common.language": ("Language", "Язык"),
    "common.period": ("Period", "Период"),
    "common.period_help": (
        "Every page shows this period; the link in the address bar keeps it.",
        "Все страницы показывают этот период; ссылка в адресной строке его сохраняет.",
    ),
    "common.link_period.unreadable": (
        "The link's period ({asked}) is not two dates (from=YYYY-MM-DD&to=YYYY-MM-DD): shown "
        "instead is {shown}.",
        "Период в ссылке ({asked}) — не две даты (from=ГГГГ-ММ-ДД&to=ГГГГ-ММ-ДД): вместо него "
        "показан период {shown}.",
    ),
    "common.link_period.reversed": (
        "The link asks for {asked}, which ends before it starts: shown instead is {shown}.",
        "Ссылка задаёт период {asked}, который кончается раньше, чем начинается: вместо него "
        "показан период {shown}.",
    ),
    "common.link_period.outside": (
        "The link asks for {asked}, outside the data ({first} – {last}): shown instead is {shown}.",
        "Ссылка задаёт период {asked} вне данных ({first} – {last}): вместо него показан "
        "период {shown}.",
    ),
    "common.link_period.cut": (
        "The link asks for {asked}; the data cover {first} – {last}, so shown is {shown}.",
        "Ссылка задаёт период {asked}; данные охватывают {first} – {last}, поэтому показан "
        "период {shown}.",
    ),
    "common.preset": ("Quick range", "Быстрый выбор"),
    "common.preset.last_12": ("Last 12 months", "Последние 12 месяцев"),
    "common.preset.last_6": ("Last 6 months", "Последние 6 месяцев"),
    "common.preset.last_3": ("Last 3 months", "Последние 3 месяца"),
    "common.preset.ytd": ("This year", "С начала года"),
    "common.preset.all": ("All time", "Всё время"),
    "common.preset.custom": ("Custom", "Свой период"),
    "common.data_loaded": ("Data loaded", "Загруженные данные"),
    "common.rows": ("rows", "строк"),
    "common.table.transactions": ("Transactions", "Транзакции"),
    "common.table.customers": ("Customers", "Клиенты"),
    "common.table.feedback": ("Feedback", "Отзывы"),
    "common.table.interactions": ("Service contacts", "Обращения в сервис"),
    "common.table.all": ("All tables", "Все таблицы"),
    "common.date_range": ("Dates: {start} – {end}", "Даты: {start} – {end}"),
    "common.last_import": ("Last import: {file} ({at})", "Последний импорт: {file} ({at})"),
    "common.no_data": (
        "No transactions in this period. Widen the period in the sidebar or import data on the Data page.",
        "В этом периоде нет транзакций. Расширьте период на боковой панели или загрузите данные на странице «Данные».",
    ),
    "common.download_csv": ("Download CSV", "Скачать CSV"),
    "common.download_xlsx": ("Download Excel", "Скачать Excel"),
    "common.tier": ("Tier", "Уровень"),
    "common.tier_name.1": ("Tier 1", "Уровень 1"),
    "common.tier_name.2": ("Tier 2", "Уровень 2"),
    "common.tier_name.3": ("Tier 3", "Уровень 3"),
    "common.tier_name.4": ("Tier 4", "Уровень 4"),
    "common.tier_name.inactive": ("Inactive", "Неактивные"),
    "common.not_found.title": ("Page not found", "Страница не найдена"),
    "common.not_found": (
        "The app has no page “{path}”: the link may be mistyped or from an older version. "
        "Choose a page in the menu on the left.",
        "В приложении нет страницы «{path}»: ссылка набрана с ошибкой или осталась от прежней "
        "версии. Выберите страницу в меню слева.",
    ),
    "common.not_found.to_overview": ("Open the Overview", "Открыть обзор"),
    "common.customers": ("Customers", "Клиенты"),
    "common.revenue": ("Revenue", "Выручка"),
    "common.cost": ("Cost", "Затраты"),
    "common.profit": ("Profit", "Прибыль"),
    "common.share": ("Share", "Доля"),
    "common.all": ("All", "Все"),
    "common.month": ("Month", "Месяц"),
    "common.source": (
        "Source: {source}",
        "Источник: {source}",
    ),
    "common.cost_estimated": (
        "Cost and profit are estimates: this period's transactions carry no cost, so product "
        "cost comes from the cost model's margin (editable on the Customer pyramid page).",
        "Затраты и прибыль — оценка: в сделках периода нет себестоимости, поэтому она "
        "рассчитана по марже модели затрат (её можно изменить на странице «Пирамида клиентов»).",
    ),
    "common.cost_estimated_partly": (
        "Cost and profit are mostly estimates: only {share} of this period's revenue has a known "
        "cost; for the rest product cost comes from the cost model's margin (editable on the "
        "Customer pyramid page).",
        "Затраты и прибыль — в основном оценка: себестоимость известна лишь для {share} выручки "
        "периода, для остального она рассчитана по марже модели затрат (её можно изменить на "
        "странице «Пирамида клиентов»).",
    ),
}
