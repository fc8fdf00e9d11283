import { App, Button, Card, Col, DatePicker, Drawer, Flex, InputNumber, Modal, Radio, Row, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, lazy, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DEFAULT_PATTERN_MIN_CASES, PATTERN_SUGGESTION_KINDS, type PatternSuggestionKind } from '../../../domain/governance/patternSuggestion';
import { useCurrentSession } from '../../api/session';
import { AgencySelect } from '../../components/AgencySelect';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import {
  COUNT_KEYS,
  FLAG_OF,
  type AgencyRow,
  type CaseListFilter,
  type CountKey,
  type GovernanceCase,
  type GovernanceCounts,
  type GovernanceFilter,
  type MatterRow,
  type PatternRow,
  useAgencyRanking,
  useDraftPatternSuggestion,
  useGovernanceCases,
  useMatterRanking,
  usePatterns,
  useTrend,
} from './api';

/** ECharts is large: it loads only when a chart is shown. */
const GovernanceChart = lazy(() => import('./GovernanceChart'));

const DATE = 'YYYY-MM-DD';
/** The counts the charts draw (served documents stay in the tables). */
const CHART_KEYS: CountKey[] = ['cases', 'notAdopted', 'followUps', 'overdue'];

function thisYear(): GovernanceFilter {
  return { from: dayjs().startOf('year').format(DATE), to: dayjs().endOf('year').format(DATE) };
}

/** What the case list drawer shows: its heading and which cases. */
interface Opened {
  label: string;
  list: CaseListFilter;
}

function useMatterLabel() {
  const { t } = useTranslation(['translation', 'governance']);
  return useCallback((matter: string) => matter || t('governance:unclassified'), [t]);
}

/** A count that opens its cases. */
function Count({ value, testId, onOpen }: { value: number; testId: string; onOpen: () => void }) {
  const format = useFormat();
  if (value === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Typography.Link onClick={onOpen} data-testid={testId}>
      {format.number(value)}
    </Typography.Link>
  );
}

/** The count columns of a ranking or pattern table, each opening the cases it counts. */
function useCountColumns<T extends GovernanceCounts>(listOf: (row: T) => CaseListFilter, labelOf: (row: T) => string, open: (o: Opened) => void, testPrefix: string) {
  const { t } = useTranslation(['translation', 'governance']);
  return COUNT_KEYS.map((key) => ({
    title: t(`governance:counts.${key}`),
    key,
    align: 'right' as const,
    render: (_: unknown, row: T, index: number) => (
      <Count
        value={row[key]}
        testId={`${testPrefix}-${index}-${key}`}
        onOpen={() => open({ label: `${labelOf(row)} · ${t(`governance:counts.${key}`)}`, list: { ...listOf(row), flag: FLAG_OF[key] } })}
      />
    ),
  }));
}

/** The cases behind a count, a page at a time. */
function CaseList({ filter, opened, onClose }: { filter: GovernanceFilter; opened: Opened; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'governance']);
  const format = useFormat();
  const matterLabel = useMatterLabel();
  const { permissions } = useCurrentSession();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const cases = useGovernanceCases(filter, opened.list, paging);
  const flags = (c: GovernanceCase) =>
    [
      c.served && <Tag key="served">{t('governance:flags.served')}</Tag>,
      c.notAdopted && (
        <Tag key="notAdopted" color="red">
          {t('governance:flags.notAdopted')}
        </Tag>
      ),
      c.followUp && (
        <Tag key="followUp" color="orange">
          {t('governance:flags.followUp')}
        </Tag>
      ),
      c.overdue && (
        <Tag key="overdue" color="volcano">
          {t('governance:flags.overdue')}
        </Tag>
      ),
    ].filter(Boolean);
  return (
    <Drawer open width={1000} onClose={onClose} title={t('governance:cases.title', { label: opened.label })} data-testid="governance-cases">
      {cases.error && <QueryError error={cases.error} onRetry={() => void cases.refetch()} />}
      <Table<GovernanceCase>
        rowKey="id"
        size="small"
        loading={cases.isFetching}
        dataSource={cases.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: cases.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: t('governance:columns.number'), key: 'number', render: (_, c) => (permissions.includes('case:read') ? <Link to={`/cases/${c.id}`}>{c.number}</Link> : c.number) },
          { title: t('governance:columns.caseTitle'), dataIndex: 'title' },
          { title: t('governance:columns.agency'), key: 'agency', render: (_, c) => c.agency.name },
          { title: t('governance:columns.matter'), key: 'matter', render: (_, c) => matterLabel(c.matter) },
          { title: t('governance:columns.registeredOn'), dataIndex: 'registeredOn', render: (date: string) => format.date(date) },
          { title: t('governance:columns.flags'), key: 'flags', render: (_, c) => <Flex gap={4}>{flags(c)}</Flex> },
        ]}
        locale={{ emptyText: t('governance:cases.empty') }}
      />
    </Drawer>
  );
}

