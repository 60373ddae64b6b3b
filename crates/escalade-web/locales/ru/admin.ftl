# Администрирование: разделы, пользователи, подразделения, группы, роли и права,
# категории, матрица приоритетов, журнал аудита.
admin-title = Администрирование
admin-pages = Страницы
admin-section-users = Пользователи
admin-section-users-text = Люди, их тип, язык, часовой пояс, роли и области действия; отключение учётных записей и сброс паролей.
admin-section-departments = Подразделения
admin-section-departments-text = Подразделения и организации-клиенты, к которым относятся заявители.
admin-section-groups = Группы поддержки
admin-section-groups-text = Команды на уровнях поддержки 0–3, группа безопасности и их участники.
admin-section-roles = Роли
admin-section-roles-text = Наборы прав, которые выдаются пользователям, каждый с областью действия.
admin-section-categories = Категории
admin-section-categories-text = Дерево категорий, из которого выбирают при создании заявки.
admin-section-matrix = Матрица приоритетов
admin-section-matrix-text = Какой приоритет даёт каждое сочетание влияния и срочности.
admin-section-audit = Журнал аудита
admin-section-audit-text = Кто, что и когда изменил в администрировании.
admin-missing-permission = Для этой страницы нужно право «{ $permission }» ({ $code }). Попросите его у администратора, который управляет ролями.

admin-name = Название
admin-description = Описание
admin-create = Создать
admin-rename = Переименовать
admin-rename-of = Новое название для { $name }
admin-none = (нет)
admin-choose = Выберите…
admin-yes = Да
admin-no = Нет
admin-actions = Действия

admin-users-title = Пользователи
admin-users-total = { $count ->
    [one] { $count } пользователь
    [few] { $count } пользователя
   *[many] { $count } пользователей
}
admin-users-search = Логин, имя или e-mail
admin-users-empty = Никто не найден. Измените условия поиска или создайте пользователя.
admin-kind-any = Любой тип
admin-kind-requester = Заявитель
admin-kind-agent = Агент
admin-user-new = Новый пользователь
admin-user-new-title = Новый пользователь
admin-user-edit-title = Пользователь { $login }
admin-user-login = Логин
admin-user-name = Имя
admin-user-email = E-mail
admin-user-kind = Тип
admin-user-department = Подразделение
admin-user-language = Язык
admin-user-time-zone = Часовой пояс
admin-user-vip = VIP
admin-user-state = Состояние
admin-user-active = Активен
admin-user-disabled = Отключён
admin-user-initial-password = Начальный пароль
admin-user-password-hint = Не менее 10 символов. Оставьте пустым для того, кто пишет только по e-mail; пароль можно задать позже.
admin-user-roles = Роли и области действия
admin-user-roles-hint = Отметьте роли этого человека и выберите область действия каждой. Если ничего не отмечено, новый заявитель получает роль заявителя (свои заявки), а новый агент — роль агента (все заявки).
admin-user-scope-of = Область действия роли { $role }
admin-user-create = Создать пользователя
admin-user-created = Создан
admin-user-details = Сведения
admin-user-account = Учётная запись
admin-user-disable = Отключить учётную запись
admin-user-disable-hint = Отключённый пользователь больше не может войти или пользоваться токенами API, а его открытые сеансы сразу завершаются. Его заявки и история сохраняются.
admin-user-disable-confirm = Да, отключить эту учётную запись
admin-user-confirm-disable = Отметьте флажок подтверждения, чтобы отключить эту учётную запись.
admin-user-disabled-hint = Эта учётная запись отключена. После включения пользователь снова сможет войти.
admin-user-enable = Включить учётную запись
admin-user-reset-password = Сбросить пароль
admin-user-reset-hint = Его открытые сеансы завершатся. Сообщите новый пароль по надёжному каналу.
admin-user-groups = Группы поддержки
admin-user-no-groups = Не состоит ни в одной группе.
admin-scope-own = Свои заявки
admin-scope-department = Своё подразделение
admin-scope-group = Свои группы
admin-scope-all = Все заявки

