// What was sent for one page, with secrets masked; "Copy as curl" puts references, not values.
import { useState } from 'react';
import type { RequestTrace } from '../../../host';
import { useSource } from '../../sources/state';
import { curlCommand } from './curl';
import { HeadersTable } from './HeadersTable';

function bodyText(body: RequestTrace['body']): string | null {
  switch (body.kind) {
    case 'none':
      return null;
    case 'json':
      return JSON.stringify(body.value, null, 2);
    case 'form':
      return body.value.map(([k, v]) => `${k}=${v}`).join('\n');
    case 'raw':
      return body.value;
  }
}

export function RequestView({ request, resource }: { request: RequestTrace; resource: string }) {
  const { document, file } = useSource();
  const [copied, setCopied] = useState<string | null>(null);
  const curl = curlCommand(request, document ?? {}, resource, file?.name ?? 'source');
  const body = bodyText(request.body);

  async function copy() {
    try {
      await navigator.clipboard.writeText(curl);
      setCopied('Copied');
    } catch {
      setCopied('Clipboard unavailable: select the command below');
    }
  }

  return (
    <section aria-label="Request" className="card">
      <p className="mono request-line">
        <strong>{request.method}</strong> {request.url}
      </p>
      <HeadersTable headers={request.headers} label="Request headers" />
      {body !== null && <pre className="code">{body}</pre>}
      <div className="row">
        <button type="button" onClick={copy}>
          Copy as curl
        </button>
        {copied && <span className="muted">{copied}</span>}
      </div>
      <details>
        <summary>curl command</summary>
        <pre className="code" data-testid="curl">{curl}</pre>
      </details>
    </section>
  );
}
