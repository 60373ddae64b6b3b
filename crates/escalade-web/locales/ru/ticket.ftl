# Страница заявки для агентов: поля, карточка заявителя, история, файлы и формы.
ticket-none = —
ticket-unassigned = Не назначена
ticket-system = Система
ticket-public = Публично
ticket-internal = Внутреннее
ticket-security = Безопасность: доступно только группе безопасности
ticket-vip = VIP
ticket-created = Открыта
ticket-updated = Изменена
ticket-description = Описание
ticket-no-description = Описание не указано.
ticket-key-facts = Ключевые факты
ticket-no-key-facts = Ключевые факты не записаны.
ticket-fields = Сведения

ticket-field-status = Статус
ticket-field-priority = Приоритет
ticket-field-type = Тип
ticket-field-channel = Канал
ticket-field-category = Категория
ticket-field-impact = Влияние
ticket-field-urgency = Срочность
ticket-field-level = Уровень поддержки
ticket-field-group = Группа
ticket-field-assignee = Исполнитель
ticket-field-requester = Заявитель
ticket-field-department = Отдел
ticket-field-service = Сервис
ticket-field-nature = Характер
ticket-field-config-items = Конфигурационные единицы
ticket-field-tags = Метки
ticket-field-watchers = Наблюдатели
ticket-field-subject = Тема

ticket-priority-matrix = { $priority } (по влиянию и срочности)
ticket-priority-manual = { $priority } (задан вручную)
ticket-nature-technical = Технический
ticket-nature-functional = Функциональный
ticket-nature-regulatory = Нормативный

ticket-fact-started = Началось
ticket-fact-users-affected = Затронуто пользователей
ticket-fact-error-codes = Коды или сообщения об ошибках
ticket-fact-tried = Уже пробовали

ticket-requester-title = Заявитель
ticket-requester-email = Эл. почта
ticket-requester-language = Язык
ticket-other-open = Другие открытые заявки
ticket-other-open-count = { $count ->
    [0] Других открытых заявок нет.
    [one] { $count } другая открытая заявка.
    [few] { $count } другие открытые заявки.
    [many] { $count } других открытых заявок.
   *[other] { $count } других открытых заявки.
}
ticket-other-open-more = Самые новые из других открытых заявок: { $count } (есть и другие).

ticket-journal = История
ticket-entries-count = { $count ->
    [one] { $count } запись
    [few] { $count } записи
    [many] { $count } записей
   *[other] { $count } записи
}
ticket-journal-pages = Страницы истории
ticket-journal-earlier = Более ранние записи
ticket-journal-later = Более поздние записи
ticket-journal-end = Конец истории
ticket-handover-summary = Сводка для передачи
ticket-change = { $field }: { $from } → { $to }
ticket-opened-via = Открыта через канал «{ $channel }»
ticket-on-behalf = от имени: { $name }
ticket-reopened-by-reply = Открыта снова после ответа заявителя.
ticket-escalation-levels = Уровень: { $from } → { $to }
ticket-escalation-groups = Группа: { $from } → { $to }
ticket-escalation-from-assignee = Передал исполнитель { $name }
ticket-taken-by = Взял в работу { $name }: { $level } (группа { $group })

ticket-files-title = Файлы
ticket-files-none = Файлов пока нет.
ticket-file-name = Файл
ticket-file-size = Размер
ticket-file-visibility = Кому виден
ticket-file-by = Кто добавил
ticket-attach-file = Файлы для прикрепления
ticket-attach-visibility = Кому они видны
ticket-attach-public = Также заявителю (публично)
ticket-attach-internal = Только агентам (внутреннее)
ticket-attach-submit = Прикрепить

