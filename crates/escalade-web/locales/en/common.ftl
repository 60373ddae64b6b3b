# The frame of every page, login, account and errors.
nav-skip = Skip to content
nav-label = Main navigation
nav-agent-home = Home
nav-queues = Queues
nav-new-ticket = New ticket
nav-my-tickets = My requests
nav-new-request = New request
nav-admin = Administration
nav-language = Language
nav-language-apply = Apply
nav-login = Log in
nav-logout = Log out

action-back = Back
action-home = Home
action-save = Save
action-cancel = Cancel
action-filter = Filter
action-clear = Clear
action-previous = Previous
action-next = Next

login-title = Log in
login-login = Login
login-password = Password
login-submit = Log in
login-failed = Wrong login or password.

account-title = My account
account-preferences = Preferences
account-language = Language
account-time-zone = Time zone
account-password = Password
account-current-password = Current password
account-new-password = New password (at least 10 characters)
account-confirm-password = New password again
account-change-password = Change password
account-password-changed = Your password has been changed.
account-preferences-saved = Your preferences have been saved.
account-mismatch = The two new passwords differ.

tickets-count = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
page-of = Page { $page } of { $pages }

error-not-found = Not found
error-not-found-text = This page does not exist, or you may not see it.
error-forbidden = Not allowed
error-throttled = Too many attempts
error-throttled-text = Too many failed attempts; try again in { $seconds } seconds.
error-refused = This could not be done
error-internal = Something went wrong on our side; it has been logged.
error-unavailable = The database is busy or unreachable; try again shortly.
error-csrf = This form has expired or did not come from this site. Reload the page and try again.
error-form-too-large = The form is too large.
error-form-invalid = The form was not filled in correctly ({ $detail }).
error-too-large = The file is too large; the limit is { $limit } MiB.
error-unknown-language = This language is not available.
error-wrong-password = The current password is wrong.
error-too-short = This is too short.
error-too-long = This is too long.
error-required = This field is required.
