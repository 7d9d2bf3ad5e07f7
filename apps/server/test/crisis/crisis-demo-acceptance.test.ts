import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStream } from '../../src/demo/demo-stream.ts';
import { crisisStage } from '../../src/pipeline/stages/crisis.stage.ts';
import { claimJobs, completeJob } from '../../src/repositories/job.repository.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { DEMO_DAYS, DEMO_SEED, seedDemoIfEmpty } from '../../src/services/demo.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const DAY_MS = 86_400_000;

// The demo's ground truth, generated exactly as seedDemoIfEmpty generates the stream.
const today = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate());
const truth = generateDemoStream({
  seed: DEMO_SEED,
  start: new Date(today - (DEMO_DAYS - 1) * DAY_MS),
  days: DEMO_DAYS,
}).truth;

describe.each(DATABASE_KINDS)('crisis detection on the demo stream (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoIfEmpty(database.db, { now: NOW, log: () => undefined });
    // Each post.ingested job as the job handler runs it (analysis, then the crisis stage), in the
    // order the runner claims them; the other capabilities' stages are left out to keep this test
    // about detection (they do not write anything the crisis stage reads).
    for (;;) {
      const jobs = await claimJobs(database.db, 10, 600);
      if (jobs.length === 0) break;
      for (const job of jobs) {
        const postIds = (job.payload as { postIds?: string[] }).postIds;
        if (job.name === 'post.ingested' && postIds) {
          await analysePosts(database.db, postIds);
          await crisisStage.run(postIds, { db: database.db, now: () => NOW });
        }
        await completeJob(database.db, job.id);
      }
    }
  }, 600_000);
  afterAll(async () => {
    await database?.close();
  });

  it('raises one incident for the Spanish rumour, in Spanish first, within 30 minutes of its onset, and the English spread joins it', async () => {
    const crisis = truth.crisis;
    expect(crisis).not.toBeNull();
    if (!crisis) return;
    const incidents = await database.db.selectFrom('incident').selectAll().orderBy('detected_at').execute();
    const onsetEs = Date.parse(crisis.onsetEs);
    const onsetEn = Date.parse(crisis.onsetEn);
    const rumour = incidents.filter(
      (i) => i.detected_at.getTime() >= onsetEs && i.detected_at.getTime() < onsetEs + 2 * DAY_MS,
    );
    expect(rumour).toHaveLength(1);
    const incident = rumour[0]!;
    expect(incident.languages[0]).toBe('es');
    expect(incident.detected_at.getTime() - onsetEs).toBeLessThanOrEqual(30 * 60_000);
    expect(incident.languages).toContain('en');
    const episodes = await database.db
      .selectFrom('incident_language')
      .selectAll()
      .where('incident_id', '=', incident.id)
      .orderBy('detected_at')
      .execute();
    expect(episodes[0]?.language).toBe('es');
    const english = episodes.find((e) => e.language === 'en');
    expect(english?.joined_by).toBe('story');
    expect(english!.detected_at.getTime()).toBeGreaterThanOrEqual(onsetEn);
    console.log(
      `[${kind}] incident ${incident.severity}: es +${(incident.detected_at.getTime() - onsetEs) / 60_000} min; ` +
        episodes
          .map((e) => `${e.language} +${(e.detected_at.getTime() - onsetEs) / 60_000} min (${e.joined_by})`)
          .join(', '),
    );

    // The posts named as driving it are the rumour's posts.
    const drivers = await sql<{ external_id: string }>`
      SELECT p.external_id FROM incident_post ip JOIN post p ON p.id = ip.post_id WHERE ip.incident_id = ${incident.id}`.execute(
      database.db,
    );
    const rumourIds = new Set(crisis.ids);
    const hits = drivers.rows.filter((r) => rumourIds.has(r.external_id)).length;
    expect(hits / drivers.rows.length).toBeGreaterThan(0.8);
  });

  it('opens no other incident of warning or above from the ordinary rhythm or the launch peak', async () => {
    const crisis = truth.crisis!;
    const onsetEs = Date.parse(crisis.onsetEs);
    const others = await database.db
      .selectFrom('incident')
      .select(['title', 'severity', 'detected_at', 'languages'])
      .where((eb) =>
        eb.or([
          eb('detected_at', '<', new Date(onsetEs)),
          eb('detected_at', '>=', new Date(onsetEs + 2 * DAY_MS)),
        ]),
      )
      .execute();
    expect(others).toEqual([]);
  });
});
