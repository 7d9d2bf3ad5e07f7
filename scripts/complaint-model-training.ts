/**
 * Training and cross-validation of the complaint model, shared by `scripts/train-complaint-model.ts`
 * (writes the shipped model) and `npm run bench:analysis` (prints the development set's
 * cross-validated figures). Data, all Ombud's own (repository licence): the complaint development set
 * (apps/server/bench/sentiment-eval/complaints-dev.tsv) and the TUNING half of the first complaint set.
 * The held-out half of the first set is never read here.
 */
import {
  FIRST_CLASS_LANGUAGES,
  type FirstClassLanguage,
} from '../packages/core/src/analysis/analysis.types.ts';
import { DEFAULT_ASPECT_LEXICON, detectAspects } from '../packages/core/src/analysis/aspects.ts';
import { complaintFeatures } from '../packages/core/src/analysis/complaint-features.ts';
import {
  decodeModel,
  type FeatureVector,
  type SerializedHashedModel,
} from '../packages/core/src/analysis/hashed-linear-model.ts';
import {
  complaintConfidence,
  complaintProbability,
  readIntentCues,
} from '../packages/core/src/analysis/intents.ts';
import type { Evidence } from '../packages/core/src/analysis/analysis.types.ts';
import { identifyLanguage } from '../packages/core/src/analysis/language-id.ts';
import { analyzeSentiment, sentimentModelLanguage } from '../packages/core/src/analysis/sentiment.ts';
import { tokenize } from '../packages/core/src/analysis/tokenize.ts';
import { blankPlaceholders } from '../packages/core/src/privacy/redact.ts';
import { loadComplaintDev, loadComplaintSet } from '../apps/server/bench/sentiment-eval/datasets.ts';
import { serializeModel, trainMultinomial, type TrainingExample } from './train-linear-model.ts';

export const COMPLAINT_CLASSES = ['other', 'complaint'] as const;
export const CV_FOLDS = 5;

export interface ComplaintTrainOptions {
  bits: number;
  epochs: number;
  l2: number;
  learningRate: number;
}

/** The settings the shipped model was trained with (chosen by cross-validation on the development set). */
export const COMPLAINT_TRAIN_OPTIONS: ComplaintTrainOptions = {
  bits: 15,
  epochs: 10,
  l2: 1e-4,
  learningRate: 0.1,
};

export interface ComplaintRow {
  language: FirstClassLanguage;
  complaint: boolean;
  features: FeatureVector;
  /** What the hand-written rules alone said (the behaviour before the model). */
  rules: boolean;
  /** The hand-written rules' evidence (a defect with a refund request decides on its own). */
  ruleEvidence: Evidence[];
}

/** The model's input for one post, made exactly as `analyzePost` makes it. */
export function complaintRow(text: string, language: FirstClassLanguage, complaint: boolean): ComplaintRow {
  const tokenized = tokenize(blankPlaceholders(text));
  const identified = identifyLanguage(tokenized, ['en', 'es', 'sv']);
  const { rules, ...sentiment } = analyzeSentiment(tokenized, identified.language);
  const aspects = detectAspects(tokenized, rules.tokenValence, DEFAULT_ASPECT_LEXICON);
  const read = readIntentCues(tokenized, {
    sentiment,
    aspectCount: aspects.length,
    language: sentimentModelLanguage(identified.language) ?? 'en',
  });
  return {
    language,
    complaint,
    features: complaintFeatures(tokenized, read.signals),
    rules: read.signals.complaintCues > 0 || read.signals.ruleComplaint,
    ruleEvidence: read.ruleComplaint,
  };
}

export function loadTrainingRows(): { dev: ComplaintRow[]; tuning: ComplaintRow[] } {
  const dev = loadComplaintDev().map((x) => complaintRow(x.text, x.language, x.complaint));
  const tuning = FIRST_CLASS_LANGUAGES.flatMap((language) =>
    loadComplaintSet(language)
      .filter((x) => x.split === 'tuning')
      .map((x) => complaintRow(x.text, language, x.complaint)),
  );
  return { dev, tuning };
}

/** Class-balanced binary logistic regression; returns the shipped (int8) form. */
export function trainComplaintModel(
  rows: readonly ComplaintRow[],
  options: ComplaintTrainOptions = COMPLAINT_TRAIN_OPTIONS,
): SerializedHashedModel {
  const positives = rows.filter((r) => r.complaint).length;
  const counts = [rows.length - positives, positives];
  const examples: TrainingExample[] = rows.map((r) => {
    const label = r.complaint ? 1 : 0;
    return { features: r.features, label, weight: rows.length / (2 * counts[label]!) };
  });
  const trained = trainMultinomial(examples, { classes: COMPLAINT_CLASSES, seed: 7, ...options });
  return serializeModel(COMPLAINT_CLASSES, options.bits, trained);
}

/**
 * Complaint confidence for every development post from a model that never saw it: fold k (row index
 * mod 5) is scored by a model trained on the tuning half and the other four folds, then combined with
 * the decisive hand-written rule exactly as `detectIntents` does (`complaintConfidence`).
 */
export function crossValidatedProbabilities(
  dev: readonly ComplaintRow[],
  tuning: readonly ComplaintRow[],
  options: ComplaintTrainOptions = COMPLAINT_TRAIN_OPTIONS,
): Float64Array {
  const probability = new Float64Array(dev.length);
  for (let fold = 0; fold < CV_FOLDS; fold++) {
    const model = decodeModel(
      trainComplaintModel([...tuning, ...dev.filter((_, i) => i % CV_FOLDS !== fold)], options),
    );
    dev.forEach((row, i) => {
      if (i % CV_FOLDS === fold)
        probability[i] = complaintConfidence(complaintProbability(model, row.features), row.ruleEvidence);
    });
  }
  return probability;
}

export interface BinaryScores {
  precision: number;
  recall: number;
  f1: number;
}

export function binaryScores(gold: readonly boolean[], predicted: readonly boolean[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    if (predicted[i] && g) tp++;
    else if (predicted[i]) fp++;
    else if (g) fn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