/** The kind of suggestion to draft for a pattern; creating it opens the draft. */
function DraftDialog({ pattern, filter, minCases, onClose }: { pattern: PatternRow; filter: GovernanceFilter; minCases: number; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'governance']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const matterLabel = useMatterLabel();
  const [kind, setKind] = useState<PatternSuggestionKind>('class');
  const draft = useDraftPatternSuggestion();
  const submit = async () => {
    const result = await draft.mutateAsync({ agencyId: pattern.agency.id, matter: pattern.matter, kind, from: filter.from, to: filter.to, minCases });
    if (!result.created) void message.info(t('governance:draft.existing'));
    void navigate(result.documentId ? `/documents/${result.documentId}` : `/cases/${result.caseId}`);
  };
  return (
    <Modal
      open
      title={t('governance:draft.title', { agency: pattern.agency.name, matter: matterLabel(pattern.matter) })}
      okText={t('governance:draft.submit')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={draft.isPending}
      onCancel={onClose}
      data-testid="governance-draft-dialog"
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('governance:draft.explain', { count: pattern.cases })}</Typography.Paragraph>
        <div>
          <Typography.Text strong>{t('governance:draft.kind')}</Typography.Text>
        </div>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as PatternSuggestionKind)} data-testid="governance-draft-kind">
          {PATTERN_SUGGESTION_KINDS.map((k) => (
            <Radio key={k} value={k}>
              {t(`governance:draft.kinds.${k}`)}
            </Radio>
          ))}
        </Radio.Group>
        {draft.error && <QueryError error={draft.error} onRetry={() => void submit().catch(() => undefined)} />}
      </Flex>
    </Modal>
  );
}

/** Counts per agency, matter or month as bars; a bar opens the cases it counts. */
function CountsChart<T extends GovernanceCounts>({ title, rows, categoryOf, listOf, open, testId }: { title: string; rows: T[]; categoryOf: (row: T) => string; listOf: (row: T) => CaseListFilter; open: (o: Opened) => void; testId: string }) {
  const { t } = useTranslation(['translation', 'governance']);
  const shown = useMemo(() => rows.slice(0, 15), [rows]);
  const categories = useMemo(() => shown.map(categoryOf), [shown, categoryOf]);
  const series = useMemo(() => CHART_KEYS.map((key) => ({ name: t(`governance:counts.${key}`), data: shown.map((row) => row[key]) })), [shown, t]);
  const onSelect = useCallback(
    (index: number, seriesIndex: number) => {
      const key = CHART_KEYS[seriesIndex];
      open({ label: `${categories[index]} · ${t(`governance:counts.${key}`)}`, list: { ...listOf(shown[index]), flag: FLAG_OF[key] } });
    },
    [categories, listOf, open, shown, t],
  );
  return (
    <Card size="small" title={title} extra={<Typography.Text type="secondary">{t('governance:charts.hint')}</Typography.Text>}>
      <Suspense fallback={<Skeleton active />}>
        <GovernanceChart categories={categories} series={series} label={title} testId={testId} onSelect={onSelect} />
      </Suspense>
    </Card>
  );
}

/**
 * 诉源治理: which agencies and which matters produce the most supervision cases, the repeated
 * problems among them, and from a repeated problem a drafted class or social-governance suggestion.
 */
