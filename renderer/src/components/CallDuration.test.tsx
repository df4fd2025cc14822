// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallDuration } from './CallDuration';

const T = new Date('2025-03-03T10:00:00Z').getTime();

beforeEach(() => vi.useFakeTimers({ now: T }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('call duration', () => {
  it('counts the waiting time from startedAt every second until connected', () => {
    const { container } = render(<CallDuration call={{ startedAt: T - 5_000 }} />);
    expect(container.textContent).toBe('Waiting time 0:05');
    act(() => vi.advanceTimersByTime(2_000));
    expect(container.textContent).toBe('Waiting time 0:07');
  });

  it('counts talk time from connectedAt, with hours past the hour', () => {
    const { container } = render(<CallDuration call={{ startedAt: T - 4_000_000, connectedAt: T - 3_725_000 }} />);
    expect(container.textContent).toBe('Talk time 1:02:05');
  });
});
