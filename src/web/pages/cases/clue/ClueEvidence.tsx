import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Clue } from '../../../api/cases';
import { type EvidenceRow, type ModelDocument, useModel } from '../../../api/models';
import { useCurrentSession } from '../../../api/session';
import { columnTitle, formatValue, kindColumn, localized, subjectColumnNames } from '../../../evidence';
import { useFormat } from '../../../format';
import { useLocale } from '../../../i18n';
import { Prose } from '../shared';

/** What a clue registered from a model hit carries (routes/clues.ts POST /api/hits/:id/clue). */
interface HitEvidence {
  modelId: string;
  modelVersion?: number;
  runId?: string;
  asOf?: string;
  rules?: string[];
  evidence?: Record<string, EvidenceRow[]>;
  subject?: EvidenceRow[];
  reviewReason?: string | null;
}

interface MergedClue {
  title?: string;
  summary?: string;
}

const MERGED = 'merged:';

function hitEvidenceOf(clue: Clue): HitEvidence | null {
  return typeof clue.evidence.modelId === 'string' ? (clue.evidence as unknown as HitEvidence) : null;
}

function mergedOf(clue: Clue): [string, MergedClue][] {
  return Object.entries(clue.evidence)
    .filter(([key]) => key.startsWith(MERGED))
    .map(([key, value]) => [key.slice(MERGED.length), (value ?? {}) as MergedClue]);
}

export function hasEvidence(clue: Clue): boolean {
  return hitEvidenceOf(clue) !== null || mergedOf(clue).length > 0;
}

/** Rows of one dataset, headed and formatted by its column definitions. */
function RowsTable({ rows, dataset }: { rows: EvidenceRow[]; dataset: string | undefined }) {
  const format = useFormat();
  const locale = useLocale();
  // As on the hit's page: the kind's column order, without bookkeeping columns and ID validity flags.
  const names = [...new Set(rows.flatMap((row) => subjectColumnNames(undefined, dataset, row)))];
  return (
    <Table<EvidenceRow>
      size="small"
      rowKey={(row) => JSON.stringify(row)}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
      columns={names.map((name) => {
        const column = kindColumn(dataset, name);
        return { title: columnTitle(column, name, locale), key: name, render: (_: unknown, row: EvidenceRow) => formatValue(row[name], column?.type, format, locale, column) };
      })}
    />
  );
}

function HitEvidenceView({ clue, evidence }: { clue: Clue; evidence: HitEvidence }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const locale = useLocale();
  const { permissions } = useCurrentSession();
  // The model's own words for its rules, when the reader may open models.
  const model = useModel(permissions.includes('model:read') ? evidence.modelId : '', locale);
  const document: ModelDocument | undefined = model.data?.document;
  const rule = (id: string) => document?.rules.find((r) => r.id === id);
  const ruleTitle = (id: string) => (rule(id) ? localized(rule(id)!.title, locale) : id);
  const evidenceRows = Object.entries(evidence.evidence ?? {}).filter(([, rows]) => rows.length > 0);

  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'model',
            label: t('cases:evidence.model'),
            children: permissions.includes('model:read') ? <Link to={`/models/${evidence.modelId}`}>{document ? localized(document.title, locale) : evidence.modelId}</Link> : evidence.modelId,
          },
          { key: 'version', label: t('cases:evidence.modelVersion'), children: evidence.modelVersion ?? '—' },
          { key: 'asOf', label: t('cases:evidence.asOf'), children: evidence.asOf ? format.date(evidence.asOf) : '—' },
          {
            key: 'hit',
            label: t('cases:evidence.hit'),
            children: clue.hitId && permissions.includes('hit:read') ? <Link to={`/hits/${clue.hitId}`}>{t('cases:evidence.openHit')}</Link> : '—',
          },
          {
            key: 'rules',
            label: t('cases:evidence.rules'),
            span: 'filled' as const,
            children: (
              <Flex gap={4} wrap>
                {(evidence.rules ?? []).map((id) => (
                  <Tag key={id} color="geekblue">
                    {ruleTitle(id)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          ...(evidence.reviewReason ? [{ key: 'review', label: t('cases:evidence.reviewReason'), span: 'filled' as const, children: <Prose text={evidence.reviewReason} /> }] : []),
        ]}
      />
      {evidenceRows.map(([ruleId, rows]) => (
        <div key={ruleId} data-testid={`clue-evidence-${ruleId}`}>
          <Typography.Text strong>{ruleTitle(ruleId)}</Typography.Text>
          <RowsTable rows={rows} dataset={rule(ruleId)?.dataset} />
        </div>
      ))}
      {(evidence.subject ?? []).length > 0 && (
        <div>
          <Typography.Text strong>{t('cases:evidence.subjectRows')}</Typography.Text>
          <RowsTable rows={evidence.subject!} dataset={typeof evidence.subject![0]._source === 'string' ? evidence.subject![0]._source : undefined} />
        </div>
      )}
    </Flex>
  );
}

/** The evidence a clue carries: the model hit's rules and rows, and what merged duplicates brought. */
export function ClueEvidence({ clue }: { clue: Clue }) {
  const { t } = useTranslation(['translation', 'cases']);
  const hit = hitEvidenceOf(clue);
  const merged = mergedOf(clue);
  return (
    <Card title={t('cases:evidence.title')} data-testid="clue-evidence">
      <Flex vertical gap={16}>
        {hit && <HitEvidenceView clue={clue} evidence={hit} />}
        {merged.map(([number, m]) => (
          <Descriptions
            key={number}
            size="small"
            column={1}
            title={t('cases:evidence.mergedClue', { number })}
            items={[
              { key: 'title', label: t('cases:fields.title'), children: m.title ?? '—' },
              { key: 'summary', label: t('cases:fields.summary'), children: <Prose text={m.summary} /> },
            ]}
          />
        ))}
      </Flex>
    </Card>
  );
}
