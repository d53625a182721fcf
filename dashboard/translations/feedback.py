"""Labels of the Feedback and Loyalty pages, their charts and the feedback command."""

TEXTS = {
    # feedback kinds and groups
    "feedback.kind.complaint": ("Complaints", "Жалобы"),
    "feedback.kind.suggestion": ("Suggestions", "Предложения"),
    "feedback.kind.wish": ("Wishes", "Пожелания"),
    "feedback.kind.praise": ("Praise", "Благодарности"),
    "feedback.kind.question": ("Questions", "Вопросы"),
    "feedback.group.unknown": ("Anonymous or unranked", "Анонимно или без уровня"),
    "feedback.group.tier": ("Tier {tier}", "Уровень {tier}"),
    "feedback.group.inactive": ("Inactive", "Неактивные"),
    "feedback.group.cluster": ("Cluster {cluster}", "Кластер {cluster}"),
    # axes
    "feedback.axis.period": ("Period", "Период"),
    "feedback.axis.month": ("Month", "Месяц"),
    "feedback.axis.count": ("Feedback items", "Отзывы, шт."),
    "feedback.axis.per_1000": (
        "Feedback items per 1,000 active customers",
        "Отзывов на 1 000 активных клиентов",
    ),
    "feedback.axis.customers": ("Customers", "Клиенты, чел."),
    "feedback.axis.nps": ("NPS (−100 to +100)", "NPS (от −100 до +100)"),
    "feedback.axis.answers": ("Answers", "Ответы, шт."),
    "feedback.axis.share_answers": ("Share of answers", "Доля ответов"),
    "feedback.axis.stars": ("Rating (stars, 1-5)", "Оценка (звёзды, 1-5)"),
    "feedback.axis.tier": ("Value tier", "Уровень ценности"),
    "feedback.axis.tfidf": ("Weight of the term (mean TF-IDF)", "Вес слова (средний TF-IDF)"),
    "feedback.axis.value": ("Customer revenue", "Выручка от клиента"),
    "feedback.axis.potential": ("Score (0-100)", "Балл (0-100)"),
    # trend titles
    "feedback.title.trend": (
        "{kind}: {value} in {period}, {change} on the period before",
        "{kind}: {value} за {period}, {change} к прошлому периоду",
    ),
    "feedback.title.trend_first": ("{kind}: {value} in {period}", "{kind}: {value} за {period}"),
    "feedback.title.trend_empty": ("No feedback in this range", "Нет отзывов за этот период"),
    "feedback.title.trend_group": (
        "{kind} by {split}: {group} gives the most, {value}",
        "{kind} по группам ({split}): больше всего у группы «{group}» — {value}",
    ),
    "feedback.change.up": ("up {pct}", "рост на {pct}"),
    "feedback.change.down": ("down {pct}", "снижение на {pct}"),
    "feedback.change.same": ("unchanged", "без изменений"),
    "feedback.split.tier": ("tier", "уровень"),
    "feedback.split.cluster": ("cluster", "кластер"),
    "feedback.split.channel": ("channel", "канал"),
    # iceberg
    "feedback.iceberg.observed": ("Customers who complained", "Клиенты, которые пожаловались"),
    "feedback.iceberg.silent": (
        "Dissatisfied who stayed silent (estimate)",
        "Недовольные, которые промолчали (оценка)",
    ),
    "feedback.iceberg.waterline": ("waterline", "ватерлиния"),
    "feedback.iceberg.hover_observed": (
        "{complainers} {complainers|customer|customers|customers} complained "
        "({complaints} {complaints|complaint|complaints|complaints})",
        "{complainers} {complainers|клиент пожаловался|клиента пожаловались|клиентов "
        "пожаловались} ({complaints} {complaints|жалоба|жалобы|жалоб})",
    ),
    "feedback.iceberg.hover_left_out": (
        "; {n} anonymous {n|complaint|complaints|complaints} not counted (most were anonymous)",
        "; анонимные жалобы не учтены (их большинство): {n}",
    ),
    "feedback.iceberg.hover_silent": (
        "about {silent} dissatisfied {silent|customer|customers|customers} stayed silent",
        "около {silent} {silent|недовольного клиента|недовольных клиентов|недовольных клиентов} "
        "промолчали",
    ),
    "feedback.iceberg.hover_capped": (
        "{silent} more: every customer may be dissatisfied, at most all {customers}",
        "ещё {silent}: возможно, недоволен каждый клиент — самое большее все {customers} "
        "{customers|клиент|клиента|клиентов}",
    ),
    "feedback.title.iceberg": (
        "Behind {complaints} {complaints|complaint|complaints|complaints} from "
        "{complainers} {complainers|customer|customers|customers}{anonymous} stand about {estimated} "
        "dissatisfied {estimated|customer|customers|customers} (if {share} complain)",
        "За {complaints} {complaints|жалобой|жалобами|жалобами} от {complainers} "
        "{complainers|клиента|клиентов|клиентов}{anonymous} стоят около {estimated} "
        "{estimated|недовольного клиента|недовольных клиентов|недовольных клиентов} "
        "(если жалуются {share})",
    ),
    "feedback.title.iceberg_capped": (
        "{complaints} {complaints|complaint|complaints|complaints} from {complainers} "
        "{complainers|customer|customers|customers}{anonymous}: if only {share} complain, all "
        "{customers} "
        "{customers|customer|customers|customers} of the period may be dissatisfied",
        "{complaints} {complaints|жалоба|жалобы|жалоб} от {complainers} "
        "{complainers|клиента|клиентов|клиентов}{anonymous}: если жалуются лишь {share}, "
        "недовольны могут быть все {customers} {customers|клиент|клиента|клиентов} периода",
    ),
    "feedback.title.iceberg_tier": (
        "{tier}: {complaints} {complaints|complaint|complaints|complaints} from "
        "{complainers} {complainers|customer|customers|customers} stand for about "
        "{estimated} dissatisfied of its {customers} {customers|customer|customers|customers}",
        "{tier}: {complaints} {complaints|жалоба|жалобы|жалоб} от {complainers} "
        "{complainers|клиента|клиентов|клиентов} — это около {estimated} "
        "{estimated|недовольного клиента|недовольных клиентов|недовольных клиентов} из "
        "{customers} {customers|клиента|клиентов|клиентов}",
    ),
    "feedback.title.iceberg_tier_capped": (
        "{tier}: {complaints} {complaints|complaint|complaints|complaints} from "
        "{complainers} {complainers|customer|customers|customers}: if only {share} complain, "
        "all {customers} {customers|customer|customers|customers} of the group may be dissatisfied",
        "{tier}: {complaints} {complaints|жалоба|жалобы|жалоб} от {complainers} "
        "{complainers|клиента|клиентов|клиентов}: если жалуются лишь {share}, недовольны могут "
        "быть все {customers} {customers|клиент|клиента|клиентов} группы",
    ),
    "feedback.title.anonymous_left_out": (
        "The estimate rests on known customers only: {n} anonymous "
        "{n|complaint is|complaints are|complaints are} left out ({share} of all), as the same "
        "customers may have written them.",
        "Оценка — только по известным клиентам: анонимные жалобы ({n}, {share} всех) в неё не "
        "входят, ведь их могли написать те же клиенты.",
    ),
    "feedback.title.anonymous_part": (
        " ({n} of them anonymous)",
        " (из них {n} {n|анонимный|анонимных|анонимных})",
    ),
    "feedback.title.iceberg_anonymous": (
        "{complaints} {complaints|complaint|complaints|complaints}, all anonymous: with no "
        "customer behind them the iceberg cannot estimate the dissatisfied (feedback with "
        "customer ids can)",
        "{complaints} {complaints|жалоба|жалобы|жалоб}, все анонимные: без клиентов за ними "
        "айсберг не может оценить число недовольных (это можно по отзывам с кодами клиентов)",
    ),
    "feedback.title.iceberg_tier_unranked": (
        "{complaints} {complaints|complaint|complaints|complaints}, none from a customer ranked "
        "in the period (anonymous or without purchases): no tier to estimate",
        "{complaints} {complaints|жалоба|жалобы|жалоб}, и ни одной от клиента с уровнем за "
        "период (анонимные или без покупок): оценивать по уровням нечего",
    ),
    "feedback.iceberg.hover_unranked": (
        "not estimated: anonymous complaints or customers without a tier",
        "без оценки: анонимные жалобы или клиенты без уровня",
    ),
    "feedback.title.no_complaints": ("No complaints in this range", "Нет жалоб за этот период"),
    # resolution
    "feedback.axis.days": ("Days to resolve", "Дней до решения"),
    "feedback.resolution.median": ("Median (half are faster)", "Медиана (половина быстрее)"),
    "feedback.resolution.p90": (
        "90th percentile (9 in 10 are faster)",
        "90-й процентиль (9 из 10 быстрее)",
    ),
    "feedback.title.resolution": (
        "{tier} waits longest: 1 complaint in 10 takes over {days} days",
        "Дольше всех ждёт группа «{tier}»: каждая десятая жалоба — дольше {days} дн.",
    ),
    "feedback.title.none_resolved": (
        "No complaint has been resolved yet",
        "Ни одна жалоба ещё не решена",
    ),
    # NPS and ratings
    "feedback.nps.promoters": ("Promoters (9-10)", "Промоутеры (9-10)"),
    "feedback.nps.passives": ("Passives (7-8)", "Нейтралы (7-8)"),
    "feedback.nps.detractors": ("Detractors (0-6)", "Критики (0-6)"),
    "feedback.title.nps": (
        "NPS was {nps} in {period} ({responses} {responses|answer|answers|answers})",
        "NPS за {period}: {nps} ({responses} {responses|ответ|ответа|ответов})",
    ),
    "feedback.title.no_nps": (
        "Nobody answered the recommendation question in this range",
        "За этот период никто не ответил на вопрос о рекомендации",
    ),
    "feedback.title.ratings": (
        "{share} of 1-5 ratings are 4 or 5 stars",
        "{share} оценок по шкале 1-5 — это 4 или 5 звёзд",
    ),
    "feedback.title.no_ratings": (
        "No feedback uses the 1-5 scale in this range",
        "За этот период нет оценок по шкале 1-5",
    ),
    # terms and potential
    "feedback.title.terms": (
        "{kind} talk most about “{term}” ({texts} {texts|text|texts|texts})",
        # a no-break space keeps the number with its word when the title wraps
        "{kind}: чаще всего пишут про «{term}» ({texts}\u00a0{texts|текст|текста|текстов})",
    ),
    "feedback.title.terms_tie": (
        "{kind} talk most about {terms} ({texts} {texts|text|texts|texts} each)",
        "{kind}: чаще всего пишут про {terms} (по\u00a0{texts}\u00a0{texts|тексту|текста|текстов})",
    ),
    "feedback.title.no_terms": ("{kind}: no texts in this range", "{kind}: нет текстов за период"),
    "feedback.title.no_potential": (
        "No customer gave feedback or referrals in this range",
        "За этот период клиенты не давали отзывов и рекомендаций",
    ),
    "feedback.title.information_score": (
        "{tier} tells us the most: information potential {mean} of 100 on average",
        "Больше всего сообщает группа «{tier}»: информационный потенциал в среднем {mean} из 100",
    ),
    "feedback.title.cooperation_score": (
        "{tier} cooperates the most: cooperation potential {mean} of 100 on average",
        "Больше всего сотрудничает группа «{tier}»: потенциал кооперации в среднем {mean} из 100",
    ),
    "feedback.axis.information_score": (
        "Information potential (0-100)",
        "Информационный потенциал (0-100)",
    ),
    "feedback.axis.cooperation_score": (
        "Cooperation potential (0-100)",
        "Потенциал кооперации (0-100)",
    ),
    # loyalty
    "loyalty.level.new": ("New since the first day", "Новые после первой даты"),
    "loyalty.level.prospect": ("Prospects", "Потенциальные"),
    "loyalty.level.one_time": ("One-time buyers", "Разовые покупатели"),
    "loyalty.level.satisfied": ("Satisfied", "Удовлетворённые"),
    "loyalty.level.devoted": ("Devoted", "Преданные"),
    "loyalty.level.partner": ("Partners", "Партнёры"),
    "loyalty.axis.customers": ("Customers", "Клиенты, чел."),
    "loyalty.axis.to_level": ("Rung on the second day", "Ступень на вторую дату"),
    "loyalty.axis.from_level": ("Rung on the first day", "Ступень на первую дату"),
    "loyalty.axis.month": ("Month", "Месяц"),
    "loyalty.axis.share_buyers": ("Share of the month's buyers", "Доля покупателей месяца"),
    "loyalty.axis.months_since": (
        "Months since the first purchase",
        "Месяцев после первой покупки",
    ),
    "loyalty.axis.cohort": ("Month of the first purchase", "Месяц первой покупки"),
    "loyalty.rate.repeat_rate": ("Repeat purchase", "Повторная покупка"),
    "loyalty.rate.cross_rate": ("Cross-purchase (2+ categories)", "Кросс-покупка (2+ категории)"),
    "loyalty.rate.referral_rate": ("Referred someone", "Порекомендовали нас"),
    "loyalty.title.ladder": (
        "{share} of buying customers are devoted or partners",
        "{share} покупателей — преданные или партнёры",
    ),
    "loyalty.title.no_buyers": ("Nobody has bought yet", "Покупок ещё нет"),
    "loyalty.title.no_nps": (
        "Devoted and partner customers cannot be judged: no buyer has an NPS answer. "
        "Import feedback with 0–10 scores on the Data page",
        "Преданных и партнёров не определить: ни у одного покупателя нет оценки NPS. "
        "Загрузите отзывы с оценками от 0 до 10 на странице «Данные»",
    ),
    "loyalty.title.movement": (
        "{up} {up|customer|customers|customers} moved up the ladder, {down} moved down",
        "{up} {up|клиент поднялся|клиента поднялись|клиентов поднялись} по лестнице, "
        "{down} {down|опустился|опустились|опустились}",
    ),
    "loyalty.title.movement_new": (
        "{up} {up|customer|customers|customers} moved up the ladder, {down} moved down, {new} "
        "{new|is|are|are} new",
        "{up} {up|клиент поднялся|клиента поднялись|клиентов поднялись} по лестнице, "
        "{down} {down|опустился|опустились|опустились}, {new} {new|новый|новых|новых}",
    ),
    "loyalty.title.no_purchases": ("No purchases in this range", "Нет покупок за этот период"),
    "loyalty.title.rates": (
        "{share} of {period} buyers were buying again",
        "{share} покупателей за {period} купили повторно",
    ),
    "loyalty.title.retention": (
        "On average {share} of a cohort buys again the month after its first purchase",
        "В среднем {share} когорты покупает снова через месяц после первой покупки",
    ),
    "loyalty.title.retention_new": (
        "Cohorts are too new to show retention",
        "Когорты слишком новые, чтобы показать удержание",
    ),
    # the Feedback page
    "feedback.title": ("Feedback", "Обратная связь"),
    "feedback.intro": (
        "What customers tell us, per period and kind, and how we answer. Only some of the "
        "dissatisfied complain: the iceberg estimates the rest.",
        "Что говорят клиенты — по периодам и видам отзывов — и как мы отвечаем. Жалуются не все "
        "недовольные: айсберг оценивает остальных.",
    ),
    "feedback.control.freq": ("Period", "Период"),
    "feedback.control.freq.month": ("Month", "Месяц"),
    "feedback.control.freq.week": ("Week", "Неделя"),
    "feedback.control.measure": ("Show", "Показать"),
    "feedback.control.measure.count": ("Counts", "Количество"),
    "feedback.control.measure.per_1000_active": (
        "Per 1,000 active customers",
        "На 1 000 активных клиентов",
    ),
    "feedback.control.split": ("Split by", "Разбить по"),
    "feedback.control.split.none": ("Kind of feedback", "Виду отзыва"),
    "feedback.control.split.tier": ("Value tier", "Уровню ценности"),
    "feedback.control.split.cluster": ("Cluster", "Кластеру"),
    "feedback.control.split.channel": ("Channel", "Каналу"),
    "feedback.control.share": (
        "Share of dissatisfied customers who complain, %",
        "Доля недовольных, которые жалуются, %",
    ),
    "feedback.control.share_help": (
        "The texts say only 4% of dissatisfied customers complain; change it if you know better.",
        "По текстам жалуются лишь 4 % недовольных; измените, если знаете точнее.",
    ),
    "feedback.control.kind": ("Kind of feedback", "Вид отзыва"),
    "feedback.control.score": ("Potential", "Потенциал"),
    "feedback.note.no_clusters": (
        "No clustering run is saved yet, so the split by cluster is hidden: run one on the "
        "Clusters page. Showing all feedback by kind.",
        "Кластеризация ещё не сохранена, поэтому разбивка по кластерам скрыта: запустите её на "
        "странице «Кластеры». Показаны все отзывы по видам.",
    ),
    "feedback.note.no_feedback": (
        "No feedback in this range: import feedback on the Data page.",
        "Нет отзывов за этот период: загрузите их на странице «Данные».",
    ),
    "feedback.note.in_lake": (
        "The feedback lives in the data lake, and only what Spark computed from it comes back "
        "into this file: the counts, trend, iceberg and resolution above, the NPS and the "
        "potential below. The list of open complaints and the frequent terms read each "
        "complaint and text: import the feedback file on the Data page to see them here (the "
        "transaction lines may stay in the lake).",
        "Отзывы хранятся в озере данных, и в этот файл возвращается только то, что из них "
        "посчитал Spark: количество, динамика, айсберг и сроки решения выше, NPS и потенциал "
        "ниже. Список открытых жалоб и частые слова читают каждую жалобу и каждый текст: "
        "загрузите файл отзывов на странице «Данные», чтобы увидеть их здесь (строки покупок "
        "могут остаться в озере).",
    ),
    "feedback.section.iceberg": ("The complaint iceberg", "Айсберг жалоб"),
    "feedback.iceberg.explain": (
        "Customers who complain are the tip: each stands for 1 ÷ (share who complain) "
        "dissatisfied customers, however often they complain, and never more than the customers "
        "there are. Below the waterline: the estimated silent ones.",
        "Пожаловавшиеся клиенты — верхушка: каждый означает 1 ÷ (доля жалующихся) недовольных, "
        "сколько бы раз он ни жаловался, но не больше, чем всего клиентов. Ниже ватерлинии — "
        "оценка тех, кто промолчал.",
    ),
    "feedback.section.resolution": ("Resolution of complaints", "Решение жалоб"),
    "feedback.metric.resolved": ("Resolved", "Решено"),
    "feedback.metric.median_days": ("Median days to resolve", "Медиана, дней до решения"),
    "feedback.metric.p90_days": ("90% resolved within, days", "90 % решены за, дней"),
    "feedback.metric.open": ("Open complaints", "Открытые жалобы"),
    "feedback.open.header_part": (
        "**{shown} of {count} open {count|complaint|complaints|complaints}**, customers of "
        "tiers 1 and 2 first, then the oldest:",
        "**{shown} из {count} {count|открытой жалобы|открытых жалоб|открытых жалоб}** — сначала клиенты уровней 1 и 2, затем самые "
        "старые:",
    ),
    "feedback.open.header": (
        "**{count} open {count|complaint|complaints|complaints}**, customers of tiers 1 and 2 "
        "first, then the oldest:",
        "**Открытых жалоб: {count}** — сначала клиенты уровней 1 и 2, затем самые старые:",
    ),
    "feedback.section.nps": ("Net Promoter Score and ratings", "NPS и оценки"),
    "feedback.section.terms": ("What customers write about", "О чём пишут клиенты"),
    "feedback.section.potential": (
        "Information and cooperation potential",
        "Информационный потенциал и потенциал кооперации",
    ),
    "feedback.potential.top": (
        "The {shown} {shown|customer|customers|customers} with the highest score, of {total}; the "
        "download holds them all.",
        "{shown} {shown|клиент|клиента|клиентов} с наибольшей оценкой из {total}; в выгрузке — "
        "все.",
    ),
    "feedback.potential.download": ("Download all (CSV)", "Скачать всех (CSV)"),
    "feedback.potential.explain": (
        "Information: points per feedback item (suggestions and wishes 3, complaints 2, questions "
        "and praise 1; half without a real text) times responsiveness (feedback per order). "
        "Cooperation: referral 5, adopted (resolved) suggestion 4, review 2, survey answer 1. "
        "Scores are percentile ranks, 0-100.",
        "Информационный: баллы за отзыв (предложения и пожелания 3, жалобы 2, вопросы и "
        "благодарности 1; половина без текста), умноженные на отзывчивость (отзывы на заказ). "
        "Кооперация: рекомендация 5, принятое (решённое) предложение 4, обзор 2, ответ на опрос 1. "
        "Баллы — процентильные ранги, 0-100.",
    ),
    # the Loyalty page
    "loyalty.title": ("Loyalty", "Лояльность"),
    "loyalty.intro": (
        "From prospect to partner: where customers stand on the loyalty ladder, who moved, how "
        "often they come back, and the valuable customers who are unhappy.",
        "От потенциального клиента до партнёра: где клиенты на лестнице лояльности, кто "
        "сдвинулся, как часто возвращаются и какие ценные клиенты недовольны.",
    ),
    "loyalty.section.ladder": ("The loyalty ladder", "Лестница лояльности"),
    "loyalty.section.rates": (
        "Repeat, cross-purchase, referral; cohort retention",
        "Повторные и кросс-покупки, рекомендации; удержание когорт",
    ),
    "loyalty.section.unhappy": ("Valuable and unhappy", "Ценные и недовольные"),
    "loyalty.rules.prospect": (
        "**Prospects**: known, never bought",
        "**Потенциальные**: известны, не покупали",
    ),
    "loyalty.rules.one_time": (
        "**One-time buyers**: bought, but not yet satisfied",
        "**Разовые**: покупали, но ещё не удовлетворённые",
    ),
    "loyalty.rules.satisfied": (
        "**Satisfied**: at least {orders} {orders|order|orders|orders}",
        "**Удовлетворённые**: не меньше {orders} {orders|заказа|заказов|заказов}",
    ),
    "loyalty.rules.no_open": (" and no open complaint", " и нет открытых жалоб"),
    "loyalty.rules.devoted": (
        "**Devoted**: satisfied, bought in at least {months} of the last {window} "
        "{window|month|months|months}, latest NPS at least {nps}",
        "**Преданные**: удовлетворённые, покупали не меньше чем в {months} из последних {window} "
        "{window|месяца|месяцев|месяцев}, последний NPS не ниже {nps}",
    ),
    "loyalty.rules.partner": (
        "**Partners**: satisfied, latest NPS at least {nps}",
        "**Партнёры**: удовлетворённые, последний NPS не ниже {nps}",
    ),
    "loyalty.rules.contribution": (
        ", referred someone or made a suggestion",
        ", порекомендовали нас или внесли предложение",
    ),
    "loyalty.rules.edit": ("Edit the rules", "Изменить правила"),
    "loyalty.rules.save": ("Save the rules", "Сохранить правила"),
    "loyalty.rules.saved": ("Rules saved.", "Правила сохранены."),
    "loyalty.rule.min_orders": ("Satisfied: orders at least", "Удовлетворённые: заказов не меньше"),
    "loyalty.rule.no_open": ("Satisfied: no open complaint", "Удовлетворённые: нет открытых жалоб"),
    "loyalty.rule.active_months": (
        "Devoted: months with a purchase",
        "Преданные: месяцев с покупкой",
    ),
    "loyalty.rule.window": ("Devoted: of the last N months", "Преданные: из последних N месяцев"),
    "loyalty.rule.devoted_nps": ("Devoted: NPS at least", "Преданные: NPS не ниже"),
    "loyalty.rule.partner_nps": ("Partner: NPS at least", "Партнёры: NPS не ниже"),
    "loyalty.rule.contribution": (
        "Partner: referred or suggested",
        "Партнёры: рекомендация или предложение",
    ),
    "loyalty.control.before": ("Compare from", "Сравнить с даты"),
    "loyalty.control.after": ("To (the ladder on this day)", "По дату (лестница на этот день)"),
    "loyalty.unhappy.no_feedback": (
        "Valuable unhappy customers cannot be found: no customer has an NPS answer or a complaint. "
        "Import feedback with 0–10 scores and complaints on the Data page.",
        "Ценных недовольных не определить: ни у одного клиента нет оценки NPS или жалобы. "
        "Загрузите отзывы с оценками от 0 до 10 и жалобами на странице «Данные».",
    ),
    "loyalty.unhappy.explain": (
        "**{count} {count|customer|customers|customers}** of tiers 1 and 2 whose latest NPS is 0-6 "
        "or who have an open complaint, with what they said. Call them first.",
        "**{count} {count|клиент|клиента|клиентов}** уровней 1 и 2 с последним NPS 0-6 или с открытой жалобой — и что "
        "они написали. Позвоните им первыми.",
    ),
    "feedback.control.period": ("Period of the texts", "Период текстов"),
    "feedback.control.whole_range": ("The whole range", "Весь выбранный период"),
    # table columns
    "feedback.column.feedback_id": ("Feedback id", "№ отзыва"),
    "feedback.column.customer_id": ("Customer id", "ID клиента"),
    "feedback.column.name": ("Name", "Имя"),
    "feedback.column.email": ("E-mail", "E-mail"),
    "feedback.column.phone": ("Phone", "Телефон"),
    "feedback.column.tier": ("Tier", "Уровень"),
    "feedback.column.created_at": ("Received", "Получен"),
    "feedback.column.days_open": ("Days open", "Дней открыта"),
    "feedback.column.channel": ("Channel", "Канал"),
    "feedback.column.text": ("Text", "Текст"),
    "feedback.column.term": ("Term", "Слово"),
    "feedback.column.texts": ("Texts using it", "Текстов с ним"),
    "feedback.column.example": ("Example", "Пример"),
    "feedback.column.revenue": ("Revenue", "Выручка"),
    "feedback.column.profit": ("Profit", "Прибыль"),
    "feedback.column.orders": ("Orders", "Заказы"),
    "feedback.column.latest_nps": ("Latest NPS", "Последний NPS"),
    "feedback.column.open_complaints": ("Open complaints", "Открытые жалобы"),
    "feedback.column.last_feedback_at": ("Last feedback", "Последний отзыв"),
    "feedback.column.said": ("What they said", "Что написали"),
    "feedback.column.feedback_items": ("Feedback items", "Отзывы"),
    "feedback.column.ideas": ("Suggestions and wishes", "Предложения и пожелания"),
    "feedback.column.responsiveness": ("Responsiveness", "Отзывчивость"),
    "feedback.column.information_points": ("Information points", "Баллы информации"),
    "feedback.column.referrals": ("Referrals", "Рекомендации"),
    "feedback.column.reviews": ("Reviews", "Обзоры"),
    "feedback.column.adopted_suggestions": ("Adopted suggestions", "Принятые предложения"),
    "feedback.column.survey_answers": ("Survey answers", "Ответы на опросы"),
    "feedback.column.cooperation_points": ("Cooperation points", "Баллы кооперации"),
    "feedback.column.information_score": ("Information potential", "Информационный потенциал"),
    "feedback.column.cooperation_score": ("Cooperation potential", "Потенциал кооперации"),
    "feedback.hover.texts": ("{n} {n|text|texts|texts}", "{n} {n|текст|текста|текстов}"),
}
