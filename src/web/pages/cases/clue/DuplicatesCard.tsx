import { MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OPEN_CLUE_STATUSES } from '../../../../domain/cases/lifecycle';
import { type ClueDetail, type DuplicateClue, useMergeClue } from '../../../api/cases';
import { useCurrentSession } from '../../../api/session';
import { useFormat } from '../../../format';
import { ClueStatusTag, SourceTag, reportCaseError } from '../shared';

/**
 * The same person and matter registered more than once. The duplicate is merged into the clue
 * that stays, whose evidence then holds both.
 */
export function DuplicatesCard({ clue }: { clue: ClueDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const format = useFormat();
  const { permissions } = useCurrentSession();
  const merge = useMergeClue();
  const mayMerge = permissions.includes('clue:merge') && OPEN_CLUE_STATUSES.includes(clue.status);

  return (
    <Card title={t('cases:duplicates.title')} data-testid="duplicates">
      <Alert type="warning" showIcon title={t('cases:duplicates.notice')} style={{ marginBottom: 12 }} />
      <Table<DuplicateClue>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={clue.duplicates}
        columns={[
          { title: t('cases:fields.clueNumber'), dataIndex: 'number', render: (number: string, d) => <Link to={`/clues/${d.id}`}>{number}</Link> },
          { title: t('cases:fields.title'), dataIndex: 'title' },
          { title: t('cases:fields.source'), dataIndex: 'source', render: (source: DuplicateClue['source']) => <SourceTag source={source} /> },
          { title: t('cases:fields.status'), dataIndex: 'status', render: (status: DuplicateClue['status']) => <ClueStatusTag status={status} /> },
          { title: t('cases:fields.receivedOn'), dataIndex: 'received_on', render: (on: string) => format.date(on) },
          ...(mayMerge
            ? [
                {
                  title: t('common.actions'),
                  key: 'merge',
                  render: (_: unknown, d: DuplicateClue) => (
                    <Popconfirm
                      title={t('cases:duplicates.confirm', { number: d.number })}
                      okText={t('cases:duplicates.merge')}
                      onConfirm={() =>
                        merge.mutate(
                          { id: clue.id, version: clue.version, intoId: d.id },
                          { onSuccess: () => void message.success(t('cases:duplicates.merged', { number: d.number })), onError: (error) => reportCaseError(error, message) },
                        )
                      }
                    >
                      <Button size="small" icon={<MergeCellsOutlined />} loading={merge.isPending && merge.variables?.intoId === d.id}>
                        {t('cases:duplicates.merge')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
