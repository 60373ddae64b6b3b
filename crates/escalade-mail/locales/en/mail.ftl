# The desk's outbound mail (escalade-mail::outbound). Keep the same keys in fr, ru and zh-CN:
# the crate's coverage test fails otherwise.

mail-greeting = Hello { $name },
mail-signature = { $desk }
mail-footer-reply = You can answer this message: your reply is added to request { $number }. Please keep { $number } in the subject.
mail-footer-agent = Replies to this message are added to ticket { $number }.
mail-footer-auto = This message was sent automatically by { $desk }.
mail-view-request = See your request
mail-open-ticket = Open the ticket

mail-received-subject = Request received: { $title }
mail-received-intro = We have received your request and registered it under the number { $number }. An agent will look at it shortly.
mail-received-keep = Please quote this number if you contact us about this request.

mail-reply-subject = Re: { $title }
mail-reply-intro = { $author } wrote on request { $number }:

mail-status-subject = Request { $number } is now: { $status }
mail-status-intro = The status of request { $number } changed from “{ $from }” to “{ $to }”.

mail-resolved-subject = Resolved: { $title }
mail-resolved-intro = Request { $number } has been resolved.
mail-resolved-ask = If the problem is solved, please confirm the resolution. If it is not, reopen the request and tell us what is still wrong.
mail-resolved-confirm = Confirm the resolution
mail-resolved-reopen = Reopen the request

mail-closed-subject = Closed: { $title }
mail-closed-intro = Request { $number } is now closed. Thank you for your patience.
mail-closed-more = If you need more help, simply open a new request.

mail-escalated-subject = Escalated to { $group }: { $title }
mail-escalated-intro = Ticket { $number } has been escalated to { $group } (level { $level }). Hand-over summary:
mail-escalated-no-group = your level

mail-auto-subject = Re: { $title }
mail-auto-intro = This is an automatic reply about request { $number }.

mail-reminder-subject = We are waiting for your answer: { $title }
mail-reminder-intro = Request { $number } is waiting for your answer.

mail-test-subject = Escalade test message
mail-test-body = This test message shows that { $desk } can send mail through its SMTP server.

mail-status-new = New
mail-status-assigned = Assigned
mail-status-in-progress = In progress
mail-status-pending = Pending
mail-status-escalated = Escalated
mail-status-resolved = Resolved
mail-status-closed = Closed
mail-status-cancelled = Cancelled
