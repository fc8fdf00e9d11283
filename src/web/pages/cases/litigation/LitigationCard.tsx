import { Card, Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CourtDecision, Litigation } from '../../../api/cases';
import { useFormat } from '../../../format';
import { Prose, useCaseLabel } from '../shared';
import { WindowStatusLine } from './WindowStatusLine';

/** The court decisions an application concerns, oldest first. */
export function CourtDecisionsTable({ decisions }: { decisions: CourtDecision[] }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  return (
    <Table<CourtDecision>
      size="small"
      rowKey={(d) => `${d.kind}-${d.caseNo}`}
      pagination={false}
      dataSource={decisions}
      data-testid="court-decisions"
      locale={{ emptyText: t('cases:litigation.none') }}
      columns={[
        { title: t('cases:litigation.decisionKind'), dataIndex: 'kind', render: (kind: string) => label('courtDecisionKinds', kind) },
        { title: t('cases:litigation.decisionCourt'), dataIndex: 'court' },
        { title: t('cases:litigation.caseNo'), dataIndex: 'caseNo' },
        { title: t('cases:litigation.decidedOn'), dataIndex: 'decidedOn', render: (on: string) => format.date(on) },
        { title: t('cases:litigation.servedOn'), dataIndex: 'servedOn', render: (on: string | null) => (on ? format.date(on) : '—') },
      ]}
    />
  );
}

/**
 * 监督申请: who applied (masked unless unmasked) or why the procuratorate acts on its own, the
 * court, the decisions concerned, the grounds, the 6-month window and any acceptance despite it.
 */
export function LitigationCard({ litigation: l }: { litigation: Litigation }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const applicant = l.applicant;
  return (
    <Card title={t(applicant ? 'cases:litigation.card' : 'cases:litigation.cardExOfficio')} data-testid="litigation-card">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'type', label: t('cases:litigation.supervisionType'), children: label('supervisionTypes', l.supervisionType) },
          ...(applicant
            ? [
                { key: 'applicant', label: t('cases:litigation.applicant'), children: <span data-testid="litigation-applicant">{`${applicant.name}（${label('applicantRoles', applicant.role)}）`}</span> },
                { key: 'idNumber', label: t('cases:litigation.applicantIdNumber'), children: <span style={{ fontFamily: 'monospace' }}>{applicant.idNumber ?? '—'}</span> },
                { key: 'contact', label: t('cases:litigation.applicantContact'), children: applicant.contact ?? '—' },
              ]
            : [{ key: 'ground', label: t('cases:litigation.exOfficioGround'), children: label('exOfficioGrounds', l.exOfficioGround) }]),
          { key: 'court', label: t('cases:litigation.court'), children: l.court?.name ?? '—' },
          { key: 'window', label: t('cases:litigation.windowStatus'), span: 'filled' as const, children: <WindowStatusLine window={l.window} /> },
          ...(l.windowOverride
            ? [
                {
                  key: 'override',
                  label: t('cases:litigation.override'),
                  span: 'filled' as const,
                  children: (
                    <Typography.Text data-testid="window-override">
                      {t('cases:litigation.overrideLine', { on: format.date(l.windowOverride.on), by: l.windowOverride.by, reason: l.windowOverride.reason })}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          { key: 'grounds', label: t('cases:litigation.grounds'), span: 'filled' as const, children: <Prose text={l.grounds} /> },
          { key: 'decisions', label: t('cases:litigation.courtDecisions'), span: 'filled' as const, children: <CourtDecisionsTable decisions={l.courtDecisions} /> },
        ]}
      />
    </Card>
  );
}
