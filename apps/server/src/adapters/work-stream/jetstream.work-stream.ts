import { sql } from 'kysely';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import {
  deleteJobs,
  insertDeadLetter,
  insertReceipt,
  lockOutboxJobs,
  pruneReceipts,
  readOutboxStats,
} from '../../repositories/stream.repository.ts';
import { wakeableSleep, type JobNotifications } from './job-notifications.ts';
import { runJobOnce } from './run-once.ts';
import {
  errorMessage,
  newWorkerCounters,
  retryDelaySeconds,
  Slots,
  type Readiness,
  type WorkStream,
  type WorkStreamDependencies,
  type WorkStreamStats,
} from './work-stream.ts';

export interface JetStreamWorkStreamOptions extends WorkStreamDependencies {
  servers: readonly string[];
  /** JetStream stream name; its subjects are `<name lower-cased>.jobs.<job name>`. */
  stream: string;
  /** Name of the connection as NATS monitoring shows it. */
  connectionName?: string;
  /** Publish outbox rows to the stream from this process (default true). */
  relay?: boolean;
  /** Consume and handle jobs in this process (default true). */
  consume?: boolean;
  /** How long a delivery may go unacknowledged before NATS hands it to another worker (default 30 s). */
  ackWaitMillis?: number;
  /** Outbox rows published per relay transaction (default 200). */
  relayBatch?: number;
  /** Relay poll interval when the outbox is empty (default 100 ms). */
  relayIdleMillis?: number;
  /** Wakes the idle relay when jobs are committed (PostgreSQL server); closed by `stop()`. */
  notifications?: JobNotifications;
  /** Deliveries handed out and not yet acknowledged, across every worker (default 1,000). */
  maxAckPending?: number;
  /** Stream size limit; when full, publishing waits and the outbox holds the rest (default 1 GiB). */
  maxBytes?: number;
  /** Receipts are kept this long, far beyond any redelivery (default 3 days). */
  receiptRetentionMillis?: number;
}

export const JETSTREAM_CONSUMER = 'ombud-workers';

