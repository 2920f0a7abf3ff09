//! A rules file as a user hands it over: JSON (a list of rules, or an export
//! `{"rules": [...]}`) or CSV with a header row of the rules' wire names. What cannot be
//! read is reported with its line and column, so it can be fixed in an editor.

use palisade_core::bce::security_group::SecurityGroupRule;

/// Where a file stops making sense (1-based, as editors count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub line: usize,
    pub column: usize,
    pub what: String,
}

/// The CSV columns a rules file may have: a rule's fields by their wire names.
pub const CSV_COLUMNS: [&str; 9] =
    ["direction", "ethertype", "protocol", "portRange", "sourceIp", "destIp", "sourceGroupId", "destGroupId", "remark"];

/// Reads a rules file; JSON when its first visible character is `[` or `{`, else CSV.
pub fn parse(text: &str) -> Result<Vec<SecurityGroupRule>, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rules = match text.trim_start().chars().next() {
        Some('[' | '{') => parse_json(text)?,
        _ => parse_csv(text)?,
    };
    if rules.is_empty() {
        return Err(FileError { line: 1, column: 1, what: "no rules in the file".into() });
    }
    Ok(rules)
}

fn parse_json(text: &str) -> Result<Vec<SecurityGroupRule>, FileError> {
    #[derive(serde::Deserialize)]
    struct Export {
        rules: Vec<SecurityGroupRule>,
    }
    // Typed by the first character (no `Value`, no untagged enum: both cost wasm size);
    // serde's errors carry the line and column either way.
    let at = |e: serde_json::Error| FileError { line: e.line(), column: e.column(), what: e.to_string() };
    if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<SecurityGroupRule>>(text).map_err(at)
    } else {
        serde_json::from_str::<Export>(text).map(|e| e.rules).map_err(at)
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

fn parse_csv(text: &str) -> Result<Vec<SecurityGroupRule>, FileError> {
    let mut rows = records(text)?.into_iter();
    let Some((_, header)) = rows.next() else { return Ok(Vec::new()) };
    let mut columns = Vec::with_capacity(header.len());
    for (column, name) in &header {
        let name = name.trim();
        if !CSV_COLUMNS.contains(&name) {
            return Err(FileError {
                line: 1,
                column: *column,
                what: format!("unknown column \"{name}\" (known: {})", CSV_COLUMNS.join(", ")),
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
        let mut rule = SecurityGroupRule::default();
        for (name, (_, value)) in columns.iter().zip(fields) {
            let value = Some(value.trim().to_owned());
            match *name {
                "direction" => rule.direction = value,
                "ethertype" => rule.ethertype = value,
                "protocol" => rule.protocol = value,
                "portRange" => rule.port_range = value,
                "sourceIp" => rule.source_ip = value,
                "destIp" => rule.dest_ip = value,
                "sourceGroupId" => rule.source_group_id = value,
                "destGroupId" => rule.dest_group_id = value,
                _ => rule.remark = value,
            }
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
        assert_eq!(parse(list).map(|r| r.len()), Ok(1));
        let export = r#"{"securityGroupId":"g-1","name":"web","rules":[{"direction":"egress"},{"direction":"ingress"}]}"#;
        assert_eq!(parse(export).map(|r| r.len()), Ok(2));
        assert_eq!(parse("[]").map_err(|e| e.what), Err("no rules in the file".into()));
        assert!(parse(r#"{"nope": 1}"#).is_err());
    }

    #[test]
    fn broken_json_names_its_line_and_column() {
        let e = parse("[\n  {\"direction\": \"ingress\",\n   \"protocol\" \"tcp\"}\n]").unwrap_err();
        assert_eq!((e.line, e.column), (3, 15), "{e:?}");
    }

    #[test]
    fn csv_with_a_header_of_wire_names() {
        let csv = "direction,protocol,portRange,sourceIp,remark\r\ningress,tcp,22,10.0.0.0/8,\"ssh, from the office\"\ningress,tcp,443,0.0.0.0/0,\"say \"\"hi\"\"\"\n\n";
        let rules = parse(csv).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].remark.as_deref(), Some("ssh, from the office"));
        assert_eq!(rules[1].remark.as_deref(), Some("say \"hi\""));
        assert_eq!(rules[1].port_range.as_deref(), Some("443"));
    }

    #[test]
    fn broken_csv_names_its_line_and_column() {
        let e = parse("direction,protocol,ports\ningress,tcp,22\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 20), "an unknown column: {e:?}");
        let e = parse("direction,protocol,portRange\ningress,tcp,22\negress,tcp,80,extra\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 15), "a field too many: {e:?}");
        let e = parse("direction,remark\ningress,\"never closed\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "an open quote: {e:?}");
        let e = parse("direction,remark\ningress,a\"b\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10), "a stray quote: {e:?}");
    }
}
