//! A rules file as a user hands it over: JSON (a list of rules, or an export
//! `{"rules": [...]}`) or CSV with a header row of the rules' wire names. What cannot be
//! read is reported with its line and column, so it can be fixed in an editor.

use palisade_core::bce::esg::{EsgRule, Priority};
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::plan::PlanRule;
use serde::de::DeserializeOwned;

/// Where a file stops making sense (1-based, as editors count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub line: usize,
    pub column: usize,
    pub what: String,
}

/// A cloud's rule as a rules file holds it: JSON in the API's own shape, or CSV whose
/// header names the rule's wire fields.
pub trait FileRule: DeserializeOwned + Default {
    /// The CSV columns a rules file may have: the rule's fields by their wire names.
    const COLUMNS: &'static [&'static str];
    /// Sets the field of one CSV column (one of `COLUMNS`); why a value cannot be read.
    fn set(&mut self, column: &str, value: String) -> Result<(), String>;
}

/// The CSV columns of a Baidu regular rule.
pub const CSV_COLUMNS: [&str; 9] =
    ["direction", "ethertype", "protocol", "portRange", "sourceIp", "destIp", "sourceGroupId", "destGroupId", "remark"];

impl FileRule for SecurityGroupRule {
    const COLUMNS: &'static [&'static str] = &CSV_COLUMNS;
    fn set(&mut self, column: &str, value: String) -> Result<(), String> {
        let v = Some(value);
        match column {
            "direction" => self.direction = v,
            "ethertype" => self.ethertype = v,
            "protocol" => self.protocol = v,
            "portRange" => self.port_range = v,
            "sourceIp" => self.source_ip = v,
            "destIp" => self.dest_ip = v,
            "sourceGroupId" => self.source_group_id = v,
            "destGroupId" => self.dest_group_id = v,
            _ => self.remark = v,
        }
        Ok(())
    }
}

impl FileRule for EsgRule {
    const COLUMNS: &'static [&'static str] = &[
        "direction",
        "ethertype",
        "protocol",
        "portRange",
        "sourcePortRange",
        "sourceIp",
        "destIp",
        "localIp",
        "remoteIpSet",
        "remoteIpGroup",
        "action",
        "priority",
        "remark",
    ];
    fn set(&mut self, column: &str, value: String) -> Result<(), String> {
        let v = Some(value);
        match column {
            "direction" => self.direction = v,
            "ethertype" => self.ethertype = v,
            "protocol" => self.protocol = v,
            "portRange" => self.port_range = v,
            "sourcePortRange" => self.source_port_range = v,
            "sourceIp" => self.source_ip = v,
            "destIp" => self.dest_ip = v,
            "localIp" => self.local_ip = v,
            "remoteIpSet" => self.remote_ip_set = v,
            "remoteIpGroup" => self.remote_ip_group = v,
            "action" => self.action = v,
            "priority" => self.priority = v.map(Priority::Text),
            _ => self.remark = v,
        }
        Ok(())
    }
}

impl FileRule for HuaweiRule {
    const COLUMNS: &'static [&'static str] = &[
        "direction",
        "ethertype",
        "protocol",
        "multiport",
        "remote_ip_prefix",
        "remote_group_id",
        "remote_address_group_id",
        "action",
        "priority",
        "enabled",
        "description",
    ];
    fn set(&mut self, column: &str, value: String) -> Result<(), String> {
        let text = Some(value.clone()).filter(|v| !v.is_empty());
        match column {
            "direction" => self.direction = value,
            "ethertype" => self.ethertype = value,
            "protocol" => self.protocol = text,
            "multiport" => self.multiport = text,
            "remote_ip_prefix" => self.remote_ip_prefix = text,
            "remote_group_id" => self.remote_group_id = text,
            "remote_address_group_id" => self.remote_address_group_id = text,
            "action" => self.action = value,
            "priority" => self.priority = value.parse().map_err(|_| format!("priority \"{value}\" is not a number"))?,
            "enabled" => {
                self.enabled = match value.as_str() {
                    "" | "true" => true,
                    "false" => false,
                    _ => return Err(format!("enabled \"{value}\" is neither true nor false")),
                }
            }
            _ => self.description = value,
        }
        Ok(())
    }
}

/// Reads a rules file; JSON when its first visible character is `[` or `{`, else CSV.
/// A file names rules to add, never rules to change: whatever the cloud set on a rule
/// (its id, its group, its times) is dropped, so a dump of the group edited by hand, or
/// a rule carrying another rule's id, can only ever add (security review, #36).
pub fn parse<R: FileRule + PlanRule>(text: &str) -> Result<Vec<R>, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rules = match text.trim_start().chars().next() {
        Some('[' | '{') => parse_json(text)?,
        _ => parse_csv(text)?,
    };
    if rules.is_empty() {
        return Err(FileError { line: 1, column: 1, what: "no rules in the file".into() });
    }
    Ok(rules.iter().map(PlanRule::content).collect())
}

