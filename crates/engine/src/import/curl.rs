//! A curl command → a source with one resource: method, URL split into `base_url` + path +
//! params, headers, auth (secret values become `{secrets.NAME}` references and are not kept),
//! a JSON or form body, and a paginator guessed from the query.

use serde_json::Value;

use super::{shell, Guess, ImportError};

/// Options that take a value and do not matter for a source.
const IGNORED_WITH_VALUE: [&str; 22] = [
    "-o",
    "--output",
    "-m",
    "--max-time",
    "--connect-timeout",
    "--retry",
    "-w",
    "--write-out",
    "-x",
    "--proxy",
    "--cacert",
    "--cert",
    "-D",
    "--dump-header",
    "-c",
    "--cookie-jar",
    "--limit-rate",
    "-r",
    "--range",
    "--retry-delay",
    "-K",
    "--config",
];
#[derive(Default)]
struct Request {
    method: Option<String>,
    url: Option<String>,
    headers: Vec<(String, String)>,
    data: Vec<String>,
    json_body: bool,
    get: bool,
    user: Option<String>,
    bearer: Option<String>,
    cookie: Option<String>,
}

/// Reads a curl command.
pub fn import_curl(text: &str) -> Result<(Value, Vec<Guess>), ImportError> {
    let words = shell::split(text).map_err(|message| ImportError::Syntax {
        what: "shell",
        line: 0,
        message,
    })?;
    let mut guesses = Vec::new();
    let req = parse_args(&words, &mut guesses)?;
    source::build(req, guesses)
}

fn parse_args(words: &[String], guesses: &mut Vec<Guess>) -> Result<Request, ImportError> {
    let start = words
        .iter()
        .position(|w| w == "curl" || w.ends_with("/curl"))
        .map_or(0, |i| i + 1);
    let mut r = Request::default();
    let mut i = start;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        let (opt, attached) = split_option(w);
        let value = |i: &mut usize| -> Result<String, ImportError> {
            if let Some(v) = &attached {
                return Ok(v.clone());
            }
            let v = words.get(*i).cloned().ok_or_else(|| {
                ImportError::Unsupported(format!("curl option {opt} needs a value"))
            })?;
            *i += 1;
            Ok(v)
        };
        match opt.as_str() {
            "-X" | "--request" => r.method = Some(value(&mut i)?.to_ascii_uppercase()),
            "-H" | "--header" => {
                let h = value(&mut i)?;
                if let Some((k, v)) = h.split_once(':') {
                    r.headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" => {
                r.data.push(value(&mut i)?)
            }
            "--data-urlencode" => {
                let v = value(&mut i)?;
                let enc = |s: &str| {
                    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                };
                r.data.push(match v.split_once('=') {
                    Some((k, x)) => format!("{k}={}", enc(x)),
                    None => enc(&v),
                });
            }
            "--json" => {
                r.data.push(value(&mut i)?);
                r.json_body = true;
            }
            "-G" | "--get" => r.get = true,
            "-u" | "--user" => r.user = Some(value(&mut i)?),
            "--oauth2-bearer" => r.bearer = Some(value(&mut i)?),
            "-b" | "--cookie" => r.cookie = Some(value(&mut i)?),
            "-A" | "--user-agent" => r.headers.push(("User-Agent".into(), value(&mut i)?)),
            "-e" | "--referer" => r.headers.push(("Referer".into(), value(&mut i)?)),
            "--url" => r.url = Some(value(&mut i)?),
            "-F" | "--form" | "--form-string" => return Err(ImportError::Unsupported(
                "multipart form bodies (-F) cannot be sent by a rest_api source; use -d or --json"
                    .into(),
            )),
            o if IGNORED_WITH_VALUE.contains(&o) => {
                value(&mut i)?;
            }
            o if o.starts_with('-') && o.len() > 1 => {
                if !is_quiet_flag(o) {
                    guesses.push(Guess::new("", format!("curl option '{o}' ignored")));
                }
            }
            _ if r.url.is_none() => r.url = Some(w.clone()),
            _ => guesses.push(Guess::new("", format!("extra argument '{w}' ignored"))),
        }
    }
    Ok(r)
}

/// `--opt=value` and `-Xvalue` forms.
fn split_option(w: &str) -> (String, Option<String>) {
    if let Some((o, v)) = w.split_once('=').filter(|_| w.starts_with("--")) {
        return (o.to_string(), Some(v.to_string()));
    }
    let with_value = [
        "-X", "-H", "-d", "-u", "-A", "-b", "-e", "-o", "-m", "-x", "-w",
    ];
    if w.len() > 2 && !w.starts_with("--") && with_value.contains(&&w[..2]) {
        return (w[..2].to_string(), Some(w[2..].to_string()));
    }
    (w.to_string(), None)
}

fn is_quiet_flag(o: &str) -> bool {
    let known = [
        "--compressed",
        "--location",
        "--insecure",
        "--silent",
        "--show-error",
        "--verbose",
        "--include",
        "--fail",
        "--globoff",
        "--no-buffer",
        "--http1.1",
        "--http2",
        "--fail-with-body",
    ];
    known.contains(&o) || (!o.starts_with("--") && o[1..].chars().all(|c| "sSLkivfgN#".contains(c)))
}

#[path = "curl_source.rs"]
mod source;

#[cfg(test)]
#[path = "curl_tests.rs"]
mod tests;
