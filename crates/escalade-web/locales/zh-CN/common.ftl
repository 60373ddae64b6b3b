# 每个页面的框架、登录、账户和错误。
nav-skip = 跳到正文
nav-label = 主导航
nav-agent-home = 首页
nav-queues = 队列
nav-new-ticket = 新建工单
nav-my-tickets = 我的请求
nav-new-request = 提交请求
nav-admin = 管理
nav-language = 语言
nav-language-apply = 应用
nav-login = 登录
nav-logout = 退出

action-back = 返回
action-home = 首页
action-save = 保存
action-cancel = 取消
action-filter = 筛选
action-clear = 清除
action-previous = 上一页
action-next = 下一页

login-title = 登录
login-login = 用户名
login-password = 密码
login-submit = 登录
login-failed = 用户名或密码错误。

account-title = 我的账户
account-preferences = 偏好设置
account-language = 语言
account-time-zone = 时区
account-password = 密码
account-current-password = 当前密码
account-new-password = 新密码（至少 10 个字符）
account-confirm-password = 再次输入新密码
account-change-password = 修改密码
account-password-changed = 密码已修改。
account-preferences-saved = 偏好设置已保存。
account-mismatch = 两次输入的新密码不一致。

tickets-count = { $count } 个工单
page-of = 第 { $page } 页，共 { $pages } 页

error-not-found = 未找到
error-not-found-text = 此页面不存在，或您无权查看。
error-forbidden = 无权操作
error-throttled = 尝试次数过多
error-throttled-text = 失败次数过多；请在 { $seconds } 秒后重试。
error-refused = 无法执行此操作
error-internal = 服务器出现错误，已记录在日志中。
error-unavailable = 数据库繁忙或无法连接；请稍后重试。
error-csrf = 此表单已过期或并非来自本站。请刷新页面后重试。
error-form-too-large = 表单过大。
error-form-invalid = 表单填写有误（{ $detail }）。
error-too-large = 文件过大；上限为 { $limit } MiB。
error-unknown-language = 此语言不可用。
error-wrong-password = 当前密码错误。
error-too-short = 内容太短。
error-too-long = 内容太长。
error-required = 此项为必填。
