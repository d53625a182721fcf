"""Labels of the Clusters page, cluster names, rules and messages (English, Russian)."""

TEXTS = {
    "clusters.title": ("Clusters", "Кластеры"),
    "clusters.intro": (
        "Groups of customers who buy alike, found by k-means on the features you choose. "
        "Pick clusters on the map or in the table to download their customers.",
        "Группы клиентов со схожим поведением, найденные методом k-средних по выбранным признакам. "
        "Выберите кластеры на карте или в таблице, чтобы скачать их клиентов.",
    ),
    # features
    "clusters.feature.recency_days": ("Days since last purchase", "Дней с последней покупки"),
    "clusters.feature.orders": ("Orders", "Заказы"),
    "clusters.feature.revenue": ("Revenue", "Выручка"),
    "clusters.feature.avg_order_value": ("Average order value", "Средний чек"),
    "clusters.feature.tenure_days": ("Days since first purchase", "Дней с первой покупки"),
    "clusters.feature.margin": ("Margin", "Маржа"),
    "clusters.feature.return_rate": ("Return rate", "Доля возвратов"),
    "clusters.feature.complaint_rate": ("Complaints per order", "Жалоб на заказ"),
    "clusters.feature.nps": ("NPS answer (0-10)", "Оценка NPS (0-10)"),
    "clusters.feature.categories": ("Categories bought", "Куплено категорий"),
    "clusters.feature.channel_mix": ("Channel mix", "Доли каналов"),
    "clusters.feature.channel_share": ("Share bought via {channel}", "Доля покупок: {channel}"),
    # settings
    "clusters.settings": ("Settings", "Настройки"),
    "clusters.features": ("Features", "Признаки"),
    "clusters.features_help": (
        "What customers are grouped by. Money and counts are log-scaled, all are robustly scaled.",
        "По чему группируются клиенты. Деньги и количества берутся в логарифме, всё масштабируется.",
    ),
    "clusters.k_mode": ("Number of clusters", "Число кластеров"),
    "clusters.k_auto": ("Recommend (2 to 12)", "Подобрать (от 2 до 12)"),
    "clusters.k_fixed": ("Fixed", "Задать"),
    "clusters.k": ("Clusters", "Кластеров"),
    "clusters.algorithm": ("Method", "Метод"),
    "clusters.algorithm.kmeans": ("k-means", "k-средних"),
    "clusters.algorithm.gmm": ("Gaussian mixture", "Гауссова смесь"),
    "clusters.fill_missing": ("Fill missing values with the median", "Заполнять пропуски медианой"),
    "clusters.run_name": ("Name of the run", "Название расчёта"),
    "clusters.run": ("Run clustering", "Запустить кластеризацию"),
    "clusters.progress.features": ("Computing customer features…", "Считаем признаки клиентов…"),
    "clusters.progress.k": ("Trying 2 to 12 clusters…", "Пробуем от 2 до 12 кластеров…"),
    "clusters.progress.stability": (
        "Checking stability on resamples…",
        "Проверяем устойчивость на подвыборках…",
    ),
    "clusters.progress.fit": ("Fitting the clusters…", "Строим кластеры…"),
    "clusters.progress.profiles": ("Describing the clusters…", "Описываем кластеры…"),
    "clusters.progress.assign": (
        "Assigning every customer to a cluster…",
        "Относим каждого клиента к кластеру…",
    ),
    "clusters.fit_sample": (
        "Fitted on a random sample of {sample} of {customers} "
        "{customers|customer|customers|customers}; every customer "
        "assigned to the nearest cluster.",
        "Модель построена на случайной выборке из {sample} из {customers} "
        "{customers|клиента|клиентов|клиентов}; каждый "
        "клиент отнесён к ближайшему кластеру.",
    ),
    "clusters.prepared": (
        "Fitted when the data were imported ({date}), with the recommended settings.",
        "Рассчитано при загрузке данных ({date}) с рекомендуемыми настройками.",
    ),
    "clusters.progress.done": ("Done", "Готово"),
    "clusters.saved": ("Saved as run {run_id}.", "Сохранено как расчёт {run_id}."),
    "clusters.left_out": (
        "Left out of the default features (the same for every customer in this data): {features}.",
        "Не использованы из признаков по умолчанию (у всех клиентов одинаковы): {features}.",
    ),
    # runs
    "clusters.runs": ("Saved runs", "Сохранённые расчёты"),
    "clusters.open_run": ("Open run", "Открыть расчёт"),
    "clusters.first_run_again": (
        "None of the customers of the saved runs is in the data any more (the demo was removed or "
        "the table replaced): a first clustering of your data with the recommended settings. "
        "The earlier runs stay in the list.",
        "Ни одного клиента из сохранённых запусков больше нет в данных (демо-данные удалены или "
        "таблица заменена): первая кластеризация ваших данных с рекомендуемыми настройками. "
        "Прежние запуски остались в списке.",
    ),
    "clusters.first_run": (
        "A first clustering with the recommended settings, so that you can start at once. "
        "Change the features or the number of clusters above and run again.",
        "Первая кластеризация с рекомендуемыми настройками, чтобы можно было сразу начать. "
        "Измените признаки или число кластеров выше и запустите снова.",
    ),
    "clusters.first_run_name": (
        "First run (recommended settings)",
        "Первый расчёт (рекомендуемые настройки)",
    ),
    "clusters.no_runs": (
        "No clustering yet: choose features and press Run clustering.",
        "Кластеризаций ещё нет: выберите признаки и нажмите «Запустить».",
    ),
    "clusters.run_label": (
        "#{run_id} {name} ({period}; made {created}, {customers} "
        "{customers|customer|customers|customers})",
        "№{run_id} {name} ({period}; сделан {created}, клиентов: {customers})",
    ),
    "clusters.run_header": (
        "Run {run_id}: {k} {k|cluster|clusters|clusters} of {customers} "
        "{customers|customer|customers|customers}",
        "Расчёт {run_id}: {k} {k|кластер|кластера|кластеров}, {customers} {customers|клиент|клиента|клиентов}",
    ),
    "clusters.run_period": ("Customers of {period}", "Клиенты периода {period}"),
    "clusters.other_period": (
        "Run {run_id} grouped the customers of {period}, not the period chosen in the sidebar "
        "({shown}): its table, map and charts are of its own period. Run a clustering to group "
        "the customers of {shown}.",
        "Расчёт {run_id} относится к периоду {period}, а не к выбранному на боковой панели "
        "({shown}): его таблица, карта и графики — о клиентах его периода. Запустите "
        "кластеризацию, чтобы разбить клиентов периода {shown}.",
    ),
    "clusters.stale_run": (
        "This run was made before the data last changed (an import or a demo load): its table, "
        "map and charts describe its customers as they were on {date}, and today's value tiers are "
        "not shown for it. Run it again to group the data as it is now.",
        "Этот расчёт сделан до последнего изменения данных (импорта или загрузки демо-данных): "
        "его таблица, карта и графики описывают клиентов такими, какими они были {date}, а "
        "текущие уровни ценности для него не показываются. Запустите его заново, чтобы разбить "
        "данные в их нынешнем виде.",
    ),
    "clusters.run_again": (
        "Run again on the current data",
        "Запустить заново на текущих данных",
    ),
    "clusters.rerun_name": ("Run {run_id} again", "Повтор расчёта {run_id}"),
    "clusters.default_run_name": (
        "Run {run_id}: {k} {k|cluster|clusters|clusters}",
        "Расчёт {run_id}: {k} {k|кластер|кластера|кластеров}",
    ),
    "clusters.as_of": (
        "{title} — as of run {run_id} ({date}), before the data changed",
        "{title} — на момент расчёта {run_id} ({date}), до изменения данных",
    ),
    "clusters.tiers_stale": (
        "Not shown for this run: the value tiers come from the current data, which changed after "
        "the run, so its customers no longer match them. Run it again to see where the clusters "
        "of today's customers sit.",
        "Для этого расчёта не показывается: уровни ценности считаются по текущим данным, а они "
        "изменились после расчёта, и его клиенты им уже не соответствуют. Запустите расчёт заново, "
        "чтобы увидеть, на каких уровнях кластеры нынешних клиентов.",
    ),
    "clusters.run_settings": (
        "Features: {features}. Method: {algorithm}.",
        "Признаки: {features}. Метод: {algorithm}.",
    ),
    "clusters.compare": ("Compare with run", "Сравнить с расчётом"),
    "clusters.compare_none": ("(none)", "(нет)"),
    "clusters.compare_ari": (
        "Agreement between the runs: {ari} (adjusted Rand index, 1 = the same groups).",
        "Совпадение расчётов: {ari} (скорректированный индекс Рэнда, 1 = те же группы).",
    ),
    # choice of k
    "clusters.k_choice": ("Choice of the number of clusters", "Выбор числа кластеров"),
    "clusters.reason.all_agree": (
        "{k} {k|cluster|clusters|clusters}: the highest silhouette ({silhouette}, customers sit "
        "closest to their own cluster), the lowest Davies-Bouldin ({davies_bouldin}) and the elbow "
        "of the inertia curve all point to it.",
        "{k} {k|кластер|кластера|кластеров}: наибольший силуэт ({silhouette}, клиенты ближе всего к своему кластеру), "
        "наименьший индекс Дэвиса-Боулдина ({davies_bouldin}) и излом кривой инерции указывают на "
        "это число.",
    ),
    "clusters.reason.silhouette": (
        "{k} {k|cluster|clusters|clusters}: the highest silhouette ({silhouette}, customers sit "
        "closest to their own cluster; near-ties go to fewer clusters). Davies-Bouldin is lowest "
        "at {db_k}, the inertia elbow is at {elbow_k}.",
        "{k} {k|кластер|кластера|кластеров}: наибольший силуэт ({silhouette}, клиенты ближе всего к своему кластеру; при "
        "почти равенстве берём меньше кластеров). Индекс Дэвиса-Боулдина минимален при {db_k}, "
        "излом кривой инерции при {elbow_k}.",
    ),
    "clusters.reason.all_agree_considered": (
        "{k} {k|cluster|clusters|clusters}: among the sizes considered, the highest silhouette "
        "({silhouette}, customers sit closest to their own cluster), the lowest Davies-Bouldin "
        "({davies_bouldin}) and the elbow of the inertia curve all point to it.",
        "{k} {k|кластер|кластера|кластеров}: среди рассмотренных чисел кластеров наибольший силуэт "
        "({silhouette}, клиенты ближе всего к своему кластеру), наименьший индекс Дэвиса-Боулдина "
        "({davies_bouldin}) и излом кривой инерции указывают на это число.",
    ),
    "clusters.reason.silhouette_considered": (
        "{k} {k|cluster|clusters|clusters}: the highest silhouette among the sizes considered "
        "({silhouette}, customers sit closest to their own cluster; near-ties go to fewer "
        "clusters). Among them Davies-Bouldin is lowest at {db_k}; the inertia elbow is at "
        "{elbow_k}.",
        "{k} {k|кластер|кластера|кластеров}: наибольший силуэт среди рассмотренных чисел "
        "кластеров ({silhouette}, клиенты ближе всего к своему кластеру; при почти равенстве берём "
        "меньше кластеров). Среди них индекс Дэвиса-Боулдина минимален при {db_k}, излом кривой "
        "инерции при {elbow_k}.",
    ),
    "clusters.reason.left_out": (
        "Not considered (grey on the chart): {details}.",
        "Не рассматривалось число кластеров (серое на графике): {details}.",
    ),
    "clusters.left_out.small": (
        "{ks} clusters (a cluster under 2% of the customers)",
        "{ks} (кластер меньше 2 % клиентов)",
    ),
    "clusters.left_out.unstable": (
        "{ks} clusters (unstable: resampled fits agree below 0.75)",
        "{ks} (неустойчиво: расчёты на подвыборках совпадают меньше чем на 0,75)",
    ),
    "clusters.left_out_hover.small": (
        "its smallest cluster holds {share} of the customers (under 2%)",
        "самый маленький кластер — {share} клиентов (меньше 2 %)",
    ),
    "clusters.left_out_hover.unstable": (
        "unstable: resampled fits agree {ari} (below 0.75)",
        "неустойчиво: расчёты на подвыборках совпадают на {ari} (меньше 0,75)",
    ),
    "clusters.left_out_hover": (
        "{k} {k|cluster|clusters|clusters}: not considered, {reasons}",
        "{k} {k|кластер|кластера|кластеров}: не рассматривалось, {reasons}",
    ),
    "clusters.chart.left_out": (
        "Not considered (hover for why)",
        "Не рассматривалось (причина — при наведении)",
    ),
    "clusters.fixed_k": (
        "{k} {k|cluster|clusters|clusters}, as chosen.",
        "{k} {k|кластер|кластера|кластеров}, как задано.",
    ),
    "clusters.stable": (
        "Stable: resampled fits agree {ari} (adjusted Rand index).",
        "Устойчиво: расчёты на подвыборках совпадают на {ari} (индекс Рэнда).",
    ),
    "clusters.unstable": (
        "Unstable: fits on resamples agree only {ari} (adjusted Rand index, below 0.75). Treat "
        "these clusters as rough groups, or try another number of clusters or fewer features.",
        "Неустойчиво: расчёты на подвыборках совпадают лишь на {ari} (индекс Рэнда ниже 0,75). "
        "Считайте кластеры приблизительными или попробуйте другое число кластеров или меньше "
        "признаков.",
    ),
    "clusters.chart.k_title": (
        "{k} {k|cluster separates|clusters separate|clusters separate} these customers best",
        "Лучше всего клиентов разделяют {k} {k|кластер|кластера|кластеров}",
    ),
    "clusters.chart.k_title_considered": (
        "Of the sizes considered, {k} {k|cluster separates|clusters separate|clusters separate} "
        "these customers best",
        "Из рассмотренных чисел кластеров лучше всего клиентов разделяют "
        "{k} {k|кластер|кластера|кластеров}",
    ),
    "clusters.chart.k_axis": ("Number of clusters", "Число кластеров"),
    "clusters.chart.silhouette": ("Silhouette (higher is better)", "Силуэт (чем выше, тем лучше)"),
    "clusters.chart.davies_bouldin": (
        "Davies-Bouldin (lower is better)",
        "Дэвис-Боулдин (чем ниже, тем лучше)",
    ),
    "clusters.chart.inertia": ("Inertia per customer (elbow)", "Инерция на клиента (излом)"),
    "clusters.chart.stability": ("Stability (adjusted Rand)", "Устойчивость (индекс Рэнда)"),
    "clusters.chart.score": ("Score (unitless)", "Значение (безразмерное)"),
    "clusters.chart.recommended": ("recommended", "рекомендовано"),
    # profiles
    "clusters.profiles": ("The clusters in plain words", "Кластеры простыми словами"),
    "clusters.col.cluster": ("Cluster", "Кластер"),
    "clusters.col.name": ("Name", "Название"),
    "clusters.col.customers": ("Customers", "Клиентов"),
    "clusters.col.share_customers": ("% of customers", "% клиентов"),
    "clusters.col.share_revenue": ("% of revenue", "% выручки"),
    "clusters.col.share_cost": ("% of cost", "% затрат"),
    "clusters.col.share_profit": ("% of profit", "% прибыли"),
    "clusters.col.rule": ("Rule", "Правило"),
    "clusters.rule_quality": (
        "describes {coverage} of the cluster, {precision} correct",
        "описывает {coverage} кластера, верно в {precision} случаев",
    ),
    "clusters.table_help": (
        "Tick rows to pick clusters.",
        "Отметьте строки, чтобы выбрать кластеры.",
    ),
    "clusters.rename": ("Rename clusters", "Переименовать кластеры"),
    "clusters.save_names": ("Save names", "Сохранить названия"),
    "clusters.names_saved": ("Names saved.", "Названия сохранены."),
    "clusters.chart.heatmap_title": (
        "{name} stand out most: {feature} at {z} SD from the average",
        "Сильнее всего выделяются «{name}»: {feature} на {z} СО от среднего",
    ),
    "clusters.chart.heatmap_x": ("Feature", "Признак"),
    "clusters.chart.heatmap_y": ("Cluster", "Кластер"),
    "clusters.chart.heatmap_scale": ("SD from average", "СО от среднего"),
    "clusters.chart.shares_title": (
        "{name} bring {share} of revenue with {customers} of customers",
        "«{name}» дают {share} выручки при {customers} клиентов",
    ),
    "clusters.chart.shares_y": ("Share (%)", "Доля (%)"),
    # map and pick
    "clusters.map": ("Customer map", "Карта клиентов"),
    "clusters.map_help": (
        "Each dot is a customer (a sample of {shown} of {total}). Click, or drag a box or lasso: "
        "the clusters of the dots you select are picked whole.",
        "Каждая точка — клиент (выборка {shown} из {total}). Щёлкните или обведите рамкой или "
        "лассо: выбранные точки выбирают свои кластеры целиком.",
    ),
    "clusters.chart.map_title": (
        "{k} {k|cluster|clusters|clusters} of customers on a map of their behaviour",
        "{k} {k|кластер|кластера|кластеров} клиентов на карте их поведения",
    ),
    "clusters.chart.map_x": ("Map axis 1 ({share} of the spread)", "Ось 1 ({share} разброса)"),
    "clusters.chart.map_y": ("Map axis 2 ({share} of the spread)", "Ось 2 ({share} разброса)"),
    "clusters.picked": (
        "Picked: {names} — {customers} {customers|customer|customers|customers}.",
        "Выбрано: {names} — клиентов: {customers}.",
    ),
    "clusters.pick_none": (
        "Nothing picked yet: select on the map or tick rows in the table.",
        "Пока ничего не выбрано: выделите на карте или отметьте строки в таблице.",
    ),
    "clusters.save_pick": ("Keep this pick for a campaign", "Сохранить выбор для кампании"),
    "clusters.pick_saved": (
        "Kept as pick {pick_id} of run {run_id}.",
        "Сохранено как выбор {pick_id} расчёта {run_id}.",
    ),
    "clusters.kept": ("Kept picks of this run: {items}.", "Сохранённые выборы расчёта: {items}."),
    "clusters.kept_item": (
        "#{pick_id} (clusters {clusters}, {customers} {customers|customer|customers|customers})",
        "№{pick_id} (кластеры {clusters}, клиентов: {customers})",
    ),
    # tiers and movement
    "clusters.tiers": ("Clusters in the value tiers", "Кластеры на уровнях ценности"),
    "clusters.chart.tiers_title": (
        "{share} of {name} are in tiers 1-2",
        "{share} клиентов «{name}» на уровнях 1-2",
    ),
    "clusters.chart.tiers_title_none": (
        "None of these clusters' customers are in tiers 1-2",
        "Ни один клиент этих кластеров не на уровнях 1-2",
    ),
    "clusters.chart.tiers_y": (
        "Share of the cluster's customers (%)",
        "Доля клиентов кластера (%)",
    ),
    "clusters.chart.moves_title": (
        "{share} of customers stayed together between the runs",
        "{share} клиентов остались в тех же группах",
    ),
    "clusters.chart.moves_x": ("Cluster in run {run_id}", "Кластер в расчёте {run_id}"),
    "clusters.chart.moves_y": ("Cluster in run {run_id}", "Кластер в расчёте {run_id}"),
    # names
    "clusters.name.loyal_big_spenders": ("Loyal big spenders", "Лояльные крупные покупатели"),
    "clusters.name.new_one_time": ("New one-time buyers", "Новые разовые покупатели"),
    "clusters.name.lapsed_one_time": ("Lapsed one-time buyers", "Ушедшие разовые покупатели"),
    "clusters.name.lapsing_regulars": ("Lapsing regulars", "Уходящие постоянные"),
    "clusters.name.drifting_away": ("Drifting away", "Отдаляющиеся"),
    "clusters.name.unhappy_high_value": ("Unhappy high-value", "Недовольные ценные"),
    "clusters.name.frequent_returners": ("Frequent returners", "Частые возвраты"),
    "clusters.name.big_baskets": ("Occasional big baskets", "Редкие крупные чеки"),
    "clusters.name.newcomers": ("Newcomers", "Новички"),
    "clusters.name.steady_regulars": ("Steady regulars", "Стабильные постоянные"),
    "clusters.name.small_spenders": ("Small spenders", "Небольшие траты"),
    "clusters.name.typical": ("Typical customers", "Типичные клиенты"),
    # rules
    "clusters.rule.and": (" and ", " и "),
    "clusters.rule.none": (
        "no simple rule (the cluster is spread out)",
        "простого правила нет (кластер размыт)",
    ),
    "clusters.rule.int.above": ("{feature} ≥ {low}", "{feature} ≥ {low}"),
    "clusters.rule.int.up_to": ("{feature} ≤ {high}", "{feature} ≤ {high}"),
    "clusters.rule.int.between": ("{feature} from {low} to {high}", "{feature} от {low} до {high}"),
    "clusters.rule.num.above": ("{feature} above {low}", "{feature} больше {low}"),
    "clusters.rule.num.up_to": ("{feature} at most {high}", "{feature} не больше {high}"),
    "clusters.rule.num.between": ("{feature} from {low} to {high}", "{feature} от {low} до {high}"),
    "clusters.rule.orders.above": ("orders ≥ {low}", "заказов ≥ {low}"),
    "clusters.rule.orders.up_to": ("orders ≤ {high}", "заказов ≤ {high}"),
    "clusters.rule.orders.between": (
        "{low} to {high} {high|order|orders|orders}",
        "от {low} до {high} {high|заказа|заказов|заказов}",
    ),
    "clusters.rule.recency_days.above": (
        "no purchase for {low} {low|day|days|days} or more",
        "нет покупок {low} дн. и дольше",
    ),
    "clusters.rule.recency_days.up_to": (
        "last purchase within {high} {high|day|days|days}",
        "последняя покупка за последние {high} дн.",
    ),
    "clusters.rule.recency_days.between": (
        "last purchase {low} to {high} {high|day|days|days} ago",
        "последняя покупка {low}–{high} дн. назад",
    ),
    # messages
    "clusters.error": ("Cannot cluster: {message}", "Кластеризация невозможна: {message}"),
}