ticket-reply-title = Ответ заявителю
ticket-reply-hint = Заявитель увидит этот ответ.
ticket-reply-label = Публичный ответ
ticket-reply-submit = Отправить ответ
ticket-note-title = Внутренняя заметка
ticket-note-hint = Заметки и звонки видят только агенты, заявитель — никогда.
ticket-note-kind = Вид заметки
ticket-note-kind-internal = Внутренняя заметка
ticket-note-kind-phone = Телефонный звонок
ticket-note-label = Заметка (только для агентов)
ticket-note-submit = Добавить внутреннюю заметку

ticket-update-title = Изменить
ticket-update-submit = Сохранить изменения
ticket-priority-auto = По влиянию и срочности
ticket-matrix-gives = Влияние и срочность дают:
ticket-group-hint = При смене группы заявка переходит на уровень этой группы.
ticket-group-with-level = { $name } (уровень { $level })

ticket-escalate-title = Эскалировать
ticket-escalate-hint = Передать заявку на более высокий уровень или в другую группу. Там она ждёт, пока её не возьмут в работу.
ticket-escalate-level = Целевой уровень
ticket-escalate-next-level = Следующий уровень ({ $level })
ticket-escalate-same-level = Этот же уровень (другая группа)
ticket-escalate-this-level = Уровень { $level } (другая группа этого уровня)
ticket-escalate-group = Принимающая группа
ticket-escalate-group-auto = Группа уровня (если она одна)
ticket-escalate-summary = Сводка для передачи (обязательно)
ticket-escalate-summary-hint = Что известно, что сделано, где журналы: следующему уровню не придётся переспрашивать.
ticket-escalate-submit = Эскалировать
ticket-take = Взять заявку в работу

ticket-saved-reply = Ваш ответ отправлен.
ticket-saved-note = Внутренняя заметка добавлена.
ticket-saved-call = Телефонный звонок записан.
ticket-saved-update = Изменения сохранены.
ticket-saved-escalated = Заявка эскалирована.
ticket-saved-taken = Вы взяли заявку в работу; теперь она назначена вам.
ticket-saved-attached = Файлы прикреплены.

ticket-error-forbidden = Вам нельзя делать это с этой заявкой.
ticket-error-no-change = У заявки уже этот статус.
ticket-error-closed-is-final = Закрытую заявку больше нельзя изменить; откройте новую и свяжите их.
ticket-error-cancelled-is-final = Отменённую заявку больше нельзя изменить.
ticket-error-escalation-needs-handover = Заявку эскалируют через форму эскалации, где нужна сводка для передачи.
ticket-error-new-is-initial = Заявку нельзя вернуть в статус «Новая».
ticket-error-assigned-needs-assignee = Статус «Назначена» возможен только с исполнителем: выберите и его.
ticket-error-close-only-resolved = Закрыть можно только решённую заявку: сначала решите её.
ticket-error-resolved-closes-or-reopens = Решённую заявку либо закрывают, либо открывают снова («В работе» или «Назначена»).
ticket-error-pending-needs-work-started = Отложить можно только заявку в работе («Назначена» или «В работе»).
ticket-error-take-before-waiting = Сначала возьмите эскалированную заявку в работу, потом откладывайте.
ticket-error-take-only-escalated = Взять в работу можно только эскалированную заявку.
ticket-error-summary-required = Нужна сводка для передачи не короче 10 символов: что известно, что сделано.
ticket-error-body-required = Сначала напишите текст.
ticket-error-group-required = На этом уровне работают несколько групп: выберите принимающую группу.
ticket-error-no-higher-level = Заявка уже на 3-м уровне: эскалируйте в другую группу.
ticket-error-escalation-goes-up = Эскалация идёт вверх или в сторону, но не вниз.
ticket-error-same-target = Эскалация на том же уровне должна указывать другую группу.
ticket-error-level-mismatch = Эта группа работает на другом уровне, чем выбранный.
ticket-error-empty-patch = Ничего не изменено.
ticket-error-not-an-agent = Этот человек не является активным агентом.
ticket-error-inactive = Эта категория больше не используется.
ticket-error-unknown = Этого варианта больше нет; обновите страницу.
ticket-error-unknown-value = Такого значения нет среди вариантов.
ticket-error-empty-file = Файл пуст.
ticket-error-no-file = Выберите файл для прикрепления.
ticket-error-busy-ticket = Сейчас заявку меняют другие; попробуйте ещё раз.

