"""Known values of the data in Russian: channels, contact and feedback kinds, country names.

A value is the user's own data, so only a value this vocabulary knows is translated (see
:func:`dashboard.i18n.value_label`); anything else is shown as it was written. The keys are
``value.<the value as stored>``; the English text is the value itself.
"""

#: value: its Russian name.
_RUSSIAN = {
    # channels (demo customers, orders, contacts, feedback and campaigns)
    "web": "сайт",
    "store": "магазин",
    "marketplace": "маркетплейс",
    "phone": "телефон",
    "email": "e-mail",
    "e-mail": "e-mail",
    "survey": "опрос",
    # the demo's campaign (its name and offer, as a user would have typed them)
    "Next order 10% off (tier 4)": "Скидка 10 % на следующий заказ (уровень 4)",
    "10% off the next order": "скидка 10 % на следующий заказ",
    # the demo's product categories
    "Electronics": "Электроника",
    "Home & Kitchen": "Дом и кухня",
    "Clothing": "Одежда",
    "Beauty": "Красота",
    "Sports & Outdoors": "Спорт и отдых",
    "Books & Stationery": "Книги и канцтовары",
    "Toys & Games": "Игрушки и игры",
    # kinds of service contacts
    "support_call": "звонок в поддержку",
    "chat": "чат",
    "visit": "визит в магазин",
    "referral": "рекомендация",
    "review": "отзыв",
    # kinds of feedback
    "complaint": "жалоба",
    "suggestion": "предложение",
    "wish": "пожелание",
    "praise": "благодарность",
    "question": "вопрос",
    # countries: the demo's and every country of Online Retail II as that file writes them
    "Russia": "Россия",
    "United Kingdom": "Великобритания",
    "United States": "США",
    "USA": "США",
    "Germany": "Германия",
    "France": "Франция",
    "Kazakhstan": "Казахстан",
    "Netherlands": "Нидерланды",
    "Poland": "Польша",
    "Finland": "Финляндия",
    "Australia": "Австралия",
    "Austria": "Австрия",
    "Bahrain": "Бахрейн",
    "Belgium": "Бельгия",
    "Bermuda": "Бермудские острова",
    "Brazil": "Бразилия",
    "Canada": "Канада",
    "Channel Islands": "Нормандские острова",
    "Cyprus": "Кипр",
    "Czech Republic": "Чехия",
    "Denmark": "Дания",
    "EIRE": "Ирландия",
    "Ireland": "Ирландия",
    "European Community": "Европейское сообщество",
    "Greece": "Греция",
    "Hong Kong": "Гонконг",
    "Iceland": "Исландия",
    "Israel": "Израиль",
    "Italy": "Италия",
    "Japan": "Япония",
    "Korea": "Корея",
    "Lebanon": "Ливан",
    "Lithuania": "Литва",
    "Malta": "Мальта",
    "Nigeria": "Нигерия",
    "Norway": "Норвегия",
    "Portugal": "Португалия",
    "RSA": "Южная Африка",
    "South Africa": "Южная Африка",
    "Saudi Arabia": "Саудовская Аравия",
    "Singapore": "Сингапур",
    "Spain": "Испания",
    "Sweden": "Швеция",
    "Switzerland": "Швейцария",
    "Thailand": "Таиланд",
    "United Arab Emirates": "Объединённые Арабские Эмираты",
    "Unspecified": "Не указана",
    "West Indies": "Вест-Индия",
}

TEXTS = {f"value.{value}": (value, russian) for value, russian in _RUSSIAN.items()}
