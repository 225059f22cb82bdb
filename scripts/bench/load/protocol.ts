/** What the load runner tells a worker process (EMOTONE_LOAD_PLAN, JSON). */
export interface WorkerPlan {
  endpoint: string;
  /** Index of this worker's first client over the whole run (spaces are `load-<index / spaceSize>`). */
  firstClient: number;
  clients: number;
  spaceSize: number;
}

/** Runner → worker. */
export type LoadCommand = { type: 'start' } | { type: 'stop' };

/** Worker → runner. */
export type LoadReport =
  | { type: 'ready'; joined: number; errors: number }
  | { type: 'result'; latencies: number[]; errors: number; joined: number };
