import { describe, expect, it } from 'vitest';
import { createClusterIndex, type ClusterPost } from './cluster-index.ts';

const complaint = {
  en: 'My order from last Tuesday still has not arrived and customer service never answers the phone',
  es: 'Mi pedido del martes pasado todavía no ha llegado y atención al cliente nunca contesta el teléfono',
  sv: 'Min beställning från i tisdags har fortfarande inte kommit och kundtjänst svarar aldrig i telefon',
};

describe('createClusterIndex', () => {
  it.each([
    ['en', 'retweet', complaint.en, `RT @angry_bob: ${complaint.en}`],
    [
      'en',
      'template with other handle and number',
      `@Brand ${complaint.en} order 4411`,
      `@BrandHelp ${complaint.en} order 9120`,
    ],
    [
      'en',
      'reworded',
      complaint.en,
      'my order from last tuesday still hasnt arrived and customer service never answer the phone 😡',
    ],
    [
      'es',
      'reworded',
      complaint.es,
      'Mi pedido del martes pasado aún no ha llegado y atención al cliente nunca contesta el telefono!!',
    ],
    [
      'sv',
      'reworded',
      complaint.sv,
      'min beställning från i tisdags har fortfarande inte kommit o kundtjänst svarar aldrig i telefon...',
    ],
  ])('%s: a %s joins the cluster', (language, _, first, second) => {
    const index = createClusterIndex();
    const a = index.assign({ id: 'a', text: first, language });
    const b = index.assign({ id: 'b', text: second, language });
    expect(a.isNew).toBe(true);
    expect(b).toMatchObject({
      clusterId: a.clusterId,
      isNew: false,
      representativeId: 'a',
      matchedId: 'a',
      clusterSize: 2,
    });
    expect(b.similarity).toBeGreaterThanOrEqual(0.6);
  });

  it.each([
    [
      'en',
      complaint.en,
      'My order from last Tuesday arrived broken and the refund form on your website gives an error',
    ],
    [
      'es',
      complaint.es,
      'Mi pedido del martes pasado llegó roto y el formulario de devolución de la web da error',
    ],
    [
      'sv',
      complaint.sv,
      'Min beställning från i tisdags kom trasig och returformuläret på er webbplats ger ett fel',
    ],
  ])('%s: a different complaint that shares words opens its own cluster', (language, first, second) => {
    const index = createClusterIndex();
    const a = index.assign({ id: 'a', text: first, language });
    const b = index.assign({ id: 'b', text: second, language });
    expect(b.isNew).toBe(true);
    expect(b.clusterId).not.toBe(a.clusterId);
  });

  it('keeps languages apart even for the same text', () => {
    const index = createClusterIndex();
    const a = index.assign({ id: 'a', text: 'Netflix 😂😂', language: 'en' });
    const b = index.assign({ id: 'b', text: 'Netflix 😂😂', language: 'es' });
    expect(b.isNew).toBe(true);
    expect(a.clusterId).toBe('en:1');
    expect(b.clusterId).toBe('es:2');
  });

  it('is deterministic: the same stream gives the same clusters', () => {
    const stream = makeStream(400);
    const run = (): string[] => {
      const index = createClusterIndex({ maxIndexedPosts: 100 });
      return stream.map((p) => index.assign(p).clusterId);
    };
    expect(run()).toEqual(run());
  });

  it('continues identically after export → JSON → import', () => {
    const stream = makeStream(600);
    const original = createClusterIndex({ maxIndexedPosts: 150 });
    for (const post of stream.slice(0, 300)) original.assign(post);
    const state = JSON.parse(JSON.stringify(original.exportState()));
    const restored = createClusterIndex({}, state);
    expect(restored.stats()).toEqual(original.stats());
    for (const post of stream.slice(300)) expect(restored.assign(post)).toEqual(original.assign(post));
  });

  it('refuses state built with a different hash family', () => {
    const state = createClusterIndex({ seed: 1 }).exportState();
    expect(() => createClusterIndex({ seed: 2 }, state)).toThrow(/different seed/);
  });

  it('forgets clusters that left the window but keeps active ones alive', () => {
    const index = createClusterIndex({ maxIndexedPosts: 50 });
    const quiet = index.assign({ id: 'quiet', text: complaint.en, language: 'en' });
    const active = index.assign({ id: 'active', text: complaint.sv, language: 'sv' });
    for (let i = 0; i < 300; i++) {
      index.assign({ id: `u${i}`, text: uniqueText(i), language: 'en' });
      if (i % 10 === 0)
        expect(index.assign({ id: `rt${i}`, text: `RT @x: ${complaint.sv}`, language: 'sv' }).clusterId).toBe(
          active.clusterId,
        );
    }
    expect(index.stats().indexedPosts).toBe(50);
    expect(index.stats().liveClusters).toBeLessThanOrEqual(50);
    expect(index.assign({ id: 'late', text: complaint.en, language: 'en' }).clusterId).not.toBe(
      quiet.clusterId,
    );
  });

  it('lists every config problem at once', () => {
    expect(() => createClusterIndex({ numHashes: 100, bands: 32, threshold: 2 })).toThrow(
      /bands must divide numHashes; threshold/,
    );
  });
});

/** Eight pseudo-random words: unrelated to every other `uniqueText(j)`. */
function uniqueText(i: number): string {
  let state = (i + 1) * 2654435761;
  const letter = (): string => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + ((state >>> 16) % 26));
  };
  return Array.from({ length: 8 }, () => Array.from({ length: 6 }, letter).join('')).join(' ');
}

function makeStream(n: number): ClusterPost[] {
  return Array.from({ length: n }, (_, i) => {
    const base = i % 3 === 0 ? complaint.en : uniqueText(i % 50);
    return {
      id: `p${i}`,
      text: i % 2 === 0 ? base : `RT @u${i}: ${base}`,
      language: i % 5 === 0 ? 'es' : 'en',
    };
  });
}
