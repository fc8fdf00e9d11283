import { Alert, Card, Col, Descriptions, Empty, Flex, Row, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { datasetKindLabel } from '../../api/errors';
import { type EvidenceRow, type HitDetail, type ModelDocument, useHit, useModel } from '../../api/models';
import { useCurrentSession } from '../../api/session';
import type { ColumnDefinition } from '../../../domain/datasetKinds';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import {
  LINE_COLUMN,
  SOURCE_COLUMN,
  columnTitle,
  comparable,
  formatValue,
  humanize,
  identifies,
  kindColumn,
  localized,
  matchesSubject,
  subjectColumn,
  subjectColumnNames,
  subjectValues,
  summaryKind,
} from '../../evidence';
import { useFormat } from '../../format';
import i18n, { useLocale } from '../../i18n';
import { ProbableMatchNotice } from './hit/ProbableMatchNotice';
import { ReviewPanel } from './hit/ReviewPanel';
import { RegisterClueButton } from '../cases/clue/RegisterClueButton';
import { UnmaskedNotice } from './run/HitsTable';
import { UnmaskReasonSwitch } from './run/UnmaskReason';
import { ChangeTag, ReviewStatusTag } from './shared';

/** A shown value, marked when the other side (subject or evidence) has it too. */
function Cell({ text, matched }: { text: string; matched: boolean }) {
  return matched ? (
    <Typography.Text mark data-matched="true">
      {text}
    </Typography.Text>
  ) : (
    <>{text}</>
  );
}

/** The subject's own rows: each a record of the dataset it was drawn from. */
function SubjectCard({ hit, document, evidenceValues }: { hit: HitDetail; document: ModelDocument | undefined; evidenceValues: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  return (
    <Card
      title={t('hits.subject')}
      extra={
        <Flex gap={4}>
          <ChangeTag change={hit.change} />
          <ReviewStatusTag status={hit.review.status} />
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('hits.name'), children: hit.name ?? '—' },
            { key: 'idNumber', label: t('hits.idNumber'), children: <span style={{ fontFamily: 'monospace' }}>{hit.idNumber ?? '—'}</span> },
            { key: 'subjectKey', label: t('hits.subjectKey'), children: hit.subjectKey },
          ]}
        />
        {hit.subject.map((row, index) => {
          const source = typeof row[SOURCE_COLUMN] === 'string' ? (row[SOURCE_COLUMN] as string) : undefined;
          return (
            <Descriptions
              key={index}
              bordered
              size="small"
              column={1}
              title={
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {source ? datasetKindLabel(source) : t('hits.subject')}
                  {row[LINE_COLUMN] !== undefined && ` · ${t('hits.line', { line: String(row[LINE_COLUMN]) })}`}
                </Typography.Text>
              }
              styles={{ label: { width: 140 } }}
              items={subjectColumnNames(document, source, row).map((name) => {
                const value = row[name];
                const column = subjectColumn(document, source, name);
                return {
                  key: name,
                  label: columnTitle(column, name, locale),
                  children: <Cell text={formatValue(value, column?.type, format, locale, column)} matched={matchesSubject(evidenceValues, column, value)} />,
                };
              })}
            />
          );
        })}
      </Flex>
    </Card>
  );
}

