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
        "Feedback items per 1,000 active customers", "Отзывов на 1 000 активных клиентов",
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
}
