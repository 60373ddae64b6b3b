# 面向申请人的自助服务门户：我的请求、新建请求、单个请求。

## 请求列表
portal-list-title = 我的请求
portal-new-button = 新建请求
portal-filter-label = 显示请求
portal-filter-all = 全部
portal-filter-open = 处理中
portal-filter-resolved = 已解决和已关闭
portal-empty-title = 您还没有任何请求
portal-empty-text = 当有东西无法正常工作，或您需要某样东西（权限、设备、软件、信息）时，请点击“新建请求”并告诉我们。您可以在这里跟踪处理进度。
portal-empty-open = 您目前没有处理中的请求。如需帮助，请新建一个请求。
portal-empty-resolved = 您还没有已解决或已关闭的请求。
portal-col-number = 编号
portal-col-subject = 主题
portal-col-status = 状态
portal-col-category = 类别
portal-col-updated = 最近更新
portal-col-created = 提交时间
portal-colleague = 同事
portal-colleague-hint = 由您部门的同事提交
portal-pager-label = 分页
portal-list-count = 共 { $count } 个请求

## 新建请求
portal-new-title = 新建请求
portal-new-intro = 请用您自己的话告诉我们您需要什么。只有主题是必填的；您说得越详细，我们就能越快地帮助您。
portal-new-type = 是关于什么的？
portal-type-incident = 有东西坏了或无法正常工作
portal-type-incident-hint = 出现错误、故障，或比平时更慢。
portal-type-service-request = 我需要某样东西
portal-type-service-request-hint = 权限、账号、设备、软件或某项变更。
portal-type-question = 我有一个问题
portal-type-question-hint = 如何做某事，在哪里找到某样东西。
portal-type-complaint = 我要投诉
portal-type-complaint-hint = 关于您所获得的服务。
portal-new-category = 主题分类
portal-new-category-unsure = 我不确定
portal-new-subject = 主题（一行）
portal-new-subject-hint = 例如：“二楼的打印机打出的是空白页”。
portal-new-description = 描述
portal-new-description-hint = 发生了什么、从什么时候开始、看到的错误信息，以及您已经尝试过的方法。
portal-new-impact = 有多少人受到影响？
portal-impact-low = 只有我
portal-impact-medium = 几个人或我的团队
portal-impact-high = 很多人，整个部门或更多
portal-new-urgency = 这件事对您有多紧急？
portal-urgency-low = 可以等：我有变通办法
portal-urgency-medium = 它拖慢了我的工作
portal-urgency-high = 在修好之前我无法工作
portal-not-sure = 不确定
portal-new-files = 文件（截图、文档），可选
portal-files-limit = 您可以选择多个文件，每个文件不超过 { $limit } MiB。
portal-files-choose-again = 出于安全考虑，表单退回时不会保留文件：请重新选择。
portal-new-submit = 提交我的请求

## 十个默认类别
portal-category-hardware-failure = 硬件故障
portal-category-software-failure = 软件故障
portal-category-network = 网络
portal-category-security = 安全
portal-category-user-support = 用户支持
portal-category-service-request = 服务请求
portal-category-data-recovery = 数据恢复
portal-category-performance-optimisation = 性能
portal-category-consulting = 咨询
portal-category-other = 其他

## 用一句话说明请求的进展
portal-state-new = 我们已收到您的请求，很快就会有人处理。
portal-state-assigned = 已有专人负责您的请求。
portal-state-in-progress = 我们正在处理您的请求。
portal-state-pending = 我们正在等待您或第三方的答复，然后才能继续。
portal-state-escalated = 您的请求已转交给专门的团队。
portal-state-resolved = 我们认为您的请求已经解决。请确认，如果问题仍然存在，请重新打开。
portal-state-closed = 此请求已关闭。
portal-state-cancelled = 此请求已取消（例如与另一个请求重复）。

## 单个请求
portal-flash-created = 谢谢！您的请求 { $number } 已登记。
portal-flash-created-partial = 您的请求 { $number } 已登记，但以下文件未能附加：{ $files }。请在下方重新添加。
portal-flash-replied = 您的回复已添加。
portal-flash-confirmed = 感谢您的确认，此请求现已关闭。
portal-flash-reopened = 您的请求已重新打开，我们会再次处理。
portal-flash-attached = 您的文件已添加。
portal-no-category = 未选择
portal-you = 您
portal-someone = 服务台
portal-entry-created = { $name } 提交了请求
portal-entry-reply = { $name } 写道
portal-entry-email-in = 来自 { $name } 的邮件
portal-entry-email-out = { $name } 发送的邮件
portal-entry-status = { $name } 将状态从“{ $from }”改为“{ $to }”
portal-entry-confirmed = { $name } 确认了解决方案
portal-entry-reopened = { $name } 重新打开了请求
portal-entry-attachment = { $name } 附加了 { $file }
portal-size-bytes = { $n } 字节
portal-size-kb = { $n } KB
portal-size-mb = { $n } MB
portal-decision-title = 您的问题解决了吗？
portal-decision-text = 如果现在一切正常，请确认，我们将关闭此请求。如果没有，请告诉我们还有什么问题，我们会重新打开它。
portal-confirm-button = 是的，已解决：关闭请求
portal-reopen-reason = 没有解决：还有什么问题？
portal-reopen-hint = 您的答复会添加到对话中。
portal-reopen-button = 重新打开请求
portal-conversation = 对话
portal-description = 描述
portal-no-description = 未提供描述。
portal-reply-title = 回复
portal-reply-label = 您的消息
portal-reply-button = 发送
portal-finished-text = 此请求已结束。如果问题再次出现，或您需要其他帮助，请新建一个请求。
portal-facts = 详情
portal-priority = 优先级
portal-type = 类型
portal-times-in = 时间以 { $zone } 时区显示。
portal-files = 文件
portal-files-none = 暂无文件。
portal-upload-label = 添加文件
portal-upload-button = 添加这些文件
portal-files-kept = 以下文件已添加：{ $files }。

## 被退回的表单
portal-error-choice = 请从提供的选项中选择一项。
portal-error-category = 此主题分类已不再提供，请选择其他分类。
portal-error-empty-message = 请先写点内容。
portal-error-subject-required = 请为您的请求填写主题。
portal-error-one-line = 主题必须在一行之内。
portal-error-state = 此操作已无法进行：请求在此期间已发生变化。请刷新页面查看其当前状态。
portal-error-forbidden = 您不能对此请求执行此操作。
portal-error-no-file = 请至少选择一个文件。
portal-error-file-too-large = 文件“{ $name }”太大：每个文件不能超过 { $limit } MiB。未发送任何内容。
portal-error-file = 文件“{ $name }”无法添加：{ $reason }
