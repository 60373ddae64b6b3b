# 坐席的工单页面：字段、提交人卡片、历史、附件以及页面上的表单。
ticket-none = —
ticket-unassigned = 未分配
ticket-system = 系统
ticket-public = 公开
ticket-internal = 内部
ticket-security = 安全：仅安全团队可见
ticket-vip = VIP
ticket-created = 创建于
ticket-updated = 更新于
ticket-description = 描述
ticket-no-description = 未填写描述。
ticket-key-facts = 关键信息
ticket-no-key-facts = 未记录关键信息。
ticket-fields = 详情

ticket-field-status = 状态
ticket-field-priority = 优先级
ticket-field-type = 类型
ticket-field-channel = 渠道
ticket-field-category = 类别
ticket-field-impact = 影响
ticket-field-urgency = 紧急度
ticket-field-level = 支持线
ticket-field-group = 组
ticket-field-assignee = 处理人
ticket-field-requester = 提交人
ticket-field-department = 部门
ticket-field-service = 服务
ticket-field-nature = 性质
ticket-field-config-items = 配置项
ticket-field-tags = 标签
ticket-field-watchers = 关注人
ticket-field-subject = 主题

ticket-priority-matrix = { $priority }（由影响和紧急度得出）
ticket-priority-manual = { $priority }（手动设置）
ticket-nature-technical = 技术
ticket-nature-functional = 功能
ticket-nature-regulatory = 合规

ticket-fact-started = 开始时间
ticket-fact-users-affected = 受影响用户数
ticket-fact-error-codes = 错误代码或信息
ticket-fact-tried = 已尝试的操作

ticket-requester-title = 提交人
ticket-requester-email = 电子邮件
ticket-requester-language = 语言
ticket-other-open = 其他未关闭工单
ticket-other-open-count = { $count ->
    [0] 没有其他未关闭的工单。
   *[other] 另有 { $count } 个未关闭的工单。
}
ticket-other-open-more = 最新的 { $count } 个其他未关闭工单（还有更多）。

ticket-journal = 历史
ticket-entries-count = { $count ->
   *[other] { $count } 条记录
}
ticket-journal-pages = 历史分页
ticket-journal-earlier = 更早的记录
ticket-journal-later = 更新的记录
ticket-journal-end = 历史结束
ticket-handover-summary = 交接摘要
ticket-change = { $field }：{ $from } → { $to }
ticket-opened-via = 通过{ $channel }创建
ticket-on-behalf = 代表 { $name }
ticket-reopened-by-reply = 因提交人回复而重新打开。
ticket-escalation-levels = 支持线：{ $from } → { $to }
ticket-escalation-groups = 组：{ $from } → { $to }
ticket-escalation-from-assignee = 由处理人 { $name } 移交
ticket-taken-by = 由 { $name } 接手（{ $level }，组：{ $group }）

ticket-files-title = 附件
ticket-files-none = 暂无附件。
ticket-file-name = 文件
ticket-file-size = 大小
ticket-file-visibility = 可见范围
ticket-file-by = 添加人
ticket-attach-file = 要添加的文件
ticket-attach-visibility = 谁可以看到
ticket-attach-public = 提交人也可见（公开）
ticket-attach-internal = 仅坐席可见（内部）
ticket-attach-submit = 添加附件

ticket-reply-title = 回复提交人
ticket-reply-hint = 提交人会看到这条回复。
ticket-reply-label = 公开回复
ticket-reply-submit = 发送回复
ticket-note-title = 内部备注
ticket-note-hint = 备注和电话记录仅坐席可见，提交人永远看不到。
ticket-note-kind = 备注类型
ticket-note-kind-internal = 内部备注
ticket-note-kind-phone = 电话记录
ticket-note-label = 备注（仅坐席可见）
ticket-note-submit = 添加内部备注

ticket-update-title = 修改
ticket-update-submit = 保存修改
ticket-priority-auto = 由影响和紧急度得出
ticket-matrix-gives = 影响和紧急度得出：
ticket-group-hint = 更换组会将工单移到该组所在的支持线。
ticket-group-with-level = { $name }（{ $level } 线）

ticket-escalate-title = 升级
ticket-escalate-hint = 将工单移交给更高一线或其他组。工单会在那里等待有人接手。
ticket-escalate-level = 目标支持线
ticket-escalate-next-level = 下一线（{ $level } 线）
ticket-escalate-same-level = 本线（其他组）
ticket-escalate-this-level = { $level } 线（本线的其他组）
ticket-escalate-group = 接收组
ticket-escalate-group-auto = 该线的组（仅有一个时）
ticket-escalate-summary = 交接摘要（必填）
ticket-escalate-summary-hint = 已知情况、已做工作、日志位置：让下一线无需再次询问。
ticket-escalate-submit = 升级
ticket-take = 接手此工单

ticket-saved-reply = 回复已发送。
ticket-saved-note = 内部备注已添加。
ticket-saved-call = 电话已记录。
ticket-saved-update = 修改已保存。
ticket-saved-escalated = 工单已升级。
ticket-saved-taken = 您已接手此工单，现已分配给您。
ticket-saved-attached = 附件已添加。

