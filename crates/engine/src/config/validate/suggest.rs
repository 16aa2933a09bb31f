//! "Did you mean" suggestions for misspelt keys.

/// The candidate closest to `key`, if it is close enough to be a likely typo.
pub fn closest<'a>(key: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = key.to_ascii_lowercase();
    let budget = (lower.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| {
            let cand = c.to_ascii_lowercase();
            // A truncated key (`next_url` for `next_url_path`) is as likely a slip as a typo.
            let prefix = lower.len() >= 4 && cand.starts_with(&lower);
            let d = if prefix {
                1
            } else {
                strsim::osa_distance(&lower, &cand)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_not_strangers() {
        let keys = ["client", "resources", "resource_defaults"];
        assert_eq!(closest("resorces", keys), Some("resources"));
        assert_eq!(closest("Client", keys), Some("client"));
        assert_eq!(closest("zzz", keys), None);
        assert_eq!(
            closest("data_selctor", ["data", "data_selector"]),
            Some("data_selector")
        );
        assert_eq!(
            closest("next_url", ["next_url_path"]),
            Some("next_url_path")
        );
        assert_eq!(
            closest("paginatr", ["paginator", "path"]),
            Some("paginator")
        );
    }
}
