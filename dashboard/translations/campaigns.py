"""Labels of the Campaigns page: creating, measuring and exporting campaigns (English, Russian)."""

TEXTS = {
    "campaigns.title": ("Campaigns", "Кампании"),
    "campaigns.intro": (
        "Turn a pick of clusters, a value tier or the valuable customers at risk into a campaign: "
        "a random control group is held "
        "out (not contacted), the target group is exported for your mailing tool, and afterwards "
        "the purchases of both groups in the response window show what the campaign really added.",
        "Превратите выбранные кластеры, уровень ценности или ценных клиентов под угрозой ухода в "
        "кампанию: случайная контрольная "
        "группа откладывается (ей ничего не отправляют), целевая группа выгружается для вашей "
        "рассылки, а потом покупки обеих групп за окно отклика показывают, что кампания "
        "действительно добавила.",
    ),
    "campaigns.none": (
        "No campaign yet: create one above.",
        "Кампаний пока нет: создайте первую выше.",
    ),
    # creating
    "campaigns.new": ("New campaign", "Новая кампания"),
    "campaigns.source": ("Audience from", "Аудитория"),
    "campaigns.source.pick": ("A kept pick of clusters", "Сохранённый выбор кластеров"),
    "campaigns.source.tier": ("A value tier", "Уровень ценности"),
    "campaigns.source.at_risk": ("Valuable customers at risk", "Ценные клиенты под угрозой"),
    "campaigns.source.wallet": ("High wallet, low share", "Большой кошелёк, малая доля"),
    "campaigns.at_risk_count": (
        "{customers} {customers|customer|customers|customers} at risk as of {date}: among the "
        "top 20% by past value and now less than 50% likely still to be buying (the model of "
        "the Future value page, fitted on the data before the start).",
        "{customers} {customers|клиент|клиента|клиентов} под угрозой на {date}: из верхних 20 % "
        "по прошлой ценности и теперь покупают с вероятностью ниже 50 % (модель страницы "
        "«Будущая ценность», обученная на данных до начала).",
    ),
    "campaigns.no_picks": (
        "No pick of clusters is kept yet. On the Clusters page, pick clusters on the map or in "
        "the table and press “Keep this pick for a campaign” (a download keeps them too). Until then, a "
        "campaign can take a value tier.",
        "Сохранённых выборов кластеров пока нет. На странице «Кластеры» выберите кластеры на "
        "карте или в таблице и нажмите «Сохранить выбор для кампании» (скачивание тоже сохраняет "
        "выбор). А пока кампанию можно построить на уровне ценности.",
    ),
    "campaigns.to_clusters": ("Pick clusters on the Clusters page", "Выбрать кластеры"),
    "campaigns.pick": ("Pick of clusters", "Выбор кластеров"),
    "campaigns.pick_label": (
        "#{pick_id} · run {run_id}: {clusters} · {customers} "
        "{customers|customer|customers|customers}",
        "№{pick_id} · расчёт {run_id}: {clusters} · {customers} "
        "{customers|клиент|клиента|клиентов}",
    ),
    "campaigns.pick_short": ("Pick {pick_id}", "Выбор №{pick_id}"),
    "campaigns.pick_backtest": (
        "These clusters were found on data up to {end}: a campaign starting {start} is a "
        "backtest whose audience was chosen knowing what customers did later, so its uplift "
        "may look better than a real campaign's. For a fair backtest, cluster the period "
        "before the start.",
        "Эти кластеры найдены по данным до {end}: кампания с началом {start} — ретроспектива, "
        "аудиторию которой выбрали, зная, что клиенты делали потом, поэтому её прирост может "
        "выглядеть лучше настоящего. Для честной проверки кластеризуйте период до начала.",
    ),
    "campaigns.pick_audience": ("Pick {pick_id}: {clusters}", "Выбор №{pick_id}: {clusters}"),
    "campaigns.tier": ("Value tier", "Уровень ценности"),
    "campaigns.tier_label": (
        "{tier} · {customers} {customers|customer|customers|customers}",
        "{tier} · {customers} {customers|клиент|клиента|клиентов}",
    ),
    "campaigns.tier_help": (
        "Tiers as ranked on the 12 months before the start ({start} – {end}), with the saved tier "
        "rule: a campaign in the past is drawn as it would have been then.",
        "Уровни по 12 месяцам до начала ({start} – {end}) по сохранённому правилу: кампания в "
        "прошлом собирается так, как её собрали бы тогда.",
    ),
    "campaigns.start": ("Start date", "Дата начала"),
    "campaigns.start_help": (
        "The first day of the campaign. Choose a past date within the data to test a campaign "
        "on history (a backtest).",
        "Первый день кампании. Выберите прошедшую дату в пределах данных, чтобы проверить "
        "кампанию на истории.",
    ),
    "campaigns.name": ("Name", "Название"),
    "campaigns.name_placeholder": (
        "e.g. Spring coupon (empty: the audience and the start date)",
        "например, Весенний купон (пусто: аудитория и дата начала)",
    ),
    "campaigns.window": ("Response window, days", "Окно отклика, дней"),
    "campaigns.control_share": (
        "Control group, % of the audience",
        "Контрольная группа, % аудитории",
    ),
    "campaigns.control_help": (
        "These customers are drawn at random and not contacted; their purchases show what would "
        "have happened anyway. 10% is usual; a larger share measures more precisely.",
        "Эти клиенты выбираются случайно, и им ничего не отправляют; их покупки показывают, что "
        "было бы и без кампании. Обычно 10 %; доля побольше даёт более точную оценку.",
    ),
    "campaigns.cost_per_contact": (
        "Cost per contact, {currency}",
        "Стоимость контакта, {currency}",
    ),
    "campaigns.cost_unknown": ("unknown", "неизвестна"),
    "campaigns.channel": ("Channel", "Канал"),
    "campaigns.offer": ("Offer", "Предложение"),
    "campaigns.default_name": ("{audience}, {start}", "{audience}, {start}"),
    "campaigns.create": ("Create campaign", "Создать кампанию"),
    "campaigns.created": (
        "Campaign {campaign_id} created: its control group is held out.",
        "Кампания {campaign_id} создана, контрольная группа отложена.",
    ),
    # the list
    "campaigns.list": ("Saved campaigns", "Сохранённые кампании"),
    "campaigns.column.campaign_id": ("#", "№"),
    "campaigns.column.name": ("Name", "Название"),
    "campaigns.column.audience": ("Audience", "Аудитория"),
    "campaigns.column.start_date": ("Start", "Начало"),
    "campaigns.column.end_date": ("Window ends", "Конец окна"),
    "campaigns.column.target_customers": ("Target", "Целевая"),
    "campaigns.column.control_customers": ("Control", "Контрольная"),
    "campaigns.column.control_share": ("Control share", "Доля контроля"),
    "campaigns.open": ("Open campaign", "Открыть кампанию"),
    "campaigns.label": ("#{campaign_id} {name} ({start})", "№{campaign_id} {name} ({start})"),
    # one campaign
    "campaigns.about.audience": ("Audience: {audience}", "Аудитория: {audience}"),
    "campaigns.about.window": (
        "window {start} – {end} ({days} {days|day|days|days})",
        "окно {start} – {end} ({days} {days|день|дня|дней})",
    ),
    "campaigns.about.control": (
        "control group {share} (seed {seed})",
        "контрольная группа {share} (зерно {seed})",
    ),
    "campaigns.about.channel": ("channel: {text}", "канал: {text}"),
    "campaigns.about.offer": ("offer: {text}", "предложение: {text}"),
    "campaigns.status.not_started": (
        "The campaign starts on {start} and the data end on {data_end}: nothing to measure yet. "
        "Import the transactions of the window ({start} – {end}) to see the response.",
        "Кампания начинается {start}, а данные заканчиваются {data_end}: измерять пока нечего. "
        "Загрузите транзакции за окно ({start} – {end}), чтобы увидеть отклик.",
    ),
    "campaigns.status.not_over": (
        "The window runs until {end}: the data cover {days} of its {window} {window|day|days|days} "
        "so far, so these figures will still change.",
        "Окно продлится до {end}: пока данные покрывают {days} из {window} "
        "{window|дня|дней|дней}, и цифры ещё изменятся.",
    ),
    "campaigns.status.data_end": (
        "The data end on {data_end}: they cover {days} of the window's {window} "
        "{window|day|days|days}. Import newer transactions for the full window.",
        "Данные заканчиваются {data_end}: они покрывают {days} из {window} "
        "{window|дня|дней|дней} окна. Загрузите более свежие транзакции, чтобы измерить всё окно.",
    ),
    "campaigns.pp": ("{value} pp", "{value} п.\u00a0п."),
    "campaigns.kpi.target_customers": ("Target group", "Целевая группа"),
    "campaigns.kpi.control_customers": ("Control group", "Контрольная группа"),
    "campaigns.kpi.target_rate": ("Target: bought", "Целевая: купили"),
    "campaigns.kpi.control_rate": ("Control: bought", "Контрольная: купили"),
    "campaigns.kpi.responders": (
        "{responders} {responders|customer|customers|customers}",
        "{responders} {responders|клиент|клиента|клиентов}",
    ),
    "campaigns.kpi.uplift": ("Uplift", "Прирост отклика"),
    "campaigns.kpi.ci": ("95% CI {low} to {high}", "95 % ДИ от {low} до {high}"),
    "campaigns.kpi.uplift_help": (
        "Target response rate minus control response rate, in percentage points, with its 95% "
        "confidence interval (normal approximation).",
        "Доля купивших в целевой группе минус доля в контрольной, в процентных пунктах, с 95 % "
        "доверительным интервалом (нормальное приближение).",
    ),
    "campaigns.kpi.incremental_responders": ("Extra buyers", "Дополнительные покупатели"),
    "campaigns.kpi.incremental_revenue": ("Incremental revenue", "Дополнительная выручка"),
    "campaigns.kpi.incremental_revenue_help": (
        "(Revenue per target customer − revenue per control customer) × the target group's size: "
        "what the campaign added, net of returns in the window.",
        "(Выручка на клиента целевой группы − выручка на клиента контрольной) × размер целевой "
        "группы: что добавила кампания, за вычетом возвратов в окне.",
    ),
    "campaigns.kpi.roi": ("ROI", "ROI"),
    "campaigns.kpi.cost": ("contacts cost {cost}", "контакты стоили {cost}"),
    "campaigns.kpi.roi_help": (
        "(Incremental revenue − cost of the contacts) ÷ cost of the contacts. Revenue, not "
        "profit: compare it with your margin.",
        "(Дополнительная выручка − стоимость контактов) ÷ стоимость контактов. Считается по "
        "выручке, а не по прибыли: сравните с вашей маржой.",
    ),
    "campaigns.kpi.roi_unknown": (
        "Give a cost per contact when creating a campaign to see its ROI.",
        "Укажите стоимость контакта при создании кампании, чтобы увидеть ROI.",
    ),
    "campaigns.kpi.chance_ci": (
        "could be chance: 95% CI {low} to {high}",
        "может быть случайностью: 95 % ДИ от {low} до {high}",
    ),
    "campaigns.kpi.chance_help": (
        "Not significant: the uplift could be chance, so this figure could be 0 or even "
        "negative. The range below is its 95% confidence interval.",
        "Не значимо: прирост может быть случайным, поэтому эта цифра может быть нулевой и даже "
        "отрицательной. Ниже указан её 95 % доверительный интервал.",
    ),
    "campaigns.verdict.more": (
        "The target group bought {uplift} more often than the control group (95% CI {low} to "
        "{high}, p = {p}): unlikely to be chance.",
        "Целевая группа покупала на {uplift} чаще контрольной (95 % ДИ от {low} до {high}, "
        "p = {p}): вряд ли это случайность.",
    ),
    "campaigns.verdict.less": (
        "The target group bought {uplift} less often than the control group (95% CI {low} to "
        "{high}, p = {p}): the campaign seems to have put customers off.",
        "Целевая группа покупала на {uplift} реже контрольной (95 % ДИ от {low} до {high}, "
        "p = {p}): похоже, кампания оттолкнула клиентов.",
    ),
    "campaigns.verdict.chance": (
        "Uplift {uplift} (95% CI {low} to {high}, p = {p}): this could be chance. A larger "
        "audience or control group measures more precisely.",
        "Прирост {uplift} (95 % ДИ от {low} до {high}, p = {p}): это может быть случайностью. "
        "Большая аудитория или контрольная группа даёт более точную оценку.",
    ),
    "campaigns.group.target": ("Target", "Целевая"),
    "campaigns.group.control": ("Control", "Контрольная"),
    "campaigns.chart.curve_more": (
        "Target responded {pp} more than control",
        "Целевая откликнулась на {pp} больше контрольной",
    ),
    "campaigns.chart.curve_less": (
        "Target responded {pp} less than control",
        "Целевая откликнулась на {pp} меньше контрольной",
    ),
    "campaigns.chart.curve_chance": (
        "Target and control responded alike ({pp} apart, could be chance)",
        "Целевая и контрольная группы откликнулись одинаково (разница {pp}, может быть случайной)",
    ),
    "campaigns.chart.curve_same": (
        "Target and control responded alike",
        "Целевая и контрольная группы откликнулись одинаково",
    ),
    "campaigns.chart.curve_x": ("Day of the campaign", "День кампании"),
    "campaigns.chart.curve_y": ("Bought at least once", "Купили хотя бы раз"),
    "campaigns.chart.uplift_label": ("Uplift", "Прирост"),
    "campaigns.chart.uplift_above": (
        "Uplift {pp}: the 95% interval lies above zero",
        "Прирост {pp}: 95 % интервал выше нуля",
    ),
    "campaigns.chart.uplift_below": (
        "Uplift {pp}: the 95% interval lies below zero",
        "Прирост {pp}: 95 % интервал ниже нуля",
    ),
    "campaigns.chart.uplift_zero": (
        "Uplift {pp} could be chance: the 95% interval includes zero",
        "Прирост {pp} может быть случайным: 95 % интервал включает ноль",
    ),
    "campaigns.chart.uplift_x": (
        "Bought in the window, with 95% intervals",
        "Купили за окно, с 95 % интервалами",
    ),
    # audience and deleting
    "campaigns.audience": ("Target audience", "Целевая аудитория"),
    "campaigns.audience_help": (
        "The {customers} {customers|customer|customers|customers} to contact ({email} with an "
        "e-mail, {phone} with a phone), with their country. The {control} "
        "{control|customer|customers|customers} of the control group {control|is|are|are} left "
        "out: do not contact them.",
        "Клиентов для контакта: {customers} (с e-mail: {email}, с телефоном: {phone}), со "
        "страной. Клиенты контрольной группы ({control}) в выгрузку не входят: им не "
        "отправляйте.",
    ),
    "campaigns.no_contacts": (
        "None of them has an e-mail or a phone in the customers table: import a customers file "
        "with contacts (Data page) before sending.",
        "Ни у одного из них нет e-mail или телефона в таблице клиентов: перед рассылкой "
        "импортируйте файл клиентов с контактами (страница «Данные»).",
    ),
    "campaigns.delete": ("Delete this campaign", "Удалить эту кампанию"),
    "campaigns.delete_confirm": (
        "Yes, delete “{name}” with its control group",
        "Да, удалить «{name}» вместе с контрольной группой",
    ),
    "campaigns.delete_button": ("Delete campaign", "Удалить кампанию"),
    "campaigns.deleted": ("Campaign {campaign_id} deleted.", "Кампания {campaign_id} удалена."),
}