fn parse_json<R: FileRule>(text: &str) -> Result<Vec<R>, FileError> {
    // An export or a group as the API answers it: its list of rules.
    #[derive(serde::Deserialize)]
    #[serde(bound = "R: DeserializeOwned")]
    struct Export<R> {
        #[serde(alias = "security_group_rules")]
        rules: Vec<R>,
    }
    // Typed by the first character (no `Value`, no untagged enum: both cost wasm size);
    // serde's errors carry the line and column either way.
    let at = |e: serde_json::Error| FileError { line: e.line(), column: e.column(), what: e.to_string() };
    if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<R>>(text).map_err(at)
    } else {
        serde_json::from_str::<Export<R>>(text).map(|e| e.rules).map_err(at)
    }
}

/// A CSV record: the line it starts on, and each field with the column it starts at.
type Record = (usize, Vec<(usize, String)>);

/// RFC 4180 records: fields split on commas, `"…"` quoting with `""` for a quote, CRLF or
/// LF line ends. Each field comes with the column it starts at.
fn records(text: &str) -> Result<Vec<Record>, FileError> {
    let mut out = Vec::new();
    let (mut line, mut column) = (1usize, 1usize);
    let mut chars = text.chars().peekable();
    let mut record: Vec<(usize, String)> = Vec::new();
    let mut field = String::new();
    let (mut field_col, mut record_line) = (1usize, 1usize);
    let mut quoted = false;
    let mut open_quote = (0, 0);
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                column += 1;
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => {
                quoted = true;
                open_quote = (line, column);
            }
            '"' => return Err(FileError { line, column, what: "a quote inside an unquoted field".into() }),
            ',' if !quoted => {
                record.push((field_col, std::mem::take(&mut field)));
                field_col = column + 1;
            }
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' if !quoted => {
                record.push((field_col, std::mem::take(&mut field)));
                if !(record.len() == 1 && record[0].1.trim().is_empty()) {
                    out.push((record_line, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                column = 0;
                field_col = 1;
                record_line = line;
            }
            '\n' => {
                field.push(c);
                line += 1;
                column = 0;
            }
            _ => field.push(c),
        }
        column += 1;
    }
    if quoted {
        return Err(FileError { line: open_quote.0, column: open_quote.1, what: "a quoted field is never closed".into() });
    }
    record.push((field_col, field));
    if !(record.len() == 1 && record[0].1.trim().is_empty()) {
        out.push((record_line, record));
    }
    Ok(out)
}

