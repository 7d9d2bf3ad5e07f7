import { z } from 'zod';

// API bodies and records for issue #11 (stream): operations endpoints.

/** One dependency a process needs before it takes traffic or work. */
export const serviceCheckSchema = z.object({ ok: z.boolean(), detail: z.string().optional() });

/** `GET /api/ready`: 200 when every check passes, 503 otherwise (also while shutting down). */
export const serviceReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  role: z.enum(['api', 'worker', 'all']),
  checks: z.record(z.string(), serviceCheckSchema),
});
export type ServiceReady = z.infer<typeof serviceReadySchema>;
