// The client: where requests go, with which headers, auth and default paginator.
import { useClientBinder } from './binder';
import { AuthPicker } from './fields/AuthPicker';
import { KeyValueTable } from './fields/KeyValueTable';
import { PaginatorPicker } from './fields/PaginatorPicker';
import { TextField } from './fields/TextField';

export function ClientForm() {
  const binder = useClientBinder();
  return (
    <form className="resource-form" aria-label="Client" onSubmit={(e) => e.preventDefault()}>
      <section className="form-section">
        <h4>Client</h4>
        <TextField binder={binder} rel={['base_url']} label="Base URL" code keepEmpty placeholder="https://api.example.com/v1/" />
        <KeyValueTable binder={binder} rel={['headers']} label="Headers" />
        <AuthPicker binder={binder} rel={['auth']} />
        <PaginatorPicker binder={binder} rel={['paginator']} />
      </section>
    </form>
  );
}