admin-departments-title = Подразделения
admin-departments-total = { $count ->
    [one] { $count } подразделение
    [few] { $count } подразделения
   *[many] { $count } подразделений
}
admin-departments-empty = Подразделений пока нет. Создайте первое выше.
admin-department-new = Новое подразделение

admin-groups-title = Группы поддержки
admin-groups-total = { $count ->
    [one] { $count } группа
    [few] { $count } группы
   *[many] { $count } групп
}
admin-groups-empty = Групп пока нет. Создайте первую выше.
admin-group-new = Новая группа
admin-group-level = Уровень поддержки
admin-group-security = Группа безопасности
admin-group-security-hint = Участники группы безопасности видят заявки категорий безопасности.
admin-group-settings = Настройки
admin-group-members = { $count ->
    [one] { $count } участник
    [few] { $count } участника
   *[many] { $count } участников
}
admin-group-no-members = Участников пока нет. Добавьте агентов ниже.
admin-group-add-agent = Добавляемый агент
admin-group-add = Добавить в группу
admin-group-remove = Убрать
admin-group-remove-of = Убрать { $name } из группы
admin-group-no-candidates = Все активные агенты уже состоят в группе.
admin-level-0 = Уровень 0 — горячая линия
admin-level-1 = Уровень 1 — первая линия
admin-level-2 = Уровень 2 — вторая линия
admin-level-3 = Уровень 3 — эксперты и поставщики

admin-roles-title = Роли
admin-roles-total = { $count ->
    [one] { $count } роль
    [few] { $count } роли
   *[many] { $count } ролей
}
admin-role-new = Новая роль
admin-role-new-title = Новая роль
admin-role-edit-title = Роль { $name }
admin-role-builtin = Встроенная
admin-role-permissions = Права
admin-role-permission-count = { $count ->
    [one] { $count } право
    [few] { $count } права
   *[many] { $count } прав
}
admin-role-administrator-hint = Роль администратора всегда сохраняет право «Управление ролями», чтобы кто-то всегда мог вернуть права.
admin-role-requester-desc = Сотрудники и клиенты: создают свои заявки и следят за ними
admin-role-agent-desc = Агенты службы поддержки любого уровня
admin-role-team-lead-desc = Следит за очередями, риском нарушения SLA и показателями
admin-role-auditor-desc = Читает заявки и журнал аудита, ничего не меняет
admin-role-administrator-desc = Всё

admin-categories-title = Категории
admin-categories-total = { $count ->
    [one] { $count } категория
    [few] { $count } категории
   *[many] { $count } категорий
}
admin-category-new = Новая категория
admin-category-parent = Родительская категория
admin-category-top = (верхний уровень)
admin-category-key = Ключ
admin-category-key-hint = Постоянный ключ для правил и отчётов: латинские буквы, цифры и _ (например, printer_jam). Позже он не меняется.
admin-category-security = Видна только группе безопасности
admin-category-security-badge = Безопасность
admin-category-state = Состояние
admin-category-active = Активна
admin-category-inactive = Неактивна
admin-category-active-label = Предлагается для новых заявок
admin-category-active-hint = Неактивная категория остаётся у заявок, где она указана, но для новых заявок больше не предлагается.

admin-matrix-title = Матрица приоритетов
admin-matrix-hint = Каждая ячейка — приоритет, который заявка получает по влиянию (строки) и срочности (столбцы), если агент не задал приоритет вручную.
admin-matrix-caption = Приоритет по влиянию и срочности
admin-matrix-corner = Влияние / срочность
admin-matrix-impact = Влияние
admin-matrix-urgency = Срочность
admin-matrix-cell = Приоритет при влиянии «{ $impact }» и срочности «{ $urgency }»
admin-matrix-effect = Новые заявки и заявки, у которых меняется влияние или срочность, используют сохранённую матрицу; остальные сохраняют свой приоритет. Большее влияние или срочность никогда не должны давать более низкий приоритет.

