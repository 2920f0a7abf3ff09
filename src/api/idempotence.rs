//! `clientToken`: one per user action, made when the action is first sent and kept while
//! it may be retried as it is (no answer, or a 5xx), so a retry never applies twice. A
//! verdict (success or a 4xx) ends the action: the next identical request is a new one.

/// The tokens of actions still open, keyed by what the request is (method, path, query
/// without the token, body).
#[derive(Debug, Default, Clone)]
pub struct TokenBook {
    open: Vec<(String, String)>,
}

/// CHOICE: at most this many open actions are remembered (oldest dropped first): a
/// console left open with a network down must not grow without bound.
const MAX_OPEN: usize = 256;

impl TokenBook {
    /// What identifies one action: the request without its token.
    pub fn action_key(method: &str, path: &str, query: &[(&str, &str)], body: Option<&str>) -> String {
        let mut key = String::with_capacity(path.len() + body.map_or(0, str::len) + 32);
        key.push_str(method);
        key.push(' ');
        key.push_str(path);
        for (k, v) in query.iter().filter(|(k, _)| *k != "clientToken") {
            key.push(if key.contains('?') { '&' } else { '?' });
            key.push_str(k);
            key.push('=');
            key.push_str(v);
        }
        key.push('\n');
        key.push_str(body.unwrap_or(""));
        key
    }

    /// The token for `action`: the open one if this action was sent before without a
    /// verdict, else a fresh one from `make`.
    pub fn token_for(&mut self, action: &str, make: impl FnOnce() -> String) -> String {
        if let Some((_, token)) = self.open.iter().find(|(a, _)| a == action) {
            return token.clone();
        }
        let token = make();
        if self.open.len() >= MAX_OPEN {
            self.open.remove(0);
        }
        self.open.push((action.to_owned(), token.clone()));
        token
    }

    /// After an attempt: a retryable failure keeps the token, anything else closes it.
    pub fn settle(&mut self, action: &str, retryable: bool) {
        if !retryable {
            self.open.retain(|(a, _)| a != action);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_after_no_verdict_reuses_the_token_and_a_verdict_ends_it() {
        let mut book = TokenBook::default();
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("t{n}")
        };
        let key = TokenBook::action_key("PUT", "/v2/securityGroup/g-1", &[("authorizeRule", ""), ("clientToken", "x")], Some("{}"));
        assert_eq!(key, TokenBook::action_key("PUT", "/v2/securityGroup/g-1", &[("authorizeRule", "")], Some("{}")));
        assert_eq!(book.token_for(&key, &mut fresh), "t1");
        book.settle(&key, true);
        assert_eq!(book.token_for(&key, &mut fresh), "t1", "a network failure or 5xx: the same action again");
        book.settle(&key, false);
        assert_eq!(book.token_for(&key, &mut fresh), "t2", "after a verdict the same request is a new action");
        let other = TokenBook::action_key("PUT", "/v2/securityGroup/g-1", &[("authorizeRule", "")], Some("{\"a\":1}"));
        assert_eq!(book.token_for(&other, &mut fresh), "t3", "another body is another action");
    }

    #[test]
    fn open_actions_are_bounded() {
        let mut book = TokenBook::default();
        for i in 0..(MAX_OPEN + 10) {
            book.token_for(&i.to_string(), || i.to_string());
        }
        assert_eq!(book.open.len(), MAX_OPEN);
        assert_eq!(book.token_for("0", || "new".into()), "new", "the oldest were dropped");
    }
}
