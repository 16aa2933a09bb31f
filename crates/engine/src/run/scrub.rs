//! Secret values out of a preview trace: an API may echo a key back in a body, a header or a
//! next link, so everything shown is scrubbed of every value the run resolved.

use serde_json::Value;

use super::preview::PreviewTrace;
use crate::http::redact::scrub;

/// Scrubs secret values from the parts of a trace the engine leaves as the API sent them
/// (records, bodies, positions, notes, the error): an API may echo a key back.
pub fn scrub_trace(t: &mut PreviewTrace, secrets: &[String]) {
    if secrets.is_empty() {
        return;
    }
    let values = t
        .records
        .iter_mut()
        .chain(t.raw_records.iter_mut())
        .chain(t.parents.iter_mut().map(|p| &mut p.record));
    for v in values {
        scrub_value(v, secrets);
    }
    for page in &mut t.pages {
        for v in page
            .records
            .iter_mut()
            .chain(page.position.iter_mut())
            .chain(page.body.iter_mut())
        {
            scrub_value(v, secrets);
        }
        if let Some(note) = &mut page.note {
            *note = scrub(note, secrets);
        }
        page.response.body_excerpt = scrub(&page.response.body_excerpt, secrets);
        page.request.url = scrub(&page.request.url, secrets);
        for (_, v) in page
            .request
            .headers
            .iter_mut()
            .chain(page.response.headers.iter_mut())
        {
            *v = scrub(v, secrets);
        }
    }
    if let Some(e) = &mut t.error {
        *e = scrub(e, secrets);
    }
}

fn scrub_value(v: &mut Value, secrets: &[String]) {
    match v {
        Value::String(s) => *s = scrub(s, secrets),
        Value::Array(items) => items.iter_mut().for_each(|x| scrub_value(x, secrets)),
        Value::Object(map) => map.values_mut().for_each(|x| scrub_value(x, secrets)),
        _ => {}
    }
}
