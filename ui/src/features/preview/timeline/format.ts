export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A paginator position (next URL, cursor, offset or page number) as a short text. */
export function formatPosition(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The longest directory (ending in `/`) that every URL starts with, past the origin; '' if none.
 * The timeline shows URLs relative to it so that what differs between pages stays visible. */
export function commonBase(urls: readonly string[]): string {
  if (urls.length === 0) return '';
  let prefix = urls[0];
  for (const u of urls) {
    let i = 0;
    while (i < prefix.length && i < u.length && prefix[i] === u[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const cut = prefix.lastIndexOf('/');
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i.exec(urls[0])?.[0] ?? '';
  return origin && cut + 1 >= origin.length ? prefix.slice(0, cut + 1) : '';
}
