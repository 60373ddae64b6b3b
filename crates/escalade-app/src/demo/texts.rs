//! The words of the demo: per category, ten ticket templates (subject and description) in
//! English, French, Russian and Chinese plus monitoring alerts, the facts and fixes agents note,
//! and the public replies of agents and requesters in each language.
//!
//! The tables are data, kept one entry per line (hence `rustfmt::skip`). In replies, `{name}`
//! is the requester's first name, `{agent}` the agent's, and `{team}` the receiving group.

use escalade_core::people::Language::{self, En, Fr, Ru, ZhCn};
use escalade_core::ticket::TicketType::{
    self, Complaint as Cmp, Incident as Inc, Question as Qst, ServiceRequest as Req,
};

use escalade_core::ticket::Ticket;
use rand::rngs::StdRng;

use super::people::Team;
use super::pick;

/// A ticket as a requester (or a monitoring system) writes it.
pub(super) struct Template {
    /// Language it is written in; the conversation continues in it.
    pub lang: Language,
    /// Type.
    pub kind: TicketType,
    /// Subject line.
    pub subject: &'static str,
    /// Description.
    pub body: &'static str,
    /// Affected service; empty when none.
    pub service: &'static str,
    /// Tags.
    pub tags: &'static [&'static str],
    /// Whether it comes from monitoring rather than a person.
    pub alert: bool,
}

const fn t(
    lang: Language,
    kind: TicketType,
    subject: &'static str,
    body: &'static str,
    service: &'static str,
    tags: &'static [&'static str],
) -> Template {
    Template {
        lang,
        kind,
        subject,
        body,
        service,
        tags,
        alert: false,
    }
}

const fn alert(
    subject: &'static str,
    body: &'static str,
    service: &'static str,
    tags: &'static [&'static str],
) -> Template {
    Template {
        lang: En,
        kind: Inc,
        subject,
        body,
        service,
        tags,
        alert: true,
    }
}

/// Everything the demo says about one of the ten default categories.
pub(super) struct CategoryText {
    /// The category key (as in `DEFAULT_CATEGORIES`).
    pub key: &'static str,
    /// Relative share of tickets.
    pub weight: u32,
    /// Ticket templates.
    pub templates: &'static [Template],
    /// Error messages a requester reports (may be empty).
    pub errors: &'static [&'static str],
    /// What requesters try before calling (may be empty).
    pub tried: &'static [&'static str],
    /// What level 0 checks before handing over.
    pub checks: &'static [&'static str],
    /// What finally solved it (internal notes).
    pub fixes: &'static [&'static str],
    /// Prefixes of configuration item names (may be empty).
    pub items: &'static [&'static str],
}