fn parse_csv<R: FileRule>(text: &str) -> Result<Vec<R>, FileError> {
    let mut rows = records(text)?.into_iter();
    let Some((_, header)) = rows.next() else { return Ok(Vec::new()) };
    let mut columns = Vec::with_capacity(header.len());
    for (column, name) in &header {
        let name = name.trim();
        if !R::COLUMNS.contains(&name) {
            return Err(FileError {
                line: 1,
                column: *column,
                what: format!("unknown column \"{name}\" (known: {})", R::COLUMNS.join(", ")),
            });
        }
        if columns.contains(&name) {
            return Err(FileError { line: 1, column: *column, what: format!("column \"{name}\" twice") });
        }
        columns.push(name);
    }
    let mut rules = Vec::new();
    for (line, fields) in rows {
        if fields.len() != columns.len() {
            let column = fields.get(columns.len()).or(fields.last()).map_or(1, |f| f.0);
            return Err(FileError { line, column, what: format!("{} fields where the header has {}", fields.len(), columns.len()) });
        }
        let mut rule = R::default();
        for (name, (column, value)) in columns.iter().zip(fields) {
            rule.set(name, value.trim().to_owned()).map_err(|what| FileError { line, column, what })?;
        }
        rules.push(rule);
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lists_and_exports() {
        let list = r#"[{"direction":"ingress","protocol":"tcp","portRange":"22","sourceIp":"10.0.0.0/8"}]"#;
        assert_eq!(parse::<SecurityGroupRule>(list).map(|r| r.len()), Ok(1));
        let export = r#"{"securityGroupId":"g-1","name":"web","rules":[{"direction":"egress"},{"direction":"ingress"}]}"#;
        assert_eq!(parse::<SecurityGroupRule>(export).map(|r| r.len()), Ok(2));
        assert_eq!(parse::<SecurityGroupRule>("[]").map_err(|e| e.what), Err("no rules in the file".into()));
        assert!(parse::<SecurityGroupRule>(r#"{"nope": 1}"#).is_err());
    }

    #[test]
    fn broken_json_names_its_line_and_column() {
        let e = parse::<SecurityGroupRule>("[\n  {\"direction\": \"ingress\",\n   \"protocol\" \"tcp\"}\n]").unwrap_err();
        assert_eq!((e.line, e.column), (3, 15), "{e:?}");
    }

    #[test]
    fn csv_with_a_header_of_wire_names() {
        let csv = "direction,protocol,portRange,sourceIp,remark\r\ningress,tcp,22,10.0.0.0/8,\"ssh, from the office\"\ningress,tcp,443,0.0.0.0/0,\"say \"\"hi\"\"\"\n\n";
        let rules = parse::<SecurityGroupRule>(csv).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].remark.as_deref(), Some("ssh, from the office"));
        assert_eq!(rules[1].remark.as_deref(), Some("say \"hi\""));
        assert_eq!(rules[1].port_range.as_deref(), Some("443"));
    }

    #[test]
    fn broken_csv_names_its_line_and_column() {
        let e = parse::<SecurityGroupRule>("direction,protocol,ports\ningress,tcp,22\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 20), "an unknown column: {e:?}");
        let e = parse::<SecurityGroupRule>("direction,protocol,portRange\ningress,tcp,22\negress,tcp,80,extra\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 15), "a field too many: {e:?}");
        let e = parse::<SecurityGroupRule>("direction,remark\ningress,\"never closed\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "an open quote: {e:?}");
        let e = parse::<SecurityGroupRule>("direction,remark\ningress,a\"b\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10), "a stray quote: {e:?}");
    }

    #[test]
    fn ids_and_what_the_cloud_sets_are_dropped() {
        let bce =
            r#"[{"securityGroupRuleId":"r-office","securityGroupId":"g-1","direction":"ingress","portRange":"22","sourceIp":"0.0.0.0/0"}]"#;
        let rules = parse::<SecurityGroupRule>(bce).unwrap();
        assert_eq!((rules[0].security_group_rule_id.as_deref(), rules[0].security_group_id.as_deref()), (None, None));
        assert_eq!(rules[0].source_ip.as_deref(), Some("0.0.0.0/0"), "the content stays");
        let esg = r#"{"rules":[{"enterpriseSecurityGroupRuleId":"esgr-1","direction":"ingress","portRange":"22"}]}"#;
        assert_eq!(parse::<EsgRule>(esg).unwrap()[0].enterprise_security_group_rule_id, None);
        let hw = r#"{"security_group_rules":[{"id":"r-1","security_group_id":"sg-1","direction":"ingress","priority":1}]}"#;
        let rules = parse::<HuaweiRule>(hw).unwrap();
        assert_eq!((rules[0].id.as_str(), rules[0].security_group_id.as_str()), ("", ""));
    }

    #[test]
    fn enterprise_and_huawei_rules_files() {
        let csv = "direction,protocol,portRange,sourceIp,action,priority,remark\ningress,tcp,22,10.0.0.0/8,allow,10,ssh\n";
        let rules = parse::<EsgRule>(csv).unwrap();
        assert_eq!((rules[0].port_range.as_deref(), rules[0].priority.as_ref().and_then(Priority::value)), (Some("22"), Some(10)));
        let json = r#"{"rules":[{"direction":"ingress","portRange":"443","action":"deny"}]}"#;
        assert_eq!(parse::<EsgRule>(json).unwrap()[0].action.as_deref(), Some("deny"));
        // Huawei: a list as the API answers it (ids and all), or a CSV of its wire names.
        let json = r#"{"security_group_rules":[{"id":"r-1","direction":"egress","priority":5}]}"#;
        let rules = parse::<HuaweiRule>(json).unwrap();
        assert_eq!((rules[0].direction.as_str(), rules[0].priority, rules[0].enabled), ("egress", 5, true));
        let csv =
            "direction,protocol,multiport,remote_ip_prefix,action,priority,enabled\ningress,tcp,\"22,3389\",10.0.0.0/8,allow,1,false\n";
        let rules = parse::<HuaweiRule>(csv).unwrap();
        assert_eq!((rules[0].multiport.as_deref(), rules[0].priority, rules[0].enabled), (Some("22,3389"), 1, false));
        let e = parse::<HuaweiRule>("direction,priority\ningress,high\n").unwrap_err();
        assert_eq!((e.line, e.column, e.what.as_str()), (2, 9, "priority \"high\" is not a number"));
        let e = parse::<HuaweiRule>("direction,portRange\ningress,22\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 11), "a Baidu column in a Huawei file: {e:?}");
    }
}
