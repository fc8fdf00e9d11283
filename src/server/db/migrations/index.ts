import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_datasets.js';
import * as m0003 from './0003_models.js';
import * as m0004 from './0004_dataset_kinds.js';
import * as m0005 from './0005_api_tokens.js';
import * as m0006 from './0006_cases.js';
import * as m0007 from './0007_knowledge_base.js';
import * as m0008 from './0008_joint_meetings.js';
import * as m0009 from './0009_case_indexes.js';
import * as m0010 from './0010_litigation.js';
import * as m0011 from './0011_reply_recoveries.js';
import * as m0012 from './0012_case_search.js';
import * as m0013 from './0013_assessment_reports.js';
import * as m0014 from './0014_model_run_progress.js';
import * as m0016 from './0016_indicators_at_scale.js';
import * as m0017 from './0017_indicator_indexes.js';
import * as m0018 from './0018_indicator_facts.js';
import * as m0019 from './0019_governance_facts.js';
import * as m0021 from './0021_escalation_notices.js';

/** Every migration, in order. Names are permanent: they are recorded in kysely_migration. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_datasets': m0002,
  '0003_models': m0003,
  '0004_dataset_kinds': m0004,
  '0005_api_tokens': m0005,
  '0006_cases': m0006,
  '0007_knowledge_base': m0007,
  '0008_joint_meetings': m0008,
  '0009_case_indexes': m0009,
  '0010_litigation': m0010,
  '0011_reply_recoveries': m0011,
  '0012_case_search': m0012,
  '0013_assessment_reports': m0013,
  '0014_model_run_progress': m0014,
  '0016_indicators_at_scale': m0016,
  '0017_indicator_indexes': m0017,
  '0018_indicator_facts': m0018,
  '0019_governance_facts': m0019,
  '0021_escalation_notices': m0021,
};