/// The ten default categories.
#[rustfmt::skip]
pub(super) static CATEGORIES: [CategoryText; 10] = [
    CategoryText {
        key: "hardware_failure",
        weight: 12,
        templates: &[
            t(En, Inc, "Laptop does not power on", "My laptop stays black when I press the power button. The charging light blinks orange three times. I have a client presentation at 2 pm.", "Workstations", &["laptop"]),
            t(En, Inc, "Printer on the 3rd floor keeps jamming", "The big printer next to the kitchen on floor 3 jams on every second page and shows error 13.B2. Half the team cannot print delivery notes.", "Printing", &["printer"]),
            t(En, Inc, "Second monitor flickers and goes black", "Since this morning my second screen flickers and then turns off for a few seconds. I swapped the cable with a colleague's, same thing.", "Workstations", &["monitor", "docking-station"]),
            t(En, Inc, "Meeting room projector shows no signal", "The projector in meeting room Everest says 'No signal' with every laptop we try, HDMI and USB-C. We have a board meeting there tomorrow at 9.", "Meeting rooms", &["meeting-room", "projector"]),
            t(Fr, Inc, "Écran de l'ordinateur portable fissuré", "Mon ordinateur portable est tombé de mon sac ce matin et l'écran est fissuré dans le coin en bas à droite. Il fonctionne encore mais un tiers de l'image est illisible.", "Workstations", &["laptop"]),
            t(Fr, Inc, "Le téléphone de bureau ne sonne plus", "Mon téléphone fixe affiche « Enregistrement… » depuis hier et je ne reçois plus aucun appel. Les clients tombent directement sur la messagerie.", "Telephony", &["telephony"]),
            t(Ru, Inc, "Не работает клавиатура на ноутбуке", "Несколько клавиш (Е, Н, Г) перестали нажиматься после того, как на клавиатуру попала вода. Внешнюю клавиатуру подключить можно, но в командировке это неудобно.", "Workstations", &["laptop", "keyboard"]),
            t(Ru, Inc, "Вздулась батарея ноутбука", "Корпус ноутбука снизу выгнулся, тачпад приподнялся. Похоже, вздулась батарея. Ноутбук пока выключен и отключён от сети.", "Workstations", &["laptop", "battery"]),
            t(ZhCn, Inc, "财务部打印机无法连接", "财务部的彩色打印机显示离线，整个部门都无法打印发票。已经重启过打印机，还是不行。", "Printing", &["printer"]),
            t(ZhCn, Inc, "扩展坞无法识别显示器和键盘", "今天早上开始，扩展坞连接后显示器和键盘都没有反应，笔记本本身正常。换了一个 USB-C 口也一样。", "Workstations", &["docking-station"]),
            alert("[FIRING] Disk failure predicted on fs-02 (SMART)", "Alertmanager: SmartDiskFailurePredicted firing on fs-02, disk bay 4 (reallocated sectors 312). RAID 6 still healthy.", "File shares", &["alert", "storage"]),
            alert("[FIRING] UPS on battery in server room B", "Alertmanager: UpsOnBattery firing for ups-srv-b (load 41%, runtime left 23 min). Mains power lost at 06:12 UTC.", "Data centre", &["alert", "power"]),
        ],
        errors: &["Error 13.B2 (paper jam in tray 2)", "Charging LED blinks orange 3 times", "BIOS beep code: 2 long, 3 short", "No signal"],
        tried: &["restarted the device", "swapped the cable with a colleague's", "tried another power socket", "removed and re-seated the docking station"],
        checks: &["checked power supply and cables with the user on a remote session", "confirmed the model, the asset tag and the warranty status", "ran the vendor's hardware diagnostics with the user on the phone"],
        fixes: &["Replaced the motherboard under warranty (vendor on-site visit).", "Swapped the device for a loaner from stock and re-imaged it.", "Cleaned the paper path and replaced the pickup rollers; 50 test pages OK.", "Replaced the faulty docking station and updated its firmware."],
        items: &["LAPTOP-", "PRN-", "MON-", "DOCK-"],
    },
    CategoryText {
        key: "software_failure",
        weight: 15,
        templates: &[
            t(En, Inc, "Outlook crashes when opening attachments", "Outlook closes without any message every time I open a PDF attachment. It started after yesterday's update. Webmail works.", "Email (Exchange Online)", &["outlook", "email"]),
            t(En, Inc, "ERP: error when posting supplier invoices", "When I post a supplier invoice in the ERP I get 'Posting period 06 is not open for company code 1000'. The month-end close is due on Friday.", "ERP (SAP S/4HANA)", &["erp", "month-end"]),
            t(En, Inc, "Teams calls: others cannot hear me", "In Teams calls nobody hears me, although the microphone works in the Windows sound test. Started this week; the headset is the standard Jabra.", "Collaboration (Teams)", &["teams", "audio"]),
            t(En, Inc, "CRM export to Excel produces an empty file", "Exporting my opportunity list from the CRM to Excel gives a file with headers only. The list shows 240 rows on screen.", "CRM (Salesforce)", &["crm", "export"]),
            t(Fr, Inc, "Excel se ferme à l'ouverture du fichier budget", "Le fichier budget (sur le partage Finance) fait planter Excel dès l'ouverture. Mes collègues arrivent à l'ouvrir. Je dois le mettre à jour avant la réunion de jeudi.", "Office", &["excel"]),
            t(Fr, Inc, "Message d'erreur au démarrage de l'ERP", "Au lancement de l'ERP, j'obtiens « Connexion au serveur impossible (code 0x80004005) ». Hier tout fonctionnait. Mon poste a redémarré cette nuit pour les mises à jour.", "ERP (SAP S/4HANA)", &["erp"]),
            t(Ru, Inc, "ERP не формирует отчёт по продажам", "При формировании отчёта по продажам за квартал система через 10 минут выдаёт ошибку «Превышено время ожидания». Отчёт за месяц формируется нормально.", "ERP (SAP S/4HANA)", &["erp", "reports"]),
            t(Ru, Inc, "Не открываются PDF-файлы", "После обновления Windows при открытии любого PDF появляется сообщение «Приложение не отвечает». Нужно срочно подписать договоры.", "Workstations", &["pdf"]),
            t(ZhCn, Inc, "Outlook 无法同步邮件", "从昨天下午开始，Outlook 一直显示“正在尝试连接”，收不到新邮件。手机上的邮件是正常的。", "Email (Exchange Online)", &["outlook", "email"]),
            t(ZhCn, Inc, "ERP 登录后白屏", "登录 ERP 之后页面一直是白屏，换了浏览器也一样。销售订单今天必须录入。", "ERP (SAP S/4HANA)", &["erp"]),
            alert("[FIRING] crm-api: 3 of 3 instances down", "Alertmanager: ServiceDown firing for job=crm-api (3 of 3 targets down since 02:14 UTC). Runbook: https://wiki.example.com/runbooks/crm-api", "CRM (Salesforce)", &["alert", "crm"]),
            alert("[FIRING] ERP batch job ZFI_PAYMENTS failed", "Job ZFI_PAYMENTS ended with status CANCELLED (return code 8). The payment file for the bank was not generated.", "ERP (SAP S/4HANA)", &["alert", "erp", "payments"]),
        ],
        errors: &["0x80004005", "Posting period 06 is not open for company code 1000", "Application not responding", "HTTP 500 Internal Server Error"],
        tried: &["restarted the application", "rebooted the laptop", "cleared the browser cache", "tried the web version"],
        checks: &["reproduced the error on a remote session", "checked the service health page: no known incident", "repaired the Office installation"],
        fixes: &["Rolled back the faulty update and paused it for the pilot group.", "Opened the posting period in the ERP configuration after approval from Finance.", "Rebuilt the Outlook profile and cleared the OST cache.", "Corrected the user's ERP authorisation role and tested with the requester."],
        items: &["SAP-PRD-", "PC-", "CRM-"],
    },
    CategoryText {
        key: "network",
        weight: 10,
        templates: &[
            t(En, Inc, "VPN disconnects every 10 minutes", "Working from home, the VPN drops roughly every 10 minutes and I have to log in again. My home internet is fine otherwise (video calls without VPN work).", "VPN", &["vpn", "remote-work"]),
            t(En, Inc, "No Wi-Fi in building B, 2nd floor", "Nobody on the 2nd floor of building B can connect to the CORP Wi-Fi since about 8:30. The guest network still works.", "Wi-Fi", &["wifi"]),
            t(En, Inc, "Cannot reach the shared drive S:", "Drive S: shows a red cross and 'The network path was not found'. Colleagues in the same office can open it.", "File shares", &["file-share"]),
            t(En, Inc, "Lyon office: internet extremely slow", "In the Lyon sales office the internet is very slow since Monday (speed test: 2 Mbit/s instead of 100). Video calls with customers keep freezing.", "WAN / Internet", &["wan", "branch-office"]),
            t(Fr, Inc, "Prise réseau inactive dans le bureau 214", "La prise murale du bureau 214 ne donne plus de réseau : le voyant du portable reste éteint. J'ai essayé avec deux câbles différents.", "LAN", &["lan"]),
            t(Fr, Inc, "Impossible de se connecter au VPN depuis l'hôtel", "En déplacement à Bruxelles, le client VPN affiche « Délai d'attente dépassé » depuis le Wi-Fi de l'hôtel. Le partage de connexion du téléphone fonctionne.", "VPN", &["vpn", "travel"]),
            t(Ru, Inc, "Нет интернета в переговорной «Байкал»", "В переговорной «Байкал» ноутбуки подключаются к Wi-Fi, но интернет не работает: «Нет подключения к Интернету, защищено». Через час встреча с клиентом.", "Wi-Fi", &["wifi", "meeting-room"]),
            t(Ru, Inc, "Склад: терминалы сбора данных без связи", "На складе в Подольске терминалы сбора данных потеряли связь с сетью, приёмка остановлена. Проблема на всех 12 терминалах.", "Warehouse network", &["wifi", "warehouse", "scanners"]),
            t(ZhCn, Inc, "上海办公室网络中断", "上海办公室从上午十点开始无法访问公司内网和邮件，外网可以打开。大约二十人受影响。", "WAN / Internet", &["wan", "branch-office"]),
            t(ZhCn, Inc, "VPN 连接后无法访问内部系统", "VPN 显示已连接，但是打不开 ERP 和共享盘。昨天还可以正常使用。", "VPN", &["vpn"]),
            alert("[FIRING] Link down: WAN-LYON-01 ge-0/0/1", "Alertmanager: InterfaceDown firing on router wan-lyon-01, interface ge-0/0/1 (MPLS uplink). The 4G backup link is active.", "WAN / Internet", &["alert", "wan"]),
            alert("[FIRING] Packet loss 7% on vpn-gw-02", "Alertmanager: HighPacketLoss firing for vpn-gw-02 (7.3% over 10 min, threshold 2%). 312 active sessions.", "VPN", &["alert", "vpn"]),
        ],
        errors: &["The network path was not found (0x80070035)", "VPN error 809", "No DHCP lease (169.254.x.x address)", "Connection timed out"],
        tried: &["restarted the router at home", "reconnected to the Wi-Fi", "tried another network cable", "restarted the VPN client"],
        checks: &["checked the switch port and the DHCP lease", "pinged the gateway and the file server from the user's laptop", "checked the VPN concentrator logs for the user's session"],
        fixes: &["Re-patched the wall port to a working switch port and updated the documentation.", "Replaced the faulty access point on floor 2 (its PoE port was dead).", "Lowered the VPN MTU to 1380 for the user's profile; stable for 2 days.", "The carrier repaired the fibre to the branch office; link stable again."],
        items: &["SW-", "AP-", "RTR-", "VPN-GW-"],
    },
    CategoryText {
        key: "security",
        weight: 4,
        templates: &[
            t(En, Inc, "Suspicious e-mail asking to confirm my password", "I received an e-mail 'Your mailbox is full - confirm your password' with a link to a strange site. I did NOT click it. Forwarding it as an attachment.", "Email (Exchange Online)", &["phishing"]),
            t(En, Inc, "I clicked a link in a phishing e-mail", "I clicked a link in an e-mail that looked like it came from DHL and entered my password before I realised. This was about 20 minutes ago.", "Identity (Entra ID)", &["phishing", "credentials"]),
            t(En, Inc, "Laptop stolen from my car", "My company laptop was stolen from my car last night in Manchester. Police report number 4471/23. The laptop had the customer contracts folder synced.", "Workstations", &["lost-device"]),
            t(En, Inc, "Unexpected MFA prompts on my phone", "Since this morning I keep getting MFA approval requests that I did not start. I have rejected all of them (about 15).", "Identity (Entra ID)", &["mfa", "account"]),
            t(Fr, Inc, "Message de rançon sur le partage Marketing", "Des fichiers du partage Marketing ont une extension « .locked » et un fichier LISEZ-MOI demande un paiement en bitcoins. Je n'ai rien touché.", "File shares", &["ransomware"]),
            t(Fr, Inc, "Clé USB trouvée dans le parking", "Un collègue a trouvé une clé USB marquée « Salaires » dans le parking et l'a branchée sur son poste. L'antivirus a affiché une alerte.", "Workstations", &["usb", "malware"]),
            t(Ru, Inc, "Подозрительный вход в учётную запись", "Пришло уведомление о входе в мою учётную запись из Бразилии в 03:40. Ночью я не работаю, пароль никому не передавался.", "Identity (Entra ID)", &["account", "sign-in"]),
            t(Ru, Inc, "Антивирус обнаружил троян", "Антивирус показал сообщение «Обнаружен Trojan:Win32/Wacatac» и поместил файл в карантин. Файл пришёл в письме от поставщика.", "Workstations", &["malware"]),
            t(ZhCn, Inc, "收到可疑的发票邮件", "收到一封自称是供应商的邮件，附件是“发票.zip”，要求马上付款。我没有打开附件。", "Email (Exchange Online)", &["phishing"]),
            t(ZhCn, Inc, "同事的邮箱在发送垃圾邮件", "销售部同事的邮箱在给客户群发奇怪的链接，客户已经打电话来询问。", "Email (Exchange Online)", &["account", "spam"]),
            alert("[FIRING] 250 failed sign-ins in 5 min for svc-backup", "SIEM: brute-force pattern against account svc-backup from 185.220.101.x (Tor exit node). The account is not locked (service account policy).", "Identity (Entra ID)", &["alert", "brute-force"]),
        ],
        errors: &["Trojan:Win32/Wacatac.B!ml", "Sign-in from an unfamiliar location", "Files renamed with the .locked extension"],
        tried: &["did not click the link", "changed the password", "disconnected the laptop from the network"],
        checks: &["isolated the workstation from the network in the EDR console", "checked the sign-in logs of the account", "reset the password and revoked the sessions"],
        fixes: &["Re-imaged the workstation; no lateral movement found in the EDR telemetry.", "Blocked the sender domain and purged the message from 143 mailboxes.", "Remote-wiped the device; BitLocker confirmed; report filed with the DPO.", "Enforced number matching for MFA on the account; sessions revoked; user briefed."],
        items: &["PC-", "ACC-"],
    },
    CategoryText {
        key: "user_support",
        weight: 17,
        templates: &[
            t(En, Req, "Password reset for the ERP", "I forgot my ERP password and the account is locked after three attempts. My user name is the usual first.last.", "ERP (SAP S/4HANA)", &["password", "account"]),
            t(En, Qst, "How do I set up an out-of-office reply?", "I'm on holiday from next Monday for two weeks. How do I set an automatic reply in Outlook, and can it be different for external senders?", "Email (Exchange Online)", &["outlook", "how-to"]),
            t(En, Req, "New phone: move my MFA to it", "I got a new phone and the old one is already handed back. Now I cannot approve sign-ins. Can you help me register the authenticator app again?", "Identity (Entra ID)", &["mfa"]),
            t(En, Cmp, "Nobody answered my ticket for a week", "I opened a request about my missing software licence a week ago and nobody has contacted me. I can't work properly without it. This is not acceptable.", "", &["complaint", "follow-up"]),
            t(Fr, Qst, "Comment partager mon agenda avec mon assistante ?", "Je voudrais que mon assistante puisse voir et modifier mon agenda Outlook, mais pas lire mes e-mails. Comment faire ?", "Email (Exchange Online)", &["outlook", "calendar", "how-to"]),
            t(Fr, Cmp, "Réponse du support trop tardive", "J'ai appelé trois fois pour le même problème d'imprimante et à chaque fois on me demande de tout réexpliquer. Je souhaite que quelqu'un prenne vraiment le dossier en main.", "", &["complaint"]),
            t(Ru, Req, "Сбросить пароль от почты", "Не могу войти в почту: пишет, что срок действия пароля истёк. Смена пароля через портал не проходит — «Пароль не соответствует требованиям».", "Email (Exchange Online)", &["password"]),
            t(Ru, Qst, "Как подключить общий почтовый ящик?", "Мне дали доступ к ящику logistics@, но я не вижу его в Outlook. Что нужно сделать?", "Email (Exchange Online)", &["outlook", "shared-mailbox", "how-to"]),
            t(ZhCn, Qst, "如何在手机上设置公司邮箱？", "我想在 iPhone 上查看公司邮件，请问需要安装什么应用，怎么设置？", "Email (Exchange Online)", &["mobile", "how-to"]),
            t(ZhCn, Req, "账号被锁定", "输错几次密码后账号被锁定了，现在无法登录电脑。请尽快帮忙解锁。", "Identity (Entra ID)", &["account", "password"]),
        ],
        errors: &["Your account has been locked", "Your password has expired", "Your sign-in was blocked"],
        tried: &["used the self-service password portal", "restarted the phone", "followed the intranet guide"],
        checks: &["verified the requester's identity by call-back", "checked the account status in the directory", "walked the user through the settings on a remote session"],
        fixes: &["Unlocked the account and set a temporary password; the user changed it at first sign-in.", "Sent the how-to article and configured the setting together on a call.", "Re-registered the authenticator app after an identity check by video call."],
        items: &[],
    },
    CategoryText {
        key: "service_request",
        weight: 16,
        templates: &[
            t(En, Req, "Laptop and accounts for a new hire starting on the 1st", "Please prepare a laptop, an e-mail account, read-only ERP access and a badge for Daniel Hughes, junior accountant in Finance, starting on the 1st. I am his manager.", "Onboarding", &["onboarding", "new-hire"]),
            t(En, Req, "Access to the Marketing campaigns folder", "I need read/write access to \\\\files\\marketing\\campaigns for the spring campaign. My manager has agreed (in copy).", "File shares", &["access", "file-share"]),
            t(En, Req, "Install Adobe Acrobat Pro", "I need to edit and sign PDF contracts. Could you install Adobe Acrobat Pro on my laptop? Cost centre 4100.", "Software", &["software", "licence"]),
            t(En, Req, "Second monitor for my home office", "I work from home three days a week. Could I get a second 24\" monitor and a docking station for home?", "Workstations", &["equipment", "remote-work"]),
            t(Fr, Req, "Création d'une liste de diffusion", "Merci de créer la liste de diffusion equipe-juridique@ avec les 8 membres du service juridique (liste jointe).", "Email (Exchange Online)", &["email", "distribution-list"]),
            t(Fr, Req, "Départ d'un collaborateur le 30 juin", "Marc Girard quitte l'entreprise le 30 juin. Merci de désactiver ses accès ce jour-là et de transférer sa boîte aux lettres à son responsable.", "Offboarding", &["offboarding"]),
            t(Ru, Req, "Доступ к ERP для нового сотрудника", "С понедельника в отдел логистики выходит новый сотрудник, Кирилл Белов. Нужна учётная запись в ERP с ролью «Склад — просмотр».", "ERP (SAP S/4HANA)", &["access", "erp", "onboarding"]),
            t(Ru, Req, "Установить Visio", "Для подготовки схем складских процессов нужна программа Visio. Согласовано с руководителем.", "Software", &["software", "licence"]),
            t(ZhCn, Req, "申请新员工电脑", "市场部下周一有一位新同事入职，请准备一台笔记本电脑和邮箱账号。", "Onboarding", &["onboarding", "new-hire"]),
            t(ZhCn, Req, "申请开通共享盘权限", "请为我开通研发共享盘 \\\\files\\engineering 的读写权限，已获得部门经理批准。", "File shares", &["access", "file-share"]),
        ],
        errors: &[],
        tried: &[],
        checks: &["checked the manager's approval", "checked licence availability in the pool", "confirmed the delivery address and the start date"],
        fixes: &["Delivered and set up with the user; asset registered in the inventory.", "Access granted through the folder's owner group; the user confirmed.", "Licence assigned from the pool and the software deployed through Intune."],
        items: &["LAPTOP-", "LIC-"],
    },
    CategoryText {
        key: "data_recovery",
        weight: 4,
        templates: &[
            t(En, Req, "Restore a deleted folder on the Sales share", "I accidentally deleted the folder 'Q3 offers' on the Sales share yesterday around 16:00. Can you restore it from the backup?", "File shares", &["restore", "file-share"]),
            t(En, Inc, "Excel file corrupted after the power cut", "After the power cut this morning the file Inventory.xlsx cannot be opened ('the file is corrupt'). It contains two weeks of work.", "File shares", &["restore", "excel"]),
            t(En, Req, "Recover e-mails deleted by mistake", "I emptied the 'Deleted items' folder by mistake and lost a supplier's e-mails from last month. Can they be recovered?", "Email (Exchange Online)", &["restore", "email"]),
            t(En, Inc, "Laptop disk failed: I need my files", "My laptop shows 'No bootable device'. Most of my files are in OneDrive but the folder C:\\Projects was not synced.", "Workstations", &["restore", "disk"]),
            t(Fr, Req, "Restaurer une version précédente d'un document", "Le contrat cadre dans SharePoint a été écrasé par une mauvaise version ce matin. Pouvez-vous restaurer la version d'hier soir ?", "SharePoint", &["restore", "sharepoint"]),
            t(Fr, Req, "Récupérer les données d'une clé USB", "Ma clé USB n'est plus reconnue et contient les photos de l'événement client. Est-il possible de récupérer les fichiers ?", "Workstations", &["restore", "usb"]),
            t(Ru, Req, "Восстановить удалённую папку", "Из общей папки отдела кадров пропала папка «Отпуска». Просьба восстановить её из резервной копии за пятницу.", "File shares", &["restore", "file-share"]),
            t(Ru, Inc, "Пропали данные в таблице планирования", "В файле планирования поставок пропали данные за март: кто-то перезаписал файл. Нужна версия от 1 апреля.", "SharePoint", &["restore"]),
            t(ZhCn, Req, "恢复误删的文件夹", "我不小心删除了共享盘里的“客户合同”文件夹，请帮忙从备份中恢复。", "File shares", &["restore", "file-share"]),
            t(ZhCn, Inc, "硬盘损坏，数据无法读取", "电脑开机提示硬盘错误，里面有还没备份的设计图纸，急需恢复。", "Workstations", &["restore", "disk"]),
            alert("[FIRING] Nightly backup failed: fs-02", "Backup job FS02-DAILY ended with errors: 3 volumes skipped (VSS snapshot timeout). Last good backup: 2 days ago.", "Backup", &["alert", "backup"]),
        ],
        errors: &["The file is corrupt and cannot be opened", "No bootable device", "USB device not recognised"],
        tried: &["looked in the recycle bin", "tried to open the file on another computer"],
        checks: &["located the last good backup point", "checked the file's version history", "confirmed the exact path and time of the deletion"],
        fixes: &["Restored the folder from last night's backup to its original location.", "Restored the previous version from the version history; the user checked the content.", "Recovered the data with the disk imaging tool; 98% of the files are readable."],
        items: &["FS-", "BKP-", "SP-"],
    },
    CategoryText {
        key: "performance_optimisation",
        weight: 6,
        templates: &[
            t(En, Inc, "ERP very slow during month-end close", "Every month-end, posting in the ERP takes 30-60 seconds per document. The whole accounting team is affected and we fall behind.", "ERP (SAP S/4HANA)", &["erp", "slow", "month-end"]),
            t(En, Inc, "Laptop takes 15 minutes to start", "My laptop takes around 15 minutes to become usable in the morning; the disk is at 100% in the Task Manager.", "Workstations", &["laptop", "slow"]),
            t(En, Inc, "CRM pages take ages to load", "Opening an account page in the CRM takes more than 20 seconds since the last release. Customers wait on the phone while we search.", "CRM (Salesforce)", &["crm", "slow"]),
            t(En, Req, "Virtual desktop lag for the design team", "The design team's virtual desktops lag in Photoshop: brush strokes appear a second later. Can we get more resources?", "Virtual desktops (VDI)", &["vdi", "slow"]),
            t(Fr, Inc, "Le partage réseau est très lent", "Ouvrir un fichier sur le partage Finance prend plus d'une minute depuis ce matin, même pour un petit document Word.", "File shares", &["file-share", "slow"]),
            t(Fr, Inc, "Lenteurs sur le portail RH", "Le portail RH met très longtemps à afficher les bulletins de paie, et affiche parfois une erreur 504.", "HR portal", &["hr-portal", "slow"]),
            t(Ru, Inc, "Медленно работает ERP на складе", "Проведение приходной накладной занимает больше минуты. Очередь машин на разгрузку растёт.", "ERP (SAP S/4HANA)", &["erp", "slow", "warehouse"]),
            t(Ru, Inc, "Тормозит видеосвязь в Teams", "Во время звонков в Teams изображение зависает, звук прерывается. Скорость интернета в офисе нормальная.", "Collaboration (Teams)", &["teams", "slow"]),
            t(ZhCn, Inc, "报表系统运行缓慢", "报表系统打开一个月度报表需要五分钟以上，以前只要几秒钟。", "BI / Reporting", &["reports", "slow"]),
            t(ZhCn, Inc, "电脑非常卡", "电脑开机后非常慢，打开 Excel 要等好几分钟，风扇一直在响。", "Workstations", &["laptop", "slow"]),
            alert("[FIRING] ERP response time p95 > 3 s", "Alertmanager: ErpSlowDialog firing: p95 dialog response time 3.8 s over 15 min (threshold 3 s) on sap-prd-app01.", "ERP (SAP S/4HANA)", &["alert", "erp"]),
            alert("[FIRING] CPU > 90% for 15 min on db-crm-01", "Alertmanager: HostHighCpu firing on db-crm-01 (94% on average over 15 min).", "CRM (Salesforce)", &["alert", "database"]),
        ],
        errors: &["HTTP 504 Gateway Timeout", "Disk at 100% in the Task Manager", "Dialog response time above 3 s"],
        tried: &["closed the other applications", "restarted the laptop", "tried at another time of day"],
        checks: &["measured the response time on a remote session", "checked the monitoring dashboards of the service", "compared with another user in the same office"],
        fixes: &["Added an index on the posting table and moved the batch jobs outside office hours.", "Replaced the hard disk with an SSD and re-imaged the laptop.", "Increased the vCPU and GPU profile of the design team's VDI pool.", "Fixed a slow query introduced in the last release (hotfix deployed)."],
        items: &["SAP-PRD-APP", "DB-", "VDI-POOL-", "PC-"],
    },
    CategoryText {
        key: "consulting",
        weight: 8,
        templates: &[
            t(En, Qst, "Which tool should we use for e-signatures?", "Legal would like to sign NDAs electronically. Which tool is approved by IT, and is it valid for contracts with customers in the EU?", "", &["e-signature", "advice"]),
            t(En, Qst, "Can we automate the weekly sales report?", "Every Monday I copy data from the CRM to Excel for the weekly sales report. It takes 3 hours. Is there a way to automate this?", "BI / Reporting", &["automation", "reports"]),
            t(En, Qst, "How long must we keep HR records?", "For the HR archive project: how long do we have to keep personnel files and payslips, and does IT delete them automatically?", "", &["retention", "gdpr"]),
            t(En, Qst, "Advice on laptops for the new design team", "We are hiring three designers. What laptop configuration do you recommend for Adobe CC and 3D rendering?", "Workstations", &["advice", "equipment"]),
            t(Fr, Qst, "Conseil pour un outil de gestion de projet", "Le marketing veut remplacer ses tableaux Excel par un outil de gestion de projet. Quelles solutions sont compatibles avec nos règles de sécurité ?", "", &["advice"]),
            t(Fr, Qst, "Question RGPD sur les fichiers clients", "Pouvons-nous stocker des fichiers clients exportés du CRM dans notre OneDrive personnel ? Quelles sont les règles ?", "CRM (Salesforce)", &["gdpr", "advice"]),
            t(Ru, Qst, "Консультация по переносу данных в ERP", "Планируем перенести справочник поставщиков из старой системы в ERP. Подскажите, как правильно подготовить данные?", "ERP (SAP S/4HANA)", &["erp", "migration", "advice"]),
            t(Ru, Qst, "Какой ноутбук выбрать для командировок?", "Часто езжу в командировки. Можно ли получить более лёгкий ноутбук и что для этого нужно?", "Workstations", &["equipment", "advice"]),
            t(ZhCn, Qst, "咨询数据备份方案", "我们部门的设计文件越来越多，想了解公司有什么备份方案，怎样才能保证数据安全？", "Backup", &["backup", "advice"]),
            t(ZhCn, Qst, "如何申请使用云服务？", "研发部门想试用一个云服务进行测试，请问需要走什么流程？", "", &["cloud", "advice"]),
        ],
        errors: &[],
        tried: &[],
        checks: &["collected the requirements and the number of users", "checked the approved software list", "looked up the data-retention policy"],
        fixes: &["Answered with the approved options and the link to the policy; the requester is satisfied.", "Held a meeting with the Applications team; recommendations sent in writing.", "Proposed a standard configuration; order placed through the catalogue."],
        items: &[],
    },
    CategoryText {
        key: "other",
        weight: 8,
        templates: &[
            t(En, Req, "Office move: 12 people to the 4th floor", "Marketing moves from floor 2 to floor 4 on the 15th. We need network ports, phones and printers set up for 12 desks.", "Facilities IT", &["office-move"]),
            t(En, Cmp, "Technician did not show up", "An on-site visit was planned for yesterday at 10:00 to fix my docking station. Nobody came and nobody called.", "", &["complaint", "on-site"]),
            t(En, Qst, "Who can update the lobby display?", "The welcome screen in the lobby still shows last year's Christmas message. Who can update it?", "Digital signage", &["signage"]),
            t(En, Inc, "Badge reader at the warehouse door rejects everyone", "The badge reader at the warehouse side door beeps red for everyone since this morning. Facilities says it is an IT system.", "Access control", &["badge", "facilities"]),
            t(Fr, Cmp, "Ordinateur de prêt inadapté", "Le portable de prêt qu'on m'a remis n'a pas de clavier français ni les logiciels dont j'ai besoin. Je perds beaucoup de temps.", "", &["complaint", "loaner"]),
            t(Fr, Qst, "Tablette de réservation de la salle Mont-Blanc", "La tablette de réservation devant la salle Mont-Blanc affiche « hors ligne ». Est-ce à l'informatique ou aux services généraux de s'en occuper ?", "Meeting rooms", &["meeting-room"]),
            t(Ru, Cmp, "Жалоба на долгое решение заявки", "Заявка на ремонт принтера висит уже две недели. Сотрудники ходят печатать на другой этаж.", "", &["complaint"]),
            t(Ru, Req, "Оборудование для выставки", "Для выставки в Москве 20–22 числа нужны два ноутбука, проектор и мобильный роутер.", "Events", &["event", "equipment"]),
            t(ZhCn, Qst, "会议室电视无法投屏", "三楼大会议室的电视无法无线投屏，请问是否有新的投屏方式？", "Meeting rooms", &["meeting-room"]),
            t(ZhCn, Cmp, "对 IT 服务的反馈", "上次申请电脑等了三个星期才拿到，希望能加快流程。", "", &["complaint", "feedback"]),
        ],
        errors: &[],
        tried: &[],
        checks: &["clarified who owns the request (IT or Facilities)", "checked the planning of the on-site team", "collected the list of desks and devices"],
        fixes: &["Coordinated with Facilities; the work was done on the planned date.", "Apologised, planned a new visit with a fixed time slot and confirmed it by phone.", "Updated the content and gave Marketing the rights to change it themselves."],
        items: &[],
    },
];

