"""Labels of the Customer pyramid page: tiers, the whale curve, migration, RFM, the cost model."""

TEXTS = {
    "pyramid.title": ("Customer pyramid", "Пирамида клиентов"),
    "pyramid.caption": (
        "Customers ranked by {measure} and cut into tiers; those with no purchase in the period "
        "are inactive and shown apart. Costs follow the cost model below.",
        "Клиенты ранжированы по показателю «{measure}» и разбиты на уровни; клиенты без покупок "
        "в периоде — неактивные, они показаны отдельно. Затраты — по модели затрат ниже.",
    ),
    "pyramid.by": ("Rank customers by", "Ранжировать клиентов по"),
    "pyramid.measure.revenue": ("revenue", "выручка"),
    "pyramid.measure.profit": ("profit", "прибыль"),
    "pyramid.measure.predicted_value": ("predicted value", "прогноз ценности"),
    "pyramid.by_predicted": (
        "Predicted value: the discounted profit each customer is expected to bring in the next "
        "52 weeks (the model of the Future value page). Tier migration compares past periods, "
        "so it stays ranked by revenue.",
        "Прогноз ценности: дисконтированная прибыль, которую клиент, по прогнозу, принесёт за "
        "следующие 52 недели (модель страницы «Будущая ценность»). Миграция между уровнями "
        "сравнивает прошлые периоды, поэтому там ранжирование по выручке.",
    ),
    "pyramid.mode": ("Cut tiers by", "Границы уровней"),
    "pyramid.mode.customers": ("share of customers", "по доле клиентов"),
    "pyramid.mode.cumulative": (
        "cumulative share of the measure",
        "по накопленной доле показателя",
    ),
    "pyramid.tier_size": ("Tier {tier}, %", "Уровень {tier}, %"),
    "pyramid.tier_size_help": (
        "Share of customers (or of the measure) in this tier; tier 4 gets the rest.",
        "Доля клиентов (или показателя) на этом уровне; уровню 4 достаётся остаток.",
    ),
    "pyramid.rest": ("Tier 4 gets the remaining {share}.", "Уровню 4 остаётся {share}."),
    "pyramid.reset": ("Texts' default", "По умолчанию (из текстов)"),
    "pyramid.save_rule": ("Use on every page", "Применить на всех страницах"),
    "pyramid.rule_saved": (
        "Tier rule saved: the Overview, clusters and the command line use it now.",
        "Правило уровней сохранено: его используют Обзор, кластеры и командная строка.",
    ),
    "pyramid.filter.country": ("Country", "Страна"),
    "pyramid.filter.channel": ("Channel", "Канал"),
    "pyramid.filter.category": ("Category", "Категория"),
    "pyramid.tier": ("Tier {tier}", "Уровень {tier}"),
    "pyramid.tier.inactive": ("Inactive", "Неактивные"),
    "pyramid.inactive": (
        "{customers} {customers|customer|customers|customers} made no purchase in the period "
        "(inactive, not in the tiers).",
        "{customers} {customers|клиент|клиента|клиентов} без покупок в периоде (неактивные, вне уровней).",
    ),
    "pyramid.nobody": (
        "Nobody bought in this period: widen the date range or the filters.",
        "В этом периоде никто не покупал: расширьте период или фильтры.",
    ),
    "pyramid.story": (
        "The top {customers} of customers bring {revenue} of revenue and {profit} of profit",
        "Верхние {customers} клиентов дают {revenue} выручки и {profit} прибыли",
    ),
    "pyramid.story_over": (
        "The top {customers} of customers bring {revenue} of revenue and {profit} of profit: "
        "the other tiers lose money",
        "Верхние {customers} клиентов дают {revenue} выручки и "
        "{profit} прибыли: остальные уровни убыточны",
    ),
    "pyramid.pyramid_title": (
        "Tiers 1–2 are {customers} of customers",
        "Уровни 1–2 — это {customers} клиентов",
    ),
    "pyramid.pyramid_text.revenue": ("{share}<br>of revenue", "{share}<br>выручки"),
    "pyramid.pyramid_text.profit": ("{share}<br>of profit", "{share}<br>прибыли"),
    "pyramid.pyramid_text.predicted_value": (
        "{share}<br>of predicted value",
        "{share}<br>прогноза ценности",
    ),
    "pyramid.share.customers": ("Customers", "Клиенты"),
    "pyramid.share.revenue": ("Revenue", "Выручка"),
    "pyramid.share.cost_to_serve": ("Cost<br>to serve", "Затраты на<br>обслуживание"),
    "pyramid.share.profit": ("Profit", "Прибыль"),
    "pyramid.share_axis": ("Share of the tiered total, %", "Доля от итога по уровням, %"),
    "pyramid.tier_axis": ("Tier", "Уровень"),
    "pyramid.compare": ("Compare with the texts' figures", "Сравнить с цифрами из текстов"),
    "pyramid.reference": ("{tier} in the texts", "{tier} в текстах"),
    "pyramid.tiers_1_2": ("Tiers 1–2", "Уровни 1–2"),
    "pyramid.cost_title": (
        "Serving tier {tier} costs {ratio} of its revenue ({cost} per customer)",
        "Обслуживание уровня {tier} съедает {ratio} его выручки ({cost} на клиента)",
    ),
    "pyramid.cost_axis": (
        "Cost to serve per customer, {currency}",
        "Затраты на обслуживание клиента, {currency}",
    ),
    "pyramid.component.order_cost": ("Orders", "Заказы"),
    "pyramid.component.return_cost": ("Returns", "Возвраты"),
    "pyramid.component.service_cost": ("Service contacts", "Обращения"),
    "pyramid.component.complaint_cost": ("Complaints", "Жалобы"),
    "pyramid.component.marketing_cost": ("Marketing", "Маркетинг"),
    "pyramid.strategies": ("What to do with each tier", "Что делать с каждым уровнем"),
    "pyramid.strategy.top": (
        "Keep and deepen: better service, loyalty, closer relationships.",
        "Удерживать и углублять отношения: лучший сервис, лояльность, близкие отношения.",
    ),
    "pyramid.strategy.3": (
        "Cut the cost of serving them, or in some cases let them go.",
        "Снизить затраты на обслуживание или в отдельных случаях отказаться от них.",
    ),
    "pyramid.strategy.4": (
        "Raise their volume: larger baskets, a wider range bought.",
        "Увеличить объём: больше чек, шире ассортимент покупок.",
    ),
    "pyramid.strategy_numbers": (
        "{customers} {customers|customer|customers|customers} · revenue {revenue} · profit "
        "{profit} · cost to serve {serve}",
        "{customers} {customers|клиент|клиента|клиентов} · выручка {revenue} · прибыль {profit} · обслуживание {serve}",
    ),
    "pyramid.drill": ("Customers of a tier", "Клиенты уровня"),
    "pyramid.drill_tier": ("Tier to list", "Уровень"),
    "pyramid.drill_count": (
        "{customers} {customers|customer|customers|customers}, best first.",
        "{customers} {customers|клиент|клиента|клиентов}, лучшие сверху.",
    ),
    "pyramid.drill_shown": (
        "The table shows the first {shown}; the downloads hold them all.",
        "В таблице первые {shown}; в файлах для скачивания — все.",
    ),
    "pyramid.col.customer_id": ("Customer", "Клиент"),
    "pyramid.col.position": ("Rank", "Место"),
    "pyramid.col.revenue": ("Revenue", "Выручка"),
    "pyramid.col.product_cost": ("Product cost", "Себестоимость"),
    "pyramid.col.cost_to_serve": ("Cost to serve", "Обслуживание"),
    "pyramid.col.profit": ("Profit", "Прибыль"),
    "pyramid.col.orders": ("Orders", "Заказы"),
    "pyramid.col.returns": ("Returns", "Возвраты"),
    "pyramid.col.avg_order_value": ("Average order", "Средний заказ"),
    "pyramid.col.last_purchase_at": ("Last purchase", "Последняя покупка"),
    "pyramid.col.recency_days": ("Days since last purchase", "Дней с последней покупки"),
    "pyramid.col.service_contacts": ("Service contacts", "Обращения"),
    "pyramid.col.complaints": ("Complaints", "Жалобы"),
    "pyramid.col.lifetime_value": ("Lifetime value", "Ценность за всё время"),
    "pyramid.col.predicted_value": ("Predicted value", "Прогноз ценности"),
    "pyramid.whale": ("The whale curve", "Кривая «кита»"),
    "pyramid.whale_title": (
        "The top {customers} of customers earn {profit} of profit; the last {tail} lose {loss}",
        "Лучшие {customers} клиентов приносят {profit} прибыли; последние {tail} теряют {loss}",
    ),
    "pyramid.whale_title_small_tail": (
        "Nearly every customer adds profit: the {tail} of customers who lose money cost under 1% "
        "of it",
        "Почти все клиенты приносят прибыль: убыточные {tail} клиентов отнимают меньше 1 % её",
    ),
    "pyramid.whale_title_flat": (
        "Every customer adds profit: the curve has no loss-making tail",
        "Каждый клиент прибылен: у кривой нет убыточного хвоста",
    ),
    "pyramid.whale_title_loss": (
        "The customers lose {loss} in all; the best {customers} earn {peak}",
        "В сумме клиенты убыточны ({loss}); лучшие {customers} приносят {peak}",
    ),
    "pyramid.whale_x": (
        "Customers ranked by profit, % of customers",
        "Клиенты по убыванию прибыли, % клиентов",
    ),
    "pyramid.whale_y": ("Cumulative profit, % of total", "Накопленная прибыль, % от итога"),
    "pyramid.whale_y_money": ("Cumulative profit, {currency}", "Накопленная прибыль, {currency}"),
    "pyramid.whale_peak": ("Peak", "Пик"),
    "pyramid.migration": ("Tier migration", "Переходы между уровнями"),
    "pyramid.migration_periods": (
        "From {before_start} – {before_end} to {after_start} – {after_end}",
        "С {before_start} – {before_end} на {after_start} – {after_end}",
    ),
    "pyramid.migration_no_before": (
        "No earlier data to compare with: the period before, {before_start} – {before_end}, "
        "ends before the data begin on {first}. Pick a shorter period (for example the last 12 "
        "months) to see how customers moved between tiers.",
        "Сравнивать не с чем: предыдущий период, {before_start} – {before_end}, кончается "
        "раньше, чем начинаются данные ({first}). Выберите период короче (например, последние "
        "12 месяцев), чтобы увидеть переходы клиентов между уровнями.",
    ),
    "pyramid.migration_empty_before": (
        "No earlier data to compare with: nobody bought in the period before, {before_start} – "
        "{before_end} (the first purchase in this view is on {first}). Pick a later or shorter "
        "period to see how customers moved between tiers.",
        "Сравнивать не с чем: в предыдущем периоде, {before_start} – {before_end}, покупок нет "
        "(первая покупка в этой выборке — {first}). Выберите период позже или короче, чтобы "
        "увидеть переходы клиентов между уровнями.",
    ),
    "pyramid.migration_partial": (
        "The data cover only {share} of the period before ({covered} of {days} "
        "{days|day|days|days}: they begin on {first}), so its tiers rest on fewer purchases than "
        "this period's. Read the moves with care: more customers look inactive before and seem to "
        "rise.",
        "Данные покрывают лишь {share} предыдущего периода ({covered} из {days} "
        "{days|дня|дней|дней}: они начинаются {first}), поэтому его уровни построены на меньшем "
        "числе покупок, чем уровни этого периода. Читайте переходы осторожно: больше клиентов "
        "кажутся неактивными до и будто поднимаются.",
    ),
    "pyramid.migration_title": (
        "{stayed} of tier 1–2 customers stayed in tiers 1–2",
        "{stayed} клиентов уровней 1–2 остались в них",
    ),
    "pyramid.migration_before": ("Tier before", "Уровень до"),
    "pyramid.migration_after": ("Tier after", "Уровень после"),
    "pyramid.sankey_title": (
        "{fell} {fell|customer|customers|customers} fell out of tiers 1–2, {rose} rose into them",
        "{fell} {fell|клиент выпал|клиента выпали|клиентов выпали} из уровней 1–2, "
        "{rose} {rose|поднялся|поднялись|поднялись} в них",
    ),
    "pyramid.fallen": ("Customers who fell out of tiers 1–2", "Клиенты, выпавшие из уровней 1–2"),
    "pyramid.fallen_none": ("Nobody fell out of tiers 1–2.", "Никто не выпал из уровней 1–2."),
    "pyramid.col.tier_before": ("Tier before", "Уровень до"),
    "pyramid.col.tier_after": ("Tier after", "Уровень после"),
    "pyramid.col.revenue_before": ("Revenue before", "Выручка до"),
    "pyramid.col.revenue_after": ("Revenue after", "Выручка после"),
    "pyramid.rfm": ("RFM segments", "RFM-сегменты"),
    "pyramid.rfm_caption": (
        "Recency, frequency and monetary scores 1–5 by quintile among buying customers. A "
        "customer gets the first segment whose R and F ranges hold their scores; edit the rules "
        "and save.",
        "Оценки давности, частоты и суммы покупок от 1 до 5 по квинтилям среди покупателей. "
        "Клиент попадает в первый сегмент, чьи диапазоны R и F содержат его оценки; правила "
        "можно изменить и сохранить.",
    ),
    "pyramid.rfm_save": ("Save segment rules", "Сохранить правила сегментов"),
    "pyramid.rfm_saved": ("Segment rules saved.", "Правила сегментов сохранены."),
    "pyramid.col.segment": ("Segment", "Сегмент"),
    "pyramid.col.customers": ("Customers", "Клиенты"),
    "pyramid.col.share_customers": ("Share of customers", "Доля клиентов"),
    "pyramid.col.frequency": ("Orders (mean)", "Заказов (в среднем)"),
    "pyramid.col.name": ("Segment", "Сегмент"),
    "pyramid.col.r_min": ("R from", "R от"),
    "pyramid.col.r_max": ("R to", "R до"),
    "pyramid.col.f_min": ("F from", "F от"),
    "pyramid.col.f_max": ("F to", "F до"),
    "pyramid.segment.champions": ("Champions", "Чемпионы"),
    "pyramid.segment.loyal": ("Loyal", "Лояльные"),
    "pyramid.segment.potential_loyalists": ("Potential loyalists", "Потенциально лояльные"),
    "pyramid.segment.new": ("New", "Новые"),
    "pyramid.segment.promising": ("Promising", "Перспективные"),
    "pyramid.segment.need_attention": ("Need attention", "Требуют внимания"),
    "pyramid.segment.about_to_sleep": ("About to sleep", "Засыпающие"),
    "pyramid.segment.cant_lose": ("Can't lose", "Нельзя потерять"),
    "pyramid.segment.at_risk": ("At risk", "Под угрозой"),
    "pyramid.segment.hibernating": ("Hibernating", "Спящие"),
    "pyramid.segment.other": ("Other", "Прочие"),
    "pyramid.cost_model": ("Cost model", "Модель затрат"),
    "pyramid.cost_model_caption": (
        "Product cost comes from the cost column; where a line has none, from the margin. Each "
        "order, return, service contact and complaint costs the rate below; marketing is counted "
        "once per buying customer.",
        "Себестоимость берётся из столбца затрат, а где его нет — по марже. Каждый заказ, "
        "возврат, обращение и жалоба стоят по ставке ниже; маркетинг считается один раз на "
        "покупателя.",
    ),
    "pyramid.cm.default_margin": (
        "Margin where cost is unknown, %",
        "Маржа, где затраты неизвестны, %",
    ),
    "pyramid.cm.cost_per_order": ("Cost per order", "Затраты на заказ"),
    "pyramid.cm.cost_per_return": ("Cost per return", "Затраты на возврат"),
    "pyramid.cm.cost_per_contact": ("Cost per service contact", "Затраты на обращение"),
    "pyramid.cm.use_contact_cost": (
        "Use a contact's own cost when known",
        "Брать собственную стоимость обращения, если известна",
    ),
    "pyramid.cm.cost_per_complaint": ("Cost per complaint handled", "Затраты на обработку жалобы"),
    "pyramid.cm.marketing_per_customer": ("Marketing per customer", "Маркетинг на клиента"),
    "pyramid.cm.category_margins": ("Margins by category, %", "Маржа по категориям, %"),
    "pyramid.cm.category": ("Category", "Категория"),
    "pyramid.cm.margin": ("Margin, %", "Маржа, %"),
    "pyramid.cm.save": ("Save cost model", "Сохранить модель затрат"),
    "pyramid.cm.saved": (
        "Cost model saved: every page now uses it.",
        "Модель затрат сохранена: её используют все страницы.",
    ),
}
