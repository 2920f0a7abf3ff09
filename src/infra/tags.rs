//! Tags as a create form takes them: one `key=value` per line, blank lines skipped, a
//! line without `=` a key with no value (Baidu) or an empty value (Huawei).

use palisade_core::bce::common::Tag as BceTag;
use palisade_core::huawei::Tag as HuaweiTag;

fn pairs(text: &str) -> impl Iterator<Item = (String, Option<String>)> + '_ {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| match l.split_once('=') {
        Some((k, v)) => (k.trim().to_owned(), Some(v.trim().to_owned())),
        None => (l.to_owned(), None),
    })
}

/// Baidu tags (regular and enterprise groups).
pub fn bce_tags(text: &str) -> Vec<BceTag> {
    pairs(text).map(|(tag_key, tag_value)| BceTag { tag_key, tag_value }).collect()
}

/// Huawei tags.
pub fn huawei_tags(text: &str) -> Vec<HuaweiTag> {
    pairs(text).map(|(key, value)| HuaweiTag { key, value: value.unwrap_or_default() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_key_value_lines() {
        let tags = bce_tags(" team = web \n\nenv=prod=1\nlonely\n");
        let pairs: Vec<(&str, Option<&str>)> = tags.iter().map(|t| (t.tag_key.as_str(), t.tag_value.as_deref())).collect();
        assert_eq!(pairs, [("team", Some("web")), ("env", Some("prod=1")), ("lonely", None)]);
        let hw = huawei_tags("a=1\nb\n");
        assert_eq!((hw[1].key.as_str(), hw[1].value.as_str()), ("b", ""));
    }
}