/// What agents and requesters write in the conversation, in one language.
pub(super) struct Phrases {
    /// An agent picks the ticket up.
    pub ack: &'static [&'static str],
    /// An agent needs something (the ticket goes pending): details of a fault, a slot for a
    /// remote session, a manager's approval; in this order.
    pub ask: &'static [&'static str],
    /// The requester's answers to `ask`, in the same order.
    pub info: &'static [&'static str],
    /// The requester is told the ticket went to another team.
    pub escalated: &'static [&'static str],
    /// The agent gives the solution.
    pub resolved: &'static [&'static str],
    /// The requester says it is broken again.
    pub reopen: &'static [&'static str],
    /// The requester asks for news.
    pub nudge: &'static [&'static str],
    /// The agent cancels.
    pub cancelled: &'static [&'static str],
}

#[rustfmt::skip]
static EN: Phrases = Phrases {
    ack: &["Hello {name}, thank you for your message. I'm {agent} from the service desk and I'm looking into it now.", "Hi {name}, I've picked up your request and will get back to you shortly.", "Hello {name}, thanks for reporting this. I'm checking it and will keep you posted."],
    ask: &["Hello {name}, to continue I need a bit more information: when did it last work, and do you see an error message? A screenshot would help.", "Hi {name}, could you tell me when you are available for a short remote session today or tomorrow?", "Hello {name}, we are waiting for your manager's approval. Could you ask them to reply to this message?"],
    info: &["Here is the screenshot. It last worked on Friday.", "I'm available tomorrow from 10:00 to 12:00.", "My manager has approved it, see below."],
    escalated: &["Hello {name}, your request has been passed to our {team} team, who specialise in this kind of problem. They will contact you.", "Hi {name}, I've handed your ticket to the {team} team with everything we found so far; you won't need to explain it again."],
    resolved: &["Hello {name}, the problem has been fixed on our side. Could you check that everything works for you?", "Hi {name}, this should now be solved. If anything still doesn't work, just reply to this message.", "Hello {name}, we have completed your request. Let us know if you need anything else."],
    reopen: &["Unfortunately the problem is back since this morning.", "It worked for a day, but now I get the same error again."],
    nudge: &["Hello, is there any news on this?", "Hi, just checking whether someone is working on this. It is still blocking me."],
    cancelled: &["Hello {name}, this request is already covered by another ticket, so I'm closing this one. We'll follow up there.", "Hello {name}, as discussed on the phone, this was opened by mistake, so I'm cancelling it."],
};

