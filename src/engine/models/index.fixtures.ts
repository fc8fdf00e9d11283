import { drunkDrivingFixture } from './drunk-driving-license.fixture.js';
import { nonLitigationEnforcementFixture } from './non-litigation-enforcement.fixture.js';
import { occupationalBanFixture } from './occupational-ban.fixture.js';
import { penaltyNotTransferredFixture } from './penalty-not-transferred.fixture.js';
import { pensionAfterDeathFixture } from './pension-after-death.fixture.js';
import { publicHousingFixture } from './public-housing-misuse.fixture.js';

export const MODEL_FIXTURES = [publicHousingFixture, occupationalBanFixture, pensionAfterDeathFixture, drunkDrivingFixture, penaltyNotTransferredFixture, nonLitigationEnforcementFixture];
