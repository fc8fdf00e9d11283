import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Provision } from '../../../domain/knowledgeBase/types';
import { AGENCY_SECTOR_LABELS, type AgencySector } from '../../../domain/knowledgeBase/sectors';
import { SANCTION_KIND_LABELS, type Confidence, type SanctionKind } from '../../../domain/knowledgeBase/types';
import { useLocale } from '../../i18n';

const CONFIDENCE_COLOR: Record<Confidence, string> = { confirmed: 'green', partly_confirmed: 'gold', unconfirmed: 'red' };

export function ConfidenceTag({ confidence }: { confidence: Confidence }) {
  const { t } = useTranslation('knowledge');
  return (
    <Tag color={CONFIDENCE_COLOR[confidence]} data-confidence={confidence}>
      {t(`confidence.${confidence}`)}
    </Tag>
  );
}

export function useSectorLabel() {
  const locale = useLocale();
  return (sector: AgencySector) => AGENCY_SECTOR_LABELS[sector]?.[locale] ?? sector;
}

export function useSanctionLabel() {
  const locale = useLocale();
  return (kind: SanctionKind) => SANCTION_KIND_LABELS[kind]?.[locale] ?? kind;
}

export function SectorTags({ sectors }: { sectors: AgencySector[] }) {
  const label = useSectorLabel();
  return (
    <>
      {sectors.map((s) => (
        <Tag key={s} color="blue">
          {label(s)}
        </Tag>
      ))}
    </>
  );
}

/** 2006-03-01 至 2025-12-31, 2026-01-01 起, or "not recorded". */
export function EffectiveDates({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useTranslation('knowledge');
  const text = from && to ? t('range', { from, to }) : from ? t('since', { from }) : to ? t('until', { to }) : t('datesNotRecorded');
  return <Typography.Text type={from || to ? undefined : 'secondary'}>{text}</Typography.Text>;
}

/** 《中华人民共和国道路交通安全法》（2021年修正）第九十一条第二款 */
export function ProvisionTitle({ provision }: { provision: Pick<Provision, 'law' | 'lawVersion' | 'article'> }) {
  const { t } = useTranslation('knowledge');
  return (
    <span>
      《{provision.law}》{provision.lawVersion && `（${provision.lawVersion}）`}
      {provision.article || <Typography.Text type="warning"> {t('articleNotPinned')}</Typography.Text>}
    </span>
  );
}
