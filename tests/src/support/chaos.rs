//! Random-fault ("chaos") mode, deterministic for a seed: whether attempt `n` of a request key
//! fails, and how, is a pure function of (seed, key, n).

/// One kind of random fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChaosKind {
    /// 429 Too Many Requests (with `Retry-After` when the spec has one).
    TooManyRequests,
    /// 503 Service Unavailable.
    Unavailable,
    /// The connection is dropped in the middle of the body.
    Reset,
    /// The answer is delayed by `timeout_ms` (then served normally, if the client still waits).
    Timeout,
}

impl ChaosKind {
    /// All kinds, the default set.
    pub const ALL: [ChaosKind; 4] = [
        ChaosKind::TooManyRequests,
        ChaosKind::Unavailable,
        ChaosKind::Reset,
        ChaosKind::Timeout,
    ];

    fn parse(s: &str) -> Result<ChaosKind, String> {
        match s.trim() {
            "429" => Ok(ChaosKind::TooManyRequests),
            "503" => Ok(ChaosKind::Unavailable),
            "reset" => Ok(ChaosKind::Reset),
            "timeout" => Ok(ChaosKind::Timeout),
            other => Err(format!(
                "unknown chaos kind `{other}` (use 429, 503, reset, timeout)"
            )),
        }
    }

    /// The short name used in `chaos_kinds` and in the request log.
    pub fn name(self) -> &'static str {
        match self {
            ChaosKind::TooManyRequests => "429",
            ChaosKind::Unavailable => "503",
            ChaosKind::Reset => "reset",
            ChaosKind::Timeout => "timeout",
        }
    }
}

/// Random faults at `rate` (0.0 to 1.0), deterministic for `seed`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chaos {
    /// Seed of the decisions.
    pub seed: u64,
    /// Fraction of attempts that fail.
    pub rate: f64,
    /// Kinds to choose from (uniformly, by hash).
    pub kinds: Vec<ChaosKind>,
    /// Delay of a `timeout` fault, in milliseconds.
    pub timeout_ms: u64,
    /// At most this many consecutive faults for one request key, so a client that retries at
    /// least `max_consecutive + 1` times always gets through.
    pub max_consecutive: u32,
}

impl Chaos {
    /// Chaos with the default kinds (all), a 2 s timeout delay and at most 2 consecutive faults.
    pub fn new(seed: u64, rate: f64) -> Self {
        Self {
            seed,
            rate,
            kinds: ChaosKind::ALL.to_vec(),
            timeout_ms: 2000,
            max_consecutive: 2,
        }
    }

    /// Parse `chaos_seed` and `chaos_rate` (both required to enable chaos) and the optional
    /// `chaos_kinds` (comma-separated), `chaos_timeout_ms`, `chaos_max_consecutive`.
    pub fn from_query(pairs: &[(String, String)]) -> Result<Option<Chaos>, String> {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let (Some(seed), Some(rate)) = (get("chaos_seed"), get("chaos_rate")) else {
            return match get("chaos_seed").or(get("chaos_rate")) {
                Some(_) => Err("chaos needs both `chaos_seed` and `chaos_rate`".into()),
                None => Ok(None),
            };
        };
        let rate: f64 = super::faults::number("chaos_rate", rate)?;
        if !(0.0..=1.0).contains(&rate) {
            return Err(format!("`chaos_rate` must be between 0 and 1, got {rate}"));
        }
        let mut chaos = Chaos::new(super::faults::number("chaos_seed", seed)?, rate);
        if let Some(kinds) = get("chaos_kinds") {
            chaos.kinds = kinds
                .split(',')
                .map(ChaosKind::parse)
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = get("chaos_timeout_ms") {
            chaos.timeout_ms = super::faults::number("chaos_timeout_ms", v)?;
        }
        if let Some(v) = get("chaos_max_consecutive") {
            chaos.max_consecutive = super::faults::number("chaos_max_consecutive", v)?;
        }
        Ok(Some(chaos))
    }

    /// The fault for attempt `attempt` (1-based) of `key`, given how many attempts in a row
    /// for that key already failed.
    pub fn decide(&self, key: &str, attempt: u64, consecutive: u32) -> Option<ChaosKind> {
        if self.kinds.is_empty() || consecutive >= self.max_consecutive {
            return None;
        }
        let h = hash(self.seed, key, attempt);
        // Top 53 bits as a uniform fraction in [0, 1).
        let fraction = (h >> 11) as f64 / (1u64 << 53) as f64;
        if fraction >= self.rate {
            return None;
        }
        let n = u64::try_from(self.kinds.len()).unwrap_or(1);
        let i = usize::try_from(splitmix(h) % n).unwrap_or(0);
        self.kinds.get(i).copied()
    }
}

/// FNV-1a over the key and attempt, finished with splitmix64 for good bit mixing.
pub fn hash(seed: u64, key: &str, attempt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ splitmix(seed);
    for b in key.bytes().chain(attempt.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    splitmix(h)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_close_to_rate() {
        let chaos = Chaos::new(42, 0.3);
        let picks: Vec<_> = (0..1000)
            .map(|i| chaos.decide(&format!("GET /p?{i}"), 1, 0))
            .collect();
        let again: Vec<_> = (0..1000)
            .map(|i| chaos.decide(&format!("GET /p?{i}"), 1, 0))
            .collect();
        assert_eq!(picks, again);
        let faults = picks.iter().filter(|p| p.is_some()).count();
        assert!((220..380).contains(&faults), "{faults}");
        assert_eq!(chaos.decide("k", 1, 2), None);
        assert_ne!(
            picks,
            (0..1000)
                .map(|i| Chaos::new(7, 0.3).decide(&format!("GET /p?{i}"), 1, 0))
                .collect::<Vec<_>>()
        );
    }
}
