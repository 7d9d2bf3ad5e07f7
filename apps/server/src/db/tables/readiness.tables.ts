import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ReadinessPlanTable {
  campaign_id: string;
  workspace_id: string;
  plan: JSONColumnType<Record<string, unknown>, string, string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ReadinessDecisionTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string;
  decision: 'go' | 'no_go';
  reason: string;
  signed_by: string | null;
  signed_by_name: string;
  gate_blocked: boolean;
  failing_critical: string[];
  score: number;
  signed_at: Timestamp;
}

/** Kysely table types for issue #10 (readiness); `Database` extends this. */
export interface ReadinessTables {
  readiness_plan: ReadinessPlanTable;
  readiness_decision: ReadinessDecisionTable;
}
