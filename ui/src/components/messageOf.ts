/** A readable message from whatever a host call rejected with (IpcError, Error, anything). */
export function messageOf(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
