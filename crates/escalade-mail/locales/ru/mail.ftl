# Исходящие письма службы поддержки (escalade-mail::outbound). Те же ключи, что в en/mail.ftl.

mail-greeting = Здравствуйте, { $name }!
mail-signature = { $desk }
mail-footer-reply = Вы можете ответить на это письмо: ответ будет добавлен к заявке { $number }. Пожалуйста, сохраните { $number } в теме письма.
mail-footer-agent = Ответы на это письмо добавляются к заявке { $number }.
mail-footer-auto = Это письмо отправлено автоматически службой { $desk }.
mail-view-request = Открыть заявку
mail-open-ticket = Открыть заявку

mail-received-subject = Заявка получена: { $title }
mail-received-intro = Мы получили вашу заявку и зарегистрировали её под номером { $number }. Специалист скоро её рассмотрит.
mail-received-keep = Пожалуйста, указывайте этот номер, когда обращаетесь к нам по этой заявке.

mail-reply-subject = Re: { $title }
mail-reply-intro = { $author } написал(а) по заявке { $number }:

mail-status-subject = Заявка { $number }: { $status }
mail-status-intro = Статус заявки { $number } изменился: «{ $from }» → «{ $to }».

mail-resolved-subject = Решена: { $title }
mail-resolved-intro = Заявка { $number } решена.
mail-resolved-ask = Если проблема устранена, пожалуйста, подтвердите решение. Если нет, откройте заявку снова и напишите, что всё ещё не работает.
mail-resolved-confirm = Подтвердить решение
mail-resolved-reopen = Открыть заявку снова

mail-closed-subject = Закрыта: { $title }
mail-closed-intro = Заявка { $number } закрыта. Спасибо за терпение.
mail-closed-more = Если вам снова понадобится помощь, просто создайте новую заявку.

mail-escalated-subject = Эскалирована в { $group }: { $title }
mail-escalated-intro = Заявка { $number } эскалирована в { $group } (уровень { $level }). Сводка для передачи:
mail-escalated-no-group = ваш уровень

mail-auto-subject = Re: { $title }
mail-auto-intro = Это автоматический ответ по заявке { $number }.

mail-reminder-subject = Мы ждём вашего ответа: { $title }
mail-reminder-intro = Заявка { $number } ожидает вашего ответа.

mail-test-subject = Тестовое письмо Escalade
mail-test-body = Это тестовое письмо показывает, что { $desk } может отправлять почту через свой SMTP-сервер.

mail-status-new = Новая
mail-status-assigned = Назначена
mail-status-in-progress = В работе
mail-status-pending = Ожидание
mail-status-escalated = Эскалирована
mail-status-resolved = Решена
mail-status-closed = Закрыта
mail-status-cancelled = Отменена
