# База знаний в консоли агента: список, статья, редактор, история, отчёты.
nav-knowledge = База знаний

## Словарь
kb-kind-sop = Процедура (SOP)
kb-kind-known-error = Известная ошибка
kb-kind-faq = Вопрос и ответ
kb-kind-how-to = Инструкция
kb-kind-hint-sop = Пронумерованные шаги, у каждого — результат, который должен увидеть агент.
kb-kind-hint-known-error = Симптом, его причина и обходное решение.
kb-kind-hint-faq = Один вопрос и ответ на него.
kb-kind-hint-how-to = Свободный текст с заголовками, списками и ссылками.
kb-status-draft = Черновик
kb-status-review = На проверке
kb-status-published = Опубликована
kb-status-archived = В архиве
kb-visibility-public = Общедоступная
kb-visibility-internal = Внутренняя
kb-move-submit = Отправить на проверку
kb-move-approve = Одобрить и опубликовать
kb-move-send-back = Вернуть автору
kb-move-archive = В архив
kb-move-revive = Вернуть в черновики
kb-part-symptom = Симптом
kb-part-cause = Причина
kb-part-workaround = Обходное решение
kb-part-question = Вопрос
kb-part-answer = Ответ
kb-part-body = Текст

## Список
kb-title = База знаний
kb-new = Новая статья
kb-counts-label = Статьи по статусам
kb-filters-label = Фильтр статей
kb-filter-q = Слова
kb-filter-q-hint = Ищет по всему тексту каждого перевода (в любой форме слова, с ударениями и без), сначала лучшие совпадения; если ничего не найдено — заголовки, содержащие текст.
kb-filter-kind = Тип
kb-filter-status = Статус
kb-filter-category = Категория
kb-filter-visibility = Видимость
kb-filter-lang = Язык
kb-filter-any = Любой
kb-filter-invalid = Значение фильтра «{ $field }» не распознано; показаны все статьи.
kb-empty = Подходящих статей нет.
kb-empty-clear = Сбросить фильтры
kb-col-title = Заголовок
kb-col-kind = Тип
kb-col-status = Статус
kb-col-visibility = Видимость
kb-col-views = Просмотры
kb-col-votes = Оценки
kb-col-updated = Последнее изменение
kb-votes-helpful = Полезно
kb-votes-not-helpful = Бесполезно
kb-articles-count = { $count ->
    [one] { $count } статья
    [few] { $count } статьи
   *[many] { $count } статей
}

## Статья
kb-content-label = Содержание
kb-expected = Ожидаемый результат:
kb-no-steps = У этой процедуры пока нет шагов.
kb-lifecycle = Статус и проверка
kb-edit = Изменить
kb-mark-reviewed = Отметить как проверенную (всё верно)
kb-send-back-note = Что автору нужно исправить?
kb-files = Файлы
kb-files-none = Файлов нет.
kb-attach = Прикрепить файлы
kb-attach-submit = Прикрепить
kb-facts = Об этой статье
kb-published-at = Опубликована
kb-reviewed-at = Последняя проверка
kb-category = Категория
kb-service = Сервис
kb-author = Автор
kb-owner = Ответственный
kb-source-ticket = Создана из заявки
kb-deflections = Проблем решено без заявки
kb-votes-text = полезно: { $helpful }, бесполезно: { $not_helpful }
kb-approved-by = одобрил(а) { $name }, { $at }
kb-person = пользователь № { $id }
kb-version-n = версия { $n }
kb-history = История
kb-languages = Языки
kb-original = оригинал
kb-translate = Перевести
kb-translation-add = Перевести: { $language }
kb-translation-edit = Изменить перевод: { $language }
kb-size-bytes = { $n } байт
kb-size-kib = { $n } КБ
kb-size-mib = { $n } МБ
kb-done-created = Черновик сохранён.
kb-done-saved = Статья сохранена как новая версия.
kb-done-translated = Перевод сохранён.
kb-done-submit = Статья отправлена на проверку.
kb-done-approve = Статья одобрена и опубликована.
kb-done-send-back = Статья возвращена автору.
kb-done-archive = Статья отправлена в архив.
kb-done-revive = Статья снова черновик.
kb-done-reviewed = Статья отмечена как проверенная.
kb-done-files = Файлы прикреплены.
kb-done-voted = Спасибо, ваша оценка учтена.
kb-vote-question = Была ли статья полезной?

