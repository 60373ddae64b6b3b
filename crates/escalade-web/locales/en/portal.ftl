# The self-service portal for requesters: their requests, a new request, one request.

## The list of requests
portal-list-title = My requests
portal-new-button = New request
portal-filter-label = Show requests
portal-filter-all = All
portal-filter-open = Open
portal-filter-resolved = Resolved and closed
portal-empty-title = You have no requests yet
portal-empty-text = When something does not work, or you need something (access, equipment, software, information), choose “New request” and tell us about it. You will follow its progress here.
portal-empty-open = None of your requests is open at the moment. If you need help with something, make a new request.
portal-empty-resolved = None of your requests has been resolved or closed yet.
portal-col-number = Number
portal-col-subject = Subject
portal-col-status = Status
portal-col-category = Category
portal-col-updated = Last update
portal-col-created = Opened
portal-colleague = Colleague
portal-colleague-hint = Made by a colleague of your department
portal-pager-label = Pages
portal-list-count = { $count ->
    [one] { $count } request
   *[other] { $count } requests
}

## A new request
portal-new-title = New request
portal-new-intro = Tell us what you need in your own words. Only the subject is required; the more you say, the faster we can help.
portal-new-type = What is it about?
portal-type-incident = Something is broken or does not work
portal-type-incident-hint = An error, a failure, something slower than usual.
portal-type-service-request = I need something
portal-type-service-request-hint = Access, an account, equipment, software, a change.
portal-type-question = I have a question
portal-type-question-hint = How to do something, where to find something.
portal-type-complaint = I want to make a complaint
portal-type-complaint-hint = About the service you received.
portal-new-category = Topic
portal-new-category-unsure = I don't know
portal-new-subject = Subject (one line)
portal-new-subject-hint = For example: “The printer on the 2nd floor prints blank pages”.
portal-new-description = Description
portal-new-description-hint = What happened, since when, any error message you saw, and what you already tried.
portal-new-impact = How many people are affected?
portal-impact-low = Only me
portal-impact-medium = A few people or my team
portal-impact-high = Many people, a whole department or more
portal-new-urgency = How urgent is it for you?
portal-urgency-low = It can wait: I can work around it
portal-urgency-medium = It slows my work down
portal-urgency-high = I cannot work until it is fixed
portal-not-sure = Not sure
portal-new-files = Files (screenshots, documents), optional
portal-files-limit = You can choose several files, each at most { $limit } MiB.
portal-files-choose-again = For your security, files are not kept when a form is sent back: please choose them again.
portal-new-submit = Send my request

## The ten default categories
portal-category-hardware-failure = Hardware failure
portal-category-software-failure = Software failure
portal-category-network = Network
portal-category-security = Security
portal-category-user-support = User support
portal-category-service-request = Service request
portal-category-data-recovery = Data recovery
portal-category-performance-optimisation = Performance
portal-category-consulting = Advice
portal-category-other = Other

## Where a request stands, in a sentence
portal-state-new = We have received your request; someone will look at it soon.
portal-state-assigned = Someone is in charge of your request.
portal-state-in-progress = We are working on your request.
portal-state-pending = We are waiting for an answer, from you or from someone else, before we can go on.
portal-state-escalated = Your request has been passed to a specialist team.
portal-state-resolved = We think your request is solved. Please confirm, or reopen it if the problem is still there.
portal-state-closed = This request is closed.
portal-state-cancelled = This request was cancelled (for example, a duplicate of another one).

## One request
portal-flash-created = Thank you! Your request { $number } has been registered.
portal-flash-created-partial = Your request { $number } has been registered, but these files could not be attached: { $files }. Please add them again below.
portal-flash-replied = Your reply has been added.
portal-flash-confirmed = Thank you for confirming; the request is now closed.
portal-flash-reopened = Your request has been reopened; we will look at it again.
portal-flash-attached = Your files have been added.
portal-no-category = Not chosen
portal-you = You
portal-someone = The service desk
portal-entry-created = { $name } opened the request
portal-entry-reply = { $name } wrote
portal-entry-email-in = E-mail from { $name }
portal-entry-email-out = E-mail sent by { $name }
portal-entry-status = { $name } changed the status from { $from } to { $to }
portal-entry-confirmed = { $name } confirmed the resolution
portal-entry-reopened = { $name } reopened the request
portal-entry-attachment = { $name } attached { $file }
portal-size-bytes = { $n } bytes
portal-size-kb = { $n } KB
portal-size-mb = { $n } MB
portal-decision-title = Is your problem solved?
portal-decision-text = If everything works now, confirm it and we will close the request. If not, tell us what is still wrong and we will reopen it.
portal-confirm-button = Yes, it is solved: close the request
portal-reopen-reason = No, it is not solved: what is still wrong?
portal-reopen-hint = Your answer is added to the conversation.
portal-reopen-button = Reopen the request
portal-conversation = Conversation
portal-description = Description
portal-no-description = No description was given.
portal-reply-title = Reply
portal-reply-label = Your message
portal-reply-button = Send
portal-finished-text = This request is finished. If the problem comes back, or you need something else, make a new request.
portal-facts = Details
portal-priority = Priority
portal-type = Type
portal-times-in = Times are shown in the time zone { $zone }.
portal-files = Files
portal-files-none = No files yet.
portal-upload-label = Add files
portal-upload-button = Add the files
portal-files-kept = These files were added: { $files }.

## Refused forms
portal-error-choice = Please choose one of the options offered.
portal-error-category = This topic is no longer offered; please choose another one.
portal-error-empty-message = Please write something first.
portal-error-subject-required = Please give your request a subject.
portal-error-one-line = The subject must fit on one line.
portal-error-state = This is no longer possible: the request has changed in the meantime. Reload the page to see where it stands.
portal-error-forbidden = You may not do this on this request.
portal-error-no-file = Please choose at least one file.
portal-error-file-too-large = The file “{ $name }” is too large: each file may be at most { $limit } MiB. Nothing was sent.
portal-error-file = The file “{ $name }” could not be added: { $reason }
