"""Presenter mode and the PDF deck."""

TEXTS = {
    "present.deck_title": (
        "Who makes our money, and who costs it",
        "Кто приносит нам деньги и кто их стоит",
    ),
    "present.button": ("Present", "Презентация"),
    "present.segment": ("segment: {segment}", "сегмент: {segment}"),
    "present.button_help": (
        "Show this period as slides for a meeting: arrows, PageUp/PageDown or Space step, "
        "F is full screen, Esc leaves.",
        "Показать период слайдами для встречи: стрелки, PageUp/PageDown или пробел листают, "
        "F — полный экран, Esc — выход.",
    ),
    "present.slide.outline": ("Outline", "План"),
    "present.slide.kpis": ("Key figures", "Ключевые показатели"),
    "present.slide.pyramid": ("The customer pyramid", "Пирамида клиентов"),
    "present.slide.costs": ("Cost to serve by tier", "Стоимость обслуживания по уровням"),
    "present.slide.whale": ("The whale curve", "Кривая «кита»"),
    "present.slide.migration": ("Tier migration", "Переходы между уровнями"),
    "present.slide.clusters": ("Clusters", "Кластеры"),
    "present.slide.clusters_apart": (
        "What sets each cluster apart",
        "Чем отличается каждый кластер",
    ),
    "present.slide.feedback": ("What customers tell us", "Что говорят клиенты"),
    "present.slide.iceberg": ("The complaint iceberg", "Айсберг жалоб"),
    "present.slide.loyalty": ("NPS and the loyalty ladder", "NPS и лестница лояльности"),
    "present.slide.campaign": ("The last campaign", "Последняя кампания"),
    "present.slide.future": ("Future value", "Будущая ценность"),
    "present.slide.strategies": ("What to do with each tier", "Что делать с каждым уровнем"),
    "present.kpis_title": (
        "Revenue {revenue} and profit {profit} from {customers} {customers|customer|customers|customers}",
        "Выручка {revenue} и прибыль {profit} от {customers} {customers|клиента|клиентов|клиентов}",
    ),
    "present.kpis_title_change": (
        "Revenue {revenue} ({change} on the period before), profit {profit}, "
        "{customers} {customers|customer|customers|customers}",
        "Выручка {revenue} ({change} к прошлому периоду), прибыль {profit}, клиентов: {customers}",
    ),
    "present.strategies_title": (
        "Keep and grow tiers 1–2 first: {customers} of customers, {profit} of profit",
        "Сначала удержать и развивать уровни 1–2: доля клиентов {customers}, прибыли {profit}",
    ),
    "present.campaign_lead": (
        "“{name}”, from {start}: response measured over {days} {days|day|days|days}",
        "«{name}», с {start}: измерено дней отклика — {days}",
    ),
    "present.promoters": ("Promoters", "Промоутеры"),
    "present.detractors": ("Detractors", "Критики"),
    "present.outline_left_out": (
        "Left out: {heading} ({reason})",
        "Пропущено: {heading} ({reason})",
    ),
    "present.switched_off": ("switched off by the presenter", "выключен докладчиком"),
    "present.none.sales": ("no purchase in the period", "в периоде нет покупок"),
    "present.none.before": (
        "no purchase in the period before, nothing to compare with",
        "в предыдущем периоде нет покупок, не с чем сравнить",
    ),
    "present.none.clusters": (
        "no clustering run saved yet: run one on the Clusters page",
        "сегментация ещё не сохранена: запустите её на странице «Кластеры»",
    ),
    "present.none.feedback": ("no feedback in the period", "в периоде нет отзывов"),
    "present.none.complaints": ("no complaint in the period", "в периоде нет жалоб"),
    "present.none.campaign": (
        "no campaign with a measured response yet",
        "пока нет кампании с измеренным откликом",
    ),
    "present.none.future": (
        "the model refuses the data: {reason}",
        "модель не принимает данные: {reason}",
    ),
    "present.notes.previous": (
        "In brackets: the period before, of the same length.",
        "В скобках — предыдущий период той же длины.",
    ),
    "present.notes.tier": (
        "Tier {tier}: {customers} of customers, {revenue} of revenue, {cost} of cost to serve, "
        "{profit} of profit",
        "Уровень {tier}: доля клиентов {customers}, выручки {revenue}, затрат на обслуживание "
        "{cost}, прибыли {profit}",
    ),
    "present.notes.reference": (
        "The texts: tiers 1–2 are 11% of customers and bring 90% of revenue; tier 3 takes 45% of "
        "the cost for 7% of revenue; tier 4 is 65% of customers and 3% of revenue.",
        "В текстах: уровни 1–2 — 11 % клиентов и 90 % выручки; уровень 3 — 45 % затрат при 7 % "
        "выручки; уровень 4 — 65 % клиентов и 3 % выручки.",
    ),
    "present.notes.cost": (
        "Tier {tier}: {cost} to serve, {per} a customer",
        "Уровень {tier}: обслуживание {cost}, на клиента {per}",
    ),
    "present.notes.whale": (
        "Profit peaks at {peak} with the best {customers} {customers|customer|customers|customers}; "
        "all customers together: {total}.",
        "Прибыль достигает пика {peak} на лучших клиентах (их {customers}); все клиенты "
        "вместе: {total}.",
    ),
    "present.notes.migration": (
        "Compared with {before_start} – {before_end}; {fell} {fell|customer|customers|customers} "
        "fell out of tiers 1–2.",
        "Сравнение с периодом {before_start} – {before_end}; из уровней 1–2 выпали клиентов: {fell}.",
    ),
    "present.notes.cluster": (
        "{name}: {customers} of customers, {revenue} of revenue",
        "{name}: доля клиентов {customers}, выручки {revenue}",
    ),
    "present.notes.heatmap": (
        "Each cell: how far the cluster's mean lies from all customers', in standard deviations.",
        "Каждая клетка — насколько среднее кластера отличается от среднего всех клиентов, "
        "в стандартных отклонениях.",
    ),
    "present.notes.campaign": (
        "Target group {target}, control group {control}; the uplift's 95% interval: {low} to {high}.",
        "Целевая группа {target}, контрольная {control}; 95-процентный интервал прироста: "
        "от {low} до {high}.",
    ),
    "present.notes.future": (
        "BG/NBD and Gamma-Gamma, checked on a holdout of the last 26 weeks (Future value page).",
        "BG/NBD и Gamma-Gamma, проверены на последних 26 неделях (страница «Будущая ценность»).",
    ),
    "present.notes.strategies": (
        "The texts' strategies: keep and develop the top, make tier 3 cheaper to serve or grow it, "
        "serve tier 4 at the lowest cost.",
        "Стратегии из текстов: удерживать и развивать верх, удешевить обслуживание уровня 3 или "
        "поднять его, обслуживать уровень 4 с наименьшими затратами.",
    ),
    "present.notes.outline": (
        "Keys: → ← PageDown PageUp Space step, Home and End jump, F full screen, Esc leaves.",
        "Клавиши: → ← PageDown PageUp пробел листают, Home и End — к началу и концу, "
        "F — полный экран, Esc — выход.",
    ),
    # presenter mode on the page
    "present.next": ("Next", "Далее"),
    "present.previous": ("Back", "Назад"),
    "present.first": ("First slide", "Первый слайд"),
    "present.last": ("Last slide", "Последний слайд"),
    "present.leave": ("Leave", "Выйти"),
    "present.open_live": ("Open in the dashboard", "Открыть в дашборде"),
    "present.notes": ("Notes", "Заметки"),
    "present.slides": ("Slides", "Слайды"),
    "present.slides_help": (
        "Switch slides off and on; the link keeps the choice.",
        "Выключайте и включайте слайды; ссылка сохраняет выбор.",
    ),
    "present.counter": ("{number} / {total}", "{number} / {total}"),
    "present.pdf": ("PDF", "PDF"),
    "present.pdf_help": (
        "The deck as a PDF, one 16:9 slide a page, to send after the meeting.",
        "Презентация в PDF, по слайду 16:9 на страницу — отправить после встречи.",
    ),
    "present.pdf_missing": (
        "A PDF needs Chromium on the server: {reason}",
        "Для PDF на сервере нужен Chromium: {reason}",
    ),
    "present.building": ("Preparing the slides…", "Готовим слайды…"),
}
