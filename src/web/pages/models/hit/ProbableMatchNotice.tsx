import { Alert, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvidenceRow } from '../../../api/models';
import { useFormat } from '../../../format';

const STRATEGIES = ['name_birth', 'fuzzy_name'] as const;
type Strategy = (typeof STRATEGIES)[number];
const isStrategy = (value: unknown): value is Strategy => STRATEGIES.includes(value as Strategy);

/**
 * Evidence rows linked to the subject by a probable identity strategy (DATA-SPEC §2: name and
 * birth date, or name similarity) carry `_confidence: 'probable'`. They are leads to verify, never
 * the same person for certain, so the evidence panel says so above them: how they were linked
 * and, for similar names, how similar.
 */
export function ProbableMatchNotice({ rows }: { rows: EvidenceRow[] }) {
  const { t } = useTranslation('linkage');
  const format = useFormat();
  const probable = rows.filter((row) => row._confidence === 'probable');
  if (probable.length === 0) return null;
  const strategies = [...new Set(probable.map((row) => row._link))].filter(isStrategy);
  const similarities = probable.map((row) => Number(row._similarity)).filter(isScore);
  const low = Math.min(...similarities);
  const high = Math.max(...similarities);
  const range = similarities.length === 0 ? null : low === high ? format.percent(low) : `${format.percent(low)} – ${format.percent(high)}`;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="probable-match"
      title={
        <Flex gap={8} align="center" wrap>
          <Tag color="orange">{t('probable.tag')}</Tag>
          <span>{t('probable.title')}</span>
        </Flex>
      }
      description={
        <Flex gap={12} wrap>
          {strategies.map((strategy) => (
            <Typography.Text key={strategy}>{t(`probable.strategies.${strategy}`)}</Typography.Text>
          ))}
          {range && <Typography.Text>{t('probable.similarity', { range })}</Typography.Text>}
          <Typography.Text type="secondary">{t('probable.rows', { count: probable.length })}</Typography.Text>
        </Flex>
      }
    />
  );
}

function isScore(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 1;
}