admin-audit-title = Журнал аудита
admin-audit-total = { $count ->
    [one] { $count } изменение
    [few] { $count } изменения
   *[many] { $count } изменений
}
admin-audit-any = Любое
admin-audit-action = Действие
admin-audit-object = Объект
admin-audit-object-id = Номер объекта
admin-audit-when = Когда
admin-audit-who = Кто
admin-audit-details = Подробности
admin-audit-empty = Нет изменений, подходящих под эти фильтры.
admin-audit-system = Система (командная строка или первый запуск)
admin-audit-of-object = История в журнале аудита
admin-action-user-create = Пользователь создан
admin-action-user-update = Пользователь изменён
admin-action-user-password = Изменён собственный пароль
admin-action-user-preferences = Изменены собственные настройки
admin-action-department-create = Подразделение создано
admin-action-department-rename = Подразделение переименовано
admin-action-group-create = Группа создана
admin-action-group-update = Группа изменена
admin-action-group-add-member = Участник добавлен
admin-action-group-remove-member = Участник убран
admin-action-role-create = Роль создана
admin-action-role-update = Роль изменена
admin-action-category-create = Категория создана
admin-action-category-update = Категория изменена
admin-action-settings-priority-matrix = Матрица приоритетов изменена
admin-action-token-create = Токен API создан
admin-action-token-revoke = Токен API отозван
admin-action-demo-load = Загружены демонстрационные данные
admin-object-user = Пользователь
admin-object-department = Подразделение
admin-object-group = Группа
admin-object-role = Роль
admin-object-category = Категория
admin-object-settings = Настройка
admin-object-token = Токен API
admin-object-demo = Демонстрационные данные

admin-saved-user-created = Пользователь создан.
admin-saved-user-updated = Пользователь сохранён.
admin-saved-user-enabled = Учётная запись включена.
admin-saved-user-disabled = Учётная запись отключена, её сеансы завершены.
admin-saved-password-reset = Пароль сброшен, сеансы завершены.
admin-saved-department-created = Подразделение создано.
admin-saved-department-renamed = Подразделение переименовано.
admin-saved-group-created = Группа создана.
admin-saved-group-updated = Группа сохранена.
admin-saved-member-added = Агент добавлен в группу.
admin-saved-member-removed = Агент убран из группы.
admin-saved-role-created = Роль создана.
admin-saved-role-updated = Роль сохранена.
admin-saved-category-created = Категория создана.
admin-saved-category-updated = Категория сохранена.
admin-saved-matrix = Матрица приоритетов сохранена.

admin-error-self-disable = Нельзя отключить собственную учётную запись.
admin-error-cycle = Категорию нельзя поместить внутрь неё самой или внутрь одной из её подкатегорий.
admin-error-lockout = Роль администратора должна сохранять право «Управление ролями» (admin.roles), иначе никто не сможет вернуть права.
admin-error-not-monotonic = Большее влияние или большая срочность никогда не должны давать более низкий приоритет: проверьте каждую строку слева направо и каждый столбец сверху вниз.
admin-error-login-taken = Этот логин или адрес e-mail уже используется.
admin-error-name-taken = Это название уже используется.
admin-error-malformed-key = Ключ — от 1 до 64 латинских букв, цифр или _.
admin-error-malformed-login = Логин — от 2 до 64 букв, цифр, «.», «_», «-» или «@».
admin-error-malformed-email = Это не адрес e-mail.
admin-error-unknown-role = Такой роли нет.
admin-error-unknown-permission = Такого права нет.
admin-error-unknown = Выбранный элемент больше не существует; обновите страницу.
admin-error-unknown-value = Этого значения нет среди вариантов.
admin-error-out-of-range = Уровень поддержки — 0, 1, 2 или 3.
admin-error-control-characters = Переводы строк и управляющие символы здесь не допускаются.
admin-error-password-too-short = Пароль должен содержать не менее 10 символов.
admin-error-time-zone-unknown-value = Это не часовой пояс вида Europe/Moscow.
admin-error-name-required = Название обязательно.
admin-error-display-name-too-long = Имя слишком длинное (не более 200 символов).
admin-error-description-too-long = Описание слишком длинное (не более 1000 символов).

