# SLA in the agent console: clocks panel, explain page, at-risk queue, notifications, administration.
sla-less-than-a-minute = less than a minute
sla-minutes = { $count } min
sla-hours = { $count } h
sla-left = { $time } left
sla-overdue = overdue by { $time }
sla-paused-with = paused, { $time }
sla-stopped-at = stopped { $time }
sla-due = Due
sla-why = Why? How the deadlines were computed
sla-clocks-title = Service levels
sla-clocks-none = No SLA policy applies to this ticket.
sla-clock-response = First response
sla-clock-resolution = Resolution
sla-clock-update = Update
sla-clock-ola = OLA
sla-state-running = running
sla-state-paused = paused
sla-state-met = met
sla-state-breached = breached
sla-state-warned = warned
sla-policy-kind-sla-policy = SLA policy
sla-policy-kind-ola-target = OLA target
sla-day-monday = Monday
sla-day-tuesday = Tuesday
sla-day-wednesday = Wednesday
sla-day-thursday = Thursday
sla-day-friday = Friday
sla-day-saturday = Saturday
sla-day-sunday = Sunday
sla-calendar-always-open = Always open (24x7)
sla-warn-after = at { $percent } % ({ $time })
sla-gap-paused = Paused while pending
sla-gap-stopped = Stopped (resolved or handed on)
sla-event-warning = Warning
sla-event-breach = Breach
sla-event-recomputed = Recomputed
sla-event-action = Action
sla-explain-title = Service levels of { $number }
sla-explain-crumb = Service levels
sla-explain-as-of = As of
sla-explain-none = This ticket has no SLA or OLA clocks.
sla-explain-policy = Policy and why
sla-explain-matched = Conditions matched
sla-explain-skipped = Earlier policies passed over
sla-explain-calendar = Calendar
sla-explain-week = Working week
sla-explain-numbers = Target and deadline
sla-explain-target = Target (business time)
sla-explain-warning = Warning
sla-explain-started = Started
sla-explain-elapsed = Counted so far
sla-explain-remaining = Left
sla-explain-warn-at = Warns at
sla-explain-warned-at = Warned at
sla-explain-breached-at = Breached at
sla-explain-stopped-at = Stopped at
sla-explain-outcome = Outcome
sla-explain-counted = Stretches counted and their working intervals
sla-explain-from = From
sla-explain-to = To
sla-explain-business-time = Business time
sla-explain-working-intervals = Working intervals counted
sla-explain-running-now = running
sla-explain-not-listed = { $count ->
    [one] and { $count } more interval
   *[other] and { $count } more intervals
}
sla-explain-not-counted = Not counted
sla-explain-still = still
sla-explain-events = Recomputations, warnings and breaches
sla-explain-events-none = Nothing recorded in the journal yet.
sla-back-to-ticket = Back to the ticket
sla-at-risk-title = SLA at risk
sla-at-risk-hint = Tickets whose running clock warned or breached, the most urgent first.
sla-at-risk-empty = No ticket is at risk.
sla-col-ticket = Ticket
sla-col-subject = Subject
sla-col-priority = Priority
sla-col-clocks = Clocks
sla-pages = Pages
sla-notifications-title = Notifications
sla-notifications-empty = No notifications.
sla-unread-count = { $count ->
    [one] { $count } unread
   *[other] { $count } unread
}
sla-notification-warning = SLA warning
sla-notification-breach = SLA breached
sla-notification-other = Notice
sla-notification-marked = Marked as read.
sla-mark-read = Mark as read
sla-field-name = Name
sla-field-time-zone = Time zone
sla-field-holidays = Holidays
sla-admin-link = Service levels: SLA policies and calendars
sla-admin-tabs = Service level settings
sla-policies-title = SLA policies
sla-policies-hint = Policies are tried from the top; the first active one whose conditions all match applies.
sla-policies-count = { $count ->
    [one] { $count } policy
   *[other] { $count } policies
}
sla-policy-new-title = New SLA policy
sla-policy-edit-title = SLA policy { $name }
sla-col-order = Order
sla-inactive = inactive
sla-move-up = Move up
sla-move-down = Move down
sla-saved-sla-policy = The policy was saved.
sla-saved-sla-order = The order was saved.
sla-field-targets = Targets
sla-field-first-response = First response
sla-field-resolution = Resolution
sla-field-update-interval = Update interval
sla-unit-minutes = minutes of business time
sla-field-warn-percent = Warn at (% of the target)
sla-field-active = Active
sla-field-conditions = Conditions
sla-conditions-hint = Every condition given must match; leave a group empty to match every ticket.
sla-field-vip = VIP requester
sla-vip-any = Any requester
sla-vip-yes = VIP only
sla-vip-no = Not VIP
sla-field-services = Affected services (comma-separated)
sla-field-on-warning = On warning
sla-field-on-breach = On breach
sla-action-notify = Notify the assignee and the group lead
sla-action-escalate-next-level = Escalate to the next level
sla-action-raise-priority = Raise the priority
sla-save = Save
sla-cancel = Cancel
sla-error-number = { $field }: enter a number of minutes.
sla-error-calendar = Choose a calendar.
sla-error-invalid = This is not valid: { $detail }
sla-error-holidays = The holidays are not valid JSON: { $detail }
sla-calendars-title = Calendars
sla-calendars-count = { $count ->
    [one] { $count } calendar
   *[other] { $count } calendars
}
sla-calendar-new-title = New calendar
sla-calendar-edit-title = Calendar { $name }
sla-calendar-working-week = Working week
sla-saved-sla-calendar = The calendar was saved.
sla-calendar-hours-hint = Working hours per weekday, such as 09:00-12:00, 13:00-17:00; leave a day empty when it is off. Ignored when the calendar is always open.
sla-calendar-holidays-hint = A JSON list of days off, each with "name", "first", optionally "last" (for several days) and "yearly" (see docs/CALENDARS.md).
sla-olas-title = OLA targets
sla-olas-hint = How long a support level (or one group at it) may keep a ticket before resolving it or handing it on. A target for the ticket's group wins over one for the whole level.
sla-olas-empty = No OLA target yet.
sla-olas-count = { $count ->
    [one] { $count } OLA target
   *[other] { $count } OLA targets
}
sla-ola-new-title = New OLA target
sla-ola-edit-title = OLA target { $name }
sla-ola-every-group = Every group of the level
sla-saved-sla-ola = The OLA target was saved.
sla-field-level = Support level
sla-field-group = Group
sla-field-ola-target = Target
sla-leads-title = Group leads
sla-leads-hint = The lead of a group is notified of SLA warnings and breaches on its tickets.
sla-field-lead = Lead
sla-lead-none = No lead
sla-saved-sla-lead = The group lead was saved.
# How a deadline was computed, step by step (the explain page) and the policy line of the clocks panel.
sla-explain-steps = How the deadline was computed
sla-explain-policy-line = Policy: { $policy }
sla-pinned-by = { $by ->
    [rule] pinned by the rule “{ $name }”
   *[person] pinned by { $name }
}
sla-step-policy-chosen = Policy { $policy } was chosen by its conditions: { $reasons }.
sla-step-policy-pinned = Policy { $policy } was pinned on the ticket, { $by ->
    [rule] by the rule “{ $name }”
   *[person] by { $name }
}; its conditions are not checked.
sla-step-pin-lapsed = Policy { $policy } had been pinned { $by ->
    [rule] by the rule “{ $name }”
   *[person] by { $name }
}, but { $lapse ->
    [deleted] it was deleted
   *[inactive] it is inactive
}: the policy is chosen by conditions instead.
sla-step-target = Target: { $target } of business time for { $clock ->
    [response] the first response
    [update] the update interval
    [ola] the operational level
   *[resolution] the resolution
}; warning at { $percent } % ({ $warn }).
sla-step-calendar-always = Every hour counts (24x7).
sla-step-calendar-hours = Only the working hours of the calendar count, in the { $zone } time zone.
sla-step-started = Started { $at }.
sla-step-counted = Counted { $time } in { $count ->
    [one] { $count } working interval
   *[other] { $count } working intervals
}.
sla-step-paused = Paused { $count ->
    [one] once
   *[other] { $count } times
} while the ticket was pending.
sla-step-reopened = Not counted while the ticket was resolved, before { $count ->
    [one] { $count } reopening
   *[other] { $count } reopenings
}.
sla-step-met = Stopped { $at }, within the target: met.
sla-step-stopped-late = Stopped { $at }, after the target: breached by { $time }.
sla-step-paused-now = Paused with { $time } left; the deadline is set again when the ticket is no longer pending.
sla-step-due = Due { $at }: the start of the running stretch plus the { $time } left.
sla-step-no-deadline = The calendar has no working time ahead: no deadline.
sla-step-breach-recorded = Breach recorded { $at }.
sla-step-recomputed = Recomputed { $at } after { $changed }: policy { $from } → { $to }; due { $before } → { $after }.
sla-step-none = none
sla-changed-priority = a change of priority
sla-changed-type = a change of type
sla-changed-category = a change of category
sla-changed-service = a change of service
sla-changed-sla-policy = a change of the pinned policy
sla-reason-no-conditions = no conditions: applies to every ticket
sla-reason-inactive = the policy is inactive
sla-reason-target-inactive = the target is inactive
sla-reason-priority-is = the priority is { $priority }
sla-reason-priority-not-in = the priority is { $priority }, the policy is for { $wanted }
sla-reason-type-is = the type is { $type }
sla-reason-type-not-in = the type is { $type }, the policy is for { $wanted }
sla-reason-category-is = the category is #{ $category }
sla-reason-category-under = category #{ $category } is under category #{ $ancestor }
sla-reason-category-not-in = category #{ $category } is neither one of nor under categories { $wanted }
sla-reason-no-category = the ticket has no category, the policy is for categories { $wanted }
sla-reason-service-is = the service is { $service }
sla-reason-service-not-in = the service is { $service }, the policy is for { $wanted }
sla-reason-no-service = the ticket names no service, the policy is for { $wanted }
sla-reason-department-is = the requester’s department is #{ $department }
sla-reason-department-not-in = the requester’s department is #{ $department }, the policy is for departments { $wanted }
sla-reason-no-department = the requester has no department, the policy is for departments { $wanted }
sla-reason-vip = the requester is a VIP
sla-reason-not-vip = the requester is not a VIP
sla-reason-vip-excluded = the requester is a VIP, the policy excludes VIPs
sla-reason-at-level = the ticket is at level { $level }
sla-reason-in-group = the ticket is in group #{ $group }
sla-reason-every-group = the target applies to every group of the level
sla-reason-other-level = it is for level { $wanted }, the ticket is at level { $level }
sla-reason-other-group = it is for group #{ $wanted }, the ticket is in group #{ $group }
sla-reason-other-group-none = it is for group #{ $wanted }, the ticket is in no group
sla-event-recomputed-body = Recomputed after { $changed }: policy { $from } → { $to }.
sla-event-recomputed-clock = { $clock }: due { $before } → { $after }.
