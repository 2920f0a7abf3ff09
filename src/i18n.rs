//! English and Chinese texts of the console. Error explanations come from the code
//! catalogue in `palisade-core` (each code carries both languages).

use leptos::prelude::*;
use palisade_core::codes::ErrorCode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// Every text the console shows, by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        /// Both languages of every text, in the enum's order: a table is data, where a
        /// `match` over every (text, language) pair was 6.8 KB of code.
        const TEXTS: &[[&str; 2]] = &[$([$en, $zh]),*];

        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                TEXTS[self as usize][lang as usize]
            }
        }
    };
}

messages! {
    Tagline => "Security groups for Baidu AI Cloud and Huawei Cloud", "百度智能云与华为云安全组控制台";
    Overview => "Overview", "概览";
    BaiduCloud => "Baidu AI Cloud", "百度智能云";
    HuaweiCloud => "Huawei Cloud", "华为云";
    SecurityGroups => "Security groups", "安全组";
    EnterpriseSecurityGroups => "Enterprise security groups", "企业安全组";
    Instances => "Instances", "实例";
    Endpoints => "Service network interface cards", "服务网卡";
    Settings => "Settings", "设置";
    AccessKey => "Access key", "Access Key";
    SecretKey => "Secret key", "Secret Key";
    Region => "Region", "地域";
    Language => "Language", "语言";
    ProjectId => "Project id", "项目 ID";
    Remember => "Remember in this tab (sessionStorage)", "在此标签页中记住（sessionStorage）";
    SecretsStay => "Keys stay in this browser: only signatures are sent.", "密钥只保存在浏览器中，发送的只有签名。";
    DemoFilled => "Emulator mode: the demo credentials are filled in.", "模拟器模式：已填入演示凭证。";
    ProvidedByHost => "Credentials are provided by the host page.", "凭证由宿主页面提供。";
    Loading => "Loading…", "加载中…";
    Working => "Working…", "处理中…";
    Refresh => "Refresh", "刷新";
    Retry => "Retry", "重试";
    PageLoadFailed => "This page's code could not be loaded (the network or the server did not answer). Nothing else is affected.", "无法加载此页面的代码（网络或服务器无响应）。其他功能不受影响。";
    Cancel => "Cancel", "取消";
    Close => "Close", "关闭";
    Delete => "Delete", "删除";
    Save => "Save", "保存";
    Create => "Create", "创建";
    Filter => "Filter", "筛选";
    FilterHint => "Type to filter by any column", "输入任意列内容进行筛选";
    HwNameRequired => "a name is required", "名称不能为空";
    HwNameTooLong => "at most 64 characters", "最多 64 个字符";
    HwNameCharacters => "only letters, digits, _ - and . are allowed", "只能包含字母、数字、_、- 和 .";
    HwDescriptionTooLong => "at most 255 characters", "最多 255 个字符";
    HwDescriptionAngleBrackets => "< and > are not allowed", "不能包含 < 或 >";
    LateSucceeded => "Changes you started on a page you have left have succeeded", "您在已离开的页面上发起的更改已成功";
    LateFailed => "A change you started on a page you have left has failed:", "您在已离开的页面上发起的更改失败：";
    FilterGroups => "Find a group by name or id", "按名称或 ID 查找安全组";
    NoMatches => "Nothing matches.", "没有匹配项。";
    Empty => "Nothing here yet.", "暂无内容。";
    Name => "Name", "名称";
    Id => "ID", "ID";
    Description => "Description", "描述";
    Rules => "Rules", "规则";
    RuleCount => "rules", "条规则";
    OneRule => "rule", "条规则";
    Direction => "Direction", "方向";
    Ingress => "Ingress", "入站";
    Egress => "Egress", "出站";
    Ethertype => "IP version", "IP 版本";
    Protocol => "Protocol", "协议";
    Ports => "Ports", "端口";
    SourcePorts => "Source ports", "源端口";
    Remote => "Source / destination", "源 / 目的";
    RemoteGroup => "Remote group", "远端安全组";
    LocalIp => "Local IP", "本端 IP";
    Remark => "Remark", "备注";
    Action => "Action", "策略";
    Allow => "Allow", "允许";
    Deny => "Deny", "拒绝";
    Priority => "Priority", "优先级";
    Enabled => "Enabled", "启用";
    Yes => "Yes", "是";
    No => "No", "否";
    Actions => "Actions", "操作";
    Version => "Version (sgVersion)", "版本（sgVersion）";
    BoundInstances => "Bound instances", "绑定实例";
    AddRule => "Add rule", "添加规则";
    RuleAdded => "Rule added.", "规则已添加。";
    Revoke => "Revoke", "删除";
    RevokeConfirm => "Revoke this rule? Traffic it allows will be blocked.", "确定删除该规则？其放行的流量将被阻断。";
    RuleRevoked => "Rule revoked.", "规则已删除。";
    RefreshAndRetry => "Refresh the group and retry", "刷新安全组并重试";
    ExportRules => "Export rules (JSON)", "导出规则（JSON）";
    ImportRules => "Import rules (JSON or CSV)", "导入规则（JSON 或 CSV）";
    StopOnError => "Stop at the first error", "遇到错误时停止";
    ImportBadFile => "The file cannot be read as rules:", "无法将文件读取为规则：";
    ImportOverQuota => "Nothing was sent: the new rules would exceed the group's quota of rules per direction,", "未发送任何规则：新规则将超出安全组每个方向的规则配额，";
    Processed => "Processed", "已处理";
    Added => "Added", "已添加";
    AlreadyPresent => "Already present", "已存在";
    DuplicateInFile => "Repeated in the file", "文件内重复";
    ImportFinished => "Import finished.", "导入完成。";
    ImportCancelled => "Import cancelled: the rest were not sent.", "导入已取消：其余规则未发送。";
    Failed => "Failed", "失败";
    Skipped => "Not sent", "未发送";
    Ok => "OK", "成功";
    Stopped => "Stopped at the first error.", "已在第一个错误处停止。";
    SelectGroup => "Select a group to see its rules.", "选择一个安全组以查看规则。";
    NewEsg => "New enterprise security group", "新建企业安全组";
    Tags => "Tags", "标签";
    TagsHint => "key=value, one per line", "每行一个 key=value";
    StartWithRules => "Start with the rules of", "初始规则取自";
    NoInitialRules => "no rules (egress only)", "无（仅默认出方向规则）";
    Preset => "Add a preset", "添加预设";
    Duplicate => "Duplicate", "复制";
    Remove => "Remove", "移除";
    RulesLimit => "At most 20 rules per request.", "每次请求最多 20 条规则。";
    EsgCreated => "Enterprise security group created:", "企业安全组已创建：";
    DeleteEsgConfirm => "Delete this enterprise security group?", "确定删除该企业安全组？";
    Deleted => "Deleted.", "已删除。";
    Status => "Status", "状态";
    Groups => "Security groups", "安全组";
    Bind => "Bind", "绑定";
    Unbind => "Unbind", "解绑";
    UnbindConfirm => "Unbind this security group from the instance?", "确定将该安全组从实例解绑？";
    GroupToBind => "Group to bind", "要绑定的安全组";
    BindGroup => "Bind a group…", "绑定安全组…";
    ExpiredReason => "Expired or in debt: groups cannot be bound until it is renewed.", "实例已过期或欠费：续费前无法绑定安全组。";
    LimitReached => "The limit of 10 groups is reached.", "已达到 10 个安全组的上限。";
    Bound => "Bound.", "已绑定。";
    Unbound => "Unbound.", "已解绑。";
    BindEsgs => "Bind enterprise security groups", "绑定企业安全组";
    ReplaceConfirm => "Binding removes every group the card has now, regular and enterprise:", "绑定将移除该网卡当前的全部安全组（普通与企业）：";
    ReplaceNone => "The card has no group now; nothing is removed.", "该网卡当前没有安全组，不会移除任何内容。";
    ReplaceUnknown => "The card's current groups could not be read, so what the binding removes is unknown. Refresh before binding.", "无法读取该网卡当前的安全组，绑定会移除哪些安全组未知。请先刷新。";
    ChooseOneEsg => "Choose the one enterprise security group for this card", "为该网卡选择一个企业安全组";
    NoEsgInVpc => "No enterprise security group to offer.", "没有可选的企业安全组。";
    RegularGroupKind => "regular", "普通";
    EnterpriseGroupKind => "enterprise", "企业";
    Vpc => "VPC", "VPC";
    PrivateIp => "Private IP", "内网 IP";
    AllVpcs => "All VPCs", "全部 VPC";
    CannotCancelInFlight => "The request is on its way and cannot be called back: wait for its answer.", "请求已发出，无法撤回：请等待结果。";
    LocalFailure => "This browser could not do it:", "浏览器无法完成该操作：";
    SigningFailed => "The request could not be signed: check this computer's clock.", "无法签名请求：请检查本机时钟。";
    StaleList => "Showing what was loaded before: the latest reload failed.", "显示的是之前加载的内容：最近一次刷新失败。";
    HintSecretKey => "The signature does not match: the secret key is most likely wrong for this access key.", "签名不匹配：很可能 Secret Key 与该 Access Key 不符。";
    HintAccessKey => "The cloud does not know this access key: check it in Settings.", "云端不认识该 Access Key：请在设置中检查。";
    HintClock => "The request's time was refused: this computer's clock is probably wrong.", "请求时间被拒绝：本机时钟可能不准。";
    HintClockOff => "This computer's clock differs from the server's by about", "本机时钟与服务器相差约";
    Ahead => "(ahead): correct the clock and retry.", "（偏快）：请校准时钟后重试。";
    Behind => "(behind): correct the clock and retry.", "（偏慢）：请校准时钟后重试。";
    OpenSettings => "Open Settings", "打开设置";
    Details => "Details", "详情";
    MixedKinds => "An instance holds either regular or enterprise groups, not both.", "实例只能同时使用普通安全组或企业安全组中的一种。";
    Replace => "Replace", "替换";
    Ip => "IP address", "IP 地址";
    Service => "Service", "服务";
    Update => "Update", "修改";
    CheckOnly => "Check only", "仅检查";
    CheckPassed => "Check passed (202): the change is valid and nothing was changed.", "检查通过（202）：修改有效，未做任何更改。";
    Saved => "Saved.", "已保存。";
    NewGroup => "New security group", "新建安全组";
    DeleteGroupConfirm => "Delete this security group and its rules?", "确定删除该安全组及其规则？";
    RemoteIpPrefix => "Remote IP prefix", "远端 IP 前缀";
    ErrorTitle => "The request failed", "请求失败";
    InvalidTitle => "Fix the marked fields", "请修正标记的字段";
    RequestId => "Request id", "请求 ID";
    NetworkError => "No answer from the server: check the connection and retry. Nothing you typed is lost.", "服务器无响应：请检查网络后重试，已输入的内容不会丢失。";
    MissingCredentials => "Set the access key and secret key in Settings.", "请在设置中填写 Access Key 与 Secret Key。";
    MissingHuaweiCredentials => "Set the access key, secret key and this region's project id in Settings.", "请在设置中填写 Access Key、Secret Key 及该地域的项目 ID。";
    ProviderFailed => "The host page's credential provider failed:", "宿主页面的凭证提供函数失败：";
    UnexpectedAnswer => "The answer is not what the API documents:", "响应与 API 文档不符：";
    Rule => "Rule", "规则";
    TestConnection => "Test a connection", "测试连接";
    TestRun => "Test", "测试";
    Port => "Port", "端口";
    RemoteAddress => "Remote address", "远端地址";
    AllowedBy => "Allowed. The rule that decides:", "允许。起决定作用的规则：";
    RefusedBy => "Refused. The rule that decides:", "拒绝。起决定作用的规则：";
    RefusedDefault => "Refused: no rule allows it.", "拒绝：没有规则允许该连接。";
    Uncertain => "Not certain: these rules name an address set, a remote group, a source port or a local address this test is not told:", "结果不确定：以下规则引用了本测试无法得知的地址组、远端安全组、源端口或本地地址：";
    SmallestFix => "The smallest rule that would allow it:", "放行该连接所需的最小规则：";
    DenyAtTop => "A deny at priority 1 decides, and deny wins a tie: only changing or deleting that rule lets this through.", "起决定作用的是优先级 1 的拒绝规则，且同优先级时拒绝优先：只有修改或删除该规则才能放行。";
    BadPort => "Port: a number from 1 to 65535.", "端口：1 到 65535 之间的数字。";
    BadAddress => "Remote address: one IPv4 or IPv6 address, such as 203.0.113.7.", "远端地址：一个 IPv4 或 IPv6 地址，例如 203.0.113.7。";
    AcrossClouds => "Both clouds", "全部云";
    Exposure => "Exposure", "暴露面";
    ExposureIntro => "Every rule that lets the internet in (0.0.0.0/0, ::/0 or any public address), the most sensitive ports first, with the instances and groups it reaches. Remote groups and address sets are not counted: their members are not known here.", "所有向互联网开放的规则（0.0.0.0/0、::/0 或任何公网地址），敏感端口优先，并列出其影响的实例与安全组。引用远端安全组或地址组的规则不计入：其成员在此未知。";
    OpenRules => "rules open to the internet", "条规则向互联网开放";
    SensitivePorts => "Sensitive ports", "敏感端口";
    Reaches => "Reaches", "影响对象";
    WhoAccepts => "Who accepts this connection?", "谁会接受该连接？";
    Ask => "Ask", "查询";
    AcceptedBy => "accept it:", "个对象接受：";
    AcceptedByOne => "accepts it:", "个对象接受：";
    NoneAccepts => "Nothing accepts it.", "没有对象接受该连接。";
    AnsweredIn => "ms to answer", "毫秒得出结果";
    ExportCsv => "Export CSV", "导出 CSV";
    ListsLoaded => "lists loaded", "个列表已加载";
    Group => "Group", "安全组";
    UseSuggestion => "Put it in the rule form", "填入规则表单";
    AllPorts => "all ports", "全部端口";
    AllProtocols => "all protocols", "全部协议";
    AnywhereV4 => "anywhere (IPv4)", "任意地址（IPv4）";
    AnywhereV6 => "anywhere (IPv6)", "任意地址（IPv6）";
    RiskOpen => "Open to the internet on a sensitive port", "敏感端口向互联网开放";
    Theme => "Theme", "主题";
    ThemeSystem => "System theme", "跟随系统";
    ThemeLight => "Light", "浅色";
    ThemeDark => "Dark", "深色";
    RulesWord => "Rules", "规则";
    UnboundGroups => "Groups bound to nothing", "未绑定任何对象的安全组";
    AtGroupLimit => "Instances at their 10-group limit", "已达 10 个安全组上限的实例";
    DraftEdit => "Edit as a draft", "以草稿编辑";
    DraftTitle => "Draft", "草稿";
    DraftIntro => "Changes stay in this browser until you apply them; the review below shows the exact calls.", "更改仅保存在浏览器中，应用前不会发送；下方的审阅列出将要发出的调用。";
    DraftAdd => "Add a rule to the draft", "向草稿添加规则";
    DraftRemove => "Remove", "移除";
    DraftRestore => "Keep", "保留";
    Review => "Review", "审阅";
    NoChanges => "No changes: the draft matches the group.", "无更改：草稿与安全组一致。";
    ChangeAdded => "add", "新增";
    ChangeRemoved => "remove", "删除";
    ChangeChanged => "change", "修改";
    CallsInOrder => "API calls, in this order (new rules before the ones they replace):", "API 调用（按此顺序，先新增再删除被替换的规则）：";
    Apply => "Apply", "应用";
    Applying => "Applying…", "正在应用…";
    Applied => "Applied: the group matches the draft.", "已应用：安全组与草稿一致。";
    StoppedAt => "Stopped at call", "停止于调用";
    RollBack => "Roll back", "回滚";
    Continue => "Continue", "继续";
    RolledBack => "Rolled back: the group's rules are as they were before the plan.", "已回滚：安全组规则已恢复到计划前的状态。";
    ChangedMeanwhile => "The group was changed by someone else since this plan was made: nothing more was sent.", "自此计划生成后，安全组已被他人修改：未再发送任何调用。";
    Replan => "Re-plan against the current rules", "基于当前规则重新生成计划";
    DiscardDraft => "Discard the draft", "放弃草稿";
    WarnSensitive => "opens sensitive ports to the internet:", "向互联网开放敏感端口：";
    WarnWorld => "opens every port or protocol to the internet", "向互联网开放所有端口或协议";
    WarnDead => "never decides: a deny before it covers all it matches", "永不生效：其前面的拒绝规则覆盖了它";
    WarnRedundant => "never decides: another rule covers all it matches", "冗余：另一条规则已覆盖它";
    WarnQuota => "rules in a direction, over the quota of", "条同方向规则，超过配额";
    WarnRecreated => "is deleted and created again (briefly absent)", "将被删除后重建（短暂缺失）";
    Warnings => "Warnings", "警告";
    CloneEsg => "Clone", "克隆";
    CloneEsgNot => "Not clonable here: more than 20 rules, or rules naming an address set or group", "此处无法克隆：规则超过 20 条，或含有地址组规则";
    DefaultVpc => "The default VPC", "默认 VPC";
    DeleteBoundNote => "A group still bound to an instance or a card is refused by the cloud (SecurityGroup.SecurityGroupInUse): unbind it first.", "仍绑定在实例或服务网卡上的安全组会被云端拒绝（SecurityGroup.SecurityGroupInUse）：请先解绑。";
    DraftRestored => "The draft kept in this tab is restored.", "已恢复此标签页中保存的草稿。";
    DraftRestoredRebased => "The draft kept in this tab is restored, but the group changed since it was kept: your edits are made again on the rules it holds now. Read the review before applying.", "已恢复此标签页中保存的草稿，但此后安全组已被修改：您的编辑已在其当前规则上重新生成。应用前请先审阅。";
    PlanExport => "Export the plan (JSON)", "导出计划（JSON）";
    PlanFileAltered => "Not loaded: the file's calls are not the ones its draft makes, or not the ones its digest names. It was changed after it was reviewed.", "未载入：文件中的调用与其草稿生成的调用或其摘要不符，审阅后已被修改。";
    PlanDigest => "Digest of these calls (name it in an approval):", "这些调用的摘要（审批时请注明）：";
    EmulatorMark => "Emulator", "模拟器";
    EmulatorMarkTitle => "Connected to Palisade's emulator: demo data on this server, no cloud is reached.", "已连接 Palisade 模拟器：数据为本服务器上的演示数据，不会访问任何云。";
    AndMore => "and", "及另外";
    MoreSuffix => "more", "个";
    Except => "except", "除";
    OtherProtocols => "other protocols", "其他协议";
    MembersOf => "the members of", "以下安全组的成员：";
    AddressSetOf => "the addresses of set", "地址组";
    FlowFrom => "from", "来自";
    FlowTo => "to", "去往";
    Maybe => "perhaps ", "可能 ";
    LeaveDraft => "A draft has edits that were not applied. Leave and lose them?", "草稿中有尚未应用的修改。离开并丢弃这些修改吗？";
    NotLoaded => "Not loaded:", "未加载：";
    ListsNotLoaded => "not loaded", "未加载";
    FiguresPartial => "Partial figures: they leave out the lists that did not load (above). Fix the cause and refresh.", "数据不完整：以下数字不含未能加载的列表（见上）。请排除原因后刷新。";
    ExportPartial => "Export refused: the figures are partial (a list did not load).", "已拒绝导出：数据不完整（有列表未能加载）。";
    ListBceGroups => "Baidu security groups", "百度安全组";
    ListEsgs => "Baidu enterprise security groups", "百度企业安全组";
    ListInstances => "Baidu instances", "百度实例";
    ListCards => "Baidu service network interface cards", "百度服务网卡";
    ListHuawei => "Huawei security groups", "华为安全组";
    ImpactTitle => "What this change does", "此变更的影响";
    ImpactLoading => "Working out what it affects…", "正在计算影响范围…";
    ImpactPartial => "Not loaded, so left out of what follows:", "以下内容未加载，因此未计入：";
    ImpactNone => "No instance, card or group member gains or loses a connection.", "没有实例、服务网卡或安全组成员因此获得或失去连接。";
    ImpactUnknownGroup => "This group is not in the loaded lists: what it reaches is not known yet.", "此安全组不在已加载的列表中：暂不知其影响范围。";
    Gains => "gain", "获得";
    Loses => "lose", "失去";
    AcceptRisk => "I mean to open this to the internet", "我确认要向互联网开放";
    ChoosePorts => "Choose the ports: a port, a range, or all ports.", "请选择端口：单个端口、端口范围或全部端口。";
    ChooseRemote => "Choose who may connect: an address, a group, or anywhere.", "请选择允许连接的对象：地址、安全组或任意地址。";
    CallsWord => "calls", "个调用";
    BindConfirm => "Bind this group to the instance?", "将此安全组绑定到实例？";
    ImportSend => "Send the new rules", "发送新规则";
    PlanFileOpen => "Open a reviewed plan", "打开已审阅的计划";
    PlanFileLoaded => "The plan file is loaded into the draft: review it below, then apply.", "计划文件已载入草稿：请在下方审阅后应用。";
    PlanFileStale => "Not loaded: the group's rules have changed since this plan was made. Make a new plan.", "未载入：自此计划生成后安全组规则已变化，请重新生成计划。";
    PlanFileOtherGroup => "Not loaded: this plan is for another group (or not a Palisade plan).", "未载入：此计划属于其他安全组（或不是 Palisade 计划）。";
    PlanFileUnreadable => "Not loaded: the file is not a plan Palisade can read.", "未载入：无法读取该计划文件。";
    QuotaUsed => "of the quota", "（配额用量）";
    TargetsReached => "targets reached", "个可达对象";
    TargetReached => "target reached", "个可达对象";
    EsgsUnbound => "Enterprise groups bound to nothing", "未绑定任何对象的企业安全组";
    NoMatchFor => "Nothing matches", "没有匹配项：";
    ClearFilter => "Clear the filter", "清除筛选";
    ShowingOnly => "Showing only", "仅显示";
    ShowAll => "Show all", "显示全部";
    Copy => "Copy", "复制";
    Copied => "Copied", "已复制";
    CopyFailed => "Could not copy: select the id and copy it", "复制失败：请选中 ID 后手动复制";
    Created => "Created", "创建于";
    Updated => "Updated", "更新于";
    EmptyBceGroups => "No security groups in this region. Check the region in Settings; groups made elsewhere appear here after Refresh.", "该地域没有安全组。请在设置中检查地域；在其他地方创建的安全组刷新后会显示在这里。";
    EmptyEsgs => "No enterprise security groups yet. Start one with “New enterprise security group”.", "还没有企业安全组。点击“新建企业安全组”创建一个。";
    EmptyInstances => "No instances in this region. Check the region in Settings.", "该地域没有实例。请在设置中检查地域。";
    EmptyCards => "No service network interface cards here. Choose “All VPCs” or check the region in Settings.", "这里没有服务网卡。请选择“全部 VPC”，或在设置中检查地域。";
    EmptyHuaweiGroups => "No security groups in this project. Create one with the form above, or check the region and project in Settings.", "该项目中没有安全组。请用上方表单创建，或在设置中检查地域和项目。";
    NearRuleQuota => "Groups with 45 or more of their 50 rules in a direction", "某方向规则数已达 45（上限 50）的安全组";
    GroupCount => "Groups used", "已用安全组";
    Manage => "Manage", "管理";
    InstancesWord => "instances", "个实例";
    EditRule => "Edit the rule", "编辑规则";
    BatchTitle => "Change the groups of the picked instances", "更改所选实例的安全组";
    InstancesPicked => "instances picked", "个实例已选";
    InstancePicked => "instance picked", "个实例已选";
    ClearSelection => "Clear", "清除";
    GroupKind => "Kind", "类型";
    RegularGroups => "Regular groups", "普通安全组";
    EnterpriseGroups => "Enterprise groups", "企业安全组";
    ReviewBatch => "Review…", "检查…";
    BatchConfirm => "Change these instances' groups", "更改这些实例的安全组";
    Refused => "left out, the cloud would refuse it", "已排除，云端会拒绝";
    BindSgs => "Set regular groups", "设置普通安全组";
    ReplaceWithSgs => "Replace with regular groups", "替换为普通安全组";
    ReplaceWithEsgs => "Replace with enterprise groups", "替换为企业安全组";
    ChangeGroups => "Change groups", "更改安全组";
    ChooseSgs => "Regular groups of the card's VPC", "服务网卡所在 VPC 的普通安全组";
    ProtocolNumber => "IP protocol number (0–255)", "IP 协议号（0–255）";
    RemoteAddressGroup => "Remote address group id", "远端地址组 ID";
    EnterpriseProject => "Enterprise project", "企业项目";
    DraftImport => "Import rules (JSON or CSV) into the draft", "导入规则（JSON 或 CSV）到草稿";
    CopyFrom => "Copy the rules of", "复制以下安全组的规则";
    JoinedDraft => "rules joined the draft (the others were in it already)", "条规则加入草稿（其余已在草稿中）";
    NotCopied => "Not copied:", "未复制：";
    LostRemoteGroup => "it names a security group, whose id belongs to one cloud:", "它引用了安全组，安全组 ID 只属于一个云：";
    LostAddressGroup => "it names an address group, which Baidu regular groups do not have:", "它引用了地址组，百度普通安全组没有地址组：";
    LostDeny => "a deny; Baidu regular groups hold allows only", "拒绝规则；百度普通安全组只有允许规则";
    LostProtocol => "an IP protocol by number; Baidu regular rules take tcp, udp, icmp or all:", "按编号指定的 IP 协议；百度普通规则只支持 tcp、udp、icmp 或全部：";
    LostDisabled => "disabled; Baidu rules are always in force", "已停用；百度规则始终生效";
    LostUnderDeny => "a deny overrides part of it, and copied alone it would let that through; the deny:", "部分流量被一条拒绝规则拦截，单独复制会放行这部分流量；该拒绝规则：";
    PickMatching => "Pick all matching", "选择全部匹配项";
    Pick => "Pick", "选择";
    Edit => "Edit", "编辑";
    AddRules => "Add rules", "添加规则";
    CallToSend => "The call this will make:", "将发送的请求：";
    CallsToSend => "The calls this will make, in order:", "将按顺序发送的请求：";
    NeverApplies => "Never applies:", "永不生效：";
    ReadFirst => "is read first and decides every connection it matches.", "优先匹配，决定了它匹配的所有连接。";
    ChangedMeanwhileForm => "The group was changed by someone else since it was read: nothing was sent. Refresh, check, and try again.", "读取之后安全组已被他人修改：未发送任何请求。请刷新、核对后重试。";
    CallsOf20 => "calls of at most 20 rules", "次请求（每次最多 20 条规则）";
    CallOf20 => "call of at most 20 rules", "次请求（每次最多 20 条规则）";
    SentCalls => "sent:", "已发送：";
    RuleDeleted => "Rule deleted.", "规则已删除。";
    RuleSaved => "Rule saved.", "规则已保存。";
    RulesAdded => "Rules added.", "规则已添加。";
    DeleteRuleConfirm => "Delete this rule?", "删除此规则？";
    // Team (#35): the journal and the policy palisade serve keeps.
    ChangesPage => "Changes", "变更记录";
    ChangesIntro => "Every changing call palisade serve forwarded or refused, newest first: who (access key), what, where, and the cloud's answer. The calls of one plan are grouped under its change.", "palisade serve 转发或拒绝的每个变更调用，最新在前：谁（Access Key）、做了什么、在哪里，以及云端的应答。同一计划的调用归在其变更之下。";
    PolicyPage => "Policy", "策略";
    PolicyIntro => "The rules palisade serve enforces on every changing call before it reaches the cloud. A change that breaks one is refused (403 Palisade.PolicyViolation); the console marks it before sending.", "palisade serve 在每个变更调用到达云端之前执行的规则。违反规则的变更会被拒绝（403 Palisade.PolicyViolation）；控制台会在发送前标出。";
    PolicyNone => "No policy is enforced: palisade serve was started without --policy.", "未执行任何策略：palisade serve 启动时未指定 --policy。";
    PolicyForbids => "No new or changed allow rule may be:", "任何新增或修改的允许规则都不得是：";
    PolicyRemark => "Every new or changed rule carries a remark.", "每条新增或修改的规则都须填写备注。";
    PolicyAnyDirection => "either direction", "任意方向";
    PolicyAnyPort => "any port", "任意端口";
    PolicyAnySource => "any remote", "任意远端";
    BreaksPolicy => "breaks the policy:", "违反策略：";
    PolicyBlocked => "Not sent: the change breaks the policy palisade serve enforces (see the Policy page).", "未发送：此变更违反 palisade serve 执行的策略（见“策略”页）。";
    JournalOff => "The journal is off (palisade serve --journal off).", "变更记录已关闭（palisade serve --journal off）。";
    JournalDenied => "The journal is read from this computer (loopback), or through a portal that holds its token.", "变更记录只能在本机（回环地址）读取，或通过持有其令牌的门户读取。";
    JournalEmpty => "No changes recorded yet.", "尚未记录任何变更。";
    ChangeWord => "Change", "变更";
    OlderChanges => "Older changes", "更早的变更";
    ExportJsonl => "Export JSON lines", "导出 JSON Lines";
    RecentChanges => "Recent changes", "最近变更";
    AllChanges => "All changes", "全部变更";
    ResourceId => "Resource id", "资源 ID";
    BothCloudsFilter => "Both clouds", "两个云";
    CloudLabel => "Cloud", "云";
    SeedAdded => "Added to the draft, not yet sent:", "已加入草稿，尚未发送：";
    SeedUnwritable => "Baidu cannot write a protocol by number.", "百度云无法写入按编号的协议。";
    SeedRevoked => "Removed from the draft, not yet sent:", "已从草稿移除，尚未发送：";
    SeedNarrow => "Narrow the marked rule's remote:", "请收窄标记规则的远端：";
    SeedGone => "The group no longer holds the rule:", "该安全组已不再包含此规则：";
    PutInDraftOf => "Put it in a draft of", "放入草稿：";
    Narrow => "Narrow", "收窄";
    RefusedWord => "refused", "已拒绝";
    Time => "Time", "时间";
}

