"""Labels of the Overview page."""

TEXTS = {
    "overview.title": ("Overview", "Обзор"),
    "overview.subtitle": (
        "{start} – {end}, compared with the {days} {days|day|days|days} before",
        "{start} – {end}, в сравнении с предыдущими {days} дн.",
    ),
    "overview.subtitle_nothing_before": (
        "{start} – {end}: the data hold nothing earlier, so there is nothing to compare with",
        "{start} – {end}: более ранних данных нет, сравнивать не с чем",
    ),
    "overview.kpi.customers": ("Customers", "Клиенты"),
    "overview.kpi.active_customers": ("Active customers", "Активные клиенты"),
    "overview.kpi.revenue": ("Revenue", "Выручка"),
    "overview.kpi.cost": ("Cost", "Затраты"),
    "overview.kpi.profit": ("Profit", "Прибыль"),
    "overview.kpi.orders": ("Orders", "Заказы"),
    "overview.kpi.repeat_purchase_rate": ("Repeat purchase rate", "Доля повторных покупок"),
    "overview.kpi.complaints": ("Complaints", "Жалобы"),
    "overview.kpi.nps": ("NPS", "NPS"),
    "overview.kpi.help.customers": (
        "Everyone known by the end of the period.",
        "Все известные клиенты на конец периода.",
    ),
    "overview.kpi.help.active_customers": (
        "Customers with at least one order in the period.",
        "Клиенты хотя бы с одним заказом в периоде.",
    ),
    "overview.kpi.help.cost": (
        "Product cost plus the cost to serve (orders, returns, service contacts, complaints, "
        "marketing) from the cost model on the Customer pyramid page.",
        "Себестоимость плюс затраты на обслуживание (заказы, возвраты, обращения, жалобы, "
        "маркетинг) по модели затрат на странице «Пирамида клиентов».",
    ),
    "overview.kpi.help.repeat_purchase_rate": (
        "Share of active customers with two or more orders in the period.",
        "Доля активных клиентов с двумя и более заказами в периоде.",
    ),
    "overview.kpi.help.nps": (
        "Net Promoter Score: % promoters (9-10) minus % detractors (0-6).",
        "Индекс NPS: % промоутеров (9-10) минус % критиков (0-6).",
    ),
    "overview.kpi.help.complaints": (
        "Only about 4% of dissatisfied customers complain: each complaint stands for many more.",
        "Жалуются лишь около 4 % недовольных клиентов: за каждой жалобой стоят многие.",
    ),
    "overview.points": ("{value} pp", "{value} п.\u00a0п."),
    "overview.story": (
        "**{top_share} of customers (tiers 1-2) bring {top_revenue} of revenue.** "
        "Tier 3, {mid_share} of customers, brings {mid_revenue} of revenue and takes {mid_cost} of the cost to serve; "
        "the {low_share} in tier 4 bring {low_revenue}.",
        "**{top_share} клиентов (уровни 1-2) приносят {top_revenue} выручки.** "
        "Уровень 3 ({mid_share} клиентов) даёт {mid_revenue} выручки и забирает {mid_cost} затрат на обслуживание; "
        "{low_share} клиентов уровня 4 приносят {low_revenue}.",
    ),
    "overview.story_loss.one": (
        "**Tier {tiers} loses money:** {share} of the profit.",
        "**Уровень {tiers} приносит убыток:** {share} прибыли.",
    ),
    "overview.story_loss.many": (
        "**Tiers {tiers} lose money:** {share} of the profit.",
        "**Уровни {tiers} приносят убыток:** {share} прибыли.",
    ),
    "overview.tiers_title": (
        "Tiers 1-2: {customers} of customers, {revenue} of revenue",
        "Уровни 1-2: {customers} клиентов, {revenue} выручки",
    ),
    "overview.share_axis": ("Share of the total, %", "Доля от итога, %"),
    "overview.tiers_header": (
        "Who makes the money, who costs it",
        "Кто приносит деньги, кто их тратит",
    ),
    "overview.feedback_header": ("What customers say", "Что говорят клиенты"),
    "overview.more_pyramid": ("Open the customer pyramid", "Открыть пирамиду клиентов"),
    "overview.more_feedback": ("Open the feedback analysis", "Открыть анализ отзывов"),
    "overview.no_feedback": ("No feedback in this period.", "В этом периоде нет отзывов."),
}
