# Уровни обслуживания в консоли агента: часы, объяснение, очередь «SLA под угрозой», уведомления, администрирование.
sla-less-than-a-minute = меньше минуты
sla-minutes = { $count ->
    [one] { $count } минута
    [few] { $count } минуты
   *[many] { $count } минут
}
sla-hours = { $count ->
    [one] { $count } час
    [few] { $count } часа
   *[many] { $count } часов
}
sla-left = осталось { $time }
sla-overdue = просрочено на { $time }
sla-paused-with = на паузе, { $time }
sla-stopped-at = остановлены { $time }
sla-due = Срок
sla-why = Почему? Как рассчитаны сроки
sla-clocks-title = Уровни обслуживания
sla-clocks-none = К этой заявке не применяется ни одна политика SLA.
sla-clock-response = Первый ответ
sla-clock-resolution = Решение
sla-clock-update = Обновление
sla-clock-ola = OLA
sla-state-running = идут
sla-state-paused = на паузе
sla-state-met = соблюдён
sla-state-breached = нарушен
sla-state-warned = предупреждение
sla-policy-kind-sla-policy = Политика SLA
sla-policy-kind-ola-target = Цель OLA
sla-day-monday = Понедельник
sla-day-tuesday = Вторник
sla-day-wednesday = Среда
sla-day-thursday = Четверг
sla-day-friday = Пятница
sla-day-saturday = Суббота
sla-day-sunday = Воскресенье
sla-calendar-always-open = Круглосуточно (24x7)
sla-warn-after = при { $percent } % ({ $time })
sla-gap-paused = Пауза на время ожидания
sla-gap-stopped = Остановлены (решена или передана)
sla-event-warning = Предупреждение
sla-event-breach = Нарушение
sla-event-recomputed = Пересчёт
sla-event-action = Действие
sla-explain-title = Уровни обслуживания { $number }
sla-explain-crumb = Уровни обслуживания
sla-explain-as-of = На момент
sla-explain-none = У этой заявки нет часов SLA или OLA.
sla-explain-policy = Политика и причина выбора
sla-explain-matched = Выполненные условия
sla-explain-skipped = Пропущенные политики выше по списку
sla-explain-calendar = Календарь
sla-explain-week = Рабочая неделя
sla-explain-numbers = Цель и срок
sla-explain-target = Цель (рабочее время)
sla-explain-warning = Предупреждение
sla-explain-started = Запущены
sla-explain-elapsed = Учтено на сейчас
sla-explain-remaining = Осталось
sla-explain-warn-at = Предупреждение в
sla-explain-warned-at = Предупреждение выдано
sla-explain-breached-at = Нарушено
sla-explain-stopped-at = Остановлены
sla-explain-outcome = Итог
sla-explain-counted = Учтённые отрезки и их рабочие интервалы
sla-explain-from = С
sla-explain-to = По
sla-explain-business-time = Рабочее время
sla-explain-working-intervals = Учтённые рабочие интервалы
sla-explain-running-now = идут
sla-explain-not-listed = { $count ->
    [one] и ещё { $count } интервал
    [few] и ещё { $count } интервала
   *[many] и ещё { $count } интервалов
}
sla-explain-not-counted = Не учтено
sla-explain-still = до сих пор
sla-explain-events = Пересчёты, предупреждения и нарушения
sla-explain-events-none = В журнале пока ничего нет.
sla-back-to-ticket = Назад к заявке
sla-at-risk-title = SLA под угрозой
sla-at-risk-hint = Заявки, у которых идущие часы выдали предупреждение или нарушены, самые срочные первыми.
sla-at-risk-empty = Нет заявок под угрозой.
sla-col-ticket = Заявка
sla-col-subject = Тема
sla-col-priority = Приоритет
sla-col-clocks = Часы
sla-pages = Страницы
sla-notifications-title = Уведомления
sla-notifications-empty = Уведомлений нет.
sla-unread-count = { $count ->
    [one] { $count } непрочитанное
    [few] { $count } непрочитанных
   *[many] { $count } непрочитанных
}
sla-notification-warning = Предупреждение SLA
sla-notification-breach = SLA нарушен
sla-notification-other = Сообщение
sla-notification-marked = Отмечено как прочитанное.
sla-mark-read = Отметить как прочитанное
sla-field-name = Название
sla-field-time-zone = Часовой пояс
sla-field-holidays = Праздники
sla-admin-link = Уровни обслуживания: политики SLA и календари
sla-admin-tabs = Настройки уровней обслуживания
sla-policies-title = Политики SLA
sla-policies-hint = Политики проверяются сверху вниз; применяется первая активная, все условия которой выполнены.
sla-policies-count = { $count ->
    [one] { $count } политика
    [few] { $count } политики
   *[many] { $count } политик
}
sla-policy-new-title = Новая политика SLA
sla-policy-edit-title = Политика SLA { $name }
sla-col-order = Порядок
sla-inactive = неактивна
sla-move-up = Выше
sla-move-down = Ниже
sla-saved-sla-policy = Политика сохранена.
sla-saved-sla-order = Порядок сохранён.
sla-field-targets = Цели
sla-field-first-response = Первый ответ
sla-field-resolution = Решение
sla-field-update-interval = Интервал обновлений
sla-unit-minutes = минут рабочего времени
sla-field-warn-percent = Предупреждать при (% от цели)
sla-field-active = Активна
sla-field-conditions = Условия
sla-conditions-hint = Должны выполняться все указанные условия; оставьте группу пустой, чтобы подходила любая заявка.
sla-field-vip = VIP-заявитель
sla-vip-any = Любой заявитель
sla-vip-yes = Только VIP
sla-vip-no = Не VIP
sla-field-services = Затронутые сервисы (через запятую)
sla-field-on-warning = При предупреждении
sla-field-on-breach = При нарушении
sla-action-notify = Уведомить исполнителя и руководителя группы
sla-action-escalate-next-level = Эскалировать на следующий уровень
sla-action-raise-priority = Повысить приоритет
sla-save = Сохранить
sla-cancel = Отмена
sla-error-number = { $field }: введите число минут.
sla-error-calendar = Выберите календарь.
sla-error-invalid = Недопустимое значение: { $detail }
sla-error-holidays = Праздники — не корректный JSON: { $detail }
sla-calendars-title = Календари
sla-calendars-count = { $count ->
    [one] { $count } календарь
    [few] { $count } календаря
   *[many] { $count } календарей
}
sla-calendar-new-title = Новый календарь
sla-calendar-edit-title = Календарь { $name }
sla-calendar-working-week = Рабочая неделя
sla-saved-sla-calendar = Календарь сохранён.
sla-calendar-hours-hint = Рабочие часы по дням недели, например 09:00-12:00, 13:00-17:00; оставьте день пустым, если он выходной. Не учитывается для круглосуточного календаря.
sla-calendar-holidays-hint = Список нерабочих дней в JSON, каждый с "name", "first", при необходимости "last" (для нескольких дней) и "yearly" (см. docs/CALENDARS.md).
sla-olas-title = Цели OLA
sla-olas-hint = Сколько времени уровень поддержки (или одна группа на нём) может держать заявку, прежде чем решить или передать её. Цель для группы заявки важнее цели для всего уровня.
sla-olas-empty = Целей OLA пока нет.
sla-olas-count = { $count ->
    [one] { $count } цель OLA
    [few] { $count } цели OLA
   *[many] { $count } целей OLA
}
sla-ola-new-title = Новая цель OLA
sla-ola-edit-title = Цель OLA { $name }
sla-ola-every-group = Все группы уровня
sla-saved-sla-ola = Цель OLA сохранена.
sla-field-level = Уровень поддержки
sla-field-group = Группа
sla-field-ola-target = Цель
sla-leads-title = Руководители групп
sla-leads-hint = Руководитель группы получает уведомления о предупреждениях и нарушениях SLA по её заявкам.
sla-field-lead = Руководитель
sla-lead-none = Без руководителя
sla-saved-sla-lead = Руководитель группы сохранён.
# Как рассчитан срок, по шагам (страница объяснения), и строка политики на панели часов.
sla-explain-steps = Как рассчитан срок
sla-explain-policy-line = Политика: { $policy }
sla-pinned-by = { $by ->
    [rule] закреплена правилом «{ $name }»
   *[person] закреплена пользователем { $name }
}
sla-step-policy-chosen = Политика { $policy } выбрана по её условиям: { $reasons }.
sla-step-policy-pinned = Политика { $policy } закреплена за заявкой { $by ->
    [rule] правилом «{ $name }»
   *[person] пользователем { $name }
}; её условия не проверяются.
sla-step-pin-lapsed = Политика { $policy } была закреплена { $by ->
    [rule] правилом «{ $name }»
   *[person] пользователем { $name }
}, но { $lapse ->
    [deleted] она удалена
   *[inactive] она неактивна
}: политика выбирается по условиям.
sla-step-target = Цель: { $target } рабочего времени на { $clock ->
    [response] первый ответ
    [update] интервал обновления
    [ola] уровень поддержки
   *[resolution] решение
}; предупреждение на { $percent } % ({ $warn }).
sla-step-calendar-always = Считается каждый час (24x7).
sla-step-calendar-hours = Считаются только рабочие часы календаря, в часовом поясе { $zone }.
sla-step-started = Запущены { $at }.
sla-step-counted = Засчитано { $time } в { $count ->
    [one] { $count } рабочем интервале
   *[other] { $count } рабочих интервалах
}.
sla-step-paused = Приостанавливались { $count ->
    [one] { $count } раз
    [few] { $count } раза
   *[other] { $count } раз
}, пока заявка ожидала.
sla-step-reopened = Не засчитано время, пока заявка была решена, перед { $count ->
    [one] { $count } повторным открытием
   *[other] { $count } повторными открытиями
}.
sla-step-met = Остановлены { $at } в пределах цели: выполнено.
sla-step-stopped-late = Остановлены { $at } после цели: просрочено на { $time }.
sla-step-paused-now = На паузе, осталось { $time }; срок будет назначен снова, когда заявка перестанет ожидать.
sla-step-due = Срок { $at }: начало текущего отрезка плюс оставшиеся { $time }.
sla-step-no-deadline = В календаре больше нет рабочего времени: срока нет.
sla-step-breach-recorded = Нарушение зафиксировано { $at }.
sla-step-recomputed = Пересчитано { $at } после { $changed }: политика { $from } → { $to }; срок { $before } → { $after }.
sla-step-none = нет
sla-changed-priority = изменения приоритета
sla-changed-type = изменения типа
sla-changed-category = изменения категории
sla-changed-service = изменения услуги
sla-changed-sla-policy = изменения закреплённой политики
sla-reason-no-conditions = условий нет: применяется ко всем заявкам
sla-reason-inactive = политика неактивна
sla-reason-target-inactive = цель неактивна
sla-reason-priority-is = приоритет — { $priority }
sla-reason-priority-not-in = приоритет — { $priority }, а политика для { $wanted }
sla-reason-type-is = тип — { $type }
sla-reason-type-not-in = тип — { $type }, а политика для { $wanted }
sla-reason-category-is = категория — № { $category }
sla-reason-category-under = категория № { $category } входит в категорию № { $ancestor }
sla-reason-category-not-in = категория № { $category } не входит в категории { $wanted }
sla-reason-no-category = у заявки нет категории, а политика для категорий { $wanted }
sla-reason-service-is = услуга — { $service }
sla-reason-service-not-in = услуга — { $service }, а политика для { $wanted }
sla-reason-no-service = в заявке не указана услуга, а политика для { $wanted }
sla-reason-department-is = отдел заявителя — № { $department }
sla-reason-department-not-in = отдел заявителя — № { $department }, а политика для отделов { $wanted }
sla-reason-no-department = у заявителя нет отдела, а политика для отделов { $wanted }
sla-reason-vip = заявитель — VIP
sla-reason-not-vip = заявитель не VIP
sla-reason-vip-excluded = заявитель — VIP, а политика исключает VIP
sla-reason-at-level = заявка на уровне { $level }
sla-reason-in-group = заявка в группе № { $group }
sla-reason-every-group = цель действует для всех групп уровня
sla-reason-other-level = цель для уровня { $wanted }, а заявка на уровне { $level }
sla-reason-other-group = цель для группы № { $wanted }, а заявка в группе № { $group }
sla-reason-other-group-none = цель для группы № { $wanted }, а заявка не в группе
sla-event-recomputed-body = Пересчёт после { $changed }: политика { $from } → { $to }.
sla-event-recomputed-clock = { $clock }: срок { $before } → { $after }.
