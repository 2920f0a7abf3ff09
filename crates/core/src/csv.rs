//! CSV that is safe to open in a spreadsheet: RFC 4180 quoting, and a cell that a
//! spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
//! first) neutralised with a leading `'` (OWASP, "CSV Injection"). Group names and remarks
//! are written by whoever can edit a group, and read by someone else.

/// One CSV field.
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One CSV line (with its `\n`).
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells.iter().map(|c| field(c.as_ref())).collect::<Vec<_>>().join(",");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quoting_kept() {
        assert_eq!(field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-cmd"), "'-cmd");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(field("web, db"), "\"web, db\"");
        assert_eq!(field("g-web00001"), "g-web00001", "a hyphen inside is nothing");
        assert_eq!(line(&["a", "=b"]), "a,'=b\n");
    }
}