/// The language signal as context, with a reactive `t`.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The text in the current language; reactive when read inside a view closure.
    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self.0.get())
    }

    /// The text as a signal: one concrete type for every text in a view, which keeps
    /// the wasm small (a closure per text would each instantiate the render code).
    pub fn s(self, msg: Msg) -> Signal<&'static str> {
        let lang = self.0;
        Signal::derive(move || msg.text(lang.get()))
    }

    /// `yes` while `flag` is true, else `no` (e.g. "Working…" / "Save").
    pub fn either(self, flag: impl Get<Value = bool> + Send + Sync + 'static, yes: Msg, no: Msg) -> Signal<&'static str> {
        let lang = self.0;
        Signal::derive(move || if flag.get() { yes } else { no }.text(lang.get()))
    }

    /// "rule" or "rules" for a count (Chinese has one form).
    pub fn rules(self, n: usize) -> &'static str {
        self.plural(n, Msg::OneRule, Msg::RuleCount)
    }

    /// How many of a list a filter shows: "3 rules" when it shows them all, else "2 of 3
    /// rules" (never "2 / 3", which reads as a quota used; #34).
    pub fn shown(self, matching: usize, total: usize, noun: &str) -> String {
        match (matching == total, self.0.get()) {
            (true, _) => format!("{total} {noun}"),
            (false, Lang::En) => format!("{matching} of {total} {noun}"),
            (false, Lang::Zh) => format!("显示 {matching} / 共 {total} {noun}"),
        }
    }

    /// The one helper for counted words (#34: "1 instances picked"): `one` for 1, `many`
    /// otherwise; Chinese has one form, so both texts are the same there.
    pub fn plural(self, n: usize, one: Msg, many: Msg) -> &'static str {
        if n == 1 { one } else { many }.text(self.0.get())
    }

    /// `n` and its counted words: "1 instance picked", "2 instances picked".
    pub fn count(self, n: usize, one: Msg, many: Msg) -> String {
        format!("{n} {}", self.plural(n, one, many))
    }

    /// A place in a file, as each language says it.
    pub fn at(self, line: usize, column: usize) -> String {
        match self.0.get() {
            Lang::En => format!("line {line}, column {column}"),
            Lang::Zh => format!("第 {line} 行第 {column} 列"),
        }
    }

    /// The documented explanation of a code in the current language.
    pub fn explain(self, code: &ErrorCode) -> &'static str {
        match self.0.get() {
            Lang::En => code.explanation,
            Lang::Zh => code.explanation_zh,
        }
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
