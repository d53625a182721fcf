"""Messages of analyses and storage that a user can meet on a page (English, Russian).

Each English text is the message the command line prints (``str(e)``); the keys are given to the
errors where they are raised (``AnalysisError(..., key="errors.…", **values)``).
"""

TEXTS = {
    # clustering: features
    "errors.unknown_feature": (
        "Unknown feature {unknown}: choose from {known}.",
        "Неизвестный признак {unknown}: выберите из {known}.",
    ),
    "errors.two_features": (
        "Choose at least two features: clusters need something to differ in.",
        "Выберите хотя бы два признака: кластерам нужно чем-то различаться.",
    ),
    "errors.features_failed": (
        "Cannot compute the customer features: {error}",
        "Не удалось рассчитать признаки клиентов: {error}",
    ),
    "errors.no_buyers": (
        "No customer bought anything in this period: widen the period or import transactions.",
        "В этом периоде никто из клиентов ничего не купил: расширьте период или загрузите "
        "транзакции.",
    ),
    "errors.two_differing_features": (
        "Choose at least two features that differ between customers.",
        "Выберите хотя бы два признака, по которым клиенты различаются.",
    ),
    "errors.feature_empty": (
        "The feature {feature} has no value for any customer: untick it "
        "(NPS needs feedback with scale nps_0_10).",
        "У признака «{feature}» нет значения ни у одного клиента: снимите с него отметку "
        "(для NPS нужны отзывы со шкалой nps_0_10).",
    ),
    "errors.feature_missing": (
        "The feature {feature} is missing for {missing} of {customers} "
        "{customers|customer|customers|customers}: untick it, or choose to fill missing values "
        "with the median.",
        "Признак «{feature}» не известен для {missing} из {customers} {customers|клиента|клиентов|клиентов}: снимите с него "
        "отметку или включите заполнение пропусков медианой.",
    ),
    "errors.feature_constant": (
        "The feature {feature} is the same ({value}) for every customer, so it "
        "cannot separate clusters: untick it (the data may have no such column, e.g. "
        "no categories).",
        "Признак «{feature}» одинаков у всех клиентов ({value}) и потому не может разделить "
        "кластеры: снимите с него отметку (возможно, в данных нет такого столбца, например "
        "категорий).",
    ),
    # clustering: the number of clusters
    "errors.k_out_of_range": (
        "Choose between {k_min} and {k_max} {k_max|cluster|clusters|clusters} (not {k}).",
        "Выберите число кластеров от {k_min} до {k_max} (а не {k}).",
    ),
    "errors.too_few_customers": (
        "Only {customers} {customers|customer|customers|customers} bought in this period; {k} "
        "{k|cluster needs|clusters need|clusters need} at least {needed}. Choose fewer clusters or "
        "widen the period.",
        "Клиентов с покупками в этом периоде: {customers}, а для {k} "
        "{k|кластера|кластеров|кластеров} нужно не меньше {needed}. Выберите меньше кластеров или "
        "расширьте период.",
    ),
    "errors.no_k_separates": (
        "No number of clusters separates these customers: try other features.",
        "Ни при каком числе кластеров эти клиенты не разделяются: попробуйте другие признаки.",
    ),
    "errors.too_few_groups": (
        "These customers form only {found} distinct {found|group|groups|groups} on the chosen "
        "features: choose at most {found} {found|cluster|clusters|clusters}, or add features that "
        "tell them apart.",
        "По выбранным признакам различимых групп среди этих клиентов только {found}: выберите "
        "число кластеров не больше {found} или добавьте признаки, которые их различают.",
    ),
    # clustering: runs and picks
    "errors.no_run": (
        "There is no saved run {run_id}: list the runs and pick one of them.",
        "Сохранённого расчёта {run_id} нет: откройте список расчётов и выберите один из них.",
    ),
    "errors.model_missing": (
        "The model file of run {run_id} is missing ({path}): run it again.",
        "Файл модели расчёта {run_id} не найден ({path}): запустите расчёт заново.",
    ),
    "errors.pick_empty": (
        "Pick at least one cluster first (click the map or tick a row).",
        "Сначала выберите хотя бы один кластер (щёлкните по карте или отметьте строку).",
    ),
    "errors.no_pick": (
        "There is no kept pick {pick_id}: pick clusters on the Clusters page.",
        "Сохранённого выбора {pick_id} нет: выберите кластеры на странице «Кластеры».",
    ),
    # campaigns
    "errors.campaign_source": (
        "Choose the audience: either a kept pick of clusters or a value tier.",
        "Выберите аудиторию: сохранённый выбор кластеров или уровень ценности.",
    ),
    "errors.campaign_share": (
        "The control share must be above 0% and at most 50% (not {share}): without a control "
        "group the response cannot be measured.",
        "Доля контрольной группы должна быть больше 0 % и не больше 50 % (а не {share}): без "
        "контрольной группы отклик не измерить.",
    ),
    "errors.campaign_window": (
        "The response window must be 1 to {max_days} {max_days|day|days|days} (not {days}).",
        "Окно отклика должно быть от 1 до {max_days} {max_days|дня|дней|дней} (а не {days}).",
    ),
    "errors.campaign_cost": (
        "The cost per contact cannot be negative ({cost}): leave it empty when it is not known.",
        "Стоимость контакта не может быть отрицательной ({cost}): оставьте поле пустым, если она "
        "неизвестна.",
    ),
    "errors.campaign_empty": (
        "The audience is empty: no customer is in this pick or tier (for a tier, in the 12 "
        "months before the start). Choose another audience or another start date.",
        "Аудитория пуста: в этом выборе или уровне нет ни одного клиента (для уровня — за 12 "
        "месяцев до начала). Выберите другую аудиторию или другую дату начала.",
    ),
    "errors.campaign_too_small": (
        "The audience has only {customers} {customers|customer|customers|customers}: with a "
        "control share of {share} a control group and a target group need at least {needed}. "
        "Choose a larger audience or a larger control share.",
        "В аудитории всего {customers} {customers|клиент|клиента|клиентов}: при доле контроля "
        "{share} для контрольной и целевой групп нужно не меньше {needed}. Выберите аудиторию "
        "побольше или долю контроля побольше.",
    ),
    "errors.campaign_exists": (
        'Campaign #{campaign_id} "{name}" already has this audience, start date and window: '
        "open it from the list, or give the new campaign another name or start date.",
        "Кампания №{campaign_id} «{name}» с этой аудиторией, датой начала и окном уже есть: "
        "откройте её в списке или дайте новой кампании другое название или дату начала.",
    ),
    "errors.no_campaign": (
        "There is no campaign {campaign_id}: list the campaigns and pick one of them.",
        "Кампании {campaign_id} нет: откройте список кампаний и выберите одну из них.",
    ),
    "errors.runs_disjoint": (
        "Runs {run_a} and {run_b} share no customers: nothing to compare.",
        "У расчётов {run_a} и {run_b} нет общих клиентов: сравнивать нечего.",
    ),
    # loyalty ladder and cohorts
    "errors.unknown_ladder_rules": (
        "Unknown ladder rules {unknown}: use {known}.",
        "Неизвестные правила лестницы лояльности {unknown}: допустимы {known}.",
    ),
    "errors.rule_not_whole": (
        "The ladder rule {rule} must be a whole number, not {value}.",
        "Правило «{rule}» должно быть целым числом, а не {value}.",
    ),
    "errors.rule_out_of_range": (
        "The ladder rule {rule} must be between {low} and {high}.",
        "Правило «{rule}» должно быть в пределах от {low} до {high}.",
    ),
    "errors.devoted_window": (
        "Devoted customers cannot buy in more months than the window has: make the window "
        "at least as long as the number of months with a purchase.",
        "Преданные клиенты не могут покупать в большем числе месяцев, чем длится окно: сделайте "
        "окно не короче числа месяцев с покупками.",
    ),
    "errors.no_purchases": (
        "There are no purchases yet: import transactions or load the demo.",
        "Покупок пока нет: загрузите транзакции или демо-данные.",
    ),
    "errors.ladder_dates": (
        "Pick a first date before the second one to compare the ladder.",
        "Чтобы сравнить лестницу, выберите первую дату раньше второй.",
    ),
    "errors.no_cohorts": ("Show at least one cohort.", "Покажите хотя бы одну когорту."),
    # feedback
    "errors.unknown_frequency": (
        "Unknown period {freq}: choose 'month' or 'week'.",
        "Неизвестный период {freq}: выберите «month» (месяц) или «week» (неделя).",
    ),
    "errors.no_cluster_run": (
        "No clustering run is saved yet: run one on the Clusters page.",
        "Сохранённых кластеризаций пока нет: запустите расчёт на странице «Кластеры».",
    ),
    "errors.unknown_split": (
        "Unknown split {split}: choose tier, cluster or channel.",
        "Неизвестная разбивка {split}: выберите tier (уровень), cluster (кластер) или channel "
        "(канал).",
    ),
    "errors.unknown_score": (
        "Unknown score {score}: choose information_score or cooperation_score.",
        "Неизвестная оценка {score}: выберите information_score (информационный потенциал) "
        "или cooperation_score (потенциал сотрудничества).",
    ),
    "errors.share_not_number": (
        "The share who complain must be a number such as 0.04 (4%).",
        "Доля жалующихся должна быть числом, например 0,04 (4\u00a0%).",
    ),
    "errors.share_out_of_range": (
        "The share who complain must be above 0% and at most 100%, not {share}: the texts give 4%.",
        "Доля жалующихся должна быть больше 0\u00a0% и не больше 100\u00a0%, а не {share}: "
        "в текстах — 4\u00a0%.",
    ),
    "errors.no_words": (
        "The feedback texts hold no words to analyse (only numbers, very short words or "
        "common words): widen the date range or import feedback with text.",
        "В текстах отзывов нет слов для анализа (только числа, очень короткие или общеупотребительные "
        "слова): расширьте период или загрузите отзывы с текстом.",
    ),
    "errors.terms_count": (
        "Ask for at least one term per group.",
        "Запросите хотя бы одно слово на группу.",
    ),
    "errors.texts_columns": (
        "The texts lack the columns {columns}.",
        "В текстах не хватает столбцов {columns}.",
    ),
    # pyramid, migration, RFM
    "errors.unknown_tier_rule": (
        "Unknown tier rule {mode}: use 'customers' or 'cumulative'.",
        "Неизвестное правило уровней {mode}: используйте «customers» (по доле клиентов) или "
        "«cumulative» (по накопленной доле показателя).",
    ),
    "errors.tier_cuts": (
        "Tier boundaries must grow from tier 1 to tier 3 and stay between 0% and 100% "
        "(got {cuts}): make each tier's share positive.",
        "Границы уровней должны расти от уровня 1 к уровню 3 и лежать между 0\u00a0% и "
        "100\u00a0% (сейчас {cuts}): сделайте долю каждого уровня больше нуля.",
    ),
    "errors.unknown_measure": (
        "Cannot rank customers by {by}: choose revenue, profit or predicted value.",
        "Ранжировать клиентов по показателю {by} нельзя: выберите выручку (revenue), прибыль "
        "(profit) или прогноз ценности (predicted_value).",
    ),
    "errors.campaign_at_risk_refused": (
        "The model of future value cannot be trusted on the data before {start}, so it names no "
        "customers at risk: {reasons}",
        "Модели будущей ценности нельзя доверять на данных до {start}, поэтому клиентов под "
        "угрозой она не называет: {reasons}",
    ),
    "errors.forecast_refused": (
        "The forecast is not shown, so customers cannot be ranked by predicted value: {reasons}",
        "Прогноз не показан, поэтому ранжировать клиентов по прогнозу ценности нельзя: {reasons}",
    ),
    "errors.measure_needs_forecast": (
        "Ranking by predicted value needs the forecast: open the Future value page, or rank by "
        "revenue or profit.",
        "Для ранжирования по прогнозу ценности нужен прогноз: откройте страницу «Будущая "
        "ценность» или ранжируйте по выручке или прибыли.",
    ),
    "errors.unknown_tier": (
        "Unknown tier {tier}: choose 1, 2, 3, 4 or inactive.",
        "Неизвестный уровень {tier}: выберите 1, 2, 3, 4 или inactive (неактивные).",
    ),
    "errors.total_not_positive": (
        "The total of the measure is not positive, so a cumulative share means nothing: cut the "
        "tiers by share of customers.",
        "Итог показателя не больше нуля, поэтому накопленная доля не имеет смысла: задайте "
        "границы уровней по доле клиентов.",
    ),
    "errors.same_periods": (
        "The two periods are the same: pick an earlier 'before' period.",
        "Периоды совпадают: выберите более ранний период «до».",
    ),
    "errors.segment_scores": (
        "Segment {name}: give a name and scores from 1 to 5.",
        "Сегмент {name}: укажите название и баллы от 1 до 5.",
    ),
    "errors.segment_order": (
        "Segment {name}: a 'from' score is above its 'to' score.",
        "Сегмент {name}: балл «от» больше балла «до».",
    ),
    # cost model
    "errors.margin_range": (
        "A margin must be between -100% and 99%: enter it as a share of the price, "
        "e.g. 0.4 for 40%.",
        "Маржа должна быть от −100\u00a0% до 99\u00a0%: введите её как долю цены, например 0,4 "
        "для 40\u00a0%.",
    ),
    "errors.negative_costs": (
        "Costs per order, return, contact, complaint and customer "
        "cannot be negative: enter 0 to leave one out.",
        "Затраты на заказ, возврат, обращение, жалобу и клиента не могут быть отрицательными: "
        "введите 0, чтобы не учитывать статью.",
    ),
    # customers
    "errors.search_limit": (
        "The number of search results must be at least 1.",
        "Число результатов поиска должно быть не меньше 1.",
    ),
    "errors.unknown_customer": (
        "No customer has the id {customer_id}. Search by name, e-mail or phone to find the id.",
        "Клиента с кодом {customer_id} нет. Найдите код поиском по имени, e-mail или телефону.",
    ),
    "errors.customer_query_failed": (
        "The customer query failed: {error}. Re-import the data on the Data page if it persists.",
        "Запрос о клиентах не выполнен: {error}. Если ошибка повторяется, загрузите данные "
        "заново на странице «Данные».",
    ),
    # storage
    "errors.value_query_failed": (
        "The value query failed: {error}. Check that the database was "
        "created by this dashboard (python -m dashboard summary shows what it holds).",
        "Запрос ценности клиентов не выполнен: {error}. Проверьте, что база данных создана этой "
        "приложением (что в ней лежит, покажет python -m dashboard summary).",
    ),
    "errors.demo_failed": (
        "The demo data could not be written: {error}. Check that the disk has space and that "
        "no other program is writing to the database, then try again.",
        "Не удалось записать демо-данные: {error}. Проверьте, что на диске есть место и что "
        "никакая другая программа не пишет в базу данных, и попробуйте снова.",
    ),
    "errors.unknown_table": (
        "Unknown table {table}: choose one of {tables}.",
        "Неизвестная таблица {table}: выберите одну из {tables}.",
    ),
    # opening the database (dashboard/store/database.py)
    "errors.damaged_database": (
        "The database {path} is damaged ({reason}). Nothing was written into it and the file is "
        "left as it was. Fix: restore the file from a copy (a backup), or give another database "
        "with --db (or $DASHBOARD_DB); a new file gets the demo data or your imports.",
        "База данных {path} повреждена ({reason}). В неё ничего не записано, файл оставлен как "
        "был. Что сделать: восстановите файл из копии (резервной) или укажите другую базу "
        "данных (--db или $DASHBOARD_DB); в новый файл попадут демо-данные или ваши импорты.",
    ),
    "errors.damaged_short": (
        "the file holds {size} bytes, its tables need {needed}",
        "в файле {size} байт, а его таблицам нужно {needed}",
    ),
    "errors.cannot_open_database": (
        "Cannot open the database {path}: {error}. Fix: check that this program may read the "
        "file and write in its folder, or give another file with --db (or $DASHBOARD_DB).",
        "Не удаётся открыть базу данных {path}: {error}. Что сделать: проверьте, что программе "
        "можно читать файл и писать в его папку, или укажите другой файл (--db или "
        "$DASHBOARD_DB).",
    ),
    "errors.database_not_written": (
        "Nothing was imported: the database {path} could not be written ({error}). It holds "
        "what it held before. Fix: free disk space, or let this program write the file and its "
        "folder (or give another database with --db), then import again.",
        "Ничего не импортировано: в базу данных {path} не удалось записать ({error}). В ней "
        "всё как было до импорта. Что сделать: освободите место на диске или разрешите "
        "программе писать в файл и его папку (или укажите другую базу данных через --db), "
        "затем повторите импорт.",
    ),
    # future value
    "errors.future_setting": (
        "The future-value setting {name} must be {fix}.",
        "Параметр прогноза {name} должен быть {fix}.",
    ),
    "errors.future_summary_failed": (
        "The purchase history could not be read: {error}. Check that the database was made by "
        "this dashboard, or import the transactions again.",
        "Не удалось прочитать историю покупок: {error}. Проверьте, что база данных создана "
        "этой программой, или загрузите транзакции заново.",
    ),
}
