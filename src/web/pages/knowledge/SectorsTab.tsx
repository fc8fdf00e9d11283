import { App, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AGENCY_SECTORS, type AgencySector } from '../../../domain/knowledgeBase/sectors';
import { errorMessage } from '../../api/errors';
import { type SectorOrganization, useSectorMap, useSetSectors } from '../../api/knowledge';
import { OrganizationKindTag } from '../../components/OrganizationKindTag';
import { QueryError } from '../../components/QueryError';
import { SectorTags, useSectorLabel } from './shared';

/** Which local agency belongs to which sector: how a rule's sectors become actual agencies. */
export function SectorsTab({ mayEdit }: { mayEdit: boolean }) {
  const { t } = useTranslation('knowledge');
  const { message } = App.useApp();
  const map = useSectorMap();
  const setSectors = useSetSectors();
  const sectorLabel = useSectorLabel();

  function change(org: SectorOrganization, sectors: AgencySector[]) {
    setSectors.mutate(
      { organizationId: org.id, sectors },
      { onSuccess: () => void message.success(t('sectorsTab.saved', { name: org.shortName })), onError: (error) => void message.error(errorMessage(error)) },
    );
  }

  return (
    <>
      <Typography.Paragraph type="secondary">{t('sectorsTab.intro')}</Typography.Paragraph>
      {map.error && <QueryError error={map.error} onRetry={() => void map.refetch()} />}
      <Table<SectorOrganization>
        rowKey="id"
        data-testid="sector-table"
        loading={map.isFetching}
        dataSource={map.data?.organizations}
        pagination={false}
        columns={[
          {
            title: t('sectorsTab.organization'),
            key: 'name',
            render: (_, org) => (
              <span>
                {org.name} <OrganizationKindTag kind={org.kind} />
              </span>
            ),
          },
          {
            title: t('sectorsTab.sectors'),
            key: 'sectors',
            width: 420,
            render: (_, org) =>
              mayEdit ? (
                <Select<AgencySector[]>
                  mode="multiple"
                  style={{ width: '100%' }}
                  value={org.sectors}
                  placeholder={t('sectorsTab.none')}
                  options={AGENCY_SECTORS.map((s) => ({ value: s, label: sectorLabel(s) }))}
                  onChange={(sectors) => change(org, sectors)}
                  data-testid={`sectors-${org.id}`}
                />
              ) : org.sectors.length ? (
                <SectorTags sectors={org.sectors} />
              ) : (
                <Typography.Text type="secondary">{t('sectorsTab.none')}</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}
