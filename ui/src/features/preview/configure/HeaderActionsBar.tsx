// Click-to-configure: the actions for the response header picked in the headers table.
import { useSource } from '../../sources/state';
import { ActionButtons } from './ActionButtons';
import { headerActions } from './headerActions';

export interface HeaderActionsBarProps {
  resource: string;
  header: { name: string; value: string };
  pageSize: number;
}

export function HeaderActionsBar({ resource, header, pageSize }: HeaderActionsBarProps) {
  const { document } = useSource();
  if (!document) return null;
  const { actions, note } = headerActions({ doc: document, resource, name: header.name, value: header.value, pageSize });
  return (
    <div className="header-actions">
      <div className="actions-bar" role="group" aria-label="Configure from header">
        <code>{header.name}</code>
        <ActionButtons actions={actions} empty="nothing to configure from this header" />
      </div>
      {note && (
        <p className="muted header-note" data-testid="header-note">
          {note}
        </p>
      )}
    </div>
  );
}