#[rustfmt::skip]
static FR: Phrases = Phrases {
    ack: &["Bonjour {name}, merci pour votre message. Je suis {agent} du support et je m'en occupe dès maintenant.", "Bonjour {name}, j'ai pris en charge votre demande et je reviens vers vous rapidement.", "Bonjour {name}, merci pour le signalement. J'analyse le problème et je vous tiens au courant."],
    ask: &["Bonjour {name}, pour avancer j'ai besoin de précisions : depuis quand le problème se produit-il et voyez-vous un message d'erreur ? Une capture d'écran serait utile.", "Bonjour {name}, pourriez-vous m'indiquer un créneau pour une prise en main à distance aujourd'hui ou demain ?", "Bonjour {name}, nous attendons la validation de votre responsable. Pouvez-vous lui demander de répondre à ce message ?"],
    info: &["Voici la capture d'écran. Cela fonctionnait encore vendredi.", "Je suis disponible demain entre 10 h et 12 h.", "Mon responsable a validé, voir ci-dessous."],
    escalated: &["Bonjour {name}, votre demande a été transmise à l'équipe {team}, spécialisée dans ce type de problème. Elle vous contactera.", "Bonjour {name}, j'ai transmis votre ticket à l'équipe {team} avec tout ce que nous avons constaté : vous n'aurez pas à tout réexpliquer."],
    resolved: &["Bonjour {name}, le problème est corrigé de notre côté. Pouvez-vous vérifier que tout fonctionne ?", "Bonjour {name}, cela devrait être résolu. Si ce n'est pas le cas, répondez simplement à ce message.", "Bonjour {name}, votre demande a été traitée. N'hésitez pas à revenir vers nous si besoin."],
    reopen: &["Malheureusement, le problème est revenu ce matin.", "Cela a fonctionné une journée, mais j'ai de nouveau la même erreur."],
    nudge: &["Bonjour, avez-vous du nouveau sur ce sujet ?", "Bonjour, je me permets de relancer : le problème me bloque toujours."],
    cancelled: &["Bonjour {name}, cette demande fait doublon avec un autre ticket ; je clôture celui-ci et nous suivons l'autre.", "Bonjour {name}, comme convenu au téléphone, ce ticket a été ouvert par erreur, je l'annule."],
};