export default function GovernancePage() {
  const { t } = useTranslation(['translation', 'governance']);
  const format = useFormat();
  const matterLabel = useMatterLabel();
  const { permissions } = useCurrentSession();
  const mayDraft = permissions.includes('governance:draft');
  const [filter, setFilter] = useState<GovernanceFilter>(thisYear);
  const [minCases, setMinCases] = useState(DEFAULT_PATTERN_MIN_CASES);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [drafting, setDrafting] = useState<PatternRow | null>(null);
  const agencies = useAgencyRanking(filter);
  const matters = useMatterRanking(filter);
  const trend = useTrend(filter);
  const patterns = usePatterns(filter, minCases);
  const refine = (change: Partial<GovernanceFilter>) => setFilter((previous) => ({ ...previous, ...change }));
  const range = useMemo<[Dayjs, Dayjs]>(() => [dayjs(filter.from), dayjs(filter.to)], [filter.from, filter.to]);

  const agencyName = useCallback((row: { agency: { name: string } }) => row.agency.name, []);
  const agencyList = useCallback((row: { agency: { id: string } }) => ({ agencyId: row.agency.id }), []);
  const matterName = useCallback((row: { matter: string }) => matterLabel(row.matter), [matterLabel]);
  const matterList = useCallback((row: { matter: string }) => ({ matter: row.matter }), []);
  const monthName = useCallback((row: { month: string }) => format.month(row.month), [format]);
  const monthList = useCallback((row: { month: string }) => ({ month: row.month }), []);
  const patternLabel = useCallback((row: PatternRow) => `${row.agency.name} · ${matterLabel(row.matter)}`, [matterLabel]);
  const patternList = useCallback((row: PatternRow) => ({ agencyId: row.agency.id, matter: row.matter }), []);

  const agencyCounts = useCountColumns<AgencyRow>(agencyList, agencyName, setOpened, 'governance-agency');
  const matterCounts = useCountColumns<MatterRow>(matterList, matterName, setOpened, 'governance-matter');
  const patternCounts = useCountColumns(patternList, patternLabel, setOpened, 'governance-pattern');
  const error = agencies.error ?? matters.error ?? trend.error ?? patterns.error;

  return (
    <PageContainer title={t('governance:title')}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('governance:intro')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          placeholder={[t('governance:filters.from'), t('governance:filters.to')]}
          onChange={(next) => next?.[0] && next[1] && refine({ from: next[0].format(DATE), to: next[1].format(DATE) })}
          data-testid="governance-period"
        />
        <AgencySelect value={filter.agencyId} onChange={(agencyId) => refine({ agencyId })} placeholder={t('governance:filters.agency')} testId="governance-agency" />
        <Flex gap={4} align="center">
          <Typography.Text>{t('governance:filters.minCases')}</Typography.Text>
          <InputNumber min={1} max={1000} value={minCases} onChange={(n) => n && setMinCases(n)} style={{ width: 80 }} data-testid="governance-min-cases" />
        </Flex>
      </Flex>
      {error && (
        <QueryError
          error={error}
          onRetry={() => {
            void agencies.refetch();
            void matters.refetch();
            void trend.refetch();
            void patterns.refetch();
          }}
        />
      )}
      {!agencies.data && agencies.isLoading && <Skeleton active />}
      {agencies.data && agencies.data.items.length === 0 && <Typography.Text type="secondary">{t('governance:empty')}</Typography.Text>}
      {agencies.data && agencies.data.items.length > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <CountsChart title={t('governance:charts.agencies')} rows={agencies.data.items} categoryOf={agencyName} listOf={agencyList} open={setOpened} testId="governance-agencies-chart" />
            </Col>
            <Col xs={24} xl={12}>
              {matters.data && <CountsChart title={t('governance:charts.matters')} rows={matters.data.items} categoryOf={matterName} listOf={matterList} open={setOpened} testId="governance-matters-chart" />}
            </Col>
          </Row>
          <Card size="small" title={t('governance:patterns.title')} extra={<Typography.Text type="secondary">{t('governance:patterns.help')}</Typography.Text>}>
            <Table<PatternRow>
              rowKey={(row) => `${row.agency.id}|${row.matter}`}
              size="small"
              loading={patterns.isFetching}
              dataSource={patterns.data?.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="governance-patterns"
              columns={[
                { title: t('governance:columns.agency'), key: 'agency', render: (_, row) => row.agency.name },
                { title: t('governance:columns.matter'), key: 'matter', render: (_, row) => matterLabel(row.matter) },
                ...patternCounts,
                { title: t('governance:columns.period'), key: 'period', render: (_, row) => `${format.date(row.firstOn)} – ${format.date(row.lastOn)}` },
                ...(mayDraft
                  ? [
                      {
                        title: t('governance:columns.actions'),
                        key: 'actions',
                        render: (_: unknown, row: PatternRow, index: number) => (
                          <Button size="small" type="primary" ghost onClick={() => setDrafting(row)} data-testid={`governance-pattern-${index}-draft`}>
                            {t('governance:patterns.draft')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
              locale={{ emptyText: t('governance:patterns.empty') }}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('governance:charts.agencies')}>
                <Table rowKey={(row) => row.agency.id} size="small" pagination={false} dataSource={agencies.data.items} columns={[{ title: t('governance:columns.agency'), key: 'agency', render: (_, row) => row.agency.name }, ...agencyCounts]} data-testid="governance-agencies" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('governance:charts.matters')}>
                <Table
                  rowKey="matter"
                  size="small"
                  pagination={false}
                  dataSource={matters.data?.items}
                  columns={[{ title: t('governance:columns.matter'), key: 'matter', render: (_, row) => matterLabel(row.matter) }, { title: t('governance:columns.agencies'), dataIndex: 'agencies', align: 'right' as const }, ...matterCounts]}
                  data-testid="governance-matters"
                />
              </Card>
            </Col>
          </Row>
          {trend.data && trend.data.items.length > 0 && (
            <CountsChart title={t('governance:charts.trend')} rows={trend.data.items} categoryOf={monthName} listOf={monthList} open={setOpened} testId="governance-trend-chart" />
          )}
        </>
      )}
      {opened && <CaseList key={JSON.stringify(opened.list)} filter={filter} opened={opened} onClose={() => setOpened(null)} />}
      {drafting && <DraftDialog pattern={drafting} filter={filter} minCases={minCases} onClose={() => setDrafting(null)} />}
    </PageContainer>
  );
}
