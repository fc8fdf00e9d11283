import { allow, hasRole, inAgency, inProcuratorate, type Actor } from './policy.js';

/**
 * Indicators (考核指标): the procuratorate's case staff and observers see every agency's figures;
 * an agency's liaison and leader see their own agency's only; the justice bureau's observer sees
 * every agency's, for the rule-of-law government assessment (法治政府建设考核).
 */
const procuratorateStaff = (a: Actor) => inProcuratorate(a) && hasRole(a, 'procurator', 'department_head', 'chief_prosecutor', 'observer');
const justiceBureau = (a: Actor) => a.organizationKind === 'justice_bureau' && hasRole(a, 'observer');
const agencyStaff = (a: Actor) => inAgency(a) && hasRole(a, 'agency_liaison', 'agency_leader');

allow('indicator', ['read'], (a) => procuratorateStaff(a) || justiceBureau(a) || agencyStaff(a));
/** Without this the figures are those of the actor's own agency. */
allow('indicator', ['read_all_agencies'], (a) => procuratorateStaff(a) || justiceBureau(a));
/** The procuratorate's own work (transfers, reviews, model clues): its items never reached an agency. */
allow('indicator', ['read_internal'], (a) => procuratorateStaff(a));
/** Monthly assessment reports (docs/assessment.md): listed to indicator readers and to the admin, who may publish them. */
allow('indicator', ['list_assessment_reports'], (a) => procuratorateStaff(a) || justiceBureau(a) || agencyStaff(a) || (inProcuratorate(a) && hasRole(a, 'admin')));
allow('indicator', ['confirm_assessment'], (a) => agencyStaff(a));
allow('indicator', ['publish_assessment'], (a) => inProcuratorate(a) && hasRole(a, 'department_head', 'chief_prosecutor', 'admin'));
/** Publishing before every agency has confirmed its figures (with a reason). */
allow('indicator', ['publish_assessment_unconfirmed'], (a) => inProcuratorate(a) && hasRole(a, 'admin'));