#[rustfmt::skip]
static RU: Phrases = Phrases {
    ack: &["Здравствуйте, {name}! Спасибо за обращение. Меня зовут {agent}, я уже занимаюсь вашим вопросом.", "Добрый день, {name}! Заявка принята в работу, скоро вернусь с ответом.", "Здравствуйте, {name}! Спасибо, что сообщили. Проверяю и буду держать вас в курсе."],
    ask: &["Здравствуйте, {name}! Чтобы продолжить, уточните, пожалуйста: когда всё работало в последний раз и есть ли сообщение об ошибке? Снимок экрана очень поможет.", "Добрый день, {name}! Подскажите, когда вам удобно подключиться к удалённому сеансу сегодня или завтра?", "Здравствуйте, {name}! Ждём согласования от вашего руководителя. Попросите его, пожалуйста, ответить на это сообщение."],
    info: &["Снимок экрана во вложении. В пятницу всё работало.", "Завтра я на месте с 10:00 до 12:00.", "Руководитель согласовал, см. ниже."],
    escalated: &["Здравствуйте, {name}! Ваша заявка передана группе {team}, которая специализируется на таких вопросах. С вами свяжутся.", "Добрый день, {name}! Заявка передана группе {team} вместе со всеми собранными сведениями — повторно объяснять ничего не придётся."],
    resolved: &["Здравствуйте, {name}! Проблема устранена. Проверьте, пожалуйста, всё ли работает.", "Добрый день, {name}! Вопрос должен быть решён. Если что-то не так, просто ответьте на это сообщение.", "Здравствуйте, {name}! Заявка выполнена. Если понадобится что-то ещё, обращайтесь."],
    reopen: &["К сожалению, с утра проблема повторилась.", "Один день всё работало, но сейчас снова та же ошибка."],
    nudge: &["Добрый день! Есть ли новости по заявке?", "Здравствуйте! Подскажите, кто-нибудь занимается этим вопросом? Работа по-прежнему стоит."],
    cancelled: &["Здравствуйте, {name}! Этот вопрос уже решается в другой заявке, поэтому эту закрываем.", "Здравствуйте, {name}! Как договорились по телефону, заявка создана по ошибке — отменяю её."],
};

