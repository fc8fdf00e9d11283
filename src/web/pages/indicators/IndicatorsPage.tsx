import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { AgencyDashboard, JusticeDashboard, ProcuratorateDashboard } from './Dashboards';

/**
 * 考核指标: the dashboard of the user's organization — the procuratorate's (every figure, by kind,
 * agency, month and procurator, the funnel), an agency's (its own figures, by month, its items)
 * or the justice bureau's (all agencies side by side on the assessment figures). Every figure
 * carries its formula as a tooltip and opens the list of items behind it.
 */
export default function IndicatorsPage() {
  const { t } = useTranslation(['translation', 'indicators']);
  const { user } = useCurrentSession();
  const kind = user.organization.kind;
  return (
    <PageContainer title={t(`indicators:titles.${kind === 'agency' ? 'agency' : kind === 'justice_bureau' ? 'justice' : 'procuratorate'}`)}>
      <div data-testid={`dashboard-${kind}`} style={{ display: 'contents' }}>
        {kind === 'agency' ? <AgencyDashboard /> : kind === 'justice_bureau' ? <JusticeDashboard /> : <ProcuratorateDashboard />}
      </div>
    </PageContainer>
  );
}
