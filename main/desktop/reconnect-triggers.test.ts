import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { msg } from '../../app/i18n/message';
import { ManualClock } from '../../app/testing/manual-clock';
import { watchForReconnect } from './reconnect-triggers';

describe('reconnect triggers', () => {
  it('reconnects everything on resume and when the network comes back, and stops when disposed', async () => {
    const power = new EventEmitter();
    const clock = new ManualClock();
    let online = true;
    const reconnectAll = vi.fn();
    const stop = watchForReconnect({ reconnectAll, power, isOnline: () => online, clock, pollMs: 1000 });

    power.emit('resume');
    expect(reconnectAll).toHaveBeenCalledWith(msg('desktop.reconnect.resume'));

    online = false;
    await clock.advance(1000);
    expect(reconnectAll).toHaveBeenCalledTimes(1);
    online = true;
    await clock.advance(1000);
    expect(reconnectAll).toHaveBeenLastCalledWith(msg('desktop.reconnect.network'));
    await clock.advance(5000);
    expect(reconnectAll).toHaveBeenCalledTimes(2);

    stop();
    power.emit('resume');
    online = false;
    await clock.advance(1000);
    online = true;
    await clock.advance(1000);
    expect(reconnectAll).toHaveBeenCalledTimes(2);
  });
});