#[rustfmt::skip]
static ZH: Phrases = Phrases {
    ack: &["{name}您好，感谢您的来信。我是服务台的{agent}，正在处理您的问题。", "{name}您好，您的请求已受理，我们会尽快回复您。", "{name}您好，感谢您的反馈，我们正在排查，会及时告知进展。"],
    ask: &["{name}您好，为了继续处理，请告诉我们问题是从什么时候开始的，以及是否有错误提示？如能提供截图更好。", "{name}您好，请问您今天或明天什么时候方便进行远程协助？", "{name}您好，我们正在等待您主管的审批，请提醒他回复此消息。"],
    info: &["截图已附上，上周五还是正常的。", "我明天上午十点到十二点都有空。", "主管已经批准了，请看下面的邮件。"],
    escalated: &["{name}您好，您的请求已转交给{team}团队处理，他们会与您联系。", "{name}您好，我们已将工单连同所有排查信息转交给{team}团队，您无需再次说明情况。"],
    resolved: &["{name}您好，问题已经解决，请确认一切是否正常。", "{name}您好，问题应已处理完毕，如仍有问题请直接回复此消息。", "{name}您好，您的请求已完成，如有其他需要请随时联系我们。"],
    reopen: &["很遗憾，今天早上问题又出现了。", "正常了一天，现在又出现同样的错误。"],
    nudge: &["您好，请问这个问题有进展吗？", "您好，想确认一下是否有人在处理，这个问题还在影响我的工作。"],
    cancelled: &["{name}您好，此问题已在另一个工单中处理，本工单将关闭。", "{name}您好，按照电话中的沟通，此工单为误提交，现予以取消。"],
};