interface StreamMessage {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

/** The subject tree of a stream: `<name lower-cased>.jobs`. */
export const jobSubjectRoot = (stream: string): string => `${stream.toLowerCase()}.jobs`;

/**
 * The distributed work stream. A relay (in every process that runs it) moves outbox rows to
 * JetStream: it locks a batch (SKIP LOCKED), publishes each with `Nats-Msg-Id: job-<id>` (the
 * stream drops re-publications inside its duplicate window), and deletes the rows before it
 * commits. Workers pull from one durable consumer with explicit acks; a delivery that is not
 * acknowledged within the ack wait goes to another worker. Each delivery runs in a transaction
 * with its receipt, so a redelivery that slips through changes nothing.
 */
export async function openJetStreamWorkStream(options: JetStreamWorkStreamOptions): Promise<WorkStream> {
  const { db, handlers, log, now } = options;
  const requestedAckWaitMillis = options.ackWaitMillis ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const relayBatch = options.relayBatch ?? 200;
  const relayIdleMillis = options.relayIdleMillis ?? 100;
  const receiptRetentionMillis = options.receiptRetentionMillis ?? 3 * 24 * 3600 * 1000;
  const subjectRoot = jobSubjectRoot(options.stream);
  const counters = newWorkerCounters();
  const slots = new Slots(options.concurrency);

  const nc: NatsConnection = await connect({
    servers: [...options.servers],
    name: options.connectionName ?? 'ombud',
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  });
  const jsm: JetStreamManager = await nc.jetstreamManager();
  await ensureStream(jsm, options, subjectRoot, requestedAckWaitMillis);
  // The consumer may have been created by another process with another ack wait: heartbeats follow it.
  const ackWaitNanos = (await jsm.consumers.info(options.stream, JETSTREAM_CONSUMER)).config.ack_wait;
  const ackWaitMillis = ackWaitNanos ? ackWaitNanos / 1e6 : requestedAckWaitMillis;
  const js: JetStreamClient = nc.jetstream();
  let consumer: Consumer | undefined;
  const getConsumer = async () => (consumer ??= await js.consumers.get(options.stream, JETSTREAM_CONSUMER));

  let running = false;
  const loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();
  const sleep = (millis: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, millis);
      sleepers.add(wake);
    });

  // ---- relay: outbox rows → JetStream --------------------------------------------------------
  const relayIdle = wakeableSleep();
  const unsubscribe = options.notifications?.subscribe(() => relayIdle.wake());
  let lastPrune = 0;
  const relayOnce = async (): Promise<number> => {
    const published = await db.transaction().execute(async (trx) => {
      const jobs = await lockOutboxJobs(trx, relayBatch);
      if (jobs.length === 0) return 0;
      await Promise.all(
        jobs.map((job) =>
          js.publish(`${subjectRoot}.${job.name}`, JSON.stringify(job satisfies StreamMessage), {
            msgID: `job-${job.id}`,
            timeout: 10_000,
          }),
        ),
      );
      // Committed only after every publication was acknowledged by the stream.
      await deleteJobs(
        trx,
        jobs.map((job) => job.id),
      );
      return jobs.length;
    });
    counters.published += published;
    if (Date.now() - lastPrune > 10 * 60_000) {
      lastPrune = Date.now();
      await pruneReceipts(db, new Date(now().getTime() - receiptRetentionMillis));
    }
    return published;
  };

  const relayLoop = async () => {
    let backoff = 250;
    while (running) {
      try {
        // Jobs announced before this look are seen by it; a later notification ends the sleep.
        relayIdle.clear();
        const published = await relayOnce();
        backoff = 250;
        if (published < relayBatch && running) await relayIdle.sleep(relayIdleMillis);
      } catch (error) {
        log.warn({ error: errorMessage(error), retryInMillis: backoff }, 'outbox relay failed; retrying');
        await sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      }
    }
  };

  // ---- consumer: JetStream → handlers ---------------------------------------------------------
  const handle = async (message: JsMsg): Promise<void> => {
    counters.inFlight += 1;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    // Long jobs tell the stream they are alive, so it does not hand them to another worker.
    const heartbeat = setInterval(() => message.working(), Math.max(1000, ackWaitMillis / 3));
    let job: StreamMessage | undefined;
    try {
      job = parseMessage(message);
      const key = `job-${job.id}`;
      const name = job.name;
      const outcome = await runJobOnce(db, handlers, job, (trx) => insertReceipt(trx, key, name), now);
      if (outcome === 'duplicate') counters.duplicates += 1;
      else counters.processed += 1;
      clearInterval(heartbeat);
      // If the acknowledgement is lost, the redelivery finds the receipt and changes nothing.
      await message
        .ackAck({ timeout: 5000 })
        .catch((error: unknown) => log.warn({ error: errorMessage(error) }, 'acknowledgement not confirmed'));
    } catch (error) {
      clearInterval(heartbeat);
      counters.failures += 1;
      const attempts = message.info.deliveryCount;
      const giveUp = job === undefined || attempts >= maxAttempts;
      log.warn({ job: job?.name, id: job?.id, attempts, giveUp, error: errorMessage(error) }, 'job failed');
      if (!giveUp) {
        message.nak(retryDelaySeconds(attempts) * 1000);
        return;
      }
      try {
        await insertDeadLetter(db, {
          name: job?.name ?? 'invalid',
          payload: job?.payload ?? { raw: message.string().slice(0, 2000) },
          attempts,
          error: errorMessage(error),
        });
        counters.deadLettered += 1;
        message.term();
      } catch (failure) {
        // The dead letter could not be written: keep the message and try again later.
        log.warn({ error: errorMessage(failure) }, 'could not set the failed job aside; retrying');
        message.nak(retryDelaySeconds(attempts) * 1000);
      }
    } finally {
      clearInterval(heartbeat);
      counters.inFlight -= 1;
    }
  };

  /** Fetches as many deliveries as there are free slots and starts them; returns how many came. */
  const fetchAndStart = async (expiresMillis: number): Promise<number> => {
    await slots.acquire();
    const wanted = slots.free + 1;
    slots.release();
    const batch = await (await getConsumer()).fetch({ max_messages: wanted, expires: expiresMillis });
    let received = 0;
    for await (const message of batch) {
      received += 1;
      await slots.acquire();
      void handle(message).finally(() => slots.release());
    }
    return received;
  };

  const consumeLoop = async () => {
    let backoff = 250;
    while (running) {
      try {
        await fetchAndStart(1000);
        backoff = 250;
      } catch (error) {
        log.warn({ error: errorMessage(error), retryInMillis: backoff }, 'fetching from the stream failed');
        await sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      }
    }
  };

  return {
    kind: 'jetstream',
    start() {
      if (running) return;
      running = true;
      if (options.relay !== false) loops.push(relayLoop());
      if (options.consume !== false) loops.push(consumeLoop());
    },
    async drain() {
      const before = counters.processed;
      for (;;) {
        const relayed = options.relay === false ? 0 : await relayOnce();
        const received = await fetchAndStart(1000);
        if (relayed === 0 && received === 0) {
          await slots.idle();
          const info = await jsm.consumers.info(options.stream, JETSTREAM_CONSUMER);
          const outbox = await readOutboxStats(db);
          if (info.num_pending === 0 && info.num_ack_pending === 0 && outbox.pending === 0) break;
        }
      }
      await slots.idle();
      return counters.processed - before;
    },
    async stop() {
      running = false;
      for (const wake of [...sleepers]) wake();
      relayIdle.wake();
      await Promise.all(loops);
      await slots.idle();
      unsubscribe?.();
      await options.notifications?.close();
      // Drain flushes the last acknowledgements before closing.
      await nc.drain().catch(() => nc.close());
    },
    async stats(): Promise<WorkStreamStats> {
      const outbox = await readOutboxStats(db);
      const info = await jsm.consumers.info(options.stream, JETSTREAM_CONSUMER);
      const stream = await jsm.streams.info(options.stream);
      const firstMillis = stream.state.messages > 0 ? Date.parse(stream.state.first_ts) : Number.NaN;
      const streamLag = Number.isFinite(firstMillis)
        ? Math.max(0, (now().getTime() - firstMillis) / 1000)
        : 0;
      return {
        kind: 'jetstream',
        outboxPending: outbox.pending,
        outboxDelayed: outbox.delayed,
        streamPending: info.num_pending,
        inFlight: info.num_ack_pending,
        lagSeconds: Math.max(outbox.oldestPendingSeconds, streamLag),
        failed: outbox.failed,
        redelivered: info.num_redelivered,
      };
    },
    counters: () => ({ ...counters, inFlight: slots.inUse }),
    async readiness(): Promise<Readiness> {
      const checks: Readiness['checks'] = {};
      try {
        await sql`SELECT 1`.execute(db);
        checks['database'] = { ok: true };
      } catch (error) {
        checks['database'] = { ok: false, detail: errorMessage(error) };
      }
      try {
        if (nc.isClosed()) throw new Error('connection closed');
        await withTimeout(nc.rtt(), 2000, 'no answer from NATS within 2 s');
        checks['nats'] = { ok: true };
      } catch (error) {
        checks['nats'] = { ok: false, detail: errorMessage(error) };
      }
      return { ready: Object.values(checks).every((check) => check.ok), checks };
    },
  };
}

