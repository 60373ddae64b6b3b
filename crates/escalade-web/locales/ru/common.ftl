# Рамка каждой страницы, вход, учётная запись и ошибки.
nav-skip = Перейти к содержимому
nav-label = Главная навигация
nav-agent-home = Главная
nav-queues = Очереди
nav-new-ticket = Новая заявка
nav-my-tickets = Мои обращения
nav-new-request = Новое обращение
nav-admin = Администрирование
nav-language = Язык
nav-language-apply = Применить
nav-login = Войти
nav-logout = Выйти

action-back = Назад
action-home = Главная
action-save = Сохранить
action-cancel = Отмена
action-filter = Фильтровать
action-clear = Сбросить
action-previous = Назад
action-next = Далее

login-title = Вход
login-login = Логин
login-password = Пароль
login-submit = Войти
login-failed = Неверный логин или пароль.

account-title = Моя учётная запись
account-preferences = Настройки
account-language = Язык
account-time-zone = Часовой пояс
account-password = Пароль
account-current-password = Текущий пароль
account-new-password = Новый пароль (не менее 10 символов)
account-confirm-password = Новый пароль ещё раз
account-change-password = Сменить пароль
account-password-changed = Пароль изменён.
account-preferences-saved = Настройки сохранены.
account-mismatch = Новые пароли не совпадают.

tickets-count = { $count ->
    [one] { $count } заявка
    [few] { $count } заявки
   *[many] { $count } заявок
}
page-of = Страница { $page } из { $pages }

error-not-found = Не найдено
error-not-found-text = Такой страницы нет, или у вас нет права её видеть.
error-forbidden = Нет доступа
error-throttled = Слишком много попыток
error-throttled-text = Слишком много неудачных попыток; повторите через { $seconds } с.
error-refused = Действие невозможно
error-internal = На нашей стороне произошла ошибка; она записана в журнал.
error-unavailable = База данных занята или недоступна; повторите попытку чуть позже.
error-csrf = Срок действия формы истёк, или она отправлена не с этого сайта. Обновите страницу и повторите.
error-form-too-large = Форма слишком велика.
error-form-invalid = Форма заполнена неверно ({ $detail }).
error-too-large = Файл слишком велик; предел — { $limit } МиБ.
error-unknown-language = Этот язык недоступен.
error-wrong-password = Текущий пароль неверен.
error-too-short = Слишком коротко.
error-too-long = Слишком длинно.
error-required = Это поле обязательно.