/// The phrases of a language.
pub(super) fn phrases(lang: Language) -> &'static Phrases {
    match lang {
        En => &EN,
        Fr => &FR,
        Ru => &RU,
        ZhCn => &ZH,
    }
}

/// Agents' notes to each other, in English (the desk's working language).
#[rustfmt::skip]
pub(super) static WORK_NOTES: &[&str] = &[
    "Checked the logs, nothing obvious yet; continuing with the checklist.",
    "Reproduced the problem on a test machine.",
    "Remote session with the user: symptoms confirmed.",
    "Fix planned for tonight's change window.",
    "Searched the knowledge base: similar case last quarter, trying the same workaround.",
];

/// Notes of an agent who takes an escalated ticket; `{from}` is the level it came from.
#[rustfmt::skip]
pub(super) static TAKE_NOTES: &[&str] = &[
    "Took over from level {from}. Hand-over read; starting with the server-side checks.",
    "Picked up. The hand-over is complete, no need to ask the requester again.",
    "Taking this one; will arrange a remote session with the requester.",
];

/// Phone call records.
#[rustfmt::skip]
pub(super) static CALL_NOTES: &[&str] = &[
    "Called {name}: confirmed the details, the problem still occurs.",
    "Called {name} back, no answer; left a voicemail.",
    "Short call with {name}: went through the first checks together.",
];