## Запись, пришедшая по электронной почте (страница заявки для агентов)
mail-from = Получено по электронной почте от { $address }
mail-history-folded = { $count ->
    [one] Свёрнут { $count } символ цитируемой переписки (он есть в исходном письме)
    [few] Свёрнуто { $count } символа цитируемой переписки (они есть в исходном письме)
   *[other] Свёрнуто { $count } символов цитируемой переписки (они есть в исходном письме)
}
mail-linked-to = Открыто как новая заявка, связанная с { $number }
mail-original = Скачать исходное письмо
mail-files = Вложения этого письма
mail-reason-other = Привязка: { $code }
mail-reason-new-conversation = Почему здесь: новая переписка, поэтому новая заявка.
mail-reason-replied-to-desk-message = Почему здесь: это ответ на письмо службы поддержки по заявке { $number }.
mail-reason-subject-number = Почему здесь: в теме указана заявка { $number }, и отправитель в ней участвует.
mail-reason-subject-number-from-stranger = Почему здесь: в теме указана заявка { $number }, но отправитель в ней не участвует, поэтому открыта отдельная заявка.
mail-reason-follow-up-to-final-ticket = Почему здесь: это продолжение заявки { $number }, которая закрыта, поэтому открыта новая.
mail-reason-subject-number-not-found = Почему здесь: в теме указана заявка { $number }, которой нет, поэтому открыта новая.
mail-reason-automatic-on-thread = Почему здесь: автоматический ответ (отсутствие, возврат, уведомление о прочтении) по заявке { $number }, сохранён как внутренняя заметка.
mail-reason-same-external-id = Почему здесь: то же оповещение, что и в заявке { $number }, от той же системы; добавлено заметкой.
mail-reason-new-external-id = Почему здесь: новое оповещение от системы мониторинга или другой системы заявок.
mail-reason-recovery-without-ticket = Почему здесь: сообщение о восстановлении для оповещения, которого нет ни в одной заявке.
mail-reason-automatic-mail = Почему здесь: автоматическое письмо.
mail-reason-mail-loop = Почему здесь: почтовая петля была прервана.
mail-html-link = Открыть письмо с оформлением
mail-html-back = Вернуться к заявке
mail-html-note = Письмо в оформлении отправителя, очищенное от скриптов и внешнего содержимого.
mail-html-show-images = { $count ->
    [one] Показать { $count } встроенное изображение
    [few] Показать { $count } встроенных изображения
   *[other] Показать { $count } встроенных изображений
}
mail-html-hide-images = Скрыть встроенные изображения
mail-html-none = У этого письма нет версии с оформлением (HTML): его текст есть в заявке.

## Панель знаний
ticket-kb-suggested = Предлагаемые статьи
ticket-kb-similar = Похожие заявки
ticket-kb-linked = Связанные статьи
ticket-kb-none = Нет статей, подходящих к этой заявке.
ticket-kb-none-similar = Похожих заявок нет.
ticket-kb-none-linked = С этой заявкой не связано ни одной статьи.
ticket-kb-link = Связать
ticket-kb-linked-mark = Связана
ticket-kb-insert-steps = Вставить шаги в ответ
ticket-kb-draft = Превратить решение в статью
ticket-kb-draft-hint = Создаёт черновик внутренней статьи из темы, описания и последнего ответа, связанный с этой заявкой.
ticket-kb-kind-sop = Инструкция
ticket-kb-kind-known_error = Известная ошибка
ticket-kb-kind-faq = Вопрос-ответ
ticket-kb-kind-how_to = Руководство
ticket-saved-linked = Статья связана с заявкой.
