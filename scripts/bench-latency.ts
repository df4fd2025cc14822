/**
 * Benchmark (not a test): wire → DOM latency in browser mode.
 *
 *   npm run bench:latency          (needs the built renderer: npm run build:renderer)
 *
 * Starts `serve` on the demo PBX (manual mode), opens the UI in Debian's
 * Chromium, and makes 200 calls ring one after another. For each call it
 * takes the time the demo PBX sent the UDP event (sentAt, from the sim
 * control endpoint) and the time a MutationObserver in the page saw the
 * caller appear in the call list; both clocks are this machine's wall clock.
 * Prints p50 / p99 / max.
 */
import { chromium } from '@playwright/test';
import { formatNumber } from '../app/phone';
import { startConsoleServer } from '../e2e/harness';
import { CHROMIUM_ARGS } from '../playwright.config';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const server = await startConsoleServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('list', { name: 'PBX connections' }).getByText('Online').waitFor();
    // The observer notes when each awaited caller text first appears in the call list.
    await page.evaluate(() => {
      const w = window as unknown as { __pending: Set<string>; __seen: Record<string, number> };
      w.__pending = new Set();
      w.__seen = {};
      new MutationObserver(() => {
        if (w.__pending.size === 0) return;
        const list = document.querySelector('section[aria-labelledby=calls-heading]');
        const text = list?.textContent ?? '';
        for (const marker of w.__pending) {
          if (text.includes(marker)) {
            w.__seen[marker] = performance.timeOrigin + performance.now();
            w.__pending.delete(marker);
          }
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    const latencies: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const number = `+3725500${String(i).padStart(4, '0')}`;
      const marker = formatNumber(number, 'EE');
      await page.evaluate((m) => (window as unknown as { __pending: Set<string> }).__pending.add(m), marker);
      const { sentAt } = (await server.sim('incomingCall', { from: number })) as { sentAt: number };
      const seenAt = await page.waitForFunction((m) => (window as unknown as { __seen: Record<string, number> }).__seen[m], marker, {
        polling: 50,
        timeout: 10_000,
      });
      latencies.push((await seenAt.jsonValue()) - sentAt);
      await server.sim('remoteHangup', { number });
      await page.waitForFunction(
        (m) => !document.querySelector('section[aria-labelledby=calls-heading]')?.textContent?.includes(m),
        marker,
        {
          polling: 20,
        },
      );
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`Wire → DOM latency over ${CALLS} incoming calls (demo TelServer → UDP → core → WebSocket → React):`);
    console.log(
      `  p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   max ${sorted[sorted.length - 1].toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
