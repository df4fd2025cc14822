import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../testing/memory-logger';
import { writeConfigFile } from './config-file';
import { CONNECTORS } from './vendors';

// Records whether the demo PBX's module was loaded at all (a static import would load it with bootstrap itself).
const simLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../sim', async (importOriginal) => {
  simLoads.count += 1;
  return importOriginal();
});

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bootstrap-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createRuntime', () => {
  it('loads the demo PBX only for the demo, never on a configured PBX', async () => {
    const { createRuntime } = await import('./bootstrap');
    const dir = tempDir();
    const configPath = path.join(dir, 'console.json');
    await writeConfigFile(configPath, { defaultCountry: 'EE', connections: [] }, CONNECTORS.vendors);

    const configured = await createRuntime({ configPath, settingsDir: dir, log: memoryLogger() });
    await configured.stop();
    expect(simLoads.count).toBe(0);

    const demo = await createRuntime({ demo: 'telserver', demoMode: 'manual', settingsDir: tempDir(), log: memoryLogger() });
    expect(demo.simControl).toBeDefined();
    await demo.stop();
    expect(simLoads.count).toBe(1);
  });
});
