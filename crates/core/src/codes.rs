//! Every error code Palisade answers or shows, with its HTTP status, the English
//! description and the explanation from the seeds' tables (`explanation`, verbatim), and
//! a Chinese rendering of that explanation for the console's Chinese UI.
//!
//! `Source` says where each code comes from. `Invented` codes are Palisade's own choice
//! where neither the seeds nor the reference name one; they are listed in the README.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An error table in `shared/seeds/`: documented for that page's operation only.
    Seed(Operation),
    /// `shared/reference/` (the clouds' general codes and research notes).
    Reference,
    /// Seen in the clouds' real answers quoted in public code, not in a table we have.
    Observed,
    /// Palisade's own choice; named as such in the README.
    Invented,
}

/// The operation a seed page documents; a seed's explanation speaks of that operation
/// (its `NoSuchObject` is "the target security group does not exist").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// Seed 000: bind an ESG to a service network interface card.
    BindEsg,
    /// Seed 001: create an enterprise security group.
    CreateEsg,
    /// Seed 002: bind (or unbind) an instance and a security group.
    BindInstance,
    /// Seed 003: update a Huawei security group.
    UpdateHuaweiGroup,
    /// Seed 004: authorize (or revoke) a regular security group rule.
    AuthorizeRule,
}

use Operation::*;
use Source::{Invented, Observed, Reference, Seed};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErrorCode {
    pub code: &'static str,
    pub status: u16,
    /// The English "Error description" (Baidu) or "error_msg" (Huawei).
    pub description: &'static str,
    /// The seed's "Chinese explanation" column, verbatim (the seeds give it in English).
    pub explanation: &'static str,
    /// The same explanation in Chinese, for the console's Chinese UI (our rendering).
    pub explanation_zh: &'static str,
    pub source: Source,
}

