# Automation rules in the administration (src/ui/admin/rules.rs).

admin-section-rules = Правила
admin-section-rules-text = Правила событий, которые классифицируют и направляют заявки, правила по времени и проверка правила на заявке.
rules-title = Правила
rules-hint = Правила событий выполняются в этом порядке, когда заявка создана, изменена или получила ответ заявителя. Формат описан в
rules-new = Новое правило
rules-dry-run-title = Проверить правило на заявке
rules-event-rules = Правила событий
rules-col-position = №
rules-col-name = Название
rules-col-event = Событие
rules-col-active = Состояние
rules-col-actions = Действия
rules-col-kind = Вид
rules-active = Включено
rules-inactive = Выключено
rules-deactivate = Выключить
rules-activate = Включить
rules-move-up = Выше
rules-move-down = Ниже
rules-time-rules = Правила по времени
rules-time-edit-title = Изменить правило по времени
rules-edit-title = Правило
rules-time-edit-hint = Правило по времени в JSON: название, включено, вид и срок. См.
rules-edit-hint = Правило в JSON: название, событие, условия и действия по порядку. См.
rules-definition = Правило (JSON)
rules-dry-run-hint = Показывает, сработало бы правило на заявке и что бы оно изменило. Ничего не меняется.
rules-dry-run-reasons = Решающие условия
rules-dry-run-changes = Изменения
rules-dry-run-nothing = Ни одно поле не изменится.
rules-dry-run-notes = Внутренние заметки
rules-dry-run-replies = Автоответы
rules-dry-run-ticket = Номер заявки
rules-dry-run-stored = Сохранённое правило
rules-dry-run-use-text = Правило, написанное ниже
rules-dry-run-submit = Проверить
rules-dry-run-no-ticket = Такой заявки или правила нет или они вам недоступны.
rules-refused = Отклонено в { $path }: { $message }
rules-saved-rule = Правило сохранено.
rules-saved-order = Порядок сохранён.
rules-saved-time-rule = Правило по времени сохранено.
rules-event-created = Заявка создана
rules-event-updated = Заявка изменена
rules-event-reply-received = Получен ответ
rules-kind-remind-pending = Напоминание в ожидании
rules-kind-auto-close-resolved = Закрытие после решения
rules-kind-escalate-unassigned = Эскалация без исполнителя
rules-verdict-fired = Правило сработало бы
rules-verdict-no-match = Правило не подходит
rules-verdict-inactive = Правило выключено
rules-verdict-other-event = Правило выполняется на другом событии
rules-verdict-not-reached = Предыдущее правило останавливает выполнение
rules-count = { $count ->
    [one] { $count } правило
    [few] { $count } правила
   *[many] { $count } правил
}

# Удаление правил и форма правил по времени (src/ui/admin/rules.rs, time_rules.rs).
rules-delete-question = Удалить правило «{ $name }»? Записи журнала, сделанные им, сохранят его название.
rules-saved-rule-deleted = Правило удалено.
rules-saved-time-rule-deleted = Правило по времени удалено.
time-rule-new-title = Новое правило по времени
time-rule-hint = Правило по времени выполняет планировщик: по истечении заданного срока оно напоминает заявителю об ожидающей заявке, закрывает решённую заявку или эскалирует заявку, которую никто не взял. Оно действует для заявок, которые переходят в его состояние с этого момента.
time-rule-kind-hint = Заполните раздел выбранного вида; остальные разделы не учитываются.
time-rule-after-hours = Часов в ожидании до напоминания
time-rule-repeat = Напоминать снова через тот же срок, пока заявка ожидает
time-rule-template = Ключ шаблона напоминания
time-rule-text = Текст напоминания
time-rule-after-days = Дней в состоянии «решена» до закрытия
time-rule-after-minutes = Минут без исполнителя до эскалации
time-rule-to-level = Уровень назначения
time-rule-to-group = Группа назначения
time-rule-next-level = Следующий уровень
time-rule-level = Уровень { $level }
time-rule-no-group = Единственная группа уровня
time-rule-delete-question = Удалить правило по времени «{ $name }»? Уже запланированные им задания ничего не сделают.
time-rule-error-name = Укажите название правила: одна строка не длиннее 200 символов.
time-rule-error-kind = Выберите, что делает правило.
time-rule-error-after-hours = Укажите часы целым числом от 1 до 8784.
time-rule-error-after-days = Укажите дни целым числом от 1 до 3660.
time-rule-error-after-minutes = Укажите минуты целым числом от 1 до 527040.
time-rule-error-template = Укажите ключ шаблона: буквы, цифры, «_», «.» или «-».
time-rule-error-text = Напишите текст напоминания (не более 20 000 символов).
time-rule-error-to-level = Выберите уровень от 0 до 3 выше уровня заявки или следующий уровень.
time-rule-error-to-group = Выберите существующую группу.
