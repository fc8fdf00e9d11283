/**
 * The funnel from clues to corrections (线索—立案—制发—回复—整改), as a cohort: the clues
 * received in the period (by their received date, merged duplicates left out), and of them, how
 * many reached each later step by the as-of date. Each step is a subset of the one before, so the
 * bars never grow; each step drills down to its clues. The case-kind filter does not apply (a
 * clue has no kind before it is filed); the agency filter is the case's agency, else the clue's.
 */
import type { Localized } from './definitions';

export const FUNNEL_STEP_IDS = ['clues_received', 'cases_filed', 'documents_served', 'replied', 'corrected'] as const;
export type FunnelStepId = (typeof FUNNEL_STEP_IDS)[number];

export interface FunnelStep {
  id: FunnelStepId;
  name: Localized;
  /** Which clues of the cohort are counted at this step. */
  definition: Localized;
}

const text = (zh: string, en: string): Localized => ({ 'zh-CN': zh, 'en-US': en });

export const FUNNEL_STEPS: readonly FunnelStep[] = [
  {
    id: 'clues_received',
    name: text('受理线索', 'Clues received'),
    definition: text('收到日期在统计期间内的线索（不含已合并的重复线索），任何来源', 'Clues received within the period (merged duplicates left out), of any source'),
  },
  {
    id: 'cases_filed',
    name: text('立案', 'Cases filed'),
    definition: text('上述线索中，截至统计日已立案的', 'Of those, clues filed as a case on or before the as-of date'),
  },
  {
    id: 'documents_served',
    name: text('制发检察意见、检察建议', 'Opinions and suggestions served'),
    definition: text('上述案件中，截至统计日已送达至少一份检察意见书或检察建议书的', 'Of those, cases with at least one procuratorial opinion or suggestion served on or before the as-of date'),
  },
  {
    id: 'replied',
    name: text('收到回复', 'Replied'),
    definition: text('上述案件中，截至统计日至少一份已送达文书收到书面回复的', 'Of those, cases where at least one served document was answered in writing on or before the as-of date'),
  },
  {
    id: 'corrected',
    name: text('采纳、整改（处罚）', 'Adopted or corrected (penalty)'),
    definition: text(
      '上述案件中，至少一份回复载明已作出处罚，或截至统计日经评估为“采纳”的',
      'Of those, cases where at least one reply reports a penalty or was evaluated "adopted" on or before the as-of date',
    ),
  },
];

export function isFunnelStepId(value: unknown): value is FunnelStepId {
  return typeof value === 'string' && (FUNNEL_STEP_IDS as readonly string[]).includes(value);
}
