import { Alert, Button, Card, Empty, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChargeProposal, useProposals } from '../../api/knowledge';
import { QueryError } from '../../components/QueryError';
import { ConfidenceTag, EffectiveDates, ProvisionTitle, useSectorLabel } from './shared';

function ProposalCard({ proposal }: { proposal: ChargeProposal }) {
  const { t } = useTranslation('knowledge');
  const sectorLabel = useSectorLabel();
  return (
    <Card
      size="small"
      data-testid={`proposal-${proposal.rule.code}`}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{proposal.rule.charge}</span>
          <ConfidenceTag confidence={proposal.rule.confidence} />
          <Tag>{t(`match.${proposal.match.kind}`)}</Tag>
        </Flex>
      }
      extra={<Typography.Text type="secondary">{t('versionNumber', { version: proposal.version })}</Typography.Text>}
    >
      <Flex vertical gap={8}>
        {!proposal.ruleInForce && <Alert type="warning" showIcon title={t('propose.ruleNotInForce')} />}
        {proposal.needsVerification && <Alert type="warning" showIcon title={t('propose.needsVerification')} />}
        {proposal.versionChoice && <Alert type="info" showIcon title={t('propose.versionChoice')} />}
        <Typography.Text strong>{t('propose.agencies')}</Typography.Text>
        {proposal.agencies.map((a) => (
          <div key={a.sector}>
            <Tag color="blue">{sectorLabel(a.sector)}</Tag>
            {a.organizations.length ? a.organizations.map((o) => o.name).join('、') : <Typography.Text type="secondary">{t('propose.noAgency')}</Typography.Text>}
          </div>
        ))}
        {proposal.provisions.map((p) => (
          <Flex key={p.id} vertical gap={2} style={{ opacity: p.inForce ? 1 : 0.6, paddingInlineStart: 12, borderInlineStart: '2px solid #f0f0f0' }} data-testid={`provision-${p.id}`}>
            <span>
              <ProvisionTitle provision={p} /> <Tag color={p.inForce ? 'green' : 'default'}>{t(`status.${p.status}`)}</Tag>
              {p.flags.filter((f) => f !== 'article_not_pinned').map((f) => (
                <Tag key={f} color={f === 'version_choice' ? 'purple' : 'orange'}>
                  {t(`flags.${f}`)}
                </Tag>
              ))}
            </span>
            <Typography.Text type="secondary">{p.summary}</Typography.Text>
            <EffectiveDates from={p.effectiveFrom} to={p.effectiveTo} />
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** Look a charge up as the review page will: matching rules, provisions on the act date, agencies. */
export function ProposeTab() {
  const { t } = useTranslation('knowledge');
  const [asked, setAsked] = useState<{ charge: string; actDate: string | null }>({ charge: '', actDate: null });
  const proposals = useProposals(asked.charge, asked.actDate);
  return (
    <Flex vertical gap={16}>
      <Form
        layout="inline"
        onFinish={(v: { charge: string; actDate?: string }) => setAsked({ charge: v.charge?.trim() ?? '', actDate: v.actDate?.trim() || null })}
        data-testid="propose-form"
      >
        <Form.Item name="charge" label={t('propose.charge')} rules={[{ required: true, message: t('form.required') }]}>
          <Input placeholder={t('propose.chargePlaceholder')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="actDate" label={t('propose.actDate')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('form.dateInvalid') }]}>
          <Input placeholder={t('form.datePlaceholder')} style={{ width: 140 }} allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={proposals.isFetching}>
          {t('propose.search')}
        </Button>
      </Form>
      <Typography.Text type="secondary">{t('propose.hint')}</Typography.Text>
      {proposals.error && <QueryError error={proposals.error} onRetry={() => void proposals.refetch()} />}
      {proposals.data &&
        (proposals.data.proposals.length === 0 ? (
          <Empty description={t('propose.noMatch')} />
        ) : (
          proposals.data.proposals.map((p) => <ProposalCard key={p.rule.code} proposal={p} />)
        ))}
    </Flex>
  );
}