/// Why a ticket waits for a third party (internal).
#[rustfmt::skip]
pub(super) static WAIT_NOTES: &[&str] = &[
    "Waiting for the carrier's technician.",
    "Case opened with the vendor; waiting for their answer.",
    "Waiting for the spare part (ordered, delivery in 2 days).",
];

/// Why a ticket was cancelled (internal).
#[rustfmt::skip]
pub(super) static CANCEL_NOTES: &[&str] = &[
    "Duplicate of an earlier ticket from the same requester; cancelled.",
    "Opened by mistake (the requester confirmed by phone).",
    "False alarm after analysis; nothing to do.",
];

/// When the problem started, as level 0 notes it.
#[rustfmt::skip]
pub(super) static STARTED: &[&str] = &[
    "this morning around 9:00",
    "yesterday afternoon",
    "after last night's update",
    "on Monday",
    "intermittently for about a week",
];

/// What the receiving team is asked to do next.
pub(super) fn next_step(team: Team) -> &'static str {
    match team {
        Team::ServiceDesk => "continue the diagnosis",
        Team::Desktop => "on-site or remote check of the device and its configuration",
        Team::Network => "check the switch, access point and VPN logs for this user",
        Team::Applications => "analyse in the application and its logs; the user can reproduce it",
        Team::Infrastructure => "check the servers, storage and backups involved",
        Team::VendorErp => "analysis by the ERP vendor under the support contract",
        Team::Security => "security analysis, containment and notification if needed",
    }
}

/// The hand-over summary of an escalation: what is known, what was done, what is asked.
pub(super) fn handover(rng: &mut StdRng, cat: &CategoryText, t: &Ticket, to: Team) -> String {
    let mut s = format!("Known: {}", t.subject);
    let f = &t.facts;
    let mut facts = Vec::new();
    if let Some(x) = &f.started {
        facts.push(format!("started {x}"));
    }
    if let Some(n) = f.users_affected {
        facts.push(format!("users affected: {n}"));
    }
    if let Some(e) = &f.error_codes {
        facts.push(format!("error: {e}"));
    }
    if let Some(x) = &f.tried {
        facts.push(format!("already done: {x}"));
    }
    if !facts.is_empty() {
        s.push_str(&format!("\nFacts: {}.", facts.join("; ")));
    }
    s.push_str(&format!(
        "\nDone at level {}: {}.\nNext: {}.",
        t.level,
        pick(rng, cat.checks),
        next_step(to)
    ));
    s
}

/// Fills the placeholders of a phrase.
pub(super) fn fill(text: &str, name: &str, agent: &str, team: &str) -> String {
    text.replace("{name}", name)
        .replace("{agent}", agent)
        .replace("{team}", team)
}

#[cfg(test)]
mod tests {
    use escalade_core::category::DEFAULT_CATEGORIES;
    use escalade_core::ticket::TicketType;

    use super::*;

    #[test]
    fn tables_cover_every_default_category_language_and_type() {
        let keys: Vec<&str> = CATEGORIES.iter().map(|c| c.key).collect();
        let defaults: Vec<&str> = DEFAULT_CATEGORIES.iter().map(|c| c.0).collect();
        assert_eq!(keys, defaults);
        for c in &CATEGORIES {
            assert!(c.weight > 0);
            assert!(!c.checks.is_empty() && !c.fixes.is_empty(), "{}", c.key);
            let human: Vec<&Template> = c.templates.iter().filter(|t| !t.alert).collect();
            assert_eq!(human.len(), 10, "{}", c.key);
            for l in Language::ALL {
                assert!(human.iter().any(|t| t.lang == *l), "{} has no {l:?}", c.key);
            }
            for t in c.templates {
                assert!(escalade_core::validate::required_line("subject", t.subject, 250).is_ok());
                assert!(
                    escalade_core::validate::tags(
                        &t.tags.iter().map(|s| s.to_string()).collect::<Vec<_>>()
                    )
                    .is_ok()
                );
            }
        }
        for k in TicketType::ALL {
            assert!(
                CATEGORIES
                    .iter()
                    .flat_map(|c| c.templates)
                    .any(|t| t.kind == *k),
                "{k}"
            );
        }
        for l in Language::ALL {
            let p = phrases(*l);
            assert_eq!((p.ask.len(), p.info.len()), (3, 3), "{l:?}");
            for list in [
                p.ack,
                p.ask,
                p.info,
                p.escalated,
                p.resolved,
                p.reopen,
                p.nudge,
                p.cancelled,
            ] {
                assert!(!list.is_empty());
            }
        }
    }
}
