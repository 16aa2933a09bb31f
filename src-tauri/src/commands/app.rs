use serde::Serialize;

/// What the status bar shows. Field names are the wire names (`ui/src/host/types.ts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub engine_version: &'static str,
}

pub fn info() -> AppInfo {
    AppInfo {
        name: "Pipewright",
        version: env!("CARGO_PKG_VERSION"),
        // The engine shares the workspace version (it exports no version constant of its own).
        engine_version: env!("CARGO_PKG_VERSION"),
    }
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    info()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_info_has_the_wire_shape() {
        let json = serde_json::to_value(info()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "name": "Pipewright",
                "version": env!("CARGO_PKG_VERSION"),
                "engine_version": env!("CARGO_PKG_VERSION"),
            })
        );
    }
}
