import { PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChargeRuleView, useChargeRule, useChargeRules } from '../../api/knowledge';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ProposeTab } from './ProposeTab';
import { RuleEditor } from './RuleEditor';
import { RuleHistory } from './RuleHistory';
import { SectorsTab } from './SectorsTab';
import { ConfidenceTag, EffectiveDates, ProvisionTitle, SectorTags } from './shared';

/** The drawer of one rule: its form (editable for editors) and its versions. */
function RuleDrawerContent({ code, mayEdit, onClose }: { code: string; mayEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation('knowledge');
  const detail = useChargeRule(code);
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <PageLoading />;
  return (
    <Tabs
      items={[
        { key: 'rule', label: t('ruleTab'), children: <RuleEditor key={detail.data.version} editing={detail.data} mayEdit={mayEdit} onSaved={onClose} /> },
        { key: 'history', label: `${t('historyTab')} (${detail.data.history.length})`, children: <RuleHistory history={detail.data.history} /> },
      ]}
    />
  );
}

function RulesTable({ onOpen }: { onOpen: (code: string) => void }) {
  const { t } = useTranslation('knowledge');
  const rules = useChargeRules();
  if (rules.error) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Table<ChargeRuleView>
      rowKey="code"
      data-testid="charge-rules-table"
      loading={rules.isFetching}
      dataSource={rules.data?.items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('columns.charge'),
          key: 'charge',
          width: 260,
          render: (_, r) => (
            <Flex vertical gap={2}>
              <Typography.Text strong>{r.charge}</Typography.Text>
              <Flex gap={4} wrap>
                <Typography.Text type="secondary" code>
                  {r.code}
                </Typography.Text>
                <Tag>{r.builtIn ? t('builtIn') : t('custom')}</Tag>
                {r.appliesAfter.map((a) => (
                  <Tag key={a}>{t(`appliesAfter.${a}`)}</Tag>
                ))}
              </Flex>
            </Flex>
          ),
        },
        { title: t('columns.sectors'), key: 'sectors', width: 180, render: (_, r) => <SectorTags sectors={r.sectors} /> },
        {
          title: t('columns.provisions'),
          key: 'provisions',
          render: (_, r) => (
            <Flex vertical gap={4}>
              {r.provisions.map((p) => (
                <span key={p.id}>
                  <ProvisionTitle provision={p} /> <ConfidenceTag confidence={p.confidence} />
                  <Typography.Text type="secondary">
                    <EffectiveDates from={p.effectiveFrom} to={p.effectiveTo} />
                  </Typography.Text>
                </span>
              ))}
            </Flex>
          ),
        },
        { title: t('columns.confidence'), key: 'confidence', width: 110, render: (_, r) => <ConfidenceTag confidence={r.confidence} /> },
        { title: t('columns.version'), key: 'version', width: 90, render: (_, r) => t('versionNumber', { version: r.version }) },
        {
          title: t('columns.actions'),
          key: 'actions',
          width: 90,
          render: (_, r) => (
            <Button type="link" onClick={() => onOpen(r.code)} data-testid={`open-rule-${r.code}`}>
              {t('view')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** 衔接知识库: the charge → agency → penalty rules, the agencies' sectors, and a lookup to try them. */
export default function KnowledgeBasePage() {
  const { t } = useTranslation('knowledge');
  const { t: tMenu } = useTranslation();
  const { permissions } = useCurrentSession();
  const mayEdit = permissions.includes('knowledge:edit');
  const [open, setOpen] = useState<{ code: string | null } | null>(null);

  return (
    <PageContainer
      title={tMenu('menu.knowledge')}
      extra={
        mayEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ code: null })} data-testid="new-rule">
            {t('newRule')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'rules', label: t('tabs.rules'), children: <RulesTable onOpen={(code) => setOpen({ code })} /> },
          { key: 'sectors', label: t('tabs.sectors'), children: <SectorsTab mayEdit={mayEdit} /> },
          { key: 'propose', label: t('tabs.propose'), children: <ProposeTab /> },
        ]}
      />
      <Drawer open={!!open} size="large" destroyOnHidden title={open?.code ?? t('newRule')} onClose={() => setOpen(null)}>
        {open &&
          (open.code ? (
            <RuleDrawerContent key={open.code} code={open.code} mayEdit={mayEdit} onClose={() => setOpen(null)} />
          ) : (
            <RuleEditor editing={null} mayEdit={mayEdit} onSaved={() => setOpen(null)} />
          ))}
      </Drawer>
    </PageContainer>
  );
}
