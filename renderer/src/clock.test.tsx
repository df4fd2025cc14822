// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../app/testing/manual-clock';
import { ClockProvider, TICK_MS, useNow } from './clock';

afterEach(cleanup);

function Now({ stepMs }: { stepMs?: number }) {
  return <>{useNow(stepMs)}</>;
}

/** Renders <Now> on a ManualClock; counts the commits of the <Now> subtree. */
function renderNow(clock: ManualClock, stepMs?: number) {
  const commits = { count: 0 };
  const view = render(
    <ClockProvider clock={clock}>
      <Profiler id="now" onRender={() => void commits.count++}>
        <Now stepMs={stepMs} />
      </Profiler>
    </ClockProvider>,
  );
  return { ...view, commits };
}

describe('useNow', () => {
  it('reads the provided clock and follows it every second', async () => {
    const clock = new ManualClock(60_000);
    const { container } = renderNow(clock);
    expect(container.textContent).toBe('60000');
    await act(() => clock.advance(TICK_MS));
    expect(container.textContent).toBe('61000');
    await act(() => clock.advance(2_500));
    expect(container.textContent).toBe('63000');
  });

  it('ticks only while a component showing the time is mounted', async () => {
    const clock = new ManualClock();
    expect(clock.pendingTimers).toBe(0);
    const { unmount } = renderNow(clock);
    expect(clock.pendingTimers).toBe(1);
    await act(() => clock.advance(3 * TICK_MS));
    expect(clock.pendingTimers).toBe(1);
    unmount();
    expect(clock.pendingTimers).toBe(0);
  });

  it('with a coarser step, re-renders only when the rounded value changes', async () => {
    const clock = new ManualClock(0);
    const { container, commits } = renderNow(clock, 60_000);
    expect(container.textContent).toBe('0');
    const before = commits.count;
    await act(() => clock.advance(59_000));
    expect(container.textContent).toBe('0');
    expect(commits.count).toBe(before);
    await act(() => clock.advance(1_000));
    expect(container.textContent).toBe('60000');
    expect(commits.count).toBe(before + 1);
  });
});
