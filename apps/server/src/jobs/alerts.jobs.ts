import { z } from 'zod';
import { outsideTransaction, type JobHandler } from './job-registry.ts';
import { escalateAlertIfDue, processAlertDelivery } from '../services/alert-delivery.service.ts';

const deliveryPayload = z.object({ deliveryId: z.uuid() });
const escalationPayload = z.object({ alertId: z.uuid() });

/** Handlers for the alert jobs; each reloads what its payload names and is safe to run twice. */
export function createAlertJobHandlers(): Record<'alert.deliver' | 'alert.escalate', JobHandler> {
  return {
    // Claims the delivery row before sending and records the outcome itself: sent at most once per claim.
    'alert.deliver': outsideTransaction(async (payload, context) => {
      const { deliveryId } = deliveryPayload.parse(payload);
      const outcome = await processAlertDelivery(context.db, deliveryId, context.now());
      return outcome === 'skipped' ? 'skipped' : 'done';
    }),
    'alert.escalate': async (payload, context) => {
      const { alertId } = escalationPayload.parse(payload);
      const escalated = await escalateAlertIfDue(context.db, alertId, context.now(), {
        scheduleFollowUp: true,
      });
      return escalated > 0 ? 'done' : 'skipped';
    },
  };
}
