"""Labels of the HTML report sent after a meeting (`python -m dashboard report`, the Overview's download)."""

TEXTS = {
    "report.title": ("Customer value report", "Отчёт о ценности клиентов"),
    "report.period": (
        "Period: {start} – {end} ({days} {days|day|days|days}), compared with the {days} "
        "{days|day|days|days} before",
        "Период: {start} – {end} ({days} дн.), в сравнении с предыдущими {days} дн.",
    ),
    "report.period_nothing_before": (
        "Period: {start} – {end} ({days} {days|day|days|days}); the data hold nothing earlier, "
        "so there is nothing to compare with",
        "Период: {start} – {end} ({days} дн.); более ранних данных нет, сравнивать не с чем",
    ),
    "report.source": (
        "Data: {file} · {transactions} {transactions|transaction|transactions|transactions} of "
        "{customers} {customers|customer|customers|customers}, {first} – {last}",
        "Данные: {file} · транзакций: {transactions}, клиентов: {customers}, {first} – {last}",
    ),
    "report.generated": ("Generated {at}", "Сформирован {at}"),
    "report.kpis": ("Key figures", "Ключевые показатели"),
    "report.previous": ("before: {value}", "ранее: {value}"),
    # no earlier period, or one without the figure (no feedback then)
    "report.no_previous": ("nothing earlier to compare with", "не с чем сравнить"),
    "report.no_sales": (
        "Nobody bought in this period, so there are no tiers to show: choose other dates.",
        "В этом периоде никто не покупал, уровней нет: выберите другие даты.",
    ),
    "report.whale_peak": (
        "The peak: the best {customers} {customers|customer|customers|customers} ({share} of those "
        "who bought) {customers|earns|earn|earn} {peak}; all of them together, {total}.",
        "Пик: {customers} {customers|лучший клиент|лучших клиента|лучших клиентов} ({share} "
        "купивших) {customers|приносит|приносят|приносят} {peak}; все вместе — {total}.",
    ),
    "report.nps_header": ("Would customers recommend us?", "Порекомендуют ли нас клиенты?"),
    "report.nps": (
        "NPS over the period: {nps}, from {responses} {responses|answer|answers|answers} "
        "({promoters} {promoters|promoter|promoters|promoters}, "
        "{passives} {passives|passive|passives|passives}, "
        "{detractors} {detractors|detractor|detractors|detractors}).",
        "NPS за период: {nps} по {responses} {responses|ответу|ответам|ответам} (промоутеров: "
        "{promoters}, нейтралов: {passives}, критиков: {detractors}).",
    ),
    "report.no_nps": (
        "Nobody answered the recommendation question (0-10) in this period.",
        "В этом периоде никто не ответил на вопрос о рекомендации (0-10).",
    ),
    "report.footer": (
        "Made with the Customer Value Dashboard. The charts are interactive: point at them to "
        "see the values. The tiers and costs follow the rule and cost model saved in the app.",
        "Подготовлено в дашборде «Ценность клиентов». Графики интерактивны: наведите указатель, "
        "чтобы увидеть значения. Уровни и затраты — по правилу и модели затрат, сохранённым "
        "в приложении.",
    ),
    "report.download": ("Download the report (HTML)", "Скачать отчёт (HTML)"),
    "report.download_help": (
        "One HTML file with this period's key figures, the pyramid, the whale curve and what "
        "customers say, in this language. It opens in any browser, without the internet.",
        "Один HTML-файл с ключевыми показателями периода, пирамидой, кривой «кита» и отзывами "
        "клиентов на этом языке. Открывается в любом браузере, без интернета.",
    ),
}
