// GET /api/status: the work queue as the server sees it — jobs by state and documents stored in
// the last minute — when VIGIE_REDIS_URL names one; `{queue: null}` when documents are extracted
// in place. Redis is asked with a deadline: a status page must answer even when Redis does not.
import type { FastifyPluginAsync } from 'fastify';
import type { QueueConfig, QueueCounts } from '../queue/queue.js';

export interface QueueStatus extends QueueCounts {
  name: string;
  /** Documents workers stored (new or updated) in the last 60 s, and the same per second. */
  storedLastMinute: number;
  perSecond: number;
}

/** How long /api/status waits for Redis before answering 503. */
const REDIS_DEADLINE_MS = 2000;

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** What /api/status says of itself in the OpenAPI document. */
const STATUS_SCHEMA = {
  tags: ['service'],
  summary: 'The work queue: jobs by state and documents stored in the last minute',
  description: 'With VIGIE_REDIS_URL: the BullMQ queue that ingest and watch fill and vigie worker drains; otherwise {queue: null}.',
  response: {
    200: { description: 'the queue (or null without one)', type: 'object', properties: { queue: { type: ['object', 'null'], additionalProperties: true } } },
    503: { description: 'Redis did not answer within 2 s', type: 'object', properties: { queue: { type: 'object', additionalProperties: true } } },
  },
} as const;

/** `config` defaults to the environment's (queueConfig()); null: no queue. */
export function statusPlugin(config?: QueueConfig | null): FastifyPluginAsync {
  return async (app) => {
    // bullmq is loaded only when there is a queue to show.
    const wanted = config === undefined ? Boolean(process.env.VIGIE_REDIS_URL?.trim()) : config !== null;
    const q = wanted ? await import('../queue/queue.js') : null;
    const cfg = q && (config === undefined ? q.queueConfig() : config);
    if (!q || !cfg) {
      app.get('/api/status', { schema: STATUS_SCHEMA }, async () => ({ queue: null }));
      return;
    }
    const queue = new q.DocumentQueue(cfg);
    const counter = q.redisConnection(cfg.url);
    // A Redis that is down must not flood the server's log: the route says so instead.
    counter.on('error', () => {});
    queue.queue.on('error', () => {});
    app.addHook('onClose', async () => {
      await queue.close();
      counter.disconnect();
    });
    app.get('/api/status', { schema: STATUS_SCHEMA }, async (_req, reply) => {
      try {
        const [counts, stored] = await withDeadline(Promise.all([q.queueCounts(queue.queue), q.storedSince(counter, cfg)]), REDIS_DEADLINE_MS);
        const status: QueueStatus = { name: cfg.name, ...counts, storedLastMinute: stored, perSecond: Math.round((stored / 60) * 100) / 100 };
        return { queue: status };
      } catch (e) {
        return reply.code(503).send({ queue: { name: cfg.name, error: `queue unreachable: ${(e as Error).message}` } });
      }
    });
  };
}
