"""Labels of the Future value page and of the predictions shown elsewhere (English, Russian)."""

TEXTS = {
    "future.title": ("Future value", "Будущая ценность"),
    "future.intro": (
        "Who will buy again, who is slipping away, and what each customer is worth ahead: a "
        "customer-base model (BG/NBD for repeat purchases and dropout, Gamma-Gamma for spend) "
        "fitted on the whole history up to the end of the period, checked first on the last weeks.",
        "Кто купит снова, кто уходит и сколько каждый клиент принесёт впереди: модель клиентской "
        "базы (BG/NBD для повторных покупок и ухода, Gamma-Gamma для суммы покупки), обученная на "
        "всей истории до конца периода и сначала проверенная на последних неделях.",
    ),
    "future.settings": ("Model settings", "Настройки модели"),
    "future.horizon": ("Horizon, weeks", "Горизонт, недель"),
    "future.horizon_help": (
        "How far ahead purchases and value are predicted.",
        "На сколько недель вперёд предсказываются покупки и ценность.",
    ),
    "future.discount": ("Annual discount rate, %", "Годовая ставка дисконтирования, %"),
    "future.discount_help": (
        "Money later is worth less than money now: future value is discounted at this rate.",
        "Деньги позже стоят меньше, чем сейчас: будущая ценность дисконтируется по этой ставке.",
    ),
    "future.holdout": ("Holdout check, weeks", "Проверка на отложенных, недель"),
    "future.holdout_help": (
        "The model is fitted without these last weeks and its prediction compared with what "
        "customers actually bought in them.",
        "Модель обучается без этих последних недель, и её прогноз сравнивается с тем, что "
        "клиенты в них действительно купили.",
    ),
    "future.as_of": (
        "Predictions as of {date}, from the purchases of {customers} "
        "{customers|customer|customers|customers}.",
        "Прогноз на {date} по покупкам {customers} {customers|клиента|клиентов|клиентов}.",
    ),
    "future.prepared": (
        "Fitted when the data were imported ({date}) and kept until they change.",
        "Модели построены при загрузке данных ({date}) и хранятся, пока данные не изменятся.",
    ),
    "future.fit_sample": (
        "Fitted on a random sample of {sample} of {customers} "
        "{customers|customer|customers|customers}; every customer "
        "checked on the holdout and predicted.",
        "Модели построены на случайной выборке из {sample} из {customers} "
        "{customers|клиента|клиентов|клиентов}; проверка "
        "на отложенных неделях и прогноз — по каждому клиенту.",
    ),
    # the sufficiency check
    "future.failed": (
        "The model cannot be trusted on these data yet, so it shows no numbers:",
        "На этих данных модели пока нельзя доверять, поэтому чисел нет:",
    ),
    "future.fail.lines_elsewhere": (
        "The transaction lines live in the data lake (the Spark engine); this database keeps "
        "only customer-level results, so the model, which learns from every purchase day, "
        "cannot run here.",
        "Строки покупок хранятся в озере данных (движок Spark); в этой базе только итоги по "
        "клиентам, поэтому модель, которая учится на каждом дне покупок, здесь работать не может.",
    ),
    "future.fail.customers": (
        "Only {customers} {customers|customer|customers|customers} bought before "
        "{calibration_end}; the model needs at least "
        "{needed}. Import a longer or fuller purchase history.",
        "До {calibration_end} покупали только {customers} {customers|клиент|клиента|клиентов}; "
        "модели нужно не меньше "
        "{needed}. Загрузите более длинную или полную историю покупок.",
    ),
    "future.fail.repeaters": (
        "Only {repeaters} {repeaters|customer|customers|customers} bought again before "
        "{calibration_end}; the model needs at least {needed} "
        "{needed|repeat buyer|repeat buyers|repeat buyers} to learn how customers come back and drop out. Import a "
        "longer history, or widen the countries, channels or categories.",
        "До {calibration_end} повторно покупали только {repeaters} "
        "{repeaters|клиент|клиента|клиентов}; модели нужно не меньше {needed} "
        "{needed|повторного покупателя|повторных покупателей|повторных покупателей}, чтобы понять, как клиенты возвращаются и уходят. "
        "Загрузите историю подлиннее или расширьте страны, каналы или категории.",
    ),
    "future.fail.history": (
        "The history before {calibration_end} spans {span_weeks} {span_weeks|week|weeks|weeks}, while customers buy "
        "about every {gap_weeks} {gap_weeks|week|weeks|weeks}: the model needs at least {needed_weeks} {needed_weeks|week|weeks|weeks}. Import "
        "older purchases, or shorten the holdout.",
        "История до {calibration_end} охватывает {span_weeks} {span_weeks|неделю|недели|недель}, а клиенты покупают "
        "примерно раз в {gap_weeks} {gap_weeks|неделю|недели|недель}: модели нужно не меньше {needed_weeks} {needed_weeks|недели|недель|недель}. "
        "Загрузите более ранние покупки или сократите проверочный период.",
    ),
    "future.fail.converged": (
        "The {model} model could not be fitted to this data (the optimiser did not converge to "
        "a unique answer). More customers with repeat purchases usually fix it.",
        "Модель {model} не удалось подогнать к этим данным (оптимизация не сошлась к "
        "единственному ответу). Обычно помогает больше клиентов с повторными покупками.",
    ),
    "future.fail.holdout": (
        "Checked on the {weeks} {weeks|week|weeks|weeks} after {calibration_end}, the model expected {predicted} "
        "purchases and there were {actual}: off by {error}, more than the {allowed} allowed. "
        "The data may not follow the model (a change of business, seasonality, a campaign in "
        "the holdout): try another holdout length or a longer history.",
        "На {weeks} {weeks|неделе|неделях|неделях} после {calibration_end} модель ожидала {predicted} покупок, а было "
        "{actual}: ошибка {error}, больше допустимых {allowed}. Данные могут не следовать "
        "модели (бизнес изменился, сезонность, кампания в проверочном периоде): попробуйте "
        "другую длину проверки или более длинную историю.",
    ),
    "future.fail.holdout_empty": (
        "Nobody of the calibration customers bought in the {weeks} {weeks|week|weeks|weeks} after "
        "{calibration_end}, so the model cannot be checked. Import the latest purchases, or "
        "shorten the holdout.",
        "Никто из клиентов периода обучения не покупал за {weeks} {weeks|неделю|недели|недель} после "
        "{calibration_end}, поэтому модель нельзя проверить. Загрузите последние покупки или "
        "сократите проверочный период.",
    ),
    # the holdout check
    "future.validation": ("Is the model right? The holdout check", "Верна ли модель? Проверка"),
    "future.validation_sentence.under": (
        "The model expected {predicted} {predicted|purchase|purchases|purchases} in the last "
        "{weeks} {weeks|week|weeks|weeks}; there were {actual}: it under-predicts by {error}.",
        "Модель ожидала {predicted} {predicted|покупку|покупки|покупок} за последние {weeks} "
        "{weeks|неделю|недели|недель}; было {actual}: она "
        "занижает на {error}.",
    ),
    "future.validation_sentence.over": (
        "The model expected {predicted} {predicted|purchase|purchases|purchases} in the last "
        "{weeks} {weeks|week|weeks|weeks}; there were {actual}: it over-predicts by {error}.",
        "Модель ожидала {predicted} {predicted|покупку|покупки|покупок} за последние {weeks} "
        "{weeks|неделю|недели|недель}; было {actual}: она "
        "завышает на {error}.",
    ),
    "future.validation_title": (
        "Predicted and actual purchases in the last {weeks} {weeks|week|weeks|weeks} agree within {error}",
        "Прогноз и факт покупок за последние {weeks} {weeks|неделю|недели|недель} расходятся не больше чем на {error}",
    ),
    "future.validation_x": (
        "Purchases before the holdout (repeat purchase days)",
        "Покупок до проверки (дней повторных покупок)",
    ),
    "future.validation_y": (
        "Purchases per customer, holdout",
        "Покупок на клиента, проверка",
    ),
    "future.series.actual": ("Actual", "Факт"),
    "future.series.predicted": ("Predicted", "Прогноз"),
    # probability alive
    "future.alive": ("Who is still buying?", "Кто ещё покупает?"),
    "future.alive_title": (
        "{tier} slips away most: half its customers are under {median} likely still to be buying",
        "{tier} уходит сильнее всех: половина клиентов покупает с вероятностью ниже {median}",
    ),
    "future.alive_x": ("Probability of still being a customer, %", "Вероятность быть клиентом, %"),
    "future.alive_y": ("Share of the tier's customers, %", "Доля клиентов уровня, %"),
    "future.alive_caption": (
        "Median probability alive: {medians}. A customer who has bought only once counts as "
        "alive in this model (BG/NBD lets a customer drop out only after a purchase), so the "
        "risk shows among those who bought again and then stopped.",
        "Медианная вероятность быть клиентом: {medians}. Клиент с единственной покупкой в этой "
        "модели считается активным (в BG/NBD клиент может уйти только после покупки), поэтому "
        "риск виден среди тех, кто покупал повторно, а потом перестал.",
    ),
    # the pyramid ahead
    "future.ahead": ("The pyramid ahead", "Пирамида впереди"),
    "future.ahead_title": (
        "{tier} brings {now} of this period's profit and is expected to bring {ahead} of the "
        "next {weeks} {weeks|week's|weeks'|weeks'} value",
        "{tier} приносит {now} прибыли периода и, по прогнозу, {ahead} ценности следующих "
        "{weeks} {weeks|недели|недель|недель}",
    ),
    "future.ahead_y": ("Share of the total, %", "Доля от итога, %"),
    "future.series.now": ("This period's profit", "Прибыль периода"),
    "future.series.ahead": (
        "Predicted value, next {weeks} {weeks|week|weeks|weeks}",
        "Прогноз ценности, {weeks} нед.",
    ),
    "future.ahead_caption": (
        "Tiers of the period {start} – {end} by revenue; predicted value is the discounted "
        "profit expected over the next {weeks} {weeks|week|weeks|weeks}: {value} in all ({low} – {high}).",
        "Уровни периода {start} – {end} по выручке; прогноз ценности — дисконтированная "
        "прибыль, ожидаемая за следующие {weeks} {weeks|неделю|недели|недель}: всего {value} ({low} – {high}).",
    ),
    # at risk
    "future.at_risk": ("Valuable customers at risk", "Ценные клиенты под угрозой"),
    "future.at_risk_caption": (
        "{customers} {customers|customer|customers|customers} among the top 20% by past value who are now "
        "less than 50% likely still to be buying, most valuable first.",
        "{customers} {customers|клиент|клиента|клиентов} из верхних 20 % по прошлой ценности, которые теперь "
        "покупают с вероятностью ниже 50 %; самые ценные сверху.",
    ),
    "future.at_risk_none": (
        "No valuable customer is at risk: every customer among the top 20% by past value is "
        "more likely than not still buying.",
        "Ценных клиентов под угрозой нет: каждый из верхних 20 % по прошлой ценности скорее "
        "всего ещё покупает.",
    ),
    "future.to_campaign": ("Make them a campaign audience", "Сделать их аудиторией кампании"),
    "future.column.customer_id": ("Customer", "Клиент"),
    "future.column.name": ("Name", "Имя"),
    "future.column.past_value": ("Past profit", "Прошлая прибыль"),
    "future.column.past_revenue": ("Past revenue", "Прошлая выручка"),
    "future.column.frequency": ("Repeat purchases", "Повторных покупок"),
    "future.column.weeks_since": ("Weeks since last purchase", "Недель с последней покупки"),
    "future.column.age_weeks": ("Customer for, weeks", "Клиент, недель"),
    "future.column.p_alive": ("Probability alive", "Вероятность быть клиентом"),
    "future.column.expected_purchases": ("Expected purchases", "Ожидаемые покупки"),
    "future.column.predicted_value": ("Predicted value", "Прогноз ценности"),
    # the model
    "future.model": ("The model", "Модель"),
    "future.model_text": (
        "Repeat purchases and dropout (BG/NBD): r = {r}, α = {alpha}, a = {a}, b = {b}, "
        "log-likelihood {ll}. Spend per purchase (Gamma-Gamma, {spenders} "
        "{spenders|customer|customers|customers} with repeat purchases): p = {p}, q = {q}, γ = {gamma}. Time in weeks; several purchases on one day "
        "are one; returns are not purchases.",
        "Повторные покупки и уход (BG/NBD): r = {r}, α = {alpha}, a = {a}, b = {b}, "
        "логарифм правдоподобия {ll}. Сумма покупки (Gamma-Gamma, {spenders} {spenders|клиента|клиентов|клиентов} с "
        "повторными покупками): p = {p}, q = {q}, γ = {gamma}. Время в неделях; несколько "
        "покупок за день — одна; возвраты — не покупки.",
    ),
    "future.method": (
        "Intervals: {level} intervals from {draws} draws of the parameters from the estimates' "
        "covariance (the inverse Hessian at the optimum), each recomputed.",
        "Интервалы {level}: по {draws} выборкам параметров из ковариации оценок "
        "(обратный гессиан в оптимуме), каждая пересчитана.",
    ),
    # elsewhere: the profile, the Overview, the report
    "future.profile": (
        "Ahead (next {weeks} {weeks|week|weeks|weeks})",
        "Впереди (следующие {weeks} {weeks|неделю|недели|недель})",
    ),
    "future.profile.p_alive": ("Probability alive", "Вероятность быть клиентом"),
    "future.profile.expected_purchases": ("Expected purchases", "Ожидаемые покупки"),
    "future.profile.predicted_value": ("Predicted value", "Прогноз ценности"),
    "future.interval": ("80%: {low} – {high}", "80 %: {low} – {high}"),
    "future.profile_none": (
        "No prediction: {reason}",
        "Прогноза нет: {reason}",
    ),
    "future.profile_unknown": (
        "This customer bought nothing up to the end of the period, so the model has nothing to "
        "go on.",
        "Этот клиент ничего не покупал до конца периода, модели не на что опереться.",
    ),
    "future.overview_metric": ("Predicted revenue, next 12 months", "Прогноз выручки на 12 мес."),
    "future.overview_help": (
        "From the customer-base model of the Future value page as of {date}, discounted at "
        "{rate} a year; {level} interval {low} – {high}.",
        "По модели клиентской базы страницы «Будущая ценность» на {date}, с дисконтированием "
        "{rate} в год; интервал {level}: {low} – {high}.",
    ),
    "future.year_ahead": (
        "Predicted revenue for the next 12 months: {value} ({level} interval {low} – {high}), "
        "discounted at {rate} a year, from the customer-base model as of {date}.",
        "Прогноз выручки на следующие 12 месяцев: {value} (интервал {level}: {low} – {high}), "
        "с дисконтированием {rate} в год, по модели клиентской базы на {date}.",
    ),
    "future.year_ahead_omitted": (
        "Predicted revenue for the next 12 months is not shown: {reason}",
        "Прогноз выручки на 12 месяцев не показан: {reason}",
    ),
    "future.report_header": ("The next 12 months", "Следующие 12 месяцев"),
}