## Редактор
kb-new-title = Новая статья
kb-edit-title = Изменение «{ $title }»
kb-translate-title = Перевод: { $language }
kb-translation-hint = Переведите заголовок и каждую часть; для начала подставлен исходный текст.
kb-kind-choose = Выберите тип статьи:
kb-editor-kind = Тип: { $kind }
kb-field-title = Заголовок
kb-field-lang = Язык
kb-field-note = Что изменилось (для истории)
kb-no-category = Без категории
kb-steps = Шаги
kb-steps-hint = Одно действие на шаг и то, что агент должен увидеть, если всё получилось. Пустые строки не сохраняются.
kb-step-n = Шаг { $n }
kb-step-remove = Удалить шаг { $n }
kb-step-add = Добавить шаг
kb-markdown-hint = Каждая часть — Markdown: **жирный**, *курсив*, списки, `код` и ссылки.
kb-conflict = Кто-то сохранил эту статью, пока вы её редактировали: вы начали с версии { $mine }, а текущая — версия { $current }. Ваш текст сохранён ниже. Посмотрите текущую версию и изменения; повторное сохранение заменит её вашим текстом.
kb-conflict-current = Открыть текущую версию
kb-conflict-diff = Что изменилось после вашей версии

## Ошибки
kb-error-see-field = Статья не сохранена: смотрите отмеченное поле ниже.
kb-error-choose = Выберите одно из предложенных значений.
kb-error-unknown-move = Такого изменения статуса нет.
kb-error-required = Это поле нужно заполнить.
kb-error-incomplete = Перед проверкой нужно заполнить все части; эта пуста: { $part }.
kb-error-too-long = Слишком длинно.
kb-error-one-line = Заголовок — одна строка.
kb-error-too-many = В процедуре не больше 100 шагов.
kb-error-unknown = Такой категории нет.
kb-error-inactive = Эта категория больше не используется.
kb-error-no-file = Сначала выберите файл.
kb-error-empty-file = Файл пуст.
kb-error-submit-only-draft = На проверку можно отправить только черновик.
kb-error-approve-only-review = Одобрить можно только статью на проверке.
kb-error-send-back-only-review = Вернуть можно только статью на проверке.
kb-error-archive-only-published = В архив можно отправить только опубликованную статью.
kb-error-revive-only-archived = Вернуть в черновики можно только статью из архива.
kb-error-review-edited-by-publisher = Статью на проверке изменяет только публикующий, либо сначала её возвращают в черновики.
kb-error-published-edited-by-publisher = Опубликованную статью изменяет только публикующий.
kb-error-archived-is-read-only = Статья в архиве доступна только для чтения; сначала верните её в черновики.
kb-error-review-only-published = Проверенной можно отметить только опубликованную статью.
kb-error-translation-is-original = Это исходный язык статьи: измените саму статью.
kb-error-stale-version = Кто-то тем временем сохранил эту статью; обновите её и внесите изменение снова.

## История и сравнение
kb-history-title = История «{ $title }»
kb-back-to-article = К статье
kb-compare-from = С версии
kb-compare-to = По версию
kb-compare = Сравнить
kb-col-version = Версия
kb-col-author = Кто
kb-col-when = Когда
kb-col-changes = Изменения
kb-see-changes = Показать изменения
kb-first-version = Первая версия
kb-someone = кто-то
kb-versions-count = { $count ->
    [one] { $count } версия
    [few] { $count } версии
   *[many] { $count } версий
}
kb-diff-title = Изменения с версии { $from } по версию { $to }
kb-diff-summary = { $added }, { $removed }.
kb-diff-lines-added = { $count ->
    [one] добавлена { $count } строка
    [few] добавлено { $count } строки
   *[many] добавлено { $count } строк
}
kb-diff-lines-removed = { $count ->
    [one] удалена { $count } строка
    [few] удалено { $count } строки
   *[many] удалено { $count } строк
}
kb-diff-legend = Добавленные строки зелёные и начинаются с +; удалённые — красные, зачёркнутые и начинаются с −.
kb-diff-added = добавлено
kb-diff-removed = удалено

## Отчёты
kb-reports-title = Отчёты по базе знаний
kb-most-viewed = Самые читаемые
kb-none-yet = Пока ничего.
kb-needs-review = Нужна проверка
kb-needs-review-hint = Опубликованные статьи, которые большинство читателей сочли бесполезными (не меньше 5 оценок, больше половины — «бесполезно»), или не проверявшиеся 180 дней.
kb-needs-review-none = Проверка не нужна ни одной статье.
kb-col-why = Почему
kb-why-not-helpful = в основном бесполезна (бесполезно: { $not_helpful }, полезно: { $helpful })
kb-why-stale = { $days ->
    [one] не проверялась { $days } день
    [few] не проверялась { $days } дня
   *[many] не проверялась { $days } дней
}
kb-contribution = Вклад сотрудников
kb-col-person = Сотрудник
kb-col-authored = Написано
kb-col-published = Из них опубликовано
kb-col-from-tickets = Из заявок
kb-col-approved = Одобрено
kb-col-edits = Сохранено версий
kb-people-count = { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[many] { $count } человек
}

## Связанные со статьёй заявки
kb-linked-tickets = Связанные заявки
kb-linked-tickets-none = С этой статьёй не связана ни одна доступная вам заявка.
kb-col-ticket = Заявка
kb-col-subject = Тема
kb-col-linked = Связана
kb-tickets-count = { $count ->
    [one] { $count } заявка
    [few] { $count } заявки
   *[many] { $count } заявок
}
