import type { StopReason } from '../../../host';
import { STOP_REASONS } from './stopReasons';

export function StopBadge({ reason }: { reason: StopReason }) {
  const info = STOP_REASONS[reason] ?? { label: reason, explain: '', tone: 'warn' as const };
  return (
    <span className={`badge badge-${info.tone}`} data-testid="stop-badge" title={info.explain}>
      stopped: {info.label}
    </span>
  );
}