function summaryLabel(name: string): string {
  const key = `hits.summaryNames.${name}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : humanize(name);
}

/** One rule that fired: what it checks in words, its figures, and the rows that show it. */
function EvidenceCard({
  hit,
  rule,
  document,
  subjectSet,
}: {
  hit: HitDetail;
  rule: HitDetail['rules'][number];
  document: ModelDocument | undefined;
  subjectSet: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const locale = useLocale();
  const definition = document?.rules.find((r) => r.id === rule.id);
  const dataset = definition?.dataset;
  const rows = hit.evidence[rule.id] ?? [];
  const summaries = Object.entries(hit.summaries?.[rule.id] ?? {});
  const names = definition?.evidence ?? [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((name) => !name.startsWith('_'));
  const columnOf = (name: string): ColumnDefinition | undefined => kindColumn(dataset, name);
  const hasLines = rows.some((row) => row[LINE_COLUMN] !== undefined);

  return (
    <Card
      data-testid={`evidence-${rule.id}`}
      title={localized(rule.title, locale)}
      extra={dataset && <Tag color="blue" variant="outlined">{datasetKindLabel(dataset)}</Tag>}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {localized(rule.description, locale)}
        </Typography.Paragraph>
        <ProbableMatchNotice rows={rows} />
        {summaries.length > 0 && (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={summaries.map(([name, value]) => {
              const kind = summaryKind(document, rule.id, name);
              const how = kind.fn ? `${kind.fn}${kind.of ? `(${kind.of})` : ''}` : null;
              return {
                key: name,
                label: (
                  <Flex vertical>
                    <span>{summaryLabel(name)}</span>
                    {how && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {how}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
                children: <Typography.Text strong>{formatValue(value, kind.type, format, locale, kind.column)}</Typography.Text>,
              };
            })}
          />
        )}
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hits.noEvidence')} />
        ) : (
          <Table<EvidenceRow>
            size="small"
            rowKey={(row) => String(row[LINE_COLUMN] ?? JSON.stringify(row))}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            pagination={rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
            columns={[
              ...(hasLines ? [{ title: t('hits.lineColumn'), key: LINE_COLUMN, render: (_: unknown, row: EvidenceRow) => String(row[LINE_COLUMN] ?? '') }] : []),
              ...names.map((name) => {
                const column = columnOf(name);
                return {
                  title: columnTitle(column, name, locale),
                  key: name,
                  render: (_: unknown, row: EvidenceRow) => (
                    <Cell text={formatValue(row[name], column?.type, format, locale, column)} matched={matchesSubject(subjectSet, column, row[name])} />
                  ),
                };
              }),
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

/** The identifying values of all evidence rows: subject cells equal to one are marked. */
function evidenceValues(hit: HitDetail, document: ModelDocument | undefined): Set<string> {
  const values = new Set<string>();
  for (const [ruleId, rows] of Object.entries(hit.evidence)) {
    const dataset = document?.rules.find((r) => r.id === ruleId)?.dataset;
    for (const row of rows) {
      for (const [name, value] of Object.entries(row)) {
        if (name.startsWith('_') || !identifies(kindColumn(dataset, name))) continue;
        const text = comparable(value);
        if (text !== null) values.add(text);
      }
    }
  }
  return values;
}

export default function HitPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const { permissions } = useCurrentSession();
  const [unmaskReason, setUnmaskReason] = useState<string | null>(null);
  const hit = useHit(id, unmaskReason);
  const model = useModel(hit.data?.modelId ?? '', locale);
  const document = model.data?.document;

  const data = hit.data;
  const subjectSet = useMemo(
    () => (data ? subjectValues(data.subject, (row, name) => subjectColumn(document, String(row[SOURCE_COLUMN] ?? ''), name)) : new Set<string>()),
    [data, document],
  );
  const evidenceSet = useMemo(() => (data ? evidenceValues(data, document) : new Set<string>()), [data, document]);

  const breadcrumb = [
    { key: 'models', title: <Link to="/models">{t('menu.models')}</Link> },
    ...(data
      ? [
          { key: 'model', title: <Link to={`/models/${data.modelId}`}>{document ? localized(document.title, locale) : data.modelId}</Link> },
          { key: 'run', title: <Link to={`/runs/${data.runId}`}>{t('menu.run')}</Link> },
        ]
      : []),
    { key: 'hit', title: t('menu.hit') },
  ];
  if (hit.error) {
    return (
      <PageContainer title={t('menu.hit')} breadcrumb={breadcrumb}>
        <QueryError error={hit.error} onRetry={() => void hit.refetch()} />
      </PageContainer>
    );
  }
  if (!data) return <PageLoading />;
  // Rules the model has dropped since this run still show their evidence, under their id.
  const dropped = Object.keys(data.evidence)
    .filter((ruleId) => !data.rules.some((rule) => rule.id === ruleId))
    .map((ruleId) => ({ id: ruleId, title: { 'zh-CN': ruleId, 'en-US': ruleId }, description: { 'zh-CN': '', 'en-US': '' }, fired: true }));
  const fired = [...data.rules.filter((rule) => rule.fired), ...dropped];
  const others = data.rules.filter((rule) => !rule.fired);
  const mayUnmask = permissions.includes('hit:unmask') && data.canUnmask;

  return (
    <PageContainer
      breadcrumb={breadcrumb}
      title={t('hits.pageTitle', { name: data.name ?? data.subjectKey })}
      extra={
        <Flex gap={16} align="center">
          {mayUnmask && <UnmaskReasonSwitch reason={unmaskReason} onChange={setUnmaskReason} />}
          <RegisterClueButton hit={data} />
        </Flex>
      }
    >
      <Typography.Text type="secondary">{t('hits.clueNotice')}</Typography.Text>
      {unmaskReason !== null && !data.masked && <UnmaskedNotice />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <SubjectCard hit={data} document={document} evidenceValues={evidenceSet} />
            <ReviewPanel hit={data} canReview={permissions.includes('hit:review')} onReload={() => void hit.refetch()} />
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Alert type="info" showIcon title={t('hits.matchLegend')} />
            {fired.map((rule) => (
              <EvidenceCard key={rule.id} hit={data} rule={rule} document={document} subjectSet={subjectSet} />
            ))}
            {others.length > 0 && (
              <Card size="small" title={t('hits.otherRules')}>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {others.map((rule) => (
                    <li key={rule.id}>
                      <Typography.Text type="secondary">{localized(rule.title, locale)}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </Flex>
        </Col>
      </Row>
    </PageContainer>
  );
}