ticket-error-forbidden = 您无权对此工单执行此操作。
ticket-error-no-change = 工单已经是这个状态。
ticket-error-closed-is-final = 已关闭的工单不能再更改；请新建工单并关联。
ticket-error-cancelled-is-final = 已取消的工单不能再更改。
ticket-error-escalation-needs-handover = 工单需通过升级表单升级，并填写交接摘要。
ticket-error-new-is-initial = 工单不能退回“新建”状态。
ticket-error-assigned-needs-assignee = 只有指定了处理人的工单才能设为“已分配”：请同时选择处理人。
ticket-error-close-only-resolved = 只有已解决的工单才能关闭：请先解决。
ticket-error-resolved-closes-or-reopens = 已解决的工单只能关闭或重新打开（处理中或已分配）。
ticket-error-pending-needs-work-started = 只有正在处理的工单（已分配或处理中）才能挂起。
ticket-error-take-before-waiting = 请先接手已升级的工单，再将其挂起。
ticket-error-take-only-escalated = 只有已升级的工单才能被接手。
ticket-error-summary-required = 必须填写至少 10 个字符的交接摘要：已知情况和已做工作。
ticket-error-body-required = 请先输入内容。
ticket-error-group-required = 此线有多个组：请选择接收组。
ticket-error-no-higher-level = 工单已在 3 线：请改为升级到其他组。
ticket-error-escalation-goes-up = 升级只能向上或平级，不能向下。
ticket-error-same-target = 同线升级必须指定另一个组。
ticket-error-level-mismatch = 该组所在的支持线与所选不同。
ticket-error-empty-patch = 没有任何修改。
ticket-error-not-an-agent = 此人不是有效的坐席。
ticket-error-inactive = 此类别已停用。
ticket-error-unknown = 该选项已不存在；请刷新页面。
ticket-error-unknown-value = 该值不在可选范围内。
ticket-error-empty-file = 文件为空。
ticket-error-no-file = 请选择要添加的文件。
ticket-error-busy-ticket = 其他人正在修改此工单；请重试。

## 通过电子邮件到达的记录（坐席的工单页面）
mail-from = 通过电子邮件收到，发件人 { $address }
mail-history-folded = 已折叠 { $count } 个字符的引用历史（见原始邮件）
mail-linked-to = 已作为与 { $number } 关联的新工单打开
mail-original = 下载原始邮件
mail-files = 此邮件的附件
mail-reason-other = 归档依据：{ $code }
mail-reason-new-conversation = 归入原因：新的对话，因此新建工单。
mail-reason-replied-to-desk-message = 归入原因：它回复了服务台就 { $number } 发出的邮件。
mail-reason-subject-number = 归入原因：主题中写有 { $number }，且发件人参与该工单。
mail-reason-subject-number-from-stranger = 归入原因：主题中写有 { $number }，但发件人不参与该工单，因此单独新建了工单。
mail-reason-follow-up-to-final-ticket = 归入原因：它是已关闭工单 { $number } 的后续，因此新建了工单。
mail-reason-subject-number-not-found = 归入原因：主题中写有 { $number }，但该工单不存在，因此新建了工单。
mail-reason-automatic-on-thread = 归入原因：关于 { $number } 的自动回复（外出、退信、已读回执），作为内部备注保存。
mail-reason-same-external-id = 归入原因：与 { $number } 相同的告警，来自同一系统，已添加为备注。
mail-reason-new-external-id = 归入原因：来自监控或其他工单系统的新告警。
mail-reason-recovery-without-ticket = 归入原因：某告警的恢复通知，但没有工单对应该告警。
mail-reason-automatic-mail = 归入原因：自动邮件。
mail-reason-mail-loop = 归入原因：已中断邮件循环。
mail-html-link = 查看带格式的邮件
mail-html-back = 返回工单
mail-html-note = 按发件人格式显示的邮件，已去除脚本和外部内容。
mail-html-show-images = 显示其中的 { $count } 张内嵌图片
mail-html-hide-images = 隐藏内嵌图片
mail-html-none = 此邮件没有带格式的（HTML）版本：其文字已在工单中。

## 知识面板
ticket-kb-suggested = 推荐文章
ticket-kb-similar = 相似工单
ticket-kb-linked = 已关联的文章
ticket-kb-none = 没有与此工单匹配的文章。
ticket-kb-none-similar = 没有相似的工单。
ticket-kb-none-linked = 此工单尚未关联任何文章。
ticket-kb-link = 关联
ticket-kb-linked-mark = 已关联
ticket-kb-insert-steps = 将步骤插入回复
ticket-kb-draft = 将解决方案转为文章
ticket-kb-draft-hint = 根据主题、描述和最后一条回复创建一篇内部文章草稿，并与此工单关联。
ticket-kb-kind-sop = 标准操作流程
ticket-kb-kind-known_error = 已知错误
ticket-kb-kind-faq = 常见问题
ticket-kb-kind-how_to = 操作指南
ticket-saved-linked = 文章已与工单关联。
