import {
  encodeBase64,
  type FeatureVector,
  type SerializedHashedModel,
} from '../packages/core/src/analysis/hashed-linear-model.ts';

export interface TrainingExample {
  features: FeatureVector;
  label: number;
  weight: number;
}

export interface TrainOptions {
  classes: readonly string[];
  bits: number;
  epochs: number;
  l2: number;
  learningRate: number;
  seed: number;
}

/** Multinomial logistic regression by AdaGrad SGD over hashed features; returns float weights. */
export function trainMultinomial(
  examples: readonly TrainingExample[],
  options: TrainOptions,
): { bias: Float64Array; weights: Float64Array } {
  const k = options.classes.length;
  const mask = (1 << options.bits) - 1;
  const weights = new Float64Array((mask + 1) * k);
  const gradSq = new Float64Array((mask + 1) * k).fill(1e-6);
  const bias = new Float64Array(k);
  const biasSq = new Float64Array(k).fill(1e-6);
  const order = examples.map((_, i) => i);
  let rng = options.seed >>> 0;
  const random = (): number => {
    rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0;
    return rng / 4294967296;
  };
  const logits = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const example = examples[index]!;
      const { indices, values } = example.features;
      for (let c = 0; c < k; c++) logits[c] = bias[c]!;
      for (let f = 0; f < indices.length; f++) {
        const base = (indices[f]! & mask) * k;
        for (let c = 0; c < k; c++) logits[c]! += weights[base + c]! * values[f]!;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        logits[c] = Math.exp(logits[c]! - max);
        sum += logits[c]!;
      }
      for (let c = 0; c < k; c++) {
        const g = (logits[c]! / sum - (c === example.label ? 1 : 0)) * example.weight;
        biasSq[c]! += g * g;
        bias[c]! -= (options.learningRate * g) / Math.sqrt(biasSq[c]!);
        for (let f = 0; f < indices.length; f++) {
          const w = (indices[f]! & mask) * k + c;
          const gw = g * values[f]! + options.l2 * weights[w]!;
          gradSq[w]! += gw * gw;
          weights[w]! -= (options.learningRate * gw) / Math.sqrt(gradSq[w]!);
        }
      }
    }
  }
  return { bias, weights };
}

/** Quantises float weights to int8 per class and serialises them for shipping. */
export function serializeModel(
  classes: readonly string[],
  bits: number,
  trained: { bias: Float64Array; weights: Float64Array },
): SerializedHashedModel {
  const k = classes.length;
  const scales = classes.map((_, c) => {
    let max = 0;
    for (let i = c; i < trained.weights.length; i += k) max = Math.max(max, Math.abs(trained.weights[i]!));
    return max === 0 ? 1 : max / 127;
  });
  const bytes = new Uint8Array(trained.weights.length);
  for (let i = 0; i < trained.weights.length; i++) {
    const q = Math.max(-127, Math.min(127, Math.round(trained.weights[i]! / scales[i % k]!)));
    bytes[i] = q < 0 ? q + 256 : q;
  }
  return {
    classes,
    bits,
    bias: [...trained.bias].map((b) => Math.round(b * 1e5) / 1e5),
    scales: scales.map((s) => Number(s.toPrecision(6))),
    weights: encodeBase64(bytes),
  };
}
