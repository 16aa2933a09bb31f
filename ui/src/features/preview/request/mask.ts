// Header masking, the same rule as the engine's redact.rs: the trace is already redacted, this
// guards against a host that forgot.

const SENSITIVE = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key'];

export function isSensitiveHeader(name: string): boolean {
  const l = name.toLowerCase();
  return SENSITIVE.includes(l) || l.includes('token') || l.includes('secret') || l.includes('api-key') || l.includes('apikey');
}

export function maskHeader(name: string, value: string): string {
  if (!isSensitiveHeader(name) || value.includes('***')) return value;
  const [scheme, rest] = value.split(' ', 2);
  return rest !== undefined && scheme.length < 16 ? `${scheme} ***` : '***';
}
