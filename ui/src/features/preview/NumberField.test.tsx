import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { NumberField } from './NumberField';

afterEach(cleanup);

function Harness({ seen }: { seen: number[] }) {
  const [n, setN] = useState(5);
  return (
    <NumberField
      label="Pages"
      min={1}
      max={100}
      value={n}
      onChange={(v) => {
        seen.push(v);
        setN(v);
      }}
    />
  );
}

describe('NumberField', () => {
  it('lets the field be cleared and retyped, and clamps what it reports', async () => {
    const user = userEvent.setup();
    const seen: number[] = [];
    render(<Harness seen={seen} />);
    const input = screen.getByRole('spinbutton', { name: 'Pages' }) as HTMLInputElement;
    await user.clear(input);
    expect(input.value).toBe('');
    await user.type(input, '3');
    expect(input.value).toBe('3');
    await user.type(input, '00');
    expect(seen).toEqual([3, 30, 100]);
    await user.tab();
    // Out of range: the field shows the clamped value once it loses focus.
    expect(input.value).toBe('100');
  });
});