/** Creates the stream and the durable consumer when missing; several workers may race to do it. */
async function ensureStream(
  jsm: JetStreamManager,
  options: JetStreamWorkStreamOptions,
  subjectRoot: string,
  ackWaitMillis: number,
): Promise<void> {
  try {
    await jsm.streams.info(options.stream);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add({
      name: options.stream,
      subjects: [`${subjectRoot}.>`],
      // Work queue: a message is removed once acknowledged.
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.New,
      max_bytes: options.maxBytes ?? 1024 ** 3,
      duplicate_window: nanos(120_000),
      num_replicas: 1,
    });
  }
  try {
    await jsm.consumers.info(options.stream, JETSTREAM_CONSUMER);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(options.stream, {
      durable_name: JETSTREAM_CONSUMER,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(ackWaitMillis),
      // Unlimited on the server: the worker decides when a job has failed too often and sets it aside.
      max_deliver: -1,
      max_ack_pending: options.maxAckPending ?? 1000,
    });
  }
}

const isNotFound = (error: unknown): boolean => /not found/i.test(errorMessage(error));

function parseMessage(message: JsMsg): StreamMessage {
  const value: unknown = JSON.parse(message.string());
  if (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'name' in value &&
    typeof value.name === 'string' &&
    'payload' in value &&
    typeof value.payload === 'object' &&
    value.payload !== null
  ) {
    return { id: value.id, name: value.name, payload: value.payload as Record<string, unknown> };
  }
  throw new Error(`message ${message.seq} is not a job (expected {id, name, payload})`);
}

function withTimeout<T>(promise: Promise<T>, millis: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), millis);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
