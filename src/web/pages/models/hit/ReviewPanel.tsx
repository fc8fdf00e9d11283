import { CheckOutlined, CloseOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { reportError } from '../../../api/errors';
import { type Hit, type HitDetail, type ReviewStatus, useReviewHit } from '../../../api/models';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { conflictCurrent } from '../../../forms';
import { useFormat } from '../../../format';
import { ReviewStatusTag } from '../shared';

/** The server refused a dismissal for want of a reason (its own check, same as ours). */
function isReasonMissing(error: unknown): boolean {
  return error instanceof ApiError && error.fields.some((issue) => (Array.isArray(issue.path) ? issue.path[0] : issue.path) === 'reason');
}

/**
 * 人工复核: a procurator or analyst confirms the hit, dismisses it (with a reason), or sets it
 * back to pending. The hit's version goes along; if someone reviewed it meanwhile, their review
 * is shown instead of being overwritten.
 */
export function ReviewPanel({ hit, canReview, onReload }: { hit: HitDetail; canReview: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [conflict, setConflict] = useState<Hit | null>(null);
  const review = useReviewHit();

  function decide(decision: ReviewStatus) {
    const why = reason.trim();
    if (decision === 'dismissed' && !why) {
      setReasonMissing(true);
      return;
    }
    review.mutate(
      { id: hit.id, version: hit.version, decision, reason: why || null },
      {
        onSuccess: () => {
          setReason('');
          setReasonMissing(false);
          setConflict(null);
          void message.success(t(`hits.reviewed.${decision}`));
        },
        onError: (error) => {
          const current = conflictCurrent<Hit>(error);
          if (current) setConflict(current);
          else if (isReasonMissing(error)) setReasonMissing(true);
          else reportError(error, message);
        },
      },
    );
  }

  const pending = (decision: ReviewStatus) => review.isPending && review.variables?.decision === decision;

  return (
    <Card title={t('hits.reviewPanel')}>
      <Flex vertical gap={12}>
        {conflict && (
          <ConflictAlert
            onReload={() => {
              setConflict(null);
              onReload();
            }}
            current={[
              { key: 'status', label: t('hits.review'), children: <ReviewStatusTag status={conflict.review.status} /> },
              { key: 'reason', label: t('hits.reason'), children: conflict.review.reason ?? '—' },
              { key: 'by', label: t('hits.reviewedBy'), children: conflict.review.by ?? '—' },
              { key: 'at', label: t('hits.reviewedAt'), children: conflict.review.at ? format.dateTime(conflict.review.at) : '—' },
            ]}
          />
        )}
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'status', label: t('hits.review'), children: <ReviewStatusTag status={hit.review.status} /> },
            ...(hit.review.reason ? [{ key: 'reason', label: t('hits.reason'), children: hit.review.reason }] : []),
            ...(hit.review.by
              ? [{ key: 'by', label: t('hits.reviewedBy'), children: `${hit.review.by} · ${format.dateTime(hit.review.at)}` }]
              : []),
          ]}
        />
        {canReview && (
          <>
            <Flex vertical gap={4}>
              <Typography.Text>{t('hits.reason')}</Typography.Text>
              <Input.TextArea
                data-testid="review-reason"
                value={reason}
                rows={3}
                maxLength={1000}
                status={reasonMissing ? 'error' : undefined}
                placeholder={t('hits.reasonPlaceholder')}
                onChange={(event) => {
                  setReason(event.target.value);
                  if (event.target.value.trim()) setReasonMissing(false);
                }}
              />
              {reasonMissing && <Typography.Text type="danger">{t('hits.reasonRequired')}</Typography.Text>}
            </Flex>
            <Flex gap={8} wrap>
              <Button type="primary" data-testid="hit-confirm" icon={<CheckOutlined />} loading={pending('confirmed')} disabled={review.isPending} onClick={() => decide('confirmed')}>
                {t('hits.confirm')}
              </Button>
              <Button danger data-testid="hit-dismiss" icon={<CloseOutlined />} loading={pending('dismissed')} disabled={review.isPending} onClick={() => decide('dismissed')}>
                {t('hits.dismiss')}
              </Button>
              {hit.review.status !== 'pending' && (
                <Button data-testid="hit-reset" icon={<UndoOutlined />} loading={pending('pending')} disabled={review.isPending} onClick={() => decide('pending')}>
                  {t('hits.resetReview')}
                </Button>
              )}
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}
