import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING, mapRecord } from '../ingest/field-mapping.ts';
import { generateDemoStream } from './demo-stream.ts';

describe('demo stream through the default import mapping', () => {
  const { posts } = generateDemoStream({ seed: 11, start: Date.UTC(2025, 5, 2), targetPosts: 4_000 });

  it('maps every record without a problem, reading every field', () => {
    const context = { defaultPlatform: 'demo', latestAcceptedTime: Date.UTC(2030, 0, 1) };
    for (const post of posts) {
      const result = mapRecord({ ...post }, DEFAULT_FIELD_MAPPING, context);
      if (!result.ok) throw new Error(`${post.id}: ${JSON.stringify(result.problems)}`);
      expect(result.extra).toBeNull();
      expect(result.post.externalId).toBe(post.id);
      expect(result.post.author.handle).toBe(post.author);
      expect(result.post.language).toBe(post.lang);
      expect(result.post.market).toBe(post.market);
      expect(result.post.replyToExternalId).toBe(post.reply_to);
      expect(Date.parse(result.post.createdAt)).toBe(Date.parse(post.created_at));
    }
  });
});
