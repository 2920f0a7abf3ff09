//! Name rules of both clouds.

/// CHOICE: "begins with a letter" accepts an ASCII letter or a Chinese character (the
/// console of the cloud accepts Chinese names, which the seed allows in the body).
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong,
    Invalid,
}

/// Baidu security group and ESG names: 1–65 characters of letters, digits, Chinese
/// characters and `- \ _ / .`, beginning with a letter.
pub fn check_bce(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > 65 {
        return Err(NameError::TooLong);
    }
    let mut chars = name.chars();
    let first = chars.next().expect("non-empty");
    let allowed = |c: char| c.is_ascii_alphanumeric() || is_chinese(c) || matches!(c, '-' | '\\' | '_' | '/' | '.');
    if !(first.is_ascii_alphabetic() || is_chinese(first)) || !name.chars().all(allowed) {
        return Err(NameError::Invalid);
    }
    Ok(())
}

/// Huawei security group names: 1–64 characters of letters, digits, `_`, `-` and `.`.
/// CHOICE: "letters" are Unicode letters (Chinese included), as Huawei's console allows.
pub fn check_huawei(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > 64 {
        return Err(NameError::TooLong);
    }
    if !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) {
        return Err(NameError::Invalid);
    }
    Ok(())
}

/// A Huawei tag (seed 003, table "Tag"): the key 1–36 letters, digits, `_`, `-` or
/// Chinese characters; the value 0–43 of those or `.`.
pub fn check_huawei_tag(key: &str, value: &str) -> bool {
    let key_ok = (1..=36).contains(&key.chars().count()) && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
    let value_ok = value.chars().count() <= 43 && value.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    key_ok && value_ok
}

/// Huawei descriptions: up to 255 characters, no `<` or `>`.
pub fn check_huawei_description(d: &str) -> bool {
    huawei_description_rule(d).is_none()
}

/// Which rule of a Huawei name or description (seed 003) a value breaks: all answer
/// `VPC.0601`, so the message says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HuaweiTextRule {
    NameRequired,
    NameTooLong,
    NameCharacters,
    DescriptionTooLong,
    DescriptionAngleBrackets,
}

impl HuaweiTextRule {
    /// The rule in English, as the emulator's `error_msg` states it.
    pub fn english(self) -> &'static str {
        match self {
            HuaweiTextRule::NameRequired => "the name is required",
            HuaweiTextRule::NameTooLong => "the name is at most 64 characters",
            HuaweiTextRule::NameCharacters => "the name may contain only letters, digits, _ - and .",
            HuaweiTextRule::DescriptionTooLong => "the description is at most 255 characters",
            HuaweiTextRule::DescriptionAngleBrackets => "the description may not contain < or >",
        }
    }
}

pub fn huawei_name_rule(name: &str) -> Option<HuaweiTextRule> {
    match check_huawei(name) {
        Ok(()) => None,
        Err(NameError::Empty) => Some(HuaweiTextRule::NameRequired),
        Err(NameError::TooLong) => Some(HuaweiTextRule::NameTooLong),
        Err(NameError::Invalid) => Some(HuaweiTextRule::NameCharacters),
    }
}

pub fn huawei_description_rule(d: &str) -> Option<HuaweiTextRule> {
    if d.chars().count() > 255 {
        Some(HuaweiTextRule::DescriptionTooLong)
    } else if d.contains(['<', '>']) {
        Some(HuaweiTextRule::DescriptionAngleBrackets)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bce_names() {
        assert_eq!(check_bce("web-servers_1/prod.v2\\x"), Ok(()));
        assert_eq!(check_bce("生产-web"), Ok(()));
        assert_eq!(check_bce(""), Err(NameError::Empty));
        assert_eq!(check_bce(&"a".repeat(65)), Ok(()));
        assert_eq!(check_bce(&"a".repeat(66)), Err(NameError::TooLong));
        assert_eq!(check_bce("1abc"), Err(NameError::Invalid));
        assert_eq!(check_bce("-abc"), Err(NameError::Invalid));
        assert_eq!(check_bce("a b"), Err(NameError::Invalid));
        assert_eq!(check_bce("a@b"), Err(NameError::Invalid));
    }

    #[test]
    fn huawei_names() {
        assert_eq!(check_huawei("security_group_2"), Ok(()));
        assert_eq!(check_huawei("sg.1-a"), Ok(()));
        assert_eq!(check_huawei(&"a".repeat(64)), Ok(()));
        assert_eq!(check_huawei(&"a".repeat(65)), Err(NameError::TooLong));
        assert_eq!(check_huawei("a b"), Err(NameError::Invalid));
        assert_eq!(check_huawei("a/b"), Err(NameError::Invalid));
        assert!(check_huawei_description("modified description"));
        assert!(!check_huawei_description("<script>"));
        assert!(!check_huawei_description(&"d".repeat(256)));
    }
}
