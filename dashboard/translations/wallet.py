"""Labels of share of wallet: the Customer pyramid page's section and the customer profile's
figures (English, Russian)."""

TEXTS = {
    "wallet.title": ("Share of wallet", "Доля кошелька"),
    "wallet.intro": (
        "What part of customers' spending in the category we win: our revenue in the period ÷ "
        "their spending in the category at every shop over the same period. A yearly spend is "
        "scaled to the period: × days of the period ÷ 365.",
        "Какую часть трат клиентов в категории получаем мы: наша выручка за период ÷ их траты в "
        "категории во всех магазинах за тот же период. Годовые траты приводятся к периоду: "
        "× дней периода ÷ 365.",
    ),
    "wallet.nothing": (
        "No customer's spending in the category is known, so no share of wallet is shown. To "
        "see it, import a **customers** file with a column **Annual category spend** (each "
        "customer's spending in the category at every shop in a year, e.g. a survey answer; a "
        "monthly figure as **Monthly category spend**), or enter an estimate per tier below.",
        "Траты клиентов в категории неизвестны, поэтому доля кошелька не показана. Чтобы её "
        "увидеть, импортируйте файл **клиентов** со столбцом **Годовые расходы в категории** "
        "(траты клиента в категории во всех магазинах за год, например ответ из опроса; "
        "месячные — как **Ежемесячные расходы в категории**) или введите оценку по уровням ниже.",
    ),
    "wallet.no_period": (
        "The period holds no purchase, so no share of wallet can be worked out.",
        "В периоде нет покупок, поэтому долю кошелька не рассчитать.",
    ),
    "wallet.from_column": (
        "Stated by {customers} {customers|customer|customers|customers} in the customers file's "
        "column “{column}” ({period}).",
        "Указаны {customers} {customers|клиентом|клиентами|клиентами} в столбце «{column}» "
        "файла клиентов ({period}).",
    ),
    "wallet.period.12": ("a year's spend per value", "траты за год"),
    "wallet.period.1": (
        "a month's spend per value, counted 12 times for a year",
        "траты за месяц, за год — в 12 раз больше",
    ),
    "wallet.from_estimates": (
        "Customers without a stated spend take your estimate for their tier: {tiers}.",
        "Клиенты без указанных трат получают вашу оценку для своего уровня: {tiers}.",
    ),
    "wallet.scaling": (
        "The period has {days} {days|day|days|days}: a customer's wallet in it is {fraction} of "
        "the annual spend (annual spend × {days} ÷ 365).",
        "В периоде {days} {days|день|дня|дней}: кошелёк клиента за него — {fraction} годовых "
        "трат (годовые траты × {days} ÷ 365).",
    ),
    "wallet.chart_title": (
        "{best} wins {best_share} of its customers' category spend, {worst} only {worst_share}",
        "{best} получает {best_share} трат своих клиентов в категории, {worst} — лишь {worst_share}",
    ),
    "wallet.chart_title_one": (
        "{best} wins {best_share} of its customers' category spend",
        "{best} получает {best_share} трат своих клиентов в категории",
    ),
    "wallet.tier_axis": ("Tier", "Уровень"),
    "wallet.share_axis": ("Share of wallet, %", "Доля кошелька, %"),
    "wallet.hover": (
        "{tier}: {known} {known|customer|customers|customers} with a known wallet<br>"
        "our revenue {revenue} of {wallet}",
        "{tier}: {known} {known|клиент|клиента|клиентов} с известным кошельком<br>"
        "наша выручка {revenue} из {wallet}",
    ),
    "wallet.col.tier": ("Tier", "Уровень"),
    "wallet.col.customers": ("Customers", "Клиенты"),
    "wallet.col.known": ("With a known wallet", "С известным кошельком"),
    "wallet.col.from_column": ("Stated", "Указан"),
    "wallet.col.from_estimate": ("Estimated", "Оценён"),
    "wallet.col.revenue": ("Our revenue", "Наша выручка"),
    "wallet.col.wallet": ("Category spend", "Траты в категории"),
    "wallet.col.share": ("Share of wallet", "Доля кошелька"),
    "wallet.col.customer_id": ("Customer", "Клиент"),
    "wallet.col.name": ("Name", "Имя"),
    "wallet.col.untapped": ("Not won yet", "Ещё не получено"),
    "wallet.col.wallet_source": ("Spend from", "Источник трат"),
    "wallet.source.column": ("Customers file", "Файл клиентов"),
    "wallet.source.estimate": ("Tier estimate", "Оценка уровня"),
    # the estimates
    "wallet.estimates": (
        "Estimated annual category spend per customer, by tier",
        "Оценка годовых трат клиента в категории по уровням",
    ),
    "wallet.estimates_intro": (
        "For customers whose own spend is not in the customers file: what one customer of the "
        "tier spends in the category in a year at every shop (e.g. from market research). Leave "
        "a tier empty when you do not know.",
        "Для клиентов, чьих трат нет в файле клиентов: сколько один клиент уровня тратит в "
        "категории за год во всех магазинах (например, по данным исследования рынка). Оставьте "
        "уровень пустым, если не знаете.",
    ),
    "wallet.estimate_input": ("{tier}, {currency} a year", "{tier}, {currency} в год"),
    "wallet.estimate_unknown": ("unknown", "неизвестно"),
    "wallet.save_estimates": ("Save the estimates", "Сохранить оценки"),
    "wallet.estimates_saved": ("Estimates saved.", "Оценки сохранены."),
    # the opportunity list
    "wallet.opportunity": (
        "High wallet, low share: the opportunity",
        "Большой кошелёк, малая доля",
    ),
    "wallet.top_share": (
        "High wallet: the top % of known wallets",
        "Большой кошелёк: верхние % известных",
    ),
    "wallet.top_share_help": (
        "25 = the customers whose wallet in the period is at or above the 75th percentile of "
        "the known wallets.",
        "25 — клиенты, чей кошелёк за период не меньше 75-го процентиля известных кошельков.",
    ),
    "wallet.max_share": ("Low share: below %", "Малая доля: ниже %"),
    "wallet.save_cuts": ("Save as default", "Сохранить по умолчанию"),
    "wallet.cuts_saved": (
        "Saved: campaigns on this audience use these limits.",
        "Сохранено: кампании на этой аудитории используют эти границы.",
    ),
    "wallet.opportunity_caption": (
        "{customers} {customers|customer|customers|customers} whose category spend in the "
        "period is at least {threshold} (the top {top} of known wallets) and of which we win "
        "less than {cut}; most not won yet first.",
        "{customers} {customers|клиент|клиента|клиентов}: траты в категории за период не меньше "
        "{threshold} (верхние {top} известных кошельков), а наша доля — меньше {cut}; сверху те, "
        "у кого больше всего ещё не получено.",
    ),
    "wallet.opportunity_none": (
        "No customer among the top {top} of known wallets gives us less than {cut} of their "
        "category spend.",
        "Ни один клиент из верхних {top} известных кошельков не отдаёт нам меньше {cut} своих "
        "трат в категории.",
    ),
    "wallet.opportunity_top": (
        "The table lists the {shown} most untapped of these {customers} "
        "{customers|customer|customers|customers} ({untapped} not won yet in all); the downloads "
        "and the campaign audience take all of them.",
        "В таблице {shown} {shown|клиент|клиента|клиентов}, у которых больше всего ещё не "
        "получено, из {customers} "
        "{customers|клиента|клиентов|клиентов} (всего не получено {untapped}); выгрузки и "
        "аудитория кампании берут всех.",
    ),
    "wallet.to_campaign": ("Make them a campaign audience", "Сделать их аудиторией кампании"),
    # the customer profile
    "wallet.figure.wallet": ("Category spend in the period", "Траты в категории за период"),
    "wallet.figure.revenue": ("Our revenue", "Наша выручка"),
    "wallet.figure.share": ("Share of wallet", "Доля кошелька"),
    "wallet.profile_column": (
        "Category spend from the customers file's column “{column}”: {annual} a year, {days} "
        "{days|day|days|days} of it in the period.",
        "Траты в категории — из столбца «{column}» файла клиентов: {annual} в год, из них "
        "{days} {days|день|дня|дней} в периоде.",
    ),
    "wallet.profile_estimate": (
        "Category spend from your estimate for {tier}: {annual} a year, {days} "
        "{days|day|days|days} of it in the period.",
        "Траты в категории — по вашей оценке для группы «{tier}»: {annual} в год, из них "
        "{days} {days|день|дня|дней} в периоде.",
    ),
    "wallet.profile_unknown": (
        "Share of wallet unknown: this customer's spending in the category is not in the "
        "customers file and their tier has no estimate. Import a customers file with a column "
        "“Annual category spend”, or enter an estimate per tier on the Customer pyramid page.",
        "Доля кошелька неизвестна: трат этого клиента в категории нет в файле клиентов, а для "
        "его уровня нет оценки. Импортируйте файл клиентов со столбцом «Годовые расходы в "
        "категории» или введите оценку по уровням на странице «Пирамида клиентов».",
    ),
    "wallet.over": (
        "Above 100%: the stated spend is less than what they bought from us; check the figure.",
        "Больше 100 %: указанные траты меньше того, что клиент купил у нас; проверьте цифру.",
    ),
    # the campaign audience
    "wallet.campaign_count": (
        "{customers} {customers|customer|customers|customers} of high wallet and low share in "
        "the 12 months before {date} (the limits and estimates saved on the Customer pyramid "
        "page).",
        "{customers} {customers|клиент|клиента|клиентов} с большим кошельком и малой долей за "
        "12 месяцев до {date} (границы и оценки, сохранённые на странице «Пирамида клиентов»).",
    ),
    # errors
    "wallet.error.nothing_known": (
        "No customer's spending in the category is known, so there is no customer of high "
        "wallet and low share: import a customers file with a column “Annual category spend”, "
        "or enter an estimate per tier on the Customer pyramid page.",
        "Траты клиентов в категории неизвестны, поэтому клиентов с большим кошельком и малой "
        "долей нет: импортируйте файл клиентов со столбцом «Годовые расходы в категории» или "
        "введите оценку по уровням на странице «Пирамида клиентов».",
    ),
    "wallet.error.cut": (
        "The opportunity limit must be above 0% and at most 100% (not {share}).",
        "Граница списка возможностей должна быть больше 0 % и не больше 100 % (не {share}).",
    ),
    "wallet.error.negative": (
        "A category spend cannot be negative ({amount}): leave it empty when unknown.",
        "Траты в категории не могут быть отрицательными ({amount}): оставьте пустым, если "
        "неизвестно.",
    ),
}
