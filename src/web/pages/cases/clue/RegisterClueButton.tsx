import { FileAddOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import { useRegisterHitClue } from '../../../api/cases';
import { useCurrentSession } from '../../../api/session';
import { reportCaseError } from '../shared';

/**
 * 登记为线索: a confirmed hit enters the clue register with its evidence. A hit registered
 * before opens the clue it became.
 */
export function RegisterClueButton({ hit }: { hit: { id: string; review: { status: string } } }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { permissions, user } = useCurrentSession();
  const register = useRegisterHitClue();
  if (hit.review.status !== 'confirmed' || !permissions.includes('clue:create') || user.organization.kind === 'agency') return null;
  return (
    <Button
      type="primary"
      icon={<FileAddOutlined />}
      loading={register.isPending}
      onClick={() =>
        register.mutate(
          { hitId: hit.id },
          {
            onSuccess: ({ clue }) => {
              void message.success(t('cases:clues.registered', { number: clue.number }));
              void navigate(`/clues/${clue.id}`);
            },
            onError: (error) => {
              const existing = error instanceof ApiError && error.code === 'already_registered' ? error.body.clueId : undefined;
              if (typeof existing === 'string') {
                void message.info(t('cases:errors.already_registered'));
                void navigate(`/clues/${existing}`);
              } else {
                reportCaseError(error, message);
              }
            },
          },
        )
      }
    >
      {t('cases:clues.fromHit')}
    </Button>
  );
}
