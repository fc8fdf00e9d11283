import { Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NonProsecution, TransferCheck } from '../../../api/cases';
import { useFormat } from '../../../format';
import { useLocale } from '../../../i18n';
import { Prose, TransferTag, useCaseLabel } from '../shared';

/** The transfer check: handed over within 3 working days of the decision, or late — and why. */
export function TransferCheckLine({ transfer }: { transfer: TransferCheck }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const locale = useLocale();
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} align="center" wrap>
        <TransferTag transfer={transfer} />
        {'due' in transfer && <Typography.Text type="secondary">{t('cases:clue.transferDue', { due: format.date(transfer.due) })}</Typography.Text>}
        {'due' in transfer && transfer.transferredOn && <Typography.Text type="secondary">{t('cases:clue.transferredOn', { on: format.date(transfer.transferredOn) })}</Typography.Text>}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="transfer-explanation">
        {transfer.explanation[locale]}
      </Typography.Text>
    </Flex>
  );
}

/** The non-prosecution decision behind a reverse-connection clue (or case), with the transfer check. */
export function NonProsecutionCard({ clue }: { clue: { nonProsecution: NonProsecution | null; transfer: TransferCheck | null } }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const np = clue.nonProsecution;
  if (!np) return null;
  return (
    <Card title={t('cases:clue.nonProsecution')} data-testid="non-prosecution">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'decisionNo', label: t('cases:fields.decisionNo'), children: np.decisionNo },
          { key: 'decidedOn', label: t('cases:fields.decidedOn'), children: format.date(np.decidedOn) },
          { key: 'kind', label: t('cases:fields.nonProsecutionKind'), children: label('nonProsecutionKinds', np.kind) },
          { key: 'charge', label: t('cases:fields.charge'), children: np.charge },
          { key: 'actDate', label: t('cases:fields.actDate'), children: np.actDate ? format.date(np.actDate) : '—' },
          ...(np.procuratorate ? [{ key: 'procuratorate', label: t('cases:fields.procuratorate'), children: np.procuratorate }] : []),
          ...(clue.transfer ? [{ key: 'transfer', label: t('cases:fields.transfer'), span: 'filled' as const, children: <TransferCheckLine transfer={clue.transfer} /> }] : []),
          { key: 'facts', label: t('cases:fields.npFacts'), span: 'filled' as const, children: <Prose text={np.facts} /> },
          { key: 'view', label: t('cases:fields.criminalDepartmentView'), span: 'filled' as const, children: <Prose text={np.criminalDepartmentView} /> },
        ]}
      />
    </Card>
  );
}
