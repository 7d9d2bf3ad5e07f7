import type { RandomSource } from './seeded-random.ts';

/** How long something takes (handling an item, a customer's patience), in seconds. */
export type DurationDistribution =
  | { readonly kind: 'exponential'; readonly meanSeconds: number }
  | { readonly kind: 'fixed'; readonly seconds: number }
  /** Handle times in practice are right-skewed; a log-normal with a coefficient of variation fits them well. */
  | { readonly kind: 'lognormal'; readonly meanSeconds: number; readonly coefficientOfVariation: number };

/** A customer who never gives up. */
export type PatienceDistribution = DurationDistribution | { readonly kind: 'infinite' };

/** Mean of a duration distribution, seconds (`Infinity` for infinite patience). */
export function meanDuration(distribution: PatienceDistribution): number {
  switch (distribution.kind) {
    case 'exponential':
    case 'lognormal':
      return distribution.meanSeconds;
    case 'fixed':
      return distribution.seconds;
    case 'infinite':
      return Number.POSITIVE_INFINITY;
  }
}

/** Checks a distribution's parameters; returns the problems found, naming each field. */
export function durationProblems(name: string, distribution: PatienceDistribution): string[] {
  const positive = (field: string, value: number): string[] =>
    Number.isFinite(value) && value > 0 ? [] : [`${name}.${field} must be a positive number, got ${value}`];
  switch (distribution.kind) {
    case 'exponential':
      return positive('meanSeconds', distribution.meanSeconds);
    case 'fixed':
      return positive('seconds', distribution.seconds);
    case 'lognormal':
      return [
        ...positive('meanSeconds', distribution.meanSeconds),
        ...positive('coefficientOfVariation', distribution.coefficientOfVariation),
      ];
    case 'infinite':
      return [];
  }
}

/** Returns a sampler drawing durations in seconds from the distribution with the given random source. */
export function durationSampler(distribution: PatienceDistribution, random: RandomSource): () => number {
  switch (distribution.kind) {
    case 'exponential': {
      const mean = distribution.meanSeconds;
      return () => -mean * Math.log(1 - random());
    }
    case 'fixed': {
      const seconds = distribution.seconds;
      return () => seconds;
    }
    case 'lognormal': {
      const sigmaSquared = Math.log(1 + distribution.coefficientOfVariation ** 2);
      const sigma = Math.sqrt(sigmaSquared);
      const mu = Math.log(distribution.meanSeconds) - sigmaSquared / 2;
      return () => Math.exp(mu + sigma * standardNormal(random));
    }
    case 'infinite':
      return () => Number.POSITIVE_INFINITY;
  }
}

/** Box–Muller; one draw per call keeps the stream position independent of call history. */
function standardNormal(random: RandomSource): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
