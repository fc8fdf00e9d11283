import drunkDriving from './models/drunk-driving-license.json' with { type: 'json' };
import nonLitigationEnforcement from './models/non-litigation-enforcement.json' with { type: 'json' };
import occupationalBan from './models/occupational-ban.json' with { type: 'json' };
import penaltyNotTransferred from './models/penalty-not-transferred.json' with { type: 'json' };
import pensionAfterDeath from './models/pension-after-death.json' with { type: 'json' };
import publicHousing from './models/public-housing-misuse.json' with { type: 'json' };
import { modelDocument, type ModelDocument } from './document.js';

/** The five reference models of DATA-SPEC §3 and 行政非诉执行监督 (docs/models.md), validated like
 * any imported document. */
export const BUILT_IN_MODELS: readonly ModelDocument[] = [publicHousing, occupationalBan, pensionAfterDeath, drunkDriving, penaltyNotTransferred, nonLitigationEnforcement].map((doc) =>
  modelDocument.parse(doc),
);

export function builtInModel(id: string): ModelDocument | undefined {
  return BUILT_IN_MODELS.find((m) => m.id === id);
}
