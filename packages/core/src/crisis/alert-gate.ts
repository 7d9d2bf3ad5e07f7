import type { Severity } from './severity.ts';

export interface AlertGateConfig {
  /** An alert needs `k` of the last `n` points to be hits. */
  persistence: { k: number; n: number };
  /** Quiet time before a new alert may fire: one event, one alert. */
  cooldownMs: number;
  /**
   * `last-hit`: the episode stays open until `cooldownMs` passes with no hit (a long crisis stays
   * one incident). `alert`: a new alert may fire `cooldownMs` after the previous one.
   */
  cooldownFrom: 'last-hit' | 'alert';
}

export interface AlertGateState {
  recentHits: number[];
  episode: { openedAt: number; lastHitAt: number; peak: Severity } | null;
}

export interface AlertGateDecision {
  alert: boolean;
  hits: number;
  episode: { openedAt: number; peak: Severity } | null;
}

const RANK: Record<Severity, number> = { watch: 0, warning: 1, critical: 2 };

/** Empty gate state. */
export function initialAlertGateState(): AlertGateState {
  return { recentHits: [], episode: null };
}

/** Applies persistence (k of n) and cool-down to one point; mutates and returns through `state`. */
export function stepAlertGate(
  config: AlertGateConfig,
  state: AlertGateState,
  time: number,
  hit: Severity | null,
): AlertGateDecision {
  state.recentHits.push(hit ? 1 : 0);
  if (state.recentHits.length > config.persistence.n) state.recentHits.shift();
  let hits = 0;
  for (const h of state.recentHits) hits += h;

  const episode = state.episode;
  if (episode) {
    const since = config.cooldownFrom === 'alert' ? episode.openedAt : episode.lastHitAt;
    if (time - since > config.cooldownMs) state.episode = null;
  }
  let alert = false;
  if (hit && state.episode) {
    state.episode.lastHitAt = time;
    if (RANK[hit] > RANK[state.episode.peak]) state.episode.peak = hit;
  } else if (hit && hits >= config.persistence.k) {
    alert = true;
    state.episode = { openedAt: time, lastHitAt: time, peak: hit };
  }
  const open = state.episode;
  return { alert, hits, episode: open ? { openedAt: open.openedAt, peak: open.peak } : null };
}
