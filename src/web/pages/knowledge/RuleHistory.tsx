import { Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChargeRuleVersion } from '../../api/knowledge';
import { useFormat } from '../../format';
import { ConfidenceTag, EffectiveDates, ProvisionTitle, SectorTags } from './shared';

/** Every version of a rule, newest first, each with what it said. */
export function RuleHistory({ history }: { history: ChargeRuleVersion[] }) {
  const { t } = useTranslation('knowledge');
  const format = useFormat();
  return (
    <Timeline
      data-testid="rule-history"
      items={history.map((v) => ({
        key: v.version,
        color: v.retiredAt ? 'gray' : 'green',
        content: (
          <Flex vertical gap={4} data-testid={`rule-version-${v.version}`}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{t('versionNumber', { version: v.version })}</Typography.Text>
              {v.retiredAt ? <Typography.Text type="secondary">{t('history.retiredAt', { time: format.dateTime(v.retiredAt) })}</Typography.Text> : <Tag color="green">{t('history.current')}</Tag>}
              <Typography.Text type="secondary">{t('history.by', { name: v.createdBy, time: format.dateTime(v.createdAt) })}</Typography.Text>
            </Flex>
            <Typography.Text>{v.changeNote ?? <Typography.Text type="secondary">{t('history.noNote')}</Typography.Text>}</Typography.Text>
            <Flex gap={4} wrap align="center">
              <Typography.Text>{v.rule.charge}</Typography.Text>
              <ConfidenceTag confidence={v.rule.confidence} />
              <SectorTags sectors={v.rule.sectors} />
            </Flex>
            {v.rule.aliases.length > 0 && (
              <Typography.Text type="secondary">
                {t('history.aliases')}：{v.rule.aliases.join('、')}
              </Typography.Text>
            )}
            {v.rule.provisions.map((p) => (
              <Flex key={p.id} vertical style={{ paddingInlineStart: 12, borderInlineStart: '2px solid #f0f0f0' }}>
                <span>
                  <ProvisionTitle provision={p} /> <ConfidenceTag confidence={p.confidence} /> <EffectiveDates from={p.effectiveFrom} to={p.effectiveTo} />
                </span>
                <Typography.Text type="secondary">{p.summary}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        ),
      }))}
    />
  );
}