macro_rules! codes {
    ($( $(#[$m:meta])* $name:ident = ($code:literal, $status:literal, $desc:literal, $expl:literal, $zh:literal, $src:expr); )*) => {
        $( $(#[$m])* pub const $name: ErrorCode = ErrorCode {
            code: $code, status: $status, description: $desc, explanation: $expl, explanation_zh: $zh, source: $src,
        }; )*
        /// Every code, in declaration order.
        pub const ALL: &[ErrorCode] = &[$($name),*];
    };
}

codes! {
    // --- Baidu: create enterprise security group (seed 001) ---
    ESG_EXCEED_QUOTA = ("Esg.EsgExceedQuota", 400, "Enterprise security group number over limited.", "Enterprise security group count has reached the quota", "企业安全组数量已达到配额", Seed(CreateEsg));
    ESG_NAME_EMPTY = ("Esg.EsgNameEmpty", 400, "Enterprise security group name is required.", "Enterprise security group name cannot be empty", "企业安全组名称不能为空", Seed(CreateEsg));
    ESG_NAME_TOO_LONG = ("Esg.EsgNameTooLong", 400, "Enterprise security group name length over limit.", "Enterprise security group name is too long", "企业安全组名称过长", Seed(CreateEsg));
    ESG_NAME_INVALID = ("Esg.EsgNameInvalid", 400, "Enterprise security group name is incorrect.", "Enterprise security group name does not comply with rules", "企业安全组名称不符合规则", Seed(CreateEsg));
    ESG_NAME_DUPLICATE = ("Esg.EsgNameDuplicate", 400, "Enterprise security group name exist already.", "Enterprise security group name is duplicated", "企业安全组名称重复", Seed(CreateEsg));
    ESG_DESC_TOO_LONG = ("Esg.EsgDescTooLong", 400, "Enterprise security group description is too long.", "Enterprise security group description is too long", "企业安全组描述过长", Seed(CreateEsg));
    ESG_RULE_ACTION_EMPTY = ("Esg.EsgRuleActionEmpty", 400, "Enterprise security group rule action(allow or deny) is required.", "Enterprise security group rule action cannot be empty", "企业安全组规则策略不能为空", Seed(CreateEsg));
    ESG_RULE_ACTION_INVALID = ("Esg.EsgRuleActionInvalid", 400, "Enterprise security group rule action(allow or deny) is invalid.", "Enterprise security group rule action is invalid", "企业安全组规则策略不合法", Seed(CreateEsg));
    ESG_RULE_REMARK_TOO_LONG = ("Esg.EsgRuleRemarkTooLong", 400, "Enterprise security group rule remark is too long.", "Enterprise security group rule remark is too long", "企业安全组规则备注过长", Seed(CreateEsg));
    ESG_RULE_PROTOCOL_EMPTY = ("Esg.EsgRuleProtocolEmpty", 400, "Enterprise security group rule protocol is required.", "Enterprise security group rule protocol type cannot be empty", "企业安全组规则协议类型不能为空", Seed(CreateEsg));
    ESG_RULE_PROTOCOL_INVALID = ("Esg.EsgRuleProtocolInvalid", 400, "Enterprise security group rule protocol is invalid.", "Protocol type for enterprise security group rule is invalid", "企业安全组规则协议类型不合法", Seed(CreateEsg));
    ESG_RULE_PORT_EMPTY = ("Esg.EsgRulePortEmpty", 400, "Enterprise security group rule portRange is required.", "Enterprise security group rule port range cannot be empty", "企业安全组规则端口范围不能为空", Seed(CreateEsg));
    ESG_RULE_PORT_FORMAT_INVALID = ("Esg.EsgRulePortFormatInvalid", 400, "Enterprise security group rule portRange is invalid.", "Enterprise security group rule port range format is incorrect", "企业安全组规则端口范围格式错误", Seed(CreateEsg));
    ESG_RULE_PORT_DUPLICATE = ("Esg.EsgRulePortDuplicate", 400, "Enterprise security group rule ports in portRange is duplicate.", "Enterprise security group rule port values are duplicated, e.g., 80-80 or 80,80,7000", "企业安全组规则端口值重复，例如 80-80 或 80,80,7000", Seed(CreateEsg));
    ESG_RULE_PORT_ORDER_ERROR = ("Esg.EsgRulePortOrderError", 400, "Enterprise security group rule portRange order is wrong.", "Enterprise security group rule port range sequence is incorrect, e.g., 400-80", "企业安全组规则端口范围顺序错误，例如 400-80", Seed(CreateEsg));
    ESG_RULE_DISPERSED_PORT_SIZE_EXCEED = ("Esg.EsgRuleDispersedPortSizeExceed", 400, "Enterprise security group rule dispersed ports in portRange is limited 15 .", "Excessive discrete port range values for enterprise security group rule", "企业安全组规则离散端口数量超出限制", Seed(CreateEsg));
    ESG_RULE_PORT_VALUE_EXCEED = ("Esg.EsgRulePortValueExceed", 400, "Enterprise security group rule port value is not in range 1-65535", "Enterprise security group rule port value out of range", "企业安全组规则端口值超出范围", Seed(CreateEsg));
    ESG_RULE_PRIORITY_EMPTY = ("Esg.EsgRulePriorityEmpty", 400, "Enterprise security group rule priority is required.", "Enterprise security group rule priority cannot be empty", "企业安全组规则优先级不能为空", Seed(CreateEsg));
    ESG_RULE_PRIORITY_INVALID = ("Esg.EsgRulePriorityInvalid", 400, "Enterprise security group rule priority is not in range 1-1000.", "Enterprise security group rule priority value out of range", "企业安全组规则优先级超出范围", Seed(CreateEsg));
    ESG_RULE_ETHERTYPE_EMPTY = ("Esg.EsgRuleEthertypeEmpty", 400, "Enterprise security group rule ethertype is required.", "Enterprise security group rule network type cannot be empty", "企业安全组规则网络类型不能为空", Seed(CreateEsg));
    ESG_RULE_ETHERTYPE_INVALID = ("Esg.EsgRuleEthertypeInvalid", 400, "Enterprise security group rule ethertype is invalid.", "Network type for enterprise security group rule is invalid", "企业安全组规则网络类型不合法", Seed(CreateEsg));
    ESG_RULE_IP_ADDRESS_EMPTY = ("Esg.EsgRuleIpAddressEmpty", 400, "Enterprise security group rule ip(cidr) address is required.", "Enterprise security group rule source/destination IP cannot be empty", "企业安全组规则源/目的 IP 不能为空", Seed(CreateEsg));
    ESG_RULE_IP_ADDRESS_ERROR = ("Esg.EsgRuleIpAddressError", 400, "Enterprise security group rule ip(cidr) address is incorrect.", "Enterprise security group rule source IP/destination IP format is incorrect", "企业安全组规则源 IP/目的 IP 格式错误", Seed(CreateEsg));
    ESG_RULE_DIRECTION_EMPTY = ("Esg.EsgRuleDirectionEmpty", 400, "Enterprise security group rule direction is required.", "Enterprise security group rule direction cannot be empty", "企业安全组规则方向不能为空", Seed(CreateEsg));
    ESG_RULE_DIRECTION_INVALID = ("Esg.EsgRuleDirectionInvalid", 400, "Enterprise security group rule direction is invalid.", "Enterprise security group rule direction is invalid", "企业安全组规则方向不合法", Seed(CreateEsg));
    ESG_RULE_DUPLICATED = ("Esg.EsgRuleDuplicated", 400, "Enterprise security group rule exist already.", "Enterprise security group rule is duplicated", "企业安全组规则重复", Seed(CreateEsg));
    ESG_RULE_EXCEED_QUOTA = ("Esg.EsgRuleExceedQuota", 400, "Enterprise security group rule number over limited.", "Enterprise security group rules have reached the quota", "企业安全组规则数量已达到配额", Seed(CreateEsg));
    // ESG lookups and deletes (reference C.5).
    ESG_RESOURCE_NOT_EXIST = ("Esg.EsgResourceNotExist", 404, "Enterprise security group does not exist.", "The enterprise security group does not exist", "企业安全组不存在", Reference);
    ESG_RULE_RESOURCE_NOT_EXIST = ("Esg.EsgRuleResourceNotExist", 404, "Enterprise security group rule does not exist.", "The enterprise security group rule does not exist", "企业安全组规则不存在", Reference);
    ESG_BIND_STATUS_INVALID = ("Esg.EsgBindStatusInvalid", 409, "Enterprise security group is bound and cannot be deleted.", "The enterprise security group is still bound", "企业安全组仍被绑定，无法删除", Reference);

    // --- Baidu: bind an instance to a security group (seed 002) ---
    BIND_INSTANCE_EXCEEDED_LIMIT = ("SecurityGroup.BindInstanceExceededLimit", 413, "Quota exceeds limit when binding instance to security group.", "The count of security groups bound to the instance exceeds the limit", "实例绑定的安全组数量超出限制", Seed(BindInstance));
    EXPIRED_INSTANCE_FORBIDDEN_BIND = ("SecurityGroup.ExpiredInstanceForbiddenBind", 403, "Instance already expired when binding to security group.", "Expired or debt instances cannot be bound to security groups", "已过期或欠费的实例不能绑定安全组", Seed(BindInstance));
    // CHOICE: the reference documents no code for a group of another VPC; the console offers
    // only the resource's own VPC's groups, and the emulator refuses the rest with this.
    GROUP_VPC_MISMATCH = ("SecurityGroup.VpcNotMatch", 400, "The security group and the resource are not in the same VPC.", "The security group belongs to another VPC than the instance or card", "安全组与实例或服务网卡不在同一 VPC", Invented);
    NO_SECURITY_GROUP = ("SecurityGroup.NoSecurityGroup", 400, "No security group associated for the instance.", "An instance must be associated with at least one security group", "实例至少需要关联一个安全组", Seed(BindInstance));

    // --- Baidu: authorize a security group rule (seed 004) ---
    BAD_REQUEST_PROTOCOL = ("BadRequest", 400, "protocol is invalid.", "Protocol type error", "协议类型错误", Seed(AuthorizeRule));
    RULE_PORT_ORDER_INVALID = ("SecurityGroup.RulePortOrderInvalid", 400, "The order of security group rule port is incorrect.", "The port order of the security group rule is incorrect", "安全组规则端口顺序错误", Seed(AuthorizeRule));
    RULE_PORT_RANGE_INVALID = ("SecurityGroup.RulePortRangeInvalid", 400, "The value of security group rule port is exceeded.", "The port number of the security group rule is out of the allowed range", "安全组规则端口号超出允许范围", Seed(AuthorizeRule));
    RULE_PORT_INVALID = ("SecurityGroup.RulePortInvalid", 400, "The value of security group rule port must be number.", "The port of the security group rule is non-numeric", "安全组规则端口不是数字", Seed(AuthorizeRule));
    RULE_CIDR_ADDRESS_ERROR = ("SecurityGroup.RuleCIDRAddressError", 400, "Security group rule ip(cidr) address is incorrect.", "Security group rule source (destination) address error", "安全组规则源（目的）地址错误", Seed(AuthorizeRule));
    RULE_DIRECTION_ERROR = ("SecurityGroup.RuleDirectionError", 400, "Security group rule direction is incorrect.", "Security group rule direction does not conform", "安全组规则方向不符合要求", Seed(AuthorizeRule));
    NO_SUCH_OBJECT = ("NoSuchObject", 404, "The specified object is not found or resource do not exist.", "The target security group does not exist", "目标安全组不存在", Seed(AuthorizeRule));
    RULE_NUMBER_EXCEEDED_LIMIT = ("SecurityGroup.RuleNumberExceededLimit", 413, "Security groups that contain rule number exceed limit.", "Count of rules contained in the security group exceeds the limit", "安全组包含的规则数量超出限制", Seed(AuthorizeRule));
    RULE_DUPLICATED = ("SecurityGroup.RuleDuplicated", 409, "Security group rule is duplicated.", "Security group rules are duplicated", "安全组规则重复", Seed(AuthorizeRule));
    VERSION_MISMATCH = ("VersionMismatch", 400, "The sgVersion is mismatch.", "The specified version number of the security group rule does not match the latest version. If the sgVersion parameter is not included in the request, this error code will not be returned.", "指定的安全组版本号与最新版本不一致；请求未携带 sgVersion 时不会返回此错误", Seed(AuthorizeRule));
    // Regular rules: remark length (reference C.3) and ethertype (no code documented).
    RULE_REMARK_TOO_LONG = ("SecurityGroup.RuleRemarkTooLong", 400, "Security group rule remark is too long.", "Security group rule remark is too long", "安全组规则备注过长", Reference);
    BAD_REQUEST_ETHERTYPE = ("BadRequest", 400, "ethertype is invalid.", "Network type error", "网络类型错误", Invented);
    SECURITY_GROUP_QUOTA_EXCEEDED = ("SecurityGroup.SecurityGroupNumberExceededLimit", 413, "Security group number in the VPC exceeds limit.", "The VPC already holds its quota of security groups (100 in the default VPC, 20 in others)", "该 VPC 的安全组数量已达配额（默认 VPC 100 个，其他 VPC 20 个）", Invented);
    MIXED_GROUP_TYPES = ("SecurityGroup.InstanceHoldsOtherType", 400, "An instance cannot hold regular and enterprise security groups at the same time.", "The instance holds the other kind of security group: an instance holds regular or enterprise groups, never both", "实例已绑定另一类安全组：一个实例只能绑定普通安全组或企业安全组之一", Invented);
    // CHOICE (#35): `palisade serve --policy` refuses a change the organisation's policy
    // forbids, in the cloud's error shape, before it reaches the cloud.
    POLICY_VIOLATION = ("Palisade.PolicyViolation", 403, "The change breaks the policy palisade serve enforces.", "The change breaks the organisation's policy (shown on the Policy page): change the rule, or ask whoever runs palisade serve", "此变更违反 palisade serve 执行的策略（见“策略”页）：请修改规则，或联系 palisade serve 的管理者", Invented);
    SECURITY_GROUP_IN_USE = ("SecurityGroup.SecurityGroupInUse", 409, "The security group is bound and cannot be deleted.", "The security group is still bound to an instance or a service network interface card", "安全组仍绑定在实例或服务网卡上，无法删除", Invented);
    INVALID_PROTOCOL_EXCEPTION = ("InvalidProtocolException", 400, "Changing the protocol of a tcp or udp rule to icmp is not supported.", "A tcp or udp rule cannot be changed to icmp", "tcp 或 udp 规则不能改为 icmp", Reference);
    RULE_NOT_EXIST = ("SecurityGroup.RuleNotExist", 404, "Security group rule does not exist.", "The security group rule does not exist", "安全组规则不存在", Reference);

    // --- Baidu: general codes (reference, bce-common-errors.md) ---
    ACCESS_DENIED = ("AccessDenied", 403, "Access denied.", "No permission for the resource", "无权访问该资源", Reference);
    INAPPROPRIATE_JSON = ("InappropriateJSON", 400, "The JSON you provided was well-formed and valid, but not appropriate for this operation.", "Well-formed JSON that is semantically wrong", "JSON 格式正确但内容不适用于此操作", Reference);
    INVALID_ACCESS_KEY_ID = ("InvalidAccessKeyId", 403, "Access Key ID does not exist.", "The access key id does not exist", "Access Key ID 不存在", Reference);
    INVALID_HTTP_AUTH_HEADER = ("InvalidHTTPAuthHeader", 400, "The HTTP authorization header is invalid.", "The Authorization header is malformed", "Authorization 头格式错误", Reference);
    INVALID_HTTP_REQUEST = ("InvalidHTTPRequest", 400, "There was an error in the body of your HTTP request.", "The HTTP body is malformed", "HTTP 请求体格式错误", Reference);
    INVALID_URI = ("InvalidURI", 400, "Could not parse the specified URI.", "The URI cannot be parsed", "无法解析 URI", Reference);
    MALFORMED_JSON = ("MalformedJSON", 400, "The JSON you provided was not well-formed.", "The body is not valid JSON", "请求体不是合法的 JSON", Reference);
    INVALID_VERSION = ("InvalidVersion", 404, "The API version specified was invalid.", "The version in the URI is not valid", "URI 中的 API 版本无效", Reference);
    REQUEST_EXPIRED = ("RequestExpired", 400, "Request has expired.", "The request's timestamp is outside its validity", "请求已过期", Reference);
    IDEMPOTENT_PARAMETER_MISMATCH = ("IdempotentParameterMismatch", 403, "The clientToken was used with different parameters.", "A clientToken reused with different parameters", "clientToken 与不同的参数一起重复使用", Reference);
    SIGNATURE_DOES_NOT_MATCH = ("SignatureDoesNotMatch", 400, "The request signature we calculated does not match the signature you provided.", "The signature does not verify", "签名不匹配", Reference);

    // --- Answers of the emulator and the proxy that no seed documents ---
    // The reference's wording ("Any other undefined error") read as nonsense in the console
    // (#34): the explanation says what to do.
    INTERNAL_ERROR = ("InternalError", 500, "We encountered an internal error. Please try again.", "The cloud failed on its side without naming why: try again; if it persists, give the cloud's support the request id", "云端内部出错且未说明原因：请重试；若仍出现，请将请求 ID 提供给云厂商支持", Reference);
    METHOD_NOT_ALLOWED = ("MethodNotAllowed", 405, "The method is not allowed for this API.", "The API does not take this HTTP method", "该 API 不接受此 HTTP 方法", Invented);
    REQUEST_TIMEOUT = ("RequestTimeout", 408, "The request body did not arrive in time.", "The request body was not received in time", "请求体未在时限内送达", Invented);
    REQUEST_TOO_LARGE = ("RequestEntityTooLarge", 413, "The request body is larger than 1 MiB.", "The request body is over the proxy's 1 MiB limit", "请求体超过代理的 1 MiB 上限", Invented);
    SERVICE_UNAVAILABLE = ("ServiceUnavailable", 503, "Too many requests in flight on this proxy; retry shortly.", "The proxy is at its limit of requests in flight; retry shortly", "代理同时处理的请求已达上限，请稍后重试", Invented);
    GATEWAY_TIMEOUT = ("GatewayTimeout", 504, "The cloud API did not answer in time.", "The cloud API did not answer in time", "云 API 未在时限内应答", Invented);
    BAD_GATEWAY = ("BadGateway", 502, "The cloud API could not be reached.", "The proxy could not reach the cloud API", "代理无法连接云 API", Invented);
    HW_INTERNAL = ("VPC.0500", 500, "Internal error.", "The service failed internally; retry later", "服务内部错误，请稍后重试", Invented);

    // --- Huawei VPC v3 ---
    HW_PARAM_INVALID = ("VPC.0601", 400, "Param is invalid.", "A security group parameter is invalid", "安全组参数不合法", Observed);
    HW_SECURITY_GROUP_IN_USE = ("VPC.0602", 409, "Security group is in use.", "The security group is in use", "安全组正在使用中", Observed);
    HW_SECURITY_GROUP_NOT_FOUND = ("VPC.0603", 404, "Security group does not exist.", "The security group does not exist", "安全组不存在", Invented);
    HW_RULE_NOT_FOUND = ("VPC.0604", 404, "Security group rule does not exist.", "The security group rule does not exist", "安全组规则不存在", Invented);
    HW_RULE_DUPLICATED = ("VPC.0605", 409, "Security group rule already exists.", "The security group rule is duplicated", "安全组规则重复", Invented);
    // From the VPC error-code page (support.huaweicloud.com/api-vpc/vpc_api_0003.html), not shared/reference.
    HW_ENTERPRISE_PROJECT_INVALID = ("VPC.0011", 400, "EnterpriseProjectId is invalid", "The enterprise project id is not valid", "企业项目 ID 非法", Reference);
    HW_QUOTA_EXCEEDED = ("VPC.0606", 409, "Quota exceeded for resources: ['security_group'].", "The project's quota of security groups or rules in this region is used up", "本区域该项目的安全组或规则配额已用完", Invented);
    HW_PROJECT_MISMATCH = ("VPC.0007", 400, "urlTenantId is not equal tokenTenantId", "The project id in the URL is not the caller's", "URL 中的项目 ID 与调用者不一致", Reference);
    HW_AUTH_FAILED = ("APIGW.0301", 401, "Incorrect IAM authentication information: verify aksk signature fail", "The AK/SK signature does not verify", "AK/SK 签名校验失败", Reference);
    HW_NOT_FOUND = ("APIGW.0101", 404, "The API does not exist or has not been published in the environment.", "No such API", "API 不存在", Invented);
}

/// Every catalogue entry with this code (`BadRequest` has two).
pub fn all_with(code: &str) -> impl Iterator<Item = &'static ErrorCode> + '_ {
    ALL.iter().filter(move |c| c.code == code)
}

/// The catalogue entry that explains an error answer, or `None` when the catalogue
/// cannot say which situation it was (then the cloud's own message is the explanation).
///
/// A code documented for one situation only explains an answer when it is known to be
/// that situation: the answer's message is the entry's documented description, or the
/// call was the operation the entry's seed documents. `BadRequest` (protocol or
/// ethertype) and `NoSuchObject` (which object?) are the cases this guards.
pub fn explain(code: &str, message: &str, operation: Option<Operation>) -> Option<&'static ErrorCode> {
    let message = message.trim();
    let mut candidates = all_with(code);
    let first = candidates.next()?;
    if candidates.next().is_none() {
        return match first.source {
            Source::Seed(op) if Some(op) != operation && first.description != message => None,
            _ => Some(first),
        };
    }
    // Several situations share the code: the documented description decides.
    all_with(code).find(|c| c.description == message)
}
