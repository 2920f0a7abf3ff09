//! `palisade sign bce|huawei`: prints the headers to add to a request, one `Name: value`
//! a line, so a user can sign a curl call. The secret key is only read, never printed.

use std::process::ExitCode;

use clap::Args;
use palisade_core::sign::{bce, encoding, huawei, timestamp, SignableRequest};
use palisade_core::Cloud;

fn parse_cloud(s: &str) -> Result<Cloud, String> {
    Cloud::from_slug(s).ok_or_else(|| format!("expected one of: {}", Cloud::ALL.map(Cloud::slug).join(", ")))
}

#[derive(Debug, Clone, Args)]
pub struct SignArgs {
    /// `bce` or `huawei`.
    #[arg(value_parser = parse_cloud)]
    pub cloud: Cloud,
    #[arg(long)]
    pub ak: String,
    /// The secret key. On the command line it shows in `ps` and in shell history: prefer
    /// `--sk-file` or the environment (`PALISADE_SK`).
    #[arg(long, env = "PALISADE_SK", hide_env_values = true, conflicts_with = "sk_file", required_unless_present = "sk_file")]
    pub sk: Option<String>,
    /// Reads the secret key from a file, or from standard input with `-` (its first line).
    #[arg(long, value_name = "PATH|-")]
    pub sk_file: Option<String>,
    /// An STS security token, sent and signed as `x-bce-security-token` (Baidu) or
    /// `X-Security-Token` (Huawei), and printed with the headers to add.
    #[arg(long, env = "PALISADE_SECURITY_TOKEN", hide_env_values = true)]
    pub security_token: Option<String>,
    #[arg(long, default_value = "GET")]
    pub method: String,
    #[arg(long)]
    pub url: String,
    /// A header to send and sign, as given: `-H 'Name: value'`.
    #[arg(short = 'H', long = "header")]
    pub headers: Vec<String>,
    #[arg(long)]
    pub data: Option<String>,
    /// RFC 3339 UTC, e.g. 2026-03-02T04:58:06Z. Default: now.
    #[arg(long)]
    pub timestamp: Option<String>,
    /// Baidu only: how long the signature is valid.
    #[arg(long, default_value_t = bce::DEFAULT_EXPIRATION_SECS)]
    pub expiration: u32,
    /// Baidu only: the headers to sign, `a;b;c`. Default: the standard set.
    #[arg(long)]
    pub signed_headers: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SignCmdError {
    #[error("--url is not an absolute http(s) URL: {0}")]
    BadUrl(String),
    /// Only where it is, never the value: it may hold a token.
    #[error("-H number {0} is not 'Name: value' (it has no ':')")]
    BadHeader(usize),
    #[error("cannot read the secret key from {0}: {1}")]
    SecretFile(String, String),
    #[error("the secret key is empty")]
    EmptySecret,
    #[error("give the secret key with --sk-file PATH, --sk-file - (standard input) or PALISADE_SK")]
    NoSecret,
    #[error("--timestamp must be RFC 3339 UTC such as 2026-03-02T04:58:06Z")]
    BadTimestamp,
    #[error("the URL's path or query is not valid percent-encoded UTF-8")]
    BadEncoding,
    #[error("the timestamp is out of range")]
    TimestampOutOfRange,
}

/// Signs and returns the header lines to print.
pub fn sign_lines(args: &SignArgs, now: i64) -> Result<Vec<String>, SignCmdError> {
    let url = url::Url::parse(&args.url).map_err(|e| SignCmdError::BadUrl(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(SignCmdError::BadUrl(format!("scheme {}", url.scheme())));
    }
    let host_name = url.host_str().ok_or_else(|| SignCmdError::BadUrl("no host".into()))?;
    let host = match url.port() {
        Some(p) => format!("{host_name}:{p}"),
        None => host_name.to_owned(),
    };
    let path = encoding::percent_decode(url.path()).map_err(|_| SignCmdError::BadEncoding)?;
    let query_owned = encoding::parse_query(url.query().unwrap_or("")).map_err(|_| SignCmdError::BadEncoding)?;
    let query: Vec<(&str, &str)> = query_owned.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut headers: Vec<(&str, &str)> = args
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| h.split_once(':').map(|(n, v)| (n.trim(), v.trim_start())).ok_or(SignCmdError::BadHeader(i + 1)))
        .collect::<Result<_, _>>()?;
    let token_header = match args.cloud {
        Cloud::Bce => bce::SECURITY_TOKEN_HEADER,
        Cloud::Huawei => huawei::SECURITY_TOKEN_HEADER,
    };
    if let Some(token) = args.security_token.as_deref().filter(|t| !t.is_empty()) {
        headers.push((token_header, token));
    }
    let secret = secret_key(args)?;
    let ts = match &args.timestamp {
        Some(t) => timestamp::parse_rfc3339(t).ok_or(SignCmdError::BadTimestamp)?,
        None => now,
    };
    let body = args.data.as_deref().unwrap_or("").as_bytes();
    let req = SignableRequest { method: &args.method, host: &host, path: &path, query: &query, headers: &headers, body };
    let added = match args.cloud {
        Cloud::Bce => {
            let list: Option<Vec<&str>> = args.signed_headers.as_deref().map(|s| s.split(';').filter(|h| !h.is_empty()).collect());
            let params = bce::SigningParams {
                access_key_id: &args.ak,
                secret_access_key: &secret,
                timestamp: ts,
                expiration_secs: args.expiration,
                signed_headers: list.as_deref(),
            };
            bce::sign(&req, &params).map_err(|_| SignCmdError::TimestampOutOfRange)?.headers_to_add
        }
        Cloud::Huawei => {
            let params = huawei::SigningParams { access_key: &args.ak, secret_key: &secret, timestamp: ts };
            huawei::sign(&req, &params).map_err(|_| SignCmdError::TimestampOutOfRange)?.headers_to_add
        }
    };
    // The token is sent as signed: it is one of the headers to add.
    let token = args.security_token.as_deref().filter(|t| !t.is_empty()).map(|t| format!("{token_header}: {t}"));
    Ok(added.into_iter().map(|(n, v)| format!("{n}: {v}")).chain(token).collect())
}

/// The secret key from `--sk` / `PALISADE_SK`, or from `--sk-file` (a path, or `-` for
/// standard input): its first line, without the line end.
fn secret_key(args: &SignArgs) -> Result<String, SignCmdError> {
    let text = match (&args.sk, args.sk_file.as_deref()) {
        (Some(sk), _) => sk.clone(),
        (None, Some("-")) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|e| SignCmdError::SecretFile("standard input".into(), e.to_string()))?;
            line
        }
        (None, Some(path)) => std::fs::read_to_string(path).map_err(|e| SignCmdError::SecretFile(path.into(), e.to_string()))?,
        (None, None) => return Err(SignCmdError::NoSecret),
    };
    let secret = text.lines().next().unwrap_or("").to_owned();
    if secret.is_empty() {
        return Err(SignCmdError::EmptySecret);
    }
    Ok(secret)
}

pub fn run(args: &SignArgs) -> ExitCode {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    match sign_lines(args, now) {
        Ok(lines) => {
            for l in lines {
                println!("{l}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("palisade sign: {e}");
            ExitCode::from(2)
        }
    }
}
