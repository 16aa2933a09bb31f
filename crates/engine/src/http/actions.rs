//! `response_actions`: rules applied to every response in order (dlt-behaviour §9.1), plus our
//! jq `condition` extension.

use serde_json::Value;

use crate::config::{ResponseAction, ResponseActionKind};
use crate::jq::{compile, JqFilter};

/// A compiled rule.
#[derive(Debug)]
pub struct ActionRule {
    status_code: Option<u16>,
    content: Option<String>,
    condition: Option<JqFilter>,
    action: ResponseActionKind,
}

/// Compiles the rules of an endpoint.
pub fn compile_rules(actions: &[ResponseAction]) -> Result<Vec<ActionRule>, String> {
    actions
        .iter()
        .map(|a| {
            Ok(ActionRule {
                status_code: a.status_code,
                content: a.content.clone(),
                condition: a.condition.as_deref().map(compile).transpose()?,
                action: a.action,
            })
        })
        .collect()
}

/// The action of the first rule that matches, if any. A rule matches when every condition it
/// has holds; a rule with none never matches.
pub fn decide(
    rules: &[ActionRule],
    status: u16,
    body: &str,
    json: Option<&Value>,
) -> Option<ResponseActionKind> {
    rules.iter().find_map(|r| {
        if r.status_code.is_none() && r.content.is_none() && r.condition.is_none() {
            return None;
        }
        let status_ok = r.status_code.is_none_or(|s| s == status);
        let content_ok = r.content.as_deref().is_none_or(|c| body.contains(c));
        let condition_ok = r.condition.as_ref().is_none_or(|f| {
            json.and_then(|j| f.run(j).ok())
                .and_then(|out| out.into_iter().next())
                .is_some_and(|v| !matches!(v, Value::Null | Value::Bool(false)))
        });
        (status_ok && content_ok && condition_ok).then_some(r.action)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(v: Value) -> Vec<ActionRule> {
        compile_rules(&serde_json::from_value::<Vec<ResponseAction>>(v).unwrap()).unwrap()
    }

    #[test]
    fn matches_status_content_and_condition_in_order() {
        let r = rules(json!([
            {"status_code": 404, "action": "ignore"},
            {"content": "Not found", "action": "ignore"},
            {"status_code": 200, "condition": ".status == \"error\"", "action": "retry"},
            {"action": "ignore"}
        ]));
        assert_eq!(decide(&r, 404, "", None), Some(ResponseActionKind::Ignore));
        assert_eq!(
            decide(&r, 500, "Item Not found", None),
            Some(ResponseActionKind::Ignore)
        );
        let err = json!({"status": "error"});
        assert_eq!(
            decide(&r, 200, "", Some(&err)),
            Some(ResponseActionKind::Retry)
        );
        assert_eq!(decide(&r, 200, "", Some(&json!({"status": "ok"}))), None);
        assert_eq!(decide(&r, 201, "", None), None);
    }
}