perm-ticket-create = Создание заявок
perm-ticket-create-desc = Создавать заявку от своего имени.
perm-ticket-create-for-others = Создание заявок за других
perm-ticket-create-for-others-desc = Создавать заявку от имени другого заявителя (звонок, личное обращение).
perm-ticket-read = Чтение заявок
perm-ticket-read-desc = Читать заявки в пределах области действия роли.
perm-ticket-read-internal = Чтение внутренних заметок
perm-ticket-read-internal-desc = Читать внутренние заметки, записи звонков и сводки эскалаций.
perm-ticket-reply = Ответы
perm-ticket-reply-desc = Добавлять публичный ответ, который видит заявитель.
perm-ticket-note = Внутренние заметки
perm-ticket-note-desc = Добавлять внутреннюю заметку или записывать телефонный звонок.
perm-ticket-update = Изменение заявок
perm-ticket-update-desc = Менять статус, приоритет, влияние, срочность, категорию и другие поля.
perm-ticket-assign = Назначение заявок
perm-ticket-assign-desc = Менять группу, исполнителя или уровень поддержки заявки.
perm-ticket-escalate = Эскалация
perm-ticket-escalate-desc = Эскалировать на другой уровень или в другую группу и брать эскалированные заявки.
perm-ticket-confirm = Подтверждение решений
perm-ticket-confirm-desc = Подтверждать решение своей заявки или открывать её снова.
perm-admin-users = Управление пользователями
perm-admin-users-desc = Создавать и изменять пользователей, их роли и области действия; отключать учётные записи; сбрасывать пароли.
perm-admin-groups = Управление группами
perm-admin-groups-desc = Создавать и изменять группы поддержки и их состав.
perm-admin-departments = Управление подразделениями
perm-admin-departments-desc = Создавать и переименовывать подразделения.
perm-admin-categories = Управление категориями
perm-admin-categories-desc = Создавать, переименовывать, перемещать и отключать категории.
perm-admin-roles = Управление ролями
perm-admin-roles-desc = Создавать роли и менять их права.
perm-admin-settings = Управление настройками
perm-admin-settings-desc = Менять настройки, например матрицу приоритетов.
perm-audit-read = Чтение журнала аудита
perm-audit-read-desc = Читать журнал аудита и объяснения решений о правах.
perm-report-view = Просмотр отчётов
perm-report-view-desc = Просматривать отчёты и показатели.
perm-kb-read-internal = Чтение внутренних статей
perm-kb-read-internal-desc = Читать внутренние статьи базы знаний, а также черновики, статьи на проверке и в архиве.
perm-kb-write = Написание статей
perm-kb-write-desc = Создавать и изменять черновики статей базы знаний и их переводы, отправлять их на проверку, возвращать статьи из архива.
perm-kb-publish = Публикация статей
perm-kb-publish-desc = Утверждать и публиковать статьи базы знаний, возвращать их в черновик, архивировать и изменять опубликованные.

# Удаление после подтверждения (src/ui/admin/confirm.rs).
admin-delete = Удалить
admin-delete-title = Удаление
admin-delete-hint = Это действие нельзя отменить. Изменение записывается в журнал аудита.
admin-delete-confirm = Да, удалить
admin-delete-ola-question = Удалить целевой показатель OLA «{ $name }»? Его счётчики в заявках останутся в истории.
admin-deleted-ola = Целевой показатель OLA удалён.
