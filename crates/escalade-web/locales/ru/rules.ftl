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
