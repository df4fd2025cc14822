// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { ClockProvider } from '../clock';
import { CallDuration } from './CallDuration';

const T = new Date('2025-03-03T10:00:00Z').getTime();

afterEach(cleanup);

function renderDuration(call: { startedAt: number; connectedAt?: number }) {
  const clock = new ManualClock(T);
  const view = render(
    <ClockProvider clock={clock}>
      <CallDuration call={call} />
    </ClockProvider>,
  );
  return { ...view, clock };
}

describe('call duration', () => {
  it('counts the waiting time from startedAt every second until connected', async () => {
    const { container, clock } = renderDuration({ startedAt: T - 5_000 });
    expect(container.textContent).toBe('Waiting time 0:05');
    await act(() => clock.advance(2_000));
    expect(container.textContent).toBe('Waiting time 0:07');
  });

  it('counts talk time from connectedAt, with hours past the hour', () => {
    const { container } = renderDuration({ startedAt: T - 4_000_000, connectedAt: T - 3_725_000 });
    expect(container.textContent).toBe('Talk time 1:02:05');
  });
});
