# 服务台发出的邮件（escalade-mail::outbound）。键与 en/mail.ftl 相同。

mail-greeting = { $name }，您好：
mail-signature = { $desk }
mail-footer-reply = 您可以直接回复此邮件，回复内容将添加到工单 { $number }。请在邮件主题中保留 { $number }。
mail-footer-agent = 对此邮件的回复会添加到工单 { $number }。
mail-footer-auto = 此邮件由 { $desk } 自动发送。
mail-view-request = 查看您的工单
mail-open-ticket = 打开工单

mail-received-subject = 已收到您的请求：{ $title }
mail-received-intro = 我们已收到您的请求，工单编号为 { $number }。工作人员会尽快处理。
mail-received-keep = 就此请求联系我们时，请提供此编号。

mail-reply-subject = 回复：{ $title }
mail-reply-intro = { $author } 在工单 { $number } 中写道：

mail-status-subject = 工单 { $number } 当前状态：{ $status }
mail-status-intro = 工单 { $number } 的状态已从“{ $from }”变为“{ $to }”。

mail-resolved-subject = 已解决：{ $title }
mail-resolved-intro = 工单 { $number } 已解决。
mail-resolved-ask = 如果问题已经解决，请确认解决结果；如果没有，请重新打开工单并告诉我们仍存在的问题。
mail-resolved-confirm = 确认已解决
mail-resolved-reopen = 重新打开工单

mail-closed-subject = 已关闭：{ $title }
mail-closed-intro = 工单 { $number } 已关闭。感谢您的耐心。
mail-closed-more = 如需更多帮助，请提交新的请求。

mail-escalated-subject = 已升级至 { $group }：{ $title }
mail-escalated-intro = 工单 { $number } 已升级至 { $group }（第 { $level } 级）。交接摘要：
mail-escalated-no-group = 您所在的级别

mail-auto-subject = 回复：{ $title }
mail-auto-intro = 这是关于工单 { $number } 的自动回复。

mail-reminder-subject = 等待您的回复：{ $title }
mail-reminder-intro = 工单 { $number } 正在等待您的回复。

mail-test-subject = Escalade 测试邮件
mail-test-body = 此测试邮件表明 { $desk } 可以通过其 SMTP 服务器发送邮件。

mail-status-new = 新建
mail-status-assigned = 已分配
mail-status-in-progress = 处理中
mail-status-pending = 挂起
mail-status-escalated = 已升级
mail-status-resolved = 已解决
mail-status-closed = 已关闭
mail-status-cancelled = 已取消
