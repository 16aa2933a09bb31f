// The fake host's app window: close guards registered by the UI, and a simulated close (what
// the window's close button does in Tauri) for browser tests. One window per page.
const guards = new Set<() => Promise<boolean>>();

export function addCloseGuard(confirm: () => Promise<boolean>): () => void {
  guards.add(confirm);
  return () => {
    guards.delete(confirm);
  };
}

/** Resolves true when every guard lets the window close (the fake window then "closes":
 * nothing happens, the test reads the answer). */
export async function requestFakeClose(): Promise<boolean> {
  for (const g of [...guards]) if (!(await g())) return false;
  return true;
}
