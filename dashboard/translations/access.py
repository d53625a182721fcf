"""Sign-in, roles, accounts and the audit log."""

TEXTS = {
    # Errors of dashboard.access (the English is what the command line prints).
    "errors.access_denied": (
        "Your role ({role}) may not do this ({permission}): it needs the role {needed}. "
        "Ask an administrator.",
        "Вашей роли ({role}) это не разрешено ({permission}): нужна роль {needed}. "
        "Обратитесь к администратору.",
    ),
    "errors.bad_username": (
        "The user name {username} is not allowed: use 1-128 letters, digits and . _ @ + - "
        "(starting with a letter or digit), e.g. an e-mail address.",
        "Имя пользователя {username} не подходит: используйте 1–128 латинских букв, цифр и "
        "знаков . _ @ + - (первой — букву или цифру), например адрес e-mail.",
    ),
    "errors.bad_role": (
        "Unknown role {role}: choose one of {roles}.",
        "Неизвестная роль {role}: выберите одну из: {roles}.",
    ),
    "errors.short_password": (
        "The password is too short: use at least {length} characters (a phrase of a few words "
        "is easy to remember).",
        "Пароль слишком короткий: нужно не меньше {length} символов (фразу из нескольких слов "
        "легко запомнить).",
    ),
    "errors.long_password": (
        "The password is too long: use at most {length} characters.",
        "Пароль слишком длинный: не больше {length} символов.",
    ),
    "errors.no_account": (
        "There is no account {username}: see `python -m dashboard users list`.",
        "Учётной записи {username} нет: см. `python -m dashboard users list`.",
    ),
    "errors.account_exists": (
        "The account {username} exists already: change it with `users passwd` or `users role`.",
        "Учётная запись {username} уже есть: измените её командой `users passwd` или `users role`.",
    ),
    "errors.last_admin": (
        "{username} is the last enabled administrator: make another administrator first, or "
        "nobody could manage the dashboard.",
        "{username} — последний действующий администратор: сначала назначьте другого, иначе "
        "управлять дашбордом будет некому.",
    ),
    "errors.sign_in_failed": (
        "The user name or the password is wrong.",
        "Неверное имя пользователя или пароль.",
    ),
    "errors.sign_in_locked": (
        "Too many failed sign-ins: try again in {seconds} s.",
        "Слишком много неудачных попыток входа: попробуйте снова через {seconds} с.",
    ),
    "errors.sso_no_email": (
        "The identity provider gave no e-mail address, so the dashboard cannot tell who you are.",
        "Провайдер входа не передал адрес e-mail, поэтому дашборд не знает, кто вы.",
    ),
    "errors.sso_disabled": (
        "The account {email} is disabled: ask an administrator.",
        "Учётная запись {email} отключена: обратитесь к администратору.",
    ),
    "errors.sso_unknown": (
        "{email} has no account here: ask an administrator to add it "
        "(`python -m dashboard users add {email} --sso --role viewer`).",
        "У {email} нет учётной записи: попросите администратора добавить её "
        "(`python -m dashboard users add {email} --sso --role viewer`).",
    ),
    # The sign-in page and the sidebar.
    "auth.title": ("Sign in", "Вход"),
    "auth.intro": (
        "This dashboard holds customers' personal data: sign in to continue.",
        "В дашборде персональные данные клиентов: войдите, чтобы продолжить.",
    ),
    "auth.username": ("User name", "Имя пользователя"),
    "auth.password": ("Password", "Пароль"),
    "auth.submit": ("Sign in", "Войти"),
    "auth.sso": ("Sign in with {provider}", "Войти через {provider}"),
    "auth.sso_default": ("your company account", "корпоративную учётную запись"),
    "auth.no_accounts": (
        "No account exists yet. An administrator creates the first one on the server: "
        "`python -m dashboard users add NAME --role admin` (there is no default password).",
        "Учётных записей пока нет. Администратор создаёт первую на сервере: "
        "`python -m dashboard users add ИМЯ --role admin` (пароля по умолчанию нет).",
    ),
    "auth.expired": (
        "Your session ended after a while without use: sign in again.",
        "Сеанс завершён после перерыва в работе: войдите снова.",
    ),
    "auth.signed_in_as": ("Signed in as {name} ({role})", "Вы вошли как {name} ({role})"),
    "auth.sign_out": ("Sign out", "Выйти"),
    "auth.role.viewer": ("viewer", "наблюдатель"),
    "auth.role.analyst": ("analyst", "аналитик"),
    "auth.role.admin": ("administrator", "администратор"),
    "auth.viewer_note": (
        "Names, e-mails and phones are hidden for your role, and customer lists cannot be "
        "downloaded.",
        "Для вашей роли имена, e-mail и телефоны скрыты, а списки клиентов не скачиваются.",
    ),
    "auth.needs_role": (
        "This needs the role {role}: ask an administrator.",
        "Для этого нужна роль «{role}»: обратитесь к администратору.",
    ),
    # The administrators' audit log on the Data page.
    "audit.title": ("Audit log", "Журнал действий"),
    "audit.caption": (
        "Sign-ins, imports, clears, demo data and downloads of customer lists: who, when, what "
        "and how many rows. Only administrators see it.",
        "Входы, импорт, очистка, демо-данные и выгрузки списков клиентов: кто, когда, что и "
        "сколько строк. Виден только администраторам.",
    ),
    "audit.empty": ("Nothing recorded yet.", "Пока ничего не записано."),
    "audit.at": ("When", "Когда"),
    "audit.actor": ("Who", "Кто"),
    "audit.action": ("What", "Что"),
    "audit.detail": ("About", "Подробности"),
    "audit.rows": ("Rows", "Строк"),
    "audit.accounts": ("Accounts", "Учётные записи"),
    "audit.accounts_caption": (
        "Change accounts on the server: `python -m dashboard users add|passwd|role|disable|remove`.",
        "Учётные записи меняются на сервере: "
        "`python -m dashboard users add|passwd|role|disable|remove`.",
    ),
}
