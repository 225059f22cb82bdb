import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './paths';

/** A real process of the repository's TypeScript (server/main.ts, scripts/cluster.ts) started by a test. */
export interface ChildServer {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  log(): string;
  /** Resolves with the first match of `pattern` in its output (or rejects when it exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` and resolves once it has exited (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` (one process, so a kill cannot orphan a tsx wrapper's child)
 * with `env` added to this process's environment, in a process group of its own: should it not
 * exit on `stop`, the whole group is killed, with whatever it started (room processes, redis-server).
 */
export function startChild(script: string, env: Record<string, string>): ChildServer {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  const watchers = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    log: () => output,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern} in:\n${output}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(output);
          if (match) done(null, match);
        };
        const onExit = (code: number | null) => done(new Error(`${script} exited with ${code}:\n${output}`));
        const done = (error: Error | null, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          watchers.delete(check);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(match as RegExpMatchArray);
        };
        watchers.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
