## Администрирование: входящая почта (сохранённые письма, карантин)
mailin-admin-link = Входящая почта и карантин
mailin-title = Входящая почта
mailin-intro = Каждое письмо, полученное службой поддержки, хранится целиком. Письмо в карантине не удалось прочитать или применить; когда причина устранена, обработайте его снова. Ничего не теряется.
mailin-filter = Письма по состоянию
mailin-tab-quarantined = В карантине ({ $count })
mailin-tab-received = Ожидают ({ $count })
mailin-tab-ignored = Пропущены ({ $count })
mailin-tab-done = Обработаны ({ $count })
mailin-total = { $count ->
    [one] { $count } письмо
    [few] { $count } письма
   *[other] { $count } писем
}
mailin-empty = Здесь нет писем.
mailin-col-received = Получено
mailin-col-from = От
mailin-col-subject = Тема
mailin-col-why = Причина
mailin-col-actions = Действия
mailin-open-ticket = Открыть заявку
mailin-reprocess = Обработать снова
mailin-waiting = Ожидает обработки.
mailin-reprocessed-done = Обработано снова: теперь письмо в заявке { $ticket }.
mailin-reprocessed-ignored = Обработано снова: на этот раз письмо пропущено (см. вкладку «Пропущены»).
mailin-reprocessed-quarantined = Обработано снова и снова помещено в карантин: причина указана ниже.
