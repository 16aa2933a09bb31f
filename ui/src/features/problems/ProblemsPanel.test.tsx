import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../App';
import { HostProvider } from '../../host';
import { createTestHost, GITHUB_DOC, installDomStubs, jsonFile } from '../../test/fakeHost';
import { renderDesigner } from '../../test/renderDesigner';
import { useSource } from '../sources/state';
import { ProblemsPanel } from './ProblemsPanel';
import { VALIDATE_DEBOUNCE_MS } from './ProblemsProvider';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeAll(installDomStubs);

function Typist() {
  const { document, edit } = useSource();
  return (
    <button type="button" onClick={() => edit({ ...document, n: Number(document?.n ?? 0) + 1 })}>
      type
    </button>
  );
}

describe('validation', () => {
  it('asks the host once typing pauses, not on every keystroke', async () => {
    vi.useFakeTimers();
    const file = jsonFile('/s/github.json', GITHUB_DOC);
    const host = createTestHost([file]);
    renderDesigner(host, file, <Typist />);
    const count = () => host.calls.filter((c) => c.method === 'validate').length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS + 10);
    });
    expect(count()).toBe(1);
    for (let i = 0; i < 5; i += 1) {
      act(() => screen.getByRole('button', { name: 'type' }).click());
      await act(async () => {
        await vi.advanceTimersByTimeAsync(100);
      });
    }
    expect(count()).toBe(1);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS);
    });
    expect(count()).toBe(2);
    expect((host.calls.at(-1)?.args[0] as { n: number }).n).toBe(5);
  });

  it('lists the problems with their paths', async () => {
    const file = jsonFile('/s/github.json', GITHUB_DOC);
    const host = createTestHost([file]);
    host.problemsFor = () => [{ path: 'client.base_url', message: 'must end with /', severity: 'warning' }];
    renderDesigner(host, file, <ProblemsPanel />);
    expect(await screen.findByText('must end with /')).toBeTruthy();
    expect(screen.getByText('client.base_url')).toBeTruthy();
    expect(screen.getByText(/0 errors, 1 warning/)).toBeTruthy();
  });
});

describe('clicking a problem', () => {
  it('selects the resource and focuses and highlights the field', async () => {
    const user = userEvent.setup();
    const doc = {
      ...GITHUB_DOC,
      resources: [...(GITHUB_DOC.resources as unknown[]), { name: 'events', endpoint: { path: 'events' }, processing_steps: [{ filter: 'select(.x <' }] }],
    };
    const host = createTestHost([jsonFile('/s/github.json', doc)]);
    render(
      <HostProvider host={host}>
        <App />
      </HostProvider>,
    );
    await user.click(await screen.findByRole('button', { name: /github/ }));
    await screen.findByRole('form', { name: 'Resource issues' });
    const problem = await screen.findByRole('button', { name: /resources\[2\]\.processing_steps\[0\]\.filter/ });
    await user.click(problem);
    expect(await screen.findByRole('form', { name: 'Resource events' })).toBeTruthy();
    const field = screen.getByLabelText('Step 1 filter');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.closest('[data-path]')?.getAttribute('data-highlighted')).toBe('true');
  });

  it('goes to the client section for a client problem', async () => {
    const user = userEvent.setup();
    const host = createTestHost([jsonFile('/s/github.json', GITHUB_DOC)]);
    host.problemsFor = () => [{ path: 'client.base_url', message: 'bad url', severity: 'error' }];
    render(
      <HostProvider host={host}>
        <App />
      </HostProvider>,
    );
    await user.click(await screen.findByRole('button', { name: /github/ }));
    await user.click(await screen.findByRole('button', { name: /client\.base_url/ }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Base URL')));
    expect(screen.getByRole('tab', { name: 'Client' }).getAttribute('aria-selected')).toBe('true');
  });
});
