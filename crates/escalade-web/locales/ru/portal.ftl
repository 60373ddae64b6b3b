# Портал самообслуживания для заявителей: их обращения, новое обращение, одно обращение.

## Список обращений
portal-list-title = Мои обращения
portal-new-button = Новое обращение
portal-filter-label = Показать обращения
portal-filter-all = Все
portal-filter-open = Открытые
portal-filter-resolved = Решённые и закрытые
portal-empty-title = У вас пока нет обращений
portal-empty-text = Если что-то не работает или вам что-то нужно (доступ, оборудование, программа, информация), нажмите «Новое обращение» и расскажите нам. Здесь вы будете следить за его ходом.
portal-empty-open = Сейчас у вас нет открытых обращений. Если вам нужна помощь, создайте новое обращение.
portal-empty-resolved = Ни одно из ваших обращений ещё не решено и не закрыто.
portal-col-number = Номер
portal-col-subject = Тема
portal-col-status = Состояние
portal-col-category = Категория
portal-col-updated = Последнее изменение
portal-col-created = Создано
portal-colleague = Коллега
portal-colleague-hint = Создано коллегой из вашего подразделения
portal-pager-label = Страницы
portal-list-count = { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
}

## Новое обращение
portal-new-title = Новое обращение
portal-new-intro = Расскажите своими словами, что вам нужно. Обязательна только тема; чем больше вы расскажете, тем быстрее мы сможем помочь.
portal-new-type = О чём речь?
portal-type-incident = Что-то сломалось или не работает
portal-type-incident-hint = Ошибка, сбой, что-то работает медленнее обычного.
portal-type-service-request = Мне что-то нужно
portal-type-service-request-hint = Доступ, учётная запись, оборудование, программа, изменение.
portal-type-question = У меня вопрос
portal-type-question-hint = Как что-то сделать, где что-то найти.
portal-type-complaint = Я хочу подать жалобу
portal-type-complaint-hint = О полученном обслуживании.
portal-new-category = Тема обращения
portal-new-category-unsure = Не знаю
portal-new-subject = Тема (одна строка)
portal-new-subject-hint = Например: «Принтер на 2-м этаже печатает пустые страницы».
portal-new-description = Описание
portal-new-description-hint = Что произошло, с какого времени, какое сообщение об ошибке вы видели и что уже пробовали сделать.
portal-new-impact = Скольких людей это затрагивает?
portal-impact-low = Только меня
portal-impact-medium = Нескольких человек или мою команду
portal-impact-high = Многих: целое подразделение или больше
portal-new-urgency = Насколько это срочно для вас?
portal-urgency-low = Может подождать: я могу обойтись
portal-urgency-medium = Это замедляет мою работу
portal-urgency-high = Я не могу работать, пока это не исправят
portal-not-sure = Не знаю
portal-new-files = Файлы (снимки экрана, документы), необязательно
portal-files-limit = Можно выбрать несколько файлов, каждый не больше { $limit } МиБ.
portal-files-choose-again = В целях безопасности файлы не сохраняются, когда форма возвращается: выберите их ещё раз.
portal-new-submit = Отправить обращение

## Десять стандартных категорий
portal-category-hardware-failure = Неисправность оборудования
portal-category-software-failure = Сбой программы
portal-category-network = Сеть
portal-category-security = Безопасность
portal-category-user-support = Помощь пользователям
portal-category-service-request = Запрос на обслуживание
portal-category-data-recovery = Восстановление данных
portal-category-performance-optimisation = Производительность
portal-category-consulting = Консультация
portal-category-other = Другое

## Состояние обращения одной фразой
portal-state-new = Мы получили ваше обращение; скоро им займутся.
portal-state-assigned = За ваше обращение отвечает сотрудник.
portal-state-in-progress = Мы работаем над вашим обращением.
portal-state-pending = Мы ждём ответа от вас или от третьей стороны, чтобы продолжить.
portal-state-escalated = Ваше обращение передано специализированной группе.
portal-state-resolved = Мы считаем, что ваш вопрос решён. Подтвердите это или откройте обращение снова, если проблема осталась.
portal-state-closed = Это обращение закрыто.
portal-state-cancelled = Это обращение отменено (например, как повторное).

## Одно обращение
portal-flash-created = Спасибо! Ваше обращение { $number } зарегистрировано.
portal-flash-created-partial = Ваше обращение { $number } зарегистрировано, но эти файлы не удалось приложить: { $files }. Добавьте их ещё раз ниже.
portal-flash-replied = Ваш ответ добавлен.
portal-flash-confirmed = Спасибо за подтверждение; обращение закрыто.
portal-flash-reopened = Ваше обращение открыто снова; мы займёмся им ещё раз.
portal-flash-attached = Ваши файлы добавлены.
portal-no-category = Не выбрана
portal-you = Вы
portal-someone = Служба поддержки
portal-entry-created = { $name }: обращение создано
portal-entry-reply = { $name } пишет
portal-entry-email-in = Письмо от: { $name }
portal-entry-email-out = Письмо отправил(а): { $name }
portal-entry-status = { $name }: состояние изменено с «{ $from }» на «{ $to }»
portal-entry-confirmed = { $name }: решение подтверждено
portal-entry-reopened = { $name }: обращение открыто снова
portal-entry-attachment = { $name }: приложен файл { $file }
portal-size-bytes = { $n } байт
portal-size-kb = { $n } КБ
portal-size-mb = { $n } МБ
portal-decision-title = Ваша проблема решена?
portal-decision-text = Если теперь всё работает, подтвердите это, и мы закроем обращение. Если нет, напишите, что по-прежнему не так, и мы откроем его снова.
portal-confirm-button = Да, решено: закрыть обращение
portal-reopen-reason = Нет, не решено: что по-прежнему не так?
portal-reopen-hint = Ваш ответ будет добавлен в переписку.
portal-reopen-button = Открыть обращение снова
portal-conversation = Переписка
portal-description = Описание
portal-no-description = Описание не указано.
portal-reply-title = Ответить
portal-reply-label = Ваше сообщение
portal-reply-button = Отправить
portal-finished-text = Это обращение завершено. Если проблема вернётся или вам понадобится что-то ещё, создайте новое обращение.
portal-facts = Сведения
portal-priority = Приоритет
portal-type = Тип
portal-times-in = Время указано в часовом поясе { $zone }.
portal-files = Файлы
portal-files-none = Файлов пока нет.
portal-upload-label = Добавить файлы
portal-upload-button = Добавить файлы
portal-files-kept = Эти файлы добавлены: { $files }.

## Отклонённые формы
portal-error-choice = Выберите один из предложенных вариантов.
portal-error-category = Эта тема больше не предлагается; выберите другую.
portal-error-empty-message = Сначала напишите что-нибудь.
portal-error-subject-required = Укажите тему обращения.
portal-error-one-line = Тема должна умещаться в одну строку.
portal-error-state = Это уже невозможно: обращение тем временем изменилось. Обновите страницу, чтобы увидеть его состояние.
portal-error-forbidden = Вам нельзя делать это с этим обращением.
portal-error-no-file = Выберите хотя бы один файл.
portal-error-file-too-large = Файл «{ $name }» слишком большой: каждый файл может быть не больше { $limit } МиБ. Ничего не отправлено.
portal-error-file = Не удалось добавить файл «{ $name }»: { $reason }
