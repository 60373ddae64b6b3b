# Automation rules in the administration (src/ui/admin/rules.rs).

admin-section-rules = Rules
admin-section-rules-text = Event rules that classify and route tickets, time rules, and trying a rule on a ticket.
rules-title = Rules
rules-hint = Event rules run in this order when a ticket is created, updated or answered by its requester. The rule format is described in
rules-new = New rule
rules-dry-run-title = Try a rule on a ticket
rules-event-rules = Event rules
rules-col-position = #
rules-col-name = Name
rules-col-event = Event
rules-col-active = State
rules-col-actions = Actions
rules-col-kind = Kind
rules-active = Active
rules-inactive = Inactive
rules-deactivate = Deactivate
rules-activate = Activate
rules-move-up = Move up
rules-move-down = Move down
rules-time-rules = Time rules
rules-time-edit-title = Edit time rule
rules-edit-title = Rule
rules-time-edit-hint = A time rule as JSON: name, active, and its kind with its duration. See
rules-edit-hint = The rule as JSON: name, event, conditions and ordered actions. See
rules-definition = Rule (JSON)
rules-dry-run-hint = Shows whether the rule would fire on the ticket and what it would change. Nothing is changed.
rules-dry-run-reasons = Deciding conditions
rules-dry-run-changes = Changes
rules-dry-run-nothing = No field would change.
rules-dry-run-notes = Internal notes
rules-dry-run-replies = Automatic replies
rules-dry-run-ticket = Ticket number
rules-dry-run-stored = Stored rule
rules-dry-run-use-text = The rule written below
rules-dry-run-submit = Try
rules-dry-run-no-ticket = There is no such ticket or rule within your reach.
rules-refused = Refused at { $path }: { $message }
rules-saved-rule = The rule has been saved.
rules-saved-order = The order has been saved.
rules-saved-time-rule = The time rule has been saved.
rules-event-created = Ticket created
rules-event-updated = Ticket updated
rules-event-reply-received = Reply received
rules-kind-remind-pending = Remind after pending
rules-kind-auto-close-resolved = Close after resolved
rules-kind-escalate-unassigned = Escalate unassigned
rules-verdict-fired = The rule would fire
rules-verdict-no-match = The rule does not match
rules-verdict-inactive = The rule is inactive
rules-verdict-other-event = The rule runs on another event
rules-verdict-not-reached = An earlier rule stops the run
rules-count = { $count ->
    [one] { $count } rule
   *[other] { $count } rules
}
